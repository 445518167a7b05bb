"""Database faults answer 503 problem+json with Retry-After (never a 500), and the service
recovers by itself once the database is back — no restart."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy.engine import make_url

from masteryhub.auth.tokens import issue_access_token
from masteryhub.config import Settings
from masteryhub.main import create_app
from masteryhub.models.user import Role
from tests.factories import Factory

# Apps of their own and a PostgreSQL server stopped mid-request: real commits.
pytestmark = pytest.mark.real_commits

HUBS = "/api/v1/hubs"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _admin_token(settings: Settings, user_id: uuid.UUID) -> dict[str, str]:
    token = issue_access_token(
        settings, f"user:{user_id}", {"role": Role.NATIONAL_ADMIN.value, "hub": None}
    ).token
    return {"Authorization": f"Bearer {token}"}


@contextlib.asynccontextmanager
async def _client_of(settings: Settings) -> AsyncIterator[tuple[FastAPI, AsyncClient]]:
    application = create_app(settings)
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield application, http
    finally:
        await application.state.engine.dispose()


def assert_unavailable(response: Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    assert response.json()["code"] == "service_unavailable"
    assert "x-request-id" in response.headers


async def test_connection_refused_is_503_with_retry_after(settings: Settings) -> None:
    # Nothing listens on this port: every connection attempt is refused.
    closed = settings.model_copy(
        update={"database_url": f"postgresql+asyncpg://postgres@127.0.0.1:{_free_port()}/none"}
    )
    async with _client_of(closed) as (_, http):
        headers = _admin_token(closed, uuid.uuid4())
        assert_unavailable(await http.get(HUBS, headers=headers))
        assert_unavailable(await http.post(HUBS, json={"code": "x1", "name": "X"}, headers=headers))


def test_503_is_declared_on_every_operation(app: FastAPI) -> None:
    for path, operations in app.openapi()["paths"].items():
        if not path.startswith("/api/v1"):
            continue
        for method, operation in operations.items():
            declared = operation["responses"].get("503")
            assert declared is not None, f"{method} {path}"
            assert "Retry-After" in declared["headers"], f"{method} {path}"
            assert "application/problem+json" in declared["content"], f"{method} {path}"


class _Proxy:
    """A TCP proxy in front of PostgreSQL that the test can stop (connections refused, open
    ones cut) and start again on the same port — a database restart, as the app sees it."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = _free_port()
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        await self.server.wait_closed()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, upstream_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.transport.abort()

        tasks = {
            asyncio.ensure_future(pipe(reader, upstream_writer)),
            asyncio.ensure_future(pipe(upstream_reader, writer)),
        }
        self.tasks |= tasks
        await asyncio.gather(*tasks, return_exceptions=True)
        self.tasks -= tasks
        self.writers -= {writer, upstream_writer}


async def test_postgresql_stopping_then_coming_back(settings: Settings, factory: Factory) -> None:
    url = make_url(settings.database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("a PostgreSQL server to stop and start (MASTERYHUB_TEST_DATABASE_URL)")
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    proxy = _Proxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    proxied = settings.model_copy(
        update={
            "database_url": url.set(host="127.0.0.1", port=proxy.port).render_as_string(
                hide_password=False
            )
        }
    )
    try:
        async with _client_of(proxied) as (_, http):
            assert (await http.get(HUBS, headers=admin.headers)).status_code == 200

            await proxy.stop()  # the server goes away: pooled connections die, new ones refused
            for _ in range(3):
                assert_unavailable(await http.get(HUBS, headers=admin.headers))

            await proxy.start()  # back, on the same address: the same app serves again
            recovered = await http.get(HUBS, headers=admin.headers)
            assert recovered.status_code == 200, recovered.text
    finally:
        if proxy.server is not None:
            await proxy.stop()
