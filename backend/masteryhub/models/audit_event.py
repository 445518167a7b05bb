from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, HubScoped


class AuditEvent(HubScoped, Entity):
    """Who changed what: written in the same transaction as the change it records."""

    __tablename__ = "audit_events"
    __table_args__ = (Index(None, "entity_type", "entity_id"),)

    # Nullable: changes to national records (hubs, cohorts, schools) belong to no hub.
    actor_type: Mapped[str] = mapped_column(String(16))  # user | client | system | public
    actor_id: Mapped[uuid.UUID | None]
    actor_label: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
