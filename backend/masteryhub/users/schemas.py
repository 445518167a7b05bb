from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StrictBool, field_validator
from pydantic.json_schema import SkipJsonSchema

from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.user import Role, User

UserStatus = Literal["invited", "active", "deactivated"]
NO_TYPED_PASSWORDS = (
    "Nobody sets a password for someone else: the person is emailed an invitation to choose "
    "their own (or can reset it from the sign-in page)."
)


class _RefusesPasswords(BaseModel):
    # Not in the contract; here only to refuse it with a sentence rather than "extra input".
    password: SkipJsonSchema[Any] = Field(None, exclude=True)

    @field_validator("password", mode="before")
    @classmethod
    def _no_password(cls, value: Any) -> None:
        if value is not None:
            raise ValueError(NO_TYPED_PASSWORDS)


class UserCreate(_RefusesPasswords):
    """A new person: they are emailed an invitation and choose their own password. Nobody
    sets a password for someone else (a `password` field is refused)."""

    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    hub_id: uuid.UUID | None = Field(
        None, description="Required for every role but national_admin; hub leads may omit it."
    )
    can_approve_claims: bool | None = Field(
        None,
        description="Hub staff only: may approve and pay release-day claims (four eyes; hub "
        "leads and national admins always may).",
    )


class UserUpdate(PatchModel, _RefusesPasswords):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    role: Role | None = None
    is_active: StrictBool | None = None
    school_id: Clearable[uuid.UUID] = Field(
        None, description="The school the person works in (recuses them as a reviewer)."
    )
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
    status: UserStatus = Field(
        description="invited: has not accepted their invitation yet; active; deactivated."
    )
    invitation_expires_at: datetime | None = Field(
        None, description="When the pending invitation's link expires (invited people)."
    )
    mfa_enabled: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User, invitation_expires_at: datetime | None = None) -> UserRead:
        read = cls.model_validate(user)
        if user.status == "invited":
            read.invitation_expires_at = invitation_expires_at
        return read
