"""What a payment run leaves out for the head's word (used by payment_runs.service).

- An entry its school's head disputed is never paid while the dispute is open.
- When the hub's ``payment_waits_for_confirmation`` is on, release days are paid only once the
  head confirmed them (or the hub lead upheld a dispute); grants, travel and reversals never
  wait. The run says how many were left out and why (``held_back_note``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.models.hub import Hub
from masteryhub.models.release_day_entry import EntryStatus, ReleaseDayEntry
from masteryhub.release_confirmations.repository import (
    ReleaseConfirmationRepository,
    confirmed_by_head,
    needs_confirmation,
    open_dispute,
)


def payment_hold(waits_for_confirmation: bool) -> list[ColumnElement[bool]]:
    """Conditions an entry must meet to be paid."""
    conditions = [~open_dispute()]
    if waits_for_confirmation:
        conditions.append(~needs_confirmation() | confirmed_by_head())
    return conditions


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


async def held_back_note(
    session: AsyncSession, payable: list[ColumnElement[bool]], hold: list[ColumnElement[bool]]
) -> str | None:
    """The sentence saying what ``hold`` left out of the entries matching ``payable``."""
    disputed, awaiting = await ReleaseConfirmationRepository(session).held_back(payable, hold)
    parts = []
    if awaiting:
        parts.append(
            f"{_entries(awaiting)} still {'waits' if awaiting == 1 else 'wait'} for the school's "
            "headteacher to confirm the release days (this hub pays release days only once "
            "the head has confirmed them)"
        )
    if disputed:
        parts.append(
            f"{_entries(disputed)} {'is' if disputed == 1 else 'are'} disputed by the school's "
            "headteacher and will not be paid until you resolve the dispute"
        )
    if not parts:
        return None
    return f"Left out of this run: {'; '.join(parts)}."


async def release_disputed(session: AsyncSession, run_id: uuid.UUID) -> int:
    """Take out of a draft run the entries disputed since it was built."""
    result: Any = await session.execute(
        update(ReleaseDayEntry)
        .where(
            ReleaseDayEntry.payment_run_id == run_id,
            ReleaseDayEntry.status == EntryStatus.APPROVED,
            open_dispute(),
        )
        .values(payment_run_id=None, version=ReleaseDayEntry.version + 1)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


async def payment_hold_of(session: AsyncSession, hub_id: uuid.UUID) -> list[ColumnElement[bool]]:
    """The hold for the hub, by its ``payment_waits_for_confirmation`` setting."""
    waits = await session.scalar(select(Hub.payment_waits_for_confirmation).where(Hub.id == hub_id))
    return payment_hold(bool(waits))


async def payment_blocked(session: AsyncSession, entry: ReleaseDayEntry) -> str | None:
    """Why the head's word stops this entry being paid by hand, or None."""
    hold = await payment_hold_of(session, entry.hub_id)
    passes = await session.scalar(
        select(ReleaseDayEntry.id).where(ReleaseDayEntry.id == entry.id, *hold)
    )
    if passes is not None:
        return None
    if await session.scalar(
        select(ReleaseDayEntry.id).where(ReleaseDayEntry.id == entry.id, open_dispute())
    ):
        return "The school's headteacher disputes this day: resolve the dispute before paying it."
    return (
        "This hub pays release days only once the school's headteacher has confirmed them, "
        "and this day is not confirmed yet."
    )
