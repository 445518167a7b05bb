from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.release_days.schemas import ReleaseDayEntryRead


class ProposalRejection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000, description="Why, for the record.")


class ProposalList(BaseModel):
    items: list[ReleaseDayEntryRead]


class GrantRead(BaseModel):
    """A school's grant from a work group and, if recovered or reversed, its reversal."""

    school_id: uuid.UUID
    withdrawn_on: date | None = Field(description="When the school withdrew, if it did.")
    grant: ReleaseDayEntryRead
    reversal: ReleaseDayEntryRead | None
    recoverable: bool = Field(
        description="The school withdrew and its accepted grant is not reversed yet: the hub "
        "lead may recover it."
    )


class WorkGroupGrants(BaseModel):
    items: list[GrantRead]


class ClawbackCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(
        min_length=1, max_length=2000, description="Why the grant is recovered, for the record."
    )
