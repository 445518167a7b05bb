from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.errors import AlreadyExists
from masteryhub.hubs.repository import HubRepository
from masteryhub.hubs.schemas import HubCreate, HubUpdate
from masteryhub.kit import audit
from masteryhub.models.hub import Hub


async def create_hub(session: AsyncSession, actor: Principal | None, data: HubCreate) -> Hub:
    if await HubRepository(session).by_code(data.code) is not None:
        raise AlreadyExists(f"A hub with code {data.code!r} already exists.")
    hub = Hub(code=data.code, name=data.name, region=data.region)
    session.add(hub)
    await audit.record(session, actor, "hub.created", hub, hub_id=None)
    return hub


async def update_hub(session: AsyncSession, actor: Principal, hub: Hub, data: HubUpdate) -> Hub:
    before = audit.snapshot(hub)
    for field, value in data.model_dump(exclude_unset=True).items():
        setattr(hub, field, value)
    await audit.record(session, actor, "hub.updated", hub, before=before, hub_id=hub.id)
    return hub
