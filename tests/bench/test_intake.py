"""Intake benchmark (`make bench`): requests/s and p99 latency of POST /api/v1/applications
with 32 concurrent clients, against GET /healthz on the same server in the same run.

A real `masteryhub serve` in a subprocess, on SQLite, and on PostgreSQL too when
MASTERYHUB_TEST_DATABASE_URL is set. Prints one summary line per database for the README.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from masteryhub.auth.tokens import issue_access_token
from masteryhub.config import Settings
from masteryhub.db import create_sessionmaker
from masteryhub.models.api_client import ApiClient
from masteryhub.models.cohort import Cohort
from masteryhub.models.hub import Hub
from masteryhub.models.programme import Programme, ProgrammeCode
from masteryhub.models.school import School
from tests.applications.conftest import payload
from tests.conftest import TEST_SECRET, alembic_config

pytestmark = pytest.mark.bench

CONCURRENCY = 32
REQUESTS = 640  # per endpoint
WARM_UP = 32


@dataclass
class Result:
    name: str
    count: int
    seconds: float
    latencies: list[float]
    failures: int

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    @property
    def p99_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def databases() -> Iterator[list[tuple[str, str]]]:
    """(label, url) for SQLite and, when configured, a fresh PostgreSQL database."""
    with tempfile.TemporaryDirectory(prefix="masteryhub-bench-") as directory:
        found = [("sqlite", f"sqlite+aiosqlite:///{directory}/bench.sqlite3")]
        server = os.environ.get("MASTERYHUB_TEST_DATABASE_URL")
        name = f"masteryhub_bench_{uuid.uuid4().hex[:8]}"
        if server:
            found.append(("postgresql", server.rstrip("/") + f"/{name}"))
        yield found


async def _admin(server: str, statement: str) -> None:
    engine = create_async_engine(server.rstrip("/") + "/postgres", isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()


async def _arrange(settings: Settings) -> str:
    """A hub, a primary cohort open now, a school, and a form tool's access token."""
    engine = create_async_engine(settings.database_url)
    async with create_sessionmaker(engine)() as session:
        hub = Hub(code="bench", name="Bench Maths Hub")
        # The migrations hold the programmes as reference data.
        programme = await session.scalar(
            select(Programme).where(Programme.code == ProgrammeCode.PRIMARY)
        )
        assert programme is not None
        now = datetime.now(UTC)
        cohort = Cohort(
            code="primary-6",
            name="Primary Mastery Specialists Cohort 6",
            programme=programme,
            development_year="2020/21",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            reference_prefix="PMS6",
            places_per_hub=4,
        )
        school = School(urn="100000", name="Bench Primary", phase_code="2")
        client = ApiClient(
            name="Bench form", client_id="bench", secret_hash="-", scopes=["applications:submit"]
        )
        session.add_all([hub, cohort])
        await session.flush()
        school.hub_id = hub.id
        client.hub_id = hub.id
        session.add_all([school, client])
        await session.commit()
        token = issue_access_token(
            settings, f"client:{client.id}", {"scope": "applications:submit", "hub": str(hub.id)}
        ).token
    await engine.dispose()
    return token


@asynccontextmanager
async def serving(settings: Settings, log: Path) -> AsyncIterator[str]:
    port = _free_port()
    executable = shutil.which("masteryhub") or str(Path(sys.executable).parent / "masteryhub")
    env = {
        **os.environ,
        "MASTERYHUB_DATABASE_URL": settings.database_url,
        "MASTERYHUB_SECRET_KEY": TEST_SECRET,
        "MASTERYHUB_ENV": "test",
        "MASTERYHUB_BASE_URL": "http://127.0.0.1",
    }
    process = await asyncio.create_subprocess_exec(
        executable,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as probe:
            for _ in range(300):
                try:
                    if (await probe.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                pytest.fail("masteryhub serve did not start within 30 s")
        yield base
    finally:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _drive(
    name: str,
    count: int,
    call: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]],
    base: str,
    expected: int,
) -> Result:
    counter = iter(range(count))
    latencies: list[float] = []
    failures = 0

    async def worker() -> None:
        nonlocal failures
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            for i in counter:
                started = time.perf_counter()
                response = await call(http, i)
                latencies.append(time.perf_counter() - started)
                failures += response.status_code != expected

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return Result(name, count, time.perf_counter() - started, latencies, failures)


async def _bench(label: str, url: str) -> tuple[Result, Result]:
    settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET)  # type: ignore[arg-type]
    # Alembic's env runs its own event loop: give it a thread.
    await asyncio.to_thread(command.upgrade, alembic_config(url), "head")
    token = await _arrange(settings)
    run = uuid.uuid4().hex[:8]

    async def intake(http: httpx.AsyncClient, i: int) -> httpx.Response:
        return await http.post(
            "/api/v1/applications",
            json=payload(applicant__email=f"bench{i}-{run}@example.org"),
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": f"{run}-{i}"},
        )

    async def health(http: httpx.AsyncClient, _i: int) -> httpx.Response:
        return await http.get("/healthz")

    log = Path(tempfile.gettempdir()) / f"masteryhub-bench-{label}-{run}.log"
    try:
        async with serving(settings, log) as base:
            await _drive("warm-up", WARM_UP, health, base, 200)
            healthz = await _drive("healthz", REQUESTS, health, base, 200)
            applications = await _drive("intake", REQUESTS, intake, base, 201)
    except Exception:
        print(f"\nserver log ({log}):\n" + log.read_text()[-4000:])
        raise
    log.unlink(missing_ok=True)
    return healthz, applications


async def test_intake_throughput_against_healthz() -> None:
    with databases() as targets:
        for label, url in targets:
            server = os.environ.get("MASTERYHUB_TEST_DATABASE_URL", "")
            name = url.rsplit("/", 1)[-1]
            if label == "postgresql":
                await _admin(server, f'CREATE DATABASE "{name}"')
            try:
                healthz, intake = await _bench(label, url)
            finally:
                if label == "postgresql":
                    await _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            assert healthz.failures == 0 and intake.failures == 0
            print(
                f"\nintake bench [{label}] {CONCURRENCY} clients × {REQUESTS} requests: "
                f"intake {intake.rate:.0f} req/s p99 {intake.p99_ms:.0f} ms; "
                f"healthz {healthz.rate:.0f} req/s p99 {healthz.p99_ms:.0f} ms; "
                f"intake/healthz throughput {intake.rate / healthz.rate:.1%} "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )
