"""`/release-confirmation-links/{token}` (the head's page: public, the token is the credential,
throttled per address) and `/release-confirmations` (the hub lead's view: awaiting, answered,
disputes; resend a link; resolve a dispute)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.dependencies import HubLead
from masteryhub.config import Settings
from masteryhub.db import DbSession
from masteryhub.domain.academic_year import ACADEMIC_YEAR_PATTERN
from masteryhub.domain.terms import TermName, term
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.etags import set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.public_links import throttle_per_address
from masteryhub.kit.routing import AppRoute
from masteryhub.models.hub import Hub
from masteryhub.models.release_confirmation import ReleaseConfirmation
from masteryhub.models.school import School
from masteryhub.release_confirmations import service
from masteryhub.release_confirmations.errors import (
    ConfirmationAlreadyAnswered,
    ConfirmationAnswered,
    ConfirmationLinkExpired,
    NoHeadEmail,
    NotDisputed,
)
from masteryhub.release_confirmations.repository import (
    LineCounts,
    ReleaseConfirmationRepository,
    state_of,
)
from masteryhub.release_confirmations.schemas import (
    ConfirmationAnswer,
    ConfirmationLineRead,
    ConfirmationLineView,
    ConfirmationList,
    ConfirmationRead,
    ConfirmationReceipt,
    ConfirmationState,
    ConfirmationSummary,
    ConfirmationView,
    DisputeResolutionWrite,
    SchoolWithoutHead,
)
from masteryhub.release_days.schemas import days_of

# Per client address, reading and answering alike: enough for a person, not for guessing.
LINK_ATTEMPTS_PER_IP = "30/minute"
LINK_PROBLEMS = problem_responses(
    404, 410, 429, errors=(ConfirmationAnswered, ConfirmationLinkExpired)
)

public_router = APIRouter(
    prefix="/release-confirmation-links",
    tags=["release-confirmations"],
    dependencies=[Depends(throttle_per_address("release-confirmation-ip", LINK_ATTEMPTS_PER_IP))],
    route_class=AppRoute,
)
router = APIRouter(
    prefix="/release-confirmations", tags=["release-confirmations"], route_class=AppRoute
)


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@public_router.get(
    "/{token}",
    operation_id="release-confirmations-link-get",
    response_model=ConfirmationView,
    responses=LINK_PROBLEMS,
    summary="The release days a headteacher is asked to confirm (public: the token is the "
    "credential)",
)
async def read_link(session: DbSession, token: str, now: Now) -> ConfirmationView:
    link, confirmation = await service.open_link(session, token, now)
    asked = service.term_of_request(confirmation)
    hub = await session.get(Hub, confirmation.hub_id)
    assert hub is not None
    lines = await ReleaseConfirmationRepository(session).line_details(confirmation.id)
    return ConfirmationView(
        school_name=confirmation.school.name,
        school_urn=confirmation.school.urn,
        hub_name=hub.name,
        term=asked.name,
        term_label=asked.label,
        academic_year=asked.academic_year,
        term_starts_on=asked.starts_on,
        term_ends_on=asked.ends_on,
        headteacher_name=confirmation.headteacher_name,
        link_expires_at=link.expires_at,
        lines=[
            ConfirmationLineView(
                id=line.line_id,
                specialist_name=line.specialist_name,
                date=line.worked_on,
                activity=line.activity,
                activity_label=service.activity_label(line.activity),
                days=days_of(line.half_days),
            )
            for line in lines
        ],
    )


@public_router.post(
    "/{token}",
    operation_id="release-confirmations-link-answer",
    response_model=ConfirmationReceipt,
    responses=problem_responses(
        404, 410, 422, 429, errors=(ConfirmationAnswered, ConfirmationLinkExpired)
    ),
    summary="Confirm or dispute each release day (single use; a dispute needs a comment)",
)
async def answer_link(
    session: DbSession, token: str, data: ConfirmationAnswer, now: Now
) -> ConfirmationReceipt:
    _, confirmed, disputed = await service.answer(session, token, data, now)
    return ConfirmationReceipt(answered_at=now, confirmed=confirmed, disputed=disputed)


# ── the hub lead ─────────────────────────────────────────────────────────────────────────────


def summary_of(
    confirmation: ReleaseConfirmation, counts: LineCounts | None, now: datetime
) -> ConfirmationSummary:
    counts = counts or LineCounts(0, 0, 0, 0)
    asked = term(confirmation.academic_year, TermName(confirmation.term))
    return ConfirmationSummary(
        id=confirmation.id,
        hub_id=confirmation.hub_id,
        school_id=confirmation.school_id,
        school_urn=confirmation.school.urn,
        school_name=confirmation.school.name,
        academic_year=confirmation.academic_year,
        term=asked.name,
        term_label=asked.label,
        sequence=confirmation.sequence,
        headteacher_name=confirmation.headteacher_name,
        sent_to=confirmation.sent_to,
        sent_at=confirmation.sent_at,
        expires_at=confirmation.expires_at,
        answered_at=confirmation.answered_at,
        answered_by_name=confirmation.answered_by_name,
        state=service.state_of(confirmation, now),
        lines=counts.lines,
        confirmed_lines=counts.confirmed,
        disputed_lines=counts.disputed,
        open_disputes=counts.open_disputes,
        updated_at=confirmation.updated_at,
    )


async def read_of(
    session: AsyncSession,
    confirmation_id: uuid.UUID,
    now: datetime,
    response: Response | None = None,
) -> ConfirmationRead:
    repository = ReleaseConfirmationRepository(session)
    confirmation = await repository.get(confirmation_id)
    if response is not None:
        set_etag(response, confirmation)
    counts = await repository.counts([confirmation.id])
    lines = {line.id: line for line in await repository.lines_of(confirmation.id)}
    details = await repository.line_details(confirmation.id)
    return ConfirmationRead(
        **summary_of(confirmation, counts.get(confirmation.id), now).model_dump(),
        items=[
            ConfirmationLineRead(
                id=d.line_id,
                entry_id=d.entry_id,
                specialist_id=d.specialist_id,
                specialist_name=d.specialist_name,
                date=d.worked_on,
                activity=d.activity,
                days=days_of(d.half_days),
                amount_pence=d.amount_pence,
                entry_status=d.entry_status,
                answer=lines[d.line_id].answer,
                comment=lines[d.line_id].comment,
                resolution=lines[d.line_id].resolution,
                resolution_note=lines[d.line_id].resolution_note,
                resolved_at=lines[d.line_id].resolved_at,
                resolved_by_label=lines[d.line_id].resolved_by_label,
                head_confirmation=state_of(lines[d.line_id].answer, lines[d.line_id].resolved_at),
            )
            for d in details
        ],
    )


async def schools_without_head(session: AsyncSession, now: datetime) -> list[SchoolWithoutHead]:
    """Schools with release days to confirm and nobody to ask (the caller's hub's)."""
    waiting = [p for p in await service.pending(session, now, all_hubs=False) if p.head is None]
    by_school: dict[tuple[uuid.UUID, uuid.UUID], list[service.Pending]] = {}
    for item in waiting:
        by_school.setdefault((item.hub_id, item.school_id), []).append(item)
    schools = (
        {
            s.id: s
            for s in await session.scalars(
                select(School).where(School.id.in_({k[1] for k in by_school}))
            )
        }
        if by_school
        else {}
    )
    return [
        SchoolWithoutHead(
            school_id=school_id,
            hub_id=hub_id,
            school_urn=schools[school_id].urn,
            school_name=schools[school_id].name,
            entries=sum(len(i.entry_ids) for i in items),
            terms=[i.term.label for i in items],
        )
        for (hub_id, school_id), items in sorted(
            by_school.items(), key=lambda kv: schools[kv[0][1]].urn
        )
    ]


@router.get(
    "",
    operation_id="release-confirmations-list",
    response_model=ConfirmationList,
    summary="Headteachers' confirmations of release days, newest first, and the schools with "
    "no headteacher email on record (hub leads)",
)
async def list_confirmations(
    session: DbSession,
    principal: HubLead,
    now: Now,
    state: Annotated[ConfirmationState | None, Query()] = None,
    disputed: Annotated[
        bool | None, Query(description="true: only requests with open disputes.")
    ] = None,
    academic_year: Annotated[
        str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2020/21"])
    ] = None,
) -> ConfirmationList:
    repository = ReleaseConfirmationRepository(session)
    confirmations = await repository.newest(academic_year=academic_year)
    counts = await repository.counts(c.id for c in confirmations)
    items = [summary_of(c, counts.get(c.id), now) for c in confirmations]
    if state is not None:
        items = [item for item in items if item.state is state]
    if disputed is not None:
        items = [item for item in items if (item.open_disputes > 0) is disputed]
    return ConfirmationList(
        items=items, schools_without_head_email=await schools_without_head(session, now)
    )


@router.get(
    "/{confirmation_id}",
    operation_id="release-confirmations-get",
    response_model=ConfirmationRead,
    responses=problem_responses(404),
    summary="One request: its lines with the head's answers and any resolution (hub leads)",
)
async def read_confirmation(
    session: DbSession,
    principal: HubLead,
    confirmation_id: uuid.UUID,
    response: Response,
    now: Now,
) -> ConfirmationRead:
    return await read_of(session, confirmation_id, now, response)


@router.post(
    "/{confirmation_id}/resend",
    operation_id="release-confirmations-resend",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ConfirmationRead,
    responses=problem_responses(404, 409, errors=(ConfirmationAlreadyAnswered, NoHeadEmail)),
    summary="Send the head a new link, to the school's headteacher email as on record now "
    "(the open links stop working)",
)
async def resend_confirmation(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    request: Request,
    confirmation_id: uuid.UUID,
    response: Response,
    now: Now,
) -> ConfirmationRead:
    await service.resend(
        session, principal, confirmation_id, base_url=settings_of(request).base_url
    )
    await session.flush()
    return await read_of(session, confirmation_id, now, response)


@router.post(
    "/{confirmation_id}/lines/{line_id}/resolution",
    operation_id="release-confirmations-resolve",
    response_model=ConfirmationRead,
    responses=problem_responses(404, 409, 422, errors=(NotDisputed,)),
    summary="Resolve a disputed day: reverse the entry, or uphold it with a note (hub leads)",
    description="`reversed` adds the ledger's reversing entry (as `…/reversal` does); `upheld` "
    "lets the day be paid. Either way the note is kept with the line. Audited.",
)
async def resolve_dispute(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    confirmation_id: uuid.UUID,
    line_id: uuid.UUID,
    data: DisputeResolutionWrite,
    response: Response,
    now: Now,
) -> ConfirmationRead:
    await service.resolve(session, principal, confirmation_id, line_id, data)
    await session.flush()
    return await read_of(session, confirmation_id, now, response)
