"""What a data cut takes and returns."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.domain.academic_year import ACADEMIC_YEAR_PATTERN

# The figures a cut freezes (completed participation only), in the order they are shown.
MEASURES: dict[str, str] = {
    "schools_completed": "Schools that completed (work group or TRG)",
    "schools_completed_primary": "Primary schools that completed",
    "schools_completed_secondary": "Secondary schools that completed",
    "schools_completed_all_through": "All-through schools that completed",
    "schools_with_specialist": "Schools with an active specialist",
    "work_groups_completed": "Work groups completed",
    "active_specialists": "Active specialists",
    "pd_leads_accredited": "PD Leads accredited",
    "release_half_days_paid": "Release half days paid",
    "release_paid_pence": "Release time and grants paid (pence)",
}


class DataCutCreate(BaseModel):
    academic_year: str = Field(pattern=ACADEMIC_YEAR_PATTERN, examples=["2021/22"])
    label: str = Field(min_length=1, max_length=200, examples=["August 2022 data cut"])
    reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=2000,
        description="Required when the year has been cut before: why it is cut again.",
    )


class DataCutRowOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    hub_id: uuid.UUID | None = Field(description="None: England.")
    hub_code: str | None
    hub_name: str
    measure: str
    value: int
    previous_value: int | None = Field(description="The previous cut's figure, on a re-cut.")
    difference: int | None = Field(description="value − previous_value, on a re-cut.")


class DataCutSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    academic_year: str
    number: int = Field(description="1 for the year's first cut, then 2, 3…")
    label: str
    reason: str | None
    previous_id: uuid.UUID | None
    taken_by_label: str
    created_at: datetime


class DataCutOut(DataCutSummary):
    measures: dict[str, str] = Field(description="Each measure's name in words.")
    rows: list[DataCutRowOut]
