"""The intake contract (api.md) through HTTP: what a form tool sees."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from masteryhub.models.application import Application
from masteryhub.models.user import Role
from tests.applications.conftest import (
    APPLICATIONS,
    Clock,
    World,
    emails_to,
    key,
    machine,
    payload,
    submit,
)
from tests.factories import Factory


async def count_applications(app: FastAPI) -> int:
    async with app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Application)) or 0)


async def test_submission_is_created_routed_screened_and_emailed(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    response = await submit(client, world.form)

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"{APPLICATIONS}/{body['id']}"
    assert re.fullmatch(r"PMS6-\d{6}", body["reference"])
    assert body["reference"] == "PMS6-000001"
    assert body["status"] == "awaiting_reference"
    assert body["hub"] == {
        "id": str(world.hub_a.id),
        "code": "north",
        "name": "North Star Maths Hub",
    }
    assert body["cohort"]["code"] == "primary-6"
    assert body["school"]["urn"] == "100000" and body["school_unmatched"] is False
    assert body["is_late"] is False and body["source"] == "api"
    assert body["applicant"]["email"] == "a.khan@example.org"
    assert body["days_teaching_maths_per_week"] == 5
    flags = {f["code"]: f["passed"] for f in body["screening"]}
    assert flags == {
        "qts": True,
        "phase": True,
        "state_funded": True,
        "in_england": True,
        "school_open": True,
        "years_experience": True,
        "days_same_class": True,
        "school_unmatched": True,
    }
    assert all(f["detail"] for f in body["screening"])
    read = await client.get(response.headers["location"], headers=world.form.headers)
    assert read.status_code == 200 and read.json()["reference"] == body["reference"]

    [received] = await emails_to(app, "a.khan@example.org")
    assert received.template == "application_received"
    assert "PMS6-000001" in received.text_body and "PMS6-000001" in received.subject
    [request] = await emails_to(app, "head@example.org")
    assert request.template == "reference_request"
    assert "/references/" in request.text_body and request.hub_id == world.hub_a.id


async def test_a_statement_sent_with_the_form_completes_the_application(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    body = payload(
        headteacher={
            "name": "J. Patel",
            "email": "head@example.org",
            "statement": "An outstanding teacher.",
        }
    )

    response = await submit(client, world.form, body)

    assert response.status_code == 201
    assert response.json()["status"] == "complete"
    assert response.json()["headteacher"]["statement"] == "An outstanding teacher."
    assert await emails_to(app, "head@example.org") == []
    assert len(await emails_to(app, "a.khan@example.org")) == 1


async def test_nothing_a_client_sends_sets_what_the_hub_decides(
    client: AsyncClient, world: World
) -> None:
    body = payload(
        status="appointed",
        hub_id=str(world.hub_b.id),
        hub={"id": str(world.hub_b.id)},
        reference="PMS6-999999",
        is_late=True,
        screening=[{"code": "qts", "passed": True, "detail": "forged"}],
        form_tool_row=17,  # unknown fields are ignored
        has_qts=False,
    )

    response = await submit(client, world.form, body)

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "awaiting_reference"
    assert created["hub"]["id"] == str(world.hub_a.id)
    assert created["reference"] == "PMS6-000001"
    assert created["is_late"] is False
    assert {f["code"]: f["passed"] for f in created["screening"]}["qts"] is False


async def test_a_replay_returns_the_first_response(client: AsyncClient, world: World) -> None:
    headers = {**world.form.headers, "Idempotency-Key": "google-form-response-1"}
    first = await client.post(APPLICATIONS, json=payload(), headers=headers)
    replay = await client.post(APPLICATIONS, json=payload(), headers=headers)
    other_body = await client.post(
        APPLICATIONS, json=payload(statement="Something else"), headers=headers
    )

    assert first.status_code == replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert replay.json() == first.json()
    assert replay.headers["location"] == first.headers["location"]
    assert other_body.status_code == 422
    assert other_body.json()["code"] == "idempotency_key_reused"


async def test_the_idempotency_key_is_required(client: AsyncClient, world: World) -> None:
    response = await client.post(APPLICATIONS, json=payload(), headers=world.form.headers)

    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_missing"
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


@pytest.mark.real_commits
async def test_fifty_concurrent_posts_with_one_key_make_one_application(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    headers = {**world.form.headers, "Idempotency-Key": "one-form-response"}

    responses = await asyncio.gather(
        *(client.post(APPLICATIONS, json=payload(), headers=headers) for _ in range(50))
    )

    statuses = {r.status_code for r in responses}
    assert statuses <= {201, 409}, statuses
    created = [r for r in responses if r.status_code == 201]
    assert created and len({r.json()["id"] for r in created}) == 1
    assert sum("idempotent-replayed" not in r.headers for r in created) == 1
    for refused in (r for r in responses if r.status_code == 409):
        assert refused.json()["code"] == "idempotency_request_in_flight"
    assert await count_applications(app) == 1


@pytest.mark.real_commits
async def test_two_hundred_concurrent_posts_get_two_hundred_references(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    bodies = [payload(applicant__email=f"teacher{i}@example.org") for i in range(200)]

    responses = await asyncio.gather(*(submit(client, world.form, body) for body in bodies))

    assert [r.status_code for r in responses] == [201] * 200, {r.text for r in responses}
    references = {r.json()["reference"] for r in responses}
    assert references == {f"PMS6-{n:06d}" for n in range(1, 201)}
    assert await count_applications(app) == 200


async def test_every_malformed_field_is_listed_in_one_problem(
    client: AsyncClient, world: World
) -> None:
    body = payload(
        applicant={"first_name": "", "last_name": "Khan", "email": "not-an-email", "trn": "12345"},
        headteacher={"name": "J. Patel", "email": "head-at-school", "statement": None},
        school_urn=100000,
        years_teaching_maths=-1,
        days_teaching_maths_per_week=2.3,
        additional_statuses=["astronaut"],
        statement="",
        consent_to_data_processing=False,
    )
    del body["has_qts"]

    response = await submit(client, world.form, body)

    assert response.status_code == 422
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert problem["code"] == "validation_failed"
    fields = {e["field"] for e in problem["errors"]}
    assert fields == {
        "applicant.first_name",
        "applicant.email",
        "applicant.trn",
        "headteacher.email",
        "school_urn",
        "has_qts",
        "years_teaching_maths",
        "days_teaching_maths_per_week",
        "additional_statuses.0",
        "statement",
        "consent_to_data_processing",
    }
    assert "not-an-email" not in response.text  # input is never echoed


async def test_closing_time_is_5pm_london(
    client: AsyncClient, world: World, clock: Clock, factory: Factory
) -> None:
    clock.now = datetime(2020, 6, 15, 15, 59, 59, tzinfo=UTC)  # 16:59:59 BST
    on_time = await submit(client, world.form)
    clock.now = datetime(2020, 6, 15, 16, 0, 0, tzinfo=UTC)  # 17:00:00 BST
    too_late = await submit(client, world.form, payload(applicant__email="late@example.org"))
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    entered_late = await submit(client, staff, payload(applicant__email="late@example.org"))

    assert on_time.status_code == 201 and on_time.json()["is_late"] is False
    assert too_late.status_code == 409
    assert too_late.json()["code"] == "cohort_closed"
    assert "5pm on 15 June 2020" in too_late.json()["detail"]
    assert entered_late.status_code == 201
    assert entered_late.json()["is_late"] is True and entered_late.json()["source"] == "spa"


async def test_an_unknown_cohort_is_404(client: AsyncClient, world: World) -> None:
    response = await submit(client, world.form, payload(cohort_code="primary-99"))

    assert response.status_code == 404
    assert response.json()["code"] == "cohort_not_found"


async def test_an_unknown_urn_is_accepted_and_flagged(client: AsyncClient, world: World) -> None:
    response = await submit(client, world.form, payload(school_urn="999999"))

    assert response.status_code == 201
    body = response.json()
    assert body["school_unmatched"] is True and body["school"] is None
    assert body["school_urn"] == "999999"
    assert body["hub"]["id"] == str(world.hub_a.id)  # the submitting client's hub
    flags = {f["code"]: f for f in body["screening"]}
    assert flags["school_unmatched"]["passed"] is False
    assert "999999" in flags["school_unmatched"]["detail"]
    assert flags["phase"]["passed"] is None and flags["state_funded"]["passed"] is None


async def test_screening_flags_failures_but_never_rejects(
    client: AsyncClient, world: World
) -> None:
    body = payload(
        school_urn="200000", has_qts=False, years_teaching_maths=2, days_teaching_maths_per_week=2
    )

    response = await submit(client, world.form, body)

    assert response.status_code == 201
    flags = {f["code"]: f["passed"] for f in response.json()["screening"]}
    assert flags["qts"] is False
    assert flags["phase"] is False  # a secondary school for the primary programme
    assert flags["years_experience"] is False  # four years is desirable for primary
    assert flags["days_same_class"] is False


async def test_applications_follow_the_schools_hub_and_stay_there(
    client: AsyncClient, world: World
) -> None:
    own = await submit(client, world.form)
    routed = await submit(client, world.form, payload(school_urn="200000"))

    assert routed.json()["hub"]["code"] == "south"
    assert (
        await client.get(routed.headers["location"], headers=world.form.headers)
    ).status_code == 404
    assert (
        await client.get(routed.headers["location"], headers=world.form_b.headers)
    ).status_code == 200
    hub_b_reads_a = await client.get(own.headers["location"], headers=world.form_b.headers)
    assert hub_b_reads_a.status_code == 404
    listed = await client.get(APPLICATIONS, headers=world.form_b.headers)
    assert [a["id"] for a in listed.json()["items"]] == [routed.json()["id"]]


async def test_only_permitted_callers_submit(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    reader = await machine(factory, world.hub_a, ["applications:read"])
    specialist = await factory.caller(Role.SPECIALIST, world.hub_a)

    assert (await submit(client, reader)).status_code == 403
    assert (await submit(client, specialist)).status_code == 403
    assert (await client.post(APPLICATIONS, json=payload(), headers=key())).status_code == 401


async def test_intake_is_rate_limited_per_client_with_retry_after(
    app: FastAPI, client: AsyncClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.state.settings, "intake_rate_per_minute", 3)

    statuses = [
        (await submit(client, world.form, payload(applicant__email=f"a{n}@example.org")))
        for n in range(4)
    ]
    other_client = await submit(client, world.form_b, payload(applicant__email="b@example.org"))

    assert [r.status_code for r in statuses] == [201, 201, 201, 429]
    refused = statuses[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited"
    assert 0 < int(refused.headers["retry-after"]) <= 60
    # Another client (hub B's form) has its own allowance.
    assert other_client.status_code == 201, other_client.text
    assert await count_applications(app) == 4


@pytest.mark.real_commits
async def test_two_replicas_share_the_intake_limit_through_redis(
    app: FastAPI, world: World
) -> None:
    from httpx import ASGITransport

    from masteryhub.main import create_app
    from tests.kit.test_ratelimit import REDIS_URL

    shared = app.state.settings.model_copy(
        update={"redis_url": REDIS_URL, "intake_rate_per_minute": 3}
    )
    replicas = [create_app(shared), create_app(shared)]
    for replica in replicas:
        replica.dependency_overrides = dict(app.dependency_overrides)  # the test's clock
    await replicas[0].state.rate_limits.reset()
    statuses = []
    try:
        for n in range(4):
            replica = replicas[n % 2]
            transport = ASGITransport(app=replica, raise_app_exceptions=False)
            async with AsyncClient(transport=transport, base_url="http://testserver") as http:
                response = await submit(
                    http, world.form, payload(applicant__email=f"r{n}@example.org")
                )
            statuses.append(response.status_code)
    finally:
        await replicas[0].state.rate_limits.reset()
        for replica in replicas:
            await replica.state.engine.dispose()

    assert statuses == [201, 201, 201, 429]
