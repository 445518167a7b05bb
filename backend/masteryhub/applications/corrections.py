"""Hub staff correcting an application: contact details, answers, the headteacher, the school.

Nothing here sets status, hub, reference or screening directly: screening follows from the
answers and the school, and the hub from the school (applications.matching).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications import matching
from masteryhub.applications.errors import ApplicationDecided
from masteryhub.applications.references import service as references
from masteryhub.applications.schemas import ApplicationUpdate
from masteryhub.applications.screening import screen
from masteryhub.applications.transitions import DECIDED
from masteryhub.auth.dependencies import LEAD_ROLES
from masteryhub.auth.principals import Principal
from masteryhub.errors import FieldError, Forbidden, ValidationFailed
from masteryhub.kit import audit
from masteryhub.models.application import Application, ApplicationStatus

SCREENED_ANSWERS = frozenset(
    {"has_qts", "years_teaching_maths", "teaching_maths_half_days_per_week"}
)


async def update_application(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    data: ApplicationUpdate,
    *,
    now: datetime,
    base_url: str,
    resend_reference: bool,
) -> None:
    """Apply a correction. Needs ``cohort`` (with its programme), ``hub`` and ``school``
    loaded. Audited once with before/after of what changed; a school match is audited on its
    own (both hubs when it moves)."""
    if application.status in DECIDED:
        raise ApplicationDecided(
            f"The application is {application.status.value}: a decided application can no "
            "longer be corrected."
        )
    school = None
    if data.school_urn is not None and (
        data.school_urn != application.school_urn or application.school_id is None
    ):
        school = await matching.find_school(session, data.school_urn)
        if school is None:
            raise ValidationFailed(
                "No school has that URN.",
                errors=[
                    FieldError(
                        field="school_urn",
                        message="No school with this URN is in GIAS: check it, or import the "
                        "latest GIAS file first.",
                    )
                ],
            )
    before = audit.snapshot(application)
    fields = data.model_dump(exclude_unset=True)
    applicant = fields.pop("applicant", None) or {}
    head = fields.pop("headteacher", None) or {}
    fields.pop("school_urn", None)
    for name, value in applicant.items():
        if name in {"first_name", "last_name"} and value is None:
            continue
        if name == "email":
            if value is None:
                continue
            value = value.lower()
        setattr(application, f"applicant_{name}", value)
    if "days_teaching_maths_per_week" in fields:
        days = fields.pop("days_teaching_maths_per_week")
        application.teaching_maths_half_days_per_week = None if days is None else round(days * 2)
    for name, value in fields.items():
        if name == "additional_statuses":
            value = [str(s) for s in value or []]
        if value is None and name in {"has_qts", "statement"}:
            continue  # required answers cannot be emptied
        if name == "criteria_evidence" and value is None:
            value = {}
        setattr(application, name, value)
    email_changed = False
    if head.get("name"):
        application.headteacher_name = head["name"]
    if head.get("email") and head["email"].lower() != application.headteacher_email:
        if actor.role not in LEAD_ROLES:
            # Whoever picks the address could answer the reference themselves (as for a
            # re-send to a different address): a hub lead's decision.
            raise Forbidden("Only a hub lead can change the headteacher's email address.")
        application.headteacher_email = head["email"].lower()
        email_changed = True
    after = audit.snapshot(application)
    programme = application.cohort.programme.code
    if any(before.get(k) != after.get(k) for k in SCREENED_ANSWERS) and school is None:
        application.screening = screen(
            programme, matching.answers_of(application), application.school
        )
    if email_changed:
        # The old address never gave the reference: its links stop working at once, and the
        # staff's next re-send is not held back by the 48-hour rule.
        application.reference_resent_at = None
        await references.revoke_open_links(session, application, now)
    await session.flush()
    await audit.record(session, actor, "application.updated", application, before=before)
    if school is not None:
        await matching.match_school(session, actor, application, school, programme)
    if (
        email_changed
        and resend_reference
        and application.status is ApplicationStatus.AWAITING_REFERENCE
    ):
        await references.send_new_link(session, actor, application, now=now, base_url=base_url)
