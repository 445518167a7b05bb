"""Work that must not stop half-way (kit/cancellation.py) runs to its end when cancelled."""

from __future__ import annotations

import asyncio

import pytest

from masteryhub.kit.cancellation import to_completion


async def test_a_cancelled_task_still_finishes_the_work_then_is_cancelled() -> None:
    finished: list[str] = []

    async def end_transaction() -> None:
        await asyncio.sleep(0.1)
        finished.append("ended")

    async def request() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            await to_completion(end_transaction())

    task = asyncio.create_task(request())
    await asyncio.sleep(0.01)
    task.cancel()
    await asyncio.sleep(0.01)
    task.cancel()  # again, while the transaction is ending
    with pytest.raises(asyncio.CancelledError):
        await task
    assert finished == ["ended"]


async def test_uncancelled_work_answers_as_usual() -> None:
    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    assert await to_completion(answer()) == 42
