"""Recovering a grant from a school that withdrew from a work group (a clawback).

The grant is never edited: the hub lead reverses it, with a reason. The reversal stands where
the grant stood — reversing a paid grant leaves money to recover (approved, negative), which
the next payment run carries as a negative line for that school. Asking again for the same
school answers the reversal already made (idempotent).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.errors import NotFound
from masteryhub.kit import audit
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.work_group import WorkGroup, WorkGroupSchool
from masteryhub.payment_runs.service import pounds_text
from masteryhub.proposals.errors import NothingToRecover, SchoolNotWithdrawn
from masteryhub.proposals.repository import ProposalRepository
from masteryhub.release_days.schemas import ReversalCreate
from masteryhub.release_days.service import reverse_entry


@dataclass(frozen=True)
class Grant:
    """A school's grant from a work group, and its reversal if there is one."""

    school: WorkGroupSchool
    entry: ReleaseDayEntry
    reversal: ReleaseDayEntry | None


async def grants_of(session: AsyncSession, work_group: WorkGroup) -> list[Grant]:
    """Each participating school's grant (any status), with its reversal; two queries."""
    proposals = ProposalRepository(session)
    originals = await proposals.originals_for(
        EvidenceType.WORK_GROUP, work_group.id, EntryKind.GRANT
    )
    reversals = await proposals.reversals_of([e.id for e in originals])
    rows = {row.school_id: row for row in work_group.schools}
    return [
        Grant(rows[e.school_id], e, reversals.get(e.id)) for e in originals if e.school_id in rows
    ]


@dataclass(frozen=True)
class Clawback:
    reversal: ReleaseDayEntry
    created: bool


async def recover_grant(
    session: AsyncSession,
    actor: Principal,
    work_group: WorkGroup,
    school_id: uuid.UUID,
    reason: str,
) -> Clawback:
    row = next((r for r in work_group.schools if r.school_id == school_id), None)
    if row is None:
        raise NotFound("No such school in this work group.")
    if row.withdrawn_on is None:
        raise SchoolNotWithdrawn(
            "This school has not withdrawn from the work group, so its grant stands. Record "
            "its withdrawal first."
        )
    grants = [g for g in await grants_of(session, work_group) if g.school.school_id == school_id]
    for found in grants:
        if found.reversal is not None:
            return Clawback(found.reversal, created=False)
    accepted = [
        g for g in grants if g.entry.status not in (EntryStatus.PROPOSED, EntryStatus.REJECTED)
    ]
    if not accepted:
        raise NothingToRecover(
            "The school has no accepted grant from this work group: there is nothing to "
            "recover. A grant still proposed is rejected instead."
        )
    original = accepted[0].entry
    reversal = await reverse_entry(
        session,
        actor,
        original.specialist_id,
        original.id,
        ReversalCreate(reason=reason),
    )
    audit.record_action(
        session,
        actor,
        "work_group.grant_recovered",
        entity_type=WorkGroup.__tablename__,
        entity_id=work_group.id,
        after={
            "school_id": str(school_id),
            "grant_entry_id": str(original.id),
            "reversal_entry_id": str(reversal.id),
            "amount": pounds_text(reversal.amount_pence),
            "grant_status": original.status.value,
            "reason": reason,
        },
        hub_id=work_group.hub_id,
    )
    return Clawback(reversal, created=True)
