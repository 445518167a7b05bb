"""Every query of the work groups area."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import selectinload

from masteryhub.kit.ownership import OwnedIds
from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupSessionAttendance,
    WorkGroupStatus,
)


class WorkGroupRepository(Repository[WorkGroup]):
    model = WorkGroup
    not_found_detail = "No such work group."
    load_options = (
        selectinload(WorkGroup.leads).selectinload(WorkGroupLead.specialist),
        selectinload(WorkGroup.schools).selectinload(WorkGroupSchool.school),
        selectinload(WorkGroup.schools).selectinload(WorkGroupSchool.participants),
        selectinload(WorkGroup.sessions).selectinload(WorkGroupSession.attendance),
    )

    @staticmethod
    def owned_by(specialist_ids: OwnedIds) -> ColumnElement[bool]:
        """A specialist's own work groups (and so their sessions) are the ones they lead."""
        return WorkGroup.leads.any(WorkGroupLead.specialist_id.in_(specialist_ids))

    def filtered(
        self,
        *,
        academic_year: str | None = None,
        phase: WorkGroupPhase | None = None,
        status: WorkGroupStatus | None = None,
        programme: ProgrammeCode | None = None,
        specialist_id: uuid.UUID | None = None,
        school_id: uuid.UUID | None = None,
        code: str | None = None,
        q: str | None = None,
        hub_id: uuid.UUID | None = None,
    ) -> Select[WorkGroup]:
        statement = self.select()
        if hub_id is not None:
            statement = statement.where(WorkGroup.hub_id == hub_id)
        if academic_year is not None:
            statement = statement.where(WorkGroup.academic_year == academic_year)
        if phase is not None:
            statement = statement.where(WorkGroup.phase == phase)
        if status is not None:
            statement = statement.where(WorkGroup.status == status)
        if programme is not None:
            statement = statement.where(WorkGroup.programme == programme)
        if specialist_id is not None:
            statement = statement.where(
                WorkGroup.leads.any(WorkGroupLead.specialist_id == specialist_id)
            )
        if school_id is not None:
            statement = statement.where(
                WorkGroup.schools.any(WorkGroupSchool.school_id == school_id)
            )
        if code is not None:
            statement = statement.where(WorkGroup.code == code)
        if (matches := text_search(q, WorkGroup.code, WorkGroup.title)) is not None:
            statement = statement.where(matches)
        return statement

    async def code_taken(self, hub_id: uuid.UUID, code: str, but: uuid.UUID | None) -> bool:
        statement = select(WorkGroup.id).where(WorkGroup.hub_id == hub_id, WorkGroup.code == code)
        if but is not None:
            statement = statement.where(WorkGroup.id != but)
        return await self.session.scalar(statement) is not None

    async def specialists_with_cohorts(
        self, specialist_ids: set[uuid.UUID]
    ) -> dict[uuid.UUID, Specialist]:
        """Would-be leads (any of the hub's specialists: the rules say who may name whom)."""
        statement = (
            select(Specialist)
            .where(Specialist.id.in_(specialist_ids))
            .options(selectinload(Specialist.cohort))
        )
        return {s.id: s for s in await self.session.scalars(statement)}

    async def known_schools(self, school_ids: set[uuid.UUID]) -> set[uuid.UUID]:
        statement = select(School.id).where(School.id.in_(school_ids))
        return set((await self.session.scalars(statement)).all())

    async def participants_with_attendance(self, participant_ids: set[uuid.UUID]) -> set[uuid.UUID]:
        if not participant_ids:
            return set()
        statement = select(WorkGroupSessionAttendance.participant_id).where(
            WorkGroupSessionAttendance.participant_id.in_(participant_ids)
        )
        return set((await self.session.scalars(statement)).all())
