"""A specialist's progress against the programme's expectations for one academic year
(product.md): residentials attended of expected, school TRGs, the pilot TRG (development year),
work groups led (year 2+), release days used of entitlement, PD Lead accreditation.

One statement of scalar counts plus the ledger's balance, whatever the amount of activity.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.domain.academic_year import programme_year_if_begun
from masteryhub.models.specialist import Specialist
from masteryhub.release_days import service as ledger
from masteryhub.release_days.repository import ReleaseDayEntryRepository
from masteryhub.release_days.schemas import days_of
from masteryhub.specialists.repository import SpecialistRepository
from masteryhub.specialists.schemas import (
    Accreditation,
    ReleaseDayProgress,
    ResidentialsProgress,
    SpecialistProgress,
    TrgProgress,
    WorkGroupProgress,
)


async def progress_of(
    session: AsyncSession, specialist: Specialist, academic_year: str
) -> SpecialistProgress:
    year = programme_year_if_begun(specialist.cohort.development_year, academic_year)
    counts = await SpecialistRepository(session).activity_counts(specialist, academic_year)
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
