from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity


class RefreshToken(Entity):
    """One refresh token of a rotation family; only its SHA-256 is stored.

    Rotation spends a token and issues the next in the same family. Presenting a spent token
    again means it leaked, so the whole family is revoked (RFC 9700 §4.14.2).
    """

    __tablename__ = "refresh_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    spent_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # The session (family) this token belongs to, as the person sees it on "Your account".
    session_started_at: Mapped[datetime | None]
    user_agent: Mapped[str | None] = mapped_column(String(300))
    ip_address: Mapped[str | None] = mapped_column(String(64))
