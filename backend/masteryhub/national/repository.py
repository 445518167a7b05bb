"""Every query of the national reports. Each is one grouped statement, so the number of
queries is the same whatever the number of hubs, schools, specialists and ledger entries.

``hub_id`` is the caller's hub for hub staff (None for national admins): tenancy already
scopes hub-owned tables to it, and it is named again here for the national tables (hubs and
schools) and inside unions, where nothing else would limit them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    and_,
    case,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.cohorts.repository import programme_year_in, year_rule_joined
from masteryhub.domain.academic_year import (
    academic_year_bounds,
    academic_year_start_year,
    shift_academic_year,
)
from masteryhub.models.application import Application
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.hub import Hub
from masteryhub.models.programme import Programme
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist, SpecialistStatus
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingAttendee
from masteryhub.models.work_group import WorkGroup, WorkGroupSchool, WorkGroupStatus
from masteryhub.national.schemas import CoverageBy, SchoolPhase
from masteryhub.release_days.repository import ledger_totals

PRIMARY_CODES = ("1", "2", "3")  # nursery, primary, middle deemed primary
SECONDARY_CODES = ("4", "5", "6")  # secondary, middle deemed secondary, 16 plus
ALL_THROUGH_CODES = ("7",)


def school_phase() -> Any:
    """A school's phase for coverage, from its GIAS phase code."""
    return case(
        (School.phase_code.in_(PRIMARY_CODES), literal(SchoolPhase.PRIMARY.value)),
        (School.phase_code.in_(SECONDARY_CODES), literal(SchoolPhase.SECONDARY.value)),
        (School.phase_code.in_(ALL_THROUGH_CODES), literal(SchoolPhase.ALL_THROUGH.value)),
        else_=literal(SchoolPhase.OTHER.value),
    )


def eligible_school() -> Any:
    """The denominator: state-funded, open schools in England (derived at GIAS import)."""
    return and_(
        School.is_state_funded.is_(True), School.is_in_england.is_(True), School.is_open.is_(True)
    )


def programme_year_of(academic_year: str) -> Any:
    return programme_year_in(academic_year_start_year(academic_year))


@dataclass(frozen=True)
class RollupQueries:
    """The roll-up's statements, public so the benchmark can time the same SQL."""

    academic_year: str
    hub_id: uuid.UUID | None = None

    @property
    def cohort_years(self) -> tuple[str, str]:
        # The cohort developing this year, and the one recruiting for next year.
        return self.academic_year, shift_academic_year(self.academic_year, 1)

    def _own(self, column: Any, statement: Any) -> Any:
        return statement if self.hub_id is None else statement.where(column == self.hub_id)

    def hubs(self) -> Any:
        statement = select(Hub.id, Hub.code, Hub.name, Hub.region).order_by(Hub.name, Hub.id)
        return self._own(Hub.id, statement)

    def applications(self) -> Any:
        statement = (
            select(Application.hub_id, Application.status, func.count())
            .join(Cohort, Cohort.id == Application.cohort_id)
            .where(Cohort.development_year.in_(self.cohort_years))
            .group_by(Application.hub_id, Application.status)
        )
        return self._own(Application.hub_id, statement)

    def places(self) -> Any:
        return select(func.coalesce(func.sum(Cohort.places_per_hub), 0)).where(
            Cohort.development_year.in_(self.cohort_years)
        )

    def specialists(self) -> Any:
        programme_year = programme_year_of(self.academic_year)
        statement = (
            select(
                Specialist.hub_id,
                Programme.code,
                programme_year.label("programme_year"),
                Specialist.accreditation_status,
                func.count(),
                func.coalesce(func.sum(CohortYearRule.release_half_days), 0),
            )
            .join(Cohort, Cohort.id == Specialist.cohort_id)
            .join(Programme, Programme.id == Cohort.programme_id)
            .outerjoin(CohortYearRule, year_rule_joined(programme_year))
            .where(Specialist.status == SpecialistStatus.ACTIVE, programme_year >= 1)
            .group_by(
                Specialist.hub_id, Programme.code, programme_year, Specialist.accreditation_status
            )
        )
        return self._own(Specialist.hub_id, statement)

    def work_groups(self) -> Any:
        statement = (
            select(WorkGroup.hub_id, WorkGroup.phase, WorkGroup.status, func.count())
            .where(WorkGroup.academic_year == self.academic_year)
            .group_by(WorkGroup.hub_id, WorkGroup.phase, WorkGroup.status)
        )
        return self._own(WorkGroup.hub_id, statement)

    def _engaged(self, *group: Any) -> Any:
        completed = case((WorkGroupSchool.completed.is_(True), WorkGroupSchool.school_id))
        statement = (
            select(
                *group,
                func.count(WorkGroupSchool.school_id.distinct()),
                func.count(completed.distinct()),
            )
            .join(WorkGroup, WorkGroup.id == WorkGroupSchool.work_group_id)
            .where(
                WorkGroup.academic_year == self.academic_year,
                WorkGroup.status != WorkGroupStatus.CANCELLED,
            )
        )
        if group:
            statement = statement.group_by(*group)
        return self._own(WorkGroup.hub_id, statement)

    def schools_engaged(self) -> Any:
        return self._engaged(WorkGroup.hub_id)

    def schools_engaged_nationally(self) -> Any:
        return self._engaged()

    def ledger(self) -> Any:
        entry = ReleaseDayEntry
        statement = (
            select(entry.hub_id, *ledger_totals())
            .where(entry.academic_year == self.academic_year)
            .group_by(entry.hub_id)
        )
        return self._own(entry.hub_id, statement)


