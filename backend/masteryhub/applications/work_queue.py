"""A hub lead's work queue: what is waiting on the hub, as counts, in a constant number of
queries (the dashboard's request budget), each hub-scoped like every query (kit.tenancy)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.schemas import AwaitingReview, ReviewCountBucket, WorkQueue
from masteryhub.release_confirmations.repository import ReleaseConfirmationRepository
from masteryhub.release_confirmations.service import schools_without_head_email
from masteryhub.release_days.repository import ReleaseDayEntryRepository


async def summary(session: AsyncSession, now: datetime, cohort_code: str | None) -> WorkQueue:
    applications = ApplicationRepository(session)
    overdue, waiting = await applications.overdue_and_waiting(now, cohort_code)
    buckets = await applications.complete_by_review_count(cohort_code)
    claims, proposals = await ReleaseDayEntryRepository(session).awaiting_decision()
    return WorkQueue(
        disputes_open=await ReleaseConfirmationRepository(session).open_disputes(),
        schools_without_head_email=await schools_without_head_email(session, now),
        references_overdue=overdue,
        awaiting_review=AwaitingReview(
            count=sum(count for _, count in buckets),
            by_review_count=[ReviewCountBucket(reviews=r, count=c) for r, c in buckets],
        ),
        decisions_waiting=waiting,
        claims_awaiting_approval=claims,
        proposals_waiting=proposals,
        by_status=await applications.count_by_status(cohort_code),
    )
