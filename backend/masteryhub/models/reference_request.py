from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.application import Application
from masteryhub.models.base import Entity, HubOwned


class ReferenceRequest(HubOwned, Entity):
    """A single-use, expiring link emailed to the headteacher; only the token's SHA-256 is kept.

    A resend revokes the open links; a reminder issues a fresh link with the same expiry
    (the raw token of the first cannot be recovered) and leaves the first one working.
    """

    __tablename__ = "reference_requests"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None] = mapped_column(index=True)
    application: Mapped[Application] = relationship(lazy="raise")
