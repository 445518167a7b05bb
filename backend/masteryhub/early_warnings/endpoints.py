"""`GET /reports/early-warnings` and `GET /early-warning-rules`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from masteryhub.auth.dependencies import Staff
from masteryhub.db import DbSession
from masteryhub.early_warnings import service
from masteryhub.early_warnings.schemas import EarlyWarningReport, EarlyWarningRuleList
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.routing import AppRoute
from masteryhub.models.early_warning_rule import WarningStatus
from masteryhub.specialists.params import AcademicYear

router = APIRouter(tags=["early-warnings"], route_class=AppRoute)


@router.get(
    "/reports/early-warnings",
    operation_id="early-warnings-report",
    response_model=EarlyWarningReport,
    summary="Each active specialist's status for the year (on track, at risk, behind), with why",
    description="The early-warning rules (`GET /early-warning-rules`) applied to each active "
    "specialist's year so far: residentials, school and pilot TRGs, work groups led and "
    "release days used. Hub staff: their hub's specialists; national admins: every hub's, or "
    "one hub's with `hub_id`.",
    responses=problem_responses(422),
)
async def read_early_warnings(
    session: DbSession,
    principal: Staff,
    now: Now,
    academic_year: AcademicYear,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
    status: Annotated[WarningStatus | None, Query(description="Only this status.")] = None,
) -> EarlyWarningReport:
    return await service.report(session, principal, academic_year, now, hub_id, status)


@router.get(
    "/early-warning-rules",
    operation_id="early-warnings-rules",
    response_model=EarlyWarningRuleList,
    summary="The early-warning rules, per programme year, in the order they are applied",
)
async def list_early_warning_rules(session: DbSession, _principal: Staff) -> EarlyWarningRuleList:
    return EarlyWarningRuleList(items=await service.list_rules(session))
