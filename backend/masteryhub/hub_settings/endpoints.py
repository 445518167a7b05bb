"""`/hubs/{hub_id}/settings`: a hub's money settings (hub leads change their own hub's)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from masteryhub.auth.dependencies import HubLead, Staff
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.hub_settings import service
from masteryhub.hub_settings.schemas import HubSettings, HubSettingsUpdate
from masteryhub.kit.etags import IfMatch, set_etag
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute

router = APIRouter(prefix="/hubs/{hub_id}/settings", tags=["hub-settings"], route_class=AppRoute)


@router.get(
    "",
    operation_id="hub-settings-get",
    response_model=HubSettings,
    summary="A hub's money settings (hub staff read their own hub's; national admins any)",
    responses=problem_responses(404),
)
async def read_hub_settings(
    session: DbSession, principal: Staff, hub_id: uuid.UUID, response: Response
) -> HubSettings:
    hub = await service.read_settings(session, principal, hub_id)
    set_etag(response, hub)
    return HubSettings.model_validate(hub)


@router.patch(
    "",
    operation_id="hub-settings-update",
    response_model=HubSettings,
    summary="Change a hub's money settings (its hub lead, or a national admin)",
    description="Applies to what registers propose from now on; proposals already made keep "
    "their figures. Send `If-Match` with the ETag you read.",
    responses=problem_responses(404, 412),
)
async def update_hub_settings(
    session: DbSession,
    principal: HubLead,
    hub_id: uuid.UUID,
    data: HubSettingsUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> HubSettings:
    hub = await service.update_settings(session, principal, hub_id, data, if_match)
    await respond(session, response, hub)
    return HubSettings.model_validate(hub)
