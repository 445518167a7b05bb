"""Hub day rates: a hub lead sets what their hub pays for a cohort's programme year; claims use
the claiming specialist's hub's rate, and the national rule where the hub sets none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.cohort import Cohort
from masteryhub.models.hub import Hub
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData

# Primary's years 2-3 as the programme has them: the hub sets the rate (no national rate).
RULES: dict[int, dict[str, Any]] = {
    1: {"release_half_days": 30, "day_rates_pence": {"default": 20000}},
    2: {"release_half_days": 66, "day_rates_pence": {}},
}


@dataclass
class HubSide:
    hub: Hub
    lead: Caller
    staff: Caller
    specialist: Specialist

    def ledger(self) -> str:
        return f"/api/v1/specialists/{self.specialist.id}/release-days"


@pytest.fixture
def delivery(factory: Factory) -> DeliveryData:
    return DeliveryData(factory)


@pytest.fixture
async def cohort(delivery: DeliveryData) -> Cohort:
    return await delivery.cohort("2020/21", rules=RULES)


async def _side(factory: Factory, delivery: DeliveryData, cohort: Cohort) -> HubSide:
    hub = await factory.hub()
    return HubSide(
        hub=hub,
        lead=await factory.caller(Role.HUB_LEAD, hub),
        staff=await factory.caller(Role.HUB_STAFF, hub),
        specialist=await delivery.specialist(hub, cohort, await delivery.school(hub=hub)),
    )


@pytest.fixture
async def north(factory: Factory, delivery: DeliveryData, cohort: Cohort) -> HubSide:
    return await _side(factory, delivery, cohort)


@pytest.fixture
async def south(factory: Factory, delivery: DeliveryData, cohort: Cohort) -> HubSide:
    return await _side(factory, delivery, cohort)


def rates_url(cohort: Cohort, year: int) -> str:
    return f"/api/v1/cohorts/{cohort.id}/year-rules/{year}/day-rates"


def claim(on: str, days: float, activity: str) -> dict[str, Any]:
    return {"date": on, "days": days, "activity": activity}


async def test_a_hub_rate_is_used_by_its_hubs_claims_and_the_national_rule_by_others(
    client: AsyncClient, cohort: Cohort, north: HubSide, south: HubSide
) -> None:
    put = await client.put(
        rates_url(cohort, 1),
        json={"day_rates_pence": {"work_group_session": 35000, "school_trg": 17550}},
        headers=north.lead.headers,
    )
    assert put.status_code == 200, put.text
    assert put.headers["etag"]
    body = put.json()
    assert body["hub_id"] == str(north.hub.id) and body["programme_year"] == 1
    assert body["academic_year"] == "2020/21" and body["cohort_code"] == cohort.code
    assert body["national_rates_pence"] == {"default": 20000}
    assert body["hub_rates_pence"] == {"work_group_session": 35000, "school_trg": 17550}
    # What a claim pays: the hub's own rates, the national default for the rest.
    assert body["effective_rates_pence"]["work_group_session"] == 35000
    assert body["effective_rates_pence"]["school_trg"] == 17550
    assert body["effective_rates_pence"]["planning"] == 20000
    assert body["effective_rates_pence"]["default"] == 20000

    north_claim = await client.post(
        north.ledger(),
        json=claim("2020-10-05", 1, "work_group_session"),
        headers=north.staff.headers,
    )
    north_trg = await client.post(
        north.ledger(), json=claim("2020-10-06", 0.5, "school_trg"), headers=north.staff.headers
    )
    north_planning = await client.post(
        north.ledger(), json=claim("2020-10-07", 1, "planning"), headers=north.staff.headers
    )
    south_claim = await client.post(
        south.ledger(),
        json=claim("2020-10-05", 1, "work_group_session"),
        headers=south.staff.headers,
    )

    assert north_claim.status_code == 201, north_claim.text
    assert north_claim.json()["day_rate_pence"] == 35000
    assert north_claim.json()["amount_pence"] == 35000
    assert north_trg.json()["amount_pence"] == 8775  # half of £175.50, exactly
    assert north_planning.json()["day_rate_pence"] == 20000  # national default
    assert south_claim.status_code == 201, south_claim.text
    assert south_claim.json()["day_rate_pence"] == 20000  # the south hub set nothing

    # Each hub sees its own rates; the other hub's are invisible to it.
    south_view = await client.get(rates_url(cohort, 1), headers=south.staff.headers)
    assert south_view.json()["hub_rates_pence"] is None
    assert south_view.json()["hub_id"] == str(south.hub.id)
    assert "etag" not in south_view.headers


async def test_the_no_rate_refusal_links_to_the_rates_and_a_hub_rate_lifts_it(
    client: AsyncClient, cohort: Cohort, north: HubSide
) -> None:
    body = claim("2021-10-05", 1, "school_support_visit")  # programme year 2: no national rate
    refused = await client.post(north.ledger(), json=body, headers=north.staff.headers)

    assert refused.status_code == 409
    problem = refused.json()
    assert problem["code"] == "day_rate_not_set"
    assert problem["cohort_id"] == str(cohort.id) and problem["programme_year"] == 2
    assert "set the day rate" in problem["detail"] and "programme year" not in problem["detail"]
    assert "school_support_visit" not in problem["detail"]
    assert problem["errors"][0]["field"] == "activity"

    set_rate = await client.put(
        rates_url(cohort, 2),
        json={"day_rates_pence": {"default": 20000}},
        headers=north.lead.headers,
    )
    assert set_rate.status_code == 200, set_rate.text
    accepted = await client.post(north.ledger(), json=body, headers=north.staff.headers)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["amount_pence"] == 20000


async def test_a_hub_default_overrides_the_national_rates(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    cohort = await delivery.cohort(
        "2020/21",
        rules={1: {"release_half_days": 30, "day_rates_pence": {"residential": 30000}}},
    )
    side = await _side(factory, delivery, cohort)
    await client.put(
        rates_url(cohort, 1),
        json={"day_rates_pence": {"default": 25000}},
        headers=side.lead.headers,
    )
    response = await client.post(
        side.ledger(), json=claim("2020-11-19", 1, "residential"), headers=side.staff.headers
    )
    assert response.json()["day_rate_pence"] == 25000


async def test_if_match_delete_and_the_audit_trail(
    client: AsyncClient, factory: Factory, cohort: Cohort, north: HubSide
) -> None:
    url = rates_url(cohort, 1)
    first = await client.put(
        url, json={"day_rates_pence": {"default": 21000}}, headers=north.lead.headers
    )
    etag = first.headers["etag"]
    read = await client.get(url, headers=north.staff.headers)
    assert read.headers["etag"] == etag
    second = await client.put(
        url,
        json={"day_rates_pence": {"default": 22000}},
        headers={**north.lead.headers, "If-Match": etag},
    )
    assert second.status_code == 200 and second.headers["etag"] != etag
    stale = await client.put(
        url,
        json={"day_rates_pence": {"default": 23000}},
        headers={**north.lead.headers, "If-Match": etag},
    )
    assert stale.status_code == 412
    assert (await client.get(url, headers=north.lead.headers)).json()["hub_rates_pence"] == {
        "default": 22000
    }

    deleted = await client.delete(url, headers=north.lead.headers)
    assert deleted.status_code == 204
    after = (await client.get(url, headers=north.lead.headers)).json()
    assert after["hub_rates_pence"] is None and after["updated_at"] is None
    assert after["effective_rates_pence"]["planning"] == 20000
    assert (await client.delete(url, headers=north.lead.headers)).status_code == 204

    async with factory.app.state.sessionmaker() as db:
        events = (
            await db.execute(
                select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.hub_id)
                .where(AuditEvent.entity_type == "hub_day_rates")
                .order_by(AuditEvent.created_at, AuditEvent.id)
            )
        ).all()
    assert [e.action for e in events] == [
        "hub_day_rate.set",
        "hub_day_rate.set",
        "hub_day_rate.removed",
    ]
    assert {e.actor_id for e in events} == {north.lead.id}
    assert {e.hub_id for e in events} == {north.hub.id}


async def test_who_may_set_rates_and_for_which_hub(
    client: AsyncClient, factory: Factory, cohort: Cohort, north: HubSide, south: HubSide
) -> None:
    url = rates_url(cohort, 1)
    body = {"day_rates_pence": {"default": 30000}}
    assert (await client.put(url, json=body, headers=north.staff.headers)).status_code == 403
    specialist = await factory.caller(Role.SPECIALIST, north.hub)
    assert (await client.get("/api/v1/day-rates", headers=specialist.headers)).status_code == 403

    # A hub lead naming another hub still sets their own hub's rates.
    own = await client.put(
        url, json=body, params={"hub_id": str(south.hub.id)}, headers=north.lead.headers
    )
    assert own.json()["hub_id"] == str(north.hub.id)
    assert (await client.get(url, headers=south.lead.headers)).json()["hub_rates_pence"] is None

    admin = await factory.caller(Role.NATIONAL_ADMIN)
    unnamed = await client.put(url, json=body, headers=admin.headers)
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "hub_id"
    named = await client.put(
        url,
        json={"day_rates_pence": {"default": 19000}},
        params={"hub_id": str(south.hub.id)},
        headers=admin.headers,
    )
    assert named.status_code == 200 and named.json()["hub_id"] == str(south.hub.id)

    # The national admin's view without a hub: every hub's set rates.
    every = (await client.get("/api/v1/day-rates", headers=admin.headers)).json()["items"]
    assert {(i["hub_id"], i["hub_rates_pence"]["default"]) for i in every} == {
        (str(north.hub.id), 30000),
        (str(south.hub.id), 19000),
    }
    # A hub lead's list: every cohort-year with a rule, their hub's rates only.
    listed = await client.get(
        "/api/v1/day-rates", params={"cohort_code": cohort.code}, headers=north.lead.headers
    )
    items = listed.json()["items"]
    assert [(i["programme_year"], i["hub_id"]) for i in items] == [
        (1, str(north.hub.id)),
        (2, str(north.hub.id)),
    ]
    assert items[0]["hub_rates_pence"] == {"default": 30000}
    assert items[1]["hub_rates_pence"] is None and items[1]["effective_rates_pence"] == {}
    assert items[1]["academic_year"] == "2021/22"


async def test_rates_are_refused_in_words(
    client: AsyncClient, cohort: Cohort, north: HubSide
) -> None:
    url = rates_url(cohort, 1)
    for rates in ({"tea_breaks": 100}, {"default": -1}, {"default": 10_000_001}, {}):
        response = await client.put(
            url, json={"day_rates_pence": rates}, headers=north.lead.headers
        )
        assert response.status_code == 422, rates
        (error,) = response.json()["errors"]
        assert error["field"] == "day_rates_pence"
        assert "tea_breaks" not in error["message"] and "pence" not in error["message"]
    no_rule = await client.put(
        rates_url(cohort, 5), json={"day_rates_pence": {"default": 1}}, headers=north.lead.headers
    )
    assert no_rule.status_code == 404


async def test_the_list_is_one_statement_whatever_the_cohorts(
    client: AsyncClient, factory: Factory, delivery: DeliveryData, north: HubSide
) -> None:
    async def statements() -> int:
        with count_queries(factory.app) as executed:
            response = await client.get("/api/v1/day-rates", headers=north.lead.headers)
            assert response.status_code == 200
        return len(executed)

    few = await statements()
    for _ in range(3):
        more = await delivery.cohort("2021/22")
        await client.put(
            rates_url(more, 1), json={"day_rates_pence": {"default": 1}}, headers=north.lead.headers
        )
    assert await statements() == few
