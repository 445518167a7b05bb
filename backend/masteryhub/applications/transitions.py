"""The application status machine, in one table.

    submitted → awaiting_reference → complete → shortlisted → interview → appointed
                          └──────────→ complete (statement came with the form)
    interview → reserve → appointed (a place freed by a withdrawal is offered)
    complete | shortlisted | interview | reserve → not_appointed
    any undecided status → withdrawn

``submitted`` and ``awaiting_reference``/``complete`` are moved by the system (intake and the
headteacher's reference); people move the rest through POST /applications/{id}/transitions.
"""

from __future__ import annotations

from masteryhub.errors import InvalidTransition
from masteryhub.models.application import Application, ApplicationStatus

S = ApplicationStatus

TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.SUBMITTED: frozenset({S.AWAITING_REFERENCE, S.COMPLETE, S.WITHDRAWN}),
    S.AWAITING_REFERENCE: frozenset({S.COMPLETE, S.WITHDRAWN}),
    S.COMPLETE: frozenset({S.SHORTLISTED, S.NOT_APPOINTED, S.WITHDRAWN}),
    S.SHORTLISTED: frozenset({S.INTERVIEW, S.NOT_APPOINTED, S.WITHDRAWN}),
    S.INTERVIEW: frozenset({S.RESERVE, S.APPOINTED, S.NOT_APPOINTED, S.WITHDRAWN}),
    S.RESERVE: frozenset({S.APPOINTED, S.NOT_APPOINTED, S.WITHDRAWN}),
    S.APPOINTED: frozenset(),
    S.NOT_APPOINTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Moves only the system makes (intake, the headteacher's reference).
SYSTEM_ONLY = frozenset({S.SUBMITTED, S.AWAITING_REFERENCE, S.COMPLETE})
# Decisions are the hub lead's (product.md: "Decisions by hub leads").
DECISIONS = frozenset({S.APPOINTED, S.NOT_APPOINTED})
DECIDED = frozenset({S.APPOINTED, S.NOT_APPOINTED, S.WITHDRAWN})
REVIEWABLE = frozenset({S.COMPLETE, S.SHORTLISTED, S.INTERVIEW, S.RESERVE})


# How a refusal names where an application stands, and what was asked of it, in words.
STANDING = {
    S.SUBMITTED: "just submitted",
    S.AWAITING_REFERENCE: "waiting for the headteacher's reference",
    S.COMPLETE: "complete",
    S.SHORTLISTED: "shortlisted",
    S.INTERVIEW: "at interview",
    S.RESERVE: "on the reserve list",
    S.APPOINTED: "appointed",
    S.NOT_APPOINTED: "not appointed",
    S.WITHDRAWN: "withdrawn",
}
ASKED = {
    S.SUBMITTED: "returned to submitted",
    S.AWAITING_REFERENCE: "sent back to wait for a reference",
    S.COMPLETE: "marked complete",
    S.SHORTLISTED: "shortlisted",
    S.INTERVIEW: "moved to interview",
    S.RESERVE: "put on the reserve list",
    S.APPOINTED: "appointed",
    S.NOT_APPOINTED: "decided not appointed",
    S.WITHDRAWN: "withdrawn",
}


def can_move(current: ApplicationStatus, target: ApplicationStatus) -> bool:
    return target in TRANSITIONS[current]


def move(application: Application, target: ApplicationStatus) -> None:
    """Change the status, or refuse with 409 invalid_transition."""
    if not can_move(application.status, target):
        allowed = sorted(s.value for s in TRANSITIONS[application.status])
        raise InvalidTransition(
            f"This application is {STANDING[application.status]}, so it cannot be "
            f"{ASKED[target]}."
            + (
                f" It can be {', or '.join(ASKED[S(status)] for status in allowed)}."
                if allowed
                else " It has been decided."
            ),
            extra={"allowed": allowed},
        )
    application.status = target
