"""Payment-run benchmark (`make bench`, PostgreSQL via MASTERYHUB_TEST_DATABASE_URL).

A hub's approved, unpaid entries bulk-loaded with INSERT ... SELECT generate_series: first 100
entries for 10 schools, then 10,000 entries for 500 schools. Through the ASGI app as the hub
lead, five rounds of building a run (`POST /payment-runs`), committing it (`POST …/commit`)
and voiding it (its entries approved again for the next round), each step timed against the
same statements written by hand (rolled back), then the run's remittance CSV; and the SQL
statements each request sends, which must be the same at 100 entries as at 10,000 (every
query is one statement over the run's entries, whatever its size).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import text

from masteryhub.models.user import Role
from tests.factories import Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData

# The bulk load commits on its own connection, so the rows it references (the factory's hub,
# cohort and lead) must be committed too.
pytestmark = [pytest.mark.bench, pytest.mark.real_commits]

SPECIALISTS = 50
SMALL = (100, 10)  # entries, schools
LARGE = (10_000, 500)
ROUNDS = 5  # build, commit and (but the last) void, timed at the large size

LOAD = [
    """
    INSERT INTO schools (id, urn, name, la_name, is_state_funded, is_in_england, is_open,
                         hub_overridden, hub_id)
    SELECT gen_random_uuid(), lpad((:base + g)::text, 6, '0'), 'Payrun School ' || (:base + g),
           'Bench LA ' || (g % 40), true, true, true, false, :hub_id
    FROM generate_series(1, :schools) AS g
    """,
    # Approved entries spread over the hub's specialists and these schools, £100.00 to £100.06
    # each, none in a run.
    """
    INSERT INTO release_day_entries (
        id, hub_id, specialist_id, academic_year, worked_on, kind, activity, half_days,
        day_rate_pence, amount_pence, school_id, status, recorded_by_label, approved_at)
    SELECT gen_random_uuid(), :hub_id, sp.id, '2020/21', DATE '2020-10-01' + (g % 200),
           'release_days', 'school_trg', 1, 20000, 10000 + g % 7, s.id, 'approved',
           'bench', now()
    FROM generate_series(1, :entries) AS g
    JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM specialists
          WHERE hub_id = :hub_id) AS sp ON sp.n = g % :specialists + 1
    JOIN schools AS s ON s.urn = lpad((:base + g % :schools + 1)::text, 6, '0')
    """,
]

# What one would write by hand for the same work, run in a transaction that is rolled back:
# the baseline the API's times are compared with.
HANDWRITTEN_BUILD = [
    """
    UPDATE release_day_entries AS e SET payment_run_id = :run_id, version = e.version + 1
    WHERE e.hub_id = :hub_id AND e.status = 'approved' AND e.payment_run_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM release_day_entries AS r WHERE r.reverses_id = e.id)
      AND (e.reverses_id IS NULL OR EXISTS (SELECT 1 FROM release_day_entries AS o
                                            WHERE o.id = e.reverses_id AND o.status = 'paid'))
    """,
    """
    SELECT s.id, s.urn, s.name, s.la_name, count(*), sum(e.amount_pence)
    FROM release_day_entries AS e JOIN schools AS s ON s.id = e.school_id
    WHERE e.payment_run_id = :run_id GROUP BY s.id ORDER BY s.urn
    """,
]
HANDWRITTEN_COMMIT = [
    """
    UPDATE release_day_entries AS e
    SET status = 'paid', paid_at = now(), payment_reference = 'PR-BENCH', version = e.version + 1
    WHERE e.payment_run_id = :run_id AND e.status = 'approved'
    """,
    """
    SELECT s.id, s.urn, s.name, s.la_name, count(*), sum(e.amount_pence)
    FROM release_day_entries AS e JOIN schools AS s ON s.id = e.school_id
    WHERE e.payment_run_id = :run_id GROUP BY s.id ORDER BY s.urn
    """,
]

SPECIALISTS_SQL = """
INSERT INTO specialists (id, hub_id, cohort_id, school_id, first_name, last_name, email,
                         status, appointed_on, accreditation_status)
