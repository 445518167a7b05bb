"""The `q` search of every list (kit/search.py): what a person types is matched literally, so
`%` and `_` — SQL's LIKE wildcards — find only names that contain them."""

from __future__ import annotations

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory


async def _names(client: AsyncClient, path: str, q: str, headers: dict[str, str]) -> list[str]:
    response = await client.get(path, params={"q": q, "limit": 200}, headers=headers)
    assert response.status_code == 200, response.text
    return sorted(item["name"] for item in response.json()["items"])


async def test_a_percent_sign_or_underscore_in_q_matches_only_itself(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await factory.hub(name="Top 5% Maths Hub")
    await factory.hub(name="North_East Maths Hub")
    await factory.hub(name="Plain Maths Hub")

    assert await _names(client, "/api/v1/hubs", "%", admin.headers) == ["Top 5% Maths Hub"]
    assert await _names(client, "/api/v1/hubs", "_", admin.headers) == ["North_East Maths Hub"]
    assert await _names(client, "/api/v1/hubs", "5%", admin.headers) == ["Top 5% Maths Hub"]


async def test_users_are_searched_literally_too(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub, name="Lead Person")
    await factory.user(hub=hub, name="Sam 100% Reliable")
    await factory.user(hub=hub, name="Ana_Lopez")

    assert await _names(client, "/api/v1/users", "%", lead.headers) == ["Sam 100% Reliable"]
    assert await _names(client, "/api/v1/users", "_", lead.headers) == ["Ana_Lopez"]
    assert await _names(client, "/api/v1/users", "  lead ", lead.headers) == ["Lead Person"]
