"""The hub's release-day report: per specialist, per funded school, totals; JSON and CSV agree
with each other and with the ledger entries to the penny."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from httpx import AsyncClient
from tests.factories import Caller, Factory
from tests.queries import count_queries, through_sqlalchemy
from tests.specialists.delivery_data import DeliveryData

from masteryhub.contract import generate
from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from masteryhub.reports.schemas import ReleaseDayReport

REPORT = "/api/v1/reports/release-days"
YEAR = {"academic_year": "2020/21"}
PENCE = ("claimed_pence", "approved_pence", "paid_pence", "owed_pence")
DAYS = ("claimed_days", "approved_days", "paid_days")


@pytest.fixture
def delivery(factory: Factory) -> DeliveryData:
    return DeliveryData(factory)


async def _post(client: AsyncClient, url: str, who: Caller, body: Any = None) -> dict[str, Any]:
    response = await client.post(url, json=body, headers=who.headers)
    assert response.status_code in (200, 201), response.text
    result: dict[str, Any] = response.json()
    return result


async def _arrange(
    client: AsyncClient, factory: Factory, delivery: DeliveryData, hub: Hub
) -> tuple[Caller, list[str]]:
    """Three specialists' year: claims, approvals, payments, a reversal, a grant, travel."""
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)  # records; the lead approves (four eyes)
    cohort = await delivery.cohort("2020/21")
    later_cohort = await delivery.cohort("2021/22")  # not yet in the programme in 2020/21
    oak, elm = await delivery.school("Oakfield Primary"), await delivery.school("=Elm Academy")
    amira = await delivery.specialist(hub, cohort, oak, first_name="Amira", last_name="Ahmed")
    ben = await delivery.specialist(hub, cohort, elm, first_name="Ben", last_name="Brown")
    await delivery.specialist(hub, later_cohort, oak, first_name="Cy", last_name="Clark")
    await delivery.specialist(hub, cohort, None, first_name="Dee", last_name="Dunn")

    def ledger(specialist_id: object) -> str:
        return f"/api/v1/specialists/{specialist_id}/release-days"

    a1 = await _post(
        client,
        ledger(amira.id),
        staff,
        {"date": "2020-10-01", "days": 1.5, "activity": "school_trg"},
    )
    a2 = await _post(
        client,
        ledger(amira.id),
        staff,
        {"date": "2020-11-19", "days": 2, "activity": "residential"},
    )
    await _post(
        client, ledger(amira.id), staff, {"date": "2021-08-31", "days": 0.5, "activity": "planning"}
    )
    await _post(
        client, ledger(amira.id), staff, {"date": "2021-09-01", "days": 3, "activity": "planning"}
    )
    await _post(client, f"{ledger(amira.id)}/{a1['id']}/approval", lead)
    await _post(client, f"{ledger(amira.id)}/{a2['id']}/approval", lead)
    await _post(client, f"{ledger(amira.id)}/{a2['id']}/payment", lead, {"reference": "P1"})
    b1 = await _post(
        client,
        ledger(ben.id),
        staff,
        {"date": "2020-10-02", "days": 4, "activity": "pilot_trg", "school_id": str(oak.id)},
    )
    await _post(client, f"{ledger(ben.id)}/{b1['id']}/reversal", lead, {"reason": "wrong school"})
    b2 = await _post(
        client, ledger(ben.id), staff, {"date": "2020-10-02", "days": 4, "activity": "pilot_trg"}
    )
    await _post(client, f"{ledger(ben.id)}/{b2['id']}/approval", lead)
    await _post(
        client,
        ledger(ben.id),
        staff,
        {"kind": "travel", "date": "2020-09-20", "amount_pence": 1234, "activity": "launch_event"},
    )
    return lead, [ledger(amira.id), ledger(ben.id)]


def _sum(items: list[dict[str, Any]], field: str) -> Any:
    return sum(item[field] for item in items)


