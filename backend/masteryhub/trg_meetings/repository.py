"""Every query of the TRG meetings area."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import selectinload

from masteryhub.kit.ownership import OwnedIds
from masteryhub.kit.repository import Repository
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingAttendee, TrgMeetingKind
from masteryhub.models.work_group import WorkGroup


class TrgMeetingRepository(Repository[TrgMeeting]):
    model = TrgMeeting
    not_found_detail = "No such TRG meeting."
    load_options = (
        selectinload(TrgMeeting.lead_specialist),
        selectinload(TrgMeeting.school),
        selectinload(TrgMeeting.attendees).selectinload(TrgMeetingAttendee.school),
    )

    @staticmethod
    def owned_by(specialist_ids: OwnedIds) -> ColumnElement[bool]:
        """A specialist's own meetings are the ones they lead."""
        return TrgMeeting.lead_specialist_id.in_(specialist_ids)

    def filtered(
        self,
        *,
        specialist_id: uuid.UUID | None = None,
        kind: TrgMeetingKind | None = None,
        held_from: date | None = None,
        held_to: date | None = None,
        school_id: uuid.UUID | None = None,
        work_group_id: uuid.UUID | None = None,
        hub_id: uuid.UUID | None = None,
    ) -> Select[TrgMeeting]:
        statement = self.select()
        if hub_id is not None:
            statement = statement.where(TrgMeeting.hub_id == hub_id)
        if specialist_id is not None:
            statement = statement.where(TrgMeeting.lead_specialist_id == specialist_id)
        if kind is not None:
            statement = statement.where(TrgMeeting.kind == kind)
        if held_from is not None:
            statement = statement.where(TrgMeeting.held_on >= held_from)
        if held_to is not None:
            statement = statement.where(TrgMeeting.held_on <= held_to)
        if school_id is not None:
            statement = statement.where(TrgMeeting.school_id == school_id)
        if work_group_id is not None:
            statement = statement.where(TrgMeeting.work_group_id == work_group_id)
        return statement

    async def specialist_with_cohort(self, specialist_id: uuid.UUID) -> Specialist | None:
        """A would-be lead (any of the hub's specialists: the rules say who may name whom)."""
        return await self.session.scalar(
            select(Specialist)
            .where(Specialist.id == specialist_id)
            .options(selectinload(Specialist.cohort))
        )

    async def known_schools(self, school_ids: set[uuid.UUID]) -> set[uuid.UUID]:
        statement = select(School.id).where(School.id.in_(school_ids))
        return set((await self.session.scalars(statement)).all())

    async def hub_has_work_group(self, hub_id: uuid.UUID, work_group_id: uuid.UUID) -> bool:
        statement = select(WorkGroup.id).where(
            WorkGroup.id == work_group_id, WorkGroup.hub_id == hub_id
        )
        return await self.session.scalar(statement) is not None
