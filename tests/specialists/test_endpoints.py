"""Specialists over HTTP: hub-scoped lists and detail, programme years, the PATCH rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.specialist import AccreditationStatus, SpecialistStatus
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData

URL = "/api/v1/specialists"


async def test_list_is_hub_scoped_and_filterable(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, other_hub = await factory.hub(), await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort6, cohort7 = await delivery.cohort(code="primary-6"), await delivery.cohort("2021/22")
    school = await delivery.school("Oakfield Primary")
    amira = await delivery.specialist(hub, cohort6, school, first_name="Amira", last_name="Khan")
    ben = await delivery.specialist(
        hub, cohort7, first_name="Ben", last_name="Okafor", status=SpecialistStatus.WITHDRAWN
    )
    await delivery.specialist(other_hub, cohort6, school, first_name="Cara", last_name="Hidden")

    async def ids(**params: str) -> list[str]:
        response = await client.get(URL, params=params, headers=staff.headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids() == [str(amira.id), str(ben.id)]  # by last name; never the other hub's
    assert await ids(cohort_code="primary-6") == [str(amira.id)]
    assert await ids(status="withdrawn") == [str(ben.id)]
    assert await ids(school_urn=school.urn) == [str(amira.id)]
    assert await ids(q="okaf") == [str(ben.id)]
    assert await ids(q="Amira Khan") == [str(amira.id)]
    first = await client.get(URL, params={"limit": 1}, headers=staff.headers)
    assert first.json()["next_cursor"] and 'rel="next"' in first.headers["link"]
    second = await client.get(
        URL, params={"limit": 1, "cursor": first.json()["next_cursor"]}, headers=staff.headers
    )
    assert [i["id"] for i in second.json()["items"]] == [str(ben.id)]


async def test_list_sorts_by_name_or_appointment_either_way_across_pages(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort(code="primary-6")
    for first, last, appointed in [
        ("Cara", "Brown", date(2020, 9, 1)),
        ("Amira", "Khan", date(2020, 7, 1)),
        ("Ben", "Adams", date(2021, 1, 4)),
    ]:
        await delivery.specialist(
            hub, cohort, first_name=first, last_name=last, appointed_on=appointed
        )

    async def walk(sort: str) -> list[str]:
        names: list[str] = []
        params = {"limit": "2", "sort": sort}
        while True:
            response = await client.get(URL, params=params, headers=staff.headers)
            assert response.status_code == 200, response.text
            names += [item["last_name"] for item in response.json()["items"]]
            if not response.json()["next_cursor"]:
                return names
            params["cursor"] = response.json()["next_cursor"]

    assert await walk("name") == ["Adams", "Brown", "Khan"]
    assert await walk("-name") == ["Khan", "Brown", "Adams"]
    assert await walk("appointed") == ["Khan", "Brown", "Adams"]  # a date in the cursor
    assert await walk("-appointed") == ["Adams", "Brown", "Khan"]


async def test_list_queries_do_not_grow_with_rows(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort()

    async def queries() -> int:
        with count_queries(factory.app) as statements:
            assert (await client.get(URL, headers=staff.headers)).status_code == 200
        return len(statements)

    await delivery.specialist(hub, cohort, await delivery.school())
    few = await queries()
    for _ in range(6):
        await delivery.specialist(hub, cohort, await delivery.school())
    assert await queries() == few


async def test_detail_gives_the_programme_year_for_any_academic_year(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    school = await delivery.school()
    specialist = await delivery.specialist(hub, await delivery.cohort("2020/21"), school)

    async def year(academic_year: str) -> int | None:
        response = await client.get(
            f"{URL}/{specialist.id}",
            params={"academic_year": academic_year},
            headers=staff.headers,
        )
        assert response.status_code == 200
        assert response.json()["academic_year"] == academic_year
        return response.json()["programme_year"]

    assert await year("2019/20") is None
    assert await year("2020/21") == 1
    assert await year("2022/23") == 3
    body = (await client.get(f"{URL}/{specialist.id}", headers=staff.headers)).json()
    assert body["school"]["urn"] == school.urn
    assert body["cohort"]["development_year"] == "2020/21"
    assert body["accreditation"] == {
        "status": "not_started",
        "started_on": None,
        "accredited_on": None,
    }
    bad = await client.get(
        f"{URL}/{specialist.id}", params={"academic_year": "2020/22"}, headers=staff.headers
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "academic_year"


async def test_a_specialist_sees_only_their_own_record(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    cohort = await delivery.cohort()
    me = await delivery.specialist_caller(hub)
    mine = await delivery.specialist(hub, cohort, user=me)
    theirs = await delivery.specialist(hub, cohort)

    listed = await client.get(URL, headers=me.headers)
    assert [i["id"] for i in listed.json()["items"]] == [str(mine.id)]
    assert (await client.get(f"{URL}/{mine.id}", headers=me.headers)).status_code == 200
    assert (await client.get(f"{URL}/{theirs.id}", headers=me.headers)).status_code == 404
    patched = await client.patch(
        f"{URL}/{mine.id}", json={"status": "completed"}, headers=me.headers
    )
    assert patched.status_code == 403


async def test_api_clients_need_the_specialists_scope(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    specialist = await delivery.specialist(hub, await delivery.cohort())
    reader = await factory.api_client(hub, ["specialists:read"])
    other = await factory.api_client(hub, ["applications:read"])

    listed = await client.get(URL, headers=reader.headers)
    assert [i["id"] for i in listed.json()["items"]] == [str(specialist.id)]
    refused = await client.get(URL, headers=other.headers)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


async def test_hub_lead_withdraws_and_accredits_with_if_match_and_audit(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await delivery.specialist(hub, await delivery.cohort())
    url = f"{URL}/{specialist.id}"
    etag = (await client.get(url, headers=lead.headers)).headers["etag"]

    assert (
        await client.patch(url, json={"status": "withdrawn"}, headers=staff.headers)
    ).status_code == 403
    withdrawn = await client.patch(
        url, json={"status": "withdrawn"}, headers={**lead.headers, "If-Match": etag}
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.headers["etag"] != etag
    stale = await client.patch(
        url, json={"status": "active"}, headers={**lead.headers, "If-Match": etag}
    )
    assert stale.status_code == 412 and stale.json()["code"] == "precondition_failed"
    to_completed = await client.patch(url, json={"status": "completed"}, headers=lead.headers)
    assert to_completed.status_code == 409 and to_completed.json()["code"] == "invalid_transition"

    no_date = await client.patch(
        url, json={"accreditation": {"status": "accredited"}}, headers=lead.headers
    )
    assert no_date.status_code == 422
    assert no_date.json()["errors"][0]["field"] == "accreditation.accredited_on"
    training = await client.patch(
        url,
        json={"accreditation": {"status": "in_training", "started_on": "2021-09-10"}},
        headers=lead.headers,
    )
    assert training.json()["accreditation"]["status"] == "in_training"
    accredited = await client.patch(
        url,
        json={"accreditation": {"status": "accredited", "accredited_on": "2022-06-30"}},
        headers=lead.headers,
    )
    assert accredited.status_code == 200
    assert accredited.json()["accreditation"] == {
        "status": AccreditationStatus.ACCREDITED.value,
        "started_on": "2021-09-10",
        "accredited_on": str(date(2022, 6, 30)),
    }

    async with factory.app.state.sessionmaker() as db:
        events = (
            await db.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_id == specialist.id)
                .order_by(AuditEvent.created_at, AuditEvent.id)
            )
        ).all()
    assert [e.action for e in events] == ["specialist.updated"] * 3
    assert events[0].before == {"status": "active"} and events[0].after == {"status": "withdrawn"}
    assert events[0].actor_id == lead.id and events[0].hub_id == hub.id


async def test_another_hubs_specialist_is_not_found(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub_a, hub_b = await factory.hub(), await factory.hub()
    lead_b = await factory.caller(Role.HUB_LEAD, hub_b)
    specialist = await delivery.specialist(hub_a, await delivery.cohort())

    assert (await client.get(f"{URL}/{specialist.id}", headers=lead_b.headers)).status_code == 404
    patched = await client.patch(
        f"{URL}/{specialist.id}", json={"status": "withdrawn"}, headers=lead_b.headers
    )
    assert patched.status_code == 404


async def test_updated_after_syncs_only_changed_specialists(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    cohort = await delivery.cohort()
    changed = await delivery.specialist(hub, cohort)
    await delivery.specialist(hub, cohort)
    since = datetime.now(UTC)
    await client.patch(f"{URL}/{changed.id}", json={"status": "withdrawn"}, headers=lead.headers)

    synced = await client.get(
        URL, params={"updated_after": since.isoformat()}, headers=lead.headers
    )

    assert [item["id"] for item in synced.json()["items"]] == [str(changed.id)]


async def test_hub_lead_links_a_sign_in_that_then_acts_as_the_specialist(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, other_hub = await factory.hub(), await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    specialist = await delivery.specialist(hub, await delivery.cohort())
    account = await delivery.specialist_caller(hub)
    staff_user = await factory.user(Role.HUB_STAFF, hub)
    elsewhere = await delivery.specialist_caller(other_hub)
    url = f"{URL}/{specialist.id}"

    # Before the link the account sees no specialist record.
    assert (await client.get(url, headers=account.headers)).status_code == 404
    not_specialist = await client.patch(
        url, json={"user_id": str(staff_user.id)}, headers=lead.headers
    )
    assert not_specialist.status_code == 422
    assert not_specialist.json()["errors"][0]["field"] == "user_id"
    # Another hub's user is unknown to the hub lead and refused even to a national admin.
    for caller in (lead, admin):
        cross = await client.patch(url, json={"user_id": str(elsewhere.id)}, headers=caller.headers)
        assert cross.status_code == 422, cross.text
        assert cross.json()["errors"][0]["message"] == "No such user in the specialist's hub."
    by_account = await client.patch(url, json={"user_id": str(account.id)}, headers=account.headers)
    assert by_account.status_code == 403

    linked = await client.patch(url, json={"user_id": str(account.id)}, headers=lead.headers)
    assert linked.status_code == 200, linked.text
    assert linked.json()["user_id"] == str(account.id)
    assert linked.json()["status"] == "active"  # nothing else changed
    assert (await client.get(url, headers=account.headers)).status_code == 200

    unlinked = await client.patch(url, json={"user_id": None}, headers=lead.headers)
    assert unlinked.json()["user_id"] is None
    assert (await client.get(url, headers=account.headers)).status_code == 404
    async with factory.app.state.sessionmaker() as db:
        actions = (
            await db.scalars(
                select(AuditEvent.after)
                .where(AuditEvent.entity_id == specialist.id)
                .order_by(AuditEvent.created_at, AuditEvent.id)
            )
        ).all()
    assert actions == [{"user_id": str(account.id)}, {"user_id": None}]
