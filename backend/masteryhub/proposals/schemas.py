from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.release_days.schemas import ReleaseDayEntryRead


class ProposalRejection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000, description="Why, for the record.")


class ProposalList(BaseModel):
    items: list[ReleaseDayEntryRead]
