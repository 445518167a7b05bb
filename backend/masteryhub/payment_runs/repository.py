"""Payment runs' queries. Every one is a single statement over the run's entries, so building,
reviewing and committing a run take the same few queries whatever its size.

Two runs never share an entry: an entry joins a run by one ``UPDATE ... SET payment_run_id``
whose own WHERE says ``payment_run_id IS NULL``. On PostgreSQL a second, concurrent UPDATE
waits for the first's row locks and then re-checks that condition on the committed rows
(READ COMMITTED), so it skips the entries the first took; on SQLite writers are serialised.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select, update
from sqlalchemy.orm import aliased

from masteryhub.kit.repository import Repository
from masteryhub.models.payment_run import PaymentRun
from masteryhub.models.release_day_entry import EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist

Entry = ReleaseDayEntry


@dataclass(frozen=True)
class SchoolTotal:
    school_id: uuid.UUID
    urn: str
    name: str
    la_name: str | None
    lines: int
    total_pence: int


@dataclass(frozen=True)
class RemittanceLine:
    school_urn: str
    school_name: str
    la_name: str | None
    worked_on: date
    specialist_name: str
    kind: str
    activity: str | None
    grant_code: str | None
    half_days: int
    day_rate_pence: int | None
    amount_pence: int
    entry_id: uuid.UUID
    reverses_id: uuid.UUID | None


def payable(
    hub_id: uuid.UUID,
    *,
    up_to: date | None = None,
    school_id: uuid.UUID | None = None,
    cohort_id: uuid.UUID | None = None,
    extra: Sequence[ColumnElement[bool]] = (),
) -> list[ColumnElement[bool]]:
    """Approved entries in no run: not ones reversed since (the pair nets to nothing), nor
    reversals of entries never paid (nothing to recover)."""
    reversal = aliased(Entry)
    original = aliased(Entry)
    conditions: list[ColumnElement[bool]] = [
        Entry.hub_id == hub_id,
        Entry.status == EntryStatus.APPROVED,
        Entry.payment_run_id.is_(None),
        ~exists().where(reversal.reverses_id == Entry.id),
        (Entry.reverses_id.is_(None))
        | exists().where(original.id == Entry.reverses_id, original.status == EntryStatus.PAID),
        *extra,
    ]
    if up_to is not None:
        conditions.append(Entry.worked_on <= up_to)
    if school_id is not None:
        conditions.append(Entry.school_id == school_id)
    if cohort_id is not None:
        conditions.append(
            Entry.specialist_id.in_(select(Specialist.id).where(Specialist.cohort_id == cohort_id))
        )
    return conditions


class PaymentRunRepository(Repository[PaymentRun]):
    model = PaymentRun
    not_found_detail = "No such payment run."

    async def of_hub(self, hub_id: uuid.UUID | None, limit: int = 200) -> Sequence[PaymentRun]:
        statement = self.select().order_by(PaymentRun.created_at.desc(), PaymentRun.id.desc())
        if hub_id is not None:
            statement = statement.where(PaymentRun.hub_id == hub_id)
        return (await self.session.scalars(statement.limit(limit))).all()

    async def reserve(self, run: PaymentRun, conditions: list[ColumnElement[bool]]) -> int:
        """Put every entry matching ``conditions`` into the run; how many it took."""
        result: Any = await self.session.execute(
            update(Entry)
            .where(*conditions)
            .values(payment_run_id=run.id, version=Entry.version + 1)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)

    async def release(self, run_id: uuid.UUID, *, reversed_only: bool = False) -> int:
        """Take entries out of a draft run (all, or only those reversed since it was built)."""
        reversal = aliased(Entry)
        conditions = [Entry.payment_run_id == run_id, Entry.status == EntryStatus.APPROVED]
        if reversed_only:
            conditions.append(exists().where(reversal.reverses_id == Entry.id))
        result: Any = await self.session.execute(
            update(Entry)
            .where(*conditions)
            .values(payment_run_id=None, version=Entry.version + 1)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)

    async def pay(self, run: PaymentRun, paid_at: datetime, paid_by_id: uuid.UUID | None) -> int:
        result: Any = await self.session.execute(
            update(Entry)
            .where(Entry.payment_run_id == run.id, Entry.status == EntryStatus.APPROVED)
            .values(
                status=EntryStatus.PAID,
                paid_at=paid_at,
                paid_by_id=paid_by_id,
                payment_reference=run.reference,
                version=Entry.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)

    async def unpay(self, run_id: uuid.UUID) -> int:
        """A voided run's entries: approved again, in no run."""
        result: Any = await self.session.execute(
            update(Entry)
            .where(Entry.payment_run_id == run_id)
            .values(
                status=EntryStatus.APPROVED,
                paid_at=None,
                paid_by_id=None,
                payment_reference=None,
                payment_run_id=None,
                version=Entry.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)

    async def per_school(self, run_id: uuid.UUID) -> list[SchoolTotal]:
        rows = await self.session.execute(
            select(
                School.id,
                School.urn,
                School.name,
                School.la_name,
                func.count(Entry.id),
                func.coalesce(func.sum(Entry.amount_pence), 0),
            )
            .join(School, School.id == Entry.school_id)
            .where(Entry.payment_run_id == run_id)
            .group_by(School.id, School.urn, School.name, School.la_name)
            .order_by(School.urn)
        )
        return [
            SchoolTotal(
                school_id=row[0],
                urn=row[1],
                name=row[2],
                la_name=row[3],
                lines=int(row[4]),
                total_pence=int(row[5]),
            )
            for row in rows
        ]

    async def remittance(
        self, run_id: uuid.UUID, school_id: uuid.UUID | None = None
    ) -> list[RemittanceLine]:
        statement = (
            select(
                School.urn,
                School.name,
                School.la_name,
                Entry.worked_on,
                Specialist.first_name,
                Specialist.last_name,
                Entry.kind,
                Entry.activity,
                Entry.grant_code,
                Entry.half_days,
                Entry.day_rate_pence,
                Entry.amount_pence,
                Entry.id,
                Entry.reverses_id,
            )
            .join(School, School.id == Entry.school_id)
            .join(Specialist, Specialist.id == Entry.specialist_id)
            .where(Entry.payment_run_id == run_id)
            .order_by(School.urn, Entry.worked_on, Entry.id)
        )
        if school_id is not None:
            statement = statement.where(Entry.school_id == school_id)
        return [
            RemittanceLine(
                school_urn=row[0],
                school_name=row[1],
                la_name=row[2],
                worked_on=row[3],
                specialist_name=f"{row[4]} {row[5]}",
                kind=str(row[6]),
                activity=row[7],
                grant_code=row[8],
                half_days=int(row[9]),
                day_rate_pence=row[10],
                amount_pence=int(row[11]),
                entry_id=row[12],
                reverses_id=row[13],
            )
            for row in await self.session.execute(statement)
        ]
