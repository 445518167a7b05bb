"""`GET /reports/hubs` (the roll-up by hub) and `GET /reports/coverage` (England's schools)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response

from masteryhub.auth.dependencies import Staff
from masteryhub.db import DbSession
from masteryhub.early_warnings.service import needing_attention_per_hub
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.routing import AppRoute
from masteryhub.national import service
from masteryhub.national.schemas import CoverageBy, CoverageReport, HubRollup
from masteryhub.specialists.params import AcademicYear

router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)

CSV = "text/csv"


def _wants_csv(accept: str | None) -> bool:
    return bool(accept and CSV in accept.lower())


@router.get(
    "/hubs",
    operation_id="reports-hubs",
    response_model=HubRollup,
    summary="Every hub's figures for an academic year, with national totals (JSON or CSV)",
    description="National admins: a row per hub; hub staff: their own hub's row. Send "
    "`Accept: text/csv` for one line per hub and a total line, amounts in pence.",
    responses={
        200: {"description": "The roll-up", "content": {CSV: {"schema": {"type": "string"}}}},
        **problem_responses(422),
    },
)
async def read_hub_rollup(
    session: DbSession,
    principal: Staff,
    now: Now,
    academic_year: AcademicYear,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Any:
    service.check_academic_year(academic_year)
    at_risk = await needing_attention_per_hub(session, principal, academic_year, now)
    report = await service.hub_rollup(session, principal, academic_year, at_risk)
    if _wants_csv(accept):
        filename = f"hubs-{academic_year.replace('/', '-')}.csv"
        return Response(
            service.rollup_csv(report),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return Response(report.model_dump_json(), media_type="application/json")


@router.get(
    "/coverage",
    operation_id="reports-coverage",
    response_model=CoverageReport,
    summary="Coverage of England's state-funded open schools: engaged and with a specialist",
    description="Schools engaged in the year (a work-group place, or a TRG meeting hosted or "
    "attended) and schools with an active specialist, against state-funded open schools in "
    "England from GIAS, by hub, region, LA or phase and split by phase. A school counts once "
    "in a total however many hubs engaged it; by hub, once in each hub that engaged it "
    "(against the schools in that hub's area). Hub staff see their own area.",
    responses=problem_responses(422),
)
async def read_coverage(
    session: DbSession,
    principal: Staff,
    academic_year: AcademicYear,
    by: Annotated[CoverageBy, Query(description="The breakdown of the rows.")] = CoverageBy.REGION,
) -> CoverageReport:
    return await service.coverage(session, principal, academic_year, by)
