"""Read-path benchmark (`make bench`, PostgreSQL via MASTERYHUB_TEST_DATABASE_URL): the API
against a hand-written endpoint (tests/bench/handwritten.py) reading the same database.

One fresh database: 5,000 applications in the signed-in hub lead's hub (and 5,000 in another
hub), and the ledger benchmark's 10,000 specialists and 1,000,000 release-day entries. Two
servers, one process each: `masteryhub serve` and `uvicorn tests.bench.handwritten:app`. For
each of three reads — `GET /api/v1/applications?limit=50`, a specialist's balance (their
release-day ledger for the year) and the hub's release-day report — both servers are driven in
alternating turns by the same number of concurrent keep-alive connections, and the figure is
the API's requests/s over the hand-written endpoint's in the same run (load on this shared
machine moves both alike). The applications page must be identical, byte for byte as JSON.

MASTERYHUB_BENCH_TURNS (default 6) and MASTERYHUB_BENCH_TURN_SECONDS (default 2) size a run.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.schema import CreateIndex, DropIndex

from masteryhub.auth.tokens import issue_access_token
from masteryhub.config import Settings
from masteryhub.db import create_sessionmaker
from masteryhub.main import create_app
from masteryhub.models.api_client import ApiClient
from masteryhub.models.application import Application
from masteryhub.models.base import Base
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.hub import Hub
from masteryhub.models.programme import Programme, ProgrammeCode
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.user import Role, User
from tests.applications.conftest import payload
from tests.bench.test_intake import _admin, _free_port
from tests.bench.test_ledger import ENTRIES_PER_SPECIALIST, HUBS, LOAD, SPECIALISTS, YEAR
from tests.conftest import ROOT, TEST_SECRET, alembic_config

pytestmark = pytest.mark.bench

APPLICATIONS = 5_000  # in the signed-in hub, and as many again in another hub
CONNECTIONS = 8
TURNS = int(os.environ.get("MASTERYHUB_BENCH_TURNS", "6"))
TURN_SECONDS = float(os.environ.get("MASTERYHUB_BENCH_TURN_SECONDS", "2"))
GOALS = {"applications list": 0.7, "balance": 0.5, "release-day report": 0.5}


@dataclass
class Arranged:
    hub_id: uuid.UUID
    cohort_id: uuid.UUID
    token: str
    specialists: list[uuid.UUID]


async def _arrange(settings: Settings) -> Arranged:
    """A hub with its lead, an open primary cohort (2020/21, with year rules), a school, one
    application submitted through the real intake and 9,999 copies of it, and the ledger
    benchmark's specialists and entries."""
    engine = create_async_engine(settings.database_url)
    async with create_sessionmaker(engine)() as session:
        programme = await session.scalar(
            select(Programme).where(Programme.code == ProgrammeCode.PRIMARY)
        )
        assert programme is not None
        now = datetime.now(UTC)
        hub = Hub(code="bench", name="Bench Maths Hub")
        cohort = Cohort(
            code="primary-6",
            name="Primary Mastery Specialists Cohort 6",
            programme=programme,
            development_year=YEAR,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            reference_prefix="PMS6",
            places_per_hub=4,
        )
        session.add_all([hub, cohort])
        await session.flush()
        session.add_all(
            [
                CohortYearRule(cohort_id=cohort.id, programme_year=year, release_half_days=30)
                for year in (1, 2, 3)
            ]
            + [
                School(
                    urn="100000",
                    name="Bench Primary",
                    phase_code="2",
                    phase_name="Primary",
                    la_name="Manchester",
                    hub_id=hub.id,
                    is_state_funded=True,
                ),
                client := ApiClient(
                    name="Bench form",
                    client_id="bench",
                    secret_hash="-",
                    scopes=["applications:submit"],
                    hub_id=hub.id,
                ),
                User(
                    email="lead@bench.example.org",
                    name="Bench Lead",
                    role=Role.HUB_LEAD,
                    hub_id=hub.id,
                ),
            ]
        )
        await session.commit()
        cohort_id = cohort.id
        form_token = issue_access_token(
            settings, f"client:{client.id}", {"scope": "applications:submit"}
        ).token

    # One application through the real intake (screening, reference link, audit)...
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench"
    ) as client_:
        response = await client_.post(
            "/api/v1/applications",
            json=payload(school_urn="100000"),
            headers={"Authorization": f"Bearer {form_token}", "Idempotency-Key": "bench"},
        )
        assert response.status_code == 201, response.text
    await app.state.engine.dispose()

    async with engine.begin() as connection:
        # ...the ledger benchmark's load (hubs 2..40, specialists, 1,000,000 entries)...
        params = {
            "hubs": HUBS,
            "specialists": SPECIALISTS,
            "cohort_id": cohort_id,
            "first_hub": "bench",
            "per_specialist": ENTRIES_PER_SPECIALIST,
        }
        indexes = list(Base.metadata.tables[ReleaseDayEntry.__tablename__].indexes)
        for index in indexes:
            await connection.execute(DropIndex(index))
        for statement in LOAD:
            await connection.execute(text(statement), params)
        for index in indexes:
            await connection.execute(CreateIndex(index))
        # ...and 9,999 copies of the application, half of them in another hub.
        columns = [c.name for c in Application.__table__.columns]
        copied = {
            "id": "gen_random_uuid()",
            "reference": "'PMS6-' || lpad(g::text, 6, '0')",
            "applicant_first_name": "'Applicant'",
            "applicant_last_name": "'Number ' || g",
            "applicant_email": "'applicant' || g || '@example.org'",
            "hub_id": "CASE WHEN g % 2 = 1 THEN a.hub_id ELSE "
            "(SELECT id FROM hubs WHERE code = 'bench-2') END",
            "submitted_at": "a.submitted_at + g * interval '1 second'",
        }
        await connection.execute(
            text(
                f"INSERT INTO applications ({', '.join(columns)}) "
                f"SELECT {', '.join(copied.get(c, f'a.{c}') for c in columns)} "
                "FROM applications AS a CROSS JOIN generate_series(2, :last) AS g"
            ),
            {"last": 2 * APPLICATIONS},
        )
        await connection.execute(text("ANALYZE"))
    await engine.dispose()
    return await _arranged(settings)


