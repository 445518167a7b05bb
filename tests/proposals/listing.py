"""The open proposals someone sees, read as the SPA reads them."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.factories import Caller

PROPOSALS = "/api/v1/release-day-proposals"


async def open_proposals(client: AsyncClient, who: Caller, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(PROPOSALS, params=params, headers=who.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
