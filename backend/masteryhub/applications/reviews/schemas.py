from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict

from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.review import EssentialAssessment, Recommendation

Score = Annotated[int, Strict(), Field(ge=0, le=2)]
Code = Annotated[str, Field(max_length=64)]


class ReviewCreate(BaseModel):
    essential: dict[Code, EssentialAssessment] = Field(
        description="Every essential criterion of the programme: met, not_met or unclear."
    )
    desirable: dict[Code, Score] = Field(
        description="Every desirable criterion of the programme, scored 0–2."
    )
    comment: str | None = Field(None, max_length=10_000)
    recommendation: Recommendation


class ReviewUpdate(PatchModel):
    """Only what changes; criterion maps are merged into the review's."""

    essential: dict[Code, EssentialAssessment] | None = None
    desirable: dict[Code, Score] | None = None
    comment: Clearable[str] = Field(None, max_length=10_000)
    recommendation: Recommendation | None = None


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    reviewer_id: uuid.UUID
    reviewer_name: str
    essential: dict[str, EssentialAssessment]
    desirable: dict[str, int]
    comment: str | None
    recommendation: Recommendation
    created_at: datetime
    updated_at: datetime


class ReviewList(BaseModel):
    items: list[ReviewRead]
    others_hidden: bool = Field(
        description="True for a reviewer who has not yet submitted their own review: "
        "reviewers score independently and see the others' only afterwards."
    )
