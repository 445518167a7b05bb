"""Payment runs: built from approved, unpaid entries, reviewed per school, committed at once
with the run's reference, remitted as CSV, voided before sent — and two runs never share an
entry, even when built at the same moment (both databases)."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from httpx import AsyncClient

from masteryhub.models.hub import Hub
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.specialists.delivery_data import DeliveryData

RUNS = "/api/v1/payment-runs"


def _entry(
    hub: Hub,
    specialist: Specialist,
    school: School,
    amount_pence: int,
    *,
    status: EntryStatus = EntryStatus.APPROVED,
    worked_on: date = date(2020, 10, 5),
) -> ReleaseDayEntry:
    return ReleaseDayEntry(
        hub_id=hub.id,
        specialist_id=specialist.id,
        academic_year="2020/21",
        worked_on=worked_on,
        kind=EntryKind.RELEASE_DAYS,
        activity="school_trg",
        half_days=2,
        day_rate_pence=amount_pence,
        amount_pence=amount_pence,
        school_id=school.id,
        status=status,
        recorded_by_label="Hub staff",
        approved_at=datetime(2020, 10, 20, tzinfo=UTC)
        if status is not EntryStatus.CLAIMED
        else None,
    )


async def _hub_with_specialist(
    factory: Factory, delivery: DeliveryData
) -> tuple[Hub, Caller, Specialist, list[School]]:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    schools = [
        await delivery.school(name="Ashfield Primary", hub=hub),
        await delivery.school(name='=HYPERLINK("x") Academy', hub=hub),
    ]
    specialist = await delivery.specialist(hub, await delivery.cohort("2020/21"), schools[0])
    return hub, lead, specialist, schools


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


async def test_a_run_pays_every_approved_entry_and_totals_agree(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, lead, specialist, (ashfield, formula) = await _hub_with_specialist(factory, delivery)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    ledger = f"/api/v1/specialists/{specialist.id}/release-days"
    # Through the ordinary claim path: recorded by staff, approved by the lead.
    for day, school in ((5, ashfield), (6, ashfield), (7, formula)):
        claim = await client.post(
            ledger,
            json={
                "date": f"2020-10-{day:02d}",
                "days": 1.5,
                "activity": "school_trg",
                "school_id": str(school.id),
            },
            headers=staff.headers,
        )
        assert claim.status_code == 201, claim.text
        approved = await client.post(
            f"{ledger}/{claim.json()['id']}/approval", headers=lead.headers
        )
        assert approved.status_code == 200, approved.text
    # A claim not yet approved, and another hub's approved entry, stay out.
    await client.post(
        ledger,
        json={"date": "2020-10-08", "days": 1, "activity": "school_trg"},
        headers=staff.headers,
    )
    other_hub, _, other_specialist, other_schools = await _hub_with_specialist(factory, delivery)
    await factory.add(_entry(other_hub, other_specialist, other_schools[0], 99999))

    built = await client.post(RUNS, json={}, headers=lead.headers)

    assert built.status_code == 201, built.text
    run = built.json()
    assert run["status"] == "draft" and run["reference"].startswith("PR-")
    assert run["entry_count"] == 3 and run["school_count"] == 2
    assert run["total_pence"] == 3 * 30000  # 1.5 days at £200.00
    by_urn = {s["urn"]: s for s in run["schools"]}
    assert by_urn[ashfield.urn]["lines"] == 2 and by_urn[ashfield.urn]["total_pence"] == 60000
    assert by_urn[formula.urn]["total_pence"] == 30000
    assert sum(s["total_pence"] for s in run["schools"]) == run["total_pence"]

    # The entries are held by this run: paying one by hand is refused.
    entries = (
        await client.get(ledger, params={"academic_year": "2020/21"}, headers=lead.headers)
    ).json()["entries"]
    held = next(e for e in entries if e["status"] == "approved")
    by_hand = await client.post(f"{ledger}/{held['id']}/payment", headers=lead.headers)
    assert by_hand.status_code == 409

    committed = await client.post(f"{RUNS}/{run['id']}/commit", headers=lead.headers)

    assert committed.status_code == 200, committed.text
    assert committed.json()["status"] == "committed"
    entries = (
        await client.get(ledger, params={"academic_year": "2020/21"}, headers=lead.headers)
    ).json()["entries"]
    paid = [e for e in entries if e["status"] == "paid"]
    assert len(paid) == 3
    assert {e["payment_reference"] for e in paid} == {run["reference"]}
    assert sum(e["amount_pence"] for e in paid) == run["total_pence"]

    whole = await client.get(f"{RUNS}/{run['id']}/remittance", headers=lead.headers)
    assert whole.status_code == 200
    assert whole.headers["content-type"].startswith("text/csv")
    rows = _csv_rows(whole.text)
    assert rows[0][:3] == ["Payment reference", "School URN", "School"]
    assert rows[-1][0] == "Total" and rows[-1][9] == "900.00"
    assert len(rows) == 1 + 3 + 1
    assert {row[2] for row in rows[1:-1]} == {"Ashfield Primary", '\'=HYPERLINK("x") Academy'}
    one = await client.get(
        f"{RUNS}/{run['id']}/remittance",
        params={"school_id": str(ashfield.id)},
        headers=lead.headers,
    )
    assert _csv_rows(one.text)[-1][9] == "600.00"
    assert ashfield.urn in one.headers["content-disposition"]

    # Nothing is left to pay: another run is refused in words.
    again = await client.post(RUNS, json={}, headers=lead.headers)
    assert again.status_code == 409
    assert again.json()["code"] == "payment_run_empty"
    listed = (await client.get(RUNS, headers=lead.headers)).json()["items"]
    assert [r["reference"] for r in listed] == [run["reference"]]


async def test_filters_and_voiding_return_entries_to_approved(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, lead, specialist, (ashfield, other) = await _hub_with_specialist(factory, delivery)
    await factory.add(
        _entry(hub, specialist, ashfield, 20000, worked_on=date(2020, 10, 5)),
        _entry(hub, specialist, ashfield, 20000, worked_on=date(2020, 12, 5)),
        _entry(hub, specialist, other, 35000, worked_on=date(2020, 10, 6)),
    )

    narrow = await client.post(
        RUNS, json={"up_to": "2020-11-30", "school_id": str(ashfield.id)}, headers=lead.headers
    )
    assert narrow.status_code == 201, narrow.text
    assert narrow.json()["entry_count"] == 1 and narrow.json()["total_pence"] == 20000
    run_id = narrow.json()["id"]
    committed = await client.post(f"{RUNS}/{run_id}/commit", headers=lead.headers)
    assert committed.status_code == 200

    voided = await client.post(
        f"{RUNS}/{run_id}/void", json={"reason": "Wrong month"}, headers=lead.headers
    )

    assert voided.status_code == 200, voided.text
    assert voided.json()["status"] == "voided"
    ledger = (
        await client.get(
            f"/api/v1/specialists/{specialist.id}/release-days",
            params={"academic_year": "2020/21"},
            headers=lead.headers,
        )
    ).json()
    assert {e["status"] for e in ledger["entries"]} == {"approved"}
    assert {e["payment_reference"] for e in ledger["entries"]} == {None}
    # All three are payable again, and a sent run can no longer be voided.
    rebuilt = await client.post(RUNS, json={}, headers=lead.headers)
    assert rebuilt.json()["entry_count"] == 3 and rebuilt.json()["total_pence"] == 75000
    rebuilt_id = rebuilt.json()["id"]
    assert (await client.post(f"{RUNS}/{rebuilt_id}/sent", headers=lead.headers)).status_code == 409
    await client.post(f"{RUNS}/{rebuilt_id}/commit", headers=lead.headers)
    sent = await client.post(f"{RUNS}/{rebuilt_id}/sent", headers=lead.headers)
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    late = await client.post(
        f"{RUNS}/{rebuilt_id}/void", json={"reason": "x"}, headers=lead.headers
    )
    assert late.status_code == 409
    assert "sent" in late.json()["detail"]


async def test_voiding_needs_a_reason_in_words(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, lead, specialist, (school, _) = await _hub_with_specialist(factory, delivery)
    await factory.add(_entry(hub, specialist, school, 20000))
    run_id = (await client.post(RUNS, json={}, headers=lead.headers)).json()["id"]

    refusals = {}
    for reason in ("", "   ", "x" * 2001):
        refused = await client.post(
            f"{RUNS}/{run_id}/void", json={"reason": reason}, headers=lead.headers
        )
        assert refused.status_code == 422, refused.text
        refusals[len(reason)] = refused.json()["errors"]

    # Spaces alone are no reason; every refusal is a sentence beside the field.
    assert refusals[0] == [{"field": "reason", "message": "Say why the run is being voided."}]
    assert refusals[3] == refusals[0]
    assert refusals[2001] == [
        {"field": "reason", "message": "Enter no more than 2,000 characters."}
    ]
    run = (await client.get(f"{RUNS}/{run_id}", headers=lead.headers)).json()
    assert run["status"] == "draft"
    voided = await client.post(
        f"{RUNS}/{run_id}/void", json={"reason": "  Wrong month  "}, headers=lead.headers
    )
    assert voided.json()["void_reason"] == "Wrong month"


async def test_a_run_that_recovers_more_than_it_pays_needs_agreement(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, lead, specialist, (school, _) = await _hub_with_specialist(factory, delivery)
    paid = _entry(hub, specialist, school, 200000, status=EntryStatus.PAID)
    await factory.add(paid)
    recovery = _entry(hub, specialist, school, -200000)
    recovery.reverses_id = paid.id
    await factory.add(recovery)

    run = (await client.post(RUNS, json={}, headers=lead.headers)).json()
    assert run["total_pence"] == -200000
    assert run["warnings"] and "£2,000.00" in run["warnings"][0]

    refused = await client.post(f"{RUNS}/{run['id']}/commit", headers=lead.headers)
    assert refused.status_code == 409 and refused.json()["code"] == "payment_run_negative"
    assert refused.json()["errors"][0]["field"] == "allow_negative_total"
    agreed = await client.post(
        f"{RUNS}/{run['id']}/commit", json={"allow_negative_total": True}, headers=lead.headers
    )
    assert agreed.status_code == 200


@pytest.mark.real_commits  # four requests at once: each needs its own connection and commit
async def test_two_concurrent_runs_never_share_an_entry(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, lead, specialist, schools = await _hub_with_specialist(factory, delivery)
    other_lead = await factory.caller(Role.HUB_LEAD, hub)
    entries = [_entry(hub, specialist, schools[n % 2], 10000 + n) for n in range(40)]
    await factory.add(*entries)

    async def build(who: Caller) -> Any:
        return await client.post(RUNS, json={}, headers=who.headers)

    results = await asyncio.gather(*(build(who) for who in (lead, other_lead, lead, other_lead)))

    built = [r.json() for r in results if r.status_code == 201]
    assert built, [r.text for r in results]
    assert {r.json()["code"] for r in results if r.status_code != 201} <= {"payment_run_empty"}
    held: list[set[str]] = []
    for run in built:
        rows = _csv_rows(
            (await client.get(f"{RUNS}/{run['id']}/remittance", headers=lead.headers)).text
        )[1:-1]
        held.append({row[10] for row in rows})
        assert len(rows) == run["entry_count"]
    every = [entry for run_entries in held for entry in run_entries]
    assert len(every) == len(set(every)) == 40
    assert sum(run["total_pence"] for run in built) == sum(e.amount_pence for e in entries)
