"""Hub tenancy and who may do what, generated from the app's own routes.

Every route under /api/v1 is enumerated from ``app.routes``, so a route added later is covered
without anyone remembering to add a test — but it must be described first, in its area's module
under tests/tenancy/ (gathered by tests/tenancy/declarations.py):

- ``access``: which roles (and which API-client scopes) may call each operation. An operation
  missing from it fails ``test_role_matrix`` with a message saying what to add.
- ``builders``: for each ``*_id`` path parameter, how to make one such record in a given hub.
  A parameter with no builder fails ``test_another_hubs_record_is_not_found`` unless it is in
  ``national`` (records every hub reads, such as hubs and cohorts themselves), made once per
  world by ``national_builders`` (or per hub by a builder, e.g. a school in a hub's area).
- ``bodies``: a valid JSON body for a write whose empty body would not be valid (``uploads``
  for a multipart form); ``queries`` for required query parameters; ``path_values`` for path
  parameters that name no record; ``prepare`` for what must exist before each allowed caller
  calls (a fresh record to DELETE).
  ``headers`` for required headers (a fresh Idempotency-Key).
- ``public``: operations that answer anyone (``public_urls``: how a person hands one out, to
  check it shows their hub's records only); ``national_lists``: lists of national records,
  which show every hub's; ``own_hub_writes``: writes to a national record that only its own
  hub may make (another hub's caller is refused 403: the record is visible, so not hidden);
  ``hub_private``: a hub's own part of a national record (its money settings): another hub's
  is answered 404 like any hub record.
- ``forbidden_writes``: an allowed operation asked to do what the caller's role may not;
  ``cross_hub_bodies``: a write whose body names another hub's record.

Besides the role matrix and other hubs' records, lists and public pages, it checks that a
specialist reaches only their own records (a colleague in the same hub has records too), and
that an Idempotency-Key sent again for another hub's record never replays the first answer.

Another hub's record is answered 404, never 403, so ids cannot be probed (api.md).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from masteryhub.auth.scopes import Scope
from masteryhub.main import API_PREFIX
from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.tenancy.core import (
    ANY_CLIENT,
    Access,
    HubWorld,
    Made,
    Operation,
    World,
    app_operations,
    machine,
)
from tests.tenancy.declarations import (
    ACCESS,
    BODIES,
    BUILDERS,
    CROSS_HUB_BODIES,
    FORBIDDEN_WRITES,
    HEADERS,
    HUB_PRIVATE,
    NATIONAL,
    NATIONAL_BUILDERS,
    NATIONAL_LISTS,
    OWN_HUB_WRITES,
    PATH_VALUES,
    PREPARE,
    PUBLIC,
    PUBLIC_URLS,
    QUERIES,
    UPLOADS,
)

OPERATIONS = app_operations()
PROTECTED = [op for op in OPERATIONS if op.operation_id not in PUBLIC]
WITH_IDS = [op for op in PROTECTED if op.id_params]
LISTS = [op for op in PROTECTED if op.method == "GET" and not op.path_params]

ALL_SCOPES = sorted(scope.value for scope in Scope)
HUB_CALLERS = ("hub_lead", "hub_staff", "specialist", "client")

# --- A world with two hubs -------------------------------------------------------------------


async def _hub_world(factory: Factory, national: Made, hub: Hub | None = None) -> HubWorld:
    hub = hub or await factory.hub()
    world = HubWorld(hub, national, await factory.caller(Role.SPECIALIST, hub))
    for param, builder in BUILDERS.items():
        world.records[param] = await builder.make(factory, world)
    return world


@pytest.fixture(autouse=True)
def _import_dir(app: FastAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Uploaded GIAS files land in a temporary directory."""
    monkeypatch.setattr(app.state.settings, "import_dir", tmp_path / "imports")


@pytest.fixture
async def world(factory: Factory) -> World:
    national: Made = {}
    for param, make in NATIONAL_BUILDERS.items():
        national[param] = await make(factory, national)
    a, b = await _hub_world(factory, national), await _hub_world(factory, national)
    callers = {"national_admin": await factory.caller(Role.NATIONAL_ADMIN)}
    for role in (Role.HUB_LEAD, Role.HUB_STAFF):
        callers[role.value] = await factory.caller(role, a.hub)
    callers[Role.SPECIALIST.value] = a.specialist
    # Every scope there is: tenancy must hold even for the most trusted machine client.
    callers["client"] = await machine(factory, a.hub, ALL_SCOPES, "All scopes")
    return World(a, b, national, callers)


