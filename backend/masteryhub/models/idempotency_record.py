from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity


class IdempotencyRecord(Entity):
    """The first successful response to an `Idempotency-Key`, stored with the write it made."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("caller", "route", "key"),)

    caller: Mapped[str] = mapped_column(String(80))
    route: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[Any] = mapped_column(JSON, nullable=True)
    response_headers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    expires_at: Mapped[datetime] = mapped_column(index=True)
