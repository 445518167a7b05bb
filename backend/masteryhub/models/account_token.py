from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity


class AccountTokenPurpose(enum.StrEnum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"
    # Between a right password and the second factor (RFC 6749 §5.2 `mfa_token`).
    MFA_CHALLENGE = "mfa_challenge"
    # The same, for a person whose role must use 2FA and who has not enrolled yet: accepted as
    # a bearer token by the two enrolment endpoints and the mfa-otp grant, nothing else.
    MFA_ENROLMENT = "mfa_enrolment"


class AccountToken(Entity):
    """A single-use, expiring secret sent to (or held by) one person; only its SHA-256 is
    stored. Used or revoked tokens are kept so that a second use is answered 410, not 404."""

    __tablename__ = "account_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[AccountTokenPurpose] = mapped_column(
        Enum(
            AccountTokenPurpose,
            native_enum=False,
            length=32,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # Wrong codes presented with an mfa_token; the token is spent after a few.
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")


class RecoveryCode(Entity):
    """One of a person's ten single-use 2FA recovery codes (80 random bits; SHA-256 stored)."""

    __tablename__ = "recovery_codes"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None]
