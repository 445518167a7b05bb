"""The reports: `GET /reports/release-days` (what the hub owes which school for what, per
specialist and per funded school), `GET /reports/release-days/entries` (one line per ledger
entry, for a finance officer) — each as JSON or, with `Accept: text/csv`, CSV — and
`GET /reports/engagement` (schools' work-group engagement).

``engagement_router`` is registered beside the delivery areas, ``router`` beside the ledger."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse

from masteryhub.auth.dependencies import STAFF_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.domain.academic_year import (
    ACADEMIC_YEAR_PATTERN,
    InvalidAcademicYear,
    academic_year_start_year,
)
from masteryhub.errors import FieldError, ValidationFailed, problem_responses
from masteryhub.kit.pagination import DEFAULT_LIMIT, MAX_LIMIT
from masteryhub.kit.responses import serialised
from masteryhub.kit.routing import AppRoute
from masteryhub.models.release_day_entry import EntryStatus
from masteryhub.reports import service
from masteryhub.reports.repository import EntryFilter
from masteryhub.reports.schemas import EngagementReport, EntryExport, ReleaseDayReport
from masteryhub.reports.spreadsheets import CSV, csv_chunks, render_csv
from masteryhub.specialists.params import AcademicYear

router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)
engagement_router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)

ReportReader = Annotated[Principal, Depends(Allow(roles=STAFF_ROLES, scopes={Scope.LEDGER_READ}))]
ExportReader = ReportReader
EngagementReader = Annotated[Principal, Depends(Allow(STAFF_ROLES, scopes={Scope.DELIVERY_READ}))]


@router.get(
    "/release-days",
    operation_id="reports-release-days",
    response_model=ReleaseDayReport,
    summary="Release days and money per specialist and per funded school (JSON or CSV)",
    description="Send `Accept: text/csv` for the same report as CSV: one line per specialist, "
    "one per funded school and a total line, amounts in pence.",
    responses={
        200: {
            "description": "The report",
            "content": {CSV: {"schema": {"type": "string"}}},
        }
    },
)
async def release_day_report(
    session: DbSession,
    principal: ReportReader,
    academic_year: AcademicYear,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Any:
    report = await service.build_report(
        session, academic_year, hub_id if principal.is_national else None
    )
    if accept and CSV in accept.lower():
        filename = f"release-days-{academic_year.replace('/', '-')}.csv"
        return Response(
            render_csv(report),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return serialised(report)


@router.get(
    "/release-days/entries",
    operation_id="reports-release-day-entries",
    response_model=EntryExport,
    summary="Every ledger entry of an academic year, one line each, for finance (JSON or CSV)",
    description="Filters: `status`, `school_urn` (the school funded), `specialist_id`, "
    "`from`/`to` (dates worked, inclusive), `hub_id` (national admins). JSON pages by "
    "`limit`/`cursor` (oldest first) with `totals` for the whole filter, in pence. "
    "`Accept: text/csv` streams every matching entry (no paging) as a download: human "
    "headings, amounts in pounds with two decimals (`350.00`, `-350.00`), text that would "
    "start a spreadsheet formula prefixed with an apostrophe, and no total line.",
    responses={
        200: {"description": "The entries", "content": {CSV: {"schema": {"type": "string"}}}},
        **problem_responses(400, 422),
    },
)
async def release_day_entries(
    request: Request,
    session: DbSession,
    principal: ExportReader,
    academic_year: AcademicYear,
    status: EntryStatus | None = None,
    school_urn: Annotated[str | None, Query(max_length=6, description="The school funded.")] = None,
    specialist_id: uuid.UUID | None = None,
    from_date: Annotated[
        date | None, Query(alias="from", description="First date worked (inclusive).")
    ] = None,
    to_date: Annotated[
        date | None, Query(alias="to", description="Last date worked (inclusive).")
    ] = None,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="JSON page size.")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="JSON: the previous page's cursor.")] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Any:
    if from_date is not None and to_date is not None and to_date < from_date:
        raise ValidationFailed(
            errors=[FieldError(field="to", message="The end date is before the start date.")]
        )
    entries = EntryFilter(
        academic_year=academic_year,
        hub_id=hub_id if principal.is_national else None,
        status=status,
        school_urn=school_urn,
        specialist_id=specialist_id,
        from_date=from_date,
        to_date=to_date,
    )
    if accept and CSV in accept.lower():
        lines = await service.entry_lines(session, entries.lines())
        filename = f"release-day-entries-{academic_year.replace('/', '-')}.csv"
        return StreamingResponse(
            csv_chunks(lines),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    settings = request.app.state.settings
    lines, next_cursor, totals = await service.entries_page(
        session, settings, entries, limit, cursor
    )
    headers = {}
    if next_cursor is not None:
        url = request.url.include_query_params(cursor=next_cursor)
        headers["Link"] = f'<{url}>; rel="next"'
    export = EntryExport(
        academic_year=academic_year, items=lines, next_cursor=next_cursor, totals=totals
    )
    # Serialised once here: FastAPI would validate every line against the model again.
    return Response(export.model_dump_json(), media_type="application/json", headers=headers)


@engagement_router.get(
    "/engagement",
    operation_id="reports-engagement",
    response_model=EngagementReport,
    summary="Schools' work-group engagement in an academic year: signed up vs completed",
)
async def read_engagement(
    session: DbSession,
    _principal: EngagementReader,
    academic_year: Annotated[str, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2021/22"])],
) -> EngagementReport:
    try:
        academic_year_start_year(academic_year)
    except InvalidAcademicYear as exc:
        raise ValidationFailed(
            errors=[FieldError(field="academic_year", message=str(exc))]
        ) from exc
    return await service.engagement(session, academic_year)
