"""Hub tenancy and who may do what, generated from the app's own routes.

Every route under /api/v1 is enumerated from ``app.routes``, so a route added later is covered
without anyone remembering to add a test — but it must be described here first:

- ``ACCESS``: which roles (and which API-client scopes) may call each operation. An operation
  missing from it fails ``test_role_matrix`` with a message saying what to add.
- ``BUILDERS``: for each ``*_id`` path parameter, how to make one such record in a given hub.
  A parameter with no builder fails ``test_another_hubs_record_is_not_found`` unless it is in
  ``NATIONAL`` (records every hub reads, such as hubs themselves).
- ``BODIES``: a valid JSON body for a write whose empty body would not be valid.

Another hub's record is answered 404, never 403, so ids cannot be probed (api.md).
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from httpx import AsyncClient, Response

from masteryhub.auth.scopes import Scope
from masteryhub.auth.tokens import issue_access_token
from masteryhub.config import Settings
from masteryhub.main import API_PREFIX, create_app
from masteryhub.models.api_client import ApiClient
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from tests.factories import PASSWORD, Caller, Factory, _shared_password_hash

# --- What the app serves ---------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str

    @property
    def id_params(self) -> list[str]:
        return re.findall(r"{(\w+_id)}", self.path)

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)", self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.operation_id})"


def _operations() -> list[Operation]:
    # Routes are fixed when the app is built; no database is touched to list them.
    settings = Settings(
        env="test", secret_key="routes", database_url="sqlite+aiosqlite:///never-connected.db"
    )  # type: ignore[arg-type]
    operations = []
    # FastAPI keeps included routers as branches of app.routes; iter_route_contexts flattens them
    # into the routes as served (full path, methods, operation id).
    for route in iter_route_contexts(create_app(settings).routes):
        if isinstance(route.original_route, APIRoute) and route.path.startswith(API_PREFIX):
            for method in sorted(route.methods):
                operations.append(Operation(route.operation_id, method, route.path))
    return operations


OPERATIONS = _operations()
# Answer anyone, signed in or not (they authenticate themselves through their body).
PUBLIC = {"auth-token", "auth-revoke"}
PROTECTED = [op for op in OPERATIONS if op.operation_id not in PUBLIC]
WITH_IDS = [op for op in PROTECTED if op.id_params]
LISTS = [op for op in PROTECTED if op.method == "GET" and not op.path_params]

# --- Who may call what -----------------------------------------------------------------------

ANY_CLIENT: frozenset[str] = frozenset()  # any API client, whatever its scopes
EVERYONE = frozenset(Role)
LEADS = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD})
NATIONAL_ADMINS = frozenset({Role.NATIONAL_ADMIN})


@dataclass(frozen=True)
class Access:
    """People with one of ``roles`` may call; API clients may only if ``scopes`` is given
    (``ANY_CLIENT``, or a set of which the client must hold one)."""

    roles: frozenset[Role]
    scopes: frozenset[str] | None = None


ACCESS: dict[str, Access] = {
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
}

# --- How to make a record of each kind in a hub ----------------------------------------------

_sequence = itertools.count(1)
Made = dict[str, uuid.UUID]


async def _make_user(factory: Factory, hub: Hub, made: Made) -> uuid.UUID:
    return (await factory.user(Role.HUB_STAFF, hub)).id


async def _machine(factory: Factory, hub: Hub, scopes: list[str], name: str) -> Caller:
    """An API client and a token for it, minted as the client_credentials grant does (the grant
    itself is tested in tests/auth; argon2 per client would make this matrix crawl)."""
    client = ApiClient(
        name=name,
        hub_id=hub.id,
        client_id=f"mh_test_{uuid.uuid4().hex[:12]}",
        secret_hash=_shared_password_hash(),
        scopes=scopes,
    )
    await factory.add(client)
    scope = " ".join(sorted(scopes))
    token = issue_access_token(
        factory.settings, f"client:{client.id}", {"scope": scope, "hub": str(hub.id)}
    ).token
    return Caller("client", client.id, hub.id, token, scopes=scopes, client_id=client.client_id)


async def _make_api_client(factory: Factory, hub: Hub, made: Made) -> uuid.UUID:
    return (await _machine(factory, hub, ["applications:read"], "Tenancy probe")).id


async def _make_audit_event(factory: Factory, hub: Hub, made: Made) -> uuid.UUID:
    event = AuditEvent(
        hub_id=hub.id,
        actor_type="system",
        actor_label="system",
        action="user.updated",
        entity_type="users",
        entity_id=made["user_id"],
        before={"name": "Before"},
        after={"name": "After"},
    )
    await factory.add(event)
    return event.id


@dataclass(frozen=True)
class Builder:
    """Makes one record in a hub (builders run in this order and see what earlier ones made),
    and names the list that shows it to that hub."""

    make: Callable[[Factory, Hub, Made], Awaitable[uuid.UUID]]
    listed_at: str | None = None


BUILDERS: dict[str, Builder] = {
    "user_id": Builder(_make_user, listed_at="/api/v1/users"),
    "api_client_id": Builder(_make_api_client, listed_at="/api/v1/api-clients"),
    "audit_event_id": Builder(_make_audit_event, listed_at="/api/v1/audit-events"),
}
# Path parameters naming national records, which every signed-in caller reads.
NATIONAL = {"hub_id": "hubs are national: every signed-in caller reads every hub"}
# Values for path parameters that name no record (e.g. a year number).
PATH_VALUES: dict[str, str] = {}


def _new_user(world: World) -> dict[str, Any]:
    n = next(_sequence)
    return {
        "email": f"matrix{n}@example.org",
        "name": f"Matrix Person {n}",
        "role": "hub_staff",
        "hub_id": str(world.a.hub.id),
        "password": PASSWORD,
    }


BODIES: dict[str, Callable[[World], dict[str, Any]]] = {
    "hubs-create": lambda world: {"code": f"matrix-{next(_sequence)}", "name": "Matrix Hub"},
    "hubs-update": lambda world: {"region": "Somewhere Else"},
    "users-create": _new_user,
    "users-update": lambda world: {"name": "Renamed Person"},
    "api-clients-create": lambda world: {
        "name": "Matrix client",
        "scopes": ["applications:submit"],
        "hub_id": str(world.a.hub.id),
    },
}

# --- A world with two hubs -------------------------------------------------------------------

ALL_SCOPES = sorted(scope.value for scope in Scope)
HUB_CALLERS = ("hub_lead", "hub_staff", "specialist", "client")


@dataclass
class HubWorld:
    hub: Hub
    records: Made = field(default_factory=dict)


@dataclass
class World:
    a: HubWorld
    b: HubWorld
    callers: dict[str, Caller]  # national_admin, and hub A's hub_lead, ..., client


async def _hub_world(factory: Factory) -> HubWorld:
    world = HubWorld(await factory.hub())
    for param, builder in BUILDERS.items():
        world.records[param] = await builder.make(factory, world.hub, world.records)
    return world


@pytest.fixture
async def world(factory: Factory) -> World:
    a, b = await _hub_world(factory), await _hub_world(factory)
    callers = {"national_admin": await factory.caller(Role.NATIONAL_ADMIN)}
    for role in (Role.HUB_LEAD, Role.HUB_STAFF, Role.SPECIALIST):
        callers[role.value] = await factory.caller(role, a.hub)
    # Every scope there is: tenancy must hold even for the most trusted machine client.
    callers["client"] = await _machine(factory, a.hub, ALL_SCOPES, "All scopes")
    return World(a, b, callers)


def _allowed(access: Access, caller: Caller) -> bool:
    if caller.kind == "client":
        return access.scopes is not None and (
            access.scopes == ANY_CLIENT or bool(access.scopes & set(caller.scopes))
        )
    return caller.role in access.roles


def _ids_in(world: World, hub: HubWorld) -> dict[str, str]:
    ids = {name: str(value) for name, value in hub.records.items()}
    ids["hub_id"] = str(hub.hub.id)
    return {**PATH_VALUES, **ids}


def _url(op: Operation, ids: dict[str, str]) -> str:
    unknown = [name for name in op.path_params if name not in ids]
    if unknown:
        pytest.fail(
            f"{op}: no value for path parameter(s) {unknown}. A `*_id` needs a builder in "
            "BUILDERS (or an entry in NATIONAL); any other parameter a value in PATH_VALUES "
            "(tests/test_tenancy.py)."
        )
    return op.path.format(**{name: ids[name] for name in op.path_params})


async def _call(
    client: AsyncClient, op: Operation, caller: Caller, world: World, ids: dict[str, str]
) -> Response:
    url = _url(op, ids)
    if op.method in {"POST", "PUT", "PATCH"}:
        body = BODIES[op.operation_id](world) if op.operation_id in BODIES else {}
        return await client.request(op.method, url, json=body, headers=caller.headers)
    return await client.request(op.method, url, headers=caller.headers)


def _access(op: Operation) -> Access:
    if op.operation_id not in ACCESS:
        pytest.fail(
            f"{op} is not in ACCESS in tests/test_tenancy.py: declare which roles and API-client "
            "scopes may call it, e.g. "
            f'"{op.operation_id}": Access(LEADS, frozenset({{"applications:read"}})),'
        )
    return ACCESS[op.operation_id]


def _assert_forbidden(response: Response, op: Operation, who: str) -> None:
    assert response.status_code == 403, f"{who} on {op}: {response.status_code} {response.text}"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "forbidden"


# --- The role x route matrix -----------------------------------------------------------------


def test_every_operation_is_declared() -> None:
    undeclared = [str(op) for op in PROTECTED if op.operation_id not in ACCESS]
    stale = set(ACCESS) - {op.operation_id for op in PROTECTED}
    assert not undeclared, f"add these to ACCESS in tests/test_tenancy.py: {undeclared}"
    assert not stale, f"ACCESS names operations the app no longer has: {sorted(stale)}"


@pytest.mark.parametrize("op", PROTECTED, ids=str)
async def test_role_matrix(
    client: AsyncClient, factory: Factory, world: World, op: Operation
) -> None:
    """Each caller from hub A, on hub A's own records: allowed roles succeed, others get 403."""
    access = _access(op)
    callers = dict(world.callers)
    if access.scopes:
        # A client holding every scope but the ones this operation accepts.
        lacking = [s for s in ALL_SCOPES if s not in access.scopes]
        callers["client without the scope"] = await _machine(
            factory, world.a.hub, lacking, "Lacking"
        )
    for who, caller in callers.items():
        response = await _call(client, op, caller, world, _ids_in(world, world.a))
        if _allowed(access, caller):
            hint = (
                f" (if the body is the problem, add a valid one for {op.operation_id!r} to BODIES)"
                if response.status_code == 422
                else ""
            )
            assert response.is_success, (
                f"{who} may call {op} but got {response.status_code}: {response.text}{hint}"
            )
        else:
            _assert_forbidden(response, op, who)


