"""`seed-demo` loads the documents' cohorts and an open demo cohort, and is safe to rerun."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import FastAPI

from masteryhub.cohorts.repository import CohortRepository
from masteryhub.cohorts.schemas import CohortRead
from masteryhub.db import begin_write
from masteryhub.demo import demo_cohort, seed


async def test_seed_demo_creates_the_cohorts_once(app: FastAPI) -> None:
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        assert await seed(session) is True
        await session.commit()
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        assert await seed(session) is False
        cohorts = CohortRepository(session)
        primary = CohortRead.model_validate(await cohorts.get_by_code("primary-6"))
        secondary = CohortRead.model_validate(await cohorts.get_by_code("secondary-2020"))
        demo = CohortRead.model_validate(await cohorts.get_by_code("primary-demo"))

    assert primary.name == "Primary Mastery Specialists Cohort 6 (2020/21)"
    assert primary.closes_at == datetime(2020, 6, 15, 16, 0, tzinfo=UTC)  # 17:00 BST
    assert primary.reference_prefix == "PMS6" and primary.places_per_hub == 4
    assert [r.is_provisional for r in primary.residentials] == [True, True, True]
    assert [r.starts_on.year for r in primary.residentials] == [2020, 2021, 2021]
    rules = {r.programme_year: r for r in secondary.year_rules}
    assert secondary.reference_prefix == "SMS20"
    assert rules[1].release_days * rules[1].day_rates_pence["default"] == 300000
    assert rules[2].release_days * rules[2].day_rates_pence["default"] == 525000
    assert rules[2].grants[0].amount_pence == 200000
    assert demo.is_open is True


def test_the_demo_cohort_always_closes_weeks_ahead() -> None:
    for today in (date(2026, 11, 23), date(2027, 4, 30), date(2027, 5, 1), date(2027, 8, 31)):
        values = demo_cohort(today)
        opens_at, closes_at = values["opens_at"], values["closes_at"]
        assert opens_at.date() <= today < closes_at.date(), today
        assert (closes_at.date() - today).days >= 40
        assert closes_at.hour == 16  # 17:00 BST
