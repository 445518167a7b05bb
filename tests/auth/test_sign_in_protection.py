"""The sign-in holes closed: X-Forwarded-For believed only from trusted proxies, a lockout that
does not lock the owner out, hashing off the event loop, intake throttled per client."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from masteryhub.auth.passwords import HashingPool, hash_password
from masteryhub.config import Settings
from masteryhub.errors import ServiceBusy
from masteryhub.kit.client_address import client_address
from masteryhub.main import create_app
from masteryhub.models.user import Role
from tests.auth.conftest import TOKEN
from tests.factories import PASSWORD, Factory
from tests.server import serving

PROXY = ipaddress.ip_network("10.0.0.0/24")


def test_the_right_most_untrusted_address_is_the_client() -> None:
    # No trusted proxies (the default): the header is ignored whatever it says.
    assert client_address("198.51.100.7", ["203.0.113.9"], []) == "198.51.100.7"
    # The peer is not a trusted proxy: ignored too.
    assert client_address("198.51.100.7", ["203.0.113.9"], [PROXY]) == "198.51.100.7"
    # Through our proxy: what it appended is the client; what the client wrote is not.
    assert client_address("10.0.0.5", ["203.0.113.9, 198.51.100.7"], [PROXY]) == "198.51.100.7"
    assert client_address("10.0.0.5", ["203.0.113.9", "198.51.100.7"], [PROXY]) == "198.51.100.7"
    # Two of our proxies in a row are skipped; garbage is never taken as an address.
    assert client_address("10.0.0.5", ["198.51.100.7, 10.0.0.9"], [PROXY]) == "198.51.100.7"
    assert client_address("10.0.0.5", ["1.2.3.4, not-an-ip"], [PROXY]) == "10.0.0.5"
    assert client_address("10.0.0.5", [], [PROXY]) == "10.0.0.5"


async def _failed_sign_ins(client: AsyncClient, count: int) -> list[int]:
    statuses = []
    for n in range(count):
        response = await client.post(
            TOKEN,
            data={
                "grant_type": "password",
                "username": f"nobody{n}@example.org",  # a new account each time
                "password": "wrong password here",
            },
            headers={"X-Forwarded-For": f"203.0.113.{n % 250}, 198.51.100.{n % 250}"},
        )
        statuses.append(response.status_code)
    return statuses


async def test_rotating_x_forwarded_for_does_not_escape_the_address_throttle(
    app: FastAPI, client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.state.settings, "login_attempts_per_ip", "10/15 minutes")

    statuses = await _failed_sign_ins(client, 14)

    # Before: every attempt looked like a new address and none was ever 429.
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429] * 4


@pytest.fixture
async def behind_proxy(migrated: str, settings: Settings) -> AsyncIterator[FastAPI]:
    """The app as deployed behind nginx: the test client's address is the trusted proxy."""
    application = create_app(
        settings.model_copy(
            update={"trusted_proxies": ["127.0.0.1/32"], "login_attempts_per_ip": "10/15 minutes"}
        )
    )
    yield application
    await application.state.rate_limits.reset()
    await application.state.engine.dispose()


async def test_behind_a_trusted_proxy_only_the_proxys_own_entry_counts(
    behind_proxy: FastAPI,
) -> None:
    transport = ASGITransport(app=behind_proxy, client=("127.0.0.1", 40000))
    async with AsyncClient(transport=transport, base_url="http://testserver") as client:
        # The client rotates what it writes; nginx appends the one address it saw.
        spoofed = [
            (
                await client.post(
                    TOKEN,
                    data={"grant_type": "password", "username": f"x{n}@e.org", "password": "no"},
                    headers={"X-Forwarded-For": f"203.0.113.{n}, 198.51.100.1"},
                )
            ).status_code
            for n in range(12)
        ]
        # Someone else, behind the same proxy, is not throttled by it.
        other = await client.post(
            TOKEN,
            data={"grant_type": "password", "username": "y@e.org", "password": "no"},
            headers={"X-Forwarded-For": "198.51.100.2"},
        )

    assert spoofed == [400] * 10 + [429, 429]
    assert other.status_code == 400


