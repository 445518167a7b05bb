"""What the tenancy matrix is made of: the app's operations, who may call them, and the two-hub
world each test builds once. The declarations themselves live in one module per area
(tests/tenancy/<area>.py), gathered in tests/tenancy/declarations.py."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from httpx import AsyncClient

from masteryhub.auth.passwords import sha256_hex
from masteryhub.auth.tokens import issue_access_token
from masteryhub.config import Settings
from masteryhub.main import API_PREFIX, create_app
from masteryhub.models.api_client import ApiClient
from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from tests.factories import Caller, Factory

# --- What the app serves ---------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    idempotent: bool = False  # takes an Idempotency-Key header

    @property
    def id_params(self) -> list[str]:
        return re.findall(r"{(\w+_id)}", self.path)

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)", self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.operation_id})"


def app_operations() -> list[Operation]:
    # Routes are fixed when the app is built; no database is touched to list them.
    settings = Settings(
        env="test", secret_key="routes", database_url="sqlite+aiosqlite:///never-connected.db"
    )  # type: ignore[arg-type]
    app = create_app(settings)
    keyed = {
        operation["operationId"]
        for methods in app.openapi()["paths"].values()
        for operation in methods.values()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    }
    operations = []
    # FastAPI keeps included routers as branches of app.routes; iter_route_contexts flattens them
    # into the routes as served (full path, methods, operation id).
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute) and route.path.startswith(API_PREFIX):
            for method in sorted(route.methods):
                operation_id = route.operation_id
                operations.append(
                    Operation(operation_id, method, route.path, operation_id in keyed)
                )
    return operations


# --- Who may call what -----------------------------------------------------------------------

ANY_CLIENT: frozenset[str] = frozenset()  # any API client, whatever its scopes
EVERYONE = frozenset(Role)
STAFF = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD, Role.HUB_STAFF})
LEADS = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD})
NATIONAL_ADMINS = frozenset({Role.NATIONAL_ADMIN})


@dataclass(frozen=True)
class Access:
    """People with one of ``roles`` may call; API clients may only if ``scopes`` is given
    (``ANY_CLIENT``, or a set of which the client must hold one)."""

    roles: frozenset[Role]
    scopes: frozenset[str] | None = None


def scopes(*names: str) -> frozenset[str]:
    return frozenset(names)


# --- The world: two hubs, their records, national records, callers ---------------------------

sequence = itertools.count(1)
Made = dict[str, uuid.UUID]


@dataclass
class HubWorld:
    hub: Hub
    national: Made  # records every hub shares (made once per world)
    # The hub's person with the specialist role; builders link them to the hub's Specialist
    # row, so a specialist acting on "their own" records acts on the ones built here.
    specialist: Caller
    records: Made = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)  # what bodies need besides ids (a URN)


@dataclass
class World:
    a: HubWorld
    b: HubWorld
    national: Made
    callers: dict[str, Caller]  # national_admin, and hub A's hub_lead, ..., client


@dataclass(frozen=True)
class Builder:
    """Makes one record in a hub (builders run in declaration order and see what earlier ones
    made in ``place.records``), and names the list that shows it to that hub."""

    make: Callable[[Factory, HubWorld], Awaitable[uuid.UUID]]
    listed_at: str | None = None


NationalBuilder = Callable[[Factory, Made], Awaitable[uuid.UUID]]
Body = Callable[[World], Any]
# Runs before an allowed caller calls the operation; returns path values to use instead
# (e.g. a fresh record for a DELETE, so each allowed caller has one to delete).
Prepare = Callable[[Factory, World, Caller], Awaitable[dict[str, str]]]


# A public operation's URL as a given person would hand it out (e.g. their calendar feed's).
PublicUrl = Callable[[AsyncClient, World, Caller], Awaitable[str]]


@dataclass(frozen=True)
class ForbiddenWrite:
    """An operation the caller may call, asked to do what their role may not."""

    caller: str
    operation_id: str
    body: Body
    target: str = "a"  # whose records fill the path
    code: str = "forbidden"  # the 403 problem's code


@dataclass(frozen=True)
class CrossHubBody:
    """A write on hub A's records whose body names one of hub B's: every allowed caller is
    refused (hub A's callers cannot see B's record; a national admin must not link two hubs'
    records), and nothing changes. ``hub_callers_only`` when a national admin may do it."""

    operation_id: str
    body: Body
    hub_callers_only: bool = False


@dataclass
class Declarations:
    """What one area declares (see tests/tenancy/test_tenancy.py for what each is for)."""

    access: dict[str, Access]
    builders: dict[str, Builder] = field(default_factory=dict)
    national_builders: dict[str, NationalBuilder] = field(default_factory=dict)
    national: dict[str, str] = field(default_factory=dict)
    national_lists: dict[str, str] = field(default_factory=dict)
    own_hub_writes: dict[str, str] = field(default_factory=dict)
    hub_private: dict[str, str] = field(default_factory=dict)
    public: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    uploads: dict[str, Callable[[World], dict[str, Any]]] = field(default_factory=dict)
    queries: dict[str, dict[str, str]] = field(default_factory=dict)
    headers: dict[str, Callable[[], dict[str, str]]] = field(default_factory=dict)
    path_values: dict[str, str] = field(default_factory=dict)
    prepare: dict[str, Prepare] = field(default_factory=dict)
    forbidden_writes: dict[str, ForbiddenWrite] = field(default_factory=dict)
    cross_hub_bodies: dict[str, CrossHubBody] = field(default_factory=dict)
    public_urls: dict[str, PublicUrl] = field(default_factory=dict)


def fresh(param: str) -> Prepare:
    """A new record of ``param``'s kind in hub A for each allowed caller (for DELETEs)."""

    async def prepare(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
        from tests.tenancy.declarations import BUILDERS

        return {param: str(await BUILDERS[param].make(factory, world.a))}

    return prepare


async def machine(factory: Factory, hub: Hub, scopes: list[str], name: str) -> Caller:
    """An API client and a token for it, minted as the client_credentials grant does (the grant
    itself is tested in tests/auth)."""
    client = ApiClient(
        name=name,
        hub_id=hub.id,
        client_id=f"mh_test_{uuid.uuid4().hex[:12]}",
        secret_hash=sha256_hex(f"secret-{uuid.uuid4().hex}"),
        scopes=scopes,
    )
    await factory.add(client)
    scope = " ".join(sorted(scopes))
    token = issue_access_token(
        factory.settings, f"client:{client.id}", {"scope": scope, "hub": str(hub.id)}
    ).token
    return Caller("client", client.id, hub.id, token, scopes=scopes, client_id=client.client_id)
