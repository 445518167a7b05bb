"""A specialist's progress against the programme's expectations for one academic year
(product.md): residentials attended of expected, school TRGs, the pilot TRG (development year),
work groups led (year 2+), release days used of entitlement, PD Lead accreditation.

One statement of scalar counts plus the ledger's balance, whatever the amount of activity.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.domain.academic_year import academic_year_bounds, programme_year_if_begun
from masteryhub.models.cohort import Residential
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.work_group import WorkGroup, WorkGroupLead
from masteryhub.release_days import service as ledger
from masteryhub.release_days.repository import ReleaseDayEntryRepository
from masteryhub.release_days.schemas import days_of
from masteryhub.specialists.schemas import (
    Accreditation,
    ReleaseDayProgress,
    ResidentialsProgress,
    SpecialistProgress,
    TrgProgress,
    WorkGroupProgress,
)


def _count(statement: Any) -> Any:
    return statement.with_only_columns(func.count()).scalar_subquery()


async def progress_of(
    session: AsyncSession, specialist: Specialist, academic_year: str
) -> SpecialistProgress:
    first_day, last_day = academic_year_bounds(academic_year)
    year = programme_year_if_begun(specialist.cohort.development_year, academic_year)
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
    counts = (
        await session.execute(
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
    entries = ReleaseDayEntryRepository(session)
    rule = await entries.year_rule(specialist.cohort_id, year) if year is not None else None
    entitlement = rule.release_half_days if rule else 0
    totals = await entries.totals(specialist.id, academic_year)
    balance = ledger.balance_of(entitlement, totals)
    recorded = counts.attended + counts.excused + counts.absent
    return SpecialistProgress(
        specialist_id=specialist.id,
        academic_year=academic_year,
        programme_year=year,
        residentials=ResidentialsProgress(
            expected=counts.expected,
            attended=counts.attended,
            excused=counts.excused,
            absent=counts.absent,
            not_recorded=max(counts.expected - recorded, 0),
        ),
        trg_meetings=TrgProgress(
            school_trgs_held=counts.school_trgs,
            pilot_trg_expected=year == 1,
            pilot_trgs_held=counts.pilot_trgs,
        ),
        work_groups=WorkGroupProgress(
            expected=year is not None and year >= 2, led=counts.work_groups
        ),
        release_days=ReleaseDayProgress(
            entitlement_days=balance.entitlement_days,
            used_days=days_of(totals.claimed_half_days),
            remaining_days=balance.remaining_days,
        ),
        accreditation=Accreditation(
            status=specialist.accreditation_status,
            started_on=specialist.accreditation_started_on,
            accredited_on=specialist.accredited_on,
        ),
    )
