"""`GET /reports/release-days/entries`: one line per ledger entry, for a finance officer.

JSON pages through the entries by keyset (date, id) with the totals of the whole filter;
`Accept: text/csv` streams every entry (no paging) with amounts in pounds. Both take a constant
number of statements whatever the number of entries: the entries (joined to their specialist
and school), the approvers' names, and (JSON) the totals — summed by the database from the same
entries as `GET /reports/release-days`, so the two reconcile to the penny.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.dependencies import STAFF_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.domain.academic_year import utc_to_london_wall_time
from masteryhub.domain.activities import ACTIVITY_LABELS, Activity
from masteryhub.errors import FieldError, ValidationFailed, problem_responses
from masteryhub.kit.pagination import DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, encode_cursor
from masteryhub.kit.routing import AppRoute
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import User
from masteryhub.release_days.schemas import Currency, days_of
from masteryhub.specialists.params import AcademicYear

router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)

CSV = "text/csv"
SORT_KEY = "entries"
ExportReader = Annotated[Principal, Depends(Allow(roles=STAFF_ROLES, scopes={Scope.LEDGER_READ}))]


class EntryLine(BaseModel):
    id: uuid.UUID
    date: date
    specialist_id: uuid.UUID
    specialist_name: str
    school_urn: str
    school_name: str
    la_name: str | None
    kind: EntryKind
    activity: str | None
    activity_label: str = Field(description="The activity, grant or travel, in words.")
    grant_code: str | None
    days: float = Field(description="Negative on a reversal; 0 on money-only entries.")
    day_rate_pence: int | None
    amount_pence: int = Field(description="Negative on a reversal.")
    status: EntryStatus
    recorded_by_label: str
    approved_by_label: str | None
    approved_at: datetime | None
    paid_at: datetime | None
    payment_reference: str | None
    evidence_type: EvidenceType | None
    evidence_id: uuid.UUID | None
    reverses_id: uuid.UUID | None


class EntryTotals(BaseModel):
    days: float = Field(description="Net of reversals.")
    amount_pence: int = Field(description="Net of reversals.")


class EntryExport(BaseModel):
    academic_year: str
    currency: Currency = "GBP"
    items: list[EntryLine]
    next_cursor: str | None
    totals: EntryTotals = Field(
        description="Of every entry the filter matches (all pages). With no status filter, "
        "`amount_pence` is the release-day report's `claimed_pence`; with `status=paid`, its "
        "`paid_pence`."
    )


@dataclass(frozen=True)
class EntryFilter:
    academic_year: str
    hub_id: uuid.UUID | None = None
    status: EntryStatus | None = None
    school_urn: str | None = None
    specialist_id: uuid.UUID | None = None
    from_date: date | None = None
    to_date: date | None = None

    def apply(self, statement: Any) -> Any:
        entry = ReleaseDayEntry
        statement = statement.where(entry.academic_year == self.academic_year)
        if self.hub_id is not None:
            statement = statement.where(entry.hub_id == self.hub_id)
        if self.status is not None:
            statement = statement.where(entry.status == self.status)
        if self.school_urn is not None:
            statement = statement.where(
                entry.school_id.in_(select(School.id).where(School.urn == self.school_urn))
            )
        if self.specialist_id is not None:
            statement = statement.where(entry.specialist_id == self.specialist_id)
        if self.from_date is not None:
            statement = statement.where(entry.worked_on >= self.from_date)
        if self.to_date is not None:
            statement = statement.where(entry.worked_on <= self.to_date)
        return statement

    def lines(self) -> Any:
        entry = ReleaseDayEntry
        statement = (
            select(
                entry,
                Specialist.first_name,
                Specialist.last_name,
                School.urn,
                School.name,
                School.la_name,
            )
            .join(Specialist, Specialist.id == entry.specialist_id)
            .join(School, School.id == entry.school_id)
        )
        return self.apply(statement).order_by(entry.worked_on, entry.id)

    def totals(self) -> Any:
        entry = ReleaseDayEntry
        return self.apply(
            select(
                func.coalesce(func.sum(entry.half_days), 0),
                func.coalesce(func.sum(entry.amount_pence), 0),
            )
        )


def activity_label(kind: EntryKind, activity: str | None, grant_code: str | None) -> str:
    named = ACTIVITY_LABELS.get(Activity(activity)) if activity in set(Activity) else None
    if kind is EntryKind.GRANT:
        grant = (grant_code or "").replace("_", " ").strip().capitalize()
        return f"Grant: {grant}" if grant else "Grant"
    if kind is EntryKind.TRAVEL:
        return f"Travel: {named}" if named else "Travel"
    return named or (activity or "")


async def _approvers(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    # A national admin who approved has no hub: their name is looked up across hubs (only the
    # names of people who approved the caller's own hub's entries are read).
    rows = await session.execute(
        select(User.id, User.name).where(User.id.in_(ids)).execution_options(all_hubs=True)
    )
    return {row.id: row.name for row in rows}


def _line(row: Any, approvers: dict[uuid.UUID, str]) -> EntryLine:
    entry: ReleaseDayEntry = row[0]
    return EntryLine(
        id=entry.id,
        date=entry.worked_on,
        specialist_id=entry.specialist_id,
        specialist_name=f"{row.first_name} {row.last_name}",
        school_urn=row.urn,
        school_name=row.name,
        la_name=row.la_name,
        kind=entry.kind,
        activity=entry.activity,
        activity_label=activity_label(entry.kind, entry.activity, entry.grant_code),
        grant_code=entry.grant_code,
        days=days_of(entry.half_days),
        day_rate_pence=entry.day_rate_pence,
        amount_pence=entry.amount_pence,
        status=entry.status,
        recorded_by_label=entry.recorded_by_label,
        approved_by_label=(
            approvers.get(entry.approved_by_id) if entry.approved_by_id is not None else None
        ),
        approved_at=entry.approved_at,
        paid_at=entry.paid_at,
        payment_reference=entry.payment_reference,
        evidence_type=entry.evidence_type,
        evidence_id=entry.evidence_id,
        reverses_id=entry.reverses_id,
    )


async def _lines(session: AsyncSession, statement: Select[Any]) -> list[EntryLine]:
    rows = (await session.execute(statement)).all()
    approvers = await _approvers(
        session, {row[0].approved_by_id for row in rows if row[0].approved_by_id is not None}
    )
    return [_line(row, approvers) for row in rows]


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────

CSV_HEADINGS = (
    "Date",
    "Specialist",
    "School URN",
    "School",
    "Local authority",
    "Activity or grant",
    "Days",
    "Day rate (£)",
    "Amount (£)",
    "Status",
    "Recorded by",
    "Approved by",
    "Approved at",
    "Paid at",
    "Payment reference",
    "Evidence",
    "Evidence id",
    "Reverses entry",
    "Entry id",
    "Specialist id",
)
# Spreadsheet formula injection (OWASP): text beginning with these is read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EVIDENCE_LABELS = {
    EvidenceType.TRG_MEETING: "TRG meeting",
    EvidenceType.RESIDENTIAL: "Residential",
    EvidenceType.WORK_GROUP_SESSION: "Work group session",
    EvidenceType.WORK_GROUP: "Work group",
}
STATUS_LABELS = {
    EntryStatus.CLAIMED: "Claimed",
    EntryStatus.APPROVED: "Approved",
    EntryStatus.PAID: "Paid",
}


def pounds(pence: int | None) -> str:
    """Integer pence as pounds with two decimals, exactly: -35000 → "-350.00"."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def text_cell(value: object) -> str:
    """Text as a spreadsheet must show it: a cell that would start a formula is prefixed with
    an apostrophe. Numbers are written by `pounds` and `days_cell`, never through this."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def days_cell(days: float) -> str:
    return f"{days:g}"


def _london(instant: datetime | None) -> str:
    return "" if instant is None else f"{utc_to_london_wall_time(instant):%Y-%m-%d %H:%M}"


def csv_row(line: EntryLine) -> list[str]:
    return [
        line.date.isoformat(),
        text_cell(line.specialist_name),
        text_cell(line.school_urn),
        text_cell(line.school_name),
        text_cell(line.la_name),
        text_cell(line.activity_label),
        days_cell(line.days),
        pounds(line.day_rate_pence),
        pounds(line.amount_pence),
        STATUS_LABELS[line.status],
        text_cell(line.recorded_by_label),
        text_cell(line.approved_by_label),
        _london(line.approved_at),
        _london(line.paid_at),
        text_cell(line.payment_reference),
        EVIDENCE_LABELS[line.evidence_type] if line.evidence_type else "",
        str(line.evidence_id or ""),
        str(line.reverses_id or ""),
        str(line.id),
        str(line.specialist_id),
    ]


def csv_chunks(lines: Sequence[EntryLine], batch: int = 500) -> Iterator[str]:
    """The CSV in pieces of ``batch`` rows, headings first; one row per entry, no total row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADINGS)
    for start in range(0, len(lines), batch):
        writer.writerows(csv_row(line) for line in lines[start : start + batch])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