SELECT gen_random_uuid(), :hub_id, :cohort_id, :school_id, 'Specialist', 'Payrun ' || g,
       'payrun' || g || '@example.org', 'active', DATE '2020-07-01', 'not_started'
FROM generate_series(1, :specialists) AS g
"""


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


async def _timed(request: Callable[[], Awaitable[Response]]) -> tuple[Response, float]:
    started = time.perf_counter()
    response = await request()
    return response, time.perf_counter() - started


async def test_payment_run_over_ten_thousand_entries(
    client: AsyncClient, factory: Factory, app: Any
) -> None:
    engine = app.state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("The payment-run benchmark needs PostgreSQL: set MASTERYHUB_TEST_DATABASE_URL.")
    delivery = DeliveryData(factory)
    hub = await factory.hub(code="payrun")
    lead = await factory.caller(Role.HUB_LEAD, hub)
    cohort = await delivery.cohort("2020/21")
    home = await delivery.school(hub=hub)
    async with engine.begin() as connection:
        await connection.execute(
            text(SPECIALISTS_SQL),
            {
                "hub_id": hub.id,
                "cohort_id": cohort.id,
                "school_id": home.id,
                "specialists": SPECIALISTS,
            },
        )

    async def load(entries: int, schools: int, base: int) -> float:
        started = time.perf_counter()
        async with engine.begin() as connection:
            bound = {
                "hub_id": hub.id,
                "entries": entries,
                "schools": schools,
                "base": base,
                "specialists": SPECIALISTS,
            }
            for statement in LOAD:
                await connection.execute(text(statement), bound)
            await connection.execute(text("ANALYZE release_day_entries"))
            await connection.execute(text("ANALYZE schools"))
        return time.perf_counter() - started

    async def expected_total() -> tuple[int, int, int]:
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text(
                        "SELECT count(*), count(DISTINCT school_id), sum(amount_pence) "
                        "FROM release_day_entries WHERE hub_id = :hub_id "
                        "AND status = 'approved' AND payment_run_id IS NULL"
                    ),
                    {"hub_id": hub.id},
                )
            ).one()
        return int(row[0]), int(row[1]), int(row[2] or 0)

    def build() -> Awaitable[Response]:
        return client.post("/api/v1/payment-runs", json={}, headers=lead.headers)

    def act(run_id: str, action: str, body: dict[str, Any]) -> Callable[[], Awaitable[Response]]:
        return lambda: client.post(
            f"/api/v1/payment-runs/{run_id}/{action}", json=body, headers=lead.headers
        )

    def remit(run_id: str) -> Callable[[], Awaitable[Response]]:
        return lambda: client.get(
            f"/api/v1/payment-runs/{run_id}/remittance",
            headers={**lead.headers, "Accept": "text/csv"},
        )

    async def handwritten(statements: list[str], run_id: str) -> float:
        async with engine.connect() as connection:
            transaction = await connection.begin()
            started = time.perf_counter()
            for statement in statements:
                await connection.execute(text(statement), {"hub_id": hub.id, "run_id": run_id})
            seconds = time.perf_counter() - started
            await transaction.rollback()
        return seconds

    async def measured(
        request: Callable[[], Awaitable[Response]], status: int
    ) -> tuple[Response, float, int]:
        with count_queries(app) as statements:
            response, seconds = await _timed(request)
        assert response.status_code == status, response.text
        return response, seconds, len(statements)

    # ── 100 entries for 10 schools: the statement counts to match.
    await load(*SMALL, base=800_000)
    count, schools, total = await expected_total()
    assert (count, schools) == SMALL
    small_build, _, small_build_q = await measured(build, 201)
    assert small_build.json()["total_pence"] == total
    small_id = voided_id = small_build.json()["id"]
    _, _, small_void_q = await measured(act(small_id, "void", {"reason": "Bench"}), 200)
    small_build, _, again_q = await measured(build, 201)
    assert again_q == small_build_q
    small_id = small_build.json()["id"]
    _, _, small_commit_q = await measured(act(small_id, "commit", {}), 200)
    small_csv, _, small_csv_q = await measured(remit(small_id), 200)
    assert small_csv.text.count("\r\n") == SMALL[0] + 2  # headings, lines, total

    # ── 10,000 entries for 500 schools.
    load_seconds = await load(*LARGE, base=810_000)
    count, schools, total = await expected_total()
    assert (count, schools) == LARGE
    build_seconds: list[float] = []
    commit_seconds: list[float] = []
    void_seconds: list[float] = []
    sql_build_seconds: list[float] = []
    sql_commit_seconds: list[float] = []
    for round_ in range(ROUNDS):
        # Each step by hand first (rolled back; the build into a voided run), then the API's.
        sql_build_seconds.append(await handwritten(HANDWRITTEN_BUILD, voided_id))
        built, seconds, build_q = await measured(build, 201)
        assert build_q == small_build_q, "building a run sent more statements at 10,000 entries"
        run = built.json()
        assert (run["entry_count"], run["school_count"], run["total_pence"]) == (
            count,
            schools,
            total,
        )
        assert sum(school["total_pence"] for school in run["schools"]) == total
        build_seconds.append(seconds)
        sql_commit_seconds.append(await handwritten(HANDWRITTEN_COMMIT, run["id"]))
        committed, seconds, commit_q = await measured(act(run["id"], "commit", {}), 200)
        assert commit_q == small_commit_q, "committing a run sent more statements at 10,000 entries"
        assert committed.json()["status"] == "committed"
        commit_seconds.append(seconds)
        if round_ < ROUNDS - 1:
            # Voiding the committed run returns its entries to approved for the next round.
            _, seconds, void_q = await measured(act(run["id"], "void", {"reason": "Bench"}), 200)
            assert void_q == small_void_q, "voiding a run sent more statements at 10,000 entries"
            void_seconds.append(seconds)
    csv, csv_seconds, csv_q = await measured(remit(run["id"]), 200)
    assert csv_q == small_csv_q, "the remittance sent more statements at 10,000 entries"
    assert csv.text.count("\r\n") == LARGE[0] + 2
    async with engine.connect() as connection:
        paid = (
            await connection.execute(
                text(
                    "SELECT count(*), sum(amount_pence) FROM release_day_entries "
                    "WHERE payment_run_id = :run AND status = 'paid' AND payment_reference = :ref"
                ),
                {"run": run["id"], "ref": run["reference"]},
            )
        ).one()
    assert (paid[0], paid[1]) == (count, total)

    build_p50 = statistics.median(build_seconds)
    commit_p50 = statistics.median(commit_seconds)
    print(
        f"\npayment-run bench (PostgreSQL, {count:,} approved entries for {schools} schools, "
        f"loaded in {load_seconds:.1f} s; {ROUNDS} rounds of build, commit, void): build p50 "
        f"{ms(build_p50)} ms (min {ms(min(build_seconds))}, max {ms(max(build_seconds))}) vs "
        f"{ms(statistics.median(sql_build_seconds))} ms for the same UPDATE and per-school SELECT "
        f"by hand (x{build_p50 / statistics.median(sql_build_seconds):.1f}); commit p50 "
        f"{ms(commit_p50)} ms (min {ms(min(commit_seconds))}, max {ms(max(commit_seconds))}) vs "
        f"{ms(statistics.median(sql_commit_seconds))} ms by hand "
        f"(x{commit_p50 / statistics.median(sql_commit_seconds):.1f}); "
        f"void p50 {ms(statistics.median(void_seconds))} ms; "
        f"remittance CSV of the run {ms(csv_seconds)} ms; "
        f"statements per request: build {build_q}, void {small_void_q}, commit {commit_q}, "
        f"remittance {csv_q} — the same at {SMALL[0]} entries for {SMALL[1]} schools; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
