"""Ledger benchmark (`make bench`, PostgreSQL via MASTERYHUB_TEST_DATABASE_URL).

10,000 specialists in 40 hubs and 1,000,000 ledger entries (100 per specialist over four
academic years), bulk-loaded with INSERT ... SELECT generate_series. Then, through the ASGI
app, the hub's release-day report and a specialist's balance, p50/p95 in ms, against the same
work as one hand-written SQL statement in the same run (the ratio is the figure), and the
number of statements per request before and after loading (it must not grow with data).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.schema import CreateIndex, DropIndex

from masteryhub.models.base import Base
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.specialists.delivery_data import DeliveryData, count_queries

pytestmark = pytest.mark.bench

HUBS = 40
SPECIALISTS = 10_000
ENTRIES_PER_SPECIALIST = 100  # 25 in each of four academic years
YEAR = "2020/21"
RUNS = 40

LOAD = [
    # Hubs 2..40 (hub 1 is the factory's, so it has a signed-in lead).
    """
    INSERT INTO hubs (id, code, name)
    SELECT gen_random_uuid(), 'bench-' || g, 'Bench Maths Hub ' || g
    FROM generate_series(2, :hubs) AS g
    """,
    """
    INSERT INTO schools (id, urn, name, is_state_funded, is_in_england, is_open, hub_overridden)
    SELECT gen_random_uuid(), lpad(g::text, 6, '0'), 'Bench School ' || g, true, true, true, false
    FROM generate_series(2, :specialists) AS g
    """,
    """
    INSERT INTO specialists (id, hub_id, cohort_id, school_id, first_name, last_name, email,
                             status, appointed_on, accreditation_status)
    SELECT gen_random_uuid(), h.id, :cohort_id, s.id, 'Specialist', 'Number ' || g,
           'bench' || g || '@example.org', 'active', DATE '2020-07-01', 'not_started'
    FROM generate_series(2, :specialists) AS g
    JOIN (SELECT id, row_number() OVER (ORDER BY (code = :first_hub) DESC, code) AS n
          FROM hubs) AS h ON h.n = g % :hubs + 1
    JOIN schools AS s ON s.urn = lpad(g::text, 6, '0')
    """,
    # 25 half days a year each (under the 15-day entitlement); statuses cycle
    # claimed → approved → paid; amounts at £200 a day.
    """
    INSERT INTO release_day_entries (
        id, hub_id, specialist_id, academic_year, worked_on, kind, activity, half_days,
        day_rate_pence, amount_pence, school_id, status, recorded_by_label)
    SELECT gen_random_uuid(), sp.hub_id, sp.id,
           (2020 + g % 4) || '/' || lpad(((21 + g % 4) % 100)::text, 2, '0'),
           make_date(2020 + g % 4, 10, 1) + (g / 4),
           'release_days', 'school_trg', 1, 20000, 10000, sp.school_id,
           (ARRAY['claimed', 'approved', 'paid'])[g % 3 + 1], 'bench'
    FROM specialists AS sp CROSS JOIN generate_series(0, :per_specialist - 1) AS g
    """,
]

REPORT_SQL = """
WITH sums AS (
    SELECT e.specialist_id, e.school_id, e.half_days, e.amount_pence, e.status
    FROM release_day_entries AS e
    WHERE e.hub_id = :hub_id AND e.academic_year = :year
), per_specialist AS (
    SELECT specialist_id, sum(half_days) AS claimed,
           sum(half_days) FILTER (WHERE status IN ('approved', 'paid')) AS approved,
           sum(half_days) FILTER (WHERE status = 'paid') AS paid,
           sum(amount_pence) AS claimed_pence,
           sum(amount_pence) FILTER (WHERE status = 'approved') AS owed_pence
    FROM sums GROUP BY specialist_id
)
SELECT 'specialist' AS line, sp.id, sp.last_name, r.release_half_days, p.claimed, p.approved,
       p.paid, p.claimed_pence, p.owed_pence
FROM specialists AS sp
JOIN cohorts AS c ON c.id = sp.cohort_id
LEFT JOIN cohort_year_rules AS r ON r.cohort_id = sp.cohort_id
     AND r.programme_year = :start - substr(c.development_year, 1, 4)::int + 1
LEFT JOIN per_specialist AS p ON p.specialist_id = sp.id
WHERE sp.hub_id = :hub_id
UNION ALL
SELECT 'school', school_id, NULL, NULL, sum(half_days),
       sum(half_days) FILTER (WHERE status IN ('approved', 'paid')),
       sum(half_days) FILTER (WHERE status = 'paid'), sum(amount_pence),
       sum(amount_pence) FILTER (WHERE status = 'approved')
FROM sums GROUP BY school_id
UNION ALL
SELECT 'total', NULL, NULL, NULL, sum(half_days),
       sum(half_days) FILTER (WHERE status IN ('approved', 'paid')),
       sum(half_days) FILTER (WHERE status = 'paid'), sum(amount_pence),
       sum(amount_pence) FILTER (WHERE status = 'approved')
FROM sums
"""

BALANCE_SQL = """
SELECT e.*, s.urn, s.name,
       sum(e.half_days) OVER () AS claimed,
       sum(e.amount_pence) FILTER (WHERE e.status = 'approved') OVER () AS owed,
       (SELECT r.release_half_days FROM cohort_year_rules AS r
        WHERE r.cohort_id = :cohort_id AND r.programme_year = 1) AS entitlement