@dataclass(frozen=True)
class ForbiddenWrite:
    """An operation the caller may call, asked to do what their role may not."""

    caller: str
    operation_id: str
    body: Callable[[World], dict[str, Any]]
    target: str = "a"  # whose records fill the path


FORBIDDEN_WRITES = {
    "hub lead creates a national admin": ForbiddenWrite(
        "hub_lead", "users-create", lambda w: {**_new_user(w), "role": "national_admin"}
    ),
    "hub lead creates a national admin by omitting the hub": ForbiddenWrite(
        "hub_lead",
        "users-create",
        lambda w: {**_new_user(w), "role": "national_admin", "hub_id": None},
    ),
    "hub lead creates a user in another hub": ForbiddenWrite(
        "hub_lead", "users-create", lambda w: {**_new_user(w), "hub_id": str(w.b.hub.id)}
    ),
    "hub lead promotes a user to national admin": ForbiddenWrite(
        "hub_lead", "users-update", lambda w: {"role": "national_admin"}
    ),
    "hub lead creates an API client for another hub": ForbiddenWrite(
        "hub_lead",
        "api-clients-create",
        lambda w: {"name": "Sneaky", "scopes": ["applications:read"], "hub_id": str(w.b.hub.id)},
    ),
}


@pytest.mark.parametrize("case", list(FORBIDDEN_WRITES), ids=str)
async def test_forbidden_writes_within_allowed_operations(
    client: AsyncClient, world: World, case: str
) -> None:
    write = FORBIDDEN_WRITES[case]
    (op,) = [o for o in PROTECTED if o.operation_id == write.operation_id]
    url = _url(op, _ids_in(world, world.a if write.target == "a" else world.b))
    before = await client.get(
        "/api/v1/users?limit=200", headers=world.callers["national_admin"].headers
    )

    response = await client.request(
        op.method, url, json=write.body(world), headers=world.callers[write.caller].headers
    )

    _assert_forbidden(response, op, write.caller)
    after = await client.get(
        "/api/v1/users?limit=200", headers=world.callers["national_admin"].headers
    )
    assert after.json() == before.json(), "a refused write changed something"