async def _arranged(settings: Settings) -> Arranged:
    """What the benchmark needs from an arranged database."""
    engine = create_async_engine(settings.database_url)
    async with engine.connect() as connection:
        hub_id, cohort_id, lead_id = (
            await connection.execute(
                text(
                    "SELECT h.id, c.id, u.id FROM hubs AS h, cohorts AS c, users AS u "
                    "WHERE h.code = 'bench' AND c.code = 'primary-6' AND u.hub_id = h.id"
                )
            )
        ).one()
        in_hub = await connection.scalar(
            text("SELECT count(*) FROM applications WHERE hub_id = :hub"), {"hub": hub_id}
        )
        assert in_hub == APPLICATIONS
        specialists = list(
            (
                await connection.execute(
                    text("SELECT id FROM specialists WHERE hub_id = :hub"), {"hub": hub_id}
                )
            ).scalars()
        )
    await engine.dispose()
    token = issue_access_token(
        settings, f"user:{lead_id}", {"role": Role.HUB_LEAD.value, "hub": str(hub_id)}
    ).token
    return Arranged(hub_id, cohort_id, token, specialists)


@asynccontextmanager
async def serving(argv: list[str], url: str, log: Path) -> AsyncIterator[int]:
    port = _free_port()
    env = {
        **os.environ,
        "MASTERYHUB_DATABASE_URL": url,
        "MASTERYHUB_SECRET_KEY": TEST_SECRET,
        # As deployed: JSON logs, a line per request.
        "MASTERYHUB_ENV": "production",
        "MASTERYHUB_BASE_URL": "http://127.0.0.1",
        "MASTERYHUB_SPA_DIR": "",
    }
    process = await asyncio.create_subprocess_exec(
        *argv,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        env=env,
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log.open("ab"),
    )
    try:
        for _ in range(300):
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            except OSError:
                await asyncio.sleep(0.1)
        else:
            pytest.fail(f"{argv} did not start within 30 s")
        yield port
    finally:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _turn(port: int, token: str, path: Callable[[], str], seconds: float) -> tuple[int, int]:
    """Requests answered in ``seconds`` by CONNECTIONS keep-alive connections, and how many
    of them were not 200. A minimal HTTP/1.1 client, so the driver costs little CPU."""
    deadline = time.perf_counter() + seconds
    done = failures = 0

    async def connection() -> None:
        nonlocal done, failures
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                writer.write(
                    f"GET {path()} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Authorization: Bearer {token}\r\n\r\n".encode()
                )
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                await reader.readexactly(length)
                done += 1
                failures += head[9:12] != b"200"
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))
    return done, failures


