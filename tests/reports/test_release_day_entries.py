"""The per-entry finance export: one line per ledger entry, totals that reconcile to the penny
with the release-day report, a CSV a finance officer can load (pounds, no formulas)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from tests.factories import Caller, Factory
from tests.queries import count_queries
from tests.reports.test_release_days import _arrange, _post
from tests.specialists.delivery_data import DeliveryData

from masteryhub.models.user import Role

EXPORT = "/api/v1/reports/release-days/entries"
REPORT = "/api/v1/reports/release-days"
YEAR = {"academic_year": "2020/21"}
CSV_ACCEPT = {"Accept": "text/csv"}


@pytest.fixture
def delivery(factory: Factory) -> DeliveryData:
    return DeliveryData(factory)


async def _json(client: AsyncClient, who: Caller, **params: Any) -> dict[str, Any]:
    response = await client.get(EXPORT, params={**YEAR, **params}, headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _rows(client: AsyncClient, who: Caller, **params: Any) -> list[dict[str, str]]:
    response = await client.get(
        EXPORT, params={**YEAR, **params}, headers={**who.headers, **CSV_ACCEPT}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def _pence(pounds: str) -> int:
    return int(Decimal(pounds) * 100)


async def test_the_export_reconciles_with_the_report_to_the_penny(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    lead, _ = await _arrange(client, factory, delivery, await factory.hub())
    await _arrange(client, factory, delivery, await factory.hub())  # another hub's, not counted
    report = (await client.get(REPORT, params=YEAR, headers=lead.headers)).json()["totals"]

    everything = await _json(client, lead, limit=200)
    assert everything["totals"] == {
        "days": report["claimed_days"],
        "amount_pence": report["claimed_pence"],
    }
    assert sum(i["amount_pence"] for i in everything["items"]) == report["claimed_pence"]
    assert len(everything["items"]) == 7 and everything["next_cursor"] is None
    paid = await _json(client, lead, status="paid")
    assert paid["totals"]["amount_pence"] == report["paid_pence"] == 40000
    approved = await _json(client, lead, status="approved")
    assert approved["totals"]["amount_pence"] == report["owed_pence"]
    assert (
        approved["totals"]["amount_pence"] + paid["totals"]["amount_pence"]
        == report["approved_pence"]
    )

    rows = await _rows(client, lead)
    assert len(rows) == len(everything["items"])  # one row per entry, no total row
    assert sum(_pence(r["Amount (£)"]) for r in rows) == report["claimed_pence"]
    assert sum(Decimal(r["Days"]) for r in rows) == Decimal(str(report["claimed_days"]))
    paid_rows = [r for r in rows if r["Status"] == "Paid"]
    assert sum(_pence(r["Amount (£)"]) for r in paid_rows) == report["paid_pence"]


async def test_a_line_says_what_finance_needs(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    lead, _ = await _arrange(client, factory, delivery, await factory.hub())
    items = (await _json(client, lead))["items"]
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)

    paid = next(i for i in items if i["status"] == "paid")
    assert paid["activity"] == "residential" and paid["activity_label"] == "Residential"
    assert paid["days"] == 2 and paid["day_rate_pence"] == 20000 and paid["amount_pence"] == 40000
    assert paid["payment_reference"] == "P1" and paid["paid_at"] and paid["approved_at"]
    assert paid["specialist_name"] == "Amira Ahmed" and paid["school_name"] == "Oakfield Primary"
    assert paid["approved_by_label"].startswith("Test User")  # the lead's name
    reversal = next(i for i in items if i["reverses_id"] is not None)
    assert reversal["amount_pence"] == -80000 and reversal["days"] == -4
    travel = next(i for i in items if i["kind"] == "travel")
    assert travel["activity_label"] == "Travel: Launch event" and travel["days"] == 0


async def test_the_csv_neutralises_formulas_and_keeps_numbers_numeric(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort("2020/21")
    school = await delivery.school('=HYPERLINK("http://x")', hub)
    specialist = await delivery.specialist(
        hub, cohort, school, first_name="+Sam", last_name="@Jones"
    )
    url = f"/api/v1/specialists/{specialist.id}/release-days"
    entry = await _post(
        client, url, staff, {"date": "2020-10-05", "days": 1.5, "activity": "work_group_session"}
    )
    await _post(client, f"{url}/{entry['id']}/reversal", lead, {"reason": "Wrong day"})
    approved = await _post(
        client, url, staff, {"date": "2020-10-06", "days": 1, "activity": "school_trg"}
    )
    await _post(client, f"{url}/{approved['id']}/approval", lead)
    await _post(client, f"{url}/{approved['id']}/payment", lead, {"reference": "-1+1"})

    response = await client.get(EXPORT, params=YEAR, headers={**lead.headers, **CSV_ACCEPT})

    assert response.headers["content-disposition"] == (
        'attachment; filename="release-day-entries-2020-21.csv"'
    )
    lines = response.text.splitlines()
    assert lines[0].startswith("Date,Specialist,School URN,School,Local authority,")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 3
    for row in rows:
        assert row["School"] == '\'=HYPERLINK("http://x")'
        assert row["Specialist"] == "'+Sam @Jones"
    claimed, reversal, paid = rows
    assert claimed["Amount (£)"] == "300.00" and claimed["Day rate (£)"] == "200.00"
    assert reversal["Amount (£)"] == "-300.00" and reversal["Days"] == "-1.5"
    assert paid["Payment reference"] == "'-1+1" and paid["Status"] == "Paid"
    assert paid["Amount (£)"] == "200.00" and paid["Approved by"]
    assert "=HYPERLINK" not in response.text.replace("'=HYPERLINK", "")


async def test_pages_walk_every_entry_once_with_the_whole_filters_totals(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    lead, _ = await _arrange(client, factory, delivery, await factory.hub())
    whole = await _json(client, lead, limit=200)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {**YEAR, "limit": 3}
        if cursor:
            params["cursor"] = cursor
        response = await client.get(EXPORT, params=params, headers=lead.headers)
        page = response.json()
        assert page["totals"] == whole["totals"]
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            assert "link" not in response.headers
            break
        assert 'rel="next"' in response.headers["link"]
    assert seen == [i["id"] for i in whole["items"]]
    bad = await client.get(EXPORT, params={**YEAR, "cursor": "forged"}, headers=lead.headers)
    assert bad.status_code == 400


async def test_filters(client: AsyncClient, factory: Factory, delivery: DeliveryData) -> None:
    lead, _ = await _arrange(client, factory, delivery, await factory.hub())
    items = (await _json(client, lead))["items"]
    amira = next(i for i in items if i["specialist_name"] == "Amira Ahmed")["specialist_id"]

    mine = await _json(client, lead, specialist_id=amira)
    assert {i["specialist_name"] for i in mine["items"]} == {"Amira Ahmed"}
    assert mine["totals"]["amount_pence"] == sum(i["amount_pence"] for i in mine["items"])
    oak = next(i for i in items if i["school_name"] == "Oakfield Primary")["school_urn"]
    at_oak = await _json(client, lead, school_urn=oak)
    assert {i["school_name"] for i in at_oak["items"]} == {"Oakfield Primary"}
    october = await _json(client, lead, **{"from": "2020-10-01", "to": "2020-10-31"})
    assert {i["date"][:7] for i in october["items"]} == {"2020-10"}
    backwards = await client.get(
        EXPORT, params={**YEAR, "from": "2020-10-31", "to": "2020-10-01"}, headers=lead.headers
    )
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "to"
    next_year = await _json(client, lead, academic_year="2021/22")
    assert [i["date"] for i in next_year["items"]] == ["2021-09-01"]


async def test_who_may_export_and_national_admins_choose_the_hub(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    await _arrange(client, factory, delivery, hub)
    specialist = await factory.caller(Role.SPECIALIST, hub)
    finance_tool = await factory.api_client(hub, ["ledger:read"])
    other_tool = await factory.api_client(hub, ["specialists:read"])
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    assert (await client.get(EXPORT, headers=specialist.headers)).status_code == 403
    assert (await client.get(EXPORT, headers=other_tool.headers)).status_code == 403
    assert (await _json(client, finance_tool))["totals"]["amount_pence"] == 161234
    assert (await _json(client, admin, hub_id=str(hub.id)))["totals"]["amount_pence"] == 161234
    elsewhere = await _json(client, admin, hub_id=str((await factory.hub()).id))
    assert elsewhere["items"] == [] and elsewhere["totals"] == {"days": 0, "amount_pence": 0}


async def test_queries_do_not_grow_with_entries(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead, ledgers = await _arrange(client, factory, delivery, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)

    async def queries(**headers: str) -> int:
        with count_queries(factory.app) as statements:
            response = await client.get(
                EXPORT, params={**YEAR, "limit": 200}, headers={**lead.headers, **headers}
            )
            assert response.status_code == 200
        return len(statements)

    few_json, few_csv = await queries(), await queries(Accept="text/csv")
    for day in range(1, 6):
        entry = await _post(
            client,
            ledgers[1],
            staff,
            {"date": f"2021-03-{day:02d}", "days": 1, "activity": "planning"},
        )
        await _post(client, f"{ledgers[1]}/{entry['id']}/approval", lead)
    assert await queries() == few_json
    assert await queries(Accept="text/csv") == few_csv
