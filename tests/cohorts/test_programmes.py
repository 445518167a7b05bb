"""Programmes: the documents' criteria and year rules, readable by everyone signed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


async def programmes_by_code(client: AsyncClient, headers: dict[str, str]) -> dict[str, dict]:  # type: ignore[type-arg]
    response = await client.get("/api/v1/programmes", headers=headers)
    assert response.status_code == 200, response.text
    return {p["code"]: p for p in response.json()["items"]}


async def test_programmes_carry_the_documents_criteria(
    client: AsyncClient, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF)

    programmes = await programmes_by_code(client, staff.headers)

    assert set(programmes) == {"primary", "secondary"}
    primary, secondary = programmes["primary"], programmes["secondary"]
    kinds = [c["kind"] for c in primary["criteria"]]
    assert kinds.count("essential") == 10 and kinds.count("desirable") == 6
    kinds = [c["kind"] for c in secondary["criteria"]]
    assert kinds.count("essential") == 9 and kinds.count("desirable") == 5
    primary_wording = {c["code"]: c["wording"] for c in primary["criteria"]}
    assert primary_wording["qts"] == "Qualified Teacher Status"
    assert primary_wording["primary_teaching_role"] == (
        "Employed as a teacher in a primary/infant/junior/middle school, and regularly teaching "
        "maths to the same class of children at least three days a week"
    )
    assert primary_wording["four_years_experience"] == (
        "A minimum of four years teaching primary maths"
    )
    secondary_wording = {c["code"]: c["wording"] for c in secondary["criteria"]}
    assert secondary_wording["two_years_experience"] == (
        "A minimum of 2 years\u2019 experience teaching mathematics"
    )
    assert secondary_wording["tfm_engagement"] == (
        "Already engaged with Maths Hub work on teaching for mastery and/or the China-England "
        "exchange"
    )
    assert [c["position"] for c in primary["criteria"]] == list(range(1, 17))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the programme documents are not alongside")
async def test_every_criterion_is_worded_as_in_its_document(
    client: AsyncClient, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF)
    programmes = await programmes_by_code(client, staff.headers)

    for code, document in (
        ("primary", "primary-mastery-specialist-programme-cohort-6.txt"),
        ("secondary", "secondary-mastery-specialists-programme.txt"),
    ):
        text = re.sub(r"\s+", " ", (SEEDS / document).read_text().replace("\u00a0", " "))
        for criterion in programmes[code]["criteria"]:
            assert criterion["wording"] in text, (code, criterion["code"])


async def test_default_year_rules_hold_the_documents_days_and_money(
    client: AsyncClient, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF)
    programmes = await programmes_by_code(client, staff.headers)

    primary = {r["programme_year"]: r for r in programmes["primary"]["year_rules"]}
    assert {year: r["release_days"] for year, r in primary.items()} == {1: 15, 2: 33, 3: 33}
    assert all(r["day_rates_pence"] == {} for r in primary.values())  # set by each hub
    secondary = {r["programme_year"]: r for r in programmes["secondary"]["year_rules"]}
    assert secondary[1]["release_days"] == 15
    assert secondary[1]["day_rates_pence"] == {"default": 20000}
    assert secondary[1]["release_days"] * secondary[1]["day_rates_pence"]["default"] == 300000
    assert secondary[2]["day_rates_pence"] == {"default": 35000}
    assert secondary[2]["release_days"] * secondary[2]["day_rates_pence"]["default"] == 525000
    assert secondary[2]["grants"] == [
        {
            "code": "department_support",
            "description": "Paid to each department working with the specialist to support "
            "their developments",
            "amount_pence": 200000,
        }
    ]


async def test_one_programme_by_id_with_etag(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)
    programmes = await programmes_by_code(client, lead.headers)

    response = await client.get(
        f"/api/v1/programmes/{programmes['secondary']['id']}", headers=lead.headers
    )

    assert response.status_code == 200
    assert response.headers["etag"]
    assert response.json() == programmes["secondary"]


async def test_clients_need_the_cohorts_read_scope(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    reader = await factory.api_client(hub, ["cohorts:read"])
    submitter = await factory.api_client(hub, ["applications:submit"])

    assert (await client.get("/api/v1/programmes", headers=reader.headers)).status_code == 200
    refused = await client.get("/api/v1/programmes", headers=submitter.headers)
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert (await client.get("/api/v1/programmes")).status_code == 401