async def test_read_path_against_hand_written() -> None:
    server = os.environ.get("MASTERYHUB_TEST_DATABASE_URL")
    if not server:
        pytest.skip("The read-path benchmark needs PostgreSQL: set MASTERYHUB_TEST_DATABASE_URL.")
    # While working on the read path: a database arranged by an earlier run, kept.
    kept = os.environ.get("MASTERYHUB_BENCH_DATABASE")
    name = kept or f"masteryhub_bench_{uuid.uuid4().hex[:8]}"
    url = server.rstrip("/") + f"/{name}"
    settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET)  # type: ignore[arg-type]
    log = Path(tempfile.gettempdir()) / f"{name}.log"
    started = time.perf_counter()
    try:
        if kept:
            try:
                arranged = await _arranged(settings)
            except Exception:
                await _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                kept = None
        if not kept:
            await _admin(server, f'CREATE DATABASE "{name}"')
            await asyncio.to_thread(command.upgrade, alembic_config(url), "head")
            arranged = await _arrange(settings)
        load_seconds = time.perf_counter() - started
        rng = random.Random(42)
        reads: dict[str, Callable[[], str]] = {
            "applications list": lambda: "/api/v1/applications?limit=50",
            "balance": lambda: (
                f"/api/v1/specialists/{rng.choice(arranged.specialists)}/release-days"
                f"?academic_year={YEAR}&cohort_id={arranged.cohort_id}"
            ),
            "release-day report": lambda: f"/api/v1/reports/release-days?academic_year={YEAR}",
        }
        python = str(Path(sys.executable))
        masteryhub = shutil.which("masteryhub") or str(Path(python).parent / "masteryhub")
        async with (
            serving([masteryhub, "serve"], url, log) as api,
            serving(
                [python, "-m", "uvicorn", "tests.bench.handwritten:app", "--log-level", "warning"],
                url,
                log,
            ) as baseline,
        ):
            headers = {"Authorization": f"Bearer {arranged.token}"}
            async with httpx.AsyncClient(timeout=60) as http:
                pages = [
                    await http.get(
                        f"http://127.0.0.1:{port}/api/v1/applications?limit=50", headers=headers
                    )
                    for port in (api, baseline)
                ]
            assert pages[0].status_code == 200, pages[0].text
            assert pages[0].json() == pages[1].json(), "the hand-written page differs"
            assert pages[0].headers["link"] == pages[1].headers["link"]
            assert len(pages[0].json()["items"]) == 50

            figures = {}
            for label, path in reads.items():
                totals = {api: [0, 0, 0.0], baseline: [0, 0, 0.0]}
                for port in (api, baseline):  # warm-up
                    await _turn(port, arranged.token, path, 0.5)
                for turn in range(TURNS):
                    # Alternate which goes first, so neither always follows the other.
                    order = (api, baseline) if turn % 2 == 0 else (baseline, api)
                    for port in order:
                        begun = time.perf_counter()
                        done, failed = await _turn(port, arranged.token, path, TURN_SECONDS)
                        totals[port][0] += done
                        totals[port][1] += failed
                        totals[port][2] += time.perf_counter() - begun
                assert totals[api][1] == 0 and totals[baseline][1] == 0, totals
                figures[label] = (
                    totals[api][0] / totals[api][2],
                    totals[baseline][0] / totals[baseline][2],
                )
    except Exception:
        if log.exists():
            print(f"\nserver log ({log}):\n" + log.read_text()[-4000:])
        raise
    finally:
        if not os.environ.get("MASTERYHUB_BENCH_DATABASE"):
            await _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        log.unlink(missing_ok=True)
    print(
        f"\nread-path bench (PostgreSQL, {APPLICATIONS:,} applications in the hub, "
        f"{SPECIALISTS:,} specialists, {SPECIALISTS * ENTRIES_PER_SPECIALIST:,} entries, loaded "
        f"in {load_seconds:.0f} s; {CONNECTIONS} connections, {TURNS} alternating turns of "
        f"{TURN_SECONDS:g} s each; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores):"
    )
    for label, (ours, theirs) in figures.items():
        print(
            f"  {label}: API {ours:.0f} req/s vs hand-written {theirs:.0f} req/s = "
            f"{ours / theirs:.2f}x (goal {GOALS[label]:.1f}x)"
        )
