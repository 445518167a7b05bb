"""The worker's periodic passes beside the email dispatcher (headteachers' reference chasers,
their termly confirmations of release days): each pass runs in its own writing transaction, and
a failed pass is logged while the next one still comes on time (the database may be
restarting)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.db import begin_write
from masteryhub.kit.cancellation import to_completion
from masteryhub.models.base import utcnow

log = structlog.get_logger(__name__)

# A pass: its work in the session at that time, answering how many emails it queued.
Pass = Callable[[AsyncSession, datetime], Awaitable[int]]


async def run_once(
    sessionmaker: async_sessionmaker[AsyncSession], work: Pass, *, now: datetime
) -> int:
    """One pass in its own transaction."""
    async with sessionmaker() as session:
        await begin_write(session)
        queued = await work(session, now)
        await session.commit()
    return queued


async def run_every(
    sessionmaker: async_sessionmaker[AsyncSession], work: Pass, *, seconds: float, what: str
) -> None:
    """A pass every ``seconds`` until cancelled; ``what`` names it in the logs. Cancelled
    during a pass, the pass finishes first (kit.cancellation): its transaction is never cut off
    half-way."""
    while True:
        try:
            if queued := await to_completion(run_once(sessionmaker, work, now=utcnow())):
                log.info(f"{what} queued", count=queued)
        except Exception:
            log.exception(f"{what} failed")
        await asyncio.sleep(seconds)
