from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field, SecretStr

from masteryhub.auth.passwords import MIN_PASSWORD_LENGTH
from masteryhub.models.user import Role


class UserCreate(BaseModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    hub_id: uuid.UUID | None = Field(
        None, description="Required for every role but national_admin; hub leads may omit it."
    )
    password: SecretStr = Field(min_length=MIN_PASSWORD_LENGTH, max_length=200)


class UserUpdate(BaseModel):
    name: str | None = Field(None, min_length=1, max_length=200)
    role: Role | None = None
    is_active: bool | None = None
    school_id: uuid.UUID | None = Field(
        None, description="The school the person works in (recuses them as a reviewer)."
    )
    password: SecretStr | None = Field(None, min_length=MIN_PASSWORD_LENGTH, max_length=200)


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    role: Role
    hub_id: uuid.UUID | None
    school_id: uuid.UUID | None
    is_active: bool
    created_at: datetime
    updated_at: datetime
