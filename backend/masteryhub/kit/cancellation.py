"""Work that must not stop half-way when its task is cancelled: ending a request's transaction,
a worker's pass (its writing transaction). Cancelled while it runs, the work still runs to its
end, and then the cancellation carries on.

``anyio.CancelScope(shield=True)`` does not do this for a plain asyncio cancellation (uvicorn's
on shutdown, ``Task.cancel()`` in the worker): the awaited work was cut off mid-transaction, and
on SQLite the abandoned connection kept the write lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def to_completion(work: Awaitable[T]) -> T:
    """``work``'s result, awaited to its end even if this task is cancelled meanwhile; a
    cancellation that arrived is raised once the work is done."""
    task = asyncio.ensure_future(work)
    cancelled = False
    while True:
        try:
            result = await asyncio.shield(task)
            break
        except asyncio.CancelledError:
            if task.done():  # the work itself was cancelled
                raise
            cancelled = True
    if cancelled:
        raise asyncio.CancelledError
    return result
