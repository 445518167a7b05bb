from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import joinedload

from masteryhub.kit.ownership import OwnedIds
from masteryhub.kit.repository import Repository
from masteryhub.models.cohort import CohortYearRule, Residential
from masteryhub.models.hub_day_rate import HubDayRate
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupSessionAttendance,
)

Entry = ReleaseDayEntry

# Where each kind of evidence is recorded: the register (or event) an entry names.
EVIDENCE_TABLES: dict[EvidenceType, Any] = {
    EvidenceType.TRG_MEETING: TrgMeeting,
    EvidenceType.WORK_GROUP_SESSION: WorkGroupSession,
    EvidenceType.WORK_GROUP: WorkGroup,
    EvidenceType.RESIDENTIAL: Residential,
}


def register_deleted() -> ColumnElement[bool]:
    """The entry names a register that no longer exists: deleting a meeting or a session
    leaves its entries naming it (and proposes reversals of those accepted), so its page, where
    such proposals are otherwise decided, is gone."""
    return or_(
        *(
            and_(Entry.evidence_type == kind, ~exists().where(model.id == Entry.evidence_id))
            for kind, model in EVIDENCE_TABLES.items()
        )
    )


@dataclass(frozen=True)
class OpenProposal:
    entry: ReleaseDayEntry
    specialist_name: str
    register_deleted: bool


class ProposalRepository(Repository[ReleaseDayEntry]):
    model = ReleaseDayEntry
    load_options = (joinedload(ReleaseDayEntry.school),)
    not_found_detail = "No such release-day entry."

    @staticmethod
    def owned_by(specialist_ids: OwnedIds) -> ColumnElement[bool]:
        """A specialist's own proposals are the entries in their ledger: the ones they accept
        or reject (kit.ownership)."""
        return Entry.specialist_id.in_(specialist_ids)

    async def originals_for(
        self, evidence_type: EvidenceType, evidence_id: uuid.UUID, kind: EntryKind
    ) -> Sequence[ReleaseDayEntry]:
        """Every entry (not a reversal) of this kind that names this evidence, any status and
        any specialist's (the register proposes for every lead, whoever records it): one
        proposal per (evidence, specialist or school), whoever typed the first."""
        return (
            await self.session.scalars(
                # Every owner's: a lead recording, correcting or deleting the register brings
                # each co-lead's proposals in line too, not only their own.
                self.select(every_owner=True)
                .where(
                    Entry.evidence_type == evidence_type,
                    Entry.evidence_id == evidence_id,
                    Entry.kind == kind,
                    Entry.reverses_id.is_(None),
                )
                .order_by(Entry.created_at, Entry.id)
            )
        ).all()

    async def reversals_of(
        self, entry_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, ReleaseDayEntry]:
        """The reversal of each of these entries that has one, by the entry it reverses."""
        if not entry_ids:
            return {}
        found = await self.session.scalars(
            # Every owner's, as the entries they reverse (``originals_for``).
            self.select(every_owner=True).where(Entry.reverses_id.in_(entry_ids))
        )
        return {e.reverses_id: e for e in found if e.reverses_id is not None}

    async def specialists(self, specialist_ids: Sequence[uuid.UUID]) -> list[Specialist]:
        """The leads, with their cohorts (every lead's, whoever records the register)."""
        if not specialist_ids:
            return []
        return list(
            await self.session.scalars(
                select(Specialist)
                .options(joinedload(Specialist.cohort))
                .where(Specialist.id.in_(specialist_ids))
                .order_by(Specialist.id)
            )
        )

    async def rules_and_rates(
        self, hub_id: uuid.UUID, wanted: set[tuple[uuid.UUID, int]]
    ) -> dict[tuple[uuid.UUID, int], tuple[CohortYearRule, dict[str, int] | None]]:
        """For each (cohort, programme year): its year rule and the hub's own day rates (None
        when the hub set none), in one statement whatever the number of leads."""
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(CohortYearRule, HubDayRate.day_rates_pence)
            .outerjoin(
                HubDayRate,
                and_(
                    HubDayRate.cohort_id == CohortYearRule.cohort_id,
                    HubDayRate.programme_year == CohortYearRule.programme_year,
                    HubDayRate.hub_id == hub_id,
                ),
            )
            .where(
                or_(
                    *(
                        and_(
                            CohortYearRule.cohort_id == cohort_id,
                            CohortYearRule.programme_year == year,
                        )
                        for cohort_id, year in wanted
                    )
                )
            )
        )
        return {
            (rule.cohort_id, rule.programme_year): (
                rule,
                dict(rates) if rates is not None else None,
            )
            for rule, rates in rows
        }

    async def last_session_on(self, work_group_id: uuid.UUID) -> date | None:
        return await self.session.scalar(
            select(WorkGroupSession.held_on)
            .where(WorkGroupSession.work_group_id == work_group_id)
            .order_by(WorkGroupSession.held_on.desc())
            .limit(1)
        )

    async def reversed_ids(self, entry_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these entries have a reversal, whoever's they are (a column read, so not
        narrowed to a specialist caller's own: the register's write path weighs every lead's)."""
        if not entry_ids:
            return set()
        rows = await self.session.scalars(
            select(Entry.reverses_id).where(Entry.reverses_id.in_(entry_ids))
        )
        return {r for r in rows if r is not None}

    async def sessions_attended(self, work_group_id: uuid.UUID) -> dict[uuid.UUID, int]:
        """Per school of the work group: in how many sessions someone from it attended."""
        rows = await self.session.execute(
            select(
                WorkGroupSchool.school_id,
                func.count(func.distinct(WorkGroupSessionAttendance.session_id)),
            )
            .join(
                WorkGroupParticipant,
                WorkGroupParticipant.work_group_school_id == WorkGroupSchool.id,
            )
            .join(
                WorkGroupSessionAttendance,
                WorkGroupSessionAttendance.participant_id == WorkGroupParticipant.id,
            )
            .join(WorkGroupSession, WorkGroupSession.id == WorkGroupSessionAttendance.session_id)
            .where(
                WorkGroupSchool.work_group_id == work_group_id,
                WorkGroupSession.work_group_id == work_group_id,
                WorkGroupSessionAttendance.attended.is_(True),
            )
            .group_by(WorkGroupSchool.school_id)
        )
        return {row[0]: int(row[1]) for row in rows}

    async def proposed(
        self,
        *,
        evidence_ids: Sequence[uuid.UUID] | None = None,
        specialist_id: uuid.UUID | None = None,
        limit: int = 500,
    ) -> list[OpenProposal]:
        """Open proposals, oldest first, each with whose they are and whether the register that
        proposed it was deleted since (one statement). A specialist caller's own only
        (``owned_by``): asking for a colleague's finds none."""
        name = (Specialist.first_name + " " + Specialist.last_name).label("specialist_name")
        statement = (
            self.select()
            .add_columns(name, register_deleted().label("register_deleted"))
            .join(Specialist, Specialist.id == Entry.specialist_id)
            .where(Entry.status == EntryStatus.PROPOSED)
        )
        if evidence_ids is not None:
            statement = statement.where(Entry.evidence_id.in_(evidence_ids))
        if specialist_id is not None:
            statement = statement.where(Entry.specialist_id == specialist_id)
        rows = await self.session.execute(
            statement.order_by(Entry.worked_on, Entry.id).limit(limit)
        )
        return [
            OpenProposal(entry=entry, specialist_name=str(who), register_deleted=bool(deleted))
            for entry, who, deleted in rows
        ]

    async def count_proposed(self) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).select_from(Entry).where(Entry.status == EntryStatus.PROPOSED)
            )
            or 0
        )
