from __future__ import annotations

import uuid
from datetime import date, time

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.application import Application
from masteryhub.models.base import Entity, HubOwned


class Interview(HubOwned, Entity):
    """An application's interview: a London date and time, a place or a video link.

    The applicant's calendar invitation keeps ``uid``; each reschedule raises ``sequence``
    (RFC 5545), so calendars update the event instead of adding another.
    """

    __tablename__ = "interviews"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    on: Mapped[date] = mapped_column(index=True)
    starts_at: Mapped[time]  # Europe/London wall time
    duration_minutes: Mapped[int]
    location: Mapped[str | None] = mapped_column(String(300))
    video_url: Mapped[str | None] = mapped_column(String(500))
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    application: Mapped[Application] = relationship(lazy="raise")
