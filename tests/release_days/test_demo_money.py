"""The demo's money (`masteryhub seed-demo`): the north hub's own day rates and the demo
specialist's ledger in every status, recorded by them and approved and paid by the hub lead."""

from __future__ import annotations

from collections import Counter

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.demo import DEMO_DAY_RATES_PENCE, DEMO_HEAD, DEMO_PAYMENT_REFERENCE
from masteryhub.domain.academic_year import academic_year_of, london_date
from masteryhub.models.base import utcnow
from tests.factories import seed_demo, signed_in


async def test_the_demo_has_hub_rates_and_a_ledger_in_every_status(
    app: FastAPI, client: AsyncClient
) -> None:
    assert await seed_demo(app) is True
    assert await seed_demo(app) is False  # idempotent: nothing added twice

    this_year = academic_year_of(london_date(utcnow()))
    me_headers = await signed_in(client, "specialist@north.masteryhub.test", "specialist-demo")
    lead_headers = await signed_in(client, "lead@north.masteryhub.test", "hub-lead-demo")
    me = (await client.get("/api/v1/me", headers=me_headers)).json()
    lead = (await client.get("/api/v1/me", headers=lead_headers)).json()
    [record] = me["specialists"]

    ledger = await client.get(
        f"/api/v1/specialists/{record['id']}/release-days",
        params={"academic_year": this_year},
        headers=me_headers,
    )
    assert ledger.status_code == 200, ledger.text
    entries = ledger.json()["entries"]
    originals = [e for e in entries if e["reverses_id"] is None]
    assert Counter(e["status"] for e in originals) == {"claimed": 2, "approved": 1, "paid": 1}
    assert sum(1 for e in originals if e["reversed_by_id"]) == 1  # and one reversed
    assert all(e["recorded_by_id"] == me["id"] for e in entries)
    settled = [e for e in originals if e["status"] != "claimed"]
    assert all(e["approved_by_id"] == lead["id"] for e in settled)
    (paid,) = [e for e in originals if e["status"] == "paid"]
    assert paid["paid_by_id"] == lead["id"]
    assert paid["payment_reference"] == DEMO_PAYMENT_REFERENCE
    assert paid["day_rate_pence"] == 35_000  # the north hub's rate for a school support visit
    assert ledger.json()["balance"]["paid_pence"] == 35_000

    rates = await client.get(
        "/api/v1/day-rates", params={"cohort_code": "primary-running"}, headers=lead_headers
    )
    assert [i["hub_rates_pence"] for i in rates.json()["items"]] == [DEMO_DAY_RATES_PENCE] * 3
    south = await signed_in(client, "lead@south.masteryhub.test", "hub-lead-demo")
    south_rates = await client.get(
        "/api/v1/day-rates", params={"cohort_code": "primary-running"}, headers=south
    )
    # The south hub has set none: its specialists' claims are refused with a link to set them.
    assert [i["effective_rates_pence"] for i in south_rates.json()["items"]] == [{}] * 3


async def test_the_demo_asks_its_schools_head_to_confirm_this_terms_release_days(
    app: FastAPI, client: AsyncClient
) -> None:
    assert await seed_demo(app) is True
    lead_headers = await signed_in(client, "lead@north.masteryhub.test", "hub-lead-demo")

    listed = await client.get("/api/v1/release-confirmations", headers=lead_headers)

    assert listed.status_code == 200, listed.text
    [request] = listed.json()["items"]
    assert request["state"] == "awaiting" and request["sent_to"] == DEMO_HEAD[1]
    # The demo ledger's release days this year so far (the reversed one and its reversal are
    # not asked about).
    assert request["lines"] == 3
    contact = await client.get(
        f"/api/v1/schools/{request['school_id']}/head-contact", headers=lead_headers
    )
    assert contact.json()["source"] == "hub"
