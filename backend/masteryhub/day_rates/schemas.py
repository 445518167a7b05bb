from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, WithJsonSchema, field_validator

from masteryhub.domain.activities import ACTIVITY_LABELS, DAY_RATE_KEYS
from masteryhub.models.programme import ProgrammeCode

MAX_DAY_RATE_PENCE = 100_000_00  # £100,000.00 a day: anything above is a typing slip

# The bounds are declared for clients; the validator below refuses out-of-range rates in words.
DayRatePence = Annotated[
    int,
    Strict(),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_DAY_RATE_PENCE}),
]

RATES_EXAMPLE = {"default": 20000, "work_group_session": 35000}


class DayRatesWrite(BaseModel):
    """A hub's day rates for one programme year of a cohort (replaces what the hub had)."""

    model_config = ConfigDict(extra="forbid")

    day_rates_pence: dict[str, DayRatePence] = Field(
        description="Pence per day by activity code (`residential`, `school_trg`, `pilot_trg`, "
        "`work_group_session`, `school_support_visit`, `pd_lead_training`, `launch_event`, "
        "`planning`) and `default` for the rest; each 0 to 10,000,000 (£100,000.00).",
        examples=[RATES_EXAMPLE],
    )

    @field_validator("day_rates_pence", mode="after")
    @classmethod
    def _known_activities_and_sane_amounts(cls, rates: dict[str, int]) -> dict[str, int]:
        if not rates:
            raise ValueError(
                "Give at least one day rate, or remove the hub's rates to pay the national ones."
            )
        if set(rates) - DAY_RATE_KEYS:
            known = ", ".join(label.lower() for label in ACTIVITY_LABELS.values())
            raise ValueError(f"Rates are set for an activity ({known}) or as the default.")
        if any(pence < 0 for pence in rates.values()):
            raise ValueError("A day rate cannot be negative.")
        if any(pence > MAX_DAY_RATE_PENCE for pence in rates.values()):
            raise ValueError("A day rate can be at most £100,000.00.")
        return rates


class DayRates(BaseModel):
    """A cohort's programme year as a hub pays it: the national rule, the hub's own rates (null
    when the hub has set none) and the rates a claim would use."""

    cohort_id: uuid.UUID
    cohort_code: str
    cohort_name: str
    programme: ProgrammeCode
    programme_year: int = Field(description="1 is the development year.")
    academic_year: str = Field(examples=["2021/22"])
    hub_id: uuid.UUID | None = Field(description="Null on a national admin's national view.")
    national_rates_pence: dict[str, int] = Field(
        description="The cohort's year rule; empty when the hub must set the rates."
    )
    hub_rates_pence: dict[str, int] | None = Field(
        description="The hub's own rates; null when the hub pays the national rule."
    )
    effective_rates_pence: dict[str, int] = Field(
        description="What a claim pays, by activity code, and `default`: the hub's rate for "
        "the activity, else the hub's default, else the national rule's (activity, else "
        "default). An activity missing here cannot be claimed (`409 day_rate_not_set`)."
    )
    updated_at: datetime | None = Field(description="When the hub last set its rates.")


class DayRatesList(BaseModel):
    items: list[DayRates]
