from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.domain.academic_year import default_academic_year, programme_year_if_begun
from masteryhub.domain.fields import IsoDate
from masteryhub.early_warnings.schemas import EarlyWarningSummary
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.specialist import AccreditationStatus, Specialist, SpecialistStatus


def default_academic_year_of(specialist: Specialist, current_academic_year: str) -> str:
    """Needs the cohort's year rules loaded (the repository's eager loads do it)."""
    cohort = specialist.cohort
    return default_academic_year(
        cohort.development_year,
        (rule.programme_year for rule in cohort.year_rules if rule.release_half_days > 0),
        current_academic_year,
    )


class SchoolSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    urn: str
    name: str


class CohortSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    development_year: str = Field(description="The academic year of programme year 1.")


class Accreditation(BaseModel):
    """NCETM Accredited PD Lead status."""

    status: AccreditationStatus
    started_on: IsoDate | None
    accredited_on: IsoDate | None


class SpecialistRead(BaseModel):
    id: uuid.UUID
    hub_id: uuid.UUID
    user_id: uuid.UUID | None
    application_id: uuid.UUID | None
    first_name: str
    last_name: str
    email: str
    school: SchoolSummary | None
    cohort: CohortSummary
    academic_year: str = Field(description="The academic year `programme_year` is given for.")
    programme_year: int | None = Field(
        description="1 in the development year, then 2, 3, ...; null before it."
    )
    default_academic_year: str = Field(
        description="The academic year a page should open on: the current one if the "
        "specialist has a release-day entitlement in it, else the nearest one that has one "
        "(for a newly appointed specialist, the cohort's development year)."
    )
    status: SpecialistStatus
    appointed_on: IsoDate
    accreditation: Accreditation
    early_warning: EarlyWarningSummary | None = Field(
        default=None,
        description="In lists: on track, at risk or behind in `academic_year`, and why "
        "(see `GET /early-warning-rules`); null when not active in a programme year then.",
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(
        cls, specialist: Specialist, academic_year: str, current_academic_year: str
    ) -> SpecialistRead:
        return cls(
            id=specialist.id,
            hub_id=specialist.hub_id,
            user_id=specialist.user_id,
            application_id=specialist.application_id,
            first_name=specialist.first_name,
            last_name=specialist.last_name,
            email=specialist.email,
            school=SchoolSummary.model_validate(specialist.school) if specialist.school else None,
            cohort=CohortSummary.model_validate(specialist.cohort),
            academic_year=academic_year,
            programme_year=programme_year_if_begun(
                specialist.cohort.development_year, academic_year
            ),
            default_academic_year=default_academic_year_of(specialist, current_academic_year),
            status=specialist.status,
            appointed_on=specialist.appointed_on,
            accreditation=Accreditation(
                status=specialist.accreditation_status,
                started_on=specialist.accreditation_started_on,
                accredited_on=specialist.accredited_on,
            ),
            created_at=specialist.created_at,
            updated_at=specialist.updated_at,
        )


class AccreditationUpdate(PatchModel):
    status: AccreditationStatus | None = None
    started_on: Clearable[IsoDate] = None
    accredited_on: Clearable[IsoDate] = None


class SpecialistUpdate(PatchModel):
    """What a hub lead may change. Absent fields are left as they are."""

    status: SpecialistStatus | None = None
    accreditation: AccreditationUpdate | None = None
    user_id: Clearable[uuid.UUID] = Field(
        None,
        description=(
            "The sign-in (a user of the hub with role `specialist`) that acts as this "
            "specialist; null unlinks it."
        ),
    )
    school_id: Clearable[uuid.UUID] = Field(
        None,
        description="The specialist's school (claims fund it unless they name another); "
        "null clears it.",
    )


class ResidentialsProgress(BaseModel):
    expected: int = Field(description="The cohort's residentials starting in the academic year.")
    attended: int
    excused: int
    absent: int
    not_recorded: int


class TrgProgress(BaseModel):
    school_trgs_held: int = Field(description="Regular TRG meetings led in the year.")
    pilot_trg_expected: bool = Field(description="True in the development year.")
    pilot_trgs_held: int


class WorkGroupProgress(BaseModel):
    expected: bool = Field(description="Specialists lead work groups from programme year 2.")
    led: int = Field(description="Work groups of the academic year the specialist leads.")


class ReleaseDayProgress(BaseModel):
    entitlement_days: float
    used_days: float = Field(description="Claimed, net of reversals.")
    remaining_days: float


class SpecialistProgress(BaseModel):
    specialist_id: uuid.UUID
    academic_year: str
    programme_year: int | None
    residentials: ResidentialsProgress
    trg_meetings: TrgProgress
    work_groups: WorkGroupProgress
    release_days: ReleaseDayProgress
    accreditation: Accreditation
