"""`Idempotency-Key` (api.md), through HTTP against test-only endpoints that really write.

The endpoints create hubs through the hubs service, so "no second write" is a row count.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

import pytest
from fastapi import APIRouter, FastAPI, Request, Response, status
from fastapi.routing import APIRoute, iter_route_contexts
from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from masteryhub.auth.dependencies import CurrentPrincipal
from masteryhub.config import Settings
from masteryhub.db import DbSession
from masteryhub.errors import Conflict
from masteryhub.hubs import service as hubs
from masteryhub.hubs.schemas import HubCreate, HubRead
from masteryhub.kit.idempotency import IdempotencyContext, advisory_lock_name, idempotency
from masteryhub.kit.routing import AppRoute
from masteryhub.main import API_PREFIX, create_app
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.hub import Hub
from masteryhub.models.idempotency_record import IdempotencyRecord
from masteryhub.models.user import Role, User
from tests.factories import Caller, Factory

# The test-only endpoints live on a second app (its own engine), and some tests race requests
# or replicas: every test here commits for real.
pytestmark = pytest.mark.real_commits

BASE = f"{API_PREFIX}/test-only/idempotency"
SLOW_SECONDS = 0.6


class FailedAfterWriting(Conflict):
    code = "test_failure"


# Module level: the endpoints' annotations are strings, resolved in this module's namespace.
Key = Annotated[IdempotencyContext | None, idempotency()]
RequiredKey = Annotated[IdempotencyContext | None, idempotency(required=True)]


def _router() -> APIRouter:
    router = APIRouter(prefix=BASE, route_class=AppRoute, tags=["test"])

    async def create(session: DbSession, principal: CurrentPrincipal, data: HubCreate) -> HubRead:
        hub = await hubs.create_hub(session, principal, data)
        return HubRead.model_validate(hub)

    def located(response: Response, hub: HubRead) -> HubRead:
        response.headers["Location"] = f"/api/v1/hubs/{hub.id}"
        return hub

    @router.post("/hubs", status_code=status.HTTP_201_CREATED)
    async def create_hub(
        session: DbSession, principal: CurrentPrincipal, data: HubCreate, response: Response, _: Key
    ) -> HubRead:
        return located(response, await create(session, principal, data))

    @router.post("/regions/{region}/hubs", status_code=status.HTTP_201_CREATED)
    async def create_hub_in(
        session: DbSession,
        principal: CurrentPrincipal,
        region: str,
        data: HubCreate,
        response: Response,
        _: Key,
    ) -> HubRead:
        placed = data.model_copy(update={"region": region})
        return located(response, await create(session, principal, placed))

    @router.post("/slow-hubs", status_code=status.HTTP_201_CREATED)
    async def create_hub_slowly(
        session: DbSession, principal: CurrentPrincipal, data: HubCreate, response: Response, _: Key
    ) -> HubRead:
        await asyncio.sleep(SLOW_SECONDS)
        return located(response, await create(session, principal, data))

    @router.post("/failing-hubs", status_code=status.HTTP_201_CREATED)
    async def create_hub_then_fail(
        session: DbSession,
        principal: CurrentPrincipal,
        data: HubCreate,
        request: Request,
        response: Response,
        _: Key,
    ) -> HubRead:
        hub = await create(session, principal, data)
        if request.headers.get("X-Test-Fail") == "app-error":
            raise FailedAfterWriting("The write happened, then the request failed.")
        if request.headers.get("X-Test-Fail") == "bug":
            raise RuntimeError("boom")
        return located(response, hub)

    @router.post("/intake", status_code=status.HTTP_201_CREATED)
    async def intake(
        session: DbSession,
        principal: CurrentPrincipal,
        data: HubCreate,
        response: Response,
        _: RequiredKey,
    ) -> HubRead:
        return located(response, await create(session, principal, data))

    return router


@pytest.fixture(scope="module")
async def idempotent_app(app: FastAPI, settings: Settings) -> AsyncIterator[FastAPI]:
    """The real app (same settings and database) with the test-only endpoints mounted."""
    application = create_app(settings)
    application.include_router(_router())
    yield application
    await application.state.engine.dispose()


@pytest.fixture
async def http(idempotent_app: FastAPI) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=idempotent_app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def admin(factory: Factory) -> Caller:
    return await factory.caller(Role.NATIONAL_ADMIN)


def _engine(application: FastAPI) -> AsyncEngine:
    engine: AsyncEngine = application.state.engine
    return engine


async def count(
    application: FastAPI, model: type[Hub | IdempotencyRecord | AuditEvent | User]
) -> int:
    async with _engine(application).connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(model)) or 0)


def keyed(caller: Caller, key: str) -> dict[str, str]:
    return {**caller.headers, "Idempotency-Key": key}


HUB = {"code": "north", "name": "North Star Maths Hub", "region": "North West"}


async def test_a_repeat_replays_the_first_response_without_writing_again(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    first = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "form-response-1"))
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers

    again = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "form-response-1"))

    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert await count(idempotent_app, Hub) == 1
    assert await count(idempotent_app, AuditEvent) == 1  # one write, one trail entry
    async with _engine(idempotent_app).connect() as connection:
        stored = (await connection.execute(select(IdempotencyRecord))).one()
    # Keyed by caller and route; the response is kept, not the request.
    assert (stored.caller, stored.route, stored.key) == (
        f"user:{admin.id}",
        f"POST {BASE}/hubs",
        "form-response-1",
    )


async def test_the_same_body_in_another_layout_is_the_same_request(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    first = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "k"))
    reordered = '{ "region": "North West",\n  "name": "North Star Maths Hub", "code": "north" }'

    again = await http.post(
        f"{BASE}/hubs",
        content=reordered,
        headers={**keyed(admin, "k"), "Content-Type": "application/json"},
    )

    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await count(idempotent_app, Hub) == 1


async def test_the_same_key_with_a_different_body_is_422(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    assert (await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "k"))).is_success

    reused = await http.post(
        f"{BASE}/hubs", json={**HUB, "name": "Another Hub"}, headers=keyed(admin, "k")
    )

    assert reused.status_code == 422
    assert reused.headers["content-type"] == "application/problem+json"
    assert reused.json()["code"] == "idempotency_key_reused"
    assert await count(idempotent_app, Hub) == 1


async def test_the_same_key_and_body_for_another_record_is_422_not_a_replay(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    """Records are keyed by route template: the target is part of the request, so a key sent
    again for another record (another hub's, say) never replays the first record's answer."""
    first = await http.post(f"{BASE}/regions/north/hubs", json=HUB, headers=keyed(admin, "k"))
    assert first.status_code == 201

    elsewhere = await http.post(f"{BASE}/regions/south/hubs", json=HUB, headers=keyed(admin, "k"))

    assert elsewhere.status_code == 422, elsewhere.text
    assert "idempotent-replayed" not in elsewhere.headers
    assert elsewhere.json()["code"] == "idempotency_key_reused"
    assert await count(idempotent_app, Hub) == 1


async def test_without_a_key_every_request_runs(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    first = await http.post(f"{BASE}/hubs", json=HUB, headers=admin.headers)
    second = await http.post(f"{BASE}/hubs", json=HUB, headers=admin.headers)

    assert first.status_code == 201
    assert second.status_code == 409 and second.json()["code"] == "already_exists"


async def test_a_required_key_that_is_missing_is_a_400_naming_the_header(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    # 400, the IETF Idempotency-Key draft's answer; the contract declares the header required.
    missing = await http.post(f"{BASE}/intake", json=HUB, headers=admin.headers)

    assert missing.status_code == 400
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["code"] == "idempotency_key_missing"
    intake = idempotent_app.openapi()["paths"][f"{BASE}/intake"]["post"]
    header = next(p for p in intake["parameters"] if p["name"] == "Idempotency-Key")
    assert header["required"] is True and "400" in intake["responses"]
    assert missing.json()["errors"] == [
        {"field": "Idempotency-Key", "message": "This header is required."}
    ]
    assert await count(idempotent_app, Hub) == 0
    given = await http.post(f"{BASE}/intake", json=HUB, headers=keyed(admin, "form-1"))
    assert given.status_code == 201


async def test_another_caller_with_the_identical_key_runs_independently(
    http: AsyncClient, idempotent_app: FastAPI, factory: Factory, admin: Caller
) -> None:
    other = await factory.caller(Role.NATIONAL_ADMIN)
    mine = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "shared-key"))

    # Not a replay of my response, and not a "reused key" either: their own request.
    theirs = await http.post(
        f"{BASE}/hubs", json={**HUB, "code": "south"}, headers=keyed(other, "shared-key")
    )
    same_body = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(other, "shared-key-2"))

    assert mine.status_code == theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != mine.json()["id"]
    assert same_body.status_code == 409  # ran for real: the code is taken
    assert await count(idempotent_app, Hub) == 2
    replay = await http.post(
        f"{BASE}/hubs", json={**HUB, "code": "south"}, headers=keyed(other, "shared-key")
    )
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == theirs.json()


async def test_the_same_key_on_another_route_runs_independently(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    first = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "k"))
    other_route = await http.post(
        f"{BASE}/intake", json={**HUB, "code": "south"}, headers=keyed(admin, "k")
    )

    assert first.status_code == other_route.status_code == 201
    assert "idempotent-replayed" not in other_route.headers


async def test_a_validation_failure_is_not_stored(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    invalid = await http.post(
        f"{BASE}/hubs", json={**HUB, "code": "Not A Code!"}, headers=keyed(admin, "form-7")
    )
    assert invalid.status_code == 422
    assert invalid.json()["code"] == "validation_failed"

    corrected = await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "form-7"))

    assert corrected.status_code == 201
    assert "idempotent-replayed" not in corrected.headers
    assert await count(idempotent_app, Hub) == 1


@pytest.mark.parametrize("failure", ["app-error", "bug"])
async def test_a_rolled_back_request_stores_nothing(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller, failure: str
) -> None:
    failed = await http.post(
        f"{BASE}/failing-hubs", json=HUB, headers={**keyed(admin, "k"), "X-Test-Fail": failure}
    )
    assert failed.status_code == (409 if failure == "app-error" else 500)
    assert await count(idempotent_app, Hub) == 0
    assert await count(idempotent_app, IdempotencyRecord) == 0
    assert await count(idempotent_app, AuditEvent) == 0

    retried = await http.post(f"{BASE}/failing-hubs", json=HUB, headers=keyed(admin, "k"))

    assert retried.status_code == 201
    assert "idempotent-replayed" not in retried.headers
    assert await count(idempotent_app, Hub) == 1


async def test_an_expired_key_may_be_used_afresh(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    assert (await http.post(f"{BASE}/hubs", json=HUB, headers=keyed(admin, "k"))).is_success
    async with _engine(idempotent_app).begin() as connection:
        await connection.execute(
            update(IdempotencyRecord).values(expires_at=IdempotencyRecord.created_at)
        )

    fresh = await http.post(
        f"{BASE}/hubs", json={**HUB, "code": "south"}, headers=keyed(admin, "k")
    )

    assert fresh.status_code == 201
    assert "idempotent-replayed" not in fresh.headers
    assert await count(idempotent_app, Hub) == 2
    assert await count(idempotent_app, IdempotencyRecord) == 1


async def test_concurrent_repeats_write_once(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    """As documented in kit/idempotency.py: on PostgreSQL the repeat that arrives while the first
    is in flight is refused with 409 at once; on SQLite, where writers are serialised, it waits
    for the first to commit and gets the replay. Either way there is exactly one write."""
    first, twin = await asyncio.gather(
        http.post(f"{BASE}/slow-hubs", json=HUB, headers=keyed(admin, "double-click")),
        _after(0.1, http.post(f"{BASE}/slow-hubs", json=HUB, headers=keyed(admin, "double-click"))),
    )

    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    if _engine(idempotent_app).dialect.name == "postgresql":
        assert twin.status_code == 409, twin.text
        assert twin.headers["content-type"] == "application/problem+json"
        assert twin.json()["code"] == "idempotency_request_in_flight"
    else:
        assert twin.status_code == 201, twin.text
        assert twin.headers["idempotent-replayed"] == "true"
        assert twin.json() == first.json()
    assert await count(idempotent_app, Hub) == 1
    # Once the first has finished, a repeat is a replay on every database.
    later = await http.post(f"{BASE}/slow-hubs", json=HUB, headers=keyed(admin, "double-click"))
    assert later.status_code == 201 and later.headers["idempotent-replayed"] == "true"


async def test_many_concurrent_repeats_write_once(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    responses = await asyncio.gather(
        *(http.post(f"{BASE}/slow-hubs", json=HUB, headers=keyed(admin, "burst")) for _ in range(5))
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(201) >= 1
    assert set(statuses) <= {201, 409}
    fresh = [
        r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
    ]
    assert len(fresh) == 1
    assert await count(idempotent_app, Hub) == 1


async def _after(delay: float, request: object) -> object:
    await asyncio.sleep(delay)
    return await request  # type: ignore[misc]


async def test_a_repeat_on_another_replica_is_409_while_the_first_holds_the_key(
    http: AsyncClient, idempotent_app: FastAPI, admin: Caller
) -> None:
    """PostgreSQL only: another replica's in-flight request is seen through its advisory lock
    (the in-process bookkeeping cannot see another process). Here the test holds that lock."""
    engine = _engine(idempotent_app)
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time; replicas need PostgreSQL")
    lock = advisory_lock_name(f"user:{admin.id}", f"POST {BASE}/hubs", "held-elsewhere")

    async with engine.connect() as other_replica:
        await other_replica.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": lock}
        )
        refused = await http.post(
            f"{BASE}/hubs", json={**HUB, "code": "south"}, headers=keyed(admin, "held-elsewhere")
        )
        await other_replica.rollback()

    assert refused.status_code == 409
    assert refused.json()["code"] == "idempotency_request_in_flight"
    assert await count(idempotent_app, Hub) == 0
    released = await http.post(
        f"{BASE}/hubs", json={**HUB, "code": "south"}, headers=keyed(admin, "held-elsewhere")
    )
    assert released.status_code == 201


# --- The real endpoints ----------------------------------------------------------------------

# POSTs that do not take an Idempotency-Key, and why. Every other POST must (api.md).
NOT_IDEMPOTENT = {
    "auth-token": "RFC 6749 token endpoint: a retry simply gets a fresh token",
    "auth-revoke": "revoking is idempotent by nature",
    "api-clients-create": "the response holds the client secret, which is never stored",
    "calendar-issue-feed": "the response holds the feed's secret URL, which is never stored",
    "references-submit": "public (the single-use link is the credential); a repeat gets 410",
    "references-decline": "public (the single-use link is the credential); a repeat gets 410",
    "release-confirmations-link-answer": "public (the single-use link is the credential); a "
    "repeat gets 410",
    "people-erase": "erasing is idempotent by nature; a stored request would keep the address",
    "invitations-accept": "public (the single-use link is the credential); a repeat gets 410",
    "auth-password-reset-request": "public, and 202 whatever happens; a stored request would "
    "keep the email address",
    "auth-password-reset-confirm": "public (the single-use link is the credential); a repeat "
    "gets 410",
    "me-password-change": "a stored request would keep the password",
    "me-mfa-totp-start": "the response holds the TOTP secret, which is shown once",
    "me-mfa-totp-confirm": "the response holds the recovery codes, which are never stored",
}


def test_every_post_accepts_an_idempotency_key(app: FastAPI) -> None:
    missing = []
    for path, operations in app.openapi()["paths"].items():
        operation = operations.get("post")
        if operation is None or operation["operationId"] in NOT_IDEMPOTENT:
            continue
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        if "Idempotency-Key" not in headers:
            missing.append(f"POST {path} ({operation['operationId']})")
    assert not missing, (
        f"these POSTs take no Idempotency-Key: {missing}. Add `_idempotency: Idempotency` "
        "(masteryhub.kit.idempotency) after the endpoint's authorisation, or list the operation "
        "in NOT_IDEMPOTENT with the reason."
    )


@pytest.mark.parametrize("resource", ["hubs", "users"])
async def test_admin_creates_replay(
    client: AsyncClient, app: FastAPI, factory: Factory, resource: str
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    hub = await factory.hub()
    body = (
        {"code": "east", "name": "East Maths Hub"}
        if resource == "hubs"
        else {
            "email": "new@example.org",
            "name": "New Person",
            "role": "hub_staff",
            "hub_id": str(hub.id),
        }
    )
    url = f"/api/v1/{resource}"

    first = await client.post(url, json=body, headers=keyed(admin, "retry-me"))
    again = await client.post(url, json=body, headers=keyed(admin, "retry-me"))

    assert first.status_code == again.status_code == 201, first.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["etag"] == first.headers["etag"]
    listed = await client.get(url, params={"limit": 200}, headers=admin.headers)
    created = [item for item in listed.json()["items"] if item["id"] == first.json()["id"]]
    assert len(created) == 1
    model = Hub if resource == "hubs" else User
    assert await count(app, model) == 2  # the one arranged above, and the one created


def test_every_api_route_takes_part_in_idempotency(app: FastAPI) -> None:
    """Areas' routers are plain APIRouters; the app adopts their routes (main.adopt_api_routes),
    so a keyed POST is stored and replayed wherever it is declared."""
    stray = [
        route.path
        for route in iter_route_contexts(app.routes)
        if isinstance(route.original_route, APIRoute)
        and route.path.startswith(API_PREFIX)
        and not isinstance(route.original_route, AppRoute)
    ]
    assert not stray, f"routes mounted outside main.adopt_api_routes(): {stray}"
