from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from masteryhub.audit.schemas import AuditEventRead
from masteryhub.auth.dependencies import HubLead
from masteryhub.db import DbSession
from masteryhub.domain.fields import Instant
from masteryhub.kit.pagination import Page, Pagination, SortOrder
from masteryhub.kit.repository import Repository
from masteryhub.kit.routing import AppRoute
from masteryhub.models.audit_event import AuditEvent

router = APIRouter(prefix="/audit-events", tags=["audit"], route_class=AppRoute)


class AuditEventRepository(Repository[AuditEvent]):
    model = AuditEvent
    not_found_detail = "No such audit event."


@router.get("", operation_id="audit-events-list", response_model=Page[AuditEventRead])
async def list_audit_events(
    session: DbSession,
    _principal: HubLead,
    page: Pagination,
    entity_type: str | None = None,
    entity_id: uuid.UUID | None = None,
    action: str | None = None,
    actor_id: uuid.UUID | None = None,
    occurred_after: Instant | None = None,
    occurred_before: Instant | None = None,
    order: Annotated[
        SortOrder,
        Query(
            description="`asc` (the default, as every list): oldest first; `desc`: newest "
            "first. Cursors carry the order they were issued for; use each with its own."
        ),
    ] = SortOrder.ASC,
) -> Page[AuditEventRead]:
    statement = select(AuditEvent)
    filters: dict[str, object | None] = {
        "entity_type": entity_type,
        "entity_id": entity_id,
        "action": action,
        "actor_id": actor_id,
    }
    for name, value in filters.items():
        if value is not None:
            statement = statement.where(getattr(AuditEvent, name) == value)
    if occurred_after is not None:
        statement = statement.where(AuditEvent.created_at > occurred_after)
    if occurred_before is not None:
        statement = statement.where(AuditEvent.created_at < occurred_before)
    events, next_cursor = await AuditEventRepository(session).page(statement, page, order=order)
    return Page(items=[AuditEventRead.model_validate(e) for e in events], next_cursor=next_cursor)


@router.get("/{audit_event_id}", operation_id="audit-events-get", response_model=AuditEventRead)
async def read_audit_event(
    session: DbSession, _principal: HubLead, audit_event_id: uuid.UUID
) -> AuditEventRead:
    return AuditEventRead.model_validate(await AuditEventRepository(session).get(audit_event_id))
