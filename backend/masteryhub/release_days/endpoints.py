from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.dependencies import ALL_ROLES, Allow, ClaimApprover, SignedIn
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import Forbidden, problem_responses
from masteryhub.kit.etags import IfMatch, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.responses import respond, serialised
from masteryhub.kit.routing import AppRoute
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.release_confirmations.repository import ReleaseConfirmationRepository
from masteryhub.release_confirmations.schemas import HeadConfirmation
from masteryhub.release_days import service
from masteryhub.release_days.evidence import EvidenceNotFound
from masteryhub.release_days.repository import ReleaseDayEntryRepository
from masteryhub.release_days.schemas import (
    Evidence,
    PaymentCreate,
    ReleaseDayEntryCreate,
    ReleaseDayEntryRead,
    ReversalCreate,
    SpecialistLedger,
    days_of,
)
from masteryhub.release_days.service import (
    DayRateNotSet,
    FourEyesRequired,
    ReleaseDayCapExceeded,
    SelfApprovalForbidden,
    YearRuleNotSet,
)
from masteryhub.specialists.params import AcademicYear
from masteryhub.specialists.repository import SpecialistRepository
from masteryhub.specialists.schemas import SchoolSummary

router = APIRouter(
    prefix="/specialists/{specialist_id}/release-days", tags=["release-days"], route_class=AppRoute
)

LedgerReader = Annotated[Principal, Depends(Allow(roles=ALL_ROLES, scopes={Scope.LEDGER_READ}))]


def entry_read(
    entry: ReleaseDayEntry,
    reversed_by_id: uuid.UUID | None = None,
    head_confirmation: HeadConfirmation = HeadConfirmation.NOT_ASKED,
) -> ReleaseDayEntryRead:
    return ReleaseDayEntryRead(
        id=entry.id,
        specialist_id=entry.specialist_id,
        academic_year=entry.academic_year,
        date=entry.worked_on,
        kind=entry.kind,
        activity=entry.activity,
        days=days_of(entry.half_days),
        day_rate_pence=entry.day_rate_pence,
        amount_pence=entry.amount_pence,
        grant_code=entry.grant_code,
        school=SchoolSummary.model_validate(entry.school),
        evidence=(
            Evidence(type=entry.evidence_type, id=entry.evidence_id)
            if entry.evidence_type is not None and entry.evidence_id is not None
            else None
        ),
        note=entry.note,
        status=entry.status,
        reverses_id=entry.reverses_id,
        reversed_by_id=reversed_by_id,
        recorded_by_id=entry.recorded_by_id,
        recorded_by_label=entry.recorded_by_label,
        recorded_at=entry.created_at,
        approved_at=entry.approved_at,
        approved_by_id=entry.approved_by_id,
        paid_at=entry.paid_at,
        paid_by_id=entry.paid_by_id,
        payment_reference=entry.payment_reference,
        head_confirmation=head_confirmation,
        updated_at=entry.updated_at,
    )


def entries_read(
    entries: Iterable[ReleaseDayEntry],
    head_confirmations: Mapping[uuid.UUID, HeadConfirmation] | None = None,
) -> list[ReleaseDayEntryRead]:
    entries = list(entries)
    reversals = {e.reverses_id: e.id for e in entries if e.reverses_id is not None}
    states = head_confirmations or {}
    return [
        entry_read(e, reversals.get(e.id), states.get(e.id, HeadConfirmation.NOT_ASKED))
        for e in entries
    ]


async def head_confirmation_of(session: AsyncSession, entry: ReleaseDayEntry) -> HeadConfirmation:
    states = await ReleaseConfirmationRepository(session).states_of([entry.id])
    return states.get(entry.id, HeadConfirmation.NOT_ASKED)


def _location(entry: ReleaseDayEntry) -> str:
    return f"/api/v1/specialists/{entry.specialist_id}/release-days/{entry.id}"


@router.get(
    "",
    operation_id="release-days-list",
    response_model=SpecialistLedger,
    summary="A specialist's ledger for an academic year: entries and balance",
)
async def read_ledger(
    session: DbSession,
    principal: LedgerReader,
    specialist_id: uuid.UUID,
    academic_year: AcademicYear,
) -> Response:
    # One statement (the specialist, the year's entitlement and entries, each with its school),
    # shaped for the declared model and serialised once.
    rows = await ReleaseDayEntryRepository(session).ledger(specialist_id, academic_year)
    return serialised(service.ledger_read(specialist_id, academic_year, rows))


@router.post(
    "",
    operation_id="release-days-claim",
    status_code=status.HTTP_201_CREATED,
    response_model=ReleaseDayEntryRead,
    summary="Claim release days (or a grant, or travel) for a specialist",
    description="Hub staff for any specialist in the hub; a specialist for themself only. "
    "The day rate is the specialist's hub's rate for the activity, else the hub's default, "
    "else the cohort's national year rule (activity, else default). "
    "`409 release_day_cap_exceeded` (with `remaining_days`) when the claim would take the "
    "academic year past the entitlement; `409 day_rate_not_set` (with `cohort_id` and "
    "`programme_year`, to link to where the hub sets its rates) when no rate applies. Every "
    "refusal is worded for the person claiming and names its field in `errors[].field`.",
    responses=problem_responses(
        409, 422, errors=(ReleaseDayCapExceeded, DayRateNotSet, YearRuleNotSet, EvidenceNotFound)
    ),
)
async def claim_release_days(
    session: DbSession,
    principal: SignedIn,
    specialist_id: uuid.UUID,
    data: ReleaseDayEntryCreate,
    response: Response,
    _idempotency: Idempotency,
) -> ReleaseDayEntryRead:
    entry = await service.record_claim(session, principal, specialist_id, data)
    await respond(session, response, entry, location=_location(entry))
    return entry_read(entry)


@router.get("/{entry_id}", operation_id="release-days-get", response_model=ReleaseDayEntryRead)
async def read_entry(
    session: DbSession,
    principal: LedgerReader,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    response: Response,
) -> ReleaseDayEntryRead:
    specialist = await SpecialistRepository(session).get(specialist_id)
    entries = ReleaseDayEntryRepository(session)
    entry = await entries.in_ledger(specialist.id, entry_id)
    set_etag(response, entry)
    return entry_read(
        entry, await entries.reversal_of(entry.id), await head_confirmation_of(session, entry)
    )


@router.post(
    "/{entry_id}/reversal",
    operation_id="release-days-reverse",
    status_code=status.HTTP_201_CREATED,
    response_model=ReleaseDayEntryRead,
    summary="Correct an entry with a reversing entry (once per entry); frees its days",
    responses=problem_responses(409),
)
async def reverse_entry(
    session: DbSession,
    principal: SignedIn,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    data: ReversalCreate,
    response: Response,
    _idempotency: Idempotency,
) -> ReleaseDayEntryRead:
    reversal = await service.reverse_entry(session, principal, specialist_id, entry_id, data)
    await respond(session, response, reversal, location=_location(reversal))
    return entry_read(reversal)


@router.post(
    "/{entry_id}/approval",
    operation_id="release-days-approve",
    response_model=ReleaseDayEntryRead,
    summary="Approve a claimed entry (approvers; never one's own claim or one you recorded)",
    description="Hub leads, national admins and hub staff named approvers "
    "(`can_approve_claims`). `403 four_eyes_required` when the approver recorded the entry; "
    "`403 self_approval_forbidden` when the entry is the approver's own claim.",
    responses=problem_responses(
        409, 412, errors=(Forbidden, FourEyesRequired, SelfApprovalForbidden)
    ),
)
async def approve_entry(
    session: DbSession,
    principal: ClaimApprover,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    response: Response,
    _idempotency: Idempotency,
    if_match: IfMatch = None,
) -> ReleaseDayEntryRead:
    entry = await service.approve_entry(session, principal, specialist_id, entry_id, if_match)
    await respond(session, response, entry)
    return entry_read(entry, head_confirmation=await head_confirmation_of(session, entry))


@router.post(
    "/{entry_id}/payment",
    operation_id="release-days-pay",
    response_model=ReleaseDayEntryRead,
    summary="Mark an approved entry paid (approvers; never one's own claim or one you recorded)",
    description="As approval: hub leads, national admins and named hub staff; "
    "`403 four_eyes_required` when the payer recorded the entry (a reversal's recovery "
    "excepted), `403 self_approval_forbidden` on one's own claim.",
    responses=problem_responses(
        409, 412, errors=(Forbidden, FourEyesRequired, SelfApprovalForbidden)
    ),
)
async def mark_paid(
    session: DbSession,
    principal: ClaimApprover,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    response: Response,
    _idempotency: Idempotency,
    data: PaymentCreate | None = None,
    if_match: IfMatch = None,
) -> ReleaseDayEntryRead:
    entry = await service.mark_paid(
        session, principal, specialist_id, entry_id, data or PaymentCreate(), if_match
    )
    await respond(session, response, entry)
    return entry_read(entry, head_confirmation=await head_confirmation_of(session, entry))
