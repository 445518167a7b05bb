"""A hub lead's work queue: what is waiting on the hub, as counts, in a constant number of
queries (the dashboard's request budget). Hub-scoped like every query (kit.tenancy)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.schemas import AwaitingReview, ReviewCountBucket, WorkQueue
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.cohort import Cohort
from masteryhub.models.release_day_entry import EntryStatus, ReleaseDayEntry
from masteryhub.models.review import Review
from masteryhub.release_confirmations.repository import ReleaseConfirmationRepository
from masteryhub.release_confirmations.service import schools_without_head_email

S = ApplicationStatus
DECISIONS_WAITING = (S.INTERVIEW, S.RESERVE)


async def summary(session: AsyncSession, now: datetime, cohort_code: str | None) -> WorkQueue:
    in_cohort = (
        [Application.cohort_id.in_(select(Cohort.id).where(Cohort.code == cohort_code))]
        if cohort_code
        else []
    )
    overdue, waiting = (
        await session.execute(
            select(
                func.count(
                    case(
                        (
                            (Application.status == S.AWAITING_REFERENCE)
                            & (Application.reference_due_at <= now),
                            1,
                        )
                    )
                ),
                func.count(case((Application.status.in_(DECISIONS_WAITING), 1))),
            )
            # From the entity, so kit.tenancy scopes it to the caller's hub.
            .select_from(Application)
            .where(*in_cohort)
        )
    ).one()
    reviews = (
        select(Application.id, func.count(Review.id).label("reviews"))
        .outerjoin(Review, Review.application_id == Application.id)
        .where(Application.status == S.COMPLETE, *in_cohort)
        .group_by(Application.id)
        .subquery()
    )
    buckets = (
        await session.execute(
            select(reviews.c.reviews, func.count())
            .group_by(reviews.c.reviews)
            .order_by(reviews.c.reviews)
        )
    ).all()
    by_status = dict(
        (
            await session.execute(
                select(Application.status, func.count())
                .where(*in_cohort)
                .group_by(Application.status)
            )
        ).all()
    )
    entry = ReleaseDayEntry
    claims, proposals = (
        await session.execute(
            select(
                func.count(
                    case(((entry.status == EntryStatus.CLAIMED) & entry.reverses_id.is_(None), 1))
                ),
                func.count(case((entry.status == EntryStatus.PROPOSED, 1))),
            )
            .select_from(entry)
            .where(entry.status.in_((EntryStatus.CLAIMED, EntryStatus.PROPOSED)))
        )
    ).one()
    return WorkQueue(
        disputes_open=await ReleaseConfirmationRepository(session).open_disputes(),
        schools_without_head_email=await schools_without_head_email(session, now),
        references_overdue=overdue,
        awaiting_review=AwaitingReview(
            count=sum(count for _, count in buckets),
            by_review_count=[ReviewCountBucket(reviews=r, count=c) for r, c in buckets],
        ),
        decisions_waiting=waiting,
        claims_awaiting_approval=claims or 0,
        proposals_waiting=proposals or 0,
        by_status=by_status,
    )
