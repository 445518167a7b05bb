"""What the roll-up by hub and the coverage report return."""

from __future__ import annotations

import enum
import uuid

from pydantic import BaseModel, Field

from masteryhub.release_days.schemas import Currency


class SchoolPhase(enum.StrEnum):
    """GIAS phases of education, gathered as national targets count them."""

    PRIMARY = "primary"  # primary, middle deemed primary, nursery
    SECONDARY = "secondary"  # secondary, middle deemed secondary, 16 plus
    ALL_THROUGH = "all_through"
    OTHER = "other"  # not applicable (special schools, PRUs) or not recorded


class CoverageBy(enum.StrEnum):
    HUB = "hub"
    REGION = "region"
    LA = "la"
    PHASE = "phase"


class ReleaseDayFigures(BaseModel):
    entitlement_days: float = Field(description="Active specialists' entitlement this year.")
    claimed_days: float = Field(description="Net of reversals.")
    approved_days: float = Field(description="Approved or paid.")
    paid_days: float
    claimed_pence: int
    approved_pence: int = Field(description="Approved or paid.")
    paid_pence: int


class HubFigures(BaseModel):
    applications_by_status: dict[str, int] = Field(
        description="Applications to the cohort developing this year and the one recruiting "
        "for next year, by status."
    )
    applications: int
    places: int = Field(description="Places per hub summed over those cohorts.")
    places_filled: int = Field(description="Appointed applications to those cohorts.")
    active_specialists: int = Field(description="Active specialists in a programme year.")
    active_specialists_by_programme_year: dict[str, int] = Field(
        description='Keyed "1", "2", "3" and "4+" (4 and later).'
    )
    active_specialists_by_programme: dict[str, int]
    accreditation: dict[str, int] = Field(
        description="PD Lead accreditation of active specialists, by status."
    )
    work_groups: int = Field(description="Work groups of the year, cancelled ones included.")
    work_groups_by_phase: dict[str, int]
    work_groups_by_status: dict[str, int]
    schools_signed_up: int = Field(description="Schools in a work group of the year.")
    schools_completed: int = Field(description="Of those, the ones that completed one.")
    at_risk_specialists: int = Field(
        default=0, description="Active specialists whose early warning is at risk or behind."
    )
    release_days: ReleaseDayFigures


class HubRow(HubFigures):
    hub_id: uuid.UUID
    hub_code: str
    hub_name: str
    region: str | None


class HubRollup(BaseModel):
    academic_year: str
    currency: Currency = "GBP"
    hubs: list[HubRow]
    totals: HubFigures = Field(
        description="National totals: sums of the hubs' rows, except schools, which count once "
        "nationally however many hubs engaged them."
    )


class PhaseCoverage(BaseModel):
    schools: int = Field(description="State-funded open schools in England (GIAS).")
    engaged_signed_up: int = Field(
        description="Of those, schools in a work group or a TRG meeting of the year."
    )
    engaged_completed: int = Field(
        description="Schools that completed a work group or attended a TRG meeting."
    )
    with_specialist: int = Field(description="Schools with an active specialist.")
    engaged_signed_up_percent: float | None = Field(description="None when there are no schools.")
    engaged_completed_percent: float | None
    with_specialist_percent: float | None


class CoverageRow(PhaseCoverage):
    key: str | None = Field(description="Hub id, region name, LA code or phase; null: unknown.")
    label: str
    by_phase: dict[SchoolPhase, PhaseCoverage]


class CoverageReport(BaseModel):
    academic_year: str
    by: CoverageBy
    rows: list[CoverageRow]
    totals: CoverageRow = Field(
        description="England (or the hub's area, for a hub): every school counted once."
    )
