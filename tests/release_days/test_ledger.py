"""The release-day ledger over HTTP: amounts, the cap, years, reversals, approval, payment,
who may do what, and hub isolation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.cohort import Cohort, DeliveryMode
from masteryhub.models.hub import Hub
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.release_days.schemas import SpecialistLedger
from tests.factories import Caller, Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData


@dataclass
class Setting:
    hub: Hub
    lead: Caller
    staff: Caller
    cohort: Cohort
    school: School
    specialist: Specialist
    me: Caller  # the specialist's own login

    @property
    def url(self) -> str:
        return f"/api/v1/specialists/{self.specialist.id}/release-days"


@pytest.fixture
async def setting(factory: Factory, delivery: DeliveryData) -> Setting:
    hub = await factory.hub()
    cohort = await delivery.cohort("2020/21")
    school = await delivery.school("Oakfield Primary", hub)
    me = await delivery.specialist_caller(hub)
    specialist = await delivery.specialist(hub, cohort, school, user=me)
    return Setting(
        hub=hub,
        lead=await factory.caller(Role.HUB_LEAD, hub),
        staff=await factory.caller(Role.HUB_STAFF, hub),
        cohort=cohort,
        school=school,
        specialist=specialist,
        me=me,
    )


def days(on: str, amount: float, activity: str = "school_trg", **extra: Any) -> dict[str, Any]:
    return {"date": on, "days": amount, "activity": activity, **extra}


async def claim(
    client: AsyncClient, s: Setting, body: dict[str, Any], who: Caller | None = None
) -> Response:
    return await client.post(s.url, json=body, headers=(who or s.staff).headers)


async def ledger(client: AsyncClient, s: Setting, year: str = "2020/21") -> dict[str, Any]:
    response = await client.get(s.url, params={"academic_year": year}, headers=s.staff.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    # Served as plain data serialised once: exactly what the declared model would send.
    assert SpecialistLedger.model_validate(body).model_dump(mode="json") == body
    return body


async def test_half_days_and_exact_pence(client: AsyncClient, setting: Setting) -> None:
    first = await claim(client, setting, days("2020-10-05", 1.5))
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["days"] == 1.5 and body["day_rate_pence"] == 20000
    assert body["amount_pence"] == 30000 and body["currency"] == "GBP"
    assert body["school"]["urn"] == setting.school.urn  # the specialist's school by default
    assert body["status"] == "claimed" and body["academic_year"] == "2020/21"
    assert first.headers["location"].endswith(f"/release-days/{body['id']}")
    assert (await claim(client, setting, days("2020-10-06", 0.5))).json()["amount_pence"] == 10000

    balance = (await ledger(client, setting))["balance"]
    assert balance == {
        "entitlement_days": 15,
        "claimed_days": 2,
        "approved_days": 0,
        "paid_days": 0,
        "remaining_days": 13,
        "claimed_pence": 40000,
        "approved_pence": 0,
        "paid_pence": 0,
        "owed_pence": 0,
        "currency": "GBP",
    }


async def test_days_must_come_in_half_day_steps(client: AsyncClient, setting: Setting) -> None:
    for bad in (0.25, 0, -1, 1.2):
        response = await claim(client, setting, days("2020-10-05", bad))
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == "days"
    missing = await claim(client, setting, {"date": "2020-10-05"})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"days", "activity"}


async def test_the_cap_names_the_remaining_balance(client: AsyncClient, setting: Setting) -> None:
    assert (await claim(client, setting, days("2020-11-02", 14.5))).status_code == 201

    over = await claim(client, setting, days("2020-11-03", 1))

    assert over.status_code == 409
    assert over.headers["content-type"] == "application/problem+json"
    problem = over.json()
    assert problem["code"] == "release_day_cap_exceeded"
    assert problem["remaining_days"] == 0.5 and problem["entitlement_days"] == 15
    assert "0.5" in problem["detail"]
    assert (await claim(client, setting, days("2020-11-03", 0.5))).status_code == 201
    full = await claim(client, setting, days("2020-11-04", 0.5))
    assert full.status_code == 409 and full.json()["remaining_days"] == 0
    assert (await ledger(client, setting))["balance"]["remaining_days"] == 0


async def test_31_august_and_1_september_fall_in_different_years(
    client: AsyncClient, setting: Setting
) -> None:
    august = await claim(client, setting, days("2021-08-31", 1, "work_group_session"))
    september = await claim(client, setting, days("2021-09-01", 1, "work_group_session"))

    # Year 1 pays the default £200; year 2 pays £350 for work group sessions.
    assert august.json()["academic_year"] == "2020/21"
    assert august.json()["amount_pence"] == 20000
    assert september.json()["academic_year"] == "2021/22"
    assert september.json()["amount_pence"] == 35000
    year_one, year_two = await ledger(client, setting), await ledger(client, setting, "2021/22")
    assert year_one["programme_year"] == 1 and year_two["programme_year"] == 2
    assert year_one["balance"]["entitlement_days"] == 15
    assert year_two["balance"]["entitlement_days"] == 33
    assert [e["date"] for e in year_one["entries"]] == ["2021-08-31"]
    assert [e["date"] for e in year_two["entries"]] == ["2021-09-01"]
    assert year_two["balance"]["remaining_days"] == 32

    before = await claim(client, setting, days("2020-08-31", 1))
    assert before.status_code == 422 and before.json()["errors"][0]["field"] == "date"
    beyond = await claim(client, setting, days("2023-09-01", 1))  # programme year 4: no rule
    assert beyond.status_code == 409 and beyond.json()["code"] == "year_rule_not_set"


async def test_day_rate_by_activity_and_its_absence(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort(
        rules={1: {"release_half_days": 30, "day_rates_pence": {"residential": 17550}}}
    )
    specialist = await delivery.specialist(hub, cohort, await delivery.school())
    url = f"/api/v1/specialists/{specialist.id}/release-days"

    rated = await client.post(
        url, json=days("2020-11-20", 2.5, "residential"), headers=staff.headers
    )
    assert rated.json()["amount_pence"] == 43875  # 2.5 × £175.50, exactly

    unrated = await client.post(url, json=days("2020-11-20", 1, "planning"), headers=staff.headers)
    assert unrated.status_code == 409
    assert unrated.json()["code"] == "day_rate_not_set"
    assert "set the day rate" in unrated.json()["detail"]


async def test_a_reversal_frees_the_days_once(client: AsyncClient, setting: Setting) -> None:
    entry = (await claim(client, setting, days("2020-12-01", 15))).json()
    assert (await claim(client, setting, days("2020-12-02", 1))).status_code == 409

    reversal = await client.post(
        f"{setting.url}/{entry['id']}/reversal",
        json={"reason": "Claimed against the wrong specialist"},
        headers=setting.staff.headers,
    )

    assert reversal.status_code == 201, reversal.text
    body = reversal.json()
    assert body["days"] == -15 and body["amount_pence"] == -300000
    assert body["reverses_id"] == entry["id"] and body["status"] == "claimed"
    assert (await ledger(client, setting))["balance"]["remaining_days"] == 15
    assert (await claim(client, setting, days("2020-12-02", 1))).status_code == 201
    again = await client.post(
        f"{setting.url}/{entry['id']}/reversal", json={"reason": "x"}, headers=setting.lead.headers
    )
    assert again.status_code == 409 and again.json()["code"] == "entry_already_reversed"
    of_reversal = await client.post(
        f"{setting.url}/{body['id']}/reversal", json={"reason": "x"}, headers=setting.lead.headers
    )
    assert of_reversal.status_code == 409 and of_reversal.json()["code"] == "invalid_transition"
    original = await client.get(f"{setting.url}/{entry['id']}", headers=setting.staff.headers)
    assert original.json()["reversed_by_id"] == body["id"]
    approve = await client.post(
        f"{setting.url}/{entry['id']}/approval", headers=setting.lead.headers
    )
    assert approve.status_code == 409 and approve.json()["code"] == "entry_already_reversed"


async def test_entries_cannot_be_edited_or_deleted(client: AsyncClient, setting: Setting) -> None:
    entry = (await claim(client, setting, days("2020-12-01", 1))).json()
    for method in ("PUT", "PATCH", "DELETE"):
        response = await client.request(
            method, f"{setting.url}/{entry['id']}", json={"days": 5}, headers=setting.lead.headers
        )
        assert response.status_code == 405, method
    assert (await ledger(client, setting))["balance"]["claimed_days"] == 1


async def test_approval_and_payment_are_audited_transitions(
    client: AsyncClient, setting: Setting, factory: Factory
) -> None:
    entry = (await claim(client, setting, days("2021-01-11", 2))).json()
    entry_url = f"{setting.url}/{entry['id']}"

    unapproved_payment = await client.post(f"{entry_url}/payment", headers=setting.lead.headers)
    assert unapproved_payment.status_code == 409
    assert unapproved_payment.json()["code"] == "invalid_transition"
    assert (
        await client.post(f"{entry_url}/approval", headers=setting.staff.headers)
    ).status_code == 403
    approved = await client.post(f"{entry_url}/approval", headers=setting.lead.headers)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_by_id"] == str(setting.lead.id)
    twice = await client.post(f"{entry_url}/approval", headers=setting.lead.headers)
    assert twice.status_code == 409
    assert (await ledger(client, setting))["balance"]["owed_pence"] == 40000

    stale = await client.post(
        f"{entry_url}/payment", headers={**setting.lead.headers, "If-Match": '"stale"'}
    )
    assert stale.status_code == 412
    paid = await client.post(
        f"{entry_url}/payment",
        json={"reference": "BACS-2021-0042"},
        headers={**setting.lead.headers, "If-Match": approved.headers["etag"]},
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["status"] == "paid" and paid.json()["payment_reference"] == "BACS-2021-0042"
    balance = (await ledger(client, setting))["balance"]
    assert balance["paid_pence"] == balance["approved_pence"] == 40000
    assert balance["owed_pence"] == 0 and balance["paid_days"] == 2

    async with factory.app.state.sessionmaker() as db:
        actions = (
            await db.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity_id == uuid.UUID(entry["id"]))
                .order_by(AuditEvent.created_at, AuditEvent.id)
            )
        ).all()
    assert actions == [
        "release_day_entry.claimed",
        "release_day_entry.approved",
        "release_day_entry.paid",
    ]


async def test_reversing_a_paid_entry_leaves_money_to_recover(
    client: AsyncClient, setting: Setting
) -> None:
    entry = (await claim(client, setting, days("2021-01-11", 1))).json()
    entry_url = f"{setting.url}/{entry['id']}"
    await client.post(f"{entry_url}/approval", headers=setting.lead.headers)
    await client.post(f"{entry_url}/payment", headers=setting.lead.headers)

    by_staff = await client.post(
        f"{entry_url}/reversal", json={"reason": "not worked"}, headers=setting.staff.headers
    )
    assert by_staff.status_code == 403
    reversal = await client.post(
        f"{entry_url}/reversal", json={"reason": "not worked"}, headers=setting.lead.headers
    )
    assert reversal.json()["status"] == "approved"
    balance = (await ledger(client, setting))["balance"]
    assert balance["claimed_days"] == 0 and balance["paid_pence"] == 20000
    assert balance["owed_pence"] == -20000  # the school has been paid for a day not worked

    recovered = await client.post(
        f"{setting.url}/{reversal.json()['id']}/payment", headers=setting.lead.headers
    )
    assert recovered.status_code == 200
    balance = (await ledger(client, setting))["balance"]
    assert balance["paid_pence"] == balance["owed_pence"] == balance["claimed_pence"] == 0


async def test_a_specialist_claims_only_for_themself_and_never_approves(
    client: AsyncClient, setting: Setting, factory: Factory, delivery: DeliveryData
) -> None:
    colleague = await delivery.specialist(setting.hub, setting.cohort, setting.school)

    own = await claim(client, setting, days("2020-10-05", 1), who=setting.me)
    assert own.status_code == 201
    assert own.json()["recorded_by_id"] == str(setting.me.id)
    for_other = await client.post(
        f"/api/v1/specialists/{colleague.id}/release-days",
        json=days("2020-10-05", 1),
        headers=setting.me.headers,
    )
    assert for_other.status_code == 403
    cannot_approve = await client.post(
        f"{setting.url}/{own.json()['id']}/approval", headers=setting.me.headers
    )
    assert cannot_approve.status_code == 403
    # Nor can they read a colleague's ledger.
    other_ledger = await client.get(
        f"/api/v1/specialists/{colleague.id}/release-days", headers=setting.me.headers
    )
    assert other_ledger.status_code == 404


async def test_a_hub_lead_who_is_a_specialist_cannot_approve_their_own_claim(
    client: AsyncClient, setting: Setting, delivery: DeliveryData
) -> None:
    lead_specialist = await delivery.specialist(
        setting.hub, setting.cohort, setting.school, user=setting.lead
    )
    url = f"/api/v1/specialists/{lead_specialist.id}/release-days"
    entry = await client.post(url, json=days("2020-10-05", 1), headers=setting.lead.headers)
    assert entry.status_code == 201

    own = await client.post(f"{url}/{entry.json()['id']}/approval", headers=setting.lead.headers)

    assert own.status_code == 403 and own.json()["code"] == "self_approval_forbidden"
    other_lead = await delivery.factory.caller(Role.HUB_LEAD, setting.hub)
    assert (
        await client.post(f"{url}/{entry.json()['id']}/approval", headers=other_lead.headers)
    ).status_code == 200


async def test_grants_and_travel_are_money_only(
    client: AsyncClient, setting: Setting, delivery: DeliveryData
) -> None:
    department = await delivery.school("Riverside Academy")
    grant = await claim(
        client,
        setting,
        {
            "kind": "grant",
            "date": "2021-10-01",
            "grant_code": "department_support",
            "school_id": str(department.id),
        },
    )
    assert grant.status_code == 201, grant.text
    assert grant.json()["amount_pence"] == 200000 and grant.json()["days"] == 0
    assert grant.json()["school"]["urn"] == department.urn
    unknown = await claim(
        client, setting, {"kind": "grant", "date": "2020-10-01", "grant_code": "x"}
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "grant_code"
    travel = await claim(
        client,
        setting,
        {"kind": "travel", "date": "2020-10-01", "amount_pence": 4530, "activity": "launch_event"},
    )
    assert travel.status_code == 201 and travel.json()["amount_pence"] == 4530
    mixed = await claim(
        client, setting, {"kind": "travel", "date": "2020-10-01", "amount_pence": 1, "days": 1}
    )
    assert mixed.status_code == 422 and mixed.json()["errors"][0]["field"] == "days"
    year_two = (await ledger(client, setting, "2021/22"))["balance"]
    assert year_two["claimed_days"] == 0 and year_two["claimed_pence"] == 200000
    assert (await ledger(client, setting))["balance"]["remaining_days"] == 15


async def test_evidence_must_be_the_specialists_own(
    client: AsyncClient, setting: Setting, factory: Factory, delivery: DeliveryData
) -> None:
    own_residential = await delivery.residential(setting.cohort, date(2020, 11, 19))
    other_cohort = await delivery.cohort()
    others_residential = await delivery.residential(other_cohort, date(2020, 11, 19))
    colleague = await delivery.specialist(setting.hub, setting.cohort, setting.school)
    meetings = [
        TrgMeeting(
            hub_id=setting.hub.id,
            kind=TrgMeetingKind.SCHOOL,
            lead_specialist_id=lead.id,
            held_on=date(2020, 10, 14),
            starts_at=time(15, 30),
            mode=DeliveryMode.IN_PERSON,
        )
        for lead in (setting.specialist, colleague)
    ]
    await factory.add(*meetings)

    def with_evidence(kind: str, evidence_id: uuid.UUID) -> dict[str, Any]:
        return days("2020-11-19", 1, "residential", evidence={"type": kind, "id": str(evidence_id)})

    ok = await claim(client, setting, with_evidence("residential", own_residential.id))
    assert ok.status_code == 201
    assert ok.json()["evidence"] == {"type": "residential", "id": str(own_residential.id)}
    assert (
        await claim(client, setting, with_evidence("trg_meeting", meetings[0].id))
    ).status_code == 201
    for kind, evidence_id in [
        ("residential", others_residential.id),
        ("trg_meeting", meetings[1].id),
        ("work_group_session", uuid.uuid4()),
    ]:
        refused = await claim(client, setting, with_evidence(kind, evidence_id))
        assert refused.status_code == 422, kind
        assert refused.json()["code"] == "evidence_not_found"
        assert refused.json()["errors"][0]["field"] == "evidence"
        assert refused.json()["errors"][0]["message"].startswith("That ")


async def test_idempotent_claims_replay(client: AsyncClient, setting: Setting) -> None:
    headers = {**setting.staff.headers, "Idempotency-Key": "claim-0001"}
    first = await client.post(setting.url, json=days("2020-10-05", 1), headers=headers)
    again = await client.post(setting.url, json=days("2020-10-05", 1), headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert (await ledger(client, setting))["balance"]["claimed_days"] == 1


async def test_another_hub_gets_404_everywhere(
    client: AsyncClient, setting: Setting, factory: Factory
) -> None:
    entry = (await claim(client, setting, days("2020-10-05", 1))).json()
    outsider = await factory.caller(Role.HUB_LEAD, await factory.hub())
    entry_url = f"{setting.url}/{entry['id']}"

    responses = [
        await client.get(setting.url, headers=outsider.headers),
        await client.post(setting.url, json=days("2020-10-06", 1), headers=outsider.headers),
        await client.get(entry_url, headers=outsider.headers),
        await client.post(f"{entry_url}/approval", headers=outsider.headers),
        await client.post(f"{entry_url}/payment", headers=outsider.headers),
        await client.post(f"{entry_url}/reversal", json={"reason": "x"}, headers=outsider.headers),
    ]
    assert [r.status_code for r in responses] == [404] * 6
    assert (await ledger(client, setting))["balance"]["claimed_days"] == 1


async def test_api_clients_read_ledgers_with_the_ledger_scope_only(
    client: AsyncClient, setting: Setting, factory: Factory
) -> None:
    await claim(client, setting, days("2020-10-05", 1))
    reader = await factory.api_client(setting.hub, ["ledger:read"])
    assert (
        await client.get(setting.url, params={"academic_year": "2020/21"}, headers=reader.headers)
    ).status_code == 200
    refused = await client.post(setting.url, json=days("2020-10-06", 1), headers=reader.headers)
    assert refused.status_code == 403


async def test_balance_queries_do_not_grow_with_entries(
    client: AsyncClient, setting: Setting
) -> None:
    async def queries() -> int:
        with count_queries(setting_app(client)) as statements:
            await ledger(client, setting)
        return len(statements)

    await claim(client, setting, days("2020-10-05", 0.5))
    few = await queries()
    for day in range(6, 16):
        await claim(client, setting, days(f"2020-10-{day:02d}", 0.5))
    assert await queries() == few


async def test_a_specialist_reads_their_ledger_in_as_many_statements_as_their_hub_staff(
    client: AsyncClient, setting: Setting
) -> None:
    """The caller's re-read brings a specialist's own record ids with it (kit.ownership), so
    their requests send no statement more than staff's."""
    await claim(client, setting, days("2020-10-05", 1))
    params = {"academic_year": "2020/21"}
    counted = {}
    for who in (setting.staff, setting.me):
        with count_queries(setting_app(client)) as statements:
            response = await client.get(setting.url, params=params, headers=who.headers)
        assert response.status_code == 200
        counted[who.headers["Authorization"]] = len(statements)
        body = response.json()
        assert body["balance"]["claimed_days"] == 1
    assert len(set(counted.values())) == 1


