"""Reading and changing a hub's money settings. A hub's settings are its own: another hub's
caller is answered 404 (the hub itself is national, its settings are not)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.errors import NotFound
from masteryhub.hub_settings.schemas import HubSettingsUpdate
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.kit.etags import check_if_match
from masteryhub.models.base import utcnow
from masteryhub.models.hub import Hub

FIELDS = (
    "release_minutes_per_half_day",
    "grant_sessions_threshold",
    "payment_waits_for_confirmation",
)


def _settings(hub: Hub) -> dict[str, object]:
    return {field: getattr(hub, field) for field in FIELDS}


def _check_hub(actor: Principal, hub_id: uuid.UUID) -> None:
    if not actor.is_national and actor.hub_id != hub_id:
        raise NotFound("No such hub.")


async def read_settings(session: AsyncSession, actor: Principal, hub_id: uuid.UUID) -> Hub:
    _check_hub(actor, hub_id)
    return await HubRepository(session).get(hub_id)


async def update_settings(
    session: AsyncSession,
    actor: Principal,
    hub_id: uuid.UUID,
    data: HubSettingsUpdate,
    if_match: str | None,
) -> Hub:
    _check_hub(actor, hub_id)
    hub = await HubRepository(session).for_update(hub_id)
    check_if_match(if_match, hub)
    before = _settings(hub)
    for field, value in data.model_dump(exclude_unset=True).items():
        setattr(hub, field, value)
    hub.updated_at = utcnow()  # a new version, so the ETag moves even when nothing changed
    await audit.record(
        session,
        actor,
        "hub.settings_updated",
        hub,
        before=before,
        after=_settings(hub),
        hub_id=hub.id,
    )
    return hub
