from __future__ import annotations

import uuid
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import joinedload

from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import academic_year_bounds
from masteryhub.errors import Forbidden, NotFound
from masteryhub.kit.ownership import OwnedIds, acts_as_specialist
from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.cohort import Cohort, Residential
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist, SpecialistStatus
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import User
from masteryhub.models.work_group import WorkGroup, WorkGroupLead


class SpecialistSort(StrEnum):
    NAME = "name"
    NAME_DESC = "-name"
    APPOINTED = "appointed"
    APPOINTED_DESC = "-appointed"


# Each sort ends with the id, so the keyset is unique.
SPECIALIST_SORTS = {
    "name": (Specialist.last_name, Specialist.first_name, Specialist.id),
    "appointed": (Specialist.appointed_on, Specialist.id),
}


# What SpecialistRead needs besides the cohort and school: the cohort's year rules give each
# row its default academic year (one more statement for a whole page, never one per row).
WITH_YEAR_RULES = joinedload(Specialist.cohort).selectinload(Cohort.year_rules)


class SpecialistRepository(Repository[Specialist]):
    model = Specialist
    load_options = (joinedload(Specialist.cohort), joinedload(Specialist.school))
    not_found_detail = "No such specialist."

    @staticmethod
    def owned_by(specialist_ids: OwnedIds) -> ColumnElement[bool]:
        """A specialist signed in sees only their own record (kit.ownership)."""
        return Specialist.id.in_(specialist_ids)

    def filtered(
        self,
        *,
        cohort_code: str | None = None,
        status: SpecialistStatus | None = None,
        school_urn: str | None = None,
        q: str | None = None,
        hub_id: uuid.UUID | None = None,
        among: Sequence[uuid.UUID] | None = None,
    ) -> Select[Specialist]:
        statement = self.select().options(WITH_YEAR_RULES)
        if hub_id is not None:
            statement = statement.where(Specialist.hub_id == hub_id)
        if among is not None:  # e.g. those an early warning picked out
            statement = statement.where(Specialist.id.in_(among))
        if cohort_code is not None:
            statement = statement.where(
                Specialist.cohort_id.in_(select(Cohort.id).where(Cohort.code == cohort_code))
            )
        if school_urn is not None:
            statement = statement.where(
                Specialist.school_id.in_(select(School.id).where(School.urn == school_urn))
            )
        if status is not None:
            statement = statement.where(Specialist.status == status)
        full_name = Specialist.first_name + " " + Specialist.last_name
        matches = text_search(
            q, Specialist.first_name, Specialist.last_name, Specialist.email, full_name
        )
        if matches is not None:
            statement = statement.where(matches)
        return statement

    async def acting_for(self, user_id: uuid.UUID) -> Sequence[Specialist]:
        """The specialist records a sign-in acts for, with their cohort's programme."""
        return (
            await self.session.scalars(
                self.select()
                .options(
                    WITH_YEAR_RULES, joinedload(Specialist.cohort).joinedload(Cohort.programme)
                )
                .where(Specialist.user_id == user_id)
                .order_by(Specialist.appointed_on.desc(), Specialist.id)
            )
        ).all()

    async def get(self, entity_id: uuid.UUID, *, with_year_rules: bool = False) -> Specialist:
        """Another hub's record, or another specialist's, is not found."""
        statement = self.select().where(Specialist.id == entity_id)
        if with_year_rules:
            statement = statement.options(WITH_YEAR_RULES)
        specialist = await self.session.scalar(statement)
        if specialist is None:
            raise NotFound(self.not_found_detail)
        return specialist

    async def for_update(
        self, entity_id: uuid.UUID, *, with_year_rules: bool = False, every_owner: bool = False
    ) -> Specialist:
        # FOR UPDATE OF the specialist only: PostgreSQL refuses to lock the nullable side of
        # the school's outer join.
        statement = (
            self.select(every_owner=every_owner)
            .where(Specialist.id == entity_id)
            .with_for_update(of=Specialist)
        )
        if with_year_rules:
            statement = statement.options(WITH_YEAR_RULES)
        specialist = await self.session.scalar(statement)
        if specialist is None:
            raise NotFound(self.not_found_detail)
        return specialist

    async def lock_for_claim(self, principal: Principal, specialist_id: uuid.UUID) -> Specialist:
        """The specialist, row-locked for the rest of the transaction (the ledger's balance is
        read under this lock on PostgreSQL; SQLite writers are serialised by BEGIN IMMEDIATE).

        Another hub's specialist is not found; a specialist acting for someone else is refused.
        """
        specialist = await self.for_update(specialist_id, every_owner=True)
        if acts_as_specialist(principal) and specialist.user_id != principal.id:
            raise Forbidden("Specialists may record release days for themselves only.")
        return specialist

    async def activity_counts(self, specialist: Specialist, academic_year: str) -> Any:
        """The specialist's delivery in the academic year, as one row of scalar counts:
        expected residentials and their attendance, school and pilot TRGs led, work groups
        led (one statement, whatever the amount of activity)."""
        first_day, last_day = academic_year_bounds(academic_year)
        residentials = select(Residential.id).where(
            Residential.cohort_id == specialist.cohort_id,
            Residential.starts_on.between(first_day, last_day),
        )

        def attendance(status: AttendanceStatus) -> Any:
            return _count(
                select(ResidentialAttendance.id).where(
                    ResidentialAttendance.specialist_id == specialist.id,
                    ResidentialAttendance.status == status,
                    ResidentialAttendance.residential_id.in_(residentials),
                )
            )

        def trgs(kind: TrgMeetingKind) -> Any:
            return _count(
                select(TrgMeeting.id).where(
                    TrgMeeting.lead_specialist_id == specialist.id,
                    TrgMeeting.kind == kind,
                    TrgMeeting.held_on.between(first_day, last_day),
                )
            )

        work_groups_led = _count(
            select(WorkGroupLead.id)
            .join(WorkGroup, WorkGroup.id == WorkGroupLead.work_group_id)
            .where(
                WorkGroupLead.specialist_id == specialist.id,
                WorkGroup.academic_year == academic_year,
            )
        )
        return (
            await self.session.execute(
                select(
                    _count(residentials).label("expected"),
                    attendance(AttendanceStatus.ATTENDED).label("attended"),
                    attendance(AttendanceStatus.EXCUSED).label("excused"),
                    attendance(AttendanceStatus.ABSENT).label("absent"),
                    trgs(TrgMeetingKind.SCHOOL).label("school_trgs"),
                    trgs(TrgMeetingKind.PILOT).label("pilot_trgs"),
                    work_groups_led.label("work_groups"),
                )
            )
        ).one()

    async def with_email(self, address: str) -> list[Specialist]:
        """Every specialist record with this email ADDRESS (lower case), compared
        case-insensitively, without the eager loads of ``select()`` (for export and erasure)."""
        return list(
            await self.session.scalars(
                select(Specialist)
                .where(func.lower(Specialist.email) == address)
                .order_by(Specialist.id)
            )
        )

    async def user_in_hub(self, user_id: uuid.UUID, hub_id: uuid.UUID) -> User | None:
        # Tenancy hides other hubs' users from a hub lead; a national admin sees them.
        return await self.session.scalar(
            select(User).where(User.id == user_id, User.hub_id == hub_id)
        )

    async def school(self, school_id: uuid.UUID) -> School | None:
        return await self.session.scalar(select(School).where(School.id == school_id))


def _count(statement: Any) -> Any:
    return statement.with_only_columns(func.count()).scalar_subquery()
