"""The emails the pipeline queues, in the caller's transaction (masteryhub.mail outbox).

Every email names the application's reference, which is how erasure finds the emails about
a person even when they went to someone else (people.service). Emails of a new application
or a new link need no dedupe key (nothing could have queued them before); decisions have one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.mail import queue_email
from masteryhub.models.application import Application, ApplicationStatus

# The SPA page a headteacher opens; it calls GET/POST /api/v1/references/{token}.
REFERENCE_PAGE = "/references/{token}"


def reference_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + REFERENCE_PAGE.format(token=token)


def _common(application: Application) -> dict[str, Any]:
    """Needs ``cohort`` and ``hub`` loaded."""
    return {
        "applicant_name": application.applicant_name,
        "reference": application.reference,
        "cohort_name": application.cohort.name,
        "hub_name": application.hub.name,
    }


async def application_received(session: AsyncSession, application: Application) -> None:
    await queue_email(
        session,
        to=application.applicant_email,
        template="application_received",
        context=_common(application)
        | {
            "closes_at": application.cohort.closes_at,
            "headteacher_name": application.headteacher_name,
            "headteacher_reference_requested": (
                application.status is ApplicationStatus.AWAITING_REFERENCE
            ),
        },
        hub_id=application.hub_id,
    )


async def reference_link(
    session: AsyncSession,
    application: Application,
    *,
    url: str,
    expires_at: datetime,
    reminder: bool,
) -> None:
    """The headteacher's link (``reference_request``), or the reminder with a fresh link."""
    await queue_email(
        session,
        to=application.headteacher_email,
        template="reference_reminder" if reminder else "reference_request",
        context=_common(application)
        | {
            "headteacher_name": application.headteacher_name,
            "reference_url": url,
            "link_expires_at": expires_at,
            "closes_at": application.cohort.closes_at,
            "school_name": application.school.name if application.school else None,
        },
        hub_id=application.hub_id,
    )


async def decision(
    session: AsyncSession, application: Application, reasons: list[str] | None = None
) -> None:
    """The outcome, quoting the hub's feedback; ``reasons`` are the labels of a not-appointed
    decision's coded reasons."""
    appointed = application.status is ApplicationStatus.APPOINTED
    await queue_email(
        session,
        to=application.applicant_email,
        template="application_appointed" if appointed else "application_not_appointed",
        context=_common(application)
        | {
            "development_year": application.cohort.development_year,
            "feedback": application.outcome_feedback,
            "reasons": reasons or [],
        },
        hub_id=application.hub_id,
        dedupe_key=f"application-decision:{application.id}",
    )


async def reference_chaser_applicant(session: AsyncSession, application: Application) -> None:
    await queue_email(
        session,
        to=application.applicant_email,
        template="reference_chaser_applicant",
        context=_common(application)
        | {
            "headteacher_name": application.headteacher_name,
            "closes_at": application.cohort.closes_at,
        },
        hub_id=application.hub_id,
    )


async def reference_declined(session: AsyncSession, application: Application) -> None:
    await queue_email(
        session,
        to=application.applicant_email,
        template="reference_declined",
        context=_common(application)
        | {
            "headteacher_name": application.headteacher_name,
            "decline_reason": application.headteacher_decline_reason or "",
        },
        hub_id=application.hub_id,
    )


async def interview_invitation(
    session: AsyncSession,
    application: Application,
    *,
    starts_at: datetime,
    duration_minutes: int,
    location: str | None,
    video_url: str | None,
    sequence: int,
    ics: str,
) -> None:
    await queue_email(
        session,
        to=application.applicant_email,
        template="interview_invitation",
        context=_common(application)
        | {
            "starts_at": starts_at,
            "duration_minutes": duration_minutes,
            "location": location,
            "video_url": video_url,
            "sequence": sequence,
        },
        hub_id=application.hub_id,
        attachments=[
            {
                "filename": "invite.ics",
                "content_type": "text/calendar; method=REQUEST",
                "content": ics,
            }
        ],
    )
