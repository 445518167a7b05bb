"""`GET /reports/hubs`: every hub's figures, equal to sums computed here from the rows."""

from __future__ import annotations

import csv
import io
from collections import Counter

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory
from tests.national.world import YEAR, Expected, build_hubs
from tests.queries import count_queries
from tests.trg_meetings.world import World, world

__all__ = ["world"]
URL = "/api/v1/reports/hubs"


def _figures(e: Expected) -> dict[str, object]:
    return {
        "applications_by_status": dict(sorted(e.applications.items())),
        "applications": sum(e.applications.values()),
        "places_filled": e.applications["appointed"],
        "active_specialists": sum(e.specialists_by_programme.values()),
        "active_specialists_by_programme_year": dict(sorted(e.specialists_by_year.items())),
        "active_specialists_by_programme": dict(sorted(e.specialists_by_programme.items())),
        "accreditation": dict(sorted(e.accreditation.items())),
        "work_groups": sum(e.work_groups_by_status.values()),
        "work_groups_by_phase": dict(sorted(e.work_groups_by_phase.items())),
        "work_groups_by_status": dict(sorted(e.work_groups_by_status.items())),
        "schools_signed_up": len(e.signed_up),
        "schools_completed": len(e.completed),
        "release_days": {
            "entitlement_days": e.entitlement_half_days / 2,
            "claimed_days": e.half_days["claimed"] / 2,
            "approved_days": e.half_days["approved"] / 2,
            "paid_days": e.half_days["paid"] / 2,
            "claimed_pence": e.pence["claimed"],
            "approved_pence": e.pence["approved"],
            "paid_pence": e.pence["paid"],
        },
    }


def _without(body: dict[str, object], *names: str) -> dict[str, object]:
    return {k: v for k, v in body.items() if k not in names}


KEYS = ("hub_id", "hub_code", "hub_name", "region", "places", "at_risk_specialists")


async def test_each_hub_and_the_nation_add_up(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hubs, expected = await build_hubs(factory, world, hubs=3, seed=14)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.get(URL, params={"academic_year": YEAR}, headers=admin.headers)

    assert response.status_code == 200, response.text
    body = response.json()
    rows = {row["hub_id"]: row for row in body["hubs"]}
    assert set(rows) == {str(h.id) for h in hubs}
    for hub in hubs:
        assert _without(rows[str(hub.id)], *KEYS) == _figures(expected[hub.id]), hub.name
    # National totals: the hubs' sums, except schools, which count once however many hubs.
    total = Expected()
    for e in expected.values():
        for name in (
            "applications",
            "specialists_by_year",
            "specialists_by_programme",
            "accreditation",
            "work_groups_by_phase",
            "work_groups_by_status",
        ):
            getattr(total, name).update(getattr(e, name))
        total.entitlement_half_days += e.entitlement_half_days
        total.signed_up |= e.signed_up
        total.completed |= e.completed
        for kind in ("claimed", "approved", "paid"):
            total.half_days[kind] += e.half_days[kind]
            total.pence[kind] += e.pence[kind]
    assert _without(body["totals"], *KEYS) == _figures(total)
    assert sum(r["schools_signed_up"] for r in body["hubs"]) > len(total.signed_up), (
        "the world shares schools between hubs, so the national count is smaller"
    )


async def test_a_hub_sees_its_own_row_only(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hubs, expected = await build_hubs(factory, world, hubs=3, seed=7)
    lead = await factory.caller(Role.HUB_LEAD, hubs[1])

    body = (await client.get(URL, params={"academic_year": YEAR}, headers=lead.headers)).json()

    assert [row["hub_id"] for row in body["hubs"]] == [str(hubs[1].id)]
    assert _without(body["hubs"][0], *KEYS) == _figures(expected[hubs[1].id])
    assert _without(body["totals"], *KEYS) == _figures(expected[hubs[1].id])


async def test_csv_has_a_line_per_hub_and_a_total(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hubs, expected = await build_hubs(factory, world, hubs=3, seed=3)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.get(
        URL, params={"academic_year": YEAR}, headers={**admin.headers, "Accept": "text/csv"}
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(response.text)))
    assert [line["hub_code"] for line in lines] == [
        *sorted(
            (h.code for h in hubs), key=lambda code: next(h.name for h in hubs if h.code == code)
        ),
        "TOTAL",
    ]
    by_code = {line["hub_code"]: line for line in lines}
    for hub in hubs:
        e = expected[hub.id]
        assert int(by_code[hub.code]["claimed_pence"]) == e.pence["claimed"]
        assert int(by_code[hub.code]["active_specialists"]) == sum(
            Counter(e.specialists_by_programme).values()
        )


async def test_the_number_of_queries_does_not_grow(
    app: FastAPI, client: AsyncClient, factory: Factory, world: World
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await build_hubs(factory, world, hubs=2, seed=1)
    params = {"academic_year": YEAR}
    with count_queries(app) as few:
        assert (await client.get(URL, params=params, headers=admin.headers)).status_code == 200
    await build_hubs(factory, world, hubs=4, seed=2, scale=3)
    with count_queries(app) as many:
        assert (await client.get(URL, params=params, headers=admin.headers)).status_code == 200
    assert len(many) == len(few)


async def test_a_malformed_year_is_refused_naming_the_field(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    response = await client.get(URL, params={"academic_year": "2021/23"}, headers=admin.headers)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["academic_year"]
