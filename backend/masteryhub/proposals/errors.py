from __future__ import annotations

from masteryhub.errors import Conflict, InvalidTransition


class NotAProposal(InvalidTransition):
    title = "Only a proposed entry can be accepted or rejected"


class SchoolNotWithdrawn(Conflict):
    code = "school_not_withdrawn"
    title = "The school has not withdrawn from the work group"


class NothingToRecover(Conflict):
    code = "nothing_to_recover"
    title = "The school has no accepted grant from this work group to recover"