@pytest.fixture
async def colleague(factory: Factory, world: World) -> HubWorld:
    """Another specialist of hub A, with records of their own."""
    return await _hub_world(factory, world.national, world.a.hub)


def _allowed(access: Access, caller: Caller) -> bool:
    if caller.kind == "client":
        return access.scopes is not None and (
            access.scopes == ANY_CLIENT or bool(access.scopes & set(caller.scopes))
        )
    return caller.role in access.roles


def _ids_in(world: World, hub: HubWorld) -> dict[str, str]:
    ids = {name: str(value) for name, value in {**world.national, **hub.records}.items()}
    ids["hub_id"] = str(hub.hub.id)
    return {**PATH_VALUES, **ids}


def _hub_owned_ids(hub: HubWorld) -> set[str]:
    """The hub's own records' ids (not the national records built in it, such as schools)."""
    return {str(value) for param, value in hub.records.items() if param not in NATIONAL}


def _url(op: Operation, ids: dict[str, str]) -> str:
    unknown = [name for name in op.path_params if name not in ids]
    if unknown:
        pytest.fail(
            f"{op}: no value for path parameter(s) {unknown}. A `*_id` needs a builder in its "
            "area's `builders` (or an entry in `national` with a national builder); any other "
            "parameter a value in `path_values` (tests/tenancy/<area>.py)."
        )
    return op.path.format(**{name: ids[name] for name in op.path_params})


async def _call(
    client: AsyncClient,
    op: Operation,
    caller: Caller,
    world: World,
    ids: dict[str, str],
    headers: dict[str, str] | None = None,
) -> Response:
    url = _url(op, ids)
    # A query value may name a path value, e.g. {"hub_id": "{hub_id}"}: the hub being called.
    query = QUERIES.get(op.operation_id)
    params = {name: value.format(**ids) for name, value in query.items()} if query else None
    required = HEADERS[op.operation_id]() if op.operation_id in HEADERS else {}
    headers = caller.headers | required | (headers or {})
    if op.operation_id in UPLOADS:
        files = UPLOADS[op.operation_id](world)
        return await client.request(op.method, url, files=files, headers=headers)
    if op.method in {"POST", "PUT", "PATCH"} or op.operation_id in BODIES:
        body = BODIES[op.operation_id](world) if op.operation_id in BODIES else {}
        return await client.request(op.method, url, json=body, params=params, headers=headers)
    return await client.request(op.method, url, params=params, headers=headers)


def _access(op: Operation) -> Access:
    if op.operation_id not in ACCESS:
        pytest.fail(
            f"{op} is not in `access` in tests/tenancy/<area>.py: declare which roles and "
            "API-client scopes may call it, e.g. "
            f'"{op.operation_id}": Access(LEADS, scopes(Scope.APPLICATIONS_READ)),'
        )
    return ACCESS[op.operation_id]


def _assert_forbidden(response: Response, op: Operation, who: str) -> None:
    assert response.status_code == 403, f"{who} on {op}: {response.status_code} {response.text}"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "forbidden"


# --- The role x route matrix -----------------------------------------------------------------


def test_every_operation_is_declared() -> None:
    undeclared = [str(op) for op in PROTECTED if op.operation_id not in ACCESS]
    served = {op.operation_id for op in OPERATIONS}
    named = (ACCESS, PUBLIC, BODIES, UPLOADS, PREPARE, QUERIES, HEADERS, NATIONAL_LISTS)
    stale = {name for declared in named for name in declared} - served
    assert not undeclared, f"add these to `access` in tests/tenancy/<area>.py: {undeclared}"
    assert not stale, f"tests/tenancy names operations the app no longer has: {sorted(stale)}"
    assert not set(ACCESS) & set(PUBLIC), "an operation is both public and in `access`"


# Preparing these uploads a GIAS file, whose import runs as a task of its own beside the
# test's requests: they commit for real (tests/conftest.py).
IMPORTING = {"schools-imports-create", "schools-imports-list", "schools-imports-get"}