# --- Another hub's records -------------------------------------------------------------------


async def _snapshot(client: AsyncClient, op: Operation, world: World) -> list[Response]:
    """What a national admin reads of hub B's records on this path (to prove nothing changed)."""
    readers = [o for o in PROTECTED if o.path == op.path and o.method == "GET"]
    admin = world.callers["national_admin"]
    return [
        await _call(client, reader, admin, world, _ids_in(world, world.b)) for reader in readers
    ]


@pytest.mark.parametrize("op", WITH_IDS, ids=str)
async def test_another_hubs_record_is_not_found(
    client: AsyncClient, world: World, op: Operation
) -> None:
    missing = [p for p in op.id_params if p not in BUILDERS and p not in NATIONAL]
    if missing:
        pytest.fail(
            f"{op}: no builder for {missing}. Add to BUILDERS in tests/test_tenancy.py a function "
            "that makes one such record in a given hub (or, if every hub may read these records, "
            "list the parameter in NATIONAL with the reason)."
        )
    access = _access(op)
    national_only = all(p in NATIONAL for p in op.id_params)
    before = await _snapshot(client, op, world)

    for who in HUB_CALLERS:
        caller = world.callers[who]
        response = await _call(client, op, caller, world, _ids_in(world, world.b))
        if not _allowed(access, caller):
            _assert_forbidden(response, op, who)
        elif national_only:
            assert response.is_success, f"{who} on hub B's national record via {op}: {response}"
        else:
            assert response.status_code == 404, (
                f"{who} from hub A reached hub B's record via {op}: "
                f"{response.status_code} {response.text}"
            )
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "not_found"

    after = await _snapshot(client, op, world)
    if not national_only:
        for seen_before, seen_after in zip(before, after, strict=True):
            assert seen_before.status_code == seen_after.status_code == 200
            assert seen_after.json() == seen_before.json(), f"{op} changed hub B's record"


