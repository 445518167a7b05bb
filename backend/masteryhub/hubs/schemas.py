from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.kit.patch import Clearable, PatchModel

HUB_CODE_PATTERN = r"^[a-z0-9][a-z0-9-]{1,31}$"


class HubCreate(BaseModel):
    code: str = Field(pattern=HUB_CODE_PATTERN, description="Short lowercase code, e.g. `north`.")
    name: str = Field(min_length=2, max_length=200)
    region: str | None = Field(None, max_length=100)


class HubUpdate(PatchModel):
    name: str | None = Field(None, min_length=2, max_length=200)
    region: Clearable[str] = Field(None, max_length=100)


class HubRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    region: str | None
    created_at: datetime
    updated_at: datetime
