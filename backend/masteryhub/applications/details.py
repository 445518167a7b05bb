"""What the application page shows beside the application itself: the reference's state
and chasers, the outcome and its reasons, places filled, the interview, and the programme's
outcome reasons, the review summary for those who may see it. A fixed number of queries per
application."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications import interviews
from masteryhub.applications.references.repository import ReferenceRequestRepository
from masteryhub.applications.references.service import resend_available_at
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.reviews import service as reviews
from masteryhub.applications.schemas import (
    ApplicationDetail,
    ApplicationRead,
    ChaserRead,
    OutcomeRead,
    OutcomeReasonRead,
    Places,
    PlacesCount,
    ReferenceResendRecord,
    ReferenceState,
)
from masteryhub.auth.principals import Principal
from masteryhub.hubs.repository import HubRepository
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.programmes.repository import ProgrammeRepository


async def reference_state(
    session: AsyncSession, application: Application, now: datetime
) -> ReferenceState:
    references = ReferenceRequestRepository(session)
    links = await references.of_application(application.id)
    chasers = await references.chasers_of(application.id)
    sent = [link.created_at for link in links if link.reminded_at is None]
    if application.headteacher_statement_received_at is not None:
        state = "received"
    elif application.headteacher_declined_at is not None:
        state = "declined"
    elif application.status is ApplicationStatus.AWAITING_REFERENCE:
        state = "awaiting"
    else:
        state = "not_needed"
    return ReferenceState(
        state=state,
        last_sent_at=max(sent) if sent else None,
        link_outstanding=any(
            link.used_at is None and link.revoked_at is None and link.expires_at > now
            for link in links
        ),
        resend_available_at=resend_available_at(application),
        declined_at=application.headteacher_declined_at,
        decline_reason=application.headteacher_decline_reason,
        chasers=[
            ChaserRead(recipient=c.recipient.value, day=c.day, sent_at=c.sent_at) for c in chasers
        ],
    )


async def places(session: AsyncSession, application: Application) -> Places:
    """Appointed against places, for the application's hub and across the cohort (a count
    over every hub: figures only, no other hub's records)."""
    cohort = application.cohort
    by_hub = await ApplicationRepository(session).appointed_by_hub(cohort.id)
    per_hub = cohort.places_per_hub
    hubs = await HubRepository(session).count() if per_hub else None
    return Places(
        hub=PlacesCount(filled=by_hub.get(application.hub_id, 0), total=per_hub),
        cohort=PlacesCount(
            filled=sum(by_hub.values()),
            total=None if per_hub is None or hubs is None else per_hub * hubs,
        ),
    )


async def extras(
    session: AsyncSession, application: Application, now: datetime
) -> dict[str, object]:
    """The fields ApplicationDetail adds (needs ``cohort`` loaded)."""
    available = await ProgrammeRepository(session).outcome_reasons(application.cohort.programme_id)
    labels = {r.code: r.label for r in available}
    outcome = None
    if application.outcome_reasons or application.outcome_feedback:
        outcome = OutcomeRead(
            reasons=[
                OutcomeReasonRead(code=code, label=labels.get(code, code))
                for code in application.outcome_reasons
            ],
            feedback=application.outcome_feedback,
        )
    interview = await ApplicationRepository(session).interview_of(application.id)
    return {
        "reference_status": await reference_state(session, application, now),
        "outcome": outcome,
        "places": await places(session, application),
        "interview": interviews.read(interview) if interview is not None else None,
        "outcome_reasons_available": [
            OutcomeReasonRead(code=r.code, label=r.label) for r in available
        ],
    }


async def detail(
    session: AsyncSession, principal: Principal, application: Application, now: datetime
) -> ApplicationDetail:
    """Everything the application page shows (needs ``cohort`` loaded)."""
    resends = [
        ReferenceResendRecord(
            sent_at=event.created_at,
            sent_to=(event.after or {}).get("sent_to"),
            sent_by=event.actor_label,
        )
        for event in await ApplicationRepository(session).reference_resends_of(application.id)
    ]
    return ApplicationDetail(
        **ApplicationRead.of(application, now).model_dump(),
        review_summary=await reviews.summary_for(session, principal, application),
        reference_resends=resends,
        **await extras(session, application, now),
    )