@pytest.mark.parametrize("op", LISTS, ids=str)
async def test_lists_never_show_another_hubs_records(
    client: AsyncClient, world: World, op: Operation
) -> None:
    access = _access(op)
    b_ids = {str(value) for value in world.b.records.values()}
    for who in HUB_CALLERS:
        caller = world.callers[who]
        response = await client.get(op.path, params={"limit": 200}, headers=caller.headers)
        if not _allowed(access, caller):
            _assert_forbidden(response, op, who)
            continue
        assert response.status_code == 200, response.text
        leaked = [i for i in b_ids if i in response.text]
        assert not leaked, f"{op} showed {who} from hub A hub B's records {leaked}"
        body = response.json()
        for item in body.get("items", []) if isinstance(body, dict) else []:
            if "hub_id" in item:
                assert item["hub_id"] == str(world.a.hub.id), f"{op} listed {item} for {who}"


@pytest.mark.parametrize("param", [p for p, b in BUILDERS.items() if b.listed_at], ids=str)
async def test_each_kind_of_record_is_listed_to_its_own_hub_only(
    client: AsyncClient, world: World, param: str
) -> None:
    """Keeps the list checks honest: hub A's records do show up where B's must not."""
    path = BUILDERS[param].listed_at
    assert path is not None
    lead = world.callers["hub_lead"]

    listed = await client.get(path, params={"limit": 200}, headers=lead.headers)

    assert listed.status_code == 200, listed.text
    ids = {item["id"] for item in listed.json()["items"]}
    assert str(world.a.records[param]) in ids
    assert str(world.b.records[param]) not in ids
    everything = await client.get(
        path, params={"limit": 200}, headers=world.callers["national_admin"].headers
    )
    assert str(world.b.records[param]) in {item["id"] for item in everything.json()["items"]}
