"""What the early warnings return."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.models.early_warning_rule import WarningComparison, WarningMeasure, WarningStatus


class EarlyWarningRuleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    position: int
    programme_year_from: int
    programme_year_to: int | None = Field(description="None: every later year too.")
    measure: WarningMeasure
    comparison: WarningComparison
    threshold: int
    from_month: int = Field(description="Month of the academic year: 1 = September, 12 = August.")
    status: WarningStatus
    reason: str


class EarlyWarningRuleList(BaseModel):
    items: list[EarlyWarningRuleOut]


class Measures(BaseModel):
    residentials_attended: int
    residentials_missed: int
    school_trgs_recent: int
    pilot_trgs: int
    work_groups_led: int
    release_days_used_percent: int | None = Field(
        description="Claimed of entitlement; null without an entitlement (no rule applies)."
    )


class EarlyWarningSummary(BaseModel):
    status: WarningStatus
    reasons: list[str] = Field(description="Every rule that fired, in the rules' order.")


class EarlyWarning(BaseModel):
    specialist_id: uuid.UUID
    hub_id: uuid.UUID
    first_name: str
    last_name: str
    programme_year: int
    status: WarningStatus
    reasons: list[str] = Field(description="Every rule that fired, in the rules' order.")
    measures: Measures


class EarlyWarningReport(BaseModel):
    academic_year: str
    as_of: date = Field(description="Today, or the year's last day for a past year.")
    counts: dict[WarningStatus, int]
    items: list[EarlyWarning]
