from __future__ import annotations

from masteryhub.errors import InvalidTransition


class NotAProposal(InvalidTransition):
    title = "Only a proposed entry can be accepted or rejected"
