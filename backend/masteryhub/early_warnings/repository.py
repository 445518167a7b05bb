"""Every query of the early warnings: one grouped statement per measure, so the number of
queries is the same however many specialists there are. Tenancy scopes the hub-owned tables
to a hub caller's hub; ``hub_id`` narrows a national admin's to one hub."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from masteryhub.domain.academic_year import academic_year_bounds
from masteryhub.models.cohort import Cohort, CohortYearRule, Residential
from masteryhub.models.early_warning_rule import EarlyWarningRule
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.specialist import Specialist, SpecialistStatus
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.work_group import WorkGroup, WorkGroupLead, WorkGroupStatus
from masteryhub.national.repository import programme_year_of

HALF_TERM = timedelta(days=49)  # "this half-term": the last seven weeks


def rules() -> Any:
    return select(EarlyWarningRule).order_by(EarlyWarningRule.position)


@dataclass(frozen=True)
class WarningQueries:
    academic_year: str
    as_of: date
    hub_id: uuid.UUID | None = None
    # Only these specialists (a page of a list); None: every one in scope.
    specialist_ids: tuple[uuid.UUID, ...] | None = None

    def _hub(self, column: Any, statement: Any, specialist: Any = None) -> Any:
        if self.hub_id is not None:
            statement = statement.where(column == self.hub_id)
        if self.specialist_ids is not None and specialist is not None:
            statement = statement.where(specialist.in_(self.specialist_ids))
        return statement

    def specialists(self) -> Any:
        """Active specialists in a programme year, with their entitlement that year."""
        year = programme_year_of(self.academic_year)
        statement = (
            select(
                Specialist.id,
                Specialist.hub_id,
                Specialist.first_name,
                Specialist.last_name,
                year.label("programme_year"),
                func.coalesce(CohortYearRule.release_half_days, 0).label("entitlement"),
            )
            .join(Cohort, Cohort.id == Specialist.cohort_id)
            .outerjoin(
                CohortYearRule,
                and_(CohortYearRule.cohort_id == Cohort.id, CohortYearRule.programme_year == year),
            )
            .where(Specialist.status == SpecialistStatus.ACTIVE, year >= 1)
            .order_by(Specialist.last_name, Specialist.first_name, Specialist.id)
        )
        return self._hub(Specialist.hub_id, statement, Specialist.id)

    def residentials(self) -> Any:
        """Per specialist: residentials of the year attended, and past ones missed."""
        first, last = academic_year_bounds(self.academic_year)
        attended = ResidentialAttendance.status == AttendanceStatus.ATTENDED
        missed = and_(
            Residential.ends_on < self.as_of,
            or_(
                ResidentialAttendance.id.is_(None),
                ResidentialAttendance.status == AttendanceStatus.ABSENT,
            ),
        )
        statement = (
            select(
                Specialist.id,
                func.sum(case((attended, 1), else_=0)),
                func.sum(case((missed, 1), else_=0)),
            )
            .join(Residential, Residential.cohort_id == Specialist.cohort_id)
            .outerjoin(
                ResidentialAttendance,
                and_(
                    ResidentialAttendance.residential_id == Residential.id,
                    ResidentialAttendance.specialist_id == Specialist.id,
                ),
            )
            .where(
                Specialist.status == SpecialistStatus.ACTIVE,
                Residential.starts_on.between(first, last),
            )
            .group_by(Specialist.id)
        )
        return self._hub(Specialist.hub_id, statement, Specialist.id)

    def trg_meetings(self) -> Any:
        """Per lead specialist: school TRGs this half-term, pilot TRGs this year so far."""
        first, _ = academic_year_bounds(self.academic_year)
        recent = and_(
            TrgMeeting.kind == TrgMeetingKind.SCHOOL,
            TrgMeeting.held_on > self.as_of - HALF_TERM,
        )
        statement = (
            select(
                TrgMeeting.lead_specialist_id,
                func.sum(case((recent, 1), else_=0)),
                func.sum(case((TrgMeeting.kind == TrgMeetingKind.PILOT, 1), else_=0)),
            )
            .where(TrgMeeting.held_on.between(first, self.as_of))
            .group_by(TrgMeeting.lead_specialist_id)
        )
        return self._hub(TrgMeeting.hub_id, statement, TrgMeeting.lead_specialist_id)

    def work_groups_led(self) -> Any:
        statement = (
            select(WorkGroupLead.specialist_id, func.count(WorkGroupLead.work_group_id.distinct()))
            .join(WorkGroup, WorkGroup.id == WorkGroupLead.work_group_id)
            .where(
                WorkGroup.academic_year == self.academic_year,
                WorkGroup.status != WorkGroupStatus.CANCELLED,
            )
            .group_by(WorkGroupLead.specialist_id)
        )
        return self._hub(WorkGroupLead.hub_id, statement, WorkGroupLead.specialist_id)

    def days_claimed(self) -> Any:
        entry = ReleaseDayEntry
        statement = (
            select(entry.specialist_id, func.sum(entry.half_days))
            .where(entry.academic_year == self.academic_year)
            .group_by(entry.specialist_id)
        )
        return self._hub(entry.hub_id, statement, entry.specialist_id)
