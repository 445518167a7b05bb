"""Registers propose the money; people accept it.

When a work-group session is recorded or its register corrected (same transaction):

- each lead specialist is proposed release days for the session — its length in half-day
  steps (the hub's ``release_minutes_per_half_day``; a session without times is a half day)
  at the hub's rate for work-group sessions, funding the specialist's school;
- each participating school whose attendance meets the hub's ``grant_sessions_threshold``
  (sessions in which someone from it attended) is proposed the year rule's per-school grant,
  evidence = the work group.

A proposal is status ``proposed`` and counts against nothing until accepted (then it is a
claim like any other: the cap, then four eyes). One proposal per (evidence, specialist or
school): recording the register again proposes nothing new. A correction adjusts or withdraws
proposals nobody accepted yet, and proposes a reversal of an accepted grant the school no
longer earns — an entry is never edited once accepted.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.day_rates.service import hub_rates_for_claim
from masteryhub.domain.academic_year import academic_year_of, programme_year_if_begun
from masteryhub.domain.activities import Activity
from masteryhub.errors import InvalidTransition
from masteryhub.kit import audit
from masteryhub.models.cohort import CohortYearRule
from masteryhub.models.hub import Hub
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.specialist import Specialist
from masteryhub.models.work_group import WorkGroup, WorkGroupSession
from masteryhub.proposals.errors import NotAProposal
from masteryhub.proposals.repository import ProposalRepository
from masteryhub.release_days.repository import ReleaseDayEntryRepository
from masteryhub.release_days.schemas import days_of
from masteryhub.release_days.service import (
    ReleaseDayCapExceeded,
    amount_for,
    day_rate,
)
from masteryhub.specialists.repository import SpecialistRepository

PROPOSER = "Proposed from the register"


def half_days_of(starts_at: time | None, ends_at: time | None, minutes_per_half_day: int) -> int:
    """A meeting's length in half days, rounded up; at least one half day."""
    if starts_at is None or ends_at is None:
        return 1
    day = date(2000, 1, 1)
    minutes = int((datetime.combine(day, ends_at) - datetime.combine(day, starts_at)).seconds / 60)
    step = max(minutes_per_half_day, 1)
    return max(1, -(-minutes // step))


async def _rule(session: AsyncSession, specialist: Specialist, on: date) -> CohortYearRule | None:
    year = programme_year_if_begun(specialist.cohort.development_year, academic_year_of(on))
    if year is None:
        return None
    return await ReleaseDayEntryRepository(session).year_rule(specialist.cohort_id, year)


def _proposal(
    specialist: Specialist, school_id: uuid.UUID, on: date, **fields: object
) -> ReleaseDayEntry:
    return ReleaseDayEntry(
        hub_id=specialist.hub_id,
        specialist_id=specialist.id,
        academic_year=academic_year_of(on),
        worked_on=on,
        school_id=school_id,
        status=EntryStatus.PROPOSED,
        recorded_by_id=None,
        recorded_by_label=PROPOSER,
        **fields,
    )


def _reversal_proposal(original: ReleaseDayEntry, note: str) -> ReleaseDayEntry:
    return ReleaseDayEntry(
        hub_id=original.hub_id,
        specialist_id=original.specialist_id,
        academic_year=original.academic_year,
        worked_on=original.worked_on,
        kind=original.kind,
        activity=original.activity,
        half_days=-original.half_days,
        day_rate_pence=original.day_rate_pence,
        amount_pence=-original.amount_pence,
        grant_code=original.grant_code,
        school_id=original.school_id,
        evidence_type=original.evidence_type,
        evidence_id=original.evidence_id,
        note=note,
        status=EntryStatus.PROPOSED,
        reverses_id=original.id,
        recorded_by_id=None,
        recorded_by_label=PROPOSER,
    )


async def _withdraw(session: AsyncSession, entry: ReleaseDayEntry, why: str) -> None:
    """A proposal nobody accepted never counted: withdrawing it removes it (audited)."""
    event = await audit.record(session, None, "release_day_entry.withdrawn", entry, after={})
    event.before, event.after = audit.snapshot(entry), {"reason": why}
    await session.delete(entry)


async def from_work_group_session(
    session: AsyncSession, work_group: WorkGroup, work_group_session: WorkGroupSession
) -> None:
    await session.flush()
    hub = await session.get(Hub, work_group.hub_id)
    assert hub is not None
    proposals = ProposalRepository(session)
    specialists = list(
        await session.scalars(
            SpecialistRepository(session)
            .select()
            .where(Specialist.id.in_([lead.specialist_id for lead in work_group.leads]))
            .order_by(Specialist.id)
        )
    )
    on = work_group_session.held_on
    half_days = half_days_of(
        work_group_session.starts_at, work_group_session.ends_at, hub.release_minutes_per_half_day
    )
    existing = {
        e.specialist_id: e
        for e in await proposals.originals_for(
            EvidenceType.WORK_GROUP_SESSION, work_group_session.id, EntryKind.RELEASE_DAYS
        )
    }
    for specialist in specialists:
        rule = await _rule(session, specialist, on)
        if rule is None or specialist.school_id is None:
            continue  # nothing can be claimed for that year, or no school to fund
        hub_rates = await hub_rates_for_claim(
            session, specialist.hub_id, specialist.cohort_id, rule.programme_year
        )
        rate = day_rate(rule, Activity.WORK_GROUP_SESSION, hub_rates)
        if rate is None:
            continue
        found = existing.get(specialist.id)
        if found is None:
            entry = _proposal(
                specialist,
                specialist.school_id,
                on,
                kind=EntryKind.RELEASE_DAYS,
                activity=Activity.WORK_GROUP_SESSION.value,
                half_days=half_days,
                day_rate_pence=rate,
                amount_pence=amount_for(half_days, rate),
                evidence_type=EvidenceType.WORK_GROUP_SESSION,
                evidence_id=work_group_session.id,
                note=f"{work_group.code}: {work_group.title}",
            )
            session.add(entry)
            await audit.record(session, None, "release_day_entry.proposed", entry)
        elif found.status is EntryStatus.PROPOSED and (
            found.half_days != half_days or found.worked_on != on
        ):
            before = audit.snapshot(found)
            found.half_days, found.day_rate_pence = half_days, rate
            found.amount_pence = amount_for(half_days, rate)
            found.worked_on, found.academic_year = on, academic_year_of(on)
            await audit.record(
                session, None, "release_day_entry.proposal_adjusted", found, before=before
            )
    await _grants(session, hub, work_group, specialists)


async def _grants(
    session: AsyncSession, hub: Hub, work_group: WorkGroup, specialists: list[Specialist]
) -> None:
    if not specialists:
        return
    proposals = ProposalRepository(session)
    attended = await proposals.sessions_attended(work_group.id)
    existing = {
        e.school_id: e
        for e in await proposals.originals_for(
            EvidenceType.WORK_GROUP, work_group.id, EntryKind.GRANT
        )
    }
    reversed_ids = await proposals.reversed_ids([e.id for e in existing.values()])
    holder = specialists[0]
    on = await session.scalar(
        select(WorkGroupSession.held_on)
        .where(WorkGroupSession.work_group_id == work_group.id)
        .order_by(WorkGroupSession.held_on.desc())
        .limit(1)
    )
    if on is None:
        return
    rule = await _rule(session, holder, on)
    grant = rule.grants[0] if rule is not None and rule.grants else None
    threshold = hub.grant_sessions_threshold
    for row in work_group.schools:
        met = attended.get(row.school_id, 0) >= threshold
        found = existing.get(row.school_id)
        if met and found is None and grant is not None:
            entry = _proposal(
                holder,
                row.school_id,
                on,
                kind=EntryKind.GRANT,
                grant_code=str(grant["code"]),
                amount_pence=int(grant["amount_pence"]),
                evidence_type=EvidenceType.WORK_GROUP,
                evidence_id=work_group.id,
                note=f"{work_group.code}: attended {attended.get(row.school_id, 0)} sessions",
            )
            session.add(entry)
            await audit.record(session, None, "release_day_entry.proposed", entry)
        elif not met and found is not None and found.id not in reversed_ids:
            why = f"Attendance fell below {threshold} sessions when the register was corrected."
            if found.status is EntryStatus.PROPOSED:
                await _withdraw(session, found, why)
            elif found.status is not EntryStatus.REJECTED:
                reversal = _reversal_proposal(found, why)
                session.add(reversal)
                await audit.record(session, None, "release_day_entry.proposed", reversal)


async def on_work_group_session_deleted(
    session: AsyncSession, work_group_session: WorkGroupSession
) -> None:
    """Before a session is deleted: its unaccepted proposals are withdrawn (they never
    counted). Accepted entries still name it, so the deletion is refused as before — correct
    the register instead, which proposes reversals."""
    proposals = ProposalRepository(session)
    for entry in await proposals.originals_for(
        EvidenceType.WORK_GROUP_SESSION, work_group_session.id, EntryKind.RELEASE_DAYS
    ):
        if entry.status in (EntryStatus.PROPOSED, EntryStatus.REJECTED):
            await _withdraw(session, entry, "The session was deleted.")
    await session.flush()


# ── accept / reject ──────────────────────────────────────────────────────────────────────────


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
            rule = await _rule(session, specialist, entry.worked_on)
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
