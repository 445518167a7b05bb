"""The August data cut: frozen figures, re-cuts with their differences and reasons."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select, update

from masteryhub.models.data_cut import DataCutRow, ImmutableRecord
from masteryhub.models.hub import Hub
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import School
from masteryhub.models.user import Role
from masteryhub.models.work_group import WorkGroup, WorkGroupPhase, WorkGroupSchool
from tests.factories import Caller, Factory
from tests.national.world import YEAR, england_school
from tests.trg_meetings.world import World, world

__all__ = ["world"]
URL = "/api/v1/data-cuts"


def _figure(cut: dict[str, Any], hub_name: str, measure: str) -> dict[str, Any]:
    (row,) = [r for r in cut["rows"] if r["hub_name"] == hub_name and r["measure"] == measure]
    return row


async def _cut(client: AsyncClient, admin: Caller, **body: Any) -> Any:
    return await client.post(
        URL,
        json={"academic_year": YEAR, "label": "August cut", **body},
        headers={**admin.headers, "Idempotency-Key": f"cut-{len(body)}-{body.get('reason')}"},
    )


async def _places(factory: Factory, hub: Hub, schools: dict[School, bool | None]) -> None:
    group = WorkGroup(
        hub_id=hub.id,
        code=f"WG-{hub.code}",
        title="Work group",
        phase=WorkGroupPhase.EMBED,
        programme=ProgrammeCode.PRIMARY,
        academic_year=YEAR,
    )
    await factory.add(
        group,
        *(
            WorkGroupSchool(hub_id=hub.id, work_group=group, school_id=s.id, completed=done)
            for s, done in schools.items()
        ),
    )


async def test_a_cut_is_frozen_and_a_recut_records_the_difference_and_why(
    app: FastAPI, client: AsyncClient, factory: Factory, world: World
) -> None:
    north = await factory.hub(name="North Hub")
    ash, birch = england_school(north), england_school(north, phase_code="4")
    await factory.add(ash, birch)
    await _places(factory, north, {ash: True, birch: None})
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    first = await _cut(client, admin)

    assert first.status_code == 201, first.text
    cut = first.json()
    assert (cut["number"], cut["label"], cut["reason"], cut["previous_id"]) == (
        1,
        "August cut",
        None,
        None,
    )
    assert _figure(cut, "North Hub", "schools_completed")["value"] == 1
    assert _figure(cut, "England", "schools_completed_primary")["value"] == 1
    assert _figure(cut, "England", "schools_completed_secondary")["value"] == 0
    assert _figure(cut, "England", "schools_completed")["difference"] is None

    # Birch completes after the cut: the cut does not move.
    async with app.state.sessionmaker() as session:
        await session.execute(update(WorkGroupSchool).values(completed=True))
        await session.commit()
    again = await client.get(f"{URL}/{cut['id']}", headers=admin.headers)
    assert again.json() == cut

    # There is no way to change it: no update route, and the rows refuse changes.
    patch = await client.patch(f"{URL}/{cut['id']}", json={"label": "x"}, headers=admin.headers)
    assert patch.status_code == 405
    async with app.state.sessionmaker() as session:
        row = (await session.scalars(select(DataCutRow).limit(1))).one()
        row.value += 1
        with pytest.raises(ImmutableRecord):
            await session.flush()

    # A re-cut needs a reason, then stores each figure's difference from the last cut.
    refused = await _cut(client, admin, label="August re-cut")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["reason"]
    recut = await _cut(
        client, admin, label="August re-cut", reason="Birch's evaluation arrived late."
    )
    assert recut.status_code == 201, recut.text
    second = recut.json()
    assert (second["number"], second["reason"], second["previous_id"]) == (
        2,
        "Birch's evaluation arrived late.",
        cut["id"],
    )
    row = _figure(second, "England", "schools_completed")
    assert (row["value"], row["previous_value"], row["difference"]) == (2, 1, 1)
    secondary = _figure(second, "North Hub", "schools_completed_secondary")
    assert (secondary["value"], secondary["previous_value"], secondary["difference"]) == (1, 0, 1)

    listed = await client.get(URL, params={"academic_year": YEAR}, headers=admin.headers)
    assert [(c["number"], c["label"]) for c in listed.json()["items"]] == [
        (1, "August cut"),
        (2, "August re-cut"),
    ]
    exported = await client.get(
        f"{URL}/{second['id']}", headers={**admin.headers, "Accept": "text/csv"}
    )
    assert exported.headers["content-type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(exported.text)))
    england = [
        line
        for line in lines
        if line["hub_name"] == "England" and line["measure"] == "schools_completed"
    ]
    assert england == [
        {
            "academic_year": YEAR,
            "cut": "2",
            "hub_code": "",
            "hub_name": "England",
            "measure": "schools_completed",
            "value": "2",
            "previous": "1",
            "difference": "1",
        }
    ]


async def test_only_national_admins_cut(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)
    response = await client.post(
        URL,
        json={"academic_year": YEAR, "label": "Mine"},
        headers={**lead.headers, "Idempotency-Key": "lead-cut"},
    )
    assert response.status_code == 403


async def test_an_unknown_cut_is_not_found(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    response = await client.get(
        f"{URL}/01900000-0000-7000-8000-000000000000", headers=admin.headers
    )
    assert response.status_code == 404
    assert response.json()["code"] == "data_cut_not_found"
