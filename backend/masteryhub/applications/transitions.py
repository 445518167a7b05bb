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


def can_move(current: ApplicationStatus, target: ApplicationStatus) -> bool:
    return target in TRANSITIONS[current]


def move(application: Application, target: ApplicationStatus) -> None:
    """Change the status, or refuse with 409 invalid_transition."""
    if not can_move(application.status, target):
        allowed = sorted(s.value for s in TRANSITIONS[application.status])
        raise InvalidTransition(
            f"An application that is {application.status.value} cannot become "
            f"{target.value}."
            + (f" It can become: {', '.join(allowed)}." if allowed else " It is decided."),
            extra={"allowed": allowed},
        )
    application.status = target
