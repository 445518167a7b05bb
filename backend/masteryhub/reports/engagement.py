"""School engagement with the hub's work groups per academic year.

Signed up and completed are kept apart: the national programme's evaluation counts only
completed participation (a school the work group's evaluation marked completed), while the
hub also needs to see who signed up. Cancelled work groups count for neither.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.dependencies import STAFF_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.domain.academic_year import (
    ACADEMIC_YEAR_PATTERN,
    InvalidAcademicYear,
    academic_year_start_year,
)
from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.kit.routing import AppRoute
from masteryhub.models.school import School
from masteryhub.models.work_group import WorkGroup, WorkGroupSchool, WorkGroupStatus

router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)

ReportReader = Annotated[Principal, Depends(Allow(STAFF_ROLES, scopes={Scope.DELIVERY_READ}))]


class SchoolEngagement(BaseModel):
    school_id: uuid.UUID
    urn: str
    name: str
    work_groups_signed_up: int = Field(description="Work groups of the year it took part in.")
    work_groups_completed: int = Field(description="Of those, the ones it completed.")


class EngagementTotals(BaseModel):
    schools_signed_up: int
    schools_completed: int = Field(description="Schools that completed at least one.")
    work_group_places_signed_up: int
    work_group_places_completed: int


class EngagementReport(BaseModel):
    academic_year: str
    schools: list[SchoolEngagement]
    totals: EngagementTotals


async def engagement(session: AsyncSession, academic_year: str) -> EngagementReport:
    """One grouped query; tenancy limits the work groups to the caller's hub."""
    completed = func.sum(case((WorkGroupSchool.completed.is_(True), 1), else_=0))
    rows = (
        await session.execute(
            select(
                School.id,
                School.urn,
                School.name,
                func.count(WorkGroupSchool.id),
                completed,
            )
            .join(WorkGroupSchool, WorkGroupSchool.school_id == School.id)
            .join(WorkGroup, WorkGroup.id == WorkGroupSchool.work_group_id)
            .where(
                WorkGroup.academic_year == academic_year,
                WorkGroup.status != WorkGroupStatus.CANCELLED,
            )
            .group_by(School.id, School.urn, School.name)
            .order_by(School.urn)
        )
    ).all()
    schools = [
        SchoolEngagement(
            school_id=school_id,
            urn=urn,
            name=name,
            work_groups_signed_up=signed_up,
            work_groups_completed=int(done or 0),
        )
        for school_id, urn, name, signed_up, done in rows
    ]
    return EngagementReport(
        academic_year=academic_year,
        schools=schools,
        totals=EngagementTotals(
            schools_signed_up=len(schools),
            schools_completed=sum(1 for s in schools if s.work_groups_completed),
            work_group_places_signed_up=sum(s.work_groups_signed_up for s in schools),
            work_group_places_completed=sum(s.work_groups_completed for s in schools),
        ),
    )


@router.get(
    "/engagement",
    operation_id="reports-engagement",
    response_model=EngagementReport,
    summary="Schools' work-group engagement in an academic year: signed up vs completed",
)
async def read_engagement(
    session: DbSession,
    _principal: ReportReader,
    academic_year: Annotated[str, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2021/22"])],
) -> EngagementReport:
    try:
        academic_year_start_year(academic_year)
    except InvalidAcademicYear as exc:
        raise ValidationFailed(
            errors=[FieldError(field="academic_year", message=str(exc))]
        ) from exc
    return await engagement(session, academic_year)
