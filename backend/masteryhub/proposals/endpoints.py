"""Proposed entries: listed for the meeting/session page, accepted or rejected by the
specialist (for themself) or hub staff."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from masteryhub.auth.dependencies import ALL_ROLES, Allow, SignedIn
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.routing import AppRoute
from masteryhub.proposals import decisions
from masteryhub.proposals.repository import ProposalRepository
from masteryhub.proposals.schemas import ProposalList, ProposalRejection
from masteryhub.release_days.endpoints import entries_read, entry_read
from masteryhub.release_days.schemas import ReleaseDayEntryRead
from masteryhub.release_days.service import ReleaseDayCapExceeded

router = APIRouter(tags=["release-days"], route_class=AppRoute)

LedgerReader = Annotated[Principal, Depends(Allow(roles=ALL_ROLES, scopes={Scope.LEDGER_READ}))]
ENTRY = "/specialists/{specialist_id}/release-days/{entry_id}"


@router.get(
    "/release-day-proposals",
    operation_id="release-days-proposals",
    response_model=ProposalList,
    summary="Entries proposed by registers and not yet accepted or rejected",
    description="Hub staff see the hub's; a specialist their own. `evidence_id`: only those a "
    "meeting, session or work group proposed (repeat for several).",
)
async def list_proposals(
    session: DbSession,
    principal: LedgerReader,
    evidence_id: Annotated[list[uuid.UUID] | None, Query(max_length=50)] = None,
) -> ProposalList:
    own = principal.own_specialist_ids
    entries = await ProposalRepository(session).proposed(
        evidence_ids=evidence_id, specialist_ids=set(own) if own is not None else None
    )
    return ProposalList(items=entries_read(entries))


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
