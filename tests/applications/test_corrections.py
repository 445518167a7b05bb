"""Correcting an application (PATCH, If-Match, audited), the headteacher's address, and
matching the school: by hand (re-routed to the school's hub) and after a GIAS import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.applications.matching import rematch_after_import
from masteryhub.applications.screening import Answers, complete, screen
from masteryhub.db import begin_write
from masteryhub.models.application import Application
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import HubArea, School
from masteryhub.models.user import Role
from tests.applications.conftest import (
    APPLICATIONS,
    World,
    emails_to,
    payload,
    submit,
    token_in,
)
from tests.factories import Caller, Factory
from tests.queries import count_queries
from tests.schools.gias_files import gias_row, write_gias_file

REFERENCES = "/api/v1/references"
STATEMENT = {"statement": "An outstanding teacher.", "commits_to_release_time": True}


async def awaiting(client: AsyncClient, world: World, **changes: Any) -> dict[str, Any]:
    response = await submit(client, world.form, payload(**changes))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def patch(
    client: AsyncClient,
    caller: Caller,
    application_id: str,
    body: dict[str, Any],
    *,
    params: dict[str, str] | None = None,
    **headers: str,
) -> Any:
    return await client.patch(
        f"{APPLICATIONS}/{application_id}",
        json=body,
        params=params,
        headers={**caller.headers, **headers},
    )


async def audit_events(app: FastAPI, action: str) -> list[AuditEvent]:
    async with app.state.sessionmaker() as session:
        return list(
            await session.scalars(
                select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
            )
        )


async def test_patch_corrects_details_with_and_without_if_match_and_refuses_a_stale_one(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    created = await awaiting(client, world)
    url = f"{APPLICATIONS}/{created['id']}"
    first_etag = (await client.get(url, headers=staff.headers)).headers["etag"]

    unconditional = await patch(
        client, staff, created["id"], {"applicant": {"email": "Amira.Khan@Example.org"}}
    )
    stale = await patch(
        client, staff, created["id"], {"role_title": "Deputy head"}, **{"If-Match": first_etag}
    )
    fresh = await patch(
        client,
        staff,
        created["id"],
        {"role_title": "Deputy head", "years_teaching_maths": 2},
        **{"If-Match": unconditional.headers["etag"]},
    )

    assert unconditional.status_code == 200, unconditional.text
    assert unconditional.json()["applicant"]["email"] == "amira.khan@example.org"
    assert unconditional.json()["applicant"]["first_name"] == "Amira"  # partial: kept
    assert unconditional.headers["etag"] != first_etag
    assert stale.status_code == 412 and stale.json()["code"] == "precondition_failed"
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["role_title"] == "Deputy head"
    flags = {f["code"]: f for f in fresh.json()["screening"]}
    # Answers re-screened: two years is below the primary programme's desirable four.
    assert flags["years_experience"]["passed"] is False
    assert flags["years_experience"]["outcome"] == "not_met"
    assert flags["years_experience"]["criterion_kind"] == "desirable"
    [_, update] = await audit_events(app, "application.updated")
    assert update.before is not None and update.after is not None
    assert update.before["role_title"] == "Year 4 teacher and maths lead"
    assert update.before["years_teaching_maths"] == 6
    assert "screening" in update.after  # re-screened, and the trail says so
    assert update.after is not None and update.after["role_title"] == "Deputy head"
    assert update.actor_id == staff.id


async def test_nothing_a_client_patches_sets_status_hub_reference_or_screening(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    created = await awaiting(client, world)

    for field, value in [
        ("status", "appointed"),
        ("hub_id", str(world.hub_b.id)),
        ("reference", "PMS6-999999"),
        ("screening", []),
        ("is_late", True),
    ]:
        refused = await patch(client, lead, created["id"], {field: value})
        assert refused.status_code == 422, (field, refused.text)
        assert refused.json()["errors"][0]["field"] == field
    bad_email = await patch(client, lead, created["id"], {"headteacher": {"email": "nope"}})
    assert bad_email.status_code == 422
    assert bad_email.json()["errors"][0]["field"] == "headteacher.email"
    forms = await patch(client, world.form, created["id"], {"role_title": "x"})
    assert forms.status_code == 403
    unchanged = await client.get(f"{APPLICATIONS}/{created['id']}", headers=lead.headers)
    assert unchanged.json()["status"] == "awaiting_reference"
    assert unchanged.json()["reference"] == created["reference"]


async def test_a_new_headteacher_email_revokes_the_old_link_and_the_new_link_works(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    created = await awaiting(client, world, headteacher__email="hed@exmaple.org")
    [old_email] = await emails_to(app, "hed@exmaple.org")
    old_token = token_in(old_email)

    corrected = await patch(
        client,
        lead,
        created["id"],
        {"headteacher": {"email": "head@example.org", "name": "Jo Patel"}},
        params={"resend_reference": "true"},
    )

    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["headteacher"]["email"] == "head@example.org"
    assert corrected.json()["reference_status"]["link_outstanding"] is True
    old = await client.get(f"{REFERENCES}/{old_token}")
    assert old.status_code == 410 and old.json()["code"] == "reference_expired"
    [new_email] = await emails_to(app, "head@example.org")
    assert "Jo Patel" in new_email.text_body
    given = await client.post(f"{REFERENCES}/{token_in(new_email)}", json=STATEMENT)
    assert given.status_code == 200, given.text
    assert len(await emails_to(app, "hed@exmaple.org")) == 1  # nothing more to the wrong one
    [event] = await audit_events(app, "application.updated")
    assert event.before == {"headteacher_email": "hed@exmaple.org", "headteacher_name": "J. Patel"}


async def test_without_resend_the_old_link_dies_and_staff_send_the_new_one_when_asked(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    created = await awaiting(client, world, headteacher__email="typo@example.org")
    old_token = token_in((await emails_to(app, "typo@example.org"))[0])
    new_address = {"headteacher": {"email": "h@example.org"}}

    by_staff = await patch(client, staff, created["id"], new_address)
    corrected = await patch(client, lead, created["id"], new_address)

    assert by_staff.status_code == 403  # whoever picks the address could answer it themselves

    assert corrected.status_code == 200
    assert corrected.json()["reference_status"]["link_outstanding"] is False
    assert (await client.get(f"{REFERENCES}/{old_token}")).status_code == 410
    assert await emails_to(app, "h@example.org") == []
    url = f"{APPLICATIONS}/{created['id']}/reference-requests"
    sent = await client.post(url, headers=staff.headers)
    assert sent.status_code == 201, sent.text
    again = await client.post(url, headers=staff.headers)
    assert again.status_code == 409 and again.json()["code"] == "reference_resent_recently"
    assert int(again.headers["retry-after"]) > 47 * 3600
    assert len(await emails_to(app, "h@example.org")) == 1


async def test_matching_the_school_re_screens_and_routes_to_the_schools_hub(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    lead_a = await factory.caller(Role.HUB_LEAD, world.hub_a)
    lead_b = await factory.caller(Role.HUB_LEAD, world.hub_b)
    created = await awaiting(client, world, school_urn="999999")
    assert created["school_unmatched"] is True and created["hub"]["code"] == "north"
    note = await client.post(
        f"{APPLICATIONS}/{created['id']}/notes",
        json={"text": "Typo in URN?"},
        headers=lead_a.headers,
    )
    assert note.status_code == 201
    received_before = len(await emails_to(app, "a.khan@example.org"))

    unknown = await patch(client, lead_a, created["id"], {"school_urn": "123456"})
    matched = await patch(client, lead_a, created["id"], {"school_urn": world.school_b.urn})

    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "school_urn"
    assert matched.status_code == 200, matched.text
    body = matched.json()
    assert body["school"]["urn"] == "200000" and body["school_unmatched"] is False
    assert body["hub"]["code"] == "south"
    flags = {f["code"]: f for f in body["screening"]}
    assert flags["school_unmatched"]["passed"] is True
    # A secondary school, for the primary programme: the phase check now fails, in red.
    assert flags["phase"]["passed"] is False and flags["phase"]["outcome"] == "failed"
    assert flags["phase"]["label"] == "School phase"
    url = f"{APPLICATIONS}/{created['id']}"
    assert (await client.get(url, headers=lead_a.headers)).status_code == 404
    seen = await client.get(url, headers=lead_b.headers)
    assert seen.status_code == 200 and seen.json()["hub"]["code"] == "south"
    notes = await client.get(f"{url}/notes", headers=lead_b.headers)
    assert [n["text"] for n in notes.json()["items"]] == ["Typo in URN?"]
    moved = await audit_events(app, "application.rerouted")
    assert {e.hub_id for e in moved} == {world.hub_a.id, world.hub_b.id}
    assert len(await audit_events(app, "application.school_matched")) == 1
    assert len(await emails_to(app, "a.khan@example.org")) == received_before


async def _unmatched(client: AsyncClient, world: World, urns: list[str]) -> list[str]:
    ids = []
    for n, urn in enumerate(urns):
        created = await awaiting(
            client, world, school_urn=urn, applicant__email=f"t{n}@example.org"
        )
        assert created["school_unmatched"] is True
        ids.append(created["id"])
    return ids


async def _school(factory: Factory, world: World, urn: str) -> None:
    await factory.add(
        School(
            urn=urn,
            name=f"Imported Primary {urn}",
            type_name="Community school",
            status_code="1",
            status_name="Open",
            phase_code="2",
            phase_name="Primary",
            la_code="852",
            la_name="Southampton",
            is_state_funded=True,
            is_in_england=True,
            is_open=True,
            hub_id=world.hub_b.id,
        )
    )


async def test_re_matching_after_an_import_takes_the_same_statements_for_one_or_many(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    async def rematch() -> tuple[int, int]:
        async with app.state.sessionmaker() as session:
            await begin_write(session)
            with count_queries(app) as statements:
                matched = await rematch_after_import(session, world.cohort.closes_at)
            await session.commit()
        return matched, len(statements)

    await _unmatched(client, world, ["310000"])
    await _school(factory, world, "310000")
    one = await rematch()
    urns = [str(320000 + n) for n in range(6)]
    ids = await _unmatched(client, world, [*urns, "399999"])  # the last stays unmatched
    for urn in urns:
        await _school(factory, world, urn)
    many = await rematch()
    nothing = await rematch()

    assert one[0] == 1 and many[0] == 6
    assert one[1] == many[1], (one, many)
    assert nothing == (0, 1)  # one SELECT finds there is nothing to do
    lead_b = await factory.caller(Role.HUB_LEAD, world.hub_b)
    for application_id in ids[:-1]:
        seen = await client.get(f"{APPLICATIONS}/{application_id}", headers=lead_b.headers)
        assert seen.status_code == 200
        flags = {f["code"]: f["passed"] for f in seen.json()["screening"]}
        assert flags["school_unmatched"] is True and flags["phase"] is True
    lead_a = await factory.caller(Role.HUB_LEAD, world.hub_a)
    still = await client.get(f"{APPLICATIONS}/{ids[-1]}", headers=lead_a.headers)
    assert still.status_code == 200 and still.json()["school_unmatched"] is True


@pytest.mark.real_commits  # the import runs as a task beside the requests polling it
async def test_a_gias_import_matches_unmatched_applications(
    app: FastAPI,
    client: AsyncClient,
    world: World,
    factory: Factory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app.state.settings, "import_dir", tmp_path / "imports")
    await factory.add(HubArea(la_code="330", hub_id=world.hub_b.id))
    [application_id] = await _unmatched(client, world, ["330001"])
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(
        tmp_path / "edubasealldata.csv",
        [gias_row("330001", "Ladywood Primary"), gias_row("330002", "Aston Primary")],
    )

    with path.open("rb") as file:
        started = await client.post(
            "/api/v1/schools/imports",
            files={"file": (path.name, file, "text/csv")},
            headers=admin.headers,
        )
    assert started.status_code == 202, started.text
    from tests.schools.conftest import wait_for_job

    job = await wait_for_job(client, admin, started.json()["id"])

    assert job["status"] == "completed" and job["applications_matched"] == 1
    async with app.state.sessionmaker() as session:
        application = await session.scalar(
            select(Application).where(Application.school_urn == "330001")
        )
    assert application is not None and str(application.id) == application_id
    assert application.hub_id == world.hub_b.id and application.school_id is not None
    [event, *_] = await audit_events(app, "application.school_matched")
    assert event.actor_label.startswith("GIAS import")


async def test_a_decided_application_cannot_be_corrected(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    created = await awaiting(client, world)
    withdrawn = await client.post(
        f"{APPLICATIONS}/{created['id']}/transitions",
        json={"to": "withdrawn"},
        headers=lead.headers,
    )
    assert withdrawn.status_code == 200

    refused = await patch(client, lead, created["id"], {"role_title": "Deputy head"})

    assert refused.status_code == 409 and refused.json()["code"] == "application_decided"


def test_each_screening_flag_names_its_check_and_whether_it_is_essential() -> None:
    answers = Answers(
        has_qts=False, years_teaching_maths=3, teaching_maths_half_days_per_week=4, school_urn="1"
    )
    primary = {f["code"]: f for f in screen(ProgrammeCode.PRIMARY, answers, None)}
    secondary = {f["code"]: f for f in screen(ProgrammeCode.SECONDARY, answers, None)}

    assert {f["label"] for f in primary.values()} == {
        "QTS",
        "School phase",
        "State funded",
        "In England",
        "School open",
        "Years teaching maths",
        "Days teaching the same class",
        "School matched",
    }
    assert primary["qts"]["criterion_kind"] == "essential"
    assert primary["qts"]["outcome"] == "failed"  # red
    assert primary["years_experience"]["criterion_kind"] == "desirable"
    assert primary["years_experience"]["outcome"] == "not_met"  # amber, not red
    assert primary["days_same_class"]["outcome"] == "failed"
    assert primary["phase"]["outcome"] == "unknown"
    assert "unknown until" in primary["phase"]["detail"].lower()
    assert len({f["detail"] for f in primary.values()}) == len(primary)  # no identical lines
    assert primary["school_unmatched"]["criterion_kind"] is None
    # Secondary: two years' experience is essential; days with the same class is not asked.
    assert secondary["years_experience"]["criterion_kind"] == "essential"
    assert secondary["years_experience"]["outcome"] == "passed"
    assert "days_same_class" not in secondary
    # Flags stored before labels existed read with them.
    assert complete({"code": "state_funded", "passed": False, "detail": "x"})["label"] == (
        "State funded"
    )
