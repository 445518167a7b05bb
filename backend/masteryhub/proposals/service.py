"""Registers propose the money; people accept it.

When a TRG meeting or a work-group session is recorded or corrected (same transaction):

- each leading specialist is proposed release days for it — its length in half-day steps (the
  hub's ``release_minutes_per_half_day``; a register without times is a half day) at the hub's
  rate for the activity (a school TRG, a pilot TRG, a work-group session: the programme
  documents count leading TRGs and work groups in the release time), funding the specialist's
  school, evidence = the meeting or session;
- for work groups, each participating school whose attendance meets the hub's
  ``grant_sessions_threshold`` (sessions in which someone from it attended) is proposed the
  year rule's per-school grant, evidence = the work group. A school that withdrew earns none.

A proposal is status ``proposed`` and counts against nothing until accepted (then it is a
claim like any other: the cap, then four eyes). One proposal per (evidence, specialist or
school): recording the register again proposes nothing new. A correction adjusts or withdraws
proposals nobody accepted yet, and proposes a reversal of an accepted entry the register no
longer supports (a lead replaced, a school below the threshold, a meeting re-timed: then a
fresh proposal at the new figures stands beside the reversal) — an accepted entry is never
edited. Deleting a register withdraws its unaccepted proposals and proposes reversals of its
accepted entries; the entries keep naming it (the deletion's audit event keeps its record).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.day_rates.service import rate_for
from masteryhub.domain.academic_year import academic_year_of, programme_year_if_begun
from masteryhub.domain.activities import Activity
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
from masteryhub.models.trg_meeting import TrgMeeting
from masteryhub.models.work_group import WorkGroup, WorkGroupSession
from masteryhub.proposals.repository import ProposalRepository
from masteryhub.release_days.evidence import TRG_ACTIVITIES
from masteryhub.release_days.repository import ReleaseDayEntryRepository
from masteryhub.release_days.service import amount_for

PROPOSER = "Proposed from the register"
UNACCEPTED = (EntryStatus.PROPOSED, EntryStatus.REJECTED)


def half_days_of(starts_at: time | None, ends_at: time | None, minutes_per_half_day: int) -> int:
    """A meeting's length in half days, rounded up; at least one half day."""
    if starts_at is None or ends_at is None:
        return 1
    day = date(2000, 1, 1)
    minutes = int((datetime.combine(day, ends_at) - datetime.combine(day, starts_at)).seconds / 60)
    step = max(minutes_per_half_day, 1)
    return max(1, -(-minutes // step))


def _programme_year(specialist: Specialist, on: date) -> int | None:
    return programme_year_if_begun(specialist.cohort.development_year, academic_year_of(on))


async def year_rule(
    session: AsyncSession, specialist: Specialist, on: date
) -> CohortYearRule | None:
    year = _programme_year(specialist, on)
    if year is None:
        return None
    return await ReleaseDayEntryRepository(session).year_rule(specialist.cohort_id, year)


@dataclass(frozen=True)
class Register:
    """What a recorded meeting or session proposes release days from."""

    hub_id: uuid.UUID
    evidence_type: EvidenceType
    evidence_id: uuid.UUID
    held_on: date
    half_days: int
    activity: Activity
    note: str
    lead_ids: Sequence[uuid.UUID]


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


async def _withdraw(session: AsyncSession, entry: ReleaseDayEntry, why: str) -> None:
    """A proposal nobody accepted never counted: withdrawing it removes it (audited)."""
    event = await audit.record(session, None, "release_day_entry.withdrawn", entry, after={})
    event.before, event.after = audit.snapshot(entry), {"reason": why}
    await session.delete(entry)


async def _propose_reversal(session: AsyncSession, original: ReleaseDayEntry, why: str) -> None:
    """An accepted entry the register no longer supports: its reversal is proposed. Once
    accepted it stands where the original stood — for a paid entry, money to recover, a
    negative line in the next payment run."""
    reversal = original.reversal(
        note=why, status=EntryStatus.PROPOSED, recorded_by_id=None, recorded_by_label=PROPOSER
    )
    session.add(reversal)
    await audit.record(session, None, "release_day_entry.proposed", reversal)


async def _undo(session: AsyncSession, entry: ReleaseDayEntry, why: str) -> None:
    if entry.status in UNACCEPTED:
        await _withdraw(session, entry, why)
    else:
        await _propose_reversal(session, entry, why)


async def _rates(
    session: AsyncSession, register: Register, specialists: Sequence[Specialist]
) -> dict[uuid.UUID, int]:
    """Each lead's day rate for the register's activity: the year rules and the hub's rates of
    every lead in one query."""
    years = {s.id: _programme_year(s, register.held_on) for s in specialists}
    wanted = {(s.cohort_id, year) for s in specialists if (year := years[s.id]) is not None}
    found = await ProposalRepository(session).rules_and_rates(register.hub_id, wanted)
    rates: dict[uuid.UUID, int] = {}
    for specialist in specialists:
        rule_and_rates = found.get((specialist.cohort_id, years[specialist.id] or 0))
        if rule_and_rates is None:
            continue  # nothing can be claimed for that year
        rule, hub_rates = rule_and_rates
        rate = rate_for(rule.day_rates_pence or {}, hub_rates, register.activity)
        if rate is not None:
            rates[specialist.id] = rate
    return rates


async def _propose_release_days(
    session: AsyncSession, register: Register, *, corrected: bool, deleted: bool = False
) -> None:
    """Bring the register's release-day proposals in line with it (see the module's words).
    ``corrected``: its date, times, kind or lead changed, so accepted entries that no longer
    match are reversed and proposed afresh."""
    await session.flush()
    proposals = ProposalRepository(session)
    originals = await proposals.originals_for(
        register.evidence_type, register.evidence_id, EntryKind.RELEASE_DAYS
    )
    reversed_ids = await proposals.reversed_ids([e.id for e in originals])
    named = {e.specialist_id for e in originals}
    live = {e.specialist_id: e for e in originals if e.id not in reversed_ids}
    leads = [] if deleted else await proposals.specialists(register.lead_ids)
    why = "The register was deleted." if deleted else "The register was corrected."
    for specialist_id, entry in live.items():
        if specialist_id not in {lead.id for lead in leads}:
            await _undo(session, entry, why)
    rates = await _rates(session, register, leads)
    for specialist in leads:
        rate = rates.get(specialist.id)
        if rate is None or specialist.school_id is None:
            continue  # no year rule or rate to claim at, or no school to fund
        figures = {
            "activity": register.activity.value,
            "half_days": register.half_days,
            "day_rate_pence": rate,
            "amount_pence": amount_for(register.half_days, rate),
            "worked_on": register.held_on,
            "academic_year": academic_year_of(register.held_on),
        }
        found = live.get(specialist.id)
        if found is not None and all(getattr(found, k) == v for k, v in figures.items()):
            continue
        if found is not None and found.status is EntryStatus.PROPOSED:
            before = audit.snapshot(found)
            for field, value in figures.items():
                setattr(found, field, value)
            await audit.record(
                session, None, "release_day_entry.proposal_adjusted", found, before=before
            )
            continue
        if found is not None:
            if found.status is EntryStatus.REJECTED or not corrected:
                continue  # the register did not change what it proves; leave the decision
            await _propose_reversal(session, found, why)
        elif specialist.id in named:
            continue  # reversed by hand since: the register proposes it only once
        entry = _proposal(
            specialist,
            specialist.school_id,
            register.held_on,
            kind=EntryKind.RELEASE_DAYS,
            activity=register.activity.value,
            half_days=register.half_days,
            day_rate_pence=rate,
            amount_pence=amount_for(register.half_days, rate),
            evidence_type=register.evidence_type,
            evidence_id=register.evidence_id,
            note=register.note,
        )
        session.add(entry)
        await audit.record(session, None, "release_day_entry.proposed", entry)
    await session.flush()


# ── work groups ──────────────────────────────────────────────────────────────────────────────


def _session_register(
    hub: Hub, work_group: WorkGroup, work_group_session: WorkGroupSession
) -> Register:
    return Register(
        hub_id=work_group.hub_id,
        evidence_type=EvidenceType.WORK_GROUP_SESSION,
        evidence_id=work_group_session.id,
        held_on=work_group_session.held_on,
        half_days=half_days_of(
            work_group_session.starts_at,
            work_group_session.ends_at,
            hub.release_minutes_per_half_day,
        ),
        activity=Activity.WORK_GROUP_SESSION,
        note=f"{work_group.code}: {work_group.title}",
        lead_ids=[lead.specialist_id for lead in work_group.leads],
    )


async def from_work_group_session(
    session: AsyncSession,
    work_group: WorkGroup,
    work_group_session: WorkGroupSession,
    *,
    corrected: bool = False,
) -> None:
    await session.flush()  # the session's id, for the evidence
    hub = await session.get(Hub, work_group.hub_id)
    assert hub is not None
    register = _session_register(hub, work_group, work_group_session)
    await _propose_release_days(session, register, corrected=corrected)
    await grants_for(session, work_group)


async def on_work_group_session_deleted(
    session: AsyncSession, work_group: WorkGroup, work_group_session: WorkGroupSession
) -> None:
    """Before the session is deleted: its lead's unaccepted proposals are withdrawn and
    accepted entries' reversals proposed. The grants are looked at again after the deletion
    (``grants_for``), since its attendance no longer counts."""
    hub = await session.get(Hub, work_group.hub_id)
    assert hub is not None
    register = _session_register(hub, work_group, work_group_session)
    await _propose_release_days(session, register, corrected=True, deleted=True)


async def grants_for(session: AsyncSession, work_group: WorkGroup) -> None:
    """Each school's grant as its attendance across the sessions now stands."""
    await session.flush()
    hub = await session.get(Hub, work_group.hub_id)
    assert hub is not None
    proposals = ProposalRepository(session)
    leads = await proposals.specialists([lead.specialist_id for lead in work_group.leads])
    if not leads:
        return
    attended = await proposals.sessions_attended(work_group.id)
    existing = {
        e.school_id: e
        for e in await proposals.originals_for(
            EvidenceType.WORK_GROUP, work_group.id, EntryKind.GRANT
        )
    }
    reversed_ids = await proposals.reversed_ids([e.id for e in existing.values()])
    holder = leads[0]
    on = await proposals.last_session_on(work_group.id)
    if on is None:
        return
    rule = await year_rule(session, holder, on)
    grant = rule.grants[0] if rule is not None and rule.grants else None
    threshold = hub.grant_sessions_threshold
    for row in work_group.schools:
        found = existing.get(row.school_id)
        if row.withdrawn_on is not None:
            # A school that withdrew earns no grant; one already accepted is recovered by
            # the hub lead's clawback, not by the register.
            if found is not None and found.status is EntryStatus.PROPOSED:
                await _withdraw(session, found, "The school withdrew from the work group.")
            continue
        met = attended.get(row.school_id, 0) >= threshold
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
                await _propose_reversal(session, found, why)
    await session.flush()


# ── TRG meetings ─────────────────────────────────────────────────────────────────────────────


async def _meeting_register(session: AsyncSession, meeting: TrgMeeting) -> Register:
    await session.flush()  # the meeting's id, for the evidence
    hub = await session.get(Hub, meeting.hub_id)
    assert hub is not None
    activity, name = TRG_ACTIVITIES[meeting.kind]
    return Register(
        hub_id=meeting.hub_id,
        evidence_type=EvidenceType.TRG_MEETING,
        evidence_id=meeting.id,
        held_on=meeting.held_on,
        half_days=half_days_of(
            meeting.starts_at, meeting.ends_at, hub.release_minutes_per_half_day
        ),
        activity=activity,
        note=f"{name}: {meeting.focus}" if meeting.focus else name,
        lead_ids=[meeting.lead_specialist_id],
    )


async def from_trg_meeting(
    session: AsyncSession, meeting: TrgMeeting, *, corrected: bool = False
) -> None:
    """A recorded (or corrected) TRG meeting proposes its lead's release days."""
    register = await _meeting_register(session, meeting)
    await _propose_release_days(session, register, corrected=corrected)


async def on_trg_meeting_deleted(session: AsyncSession, meeting: TrgMeeting) -> None:
    register = await _meeting_register(session, meeting)
    await _propose_release_days(session, register, corrected=True, deleted=True)