FROM release_day_entries AS e JOIN schools AS s ON s.id = e.school_id
WHERE e.specialist_id = :specialist_id AND e.academic_year = :year
ORDER BY e.worked_on, e.id
"""


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


async def _time(run: Callable[[], Awaitable[Any]], runs: int = RUNS) -> tuple[float, float]:
    for _ in range(3):  # warm caches and plans
        await run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await run()
        samples.append(time.perf_counter() - started)
    return _ms(samples)


async def test_ledger_report_and_balance_at_scale(
    client: AsyncClient, factory: Factory, app: Any
) -> None:
    engine = app.state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("The ledger benchmark needs PostgreSQL: set MASTERYHUB_TEST_DATABASE_URL.")
    delivery = DeliveryData(factory)
    hub = await factory.hub(code="bench-1")
    lead = await factory.caller(Role.HUB_LEAD, hub)
    cohort = await delivery.cohort("2020/21")
    first = await delivery.specialist(hub, cohort, await delivery.school())
    report_url = "/api/v1/reports/release-days"

    async def report() -> None:
        response = await client.get(
            report_url, params={"academic_year": YEAR}, headers=lead.headers
        )
        assert response.status_code == 200, response.text

    async def balance_of(specialist_id: Any) -> None:
        response = await client.get(
            f"/api/v1/specialists/{specialist_id}/release-days",
            params={"academic_year": YEAR},
            headers=lead.headers,
        )
        assert response.status_code == 200, response.text

    await client.post(
        f"/api/v1/specialists/{first.id}/release-days",
        json={"date": "2020-10-01", "days": 1, "activity": "planning"},
        headers=lead.headers,
    )
    with count_queries(app) as small_report:
        await report()
    with count_queries(app) as small_balance:
        await balance_of(first.id)

    started = time.perf_counter()
    async with engine.begin() as connection:
        params = {
            "hubs": HUBS,
            "specialists": SPECIALISTS,
            "cohort_id": cohort.id,
            "first_hub": hub.code,
            "per_specialist": ENTRIES_PER_SPECIALIST,
        }
        # Secondary indexes are built once after the load rather than row by row.
        indexes = list(Base.metadata.tables[ReleaseDayEntry.__tablename__].indexes)
        for index in indexes:
            await connection.execute(DropIndex(index))
        for statement in LOAD:
            await connection.execute(text(statement), params)
        for index in indexes:
            await connection.execute(CreateIndex(index))
        await connection.execute(text("ANALYZE"))
        counts = (
            await connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM specialists), "
                    "(SELECT count(*) FROM release_day_entries), "
                    "(SELECT count(*) FROM release_day_entries "
                    " WHERE hub_id = :hub AND academic_year = :year)"
                ),
                {"hub": hub.id, "year": YEAR},
            )
        ).one()
        hub_specialists = list(
            (
                await connection.execute(
                    text("SELECT id FROM specialists WHERE hub_id = :hub"), {"hub": hub.id}
                )
            ).scalars()
        )
    load_seconds = time.perf_counter() - started
    assert counts[0] == SPECIALISTS
    assert counts[1] == SPECIALISTS * ENTRIES_PER_SPECIALIST + 1

    with count_queries(app) as large_report:
        await report()
    with count_queries(app) as large_balance:
        await balance_of(hub_specialists[1])
    assert len(large_report) == len(small_report), "report queries grew with data"
    assert len(large_balance) == len(small_balance), "balance queries grew with data"

    async def me() -> None:
        assert (await client.get("/api/v1/me", headers=lead.headers)).status_code == 200

    rng = random.Random(42)
    floor = await _time(me)
    api_report = await _time(report)
    api_balance = await _time(lambda: balance_of(rng.choice(hub_specialists)))

    async def sql(statement: str, **bound: Any) -> None:
        async with engine.connect() as connection:
            (await connection.execute(text(statement), bound)).all()

    sql_report = await _time(lambda: sql(REPORT_SQL, hub_id=hub.id, year=YEAR, start=2020))
    sql_balance = await _time(
        lambda: sql(
            BALANCE_SQL,
            specialist_id=rng.choice(hub_specialists),
            cohort_id=cohort.id,
            year=YEAR,
        )
    )
    print(
        f"\nledger bench (PostgreSQL, {SPECIALISTS:,} specialists, {counts[1]:,} entries, "
        f"{counts[2]:,} in the hub's year, loaded in {load_seconds:.0f} s): "
        f"hub report p50 {api_report[0]:.1f} ms / p95 {api_report[1]:.1f} ms vs one SQL "
        f"statement p50 {sql_report[0]:.1f} ms (x{api_report[0] / sql_report[0]:.1f}); "
        f"balance p50 {api_balance[0]:.1f} ms / p95 {api_balance[1]:.1f} ms vs SQL p50 "
        f"{sql_balance[0]:.1f} ms (x{api_balance[0] / sql_balance[0]:.1f}); statements per "
        f"request: report {len(large_report)}, balance {len(large_balance)}, same as on an "
        f"empty ledger; an authenticated GET /me alone takes p50 {floor[0]:.1f} ms"
    )
