"""Proposed entries: listed for the meeting/session page, accepted or rejected by the
specialist (for themself) or hub staff."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from masteryhub.auth.dependencies import ALL_ROLES, Allow, HubLead, SignedIn, Staff
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.release_day_entry import EntryStatus
from masteryhub.proposals import clawback, decisions
from masteryhub.proposals.errors import NothingToRecover, SchoolNotWithdrawn
from masteryhub.proposals.repository import ProposalRepository
from masteryhub.proposals.schemas import (
    ClawbackCreate,
    GrantRead,
    ProposalList,
    ProposalRead,
    ProposalRejection,
    WorkGroupGrants,
)
from masteryhub.release_days.endpoints import entries_read, entry_read
from masteryhub.release_days.schemas import ReleaseDayEntryRead
from masteryhub.release_days.service import ReleaseDayCapExceeded
from masteryhub.work_groups.repository import WorkGroupRepository

router = APIRouter(tags=["release-days"], route_class=AppRoute)

LedgerReader = Annotated[Principal, Depends(Allow(roles=ALL_ROLES, scopes={Scope.LEDGER_READ}))]
ENTRY = "/specialists/{specialist_id}/release-days/{entry_id}"


@router.get(
    "/release-day-proposals",
    operation_id="release-days-proposals",
    response_model=ProposalList,
    summary="Entries proposed by registers and not yet accepted or rejected",
    description="Hub staff see the hub's; a specialist their own. `evidence_id`: only those a "
    "meeting, session or work group proposed (repeat for several). `specialist_id`: only that "
    "specialist's, whichever register proposed them. `register_deleted` marks a proposal "
    "(a reversal) whose meeting or session was deleted since.",
)
async def list_proposals(
    session: DbSession,
    principal: LedgerReader,
    evidence_id: Annotated[list[uuid.UUID] | None, Query(max_length=50)] = None,
    specialist_id: uuid.UUID | None = None,
) -> ProposalList:
    found = await ProposalRepository(session).proposed(
        evidence_ids=evidence_id, specialist_id=specialist_id
    )
    reads = entries_read(p.entry for p in found)
    return ProposalList(
        items=[
            ProposalRead(
                **read.model_dump(),
                specialist_name=p.specialist_name,
                register_deleted=p.register_deleted,
            )
            for read, p in zip(reads, found, strict=True)
        ]
    )


@router.post(
    f"{ENTRY}/acceptance",
    operation_id="release-days-accept",
    response_model=ReleaseDayEntryRead,
    summary="Accept a proposed entry: it becomes a claim (the cap applies), approved by another",
    description="The specialist for themself, or hub staff. Whoever accepts stands as its "
    "recorder, so someone else approves it. `409 release_day_cap_exceeded` when the days "
    "would pass the entitlement.",
    responses=problem_responses(404, 409, errors=(ReleaseDayCapExceeded,)),
)
async def accept_proposal(
    session: DbSession,
    principal: SignedIn,
    _idempotency: Idempotency,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    response: Response,
) -> ReleaseDayEntryRead:
    entry = await decisions.accept(session, principal, specialist_id, entry_id)
    set_etag(response, entry)
    return entry_read(entry)


@router.post(
    f"{ENTRY}/rejection",
    operation_id="release-days-reject",
    response_model=ReleaseDayEntryRead,
    summary="Reject a proposed entry: it stays on record and counts for nothing",
    responses=problem_responses(404, 409),
)
async def reject_proposal(
    session: DbSession,
    principal: SignedIn,
    _idempotency: Idempotency,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    response: Response,
    data: ProposalRejection | None = None,
) -> ReleaseDayEntryRead:
    reason = data.reason if data else None
    entry = await decisions.reject(session, principal, specialist_id, entry_id, reason)
    set_etag(response, entry)
    return entry_read(entry)


# ── grants and clawback ──────────────────────────────────────────────────────────────────────

GRANTS = "/work-groups/{work_group_id}/grants"
# Grants and their recovery are read and acted on from the work group.
grants_router = APIRouter(tags=["work-groups"], route_class=AppRoute)


def _grant_read(grant: clawback.Grant) -> GrantRead:
    accepted = grant.entry.status not in (EntryStatus.PROPOSED, EntryStatus.REJECTED)
    return GrantRead(
        school_id=grant.school.school_id,
        withdrawn_on=grant.school.withdrawn_on,
        grant=entry_read(grant.entry, grant.reversal.id if grant.reversal else None),
        reversal=entry_read(grant.reversal) if grant.reversal else None,
        recoverable=grant.school.withdrawn_on is not None and accepted and grant.reversal is None,
    )


@grants_router.get(
    GRANTS,
    operation_id="work-groups-grants",
    response_model=WorkGroupGrants,
    summary="Each participating school's grant from the work group, and its reversal if any",
    responses=problem_responses(404),
)
async def list_grants(
    session: DbSession, principal: Staff, work_group_id: uuid.UUID
) -> WorkGroupGrants:
    work_group = await WorkGroupRepository(session).get(work_group_id)
    grants = await clawback.grants_of(session, work_group)
    return WorkGroupGrants(items=[_grant_read(g) for g in grants])


@grants_router.post(
    "/work-groups/{work_group_id}/schools/{school_id}/clawback",
    operation_id="work-groups-recover-grant",
    status_code=status.HTTP_201_CREATED,
    response_model=ReleaseDayEntryRead,
    summary="Recover the grant of a school that withdrew (a reversing entry; hub leads)",
    description="Reverses the school's accepted grant with the reason given. A paid grant's "
    "reversal is approved money to recover: the next payment run carries it as a negative "
    "line for the school. Asking again answers the reversal already made (`200`). "
    "`409 school_not_withdrawn` while the school takes part; `409 nothing_to_recover` when "
    "it has no accepted grant. Audited.",
    responses=problem_responses(404, 409, errors=(SchoolNotWithdrawn, NothingToRecover)),
)
async def recover_grant(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    work_group_id: uuid.UUID,
    school_id: uuid.UUID,
    data: ClawbackCreate,
    response: Response,
) -> ReleaseDayEntryRead:
    work_group = await WorkGroupRepository(session).for_update(work_group_id)
    done = await clawback.recover_grant(session, principal, work_group, school_id, data.reason)
    location = f"/api/v1/specialists/{done.reversal.specialist_id}/release-days/{done.reversal.id}"
    await respond(session, response, done.reversal, location=location)
    if not done.created:
        response.status_code = status.HTTP_200_OK
    return entry_read(done.reversal)
