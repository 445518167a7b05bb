"""Rate limits through the `limits` library: in memory, or Redis when configured so replicas
share one count."""

from __future__ import annotations

import math
import time
from typing import cast

from limits import parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from masteryhub.config import Settings
from masteryhub.errors import RateLimited


class RateLimits:
    def __init__(self, settings: Settings) -> None:
        self.storage: Storage = (
            cast(Storage, storage_from_string("async+" + settings.redis_url))
            if settings.redis_url
            else MemoryStorage()
        )
        self.limiter = MovingWindowRateLimiter(self.storage)

    async def hit(self, rule: str, *identifiers: str, detail: str | None = None) -> None:
        """Count one hit against ``rule`` (e.g. "10/15 minutes"); 429 when over the limit."""
        item = parse(rule)
        if not await self.limiter.hit(item, "masteryhub", *identifiers):
            stats = await self.limiter.get_window_stats(item, "masteryhub", *identifiers)
            raise RateLimited(math.ceil(stats.reset_time - time.time()), detail)

    async def ensure_allowed(self, rule: str, *identifiers: str, detail: str | None = None) -> None:
        """429 if ``rule`` is already used up, without counting this call."""
        item = parse(rule)
        if not await self.limiter.test(item, "masteryhub", *identifiers):
            stats = await self.limiter.get_window_stats(item, "masteryhub", *identifiers)
            raise RateLimited(math.ceil(stats.reset_time - time.time()), detail)

    async def count(self, rule: str, *identifiers: str) -> None:
        """Count one hit without refusing (e.g. a failed sign-in)."""
        await self.limiter.hit(parse(rule), "masteryhub", *identifiers)

    async def clear(self, rule: str, *identifiers: str) -> None:
        await self.limiter.clear(parse(rule), "masteryhub", *identifiers)

    async def check(self) -> bool:
        return bool(await self.storage.check())

    async def reset(self) -> None:
        await self.storage.reset()
