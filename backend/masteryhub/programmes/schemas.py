from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.domain.fields import Days, Pence
from masteryhub.models.programme import CriterionKind, ProgrammeCode

CODE_PATTERN = r"^[a-z][a-z0-9_]{1,63}$"


class Grant(BaseModel):
    """A sum paid per recipient in a programme year, e.g. £2,000 to each supported department."""

    model_config = ConfigDict(from_attributes=True)

    code: str = Field(pattern=CODE_PATTERN, description="snake_case, e.g. `department_support`.")
    description: str = Field(min_length=1, max_length=500)
    amount_pence: Pence


class YearRuleRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    programme_year: int = Field(description="1 is the development year.")
    release_days: Days = Field(description="Release-day entitlement, in half-day steps.")
    day_rates_pence: dict[str, int] = Field(
        description="Pence per day by activity code; `default` applies to activities not "
        "listed. Empty when the hub sets the rate."
    )
    grants: list[Grant]
    notes: str | None


class CriterionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    kind: CriterionKind
    wording: str = Field(description="The programme document's own wording.")
    position: int


class ProgrammeSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: ProgrammeCode


class ProgrammeRead(ProgrammeSummary):
    name: str
    criteria: list[CriterionRead]
    year_rules: list[YearRuleRead] = Field(description="Defaults copied onto each new cohort.")
    updated_at: datetime