# ── the endpoint ─────────────────────────────────────────────────────────────────────────────


def _after(values: list[Any]) -> Any:
    entry = ReleaseDayEntry
    worked_on, entry_id = values
    return or_(entry.worked_on > worked_on, and_(entry.worked_on == worked_on, entry.id > entry_id))


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
        lines = await _lines(session, entries.lines())
        filename = f"release-day-entries-{academic_year.replace('/', '-')}.csv"
        return StreamingResponse(
            csv_chunks(lines),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    settings = request.app.state.settings
    statement = entries.lines()
    if cursor:
        statement = statement.where(_after(decode_cursor(settings, cursor, 2, sort_key=SORT_KEY)))
    lines = await _lines(session, statement.limit(limit + 1))
    next_cursor, headers = None, {}
    if len(lines) > limit:
        lines = lines[:limit]
        next_cursor = encode_cursor(settings, [lines[-1].date, lines[-1].id], sort_key=SORT_KEY)
        url = request.url.include_query_params(cursor=next_cursor)
        headers["Link"] = f'<{url}>; rel="next"'
    half_days, amount = (await session.execute(entries.totals())).one()
    export = EntryExport(
        academic_year=academic_year,
        items=lines,
        next_cursor=next_cursor,
        totals=EntryTotals(days=days_of(int(half_days)), amount_pence=int(amount)),
    )
    # Serialised once here: FastAPI would validate every line against the model again.
    return Response(export.model_dump_json(), media_type="application/json", headers=headers)
