"""Reviews: complete, one per reviewer, independent, recused for the applicant's school."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response

from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, World, payload, submit
from tests.factories import Caller, Factory


def review(
    world: World,
    assessment: str = "met",
    score: int = 2,
    recommendation: str = "appoint",
    **changes: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "essential": dict.fromkeys(world.essential, assessment),
        "desirable": dict.fromkeys(world.desirable, score),
        "comment": "Clear evidence throughout.",
        "recommendation": recommendation,
    }
    body.update(changes)
    return body


async def complete_application(client: AsyncClient, world: World) -> str:
    response = await submit(client, world.form, payload(headteacher__statement="Recommended."))
    assert response.status_code == 201
    return str(response.json()["id"])


async def post_review(
    client: AsyncClient, caller: Caller, application_id: str, body: dict[str, Any]
) -> Response:
    return await client.post(
        f"{APPLICATIONS}/{application_id}/reviews", json=body, headers=caller.headers
    )


async def test_reviewers_see_the_others_only_after_their_own(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id = await complete_application(client, world)
    first = await factory.caller(Role.HUB_STAFF, world.hub_a)
    second = await factory.caller(Role.HUB_STAFF, world.hub_a)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    reviews_url = f"{APPLICATIONS}/{application_id}/reviews"
    written = await post_review(client, first, application_id, review(world))
    assert written.status_code == 201, written.text

    before = await client.get(reviews_url, headers=second.headers)
    peek = await client.get(f"{reviews_url}/{written.json()['id']}", headers=second.headers)
    detail = await client.get(f"{APPLICATIONS}/{application_id}", headers=second.headers)

    assert before.status_code == 200
    assert before.json() == {"items": [], "others_hidden": True}
    assert peek.status_code == 403 and peek.json()["code"] == "reviews_hidden"
    assert detail.json()["review_summary"] is None
    lead_view = await client.get(reviews_url, headers=lead.headers)
    assert len(lead_view.json()["items"]) == 1  # the lead decides and sees all

    own = await post_review(
        client,
        second,
        application_id,
        review(
            world,
            score=1,
            recommendation="interview",
            essential={**dict.fromkeys(world.essential, "met"), "qts": "unclear"},
        ),
    )
    assert own.status_code == 201
    after = await client.get(reviews_url, headers=second.headers)
    assert after.json()["others_hidden"] is False
    assert {r["reviewer_id"] for r in after.json()["items"]} == {str(first.id), str(second.id)}
    summary = (await client.get(f"{APPLICATIONS}/{application_id}", headers=second.headers)).json()[
        "review_summary"
    ]
    assert summary["review_count"] == 2
    qts = next(e for e in summary["essential"] if e["code"] == "qts")
    assert (qts["met"], qts["not_met"], qts["unclear"]) == (1, 0, 1)
    assert summary["all_essentials_met"] is False
    assert {d["code"]: d["mean"] for d in summary["desirable"]} == dict.fromkeys(
        world.desirable, 1.5
    )
    assert summary["desirable_total_mean"] == 1.5 * len(world.desirable)
    assert summary["recommendations"] == {
        "appoint": 1,
        "interview": 1,
        "reserve": 0,
        "do_not_appoint": 0,
    }


async def test_a_review_covers_every_criterion_and_nothing_else(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id = await complete_application(client, world)
    reviewer = await factory.caller(Role.HUB_STAFF, world.hub_a)
    partial = review(
        world,
        essential={"qts": "met", "made_up": "met"},
        desirable={**dict.fromkeys(world.desirable, 1), "subject_leader": 3},
    )

    response = await post_review(client, reviewer, application_id, partial)

    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "desirable.subject_leader" in fields  # a score must be 0–2
    response = await post_review(
        client, reviewer, application_id, review(world, essential={"qts": "met", "made_up": "met"})
    )
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {f"essential.{code}" for code in world.essential if code != "qts"} | {
        "essential.made_up"
    }


async def test_one_review_per_reviewer_changed_with_if_match(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id = await complete_application(client, world)
    reviewer = await factory.caller(Role.HUB_STAFF, world.hub_a)
    other = await factory.caller(Role.HUB_STAFF, world.hub_a)
    created = await post_review(client, reviewer, application_id, review(world))
    url = f"{APPLICATIONS}/{application_id}/reviews/{created.json()['id']}"

    duplicate = await post_review(client, reviewer, application_id, review(world))
    changed = await client.patch(
        url,
        json={"recommendation": "reserve", "essential": {"qts": "not_met"}},
        headers={**reviewer.headers, "If-Match": created.headers["etag"]},
    )
    stale = await client.patch(
        url,
        json={"comment": "Second thoughts"},
        headers={**reviewer.headers, "If-Match": created.headers["etag"]},
    )
    await post_review(client, other, application_id, review(world))
    not_theirs = await client.patch(url, json={"comment": "Mine now"}, headers=other.headers)

    assert duplicate.status_code == 409 and duplicate.json()["code"] == "review_exists"
    assert changed.status_code == 200, changed.text
    assert changed.json()["recommendation"] == "reserve"
    assert changed.json()["essential"]["qts"] == "not_met"
    assert changed.json()["essential"]["programme_commitment"] == "met"
    assert stale.status_code == 412
    assert not_theirs.status_code == 403 and not_theirs.json()["code"] == "not_your_review"


async def test_a_reviewer_from_the_applicants_school_is_recused(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id = await complete_application(client, world)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    reviewer = await factory.caller(Role.HUB_STAFF, world.hub_a)
    linked = await client.patch(
        f"/api/v1/users/{reviewer.id}",
        json={"school_id": str(world.school.id)},
        headers=lead.headers,
    )
    assert linked.status_code == 200 and linked.json()["school_id"] == str(world.school.id)

    response = await post_review(client, reviewer, application_id, review(world))

    assert response.status_code == 409
    assert response.json()["code"] == "reviewer_recused"
    other_school = await client.patch(
        f"/api/v1/users/{reviewer.id}",
        json={"school_id": str(world.school_b.id)},
        headers=lead.headers,
    )
    assert other_school.status_code == 200
    assert (await post_review(client, reviewer, application_id, review(world))).status_code == 201


async def test_only_complete_applications_are_reviewed(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    awaiting = await submit(client, world.form)
    reviewer = await factory.caller(Role.HUB_STAFF, world.hub_a)

    response = await post_review(client, reviewer, awaiting.json()["id"], review(world))

    assert response.status_code == 409
    assert response.json()["code"] == "application_not_reviewable"
