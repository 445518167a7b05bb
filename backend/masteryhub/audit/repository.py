"""Every query of the audit trail."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select

from masteryhub.kit.repository import Repository
from masteryhub.models.audit_event import AuditEvent


class AuditEventRepository(Repository[AuditEvent]):
    model = AuditEvent
    not_found_detail = "No such audit event."

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
