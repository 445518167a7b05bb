from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Label,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    select,
)
from sqlalchemy.orm import joinedload

from masteryhub.cohorts.repository import programme_year_in, year_rule_joined
from masteryhub.domain.academic_year import academic_year_start_year
from masteryhub.errors import NotFound
from masteryhub.kit.prepared import PreparedRead, Rows
from masteryhub.kit.repository import Repository
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.release_confirmation import ReleaseConfirmationLine
from masteryhub.models.release_day_entry import EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.specialists.repository import SpecialistRepository

SETTLED = (EntryStatus.APPROVED, EntryStatus.PAID)
COUNTED = (EntryStatus.CLAIMED, *SETTLED)


def _one_of(column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN (values)`` with a parameter per value, rather than one expanding parameter
    rendered per call: the statement's SQL is then fixed, and it can be prepared once and sent
    straight to the driver (kit.prepared)."""
    condition: ColumnElement[bool] = column.in_([literal(v, column.type) for v in values])
    return condition


def _figures(entry: Any) -> list[tuple[str, Any, ColumnElement[bool]]]:
    """The ledger's figures: each one's name, the entry's column it sums, and when an entry
    counts towards it. Reversals are negative entries, so plain sums are already net of
    corrections; proposals (from registers) count towards nothing until accepted, rejected
    ones never."""
    settled = _one_of(entry.status, SETTLED)
    paid = entry.status == EntryStatus.PAID
    counted = _one_of(entry.status, COUNTED)
    return [
        ("claimed_half_days", entry.half_days, counted),
        ("approved_half_days", entry.half_days, settled),
        ("paid_half_days", entry.half_days, paid),
        ("claimed_pence", entry.amount_pence, counted),
        ("approved_pence", entry.amount_pence, settled),
        ("paid_pence", entry.amount_pence, paid),
        ("owed_pence", entry.amount_pence, entry.status == EntryStatus.APPROVED),
    ]


def ledger_totals(entry: Any = ReleaseDayEntry) -> list[Label[Any]]:
    """The ledger's sums as SQL aggregates, shared by a specialist's balance and the national
    roll-up, of ``ReleaseDayEntry`` or of anything with its ``status``, ``half_days`` and
    ``amount_pence`` columns."""
    return [
        func.coalesce(func.sum(value).filter(when), 0).label(name)
        for name, value, when in _figures(entry)
    ]


def ledger_parts(entry: Any = ReleaseDayEntry) -> list[Label[Any]]:
    """Each entry's part in each of the ledger's figures (NULL where it has none), named as
    the figures: for a set of entries summed several ways (the release-day report sums its
    year's entries per specialist, per school and in all), each entry's conditions are then
    weighed once rather than once per sum. ``summed_parts`` sums them."""
    return [case((when, value)).label(name) for name, value, when in _figures(entry)]


def summed_parts(parts: Any) -> list[Label[Any]]:
    """The ledger's sums of ``ledger_parts`` columns (``parts``: a CTE's or subquery's ``c``)."""
    return [
        func.coalesce(func.sum(parts[name]), 0).label(name)
        for name in LedgerTotals.__dataclass_fields__
    ]


@dataclass(frozen=True)
class LedgerTotals:
    claimed_half_days: int = 0
    approved_half_days: int = 0
    paid_half_days: int = 0
    claimed_pence: int = 0
    approved_pence: int = 0
    paid_pence: int = 0
    owed_pence: int = 0

    @classmethod
    def of_row(cls, row: Any) -> LedgerTotals:
        return cls(**{name: int(getattr(row, name) or 0) for name in cls.__dataclass_fields__})

    @classmethod
    def of_entries(cls, entries: Iterable[tuple[EntryStatus, int, int]]) -> LedgerTotals:
        """The sums ``ledger_totals()`` makes in SQL, of (status, half days, pence) in hand."""
        sums = [0] * 7
        for status, half_days, pence in entries:
            if status in COUNTED:
                sums[0] += half_days
                sums[3] += pence
            if status in SETTLED:
                sums[1] += half_days
                sums[4] += pence
            if status is EntryStatus.PAID:
                sums[2] += half_days
                sums[5] += pence
            if status is EntryStatus.APPROVED:
                sums[6] += pence
        return cls(*sums)


# An entry as a specialist's ledger shows it (ReleaseDayEntryRead), read as columns.
LEDGER_ENTRY_COLUMNS = tuple(
    getattr(ReleaseDayEntry, name)
    for name in (
        "id",
        "worked_on",
        "kind",
        "activity",
        "half_days",
        "day_rate_pence",
        "amount_pence",
        "grant_code",
        "school_id",
        "evidence_type",
        "evidence_id",
        "note",
        "status",
        "reverses_id",
        "recorded_by_id",
        "recorded_by_label",
        "created_at",
        "approved_at",
        "approved_by_id",
        "paid_at",
        "paid_by_id",
        "payment_reference",
        "updated_at",
    )
)


def _ledger() -> PreparedRead:
    """A row per entry of the specialist's year (oldest first) with the school it funds and
    the head's answer about it, each carrying the programme year and its entitlement; one row
    with no entry when there is none. Scoped as ``SpecialistRepository`` scopes the specialist
    (kit.prepared): another hub's, or for a specialist caller another's, has no rows."""
    entry = ReleaseDayEntry
    programme_year = programme_year_in(bindparam("start_year", type_=Integer))
    academic_year = bindparam("academic_year", type_=String)
    statement = (
        select(
            programme_year.label("programme_year"),
            CohortYearRule.release_half_days.label("entitlement"),
            *LEDGER_ENTRY_COLUMNS,
            School.urn.label("school_urn"),
            School.name.label("school_name"),
            ReleaseConfirmationLine.id.label("head_line_id"),
            ReleaseConfirmationLine.answer.label("head_answer"),
            ReleaseConfirmationLine.resolved_at.label("head_resolved_at"),
        )
        .select_from(Specialist)
        .join(Cohort, Cohort.id == Specialist.cohort_id)
        .outerjoin(CohortYearRule, year_rule_joined(programme_year))
        .outerjoin(
            entry,
            and_(entry.specialist_id == Specialist.id, entry.academic_year == academic_year),
        )
        .outerjoin(School, School.id == entry.school_id)
        # An entry is asked about at most once (unique), so this adds no rows.
        .outerjoin(ReleaseConfirmationLine, ReleaseConfirmationLine.entry_id == entry.id)
        .where(Specialist.id == bindparam("specialist_id"))
        .order_by(entry.worked_on, entry.id)
    )
    return PreparedRead(statement, owned_by=SpecialistRepository.owned_by)


LEDGER = _ledger()


class ReleaseDayEntryRepository(Repository[ReleaseDayEntry]):
    model = ReleaseDayEntry
    load_options = (joinedload(ReleaseDayEntry.school),)
    not_found_detail = "No such release-day entry."

    async def in_ledger(
        self, specialist_id: uuid.UUID, entry_id: uuid.UUID, *, lock: bool = False
    ) -> ReleaseDayEntry:
        statement = self.select().where(
            ReleaseDayEntry.id == entry_id, ReleaseDayEntry.specialist_id == specialist_id
        )
        if lock:
            statement = statement.with_for_update(of=ReleaseDayEntry)
        entry = await self.session.scalar(statement)
        if entry is None:
            raise NotFound(self.not_found_detail)
        return entry

    async def of_year(
        self, specialist_id: uuid.UUID, academic_year: str
    ) -> Sequence[ReleaseDayEntry]:
        return (
            await self.session.scalars(
                self.select()
                .where(
                    ReleaseDayEntry.specialist_id == specialist_id,
                    ReleaseDayEntry.academic_year == academic_year,
                )
                .order_by(ReleaseDayEntry.worked_on, ReleaseDayEntry.id)
            )
        ).all()

    async def ledger(self, specialist_id: uuid.UUID, academic_year: str) -> Rows:
        """A specialist's ledger for the year in one statement (``LEDGER``); another hub's
        specialist, or another specialist's for a specialist caller, is not found."""
        rows = await LEDGER.rows(
            self.session,
            specialist_id=specialist_id,
            academic_year=academic_year,
            start_year=academic_year_start_year(academic_year),
        )
        if not rows:
            raise NotFound(SpecialistRepository.not_found_detail)
        return rows

    async def awaiting_decision(self) -> tuple[int, int]:
        """Claims awaiting approval (not counting reversals) and proposals awaiting the
        specialist's acceptance, in the hub (the work queue)."""
        entry = ReleaseDayEntry
        claimed = (entry.status == EntryStatus.CLAIMED) & entry.reverses_id.is_(None)
        proposed = entry.status == EntryStatus.PROPOSED
        row = (
            await self.session.execute(
                select(func.count(case((claimed, 1))), func.count(case((proposed, 1))))
                .select_from(entry)
                .where(entry.status.in_((EntryStatus.CLAIMED, EntryStatus.PROPOSED)))
            )
        ).one()
        return int(row[0] or 0), int(row[1] or 0)

    async def totals(self, specialist_id: uuid.UUID, academic_year: str) -> LedgerTotals:
        row = (
            await self.session.execute(
                select(*ledger_totals()).where(
                    ReleaseDayEntry.specialist_id == specialist_id,
                    ReleaseDayEntry.academic_year == academic_year,
                )
            )
        ).one()
        return LedgerTotals.of_row(row)

    async def reversal_of(self, entry_id: uuid.UUID) -> uuid.UUID | None:
        return await self.session.scalar(
            select(ReleaseDayEntry.id).where(ReleaseDayEntry.reverses_id == entry_id)
        )

    async def year_rule(self, cohort_id: uuid.UUID, programme_year: int) -> CohortYearRule | None:
        return await self.session.scalar(
            select(CohortYearRule).where(
                CohortYearRule.cohort_id == cohort_id,
                CohortYearRule.programme_year == programme_year,
            )
        )