@pytest.mark.parametrize(
    "op",
    [
        pytest.param(op, marks=pytest.mark.real_commits) if op.operation_id in IMPORTING else op
        for op in PROTECTED
    ],
    ids=str,
)
async def test_role_matrix(
    client: AsyncClient, factory: Factory, world: World, op: Operation
) -> None:
    """Each caller from hub A, on hub A's own records: allowed roles succeed, others get 403."""
    access = _access(op)
    callers = dict(world.callers)
    if access.scopes:
        # A client holding every scope but the ones this operation accepts.
        lacking = [s for s in ALL_SCOPES if s not in access.scopes]
        callers["client without the scope"] = await machine(
            factory, world.a.hub, lacking, "Lacking"
        )
    for who, caller in callers.items():
        ids = _ids_in(world, world.a)
        allowed = _allowed(access, caller)
        if allowed and op.operation_id in PREPARE:
            ids |= await PREPARE[op.operation_id](factory, world, caller)
        response = await _call(client, op, caller, world, ids)
        if allowed:
            hint = (
                f" (if the body is the problem, add a valid one for {op.operation_id!r} to its "
                "area's `bodies`)"
                if response.status_code == 422
                else ""
            )
            assert response.is_success, (
                f"{who} may call {op} but got {response.status_code}: {response.text}{hint}"
            )
        else:
            _assert_forbidden(response, op, who)


@pytest.mark.parametrize("case", list(FORBIDDEN_WRITES), ids=str)
async def test_forbidden_writes_within_allowed_operations(
    client: AsyncClient, world: World, case: str
) -> None:
    write = FORBIDDEN_WRITES[case]
    (op,) = [o for o in PROTECTED if o.operation_id == write.operation_id]
    url = _url(op, _ids_in(world, world.a if write.target == "a" else world.b))
    admin = world.callers["national_admin"].headers
    users_before = await client.get("/api/v1/users?limit=200", headers=admin)
    before = await _snapshot(client, op, world, hub=write.target)

    response = await client.request(
        op.method, url, json=write.body(world), headers=world.callers[write.caller].headers
    )

    assert response.status_code == 403, f"{case}: {response.status_code} {response.text}"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == write.code
    users_after = await client.get("/api/v1/users?limit=200", headers=admin)
    assert users_after.json() == users_before.json(), "a refused write changed the users"
    after = await _snapshot(client, op, world, hub=write.target)
    for seen_before, seen_after in zip(before, after, strict=True):
        assert seen_after.json() == seen_before.json(), f"{case}: a refused write changed {op}"


# --- Another hub's records -------------------------------------------------------------------


@pytest.mark.parametrize("case", list(CROSS_HUB_BODIES), ids=str)
async def test_writes_naming_another_hubs_records_are_refused(
    client: AsyncClient, world: World, case: str
) -> None:
    reference = CROSS_HUB_BODIES[case]
    (op,) = [o for o in PROTECTED if o.operation_id == reference.operation_id]
    access = _access(op)
    callers = {
        who: caller
        for who, caller in world.callers.items()
        if _allowed(access, caller) and not (reference.hub_callers_only and caller.hub_id is None)
    }
    assert callers, f"{case}: nobody may call {op}"
    before = await _snapshot(client, op, world, hub="a")

    for who, caller in callers.items():
        response = await client.request(
            op.method,
            _url(op, _ids_in(world, world.a)),
            json=reference.body(world),
            params=QUERIES.get(op.operation_id),
            headers=caller.headers,
        )
        assert response.status_code in {403, 404, 409, 422}, (
            f"{who}: {case} via {op}: {response.status_code} {response.text}"
        )
        assert response.headers["content-type"] == "application/problem+json"

    after = await _snapshot(client, op, world, hub="a")
    for seen_before, seen_after in zip(before, after, strict=True):
        assert seen_before.status_code == seen_after.status_code == 200
        assert seen_after.json() == seen_before.json(), f"{case}: a refused write changed {op}"


def _body(response: Response) -> object:
    """JSON as data; anything else (a CSV download) as its text."""
    if "json" in response.headers.get("content-type", ""):
        return response.json()
    return response.text


async def _snapshot(
    client: AsyncClient,
    op: Operation,
    world: World,
    hub: str = "b",
    ids: dict[str, str] | None = None,
) -> list[Response]:
    """What a national admin reads of a hub's records on this path (to prove nothing changed),
    or on the nearest path above it that can be read (an action's record: POST
    /applications/{application_id}/transitions changes GET /applications/{application_id})."""
    path, readers = op.path, []
    while path.startswith(API_PREFIX) and not readers:
        readers = [o for o in PROTECTED if o.path == path and o.method == "GET"]
        path = path.rsplit("/", 1)[0]
    admin = world.callers["national_admin"]
    ids = ids or _ids_in(world, world.b if hub == "b" else world.a)
    return [await _call(client, reader, admin, world, ids) for reader in readers]


