from __future__ import annotations

import enum
import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class ContactSource(enum.StrEnum):
    HUB = "hub"  # set by the hub's staff
    APPLICATION = "application"  # the head named on the school's latest appointed application


class SchoolContactRead(BaseModel):
    school_id: uuid.UUID
    hub_id: uuid.UUID
    headteacher_name: str | None
    headteacher_email: str | None = Field(
        description="Who is asked to confirm the school's release days; null: nobody on record."
    )
    source: ContactSource | None = Field(
        description="`hub`: set by the hub (ETag given); `application`: from the head named on "
        "the school's most recent appointed application; null when neither exists."
    )
    updated_at: datetime | None


class SchoolContactWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headteacher_name: str | None = Field(default=None, min_length=1, max_length=200)
    headteacher_email: EmailStr = Field(max_length=320)
