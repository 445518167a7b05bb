from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from masteryhub.kit.patch import PatchModel

# A half day of release is between half an hour and eight hours of meeting time; a school
# attends at least one session to earn its grant, and no work group meets 50 times.
MINUTES_PER_HALF_DAY = (30, 480)
GRANT_SESSIONS = (1, 50)


class HubSettings(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    hub_id: uuid.UUID = Field(validation_alias="id")
    hub_name: str = Field(validation_alias="name")
    release_minutes_per_half_day: int = Field(
        description="Minutes of meeting time counted as one half day of release (rounded up; "
        "at least a half day per meeting)."
    )
    grant_sessions_threshold: int = Field(
        description="Sessions of a work group someone from a school must attend for the school "
        "to be proposed its grant."
    )
    payment_waits_for_confirmation: bool = Field(
        description="Pay release days only once the school's headteacher has confirmed them."
    )
    updated_at: datetime


class HubSettingsUpdate(PatchModel):
    release_minutes_per_half_day: int | None = Field(
        None, ge=MINUTES_PER_HALF_DAY[0], le=MINUTES_PER_HALF_DAY[1]
    )
    grant_sessions_threshold: int | None = Field(None, ge=GRANT_SESSIONS[0], le=GRANT_SESSIONS[1])
    payment_waits_for_confirmation: StrictBool | None = None
