from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from masteryhub.audit.repository import AuditEventRepository
from masteryhub.audit.schemas import AuditEventRead
from masteryhub.auth.dependencies import HubLead
from masteryhub.db import DbSession
from masteryhub.domain.fields import Instant
from masteryhub.kit.pagination import Page, Pagination, SortOrder
from masteryhub.kit.routing import AppRoute

router = APIRouter(prefix="/audit-events", tags=["audit"], route_class=AppRoute)


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
    repository = AuditEventRepository(session)
    statement = repository.filtered(
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
    )
    events, next_cursor = await repository.page(statement, page, order=order)
    return Page(items=[AuditEventRead.model_validate(e) for e in events], next_cursor=next_cursor)


@router.get("/{audit_event_id}", operation_id="audit-events-get", response_model=AuditEventRead)
async def read_audit_event(
    session: DbSession, _principal: HubLead, audit_event_id: uuid.UUID
) -> AuditEventRead:
    return AuditEventRead.model_validate(await AuditEventRepository(session).get(audit_event_id))
