"""Where a school's headteacher email comes from: the hub's own contact (staff edit it, with
If-Match, audited), else the head named on the school's most recent appointed application."""

from __future__ import annotations

from datetime import UTC, datetime

from httpx import AsyncClient

from masteryhub.models.application import Application, ApplicationSource, ApplicationStatus
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.specialists.delivery_data import DeliveryData


def appointed(
    world_hub_id: object, cohort_id: object, school_id: object, n: int, **fields: object
) -> Application:
    return Application(
        reference=f"PT-{n:06d}",
        hub_id=world_hub_id,
        cohort_id=cohort_id,
        status=ApplicationStatus.APPOINTED,
        source=ApplicationSource.API,
        submitted_at=datetime(2020, 5, 1, tzinfo=UTC),
        school_id=school_id,
        applicant_first_name="Amira",
        applicant_last_name="Khan",
        applicant_email=f"applicant{n}@example.org",
        has_qts=True,
        statement="I teach maths.",
        consent_to_data_processing=True,
        **fields,
    )


async def test_the_contact_defaults_from_the_latest_appointed_application_then_the_hubs_own(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    other_hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    other = await factory.caller(Role.HUB_LEAD, other_hub)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    school = await delivery.school(name="Ashfield Primary", hub=hub)
    cohort = await delivery.cohort("2020/21")
    url = f"/api/v1/schools/{school.id}/head-contact"

    nobody = await client.get(url, headers=staff.headers)
    assert nobody.status_code == 200, nobody.text
    assert nobody.json()["source"] is None and nobody.json()["headteacher_email"] is None

    await factory.add(
        appointed(
            hub.id,
            cohort.id,
            school.id,
            1,
            headteacher_name="Old Head",
            headteacher_email="old@ashfield.example.org",
            decided_at=datetime(2020, 7, 1, tzinfo=UTC),
        ),
        appointed(
            hub.id,
            cohort.id,
            school.id,
            2,
            headteacher_name="New Head",
            headteacher_email="new@ashfield.example.org",
            decided_at=datetime(2021, 7, 1, tzinfo=UTC),
        ),
    )
    defaulted = (await client.get(url, headers=staff.headers)).json()
    assert defaulted["source"] == "application"
    assert defaulted["headteacher_email"] == "new@ashfield.example.org"
    # Another hub sees its own (none): a hub's contacts are its own.
    assert (await client.get(url, headers=other.headers)).json()["source"] is None

    created = await client.put(
        url,
        json={
            "headteacher_name": "Dr Jo Head",
            "headteacher_email": "Jo.Head@Ashfield.example.org",
        },
        headers=staff.headers,
    )
    assert created.status_code == 200, created.text
    assert created.json()["source"] == "hub"
    assert created.json()["headteacher_email"] == "jo.head@ashfield.example.org"
    etag = created.headers["ETag"]
    stale = await client.put(
        url,
        json={"headteacher_email": "x@ashfield.example.org"},
        headers={**staff.headers, "If-Match": '"stale"'},
    )
    assert stale.status_code == 412
    updated = await client.put(
        url,
        json={"headteacher_email": "deputy@ashfield.example.org"},
        headers={**staff.headers, "If-Match": etag},
    )
    assert updated.status_code == 200, updated.text
    read = await client.get(url, headers=staff.headers)
    assert read.json()["headteacher_email"] == "deputy@ashfield.example.org"
    assert read.headers["ETag"] == updated.headers["ETag"]
    bad = await client.put(url, json={"headteacher_email": "not an email"}, headers=staff.headers)
    assert bad.status_code == 422

    # National admins name the hub.
    assert (await client.get(url, headers=admin.headers)).status_code == 422
    named = await client.get(url, params={"hub_id": str(hub.id)}, headers=admin.headers)
    assert named.json()["headteacher_email"] == "deputy@ashfield.example.org"

    trail = await client.get(
        "/api/v1/audit-events",
        params={"entity_type": "school_contacts"},
        headers=(await factory.caller(Role.HUB_LEAD, hub)).headers,
    )
    assert [e["action"] for e in trail.json()["items"]] == [
        "school_contact.created",
        "school_contact.updated",
    ]
