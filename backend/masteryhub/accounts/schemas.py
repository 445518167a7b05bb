from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, SecretStr

from masteryhub.auth.schemas import HubSummary
from masteryhub.models.user import Role

# Anything longer is not a password anyone typed (and would only cost hashing time).
MAX_SUBMITTED = 1000


def _not_huge(value: SecretStr) -> SecretStr:
    if len(value.get_secret_value()) > MAX_SUBMITTED:
        raise ValueError(f"Use at most {MAX_SUBMITTED} characters.")
    return value


Secret = Annotated[SecretStr, AfterValidator(_not_huge)]


class PasswordPolicy(BaseModel):
    min_length: int
    max_length: int
    guidance: list[str] = Field(description="Sentences to show before the person types.")


class InvitationRead(BaseModel):
    email: str
    name: str
    role: Role
    hub: HubSummary | None
    expires_at: datetime


class PasswordSet(BaseModel):
    password: Secret


class PasswordResetRequest(BaseModel):
    email: str = Field(max_length=320)


class PasswordChange(BaseModel):
    current_password: Secret
    new_password: Secret


class TotpEnrolment(BaseModel):
    secret: str = Field(description="Base32, for typing into an authenticator app by hand.")
    otpauth_uri: str
    qr_svg: str = Field(description="The otpauth URI as a QR code (SVG, made by segno).")


class TotpCode(BaseModel):
    code: str = Field(min_length=1, max_length=20, description="The 6-digit code.")


class RecoveryCodes(BaseModel):
    recovery_codes: list[str] = Field(description="Shown once; each works once.")


class SessionRead(BaseModel):
    id: uuid.UUID
    user_agent: str | None
    ip_address: str | None
    created_at: datetime
    last_used_at: datetime
    current: bool


class SessionList(BaseModel):
    items: list[SessionRead]
