from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubScoped
from masteryhub.models.hub import Hub


class Role(enum.StrEnum):
    NATIONAL_ADMIN = "national_admin"
    HUB_LEAD = "hub_lead"
    HUB_STAFF = "hub_staff"
    SPECIALIST = "specialist"


class User(HubScoped, Entity):
    """A person who signs in. Everyone but the national team belongs to one hub."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])
    )
    # None until the person accepts their invitation and chooses a password themselves.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Four eyes: hub staff named by their lead may approve and pay release-day claims (hub leads
    # and national admins always may); nobody approves an entry they recorded or their own.
    can_approve_claims: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The school the person works in, if any: a reviewer is recused from its applicants.
    school_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("schools.id"), index=True)
    # Access tokens issued before this instant are refused (set on every password change or
    # reset, and when a second factor is reset), checked on each request.
    tokens_valid_after: Mapped[datetime | None]
    # TOTP (RFC 6238): the secret (encrypted: auth.mfa.seal), when the second factor was
    # confirmed, and the last time step a code was accepted for (never accepted twice).
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]
    hub: Mapped[Hub | None] = relationship(lazy="raise")

    @property
    def mfa_enabled(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def status(self) -> str:
        if not self.is_active:
            return "deactivated"
        return "invited" if self.password_hash is None else "active"
