from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Label, case, func, select
from sqlalchemy.orm import joinedload

from masteryhub.errors import NotFound
from masteryhub.kit.repository import Repository
from masteryhub.models.cohort import CohortYearRule
from masteryhub.models.release_day_entry import EntryStatus, ReleaseDayEntry

SETTLED = (EntryStatus.APPROVED, EntryStatus.PAID)
COUNTED = (EntryStatus.CLAIMED, *SETTLED)


def _total(value: Any, when: ColumnElement[bool] | None = None) -> Any:
    summed = value if when is None else case((when, value), else_=0)
    return func.coalesce(func.sum(summed), 0)


def ledger_totals() -> list[Label[Any]]:
    """The ledger's sums as SQL aggregates, shared by a specialist's balance and the reports.

    Reversals are negative entries, so plain sums are already net of corrections.
    """
    entry = ReleaseDayEntry
    settled = entry.status.in_(SETTLED)
    paid = entry.status == EntryStatus.PAID
    # Proposals (from registers) count against nothing until accepted; rejected ones never.
    counted = entry.status.in_(COUNTED)
    return [
        _total(entry.half_days, counted).label("claimed_half_days"),
        _total(entry.half_days, settled).label("approved_half_days"),
        _total(entry.half_days, paid).label("paid_half_days"),
        _total(entry.amount_pence, counted).label("claimed_pence"),
        _total(entry.amount_pence, settled).label("approved_pence"),
        _total(entry.amount_pence, paid).label("paid_pence"),
        _total(entry.amount_pence, entry.status == EntryStatus.APPROVED).label("owed_pence"),
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
