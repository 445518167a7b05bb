"""Foundation: sign-in, hubs, users, API clients, the audit trail."""

from __future__ import annotations

import uuid
from typing import Any

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.tenancy.core import (
    ANY_CLIENT,
    EVERYONE,
    LEADS,
    NATIONAL_ADMINS,
    Access,
    Builder,
    Declarations,
    ForbiddenWrite,
    HubWorld,
    World,
    machine,
    sequence,
)


async def _make_user(factory: Factory, place: HubWorld) -> uuid.UUID:
    return (await factory.user(Role.HUB_STAFF, place.hub)).id


async def _make_api_client(factory: Factory, place: HubWorld) -> uuid.UUID:
    return (await machine(factory, place.hub, ["applications:read"], "Tenancy probe")).id


async def _make_audit_event(factory: Factory, place: HubWorld) -> uuid.UUID:
    event = AuditEvent(
        hub_id=place.hub.id,
        actor_type="system",
        actor_label="system",
        action="user.updated",
        entity_type="users",
        entity_id=place.records["user_id"],
        before={"name": "Before"},
        after={"name": "After"},
    )
    await factory.add(event)
    return event.id


def new_user(world: World) -> dict[str, Any]:
    n = next(sequence)
    return {
        "email": f"matrix{n}@example.org",
        "name": f"Matrix Person {n}",
        "role": "hub_staff",
        "hub_id": str(world.a.hub.id),
    }


DECLARATIONS = Declarations(
    access={
        "auth-me": Access(EVERYONE, ANY_CLIENT),
        "hubs-list": Access(EVERYONE, ANY_CLIENT),
        "hubs-get": Access(EVERYONE, ANY_CLIENT),
        "hubs-create": Access(NATIONAL_ADMINS),
        "hubs-update": Access(NATIONAL_ADMINS),
        "users-list": Access(LEADS),
        "users-get": Access(LEADS),
        "users-create": Access(LEADS),
        "users-update": Access(LEADS),
        "api-clients-list": Access(LEADS),
        "api-clients-get": Access(LEADS),
        "api-clients-create": Access(LEADS),
        "api-clients-revoke": Access(LEADS),
        "audit-events-list": Access(LEADS),
        "audit-events-get": Access(LEADS),
    },
    builders={
        "user_id": Builder(_make_user, listed_at="/api/v1/users"),
        "api_client_id": Builder(_make_api_client, listed_at="/api/v1/api-clients"),
        "audit_event_id": Builder(_make_audit_event, listed_at="/api/v1/audit-events"),
    },
    national={"hub_id": "hubs are national: every signed-in caller reads every hub"},
    # Answer anyone, signed in or not (they authenticate themselves through their body).
    public={"auth-token": "the sign-in itself", "auth-revoke": "revokes the token it is sent"},
    bodies={
        "hubs-create": lambda world: {"code": f"matrix-{next(sequence)}", "name": "Matrix Hub"},
        "hubs-update": lambda world: {"region": "Somewhere Else"},
        "users-create": new_user,
        "users-update": lambda world: {"name": "Renamed Person"},
        "api-clients-create": lambda world: {
            "name": "Matrix client",
            "scopes": ["applications:submit"],
            "hub_id": str(world.a.hub.id),
        },
    },
    forbidden_writes={
        "hub lead creates a national admin": ForbiddenWrite(
            "hub_lead", "users-create", lambda w: {**new_user(w), "role": "national_admin"}
        ),
        "hub lead creates a national admin by omitting the hub": ForbiddenWrite(
            "hub_lead",
            "users-create",
            lambda w: {**new_user(w), "role": "national_admin", "hub_id": None},
        ),
        "hub lead creates a user in another hub": ForbiddenWrite(
            "hub_lead", "users-create", lambda w: {**new_user(w), "hub_id": str(w.b.hub.id)}
        ),
        "hub lead promotes a user to national admin": ForbiddenWrite(
            "hub_lead", "users-update", lambda w: {"role": "national_admin"}
        ),
        "hub lead creates an API client for another hub": ForbiddenWrite(
            "hub_lead",
            "api-clients-create",
            lambda w: {
                "name": "Sneaky",
                "scopes": ["applications:read"],
                "hub_id": str(w.b.hub.id),
            },
        ),
    },
)
