"""The reports' rules: lines and totals from the repository's rows, each reconciling to the
pence with the ledger (the totals are summed from the entries themselves)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, Select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.config import Settings
from masteryhub.domain.activities import ACTIVITY_LABELS, Activity
from masteryhub.kit.pagination import decode_cursor, encode_cursor
from masteryhub.kit.prepared import ReadRow
from masteryhub.models.release_day_entry import EntryKind, ReleaseDayEntry
from masteryhub.release_days.schemas import days_of
from masteryhub.reports.repository import (
    EntryFilter,
    ReportLine,
    ReportRepository,
    entries_after,
)
from masteryhub.reports.schemas import (
    Amounts,
    EngagementReport,
    EngagementTotals,
    EntryLine,
    EntryTotals,
    SchoolEngagement,
)

ENTRIES_SORT_KEY = "entries"

# ── The release-day report ───────────────────────────────────────────────────────────────────


# Every line's figures, named as the statement names its columns.
AMOUNTS = tuple(Amounts.model_fields)


def _amounts_of(row: ReadRow) -> dict[str, Any]:
    """A report line's ``Amounts`` fields, as the statement shapes them."""
    return {name: row[name] for name in AMOUNTS}


async def build_report(
    session: AsyncSession, academic_year: str, hub_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """The report as ``ReleaseDayReport``'s fields (plain data, read straight from rows the
    statement shapes, and serialised once; the report's tests validate it against the
    model)."""
    rows = await ReportRepository(session).release_days(academic_year, hub_id)
    specialists = []
    schools = []
    entitlement_total = 0
    totals: dict[str, Any] = {}
    for row in rows:
        if row["line"] == ReportLine.SPECIALIST:
            entitlement_total += row["entitlement"]
            specialists.append(
                {
                    "specialist_id": row["id"],
                    "first_name": row["first_name"],
                    "last_name": row["last_name"],
                    "status": row["status"],
                    "cohort_code": row["cohort_code"],
                    "programme_year": row["programme_year"],
                    "school_urn": row["urn"],
                    "school_name": row["name"],
                    "entitlement_days": row["entitlement_days"],
                    "remaining_days": row["remaining_days"],
                    **_amounts_of(row),
                }
            )
        elif row["line"] == ReportLine.SCHOOL:
            school = {"school_id": row["id"], "urn": row["urn"], "name": row["name"]}
            schools.append(school | _amounts_of(row))
        else:
            totals = {
                "entitlement_days": days_of(entitlement_total),
                "remaining_days": days_of(entitlement_total - row["claimed_half_days"]),
                **_amounts_of(row),
            }
    return {
        "academic_year": academic_year,
        "currency": "GBP",
        "specialists": specialists,
        "schools": schools,
        "totals": totals,
    }


# ── The entries export ───────────────────────────────────────────────────────────────────────


def activity_label(kind: EntryKind, activity: str | None, grant_code: str | None) -> str:
    named = ACTIVITY_LABELS.get(Activity(activity)) if activity in set(Activity) else None
    if kind is EntryKind.GRANT:
        grant = (grant_code or "").replace("_", " ").strip().capitalize()
        return f"Grant: {grant}" if grant else "Grant"
    if kind is EntryKind.TRAVEL:
        return f"Travel: {named}" if named else "Travel"
    return named or (activity or "")


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


async def entry_lines(session: AsyncSession, statement: Select[Any]) -> list[EntryLine]:
    repository = ReportRepository(session)
    rows: list[Row[Any]] = await repository.entry_rows(statement)
    approvers = await repository.approver_names(
        {row[0].approved_by_id for row in rows if row[0].approved_by_id is not None}
    )
    return [_line(row, approvers) for row in rows]


async def entries_page(
    session: AsyncSession, settings: Settings, entries: EntryFilter, limit: int, cursor: str | None
) -> tuple[list[EntryLine], str | None, EntryTotals]:
    """One JSON page (oldest first), the next page's cursor, and the whole filter's totals."""
    statement = entries.lines()
    if cursor:
        after = decode_cursor(settings, cursor, 2, sort_key=ENTRIES_SORT_KEY)
        statement = statement.where(entries_after(after))
    lines = await entry_lines(session, statement.limit(limit + 1))
    next_cursor = None
    if len(lines) > limit:
        lines = lines[:limit]
        next_cursor = encode_cursor(
            settings, [lines[-1].date, lines[-1].id], sort_key=ENTRIES_SORT_KEY
        )
    half_days, amount = await ReportRepository(session).entry_totals(entries)
    return lines, next_cursor, EntryTotals(days=days_of(half_days), amount_pence=amount)


# ── Schools' engagement ──────────────────────────────────────────────────────────────────────


async def engagement(session: AsyncSession, academic_year: str) -> EngagementReport:
    """Signed up and completed are kept apart: the national programme's evaluation counts only
    completed participation (a school the work group's evaluation marked completed), while the
    hub also needs to see who signed up. Tenancy limits the work groups to the caller's hub."""
    rows = await ReportRepository(session).engagement(academic_year)
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
