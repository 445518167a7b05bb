"""`GET /reports/applications-by-status`: how many of the hub's applications stand at each
status, for the dashboard's chart.

One GROUP BY statement; tenancy (kit/tenancy.py) limits it to the caller's hub, so a national
admin, who carries no hub, counts every hub's. Every status is in the answer, zero when none.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.access import Reader
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.schemas import ApplicationsByStatus, StatusCount
from masteryhub.db import DbSession
from masteryhub.kit.routing import AppRoute
from masteryhub.models.application import ApplicationStatus

router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)


async def applications_by_status(
    session: AsyncSession, cohort_code: str | None
) -> ApplicationsByStatus:
    counted = await ApplicationRepository(session).status_counts(cohort_code)
    statuses = [StatusCount(status=s, count=counted.get(s, 0)) for s in ApplicationStatus]
    return ApplicationsByStatus(
        cohort_code=cohort_code or None,
        statuses=statuses,
        total=sum(line.count for line in statuses),
    )


@router.get(
    "/applications-by-status",
    operation_id="reports-applications-by-status",
    response_model=ApplicationsByStatus,
    summary="How many of the hub's applications stand at each status",
)
async def read_applications_by_status(
    session: DbSession,
    _principal: Reader,
    cohort_code: Annotated[
        str | None, Query(description="Count one cohort's applications only.")
    ] = None,
) -> ApplicationsByStatus:
    return await applications_by_status(session, cohort_code)
