from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field, StrictBool, field_validator

from masteryhub.models.programme import CriterionKind, ProgrammeCode


class ReferenceCriterion(BaseModel):
    """A criterion as the headteacher giving the reference reads it."""

    code: str
    kind: CriterionKind
    wording: str


class ReferenceView(BaseModel):
    """Only what the headteacher needs to give the reference."""

    applicant_name: str
    school_name: str | None
    school_urn: str | None
    cohort_name: str
    programme: ProgrammeCode
    closes_at: datetime
    link_expires_at: datetime
    headteacher_name: str
    asks: list[str] = Field(description="What the headteacher is asked for, in plain English.")
    criteria: list[ReferenceCriterion]


class ReferenceSubmit(BaseModel):
    statement: str = Field(min_length=1, max_length=20_000)
    commits_to_release_time: StrictBool = Field(
        description="The school will give the applicant the programme's release time."
    )
    name: str | None = Field(
        None, min_length=1, max_length=200, description="If someone else gives the reference."
    )

    @field_validator("commits_to_release_time")
    @classmethod
    def _committed(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError(
                "The programme needs the school's commitment to release time; "
                "contact the Maths Hub if the school cannot give it."
            )
        return value


class ReferenceReceipt(BaseModel):
    application_id: uuid.UUID
    reference: str
    received_at: datetime


class ReferenceDecline(BaseModel):
    reason: str = Field(
        min_length=1,
        max_length=2000,
        description="Why you cannot give the reference (the applicant is told).",
    )
    name: str | None = Field(
        None, min_length=1, max_length=200, description="If someone else is answering."
    )


class ReferenceDeclined(BaseModel):
    application_id: uuid.UUID
    reference: str
    declined_at: datetime
