"""Payment waits for the head's word when the hub says so: a run leaves out release days the
head has not confirmed (and says how many and why); disputed days are never paid while
disputed, whatever the setting."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import update

from masteryhub.models.hub import Hub
from masteryhub.release_confirmations.service import confirm_once
from tests.factories import Factory
from tests.release_confirmations.conftest import (
    ASKING_DAY,
    CONFIRMATIONS,
    LINKS,
    Clock,
    Postie,
    World,
    build_world,
    set_head,
)
from tests.specialists.delivery_data import DeliveryData

RUNS = "/api/v1/payment-runs"
HEAD = "head@ashfield.example.org"


async def waits(app: FastAPI, world: World, value: bool) -> None:
    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Hub).where(Hub.id == world.hub.id).values(payment_waits_for_confirmation=value)
        )
        await session.commit()


async def build_and_void(client: AsyncClient, world: World) -> dict[str, object]:
    built = await client.post(RUNS, json={}, headers=world.lead.headers)
    assert built.status_code == 201, built.text
    voided = await client.post(
        f"{RUNS}/{built.json()['id']}/void", json={"reason": "Checking"}, headers=world.lead.headers
    )
    assert voided.status_code == 200, voided.text
    run: dict[str, object] = built.json()
    return run


async def test_a_run_leaves_out_unconfirmed_days_when_the_hub_waits_and_disputed_ones_always(
    app: FastAPI,
    client: AsyncClient,
    factory: Factory,
    delivery: DeliveryData,
    postie: Postie,
    clock: Clock,
) -> None:
    world = await build_world(factory, delivery)
    await set_head(client, world, world.ashfield.id, HEAD)
    assert await confirm_once(app.state.sessionmaker, now=ASKING_DAY, base_url="http://x") == 1
    token = await postie.link(HEAD)
    lines = (await client.get(f"{LINKS}/{token}")).json()["lines"]
    answered = await client.post(
        f"{LINKS}/{token}",
        json={
            "answers": [
                {"line_id": lines[0]["id"], "answer": "confirmed"},
                {"line_id": lines[1]["id"], "answer": "disputed", "comment": "Not released."},
            ]
        },
    )
    assert answered.status_code == 200, answered.text
    # Approved: the confirmed TRG, the disputed visit, Brook's day and the spring day (neither
    # asked yet), and a grant (never asked).
    await waits(app, world, True)

    waiting = await build_and_void(client, world)

    assert waiting["entry_count"] == 2  # the confirmed day and the grant
    assert waiting["warnings"] == [
        "Left out of this run: 2 entries still wait for the school's headteacher to confirm "
        "the release days (this hub pays release days only once the head has confirmed them); "
        "1 entry is disputed by the school's headteacher and will not be paid until you "
        "resolve the dispute."
    ]
    ledger = f"/api/v1/specialists/{world.specialist.id}/release-days"
    by_hand = await client.post(
        f"{ledger}/{world.entries['brook'].id}/payment", headers=world.lead.headers
    )
    assert by_hand.status_code == 409
    assert "confirmed" in by_hand.json()["detail"]

    await waits(app, world, False)
    not_waiting = await build_and_void(client, world)
    assert not_waiting["entry_count"] == 4
    assert not_waiting["warnings"] == [
        "Left out of this run: 1 entry is disputed by the school's headteacher and will not be "
        "paid until you resolve the dispute."
    ]
    disputed_by_hand = await client.post(
        f"{ledger}/{world.entries['visit'].id}/payment", headers=world.lead.headers
    )
    assert disputed_by_hand.status_code == 409
    assert "disputes" in disputed_by_hand.json()["detail"]

    # Upheld by the hub lead, the disputed day is paid again.
    [summary] = (await client.get(CONFIRMATIONS, headers=world.lead.headers)).json()["items"]
    detail = (
        await client.get(f"{CONFIRMATIONS}/{summary['id']}", headers=world.lead.headers)
    ).json()
    [line] = [i for i in detail["items"] if i["answer"] == "disputed"]
    upheld = await client.post(
        f"{CONFIRMATIONS}/{summary['id']}/lines/{line['id']}/resolution",
        json={"resolution": "upheld", "note": "The head checked the register: it was given."},
        headers=world.lead.headers,
    )
    assert upheld.status_code == 200, upheld.text
    assert [i["head_confirmation"] for i in upheld.json()["items"]] == [
        "confirmed",
        "dispute_resolved",
    ]
    await waits(app, world, True)
    after = await build_and_void(client, world)
    assert after["entry_count"] == 3
    assert "2 entries still wait" in after["warnings"][0]  # type: ignore[index]


async def test_a_dispute_raised_after_a_run_was_built_keeps_the_day_out_when_committing(
    app: FastAPI,
    client: AsyncClient,
    factory: Factory,
    delivery: DeliveryData,
    postie: Postie,
    clock: Clock,
) -> None:
    world = await build_world(factory, delivery)
    await client.put(
        f"/api/v1/schools/{world.ashfield.id}/head-contact",
        json={"headteacher_email": HEAD},
        headers=world.staff.headers,
    )
    assert await confirm_once(app.state.sessionmaker, now=ASKING_DAY, base_url="http://x") == 1
    built = await client.post(RUNS, json={}, headers=world.lead.headers)
    assert built.json()["entry_count"] == 5
    token = await postie.link(HEAD)
    lines = (await client.get(f"{LINKS}/{token}")).json()["lines"]
    await client.post(
        f"{LINKS}/{token}",
        json={
            "answers": [
                {"line_id": lines[0]["id"], "answer": "disputed", "comment": "No such TRG."},
                {"line_id": lines[1]["id"], "answer": "confirmed"},
            ]
        },
    )

    committed = await client.post(f"{RUNS}/{built.json()['id']}/commit", headers=world.lead.headers)

    assert committed.status_code == 200, committed.text
    assert committed.json()["entry_count"] == 4
    ledger = (
        await client.get(
            f"/api/v1/specialists/{world.specialist.id}/release-days",
            params={"academic_year": "2020/21"},
            headers=world.lead.headers,
        )
    ).json()["entries"]
    trg = next(e for e in ledger if e["id"] == str(world.entries["trg"].id))
    assert trg["status"] == "approved" and trg["head_confirmation"] == "disputed"
