"""Audit trail: every service write appends an event in the same transaction as the change."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.db import READER
from masteryhub.kit.context import request_id_var
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.base import Entity

# Never copied into the trail, whatever the entity.
SECRET_FIELDS = frozenset(
    {
        "password_hash",
        "secret_hash",
        "token_hash",
        "calendar_token_hash",
        "totp_secret",
        "code_hash",
        "tokens_valid_after",
        "totp_last_step",
    }
)
SKIPPED_FIELDS = frozenset({"created_at", "updated_at", "version"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(entity: Entity) -> dict[str, Any]:
    """The entity's column values, as JSON, without secrets or bookkeeping columns."""
    mapper = inspect(entity).mapper
    return {
        attr.key: _jsonable(getattr(entity, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in SECRET_FIELDS and attr.key not in SKIPPED_FIELDS
    }


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, on both sides."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


async def record(
    session: AsyncSession,
    actor: Principal | None,
    action: str,
    entity: Entity,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    hub_id: uuid.UUID | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append an audit event.

    ``after`` defaults to the entity as it now stands; given a ``before`` snapshot, only the
    fields that changed are kept on both sides.
    """
    await session.flush()
    if after is None:
        after = snapshot(entity)
    if before is not None:
        before, after = changed(before, after)
    return record_action(
        session,
        actor,
        action,
        entity_type=entity.__tablename__,
        entity_id=entity.id,
        before=before,
        after=after,
        hub_id=hub_id if hub_id is not None else getattr(entity, "hub_id", None),
        actor_label=actor_label,
    )


def record_action(
    session: AsyncSession,
    actor: Principal | None,
    action: str,
    *,
    entity_type: str,
    entity_id: uuid.UUID | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    hub_id: uuid.UUID | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append an audit event about something that is not one entity (e.g. a person's data)."""
    if session.info.get(READER):
        # A GET that writes must say so (db.WritesOnRead) so that it queues and begins as a
        # writer; on SQLite a reader's transaction cannot become a writer's under load.
        raise RuntimeError("This route writes: declare it with dependencies=[WritesOnRead]")
    event = AuditEvent(
        hub_id=hub_id,
        actor_type=actor.kind if actor else "system",
        actor_id=actor.id if actor else None,
        actor_label=actor.label if actor else (actor_label or "system"),
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=before,
        after=after,
        request_id=request_id_var.get(),
    )
    session.add(event)
    return event