def setting_app(client: AsyncClient) -> Any:
    return client._transport.app  # type: ignore[attr-defined]


async def test_a_specialist_may_reverse_their_own_unapproved_claim_only(
    client: AsyncClient, setting: Setting, delivery: DeliveryData
) -> None:
    colleague = await delivery.specialist(setting.hub, setting.cohort, setting.school)
    colleague_url = f"/api/v1/specialists/{colleague.id}/release-days"
    theirs = await client.post(
        colleague_url, json=days("2020-10-05", 1), headers=setting.staff.headers
    )
    own = (await claim(client, setting, days("2020-10-05", 1), who=setting.me)).json()
    approved = (await claim(client, setting, days("2020-10-06", 1))).json()
    await client.post(f"{setting.url}/{approved['id']}/approval", headers=setting.lead.headers)

    def reverse(url: str) -> Any:
        return client.post(f"{url}/reversal", json={"reason": "typo"}, headers=setting.me.headers)

    assert (await reverse(f"{setting.url}/{own['id']}")).status_code == 201
    assert (await reverse(f"{setting.url}/{approved['id']}")).status_code == 403
    assert (await reverse(f"{colleague_url}/{theirs.json()['id']}")).status_code == 403
    assert (await ledger(client, setting))["balance"]["claimed_days"] == 1


async def test_a_national_admin_reads_any_hubs_ledger_and_report(
    client: AsyncClient, setting: Setting, factory: Factory
) -> None:
    await claim(client, setting, days("2020-10-05", 2))
    elsewhere = await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    ledger_read = await client.get(
        setting.url, params={"academic_year": "2020/21"}, headers=admin.headers
    )
    assert ledger_read.json()["balance"]["claimed_days"] == 2

    async def report_for(hub: Hub) -> dict[str, Any]:
        response = await client.get(
            "/api/v1/reports/release-days",
            params={"academic_year": "2020/21", "hub_id": str(hub.id)},
            headers=admin.headers,
        )
        assert response.status_code == 200
        body: dict[str, Any] = response.json()
        return body

    assert (await report_for(setting.hub))["totals"]["claimed_pence"] == 40000
    assert (await report_for(elsewhere))["totals"]["claimed_pence"] == 0
    assert (await report_for(elsewhere))["specialists"] == []
