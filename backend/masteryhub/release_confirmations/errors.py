from __future__ import annotations

from masteryhub.applications.errors import Gone
from masteryhub.errors import Conflict, NotFound


class ConfirmationLinkNotFound(NotFound):
    code = "release_confirmation_not_found"
    title = "This confirmation link is not valid"


class ConfirmationAnswered(Gone):
    code = "release_confirmation_answered"
    title = "These release days have already been confirmed"


class ConfirmationLinkExpired(Gone):
    code = "release_confirmation_expired"
    title = "This confirmation link has expired"


class ConfirmationAlreadyAnswered(Conflict):
    code = "release_confirmation_answered"
    title = "The headteacher has already answered"


class NoHeadEmail(Conflict):
    code = "no_head_email"
    title = "No headteacher email on record"


class NotDisputed(Conflict):
    code = "release_confirmation_line_not_disputed"
    title = "Only an open dispute can be resolved"