@pytest.mark.parametrize("op", WITH_IDS, ids=str)
async def test_another_hubs_record_is_not_found(
    client: AsyncClient, world: World, op: Operation
) -> None:
    missing = [p for p in op.id_params if p not in BUILDERS and p not in NATIONAL]
    if missing:
        pytest.fail(
            f"{op}: no builder for {missing}. Add to its area's `builders` in tests/tenancy/ a "
            "function that makes one such record in a given hub (or, if every hub may read "
            "these records, list the parameter in `national` with the reason)."
        )
    access = _access(op)
    national_only = all(p in NATIONAL for p in op.id_params)
    if op.operation_id in HUB_PRIVATE:
        national_only = False  # the hub's own part of a national record: hidden like a record
    own_hub_only = op.operation_id in OWN_HUB_WRITES
    b_owned = _hub_owned_ids(world.b)
    before = await _snapshot(client, op, world)

    for who in HUB_CALLERS:
        caller = world.callers[who]
        response = await _call(client, op, caller, world, _ids_in(world, world.b))
        if not _allowed(access, caller) or own_hub_only:
            _assert_forbidden(response, op, who)
        elif national_only:
            assert response.is_success, (
                f"{who} on hub B's national record via {op}: {response.status_code} {response.text}"
            )
            leaked = [i for i in b_owned if i in response.text]
            assert not leaked, f"{op} showed {who} from hub A hub B's records {leaked}"
        else:
            assert response.status_code == 404, (
                f"{who} from hub A reached hub B's record via {op}: "
                f"{response.status_code} {response.text}"
            )
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "not_found"

    after = await _snapshot(client, op, world)
    if not national_only or own_hub_only:
        for seen_before, seen_after in zip(before, after, strict=True):
            assert seen_before.status_code == seen_after.status_code == 200
            assert _body(seen_after) == _body(seen_before), f"{op} changed hub B's record"


@pytest.mark.parametrize("op", [op for op in WITH_IDS if op.idempotent], ids=str)
async def test_an_idempotency_key_does_not_carry_over_to_another_hubs_record(
    client: AsyncClient, factory: Factory, world: World, op: Operation
) -> None:
    """The same key and body, sent for hub B's record after hub A's, is not a replay of A's
    answer: B's record is still not found (or the key is refused as reused)."""
    access = _access(op)
    callers = [w for w in ("national_admin", *HUB_CALLERS) if _allowed(access, world.callers[w])]
    assert callers, f"nobody may call {op}"
    for who in callers:
        caller = world.callers[who]
        key = {"Idempotency-Key": f"matrix-{who}-{uuid.uuid4().hex}"}
        ids = _ids_in(world, world.a)
        if op.operation_id in PREPARE:
            ids |= await PREPARE[op.operation_id](factory, world, caller)
        first = await _call(client, op, caller, world, ids, key)
        assert first.is_success, f"{who} on {op}: {first.status_code} {first.text}"
        if caller.hub_id is None:
            continue  # a national admin reaches hub B's record: not a repeat, nothing to check

        again = await _call(client, op, caller, world, _ids_in(world, world.b), key)

        assert "idempotent-replayed" not in again.headers, (
            f"{who}: hub A's answer replayed for hub B's record via {op}: {again.text}"
        )
        assert again.status_code in {404, 422}, f"{who} on {op}: {again.status_code} {again.text}"
        assert again.json()["code"] in {"not_found", "idempotency_key_reused"}


@pytest.mark.parametrize("op", LISTS, ids=str)
async def test_lists_never_show_another_hubs_records(
    client: AsyncClient, world: World, op: Operation
) -> None:
    access = _access(op)
    national = op.operation_id in NATIONAL_LISTS
    # A list of national records shows every hub's (e.g. B's schools), never B's own records.
    b_ids = _hub_owned_ids(world.b) if national else {str(v) for v in world.b.records.values()}
    params = {"limit": 200, **QUERIES.get(op.operation_id, {})}
    for who in HUB_CALLERS:
        caller = world.callers[who]
        response = await client.get(op.path, params=params, headers=caller.headers)
        if not _allowed(access, caller):
            _assert_forbidden(response, op, who)
            continue
        assert response.status_code == 200, response.text
        leaked = [i for i in b_ids if i in response.text]
        assert not leaked, f"{op} showed {who} from hub A hub B's records {leaked}"
        body = response.json()
        for item in body.get("items", []) if isinstance(body, dict) and not national else []:
            if "hub_id" in item:
                assert item["hub_id"] == str(world.a.hub.id), f"{op} listed {item} for {who}"