def _from(app: FastAPI, address: str) -> AsyncClient:
    transport = ASGITransport(app=app, client=(address, 50000), raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://testserver")


async def test_an_attacker_elsewhere_cannot_lock_the_owner_out(
    app: FastAPI, factory: Factory
) -> None:
    owner = await factory.user(Role.HUB_LEAD, await factory.hub())
    wrong = {"grant_type": "password", "username": owner.email, "password": "guess guess guess"}
    right = {"grant_type": "password", "username": owner.email, "password": PASSWORD}

    async with _from(app, "203.0.113.66") as attacker, _from(app, "198.51.100.10") as home:
        guesses = [(await attacker.post(TOKEN, data=wrong)).status_code for _ in range(7)]
        refused = await attacker.post(TOKEN, data=right)
        owner_signs_in = await home.post(TOKEN, data=right)

    # Locked out: the attacker's address for this account (5 in the tests) ...
    assert guesses == [400] * 5 + [429, 429]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    # ... not the owner, from their own address.
    assert owner_signs_in.status_code == 200, owner_signs_in.text


async def test_a_slower_per_account_rate_holds_across_addresses(
    app: FastAPI, factory: Factory
) -> None:
    owner = await factory.user(Role.HUB_STAFF, await factory.hub())
    wrong = {"grant_type": "password", "username": owner.email, "password": "guess guess guess"}

    statuses = []
    for n in range(13):  # a botnet: every guess from a new address
        async with _from(app, f"203.0.113.{n + 1}") as bot:
            statuses.append((await bot.post(TOKEN, data=wrong)).status_code)

    # 12 an account per 15 minutes in the tests (50 an hour by default), whatever the address.
    assert statuses == [400] * 12 + [429]


async def test_hashing_runs_off_the_event_loop_in_a_bounded_pool() -> None:
    pool = HashingPool(threads=1, queue=1)
    stored = hash_password(PASSWORD)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    tick = asyncio.create_task(ticker())
    started = time.perf_counter()
    results = await asyncio.gather(
        pool.verify(PASSWORD, stored),
        pool.verify("wrong password", stored),
        pool.verify(PASSWORD, stored),
        return_exceptions=True,
    )
    elapsed = time.perf_counter() - started
    tick.cancel()

    # One hashing, one waiting; the third is told to come back rather than queue.
    assert results[0] is True and results[1] is False
    assert isinstance(results[2], ServiceBusy) and results[2].status == 503
    # The loop kept running while two argon2 verifications (~100 ms+ each) ran: on the loop,
    # the ticker would only have run between them (a tick or three).
    assert ticks >= 10, (ticks, elapsed)


async def test_a_real_server_ignores_x_forwarded_for_even_told_to_trust_everyone(
    migrated: str, tmp_path: Path
) -> None:
    """The old deployment: uvicorn with FORWARDED_ALLOW_IPS="*" took the client's left-most
    X-Forwarded-For entry, so 60 rotating guesses were never answered 429. uvicorn no longer
    reads the header; the app does, from MASTERYHUB_TRUSTED_PROXIES only (none here)."""
    env = {"FORWARDED_ALLOW_IPS": "*", "MASTERYHUB_LOGIN_ATTEMPTS_PER_IP": "10/15 minutes"}
    async with (
        serving(migrated, tmp_path / "server.log", env) as base,
        httpx.AsyncClient(base_url=base) as http,
    ):
        statuses = [
            (
                await http.post(
                    TOKEN,
                    data={"grant_type": "password", "username": f"z{n}@e.org", "password": "no"},
                    headers={"X-Forwarded-For": f"203.0.113.{n}"},
                )
            ).status_code
            for n in range(12)
        ]

    assert statuses == [400] * 10 + [429, 429]


async def test_rotating_x_forwarded_for_does_not_escape_the_reference_link_throttle(
    client: AsyncClient,
) -> None:
    statuses = [
        (
            await client.get(
                f"/api/v1/references/guess-{n}",
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            )
        ).status_code
        for n in range(32)
    ]

    # 30 a minute per address: the guesses are unknown links (404) until the address is
    # throttled, whatever it claims to be forwarded for.
    assert statuses == [404] * 30 + [429, 429]
