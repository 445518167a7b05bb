from __future__ import annotations

import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.api_clients.schemas import ApiClientCreate
from masteryhub.auth.passwords import new_secret, sha256_hex
from masteryhub.auth.principals import Principal
from masteryhub.errors import FieldError, Forbidden, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.models.api_client import ApiClient


async def create_api_client(
    session: AsyncSession, actor: Principal | None, data: ApiClientCreate
) -> tuple[ApiClient, str]:
    """Returns the client and its secret, which is never retrievable again."""
    hub_id = data.hub_id
    if actor is not None and not actor.is_national:
        if hub_id not in (None, actor.hub_id):
            raise Forbidden("Hub leads create API clients for their own hub only.")
        hub_id = actor.hub_id
    if hub_id is None:
        raise ValidationFailed(errors=[FieldError(field="hub_id", message="Name the hub.")])
    await HubRepository(session).get(hub_id)
    secret = new_secret()
    client = ApiClient(
        name=data.name,
        hub_id=hub_id,
        client_id=f"mh_{secrets.token_hex(12)}",
        secret_hash=sha256_hex(secret),
        scopes=sorted({scope.value for scope in data.scopes}),
    )
    session.add(client)
    await audit.record(session, actor, "api_client.created", client)
    return client, secret


async def revoke_api_client(session: AsyncSession, actor: Principal, client: ApiClient) -> None:
    if not client.is_active:
        return
    before = audit.snapshot(client)
    client.is_active = False
    await audit.record(session, actor, "api_client.revoked", client, before=before)
