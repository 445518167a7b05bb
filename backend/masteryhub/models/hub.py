from __future__ import annotations

from sqlalchemy import String, false
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity


class Hub(Entity):
    """A Maths Hub: the tenant that owns applicants, specialists, meetings and ledgers."""

    __tablename__ = "hubs"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(100))
    # Money settings (issue 13): how a meeting's length maps to release days, when a school's
    # work-group attendance earns the grant, and whether payment waits for the head's word.
    release_minutes_per_half_day: Mapped[int] = mapped_column(default=180, server_default="180")
    grant_sessions_threshold: Mapped[int] = mapped_column(default=2, server_default="2")
    payment_waits_for_confirmation: Mapped[bool] = mapped_column(
        default=False, server_default=false()
    )
