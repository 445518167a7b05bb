from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from masteryhub.kit.repository import Repository
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.work_group import (
    WorkGroupParticipant,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupSessionAttendance,
)

Entry = ReleaseDayEntry


class ProposalRepository(Repository[ReleaseDayEntry]):
    model = ReleaseDayEntry
    load_options = (joinedload(ReleaseDayEntry.school),)
    not_found_detail = "No such release-day entry."

    async def originals_for(
        self, evidence_type: EvidenceType, evidence_id: uuid.UUID, kind: EntryKind
    ) -> Sequence[ReleaseDayEntry]:
        """Every entry (not a reversal) of this kind that names this evidence, any status:
        one proposal per (evidence, specialist or school), whoever typed the first."""
        return (
            await self.session.scalars(
                self.select().where(
                    Entry.evidence_type == evidence_type,
                    Entry.evidence_id == evidence_id,
                    Entry.kind == kind,
                    Entry.reverses_id.is_(None),
                )
            )
        ).all()

    async def reversed_ids(self, entry_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
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
        specialist_ids: set[uuid.UUID] | None = None,
        limit: int = 500,
    ) -> Sequence[ReleaseDayEntry]:
        statement = self.select().where(Entry.status == EntryStatus.PROPOSED)
        if evidence_ids is not None:
            statement = statement.where(Entry.evidence_id.in_(evidence_ids))
        if specialist_ids is not None:
            statement = statement.where(Entry.specialist_id.in_(specialist_ids))
        return (
            await self.session.scalars(statement.order_by(Entry.worked_on, Entry.id).limit(limit))
        ).all()

    async def count_proposed(self) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).select_from(Entry).where(Entry.status == EntryStatus.PROPOSED)
            )
            or 0
        )
