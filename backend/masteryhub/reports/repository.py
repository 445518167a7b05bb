"""Every query of the reports: each is aggregated by the database in a constant number of
statements, whatever the number of entries, and scoped to the caller's hub by kit.tenancy (a
national admin may name one hub)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from functools import cache
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    Row,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.cohorts.repository import programme_year_in, year_rule_joined
from masteryhub.domain.academic_year import academic_year_start_year
from masteryhub.kit.prepared import PreparedRead, Rows
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.release_day_entry import EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import User
from masteryhub.models.work_group import WorkGroup, WorkGroupSchool, WorkGroupStatus
from masteryhub.release_days.repository import LedgerTotals, ledger_parts, summed_parts


class ReportLine(IntEnum):
    """The kinds of row of the release-day report's statement, in the order they come."""

    SPECIALIST = 0
    SCHOOL = 1
    TOTAL = 2


def release_day_report(
    academic_year: str, hub_id: uuid.UUID | None = None
) -> tuple[PreparedRead, dict[str, Any]]:
    """The release-day report as one statement: the year's entries are read once (a CTE) and
    summed per specialist, per funded school and in all; the rows come specialists first (by
    name), then schools (by name), then the one total row, told apart by ``line``
    (ReportLine), each with its figures as the report shows them. Scoped to the caller's hub by
    kit.tenancy (a national admin may name one). The statement is prepared once (with and
    without a named hub; kit.prepared) and returned with the values to run it with."""
    params: dict[str, Any] = {
        "academic_year": academic_year,
        "start_year": academic_year_start_year(academic_year),
    }
    if hub_id is not None:
        params["hub_id"] = hub_id
    return _release_day_report(named_hub=hub_id is not None), params


@cache
def _release_day_report(*, named_hub: bool) -> PreparedRead:
    entry = ReleaseDayEntry
    entries = select(entry.specialist_id, entry.school_id, *ledger_parts(entry)).where(
        entry.academic_year == bindparam("academic_year", type_=String)
    )
    if named_hub:
        entries = entries.where(entry.hub_id == bindparam("hub_id", type_=entry.hub_id.type))
    year_entries = entries.cte("year_entries")
    sums = (
        select(year_entries.c.specialist_id, *summed_parts(year_entries.c))
        .group_by(year_entries.c.specialist_id)
        .subquery("sums")
    )
    programme_year = programme_year_in(bindparam("start_year", type_=Integer))
    specialists = (
        select(
            literal(ReportLine.SPECIALIST.value).label("line"),
            Specialist.id,
            Specialist.first_name,
            Specialist.last_name,
            Specialist.status,
            Cohort.code.label("cohort_code"),
            programme_year.label("programme_year"),
            School.urn,
            School.name,
            func.coalesce(CohortYearRule.release_half_days, 0).label("entitlement"),
            *(sums.c[name] for name in TOTALS),
        )
        .join(Cohort, Cohort.id == Specialist.cohort_id)
        .outerjoin(School, School.id == Specialist.school_id)
        .outerjoin(CohortYearRule, year_rule_joined(programme_year))
        .outerjoin(sums, sums.c.specialist_id == Specialist.id)
        # Everyone in the programme that year, and anyone with entries in it.
        .where(or_(programme_year >= 1, sums.c.specialist_id.is_not(None)))
    )
    if named_hub:
        specialists = specialists.where(
            Specialist.hub_id == bindparam("hub_id", type_=Specialist.hub_id.type)
        )
    # Summed per school first, then each sum's school looked up (not every school joined in).
    school_sums = (
        select(year_entries.c.school_id, *summed_parts(year_entries.c))
        .group_by(year_entries.c.school_id)
        .subquery("school_sums")
    )
    schools = select(
        literal(ReportLine.SCHOOL.value),
        School.id,
        *_nothing(5),
        School.urn,
        School.name,
        *_nothing(1),
        *(school_sums.c[name] for name in TOTALS),
    ).join_from(school_sums, School, School.id == school_sums.c.school_id)
    total = select(
        literal(ReportLine.TOTAL.value),
        *_nothing(9),
        *summed_parts(year_entries.c),
    ).select_from(year_entries)
    lines = union_all(specialists, schools, total).subquery("lines")
    # Each line's figures as the report shows them (days from half days, nothing as 0), so
    # that a row is read straight into its line.
    claimed = func.coalesce(lines.c.claimed_half_days, 0)
    statement = select(
        lines.c.line,
        lines.c.id,
        lines.c.first_name,
        lines.c.last_name,
        lines.c.status,
        lines.c.cohort_code,
        case((lines.c.programme_year >= 1, lines.c.programme_year)).label("programme_year"),
        lines.c.urn,
        lines.c.name,
        lines.c.entitlement,
        claimed.label("claimed_half_days"),
        _days(lines.c.entitlement).label("entitlement_days"),
        _days(lines.c.entitlement - claimed).label("remaining_days"),
        _days(claimed).label("claimed_days"),
        *(
            _days(lines.c[f"{name}_half_days"]).label(f"{name}_days")
            for name in ("approved", "paid")
        ),
        *(func.coalesce(lines.c[name], 0).label(name) for name in PENCE),
    ).order_by(
        lines.c.line,
        lines.c.last_name,
        lines.c.first_name,
        # Schools by name; specialists by name alone (their own school's name is in `name`).
        case((lines.c.line == ReportLine.SCHOOL.value, lines.c.name)),
        lines.c.id,
    )
    return PreparedRead(statement)


TOTALS = tuple(LedgerTotals.__dataclass_fields__)


PENCE = ("claimed_pence", "approved_pence", "paid_pence", "owed_pence")


def _days(half_days: Any) -> Any:
    """Half days (nothing as none) as days, a JSON number: exact, since halves are exact."""
    return cast(func.coalesce(half_days, 0), Float) / 2


def _nothing(count: int) -> list[Any]:
    """``count`` NULL columns, where a line has no value (a union's rows are all as wide)."""
    return [null().label(f"nothing_{i}") for i in range(count)]


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


def entries_after(values: list[Any]) -> Any:
    """The keyset condition: entries after (date worked, id) ``values``."""
    entry = ReleaseDayEntry
    worked_on, entry_id = values
    return or_(entry.worked_on > worked_on, and_(entry.worked_on == worked_on, entry.id > entry_id))


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def release_days(self, academic_year: str, hub_id: uuid.UUID | None) -> Rows:
        """The release-day report's rows (``release_day_report``), in one statement."""
        report, params = release_day_report(academic_year, hub_id)
        return await report.rows(self.session, **params)

    async def entry_rows(self, statement: Select[Any]) -> list[Row[Any]]:
        return list((await self.session.execute(statement)).all())

    async def entry_totals(self, entries: EntryFilter) -> tuple[int, int]:
        half_days, amount = (await self.session.execute(entries.totals())).one()
        return int(half_days), int(amount)

    async def approver_names(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        # A national admin who approved has no hub: their name is looked up across hubs (only
        # the names of people who approved the caller's own hub's entries are read).
        rows = await self.session.execute(
            select(User.id, User.name).where(User.id.in_(ids)).execution_options(all_hubs=True)
        )
        return {row.id: row.name for row in rows}

    async def engagement(self, academic_year: str) -> list[Any]:
        """Per school: work groups of the year signed up for and completed (one grouped query;
        cancelled work groups count for neither)."""
        completed = func.sum(case((WorkGroupSchool.completed.is_(True), 1), else_=0))
        statement = (
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
        return list((await self.session.execute(statement)).all())
