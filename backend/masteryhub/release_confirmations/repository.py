"""Every query of the headteachers' confirmations. The worker's reads say ``all_hubs`` (it
works for every hub); a request's reads are scoped to the caller's hub by kit.tenancy."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from masteryhub.domain.terms import TermName
from masteryhub.kit.repository import Repository
from masteryhub.models.release_confirmation import (
    DisputeResolution,
    LineAnswer,
    ReleaseConfirmation,
    ReleaseConfirmationLine,
    ReleaseConfirmationLink,
)
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.specialist import Specialist
from masteryhub.release_confirmations.schemas import HeadConfirmation

Entry = ReleaseDayEntry
Line = ReleaseConfirmationLine
ASKED_STATUSES = (EntryStatus.CLAIMED, EntryStatus.APPROVED, EntryStatus.PAID)


def askable(starts_on: date, ends_on: date) -> list[ColumnElement[bool]]:
    """Release days a head is asked about: claimed, approved or paid (not proposals nor
    rejected ones), not reversals nor reversed, worked in the dates, and not asked before."""
    reversal = aliased(Entry)
    return [
        Entry.kind == EntryKind.RELEASE_DAYS,
        Entry.status.in_(ASKED_STATUSES),
        Entry.reverses_id.is_(None),
        ~exists().where(reversal.reverses_id == Entry.id),
        Entry.worked_on >= starts_on,
        Entry.worked_on <= ends_on,
        ~exists().where(Line.entry_id == Entry.id),
    ]


def open_dispute() -> ColumnElement[bool]:
    """The entry has a line its head disputed that the hub has not resolved."""
    return exists().where(
        Line.entry_id == Entry.id, Line.answer == LineAnswer.DISPUTED, Line.resolved_at.is_(None)
    )


def confirmed_by_head() -> ColumnElement[bool]:
    """The head confirmed the entry, or the hub lead upheld it after a dispute."""
    return exists().where(
        Line.entry_id == Entry.id,
        or_(Line.answer == LineAnswer.CONFIRMED, Line.resolution == DisputeResolution.UPHELD),
    )


def needs_confirmation() -> ColumnElement[bool]:
    """What a head confirms: release days, not reversals (a reversal only takes money back)."""
    return and_(Entry.kind == EntryKind.RELEASE_DAYS, Entry.reverses_id.is_(None))


@dataclass(frozen=True)
class LineDetail:
    line_id: uuid.UUID
    entry_id: uuid.UUID
    specialist_id: uuid.UUID
    specialist_name: str
    worked_on: date
    activity: str | None
    half_days: int
    amount_pence: int
    entry_status: str


@dataclass(frozen=True)
class LineCounts:
    lines: int
    confirmed: int
    disputed: int
    open_disputes: int


class ReleaseConfirmationRepository(Repository[ReleaseConfirmation]):
    model = ReleaseConfirmation
    load_options = (joinedload(ReleaseConfirmation.school),)
    not_found_detail = "No such confirmation request."

    async def askable_entries(
        self, starts_on: date, ends_on: date, *, all_hubs: bool = False
    ) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, date]]:
        """(entry id, hub id, school id, date) of every release day to ask about."""
        rows = await self.session.execute(
            select(Entry.id, Entry.hub_id, Entry.school_id, Entry.worked_on)
            .where(*askable(starts_on, ends_on))
            .order_by(Entry.hub_id, Entry.school_id, Entry.worked_on, Entry.id)
            .execution_options(all_hubs=all_hubs)
        )
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    async def of_school_term(
        self, hub_id: uuid.UUID, school_id: uuid.UUID, academic_year: str, term: TermName
    ) -> Sequence[ReleaseConfirmation]:
        return (
            await self.session.scalars(
                select(ReleaseConfirmation)
                .where(
                    ReleaseConfirmation.hub_id == hub_id,
                    ReleaseConfirmation.school_id == school_id,
                    ReleaseConfirmation.academic_year == academic_year,
                    ReleaseConfirmation.term == term,
                )
                .order_by(ReleaseConfirmation.sequence)
                .execution_options(all_hubs=True)
            )
        ).all()

    async def loaded(self, confirmation_id: uuid.UUID) -> ReleaseConfirmation:
        confirmation = await self.session.scalar(
            select(ReleaseConfirmation)
            .options(joinedload(ReleaseConfirmation.school))
            .where(ReleaseConfirmation.id == confirmation_id)
            .execution_options(all_hubs=True)
        )
        assert confirmation is not None
        return confirmation

    async def line_details(self, confirmation_id: uuid.UUID) -> list[LineDetail]:
        rows = await self.session.execute(
            select(
                Line.id,
                Entry.id,
                Specialist.id,
                Specialist.first_name,
                Specialist.last_name,
                Entry.worked_on,
                Entry.activity,
                Entry.half_days,
                Entry.amount_pence,
                Entry.status,
            )
            .join(Entry, Entry.id == Line.entry_id)
            .join(Specialist, Specialist.id == Entry.specialist_id)
            .where(Line.confirmation_id == confirmation_id)
            .order_by(Entry.worked_on, Specialist.last_name, Line.id)
            .execution_options(all_hubs=True)
        )
        return [
            LineDetail(
                line_id=row[0],
                entry_id=row[1],
                specialist_id=row[2],
                specialist_name=f"{row[3]} {row[4]}",
                worked_on=row[5],
                activity=row[6],
                half_days=int(row[7]),
                amount_pence=int(row[8]),
                entry_status=str(row[9]),
            )
            for row in rows
        ]

    async def lines_of(self, confirmation_id: uuid.UUID, *, lock: bool = False) -> list[Line]:
        statement = select(Line).where(Line.confirmation_id == confirmation_id).order_by(Line.id)
        if lock:
            statement = statement.with_for_update()
        return list((await self.session.scalars(statement.execution_options(all_hubs=True))).all())

    async def line(self, confirmation_id: uuid.UUID, line_id: uuid.UUID) -> Line | None:
        return await self.session.scalar(
            select(Line)
            .options(joinedload(Line.entry))
            .where(Line.id == line_id, Line.confirmation_id == confirmation_id)
            .with_for_update(of=Line)
        )

    async def link(self, token_hash: str, *, lock: bool = False) -> ReleaseConfirmationLink | None:
        statement = select(ReleaseConfirmationLink).where(
            ReleaseConfirmationLink.token_hash == token_hash
        )
        if lock:
            statement = statement.with_for_update()
        return await self.session.scalar(statement.execution_options(all_hubs=True))

    async def confirmation_for(
        self, confirmation_id: uuid.UUID, *, lock: bool = False
    ) -> ReleaseConfirmation:
        statement = (
            select(ReleaseConfirmation)
            .options(joinedload(ReleaseConfirmation.school))
            .where(ReleaseConfirmation.id == confirmation_id)
        )
        if lock:
            statement = statement.with_for_update(of=ReleaseConfirmation)
        confirmation = await self.session.scalar(statement.execution_options(all_hubs=True))
        assert confirmation is not None  # foreign key
        return confirmation

    async def due_for_chasing(self) -> Sequence[ReleaseConfirmation]:
        """Unanswered requests, claimed with SKIP LOCKED (another worker may hold some)."""
        return (
            await self.session.scalars(
                select(ReleaseConfirmation)
                .options(joinedload(ReleaseConfirmation.school))
                .where(ReleaseConfirmation.answered_at.is_(None))
                .with_for_update(of=ReleaseConfirmation, skip_locked=True)
                .execution_options(all_hubs=True)
            )
        ).all()

    async def newest(
        self, *, academic_year: str | None = None, limit: int = 200
    ) -> Sequence[ReleaseConfirmation]:
        statement = self.select().order_by(
            ReleaseConfirmation.sent_at.desc(), ReleaseConfirmation.id.desc()
        )
        if academic_year is not None:
            statement = statement.where(ReleaseConfirmation.academic_year == academic_year)
        return (await self.session.scalars(statement.limit(limit))).all()

    async def counts(self, confirmation_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, LineCounts]:
        ids = list(confirmation_ids)
        if not ids:
            return {}
        disputed = Line.answer == LineAnswer.DISPUTED
        rows = await self.session.execute(
            select(
                Line.confirmation_id,
                func.count(),
                func.count(case((Line.answer == LineAnswer.CONFIRMED, 1))),
                func.count(case((disputed, 1))),
                func.count(case((disputed & Line.resolved_at.is_(None), 1))),
            )
            .where(Line.confirmation_id.in_(ids))
            .group_by(Line.confirmation_id)
        )
        return {
            row[0]: LineCounts(int(row[1]), int(row[2]), int(row[3]), int(row[4])) for row in rows
        }

    async def open_disputes(self) -> int:
        """Disputed lines not yet resolved (the caller's hub's, by kit.tenancy)."""
        count = await self.session.scalar(
            select(func.count())
            .select_from(Line)
            .where(Line.answer == LineAnswer.DISPUTED, Line.resolved_at.is_(None))
        )
        return int(count or 0)

    async def states_of(self, entry_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, HeadConfirmation]:
        """Each asked entry's confirmation state (absent: not asked), in one query."""
        ids = list(entry_ids)
        if not ids:
            return {}
        rows = await self.session.execute(
            select(Line.entry_id, Line.answer, Line.resolved_at)
            .where(Line.entry_id.in_(ids))
            .execution_options(all_hubs=True)
        )
        return {
            entry_id: state_of(LineAnswer(answer) if answer else None, resolved)
            for entry_id, answer, resolved in rows
        }

    async def held_back(
        self, payable: list[ColumnElement[bool]], hold: list[ColumnElement[bool]]
    ) -> tuple[int, int]:
        """Of the entries matching ``payable``, how many ``hold`` leaves out: (disputed,
        awaiting the head's confirmation)."""
        if not hold:
            return 0, 0
        disputed = open_dispute()
        row = (
            await self.session.execute(
                select(
                    func.count(case((disputed, 1))),
                    func.count(case((~disputed, 1))),
                )
                .select_from(Entry)
                .where(*payable, ~and_(*hold))
            )
        ).one()
        return int(row[0]), int(row[1])


def state_of(answer: LineAnswer | None, resolved_at: datetime | None) -> HeadConfirmation:
    if answer is None:
        return HeadConfirmation.AWAITING
    if answer is LineAnswer.CONFIRMED:
        return HeadConfirmation.CONFIRMED
    return HeadConfirmation.DISPUTED if resolved_at is None else HeadConfirmation.DISPUTE_RESOLVED