@dataclass(frozen=True)
class CoverageQueries:
    academic_year: str
    hub_id: uuid.UUID | None = None

    def engagements(self) -> Any:
        """(school, engaging hub, completed 0/1) for every work-group place and TRG meeting
        of the year: a school hosting a TRG meeting or sending someone who attended."""
        first, last = academic_year_bounds(self.academic_year)
        done = case((WorkGroupSchool.completed.is_(True), 1), else_=0)
        work_groups = (
            select(
                WorkGroupSchool.school_id.label("school_id"),
                WorkGroup.hub_id.label("hub_id"),
                done.label("completed"),
            )
            .join(WorkGroup, WorkGroup.id == WorkGroupSchool.work_group_id)
            .where(
                WorkGroup.academic_year == self.academic_year,
                WorkGroup.status != WorkGroupStatus.CANCELLED,
            )
        )
        hosts = select(
            TrgMeeting.school_id, TrgMeeting.hub_id, literal(1).label("completed")
        ).where(TrgMeeting.held_on.between(first, last), TrgMeeting.school_id.is_not(None))
        attendees = (
            select(TrgMeetingAttendee.school_id, TrgMeeting.hub_id, literal(1).label("completed"))
            .join(TrgMeeting, TrgMeeting.id == TrgMeetingAttendee.trg_meeting_id)
            .where(
                TrgMeeting.held_on.between(first, last),
                TrgMeetingAttendee.attended.is_(True),
                TrgMeetingAttendee.school_id.is_not(None),
            )
        )
        if self.hub_id is not None:
            work_groups = work_groups.where(WorkGroup.hub_id == self.hub_id)
            hosts = hosts.where(TrgMeeting.hub_id == self.hub_id)
            attendees = attendees.where(TrgMeeting.hub_id == self.hub_id)
        return union_all(work_groups, hosts, attendees).subquery("engagements")

    def _specialist_schools(self, by_hub: bool) -> Any:
        columns: list[Any] = [Specialist.school_id.label("school_id")]
        if by_hub:
            columns.append(Specialist.hub_id.label("hub_id"))
        statement = (
            select(*columns)
            .where(Specialist.status == SpecialistStatus.ACTIVE, Specialist.school_id.is_not(None))
            .distinct()
        )
        if self.hub_id is not None:
            statement = statement.where(Specialist.hub_id == self.hub_id)
        return statement.subquery("specialist_schools")

    def _area(self, statement: Any) -> Any:
        # A hub's coverage is of its own area.
        statement = statement.where(eligible_school())
        return statement if self.hub_id is None else statement.where(School.hub_id == self.hub_id)

    def by_school_attribute(self, by: CoverageBy | None) -> Any:
        """Schools counted once each: rows of (key, label, phase, schools, signed up,
        completed, with a specialist). ``by`` None or PHASE groups by phase only."""
        engagements = self.engagements()
        engaged = (
            select(
                engagements.c.school_id,
                func.max(engagements.c.completed).label("completed"),
            )
            .group_by(engagements.c.school_id)
            .subquery("engaged")
        )
        specialists = self._specialist_schools(by_hub=False)
        phase = school_phase()
        key: Any
        label: Any
        if by is CoverageBy.REGION:
            key, label = School.region_name, School.region_name
        elif by is CoverageBy.LA:
            key, label = School.la_code, School.la_name
        else:
            key, label = literal(None), literal(None)
        statement = (
            select(
                key.label("key"),
                label.label("label"),
                phase.label("phase"),
                func.count(School.id),
                func.count(engaged.c.school_id),
                func.coalesce(func.sum(engaged.c.completed), 0),
                func.count(specialists.c.school_id),
            )
            .outerjoin(engaged, engaged.c.school_id == School.id)
            .outerjoin(specialists, specialists.c.school_id == School.id)
            .group_by(key, label, phase)
        )
        return self._area(statement)

    def schools_by_area_hub(self) -> Any:
        phase = school_phase()
        statement = select(School.hub_id, phase, func.count(School.id)).group_by(
            School.hub_id, phase
        )
        return self._area(statement)

    def engaged_by_hub(self) -> Any:
        """Per engaging hub: a school two hubs engaged counts once in each."""
        engagements = self.engagements()
        per_hub = (
            select(
                engagements.c.school_id,
                engagements.c.hub_id,
                func.max(engagements.c.completed).label("completed"),
            )
            .group_by(engagements.c.school_id, engagements.c.hub_id)
            .subquery("per_hub")
        )
        phase = school_phase()
        statement = (
            select(
                per_hub.c.hub_id,
                phase,
                func.count(School.id),
                func.coalesce(func.sum(per_hub.c.completed), 0),
            )
            .join(School, School.id == per_hub.c.school_id)
            .where(eligible_school())
            .group_by(per_hub.c.hub_id, phase)
        )
        return statement

    def specialist_schools_by_hub(self) -> Any:
        specialists = self._specialist_schools(by_hub=True)
        phase = school_phase()
        return (
            select(specialists.c.hub_id, phase, func.count(School.id))
            .join(School, School.id == specialists.c.school_id)
            .where(eligible_school())
            .group_by(specialists.c.hub_id, phase)
        )


async def rows(session: AsyncSession, statement: Any) -> list[Any]:
    return list((await session.execute(statement)).all())


async def scalar(session: AsyncSession, statement: Any) -> Any:
    return await session.scalar(statement)