# --- A specialist's colleagues' records -------------------------------------------------------


def _specialists_may(op: Operation) -> bool:
    return op.operation_id in ACCESS and Role.SPECIALIST in ACCESS[op.operation_id].roles


@pytest.mark.parametrize("op", [op for op in WITH_IDS if _specialists_may(op)], ids=str)
async def test_a_specialist_reaches_only_their_own_records(
    client: AsyncClient, world: World, colleague: HubWorld, op: Operation
) -> None:
    """In their own hub too, a person with the specialist role acts on their own records only:
    a colleague's are not found (or refused), and what they share shows none of the colleague's.
    """
    missing = [p for p in op.id_params if p not in BUILDERS and p not in NATIONAL]
    assert not missing, f"{op}: no builder for {missing}"
    national_only = all(p in NATIONAL for p in op.id_params)
    ids = {**_ids_in(world, colleague), "hub_id": str(world.a.hub.id)}
    before = await _snapshot(client, op, world, ids=ids)

    response = await _call(client, op, world.callers["specialist"], world, ids)

    if national_only:
        assert response.is_success, f"{op}: {response.status_code} {response.text}"
        leaked = [i for i in _hub_owned_ids(colleague) if i in response.text]
        assert not leaked, f"{op} showed a specialist their colleague's records {leaked}"
        return
    # Reading a colleague's record is as if it did not exist (kit/ownership.py scopes the
    # request, as kit/tenancy.py does the hub); a write may be refused outright instead.
    expected = {404} if op.method == "GET" else {403, 404}
    assert response.status_code in expected, (
        f"a specialist reached a colleague's record via {op}: "
        f"{response.status_code} {response.text}"
    )
    assert response.headers["content-type"] == "application/problem+json"
    after = await _snapshot(client, op, world, ids=ids)
    for seen_before, seen_after in zip(before, after, strict=True):
        assert seen_before.status_code == seen_after.status_code == 200
        assert seen_after.json() == seen_before.json(), f"{op} changed a colleague's record"


# What a specialist must never see of a colleague's: their meetings, their work groups'
# sessions, their ledger and their progress (each read answered 404 above).
OWN_RECORD_READS = {
    "trg-meetings-get",
    "work-groups-get",
    "work-groups-get-session",
    "release-days-list",
    "release-days-get",
    "specialists-get",
    "specialists-progress",
    "specialists-claimable-events",
}


def test_the_own_record_reads_are_in_the_matrix() -> None:
    """Keeps the 404 check above honest: each of these is served, open to specialists, and
    names a record a colleague owns (not only national ones)."""
    checked = {
        op.operation_id
        for op in WITH_IDS
        if op.method == "GET"
        and _specialists_may(op)
        and not all(p in NATIONAL for p in op.id_params)
    }
    assert not OWN_RECORD_READS - checked, sorted(OWN_RECORD_READS - checked)


@pytest.mark.parametrize("op", [op for op in LISTS if _specialists_may(op)], ids=str)
async def test_a_specialists_lists_show_none_of_their_colleagues_records(
    client: AsyncClient, world: World, colleague: HubWorld, op: Operation
) -> None:
    params = {"limit": 200, **QUERIES.get(op.operation_id, {})}
    response = await client.get(op.path, params=params, headers=world.callers["specialist"].headers)

    assert response.status_code == 200, response.text
    leaked = [i for i in _hub_owned_ids(colleague) if i in response.text]
    assert not leaked, f"{op} showed a specialist their colleague's records {leaked}"


@pytest.mark.parametrize("operation_id", list(PUBLIC_URLS), ids=str)
async def test_public_pages_show_their_owners_hub_only(
    client: AsyncClient, world: World, operation_id: str
) -> None:
    """A public URL a hub A person hands out (e.g. their calendar feed) shows hub A's records,
    never hub B's (no principal scopes that request: the operation must do it itself)."""
    a_owned, b_owned = _hub_owned_ids(world.a), _hub_owned_ids(world.b)
    for who in ("hub_lead", "hub_staff", "specialist"):
        url = await PUBLIC_URLS[operation_id](client, world, world.callers[who])

        response = await client.get(url)

        assert response.status_code == 200, f"{who}: {response.status_code} {response.text}"
        leaked = [i for i in b_owned if i in response.text]
        assert not leaked, f"{operation_id} for {who} from hub A showed hub B's {leaked}"
        assert any(i in response.text for i in a_owned), f"{operation_id} is empty for {who}"


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
