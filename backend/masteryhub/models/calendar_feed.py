from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, HubScoped


class CalendarFeed(HubScoped, Entity):
    """A person's secret iCalendar feed URL. Only the token's SHA-256 is kept; rotating it
    replaces the hash, so the old URL stops working at once."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
