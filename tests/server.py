"""A real `masteryhub serve` (uvicorn) in a subprocess, for what only a real server shows:
how it treats proxy headers, and latency under load (tests/bench)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_SECRET


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def serving(
    database_url: str, log: Path, env: Mapping[str, str] | None = None
) -> AsyncIterator[str]:
    """Serve DATABASE_URL (already migrated) on a free port; yields the base URL."""
    port = free_port()
    executable = shutil.which("masteryhub") or str(Path(sys.executable).parent / "masteryhub")
    process = await asyncio.create_subprocess_exec(
        executable,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        env={
            **os.environ,
            "MASTERYHUB_DATABASE_URL": database_url,
            "MASTERYHUB_SECRET_KEY": TEST_SECRET,
            "MASTERYHUB_ENV": "test",
            "MASTERYHUB_BASE_URL": "http://127.0.0.1",
            **(env or {}),
        },
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as probe:
            for _ in range(300):
                try:
                    if (await probe.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                pytest.fail(f"masteryhub serve did not start within 30 s (log: {log})")
        yield base
    finally:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            process.kill()
            await process.wait()
