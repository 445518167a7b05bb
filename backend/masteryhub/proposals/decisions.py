"""Accepting or rejecting what a register proposed: the specialist for themself, or hub staff."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.errors import InvalidTransition
from masteryhub.kit import audit
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.proposals.errors import NotAProposal
from masteryhub.proposals.service import year_rule
from masteryhub.release_days.repository import ReleaseDayEntryRepository
from masteryhub.release_days.schemas import days_of
from masteryhub.release_days.service import ReleaseDayCapExceeded
from masteryhub.specialists.repository import SpecialistRepository


async def accept(
    session: AsyncSession, actor: Principal, specialist_id: uuid.UUID, entry_id: uuid.UUID
) -> ReleaseDayEntry:
    specialist = await SpecialistRepository(session).lock_for_claim(actor, specialist_id)
    entries = ReleaseDayEntryRepository(session)
    entry = await entries.in_ledger(specialist.id, entry_id, lock=True)
    if entry.status is not EntryStatus.PROPOSED:
        raise NotAProposal(f"Only a proposed entry can be accepted; this one is {entry.status}.")
    before = audit.snapshot(entry)
    if entry.reverses_id is not None:
        original = await entries.in_ledger(specialist.id, entry.reverses_id)
        # A reversal stands where the entry it reverses stood (see release_days.service).
        status = (
            EntryStatus.CLAIMED if original.status is EntryStatus.CLAIMED else EntryStatus.APPROVED
        )
        entry.status = status
        if status is EntryStatus.APPROVED:
            entry.approved_at, entry.approved_by_id = original.approved_at, actor.id
    else:
        if entry.kind is EntryKind.RELEASE_DAYS:
            rule = await year_rule(session, specialist, entry.worked_on)
            entitlement = rule.release_half_days if rule is not None else 0
            totals = await entries.totals(specialist.id, entry.academic_year)
            remaining = entitlement - totals.claimed_half_days
            if entry.half_days > remaining:
                raise ReleaseDayCapExceeded(
                    f"Only {days_of(max(remaining, 0)):g} of the {days_of(entitlement):g} release "
                    f"days remain for {entry.academic_year}; this proposal is for "
                    f"{days_of(entry.half_days):g}. Reject it, or reverse another claim first.",
                    extra={"remaining_days": days_of(max(remaining, 0))},
                )
        entry.status = EntryStatus.CLAIMED
    # Whoever accepts it stands as its recorder: someone else approves it (four eyes).
    entry.recorded_by_id, entry.recorded_by_label = actor.id, actor.label
    await audit.record(session, actor, "release_day_entry.accepted", entry, before=before)
    return entry


async def reject(
    session: AsyncSession,
    actor: Principal,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    reason: str | None,
) -> ReleaseDayEntry:
    specialist = await SpecialistRepository(session).lock_for_claim(actor, specialist_id)
    entry = await ReleaseDayEntryRepository(session).in_ledger(specialist.id, entry_id, lock=True)
    if entry.status is not EntryStatus.PROPOSED:
        raise NotAProposal(f"Only a proposed entry can be rejected; this one is {entry.status}.")
    if entry.reverses_id is not None:
        # A rejected reversal would hold the entry's one reversal: it is withdrawn instead.
        raise InvalidTransition(
            "A proposed reversal cannot be rejected: the register it follows changed. Correct "
            "the register instead, or accept the reversal."
        )
    before = audit.snapshot(entry)
    entry.status = EntryStatus.REJECTED
    if reason:
        entry.note = reason
    await audit.record(session, actor, "release_day_entry.rejected", entry, before=before)
    return entry
