from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from masteryhub.cohorts import window
from masteryhub.domain.activities import DAY_RATE_KEYS, DEFAULT_RATE_KEY
from masteryhub.domain.fields import AcademicYear, Days, IsoDate, LondonDateTime, Pence
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.cohort import Cohort, DeliveryMode
from masteryhub.models.programme import ProgrammeCode
from masteryhub.programmes.schemas import Grant, ProgrammeSummary, YearRuleRead

COHORT_CODE_PATTERN = r"^[a-z0-9][a-z0-9-]{1,31}$"
REFERENCE_PREFIX_PATTERN = r"^[A-Z][A-Z0-9]{1,7}$"
MAX_PROGRAMME_YEAR = 10

PLACES_PER_HUB = "Places each hub may fill (about four for primary); null = no limit."
LINK_DAYS = "Days a headteacher's reference link stays valid."
REMINDER_DAYS = "Days without a reference before the headteacher is reminded."


class CohortCreate(BaseModel):
    code: str = Field(
        pattern=COHORT_CODE_PATTERN, description="What form tools post against, e.g. `primary-6`."
    )
    name: str = Field(min_length=2, max_length=200)
    programme: ProgrammeCode
    development_year: AcademicYear = Field(description="Programme year 1, e.g. `2020/21`.")
    opens_at: LondonDateTime
    closes_at: LondonDateTime
    reference_prefix: str = Field(
        pattern=REFERENCE_PREFIX_PATTERN,
        description="Prefix of human references, e.g. `PMS6` for `PMS6-000042`.",
    )
    places_per_hub: StrictInt | None = Field(None, ge=1, le=1000, description=PLACES_PER_HUB)
    reference_link_days: StrictInt = Field(14, ge=1, le=90, description=LINK_DAYS)
    reference_reminder_days: StrictInt = Field(7, ge=1, le=90, description=REMINDER_DAYS)


class CohortUpdate(PatchModel):
    """The code, programme and reference prefix never change: form tools and issued
    references depend on them."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=2, max_length=200)
    development_year: AcademicYear | None = None
    opens_at: LondonDateTime | None = None
    closes_at: LondonDateTime | None = None
    places_per_hub: Clearable[StrictInt] = Field(None, ge=1, le=1000, description=PLACES_PER_HUB)
    reference_link_days: StrictInt | None = Field(None, ge=1, le=90, description=LINK_DAYS)
    reference_reminder_days: StrictInt | None = Field(None, ge=1, le=90, description=REMINDER_DAYS)


class YearRuleWrite(BaseModel):
    """One programme year's funding for a cohort (replaces what was there)."""

    model_config = ConfigDict(extra="forbid")

    release_days: Days = Field(description="Entitlement in half-day steps, e.g. 15 or 7.5.")
    day_rates_pence: dict[str, Pence] = Field(
        default_factory=dict,
        description="Pence per day by activity code (`residential`, `school_trg`, `pilot_trg`, "
        "`work_group_session`, `school_support_visit`, `pd_lead_training`, `launch_event`, "
        "`planning`) and `default` for the rest. Empty when the hub sets the rate.",
        examples=[{"default": 20000, "work_group_session": 35000}],
    )
    grants: list[Grant] = Field(default_factory=list)
    notes: str | None = Field(None, max_length=1000)

    @field_validator("day_rates_pence")
    @classmethod
    def _known_activities(cls, rates: dict[str, Pence]) -> dict[str, Pence]:
        unknown = sorted(set(rates) - DAY_RATE_KEYS)
        if unknown:
            raise ValueError(
                f"Unknown activity {', '.join(unknown)}; use an activity code or "
                f"{DEFAULT_RATE_KEY!r}."
            )
        if any(pence < 0 for pence in rates.values()):
            raise ValueError("Day rates are pence and cannot be negative.")
        return rates

    @field_validator("grants")
    @classmethod
    def _distinct_grants(cls, grants: list[Grant]) -> list[Grant]:
        codes = [g.code for g in grants]
        if len(codes) != len(set(codes)):
            raise ValueError("Each grant code may appear once.")
        return grants


class CohortYearRuleRead(YearRuleRead):
    id: uuid.UUID
    updated_at: datetime


class ResidentialCreate(BaseModel):
    title: str = Field(min_length=2, max_length=200)
    starts_on: IsoDate
    ends_on: IsoDate
    mode: DeliveryMode = DeliveryMode.IN_PERSON
    location: str | None = Field(None, max_length=200)
    is_provisional: StrictBool = True


class ResidentialUpdate(PatchModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=2, max_length=200)
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    mode: DeliveryMode | None = None
    location: Clearable[str] = Field(None, max_length=200)
    is_provisional: StrictBool | None = None


class ResidentialRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    cohort_id: uuid.UUID
    title: str
    starts_on: IsoDate
    ends_on: IsoDate
    mode: DeliveryMode
    location: str | None
    is_provisional: bool
    created_at: datetime
    updated_at: datetime


class CohortRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    programme: ProgrammeSummary
    development_year: str = Field(examples=["2020/21"])
    opens_at: datetime = Field(description="UTC.")
    closes_at: datetime = Field(description="UTC; applications at or after it are refused.")
    reference_prefix: str
    places_per_hub: int | None
    reference_link_days: int
    reference_reminder_days: int
    is_open: bool = Field(description="Applications are accepted now.")
    days_to_close: int | None = Field(
        description="Calendar days (London) from today to the closing day: 0 on the closing "
        "day; null once closed."
    )
    year_rules: list[CohortYearRuleRead]
    residentials: list[ResidentialRead]
    created_at: datetime
    updated_at: datetime

    @model_validator(mode="before")
    @classmethod
    def _with_window(cls, data: Any, info: ValidationInfo) -> Any:
        # From an ORM cohort, add the window as of now (or context["now"] for a fixed clock).
        if not isinstance(data, Cohort):
            return data
        now = (info.context or {}).get("now")
        values = {name: getattr(data, name) for name in cls.model_fields if name not in WINDOW}
        return values | {
            "is_open": window.is_open(data, now),
            "days_to_close": window.days_to_close(data, now),
        }


WINDOW = frozenset({"is_open", "days_to_close"})
