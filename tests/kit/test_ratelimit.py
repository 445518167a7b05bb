"""Rate limits: shared by replicas through Redis, in memory by default."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest

from masteryhub.errors import RateLimited
from masteryhub.kit.ratelimit import RateLimits

# Database 15 of the machine's Redis is the tests' own.
REDIS_URL = os.environ.get("MASTERYHUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def replicas(settings) -> AsyncIterator[tuple[RateLimits, RateLimits]]:  # type: ignore[no-untyped-def]
    shared = settings.model_copy(update={"redis_url": REDIS_URL})
    first, second = RateLimits(shared), RateLimits(shared)
    if not await first.check():
        pytest.fail(f"Redis is not answering at {REDIS_URL} (start redis-server)")
    yield first, second
    await first.reset()


async def test_two_replicas_share_one_count_through_redis(
    replicas: tuple[RateLimits, RateLimits],
) -> None:
    first, second = replicas
    account = f"login-account:{uuid.uuid4()}"

    await first.hit("3/minute", account)
    await second.hit("3/minute", account)
    await first.hit("3/minute", account)

    with pytest.raises(RateLimited) as refused:
        await second.hit("3/minute", account)
    assert 0 < int(refused.value.headers["Retry-After"]) <= 60
    with pytest.raises(RateLimited):
        await first.ensure_allowed("3/minute", account)
    # Another identity has its own count.
    await second.hit("3/minute", f"login-account:{uuid.uuid4()}")


async def test_clearing_on_one_replica_clears_for_all(
    replicas: tuple[RateLimits, RateLimits],
) -> None:
    first, second = replicas
    account = f"login-account:{uuid.uuid4()}"
    for _ in range(2):
        await first.count("2/minute", account)
    with pytest.raises(RateLimited):
        await second.ensure_allowed("2/minute", account)

    await second.clear("2/minute", account)

    await first.ensure_allowed("2/minute", account)


async def test_in_memory_limits_are_per_process(settings) -> None:  # type: ignore[no-untyped-def]
    local = settings.model_copy(update={"redis_url": None})
    first, second = RateLimits(local), RateLimits(local)
    account = f"login-account:{uuid.uuid4()}"

    await first.hit("1/minute", account)

    await second.hit("1/minute", account)  # its own memory: not refused
    with pytest.raises(RateLimited):
        await first.hit("1/minute", account)
