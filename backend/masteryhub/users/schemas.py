from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, SecretStr, StrictBool

from masteryhub.auth.passwords import MIN_PASSWORD_LENGTH
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.user import Role

MAX_PASSWORD_LENGTH = 200


def _password_length(password: SecretStr) -> SecretStr:
    # Checked here rather than with Field(min_length=...): Pydantic words a SecretStr's length
    # error as "items", which reads wrongly beside a password field.
    length = len(password.get_secret_value())
    if length < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if length > MAX_PASSWORD_LENGTH:
        raise ValueError(f"Use at most {MAX_PASSWORD_LENGTH} characters.")
    return password


Password = Annotated[
    SecretStr,
    AfterValidator(_password_length),
    Field(json_schema_extra={"minLength": MIN_PASSWORD_LENGTH, "maxLength": MAX_PASSWORD_LENGTH}),
]


class UserCreate(BaseModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    hub_id: uuid.UUID | None = Field(
        None, description="Required for every role but national_admin; hub leads may omit it."
    )
    password: Password
    can_approve_claims: bool | None = Field(
        None,
        description="Hub staff only: may approve and pay release-day claims (four eyes; hub "
        "leads and national admins always may).",
    )


class UserUpdate(PatchModel):
    name: str | None = Field(None, min_length=1, max_length=200)
    role: Role | None = None
    is_active: StrictBool | None = None
    school_id: Clearable[uuid.UUID] = Field(
        None, description="The school the person works in (recuses them as a reviewer)."
    )
    password: Password | None = None
    can_approve_claims: bool | None = Field(
        None,
        description="Hub staff only: may approve and pay release-day claims (four eyes; hub "
        "leads and national admins always may).",
    )


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    role: Role
    hub_id: uuid.UUID | None
    school_id: uuid.UUID | None
    is_active: bool
    can_approve_claims: bool
    created_at: datetime
    updated_at: datetime
