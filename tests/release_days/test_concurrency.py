"""The entitlement is a hard cap under concurrent claims (row lock on PostgreSQL, BEGIN
IMMEDIATE on SQLite): 20 simultaneous one-day claims against 15 days."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory
from tests.specialists.delivery_data import DeliveryData

# Concurrent claims, each in its own transaction: real commits.
pytestmark = pytest.mark.real_commits


async def test_twenty_concurrent_claims_against_fifteen_days(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await delivery.specialist(
        hub, await delivery.cohort("2020/21"), await delivery.school()
    )
    url = f"/api/v1/specialists/{specialist.id}/release-days"

    async def one_day(n: int) -> tuple[int, dict[str, object]]:
        response = await client.post(
            url,
            json={"date": f"2020-10-{n + 1:02d}", "days": 1, "activity": "school_trg"},
            headers=staff.headers,
        )
        return response.status_code, response.json()

    results = await asyncio.gather(*(one_day(n) for n in range(20)))

    assert Counter(status for status, _ in results) == {201: 15, 409: 5}
    refusals = [body for status, body in results if status == 409]
    assert {body["code"] for body in refusals} == {"release_day_cap_exceeded"}
    assert {body["remaining_days"] for body in refusals} == {0}
    ledger = (
        await client.get(url, params={"academic_year": "2020/21"}, headers=staff.headers)
    ).json()
    assert ledger["balance"]["claimed_days"] == 15 and ledger["balance"]["remaining_days"] == 0
    assert len(ledger["entries"]) == 15
    assert ledger["balance"]["claimed_pence"] == 15 * 20000

    # A reversal frees a day, and then exactly one of several concurrent claims gets it.
    reversed_entry = ledger["entries"][0]["id"]
    reversal = await client.post(
        f"{url}/{reversed_entry}/reversal", json={"reason": "duplicate"}, headers=staff.headers
    )
    assert reversal.status_code == 201
    again = await asyncio.gather(*(one_day(n) for n in range(20, 24)))
    assert Counter(status for status, _ in again) == {201: 1, 409: 3}
    final = (
        await client.get(url, params={"academic_year": "2020/21"}, headers=staff.headers)
    ).json()
    assert final["balance"]["claimed_days"] == 15
