"""Keyset pagination as an integrator sees it: cursors, `Link` headers, `updated_after`."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient, Response

from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from tests.factories import Caller, Factory

USERS = "/api/v1/users"
EVENTS = "/api/v1/audit-events"
LINK_NEXT = re.compile(r'^<(?P<url>[^>]+)>; rel="next"$')


def next_link(response: Response) -> str | None:
    link = response.headers.get("link")
    if link is None:
        return None
    match = LINK_NEXT.match(link)
    assert match, f"malformed Link header: {link}"
    return match.group("url")


async def walk(
    client: AsyncClient,
    caller: Caller,
    url: str,
    between_pages: Any = None,
) -> list[list[dict[str, Any]]]:
    """Follow `Link: rel="next"` to the end, as an integrator would; returns the pages."""
    pages: list[list[dict[str, Any]]] = []
    next_url: str | None = url
    while next_url is not None:
        response = await client.get(next_url, headers=caller.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body["items"])
        next_url = next_link(response)
        # The body's cursor and the header agree: both present until the last page.
        assert (next_url is None) == (body["next_cursor"] is None)
        if next_url is not None:
            assert f"cursor={body['next_cursor']}" in next_url
        if between_pages is not None:
            await between_pages(len(pages))
        assert len(pages) < 100, "the walk does not end"
    return pages


async def test_walking_to_the_end_while_rows_are_inserted(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    for _ in range(8):
        await factory.user(Role.HUB_STAFF, hub)
    existing = [
        item["id"] for item in (await client.get(USERS, headers=lead.headers)).json()["items"]
    ]
    assert len(existing) == 9
    inserted: list[str] = []

    async def insert_one(page_number: int) -> None:
        if page_number <= 4:  # someone adds a colleague while the integrator is syncing
            inserted.append(str((await factory.user(Role.HUB_STAFF, hub)).id))

    pages = await walk(client, lead, f"{USERS}?limit=2", between_pages=insert_one)

    seen = [item["id"] for page in pages for item in page]
    assert all(1 <= len(page) <= 2 for page in pages)
    assert len(seen) == len(set(seen)), "a row was served twice"
    assert set(existing) <= set(seen), "a row that existed at the start was skipped"
    assert seen[: len(existing)] == existing, "existing rows changed order"
    # Rows inserted during the walk come after the ones that were there, in insertion order.
    assert seen[len(existing) :] == inserted
    assert len(pages[-1]) >= 1


async def test_link_carries_the_other_query_parameters(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    for _ in range(3):
        await factory.user(Role.HUB_STAFF, hub)
    await factory.user(Role.HUB_LEAD, hub)

    pages = await walk(client, lead, f"{USERS}?limit=1&role=hub_staff")

    assert [len(page) for page in pages] == [1, 1, 1]
    assert {item["role"] for page in pages for item in page} == {"hub_staff"}
    first = await client.get(f"{USERS}?limit=1&role=hub_staff", headers=lead.headers)
    link = next_link(first)
    assert link is not None and "limit=1" in link and "role=hub_staff" in link


async def test_a_single_page_has_no_link(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    response = await client.get(f"{USERS}?limit=200", headers=lead.headers)

    assert response.status_code == 200
    assert "link" not in response.headers
    assert response.json()["next_cursor"] is None
    assert [item["id"] for item in response.json()["items"]] == [str(lead.id)]


async def test_updated_after_lists_changes_in_the_order_they_were_made(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    users = [await factory.user(Role.HUB_STAFF, hub) for _ in range(5)]
    await asyncio.sleep(0.01)
    since = datetime.now(UTC)
    await asyncio.sleep(0.01)
    # Changed out of creation order: 3, then 0, then 4.
    for index in (3, 0, 4):
        patched = await client.patch(
            f"{USERS}/{users[index].id}", json={"name": f"Renamed {index}"}, headers=lead.headers
        )
        assert patched.status_code == 200

    stamp = since.isoformat().replace("+00:00", "Z")
    pages = await walk(client, lead, f"{USERS}?limit=1&updated_after={stamp}")

    changed = [item for page in pages for item in page]
    assert [item["id"] for item in changed] == [str(users[i].id) for i in (3, 0, 4)]
    stamps = [item["updated_at"] for item in changed]
    assert stamps == sorted(stamps)
    assert all(datetime.fromisoformat(s) > since for s in stamps)

    later = await client.get(
        USERS,
        params={"updated_after": datetime.now(UTC).isoformat()},
        headers=lead.headers,
    )
    assert later.status_code == 200 and later.json()["items"] == []


async def test_updated_after_must_carry_a_time_zone(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    naive = await client.get(f"{USERS}?updated_after=2020-06-15T16:00:00", headers=lead.headers)

    assert naive.status_code == 422
    assert [error["field"] for error in naive.json()["errors"]] == ["updated_after"]


async def test_a_tampered_cursor_is_a_400_problem(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    for _ in range(3):
        await factory.user(Role.HUB_STAFF, hub)
    cursor = (await client.get(f"{USERS}?limit=1", headers=lead.headers)).json()["next_cursor"]
    assert cursor
    middle = len(cursor) // 2
    flipped = cursor[:middle] + ("A" if cursor[middle] != "A" else "B") + cursor[middle + 1 :]

    for bad in (flipped, cursor[:-4], "not-a-cursor", cursor + "x" * 8, "%%%%"):
        response = await client.get(USERS, params={"cursor": bad}, headers=lead.headers)
        assert response.status_code == 400, bad
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "invalid_cursor"

    genuine = await client.get(USERS, params={"cursor": cursor}, headers=lead.headers)
    assert genuine.status_code == 200


async def test_a_cursor_from_another_ordering_is_refused(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    for _ in range(3):
        await factory.user(Role.HUB_STAFF, hub)
    by_change = await client.get(
        USERS, params={"limit": 1, "updated_after": "2000-01-01T00:00:00Z"}, headers=lead.headers
    )
    cursor = by_change.json()["next_cursor"]
    assert cursor

    response = await client.get(USERS, params={"cursor": cursor}, headers=lead.headers)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


async def test_limit_is_between_1_and_200(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    for limit in (0, 201, -1):
        response = await client.get(USERS, params={"limit": limit}, headers=lead.headers)
        assert response.status_code == 422, limit
        assert response.headers["content-type"] == "application/problem+json"
        assert [error["field"] for error in response.json()["errors"]] == ["limit"]
    for limit in (1, 200):
        assert (
            await client.get(USERS, params={"limit": limit}, headers=lead.headers)
        ).status_code == 200


async def test_every_list_pages_the_same_way(client: AsyncClient, factory: Factory) -> None:
    """Hubs and audit events share the mechanism: walked with limit=1 they give every row once."""
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    hubs: list[Hub] = [await factory.hub() for _ in range(3)]
    for hub in hubs:
        patched = await client.patch(
            f"/api/v1/hubs/{hub.id}", json={"region": "Renamed"}, headers=admin.headers
        )
        assert patched.status_code == 200

    hub_pages = await walk(client, admin, "/api/v1/hubs?limit=1")
    event_pages = await walk(client, admin, "/api/v1/audit-events?limit=1")

    assert [item["id"] for page in hub_pages for item in page] == [str(h.id) for h in hubs]
    events = [item for page in event_pages for item in page]
    assert [event["entity_id"] for event in events] == [str(h.id) for h in hubs]


async def test_walking_newest_first_while_rows_are_inserted(
    client: AsyncClient, factory: Factory
) -> None:
    """Descending: every row there at the start once, newest first; rows inserted during the
    walk sort before the cursor, so they neither repeat nor push an older row off a page."""
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    for n in range(7):
        created = await client.post(
            "/api/v1/hubs", json={"code": f"hub-{n}", "name": f"Hub {n}"}, headers=admin.headers
        )
        assert created.status_code == 201
    oldest_first = (await client.get(EVENTS, params={"limit": 200}, headers=admin.headers)).json()[
        "items"
    ]
    existing = [event["id"] for event in oldest_first]
    assert len(existing) == 7

    async def insert_one(page_number: int) -> None:
        if page_number <= 3:  # a colleague keeps changing things while the log is read
            await client.post(
                "/api/v1/hubs",
                json={"code": f"late-{page_number}", "name": f"Late {page_number}"},
                headers=admin.headers,
            )

    pages = await walk(client, admin, f"{EVENTS}?limit=2&order=desc", between_pages=insert_one)

    seen = [item["id"] for page in pages for item in page]
    assert all(1 <= len(page) <= 2 for page in pages)
    assert seen == existing[::-1], "not exactly the starting rows, newest first"
    stamps = [item["created_at"] for page in pages for item in page]
    assert stamps == sorted(stamps, reverse=True)
    # A fresh walk starts from the newest again, inserted rows included.
    newest = (await client.get(EVENTS, params={"order": "desc"}, headers=admin.headers)).json()
    assert [e["after"]["code"] for e in newest["items"][:3]] == ["late-3", "late-2", "late-1"]


async def test_the_default_order_is_unchanged_and_cursors_keep_their_order(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    for n in range(3):
        await client.post(
            "/api/v1/hubs", json={"code": f"hub-{n}", "name": f"Hub {n}"}, headers=admin.headers
        )
    default = await walk(client, admin, f"{EVENTS}?limit=1")
    ascending = await walk(client, admin, f"{EVENTS}?limit=1&order=asc")
    descending = await walk(client, admin, f"{EVENTS}?limit=1&order=desc")
    assert default == ascending
    assert [p[0]["id"] for p in descending] == [p[0]["id"] for p in ascending][::-1]

    for issued, used in (("asc", "desc"), ("desc", "asc")):
        first = await client.get(
            EVENTS, params={"limit": 1, "order": issued}, headers=admin.headers
        )
        cursor = first.json()["next_cursor"]
        assert cursor and f"order={issued}" in (next_link(first) or "")
        crossed = await client.get(
            EVENTS, params={"cursor": cursor, "order": used}, headers=admin.headers
        )
        assert crossed.status_code == 400, (issued, used)
        assert crossed.json()["code"] == "invalid_cursor"

    wrong = await client.get(EVENTS, params={"order": "newest"}, headers=admin.headers)
    assert wrong.status_code == 422
    assert [error["field"] for error in wrong.json()["errors"]] == ["order"]


async def test_newest_first_with_updated_after_pages_by_change_time_descending(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    users = [await factory.user(Role.HUB_STAFF, hub) for _ in range(3)]
    since = datetime.now(UTC)
    await asyncio.sleep(0.01)
    for user in (users[2], users[0], users[1]):
        patched = await client.patch(
            f"{USERS}/{user.id}", json={"name": "Renamed"}, headers=lead.headers
        )
        assert patched.status_code == 200
        await asyncio.sleep(0.01)

    stamp = since.isoformat().replace("+00:00", "Z")
    pages = await walk(client, lead, f"{EVENTS}?limit=1&order=desc&updated_after={stamp}")

    changed = [item for page in pages for item in page]
    assert [e["entity_id"] for e in changed] == [str(users[i].id) for i in (1, 0, 2)]
