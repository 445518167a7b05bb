"""Helpers for the schools tests: uploads land in a temporary directory."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from tests.factories import Caller

IMPORTS = "/api/v1/schools/imports"


@pytest.fixture(autouse=True)
def _import_dir(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if "app" in request.fixturenames:
        app: FastAPI = request.getfixturevalue("app")
        monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
        monkeypatch.setattr(app.state.settings, "import_dir", tmp_path / "imports")


async def upload(
    client: AsyncClient, caller: Caller, path: Path, headers: dict[str, str] | None = None
) -> Any:
    """POST the file; returns the response."""
    with path.open("rb") as file:
        return await client.post(
            IMPORTS,
            files={"file": (path.name, file, "text/csv")},
            headers=caller.headers | (headers or {}),
        )


async def wait_for_job(
    client: AsyncClient, caller: Caller, job_id: str, timeout: float = 60
) -> dict[str, Any]:
    """Poll the job until it is completed or failed."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        response = await client.get(f"{IMPORTS}/{job_id}", headers=caller.headers)
        assert response.status_code == 200, response.text
        job: dict[str, Any] = response.json()
        if job["status"] in {"completed", "failed"}:
            return job
        assert asyncio.get_running_loop().time() < deadline, job
        await asyncio.sleep(0.02)


async def import_file(client: AsyncClient, caller: Caller, path: Path) -> dict[str, Any]:
    """Upload and wait: the finished job."""
    response = await upload(client, caller, path)
    assert response.status_code == 202, response.text
    return await wait_for_job(client, caller, response.json()["id"])


async def school_by_urn(client: AsyncClient, caller: Caller, urn: str) -> dict[str, Any]:
    response = await client.get("/api/v1/schools", params={"urn": urn}, headers=caller.headers)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert len(items) == 1, items
    school: dict[str, Any] = items[0]
    return school
