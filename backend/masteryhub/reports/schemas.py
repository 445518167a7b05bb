"""What the reports answer with: the release-day report, its entries export, and schools'
work-group engagement."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from masteryhub.models.release_day_entry import EntryKind, EntryStatus, EvidenceType
from masteryhub.models.specialist import SpecialistStatus
from masteryhub.release_days.schemas import Currency

# ── GET /reports/release-days ────────────────────────────────────────────────────────────────


class Amounts(BaseModel):
    claimed_days: float = Field(description="Net of reversals.")
    approved_days: float = Field(description="Approved or paid.")
    paid_days: float
    claimed_pence: int
    approved_pence: int = Field(description="Approved or paid.")
    paid_pence: int
    owed_pence: int = Field(description="Approved and not yet paid: what the hub owes.")


class SpecialistLine(Amounts):
    specialist_id: uuid.UUID
    first_name: str
    last_name: str
    status: SpecialistStatus
    cohort_code: str
    programme_year: int | None
    school_urn: str | None = Field(description="The specialist's own school.")
    school_name: str | None
    entitlement_days: float
    remaining_days: float


class SchoolLine(Amounts):
    school_id: uuid.UUID
    urn: str
    name: str


class ReportTotals(Amounts):
    entitlement_days: float
    remaining_days: float


class ReleaseDayReport(BaseModel):
    academic_year: str
    currency: Currency = "GBP"
    specialists: list[SpecialistLine]
    schools: list[SchoolLine] = Field(description="Per funded school.")
    totals: ReportTotals


# ── GET /reports/release-days/entries ────────────────────────────────────────────────────────


class EntryLine(BaseModel):
    id: uuid.UUID
    date: date
    specialist_id: uuid.UUID
    specialist_name: str
    school_urn: str
    school_name: str
    la_name: str | None
    kind: EntryKind
    activity: str | None
    activity_label: str = Field(description="The activity, grant or travel, in words.")
    grant_code: str | None
    days: float = Field(description="Negative on a reversal; 0 on money-only entries.")
    day_rate_pence: int | None
    amount_pence: int = Field(description="Negative on a reversal.")
    status: EntryStatus
    recorded_by_label: str
    approved_by_label: str | None
    approved_at: datetime | None
    paid_at: datetime | None
    payment_reference: str | None
    evidence_type: EvidenceType | None
    evidence_id: uuid.UUID | None
    reverses_id: uuid.UUID | None


class EntryTotals(BaseModel):
    days: float = Field(description="Net of reversals.")
    amount_pence: int = Field(description="Net of reversals.")


class EntryExport(BaseModel):
    academic_year: str
    currency: Currency = "GBP"
    items: list[EntryLine]
    next_cursor: str | None
    totals: EntryTotals = Field(
        description="Of every entry the filter matches (all pages). With no status filter, "
        "`amount_pence` is the release-day report's `claimed_pence`; with `status=paid`, its "
        "`paid_pence`."
    )


# ── GET /reports/engagement ──────────────────────────────────────────────────────────────────


class SchoolEngagement(BaseModel):
    school_id: uuid.UUID
    urn: str
    name: str
    work_groups_signed_up: int = Field(description="Work groups of the year it took part in.")
    work_groups_completed: int = Field(description="Of those, the ones it completed.")


class EngagementTotals(BaseModel):
    schools_signed_up: int
    schools_completed: int = Field(description="Schools that completed at least one.")
    work_group_places_signed_up: int
    work_group_places_completed: int


class EngagementReport(BaseModel):
    academic_year: str
    schools: list[SchoolEngagement]
    totals: EngagementTotals
