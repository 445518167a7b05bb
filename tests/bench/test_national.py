"""National roll-up and coverage benchmark (`make bench`, PostgreSQL via
MASTERYHUB_TEST_DATABASE_URL).

40 hubs, 25,000 schools, 1,000 specialists, 5,000 work-group school rows (200 work groups)
and 200,000 ledger entries, bulk-loaded with INSERT ... SELECT generate_series. Then, through
the ASGI app as a national admin, `GET /reports/hubs` (early warnings included) and
`GET /reports/coverage?by=region`, p50/p95 in ms, against the same figures computed by one
hand-written SQL statement each in the same run (the ratio is the figure), and the number of
statements per request before and after loading (it must not grow with data).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from masteryhub.models.user import Role
from tests.bench.test_ledger import _time
from tests.factories import Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData

pytestmark = pytest.mark.bench

HUBS = 40
SCHOOLS = 25_000
SPECIALISTS = 1_000
WORK_GROUPS_PER_HUB = 5
SCHOOLS_PER_WORK_GROUP = 25  # 40 × 5 × 25 = 5,000 rows
ENTRIES_PER_SPECIALIST = 200  # 200,000 entries
YEAR = "2021/22"
RUNS = 15

LOAD = [
    """
    INSERT INTO hubs (id, code, name)
    SELECT gen_random_uuid(), 'nat-' || lpad(g::text, 2, '0'), 'National Bench Hub ' || g
    FROM generate_series(1, :hubs) AS g
    """,
    """
    INSERT INTO schools (id, urn, name, is_state_funded, is_in_england, is_open, hub_overridden,
                         phase_code, region_name, la_code, hub_id)
    SELECT gen_random_uuid(), lpad((300000 + g)::text, 6, '0'), 'Bench School ' || g,
           g % 20 <> 0, g % 50 <> 0, g % 30 <> 0, false,
           (ARRAY['2', '4', '7', '0'])[g % 4 + 1], 'Region ' || (g % 9),
           lpad((g % 150)::text, 3, '0'),
           h.id
    FROM generate_series(1, :schools) AS g
    JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM hubs
          WHERE code LIKE 'nat-%') AS h ON h.n = g % :hubs + 1
    """,
    """
    INSERT INTO specialists (id, hub_id, cohort_id, school_id, first_name, last_name, email,
                             status, appointed_on, accreditation_status)
    SELECT gen_random_uuid(), s.hub_id, :cohort_id, s.id, 'Specialist', 'Number ' || g,
           'nat-bench' || g || '@example.org', 'active', DATE '2020-07-01',
           (ARRAY['not_started', 'in_training', 'accredited'])[g % 3 + 1]
    FROM generate_series(1, :specialists) AS g
    JOIN schools AS s ON s.urn = lpad((300000 + g * 7)::text, 6, '0')
    """,
    """
    INSERT INTO work_groups (id, hub_id, code, title, phase, programme, academic_year, status)
    SELECT gen_random_uuid(), h.id, 'WG' || g, 'Bench work group ' || g,
           (ARRAY['readiness', 'develop', 'embed', 'sustain'])[g % 4 + 1], 'primary', :year,
           (ARRAY['planned', 'running', 'completed'])[g % 3 + 1]
    FROM (SELECT id FROM hubs WHERE code LIKE 'nat-%') AS h
    CROSS JOIN generate_series(1, :groups_per_hub) AS g
    """,
    """
    INSERT INTO work_group_schools (id, hub_id, work_group_id, school_id, completed)
    SELECT gen_random_uuid(), w.hub_id, w.id, s.id, (g % 3 = 0)
    FROM (SELECT id, hub_id, row_number() OVER (ORDER BY id) AS n FROM work_groups) AS w
    CROSS JOIN generate_series(1, :per_group) AS g
    JOIN schools AS s ON s.urn = lpad((300000 + (w.n * 97 + g * 13) % :schools + 1)::text, 6, '0')
    """,
    """
    INSERT INTO release_day_entries (
        id, hub_id, specialist_id, academic_year, worked_on, kind, activity, half_days,
        day_rate_pence, amount_pence, school_id, status, recorded_by_label)
    SELECT gen_random_uuid(), sp.hub_id, sp.id,
           (2020 + g % 2) || '/' || lpad(((21 + g % 2) % 100)::text, 2, '0'),
           make_date(2020 + g % 2, 10, 1) + (g / 2 % 200),
           'release_days', 'school_trg', 1, 20000, 10000, sp.school_id,
           (ARRAY['claimed', 'approved', 'paid'])[g % 3 + 1], 'bench'
    FROM specialists AS sp CROSS JOIN generate_series(0, :per_specialist - 1) AS g
    """,
]

# The roll-up's figures per hub in one statement (applications, specialists by year and
# accreditation, work groups by status, schools engaged, the ledger's sums).
ROLLUP_SQL = """
WITH spec AS (
    SELECT sp.hub_id, count(*) AS active,
           count(*) FILTER (WHERE sp.accreditation_status = 'accredited') AS accredited,
           sum(coalesce(r.release_half_days, 0)) AS entitlement
    FROM specialists AS sp JOIN cohorts AS c ON c.id = sp.cohort_id
    LEFT JOIN cohort_year_rules AS r ON r.cohort_id = c.id
         AND r.programme_year = :start + 1 - substr(c.development_year, 1, 4)::int
    WHERE sp.status = 'active' AND :start + 1 - substr(c.development_year, 1, 4)::int >= 1
    GROUP BY sp.hub_id
), groups AS (
    SELECT hub_id, count(*) AS groups, count(*) FILTER (WHERE status = 'completed') AS done
    FROM work_groups WHERE academic_year = :year GROUP BY hub_id
), engaged AS (
    SELECT w.hub_id, count(DISTINCT ws.school_id) AS signed_up,
           count(DISTINCT ws.school_id) FILTER (WHERE ws.completed) AS completed
    FROM work_group_schools AS ws JOIN work_groups AS w ON w.id = ws.work_group_id
    WHERE w.academic_year = :year AND w.status <> 'cancelled' GROUP BY w.hub_id
), ledger AS (
    SELECT hub_id, sum(half_days) AS claimed,
           sum(half_days) FILTER (WHERE status IN ('approved', 'paid')) AS approved,
           sum(amount_pence) FILTER (WHERE status = 'paid') AS paid
    FROM release_day_entries WHERE academic_year = :year GROUP BY hub_id
), apps AS (
    SELECT a.hub_id, count(*) AS applications
    FROM applications AS a JOIN cohorts AS c ON c.id = a.cohort_id
    WHERE c.development_year IN (:year, :next) GROUP BY a.hub_id
)
SELECT h.id, h.name, apps.applications, spec.active, spec.accredited, spec.entitlement,
       groups.groups, groups.done, engaged.signed_up, engaged.completed,
       ledger.claimed, ledger.approved, ledger.paid
