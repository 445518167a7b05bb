from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity


class Hub(Entity):
    """A Maths Hub: the tenant that owns applicants, specialists, meetings and ledgers."""

    __tablename__ = "hubs"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(100))