async def test_report_reconciles_with_the_entries_in_json_and_csv(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead, ledgers = await _arrange(client, factory, delivery, hub)
    # Another hub's ledger must not leak into this hub's report.
    other_lead, _ = await _arrange(client, factory, delivery, await factory.hub())

    response = await client.get(REPORT, params=YEAR, headers=lead.headers)
    assert response.status_code == 200, response.text
    report = response.json()
    # Served as plain data serialised once: exactly what the declared model would send.
    assert ReleaseDayReport.model_validate(report).model_dump(mode="json") == report

    entries = []
    for url in ledgers:
        entries += (await client.get(url, params=YEAR, headers=lead.headers)).json()["entries"]
    totals = report["totals"]
    assert totals["claimed_pence"] == sum(e["amount_pence"] for e in entries) == 161234
    assert totals["claimed_days"] == sum(e["days"] for e in entries) == 8
    assert totals["approved_pence"] == 150000 and totals["paid_pence"] == 40000
    assert totals["owed_pence"] == 110000  # approved, not yet paid
    assert totals["entitlement_days"] == 45 and totals["remaining_days"] == 37
    for field in (*PENCE, *DAYS):
        assert _sum(report["specialists"], field) == totals[field], field
        assert _sum(report["schools"], field) == totals[field], field

    lines = {line["last_name"]: line for line in report["specialists"]}
    assert list(lines) == ["Ahmed", "Brown", "Dunn"]  # Clark starts in 2021/22
    assert lines["Ahmed"]["claimed_days"] == 4 and lines["Ahmed"]["remaining_days"] == 11
    assert lines["Ahmed"]["owed_pence"] == 30000 and lines["Ahmed"]["programme_year"] == 1
    assert lines["Brown"]["claimed_pence"] == 81234 and lines["Dunn"]["claimed_pence"] == 0
    schools = {line["name"]: line for line in report["schools"]}
    assert schools["Oakfield Primary"]["claimed_pence"] == 80000  # Ben's reversed claim nets out
    assert schools["=Elm Academy"]["owed_pence"] == 80000

    as_csv = await client.get(REPORT, params=YEAR, headers={**lead.headers, "Accept": "text/csv"})
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    by_line: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_line.setdefault(row["line"], []).append(row)
    assert len(by_line["specialist"]) == 3 and len(by_line["school"]) == 2
    (total_row,) = by_line["total"]
    for field in PENCE:
        assert int(total_row[field]) == totals[field]
        assert sum(int(r[field]) for r in by_line["specialist"]) == totals[field]
        assert sum(int(r[field]) for r in by_line["school"]) == totals[field]
    assert total_row["claimed_days"] == "8" and total_row["entitlement_days"] == "45"
    assert {r["school_name"] for r in by_line["school"]} == {"Oakfield Primary", "'=Elm Academy"}

    other = (await client.get(REPORT, params=YEAR, headers=other_lead.headers)).json()
    assert other["totals"] == totals  # the same arrangement, counted only once each
    assert not {line["specialist_id"] for line in other["specialists"]} & set(lines_ids(report))


def lines_ids(report: dict[str, Any]) -> list[str]:
    return [line["specialist_id"] for line in report["specialists"]]


async def test_report_queries_do_not_grow_with_entries(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead, ledgers = await _arrange(client, factory, delivery, hub)

    async def queries() -> int:
        with count_queries(factory.app) as statements:
            assert (await client.get(REPORT, params=YEAR, headers=lead.headers)).status_code == 200
        return len(statements)

    few = await queries()
    for day in range(1, 9):
        await _post(
            client,
            ledgers[1],
            lead,
            {"date": f"2021-03-{day:02d}", "days": 1, "activity": "planning"},
        )
    more_specialists = await delivery.cohort("2020/21")
    for _ in range(3):
        await delivery.specialist(hub, more_specialists, await delivery.school())
    assert await queries() == few


async def test_who_may_read_the_report(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    specialist_user = await factory.caller(Role.SPECIALIST, hub)
    finance_tool = await factory.api_client(hub, ["ledger:read"])
    other_tool = await factory.api_client(hub, ["specialists:read"])

    assert (await client.get(REPORT, headers=specialist_user.headers)).status_code == 403
    assert (await client.get(REPORT, headers=other_tool.headers)).status_code == 403
    empty = await client.get(REPORT, params=YEAR, headers=finance_tool.headers)
    assert empty.status_code == 200
    assert empty.json()["totals"]["claimed_pence"] == 0 and empty.json()["specialists"] == []


def test_the_contract_declares_json_and_csv() -> None:
    operation = generate()["paths"][REPORT]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}


@pytest.mark.real_commits  # GETs read in autocommit, as deployed
async def test_the_report_and_ledgers_read_straight_from_the_driver_answer_as_sqlalchemy(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    """On PostgreSQL a GET's prepared reads go straight to asyncpg (kit.prepared): the report,
    its CSV and each ledger are the same, byte for byte, as through SQLAlchemy's execution."""
    app = factory.app
    if app.state.engine.dialect.name != "postgresql":
        pytest.skip("Reads go straight to the driver on PostgreSQL (asyncpg) only.")
    lead, ledgers = await _arrange(client, factory, delivery, await factory.hub())
    reads = [(REPORT, "application/json"), (REPORT, "text/csv")]
    reads += [(ledger, "application/json") for ledger in ledgers]

    async def read() -> list[bytes]:
        answers = [
            await client.get(url, params=YEAR, headers={**lead.headers, "Accept": accept})
            for url, accept in reads
        ]
        assert all(answer.status_code == 200 for answer in answers), answers
        return [answer.content for answer in answers]

    direct = await read()
    with through_sqlalchemy(app):
        assert await read() == direct
