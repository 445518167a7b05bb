from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.auth.scopes import Scope


class ApiClientCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[Scope] = Field(min_length=1)
    hub_id: uuid.UUID | None = Field(None, description="National admins only; defaults to yours.")


class ApiClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    client_id: str
    hub_id: uuid.UUID
    scopes: list[str]
    is_active: bool
    created_at: datetime
    updated_at: datetime


class ApiClientCreated(ApiClientRead):
    client_secret: str = Field(description="Shown once, now. Only a hash is kept.")
