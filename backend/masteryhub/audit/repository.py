"""Every query of the audit trail."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Select, or_, select

from masteryhub.kit.repository import Repository
from masteryhub.models.audit_event import AuditEvent


class AuditEventRepository(Repository[AuditEvent]):
    model = AuditEvent
    not_found_detail = "No such audit event."

    async def touching(
        self, entity_ids: Sequence[uuid.UUID], actor_id: uuid.UUID | None
    ) -> list[AuditEvent]:
        """Every event about one of these records, or by this actor."""
        conditions: list[ColumnElement[bool]] = []
        if entity_ids:
            conditions.append(AuditEvent.entity_id.in_(entity_ids))
        if actor_id is not None:
            conditions.append(AuditEvent.actor_id == actor_id)
        if not conditions:
            return []
        return list(await self.session.scalars(select(AuditEvent).where(or_(*conditions))))

    def filtered(
        self,
        *,
        entity_type: str | None = None,
        entity_id: uuid.UUID | None = None,
        action: str | None = None,
        actor_id: uuid.UUID | None = None,
        occurred_after: datetime | None = None,
        occurred_before: datetime | None = None,
    ) -> Select[AuditEvent]:
        statement = self.select()
        if entity_type is not None:
            statement = statement.where(AuditEvent.entity_type == entity_type)
        if entity_id is not None:
            statement = statement.where(AuditEvent.entity_id == entity_id)
        if action is not None:
            statement = statement.where(AuditEvent.action == action)
        if actor_id is not None:
            statement = statement.where(AuditEvent.actor_id == actor_id)
        if occurred_after is not None:
            statement = statement.where(AuditEvent.created_at > occurred_after)
        if occurred_before is not None:
            statement = statement.where(AuditEvent.created_at < occurred_before)
        return statement
