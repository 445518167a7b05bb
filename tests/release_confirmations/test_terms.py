"""Terms as data (London calendar days), and asking about the term in progress by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.domain.terms import TermName, term_of, terms_of, terms_to_ask
from masteryhub.release_confirmations.service import send_due_confirmations
from tests.factories import Factory
from tests.release_confirmations.conftest import build_world
from tests.specialists.delivery_data import DeliveryData


def test_terms_cover_the_academic_year_without_gaps_and_ask_in_the_last_weeks() -> None:
    autumn, spring, summer = terms_of("2020/21")
    assert (autumn.starts_on, autumn.ends_on, autumn.asks_on) == (
        date(2020, 9, 1),
        date(2020, 12, 31),
        date(2020, 12, 10),
    )
    assert (spring.starts_on, summer.starts_on, summer.ends_on) == (
        date(2021, 1, 1),
        date(2021, 4, 1),
        date(2021, 8, 31),
    )
    assert summer.label == "Summer term 2021"
    assert term_of(date(2021, 3, 31)).name is TermName.SPRING
    assert term_of(date(2021, 8, 31)).academic_year == "2020/21"
    # The asking day starts at midnight in London: 23:30 UTC on 9 July is already 10 July (BST).
    assert summer.asks_at == datetime(2021, 7, 9, 23, 0, tzinfo=UTC)
    asked = terms_to_ask(datetime(2021, 3, 20, 12, tzinfo=UTC))
    assert [(t.academic_year, t.name.value) for t in asked] == [
        ("2019/20", "autumn"),
        ("2019/20", "spring"),
        ("2019/20", "summer"),
        ("2020/21", "autumn"),
        ("2020/21", "spring"),
    ]


async def test_the_term_in_progress_is_asked_about_only_when_asked_to(
    app: FastAPI, client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    world = await build_world(factory, delivery)
    put = await client.put(
        f"/api/v1/schools/{world.ashfield.id}/head-contact",
        json={"headteacher_email": "head@ashfield.example.org"},
        headers=world.staff.headers,
    )
    assert put.status_code == 200, put.text
    before_asking_day = datetime(2020, 11, 20, 12, tzinfo=UTC)
    async with app.state.sessionmaker() as session:
        assert await send_due_confirmations(session, before_asking_day, base_url="http://x") == 0
        early = await send_due_confirmations(
            session, before_asking_day, base_url="http://x", include_current_term=True
        )
        await session.commit()
    assert early == 1
