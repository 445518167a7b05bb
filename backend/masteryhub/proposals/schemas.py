from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.release_days.schemas import ReleaseDayEntryRead


class ProposalRejection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000, description="Why, for the record.")


class ProposalRead(ReleaseDayEntryRead):
    """A proposed entry, with whose it is and whether its register still exists."""

    specialist_name: str = Field(description="The specialist the entry is proposed for.")
    register_deleted: bool = Field(
        description="The meeting, session or work group that proposed it was deleted since "
        "(its reversal is decided here, not on the register's page)."
    )


class ProposalList(BaseModel):
    items: list[ProposalRead]


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