FROM hubs AS h
LEFT JOIN apps ON apps.hub_id = h.id LEFT JOIN spec ON spec.hub_id = h.id
LEFT JOIN groups ON groups.hub_id = h.id LEFT JOIN engaged ON engaged.hub_id = h.id
LEFT JOIN ledger ON ledger.hub_id = h.id
ORDER BY h.name
"""

# Coverage by region and phase in one statement.
COVERAGE_SQL = """
WITH engaged AS (
    SELECT ws.school_id, max(CASE WHEN ws.completed THEN 1 ELSE 0 END) AS completed
    FROM work_group_schools AS ws JOIN work_groups AS w ON w.id = ws.work_group_id
    WHERE w.academic_year = :year AND w.status <> 'cancelled' GROUP BY ws.school_id
), with_specialist AS (
    SELECT DISTINCT school_id FROM specialists WHERE status = 'active'
)
SELECT s.region_name, s.phase_code, count(*), count(e.school_id), sum(e.completed),
       count(w.school_id)
FROM schools AS s
LEFT JOIN engaged AS e ON e.school_id = s.id
LEFT JOIN with_specialist AS w ON w.school_id = s.id
WHERE s.is_state_funded AND s.is_in_england AND s.is_open
GROUP BY s.region_name, s.phase_code
"""


async def test_national_rollup_and_coverage_at_scale(
    client: AsyncClient, factory: Factory, app: Any
) -> None:
    engine = app.state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("The national benchmark needs PostgreSQL: set MASTERYHUB_TEST_DATABASE_URL.")
    delivery = DeliveryData(factory)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    cohort = await delivery.cohort("2020/21")
    params = {"academic_year": YEAR}

    async def rollup() -> None:
        response = await client.get("/api/v1/reports/hubs", params=params, headers=admin.headers)
        assert response.status_code == 200, response.text

    async def coverage() -> None:
        response = await client.get(
            "/api/v1/reports/coverage", params={**params, "by": "region"}, headers=admin.headers
        )
        assert response.status_code == 200, response.text

    with count_queries(app) as small_rollup:
        await rollup()
    with count_queries(app) as small_coverage:
        await coverage()

    started = time.perf_counter()
    async with engine.begin() as connection:
        bound = {
            "hubs": HUBS,
            "schools": SCHOOLS,
            "specialists": SPECIALISTS,
            "cohort_id": cohort.id,
            "year": YEAR,
            "groups_per_hub": WORK_GROUPS_PER_HUB,
            "per_group": SCHOOLS_PER_WORK_GROUP,
            "per_specialist": ENTRIES_PER_SPECIALIST,
        }
        for statement in LOAD:
            await connection.execute(text(statement), bound)
        await connection.execute(text("ANALYZE"))
        counts = (
            await connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM schools), (SELECT count(*) FROM specialists), "
                    "(SELECT count(*) FROM work_group_schools), "
                    "(SELECT count(*) FROM release_day_entries)"
                )
            )
        ).one()
    load_seconds = time.perf_counter() - started

    with count_queries(app) as large_rollup:
        await rollup()
    with count_queries(app) as large_coverage:
        await coverage()
    assert len(large_rollup) == len(small_rollup), "roll-up queries grew with data"
    assert len(large_coverage) == len(small_coverage), "coverage queries grew with data"

    api_rollup = await _time(rollup, RUNS)
    api_coverage = await _time(coverage, RUNS)

    async def sql(statement: str, **values: Any) -> None:
        async with engine.connect() as connection:
            (await connection.execute(text(statement), values)).all()

    sql_rollup = await _time(lambda: sql(ROLLUP_SQL, year=YEAR, next="2022/23", start=2021), RUNS)
    sql_coverage = await _time(lambda: sql(COVERAGE_SQL, year=YEAR), RUNS)
    print(
        f"\nnational bench (PostgreSQL, {HUBS} hubs, {counts[0]:,} schools, {counts[1]:,} "
        f"specialists, {counts[2]:,} work-group school rows, {counts[3]:,} ledger entries, "
        f"loaded in {load_seconds:.0f} s): roll-up p50 {api_rollup[0]:.1f} ms / p95 "
        f"{api_rollup[1]:.1f} ms vs one SQL statement p50 {sql_rollup[0]:.1f} ms "
        f"(x{api_rollup[0] / sql_rollup[0]:.1f}); coverage by region p50 {api_coverage[0]:.1f} "
        f"ms / p95 {api_coverage[1]:.1f} ms vs SQL p50 {sql_coverage[0]:.1f} ms "
        f"(x{api_coverage[0] / sql_coverage[0]:.1f}); statements per request: roll-up "
        f"{len(large_rollup)}, coverage {len(large_coverage)}, same as on an empty database"
    )
