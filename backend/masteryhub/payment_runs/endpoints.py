"""`/payment-runs`: hub leads pay their schools approved entries in reviewed batches."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import StreamingResponse

from masteryhub.auth.dependencies import HubLead
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.payment_run import PaymentRun
from masteryhub.payment_runs import service
from masteryhub.payment_runs.errors import NegativeRun, NothingToPay
from masteryhub.payment_runs.repository import PaymentRunRepository, SchoolTotal
from masteryhub.payment_runs.schemas import (
    PaymentRunCommit,
    PaymentRunCreate,
    PaymentRunFields,
    PaymentRunList,
    PaymentRunRead,
    PaymentRunSchool,
    PaymentRunSummary,
    PaymentRunVoid,
)

router = APIRouter(prefix="/payment-runs", tags=["payment-runs"], route_class=AppRoute)

CSV = "text/csv"
HubParam = Annotated[
    uuid.UUID | None,
    Query(description="National admins: the hub whose runs these are (required to build one)."),
]


def summary_of(run: PaymentRun, schools: list[SchoolTotal] | None = None) -> PaymentRunSummary:
    return PaymentRunSummary(
        **PaymentRunFields.model_validate(run).model_dump(),
        warnings=service.warnings_of(run, schools or ()),
    )


def read_of(view: service.RunView, response: Response | None = None) -> PaymentRunRead:
    if response is not None:
        set_etag(response, view.run)
    return PaymentRunRead(
        **summary_of(view.run, view.schools).model_dump(),
        schools=[PaymentRunSchool.model_validate(s, from_attributes=True) for s in view.schools],
    )


@router.get(
    "",
    operation_id="payment-runs-list",
    response_model=PaymentRunList,
    summary="The hub's payment runs, newest first (hub leads)",
)
async def list_runs(
    session: DbSession, principal: HubLead, hub_id: HubParam = None
) -> PaymentRunList:
    scope = hub_id if principal.is_national else principal.hub_id
    runs = await PaymentRunRepository(session).of_hub(scope)
    return PaymentRunList(items=[summary_of(run) for run in runs])


@router.post(
    "",
    operation_id="payment-runs-create",
    status_code=status.HTTP_201_CREATED,
    response_model=PaymentRunRead,
    summary="Build a draft payment run from the hub's approved, unpaid entries",
    description="Takes every approved entry in no other run (narrowed by `up_to`, `school_id`, "
    "`cohort_id`), less entries reversed since and reversals of entries never paid, and holds "
    "them for this run: two runs never contain the same entry, even built at once. Review it "
    "per school, then commit it. `409 payment_run_empty` when nothing matches. Audited.",
    responses=problem_responses(409, 422, errors=(NothingToPay,)),
)
async def create_run(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    response: Response,
    data: PaymentRunCreate | None = None,
    hub_id: HubParam = None,
) -> PaymentRunRead:
    view = await service.build_run(session, principal, data or PaymentRunCreate(), hub_id)
    await respond(session, response, view.run, location=f"/api/v1/payment-runs/{view.run.id}")
    return read_of(view)


@router.get(
    "/{payment_run_id}",
    operation_id="payment-runs-get",
    response_model=PaymentRunRead,
    summary="A payment run with its per-school totals (what each remittance says)",
    responses=problem_responses(404),
)
async def read_run(
    session: DbSession, principal: HubLead, payment_run_id: uuid.UUID, response: Response
) -> PaymentRunRead:
    return read_of(await service.view_run(session, payment_run_id), response)


@router.post(
    "/{payment_run_id}/commit",
    operation_id="payment-runs-commit",
    response_model=PaymentRunRead,
    summary="Commit a draft run: every entry in it becomes paid with the run's reference",
    description="Atomic and audited. Entries reversed since the run was built are left out. "
    "`409 payment_run_negative` when the run's total is below zero unless "
    "`allow_negative_total` is true.",
    responses=problem_responses(404, 409, 412, errors=(NegativeRun, NothingToPay)),
)
async def commit_run(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    payment_run_id: uuid.UUID,
    response: Response,
    data: PaymentRunCommit | None = None,
    if_match: IfMatch = None,
) -> PaymentRunRead:
    view = await service.commit_run(
        session, principal, payment_run_id, data or PaymentRunCommit(), if_match
    )
    return read_of(view, response)


@router.post(
    "/{payment_run_id}/sent",
    operation_id="payment-runs-mark-sent",
    response_model=PaymentRunRead,
    summary="Mark a committed run sent to the schools (it can then no longer be voided)",
    responses=problem_responses(404, 409, 412),
)
async def mark_sent(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    payment_run_id: uuid.UUID,
    response: Response,
    if_match: IfMatch = None,
) -> PaymentRunRead:
    return read_of(await service.mark_sent(session, principal, payment_run_id, if_match), response)


@router.post(
    "/{payment_run_id}/void",
    operation_id="payment-runs-void",
    response_model=PaymentRunRead,
    summary="Void a run not yet sent: its entries return to approved, in no run",
    responses=problem_responses(404, 409, 412),
)
async def void_run(
    session: DbSession,
    principal: HubLead,
    _idempotency: Idempotency,
    payment_run_id: uuid.UUID,
    data: PaymentRunVoid,
    response: Response,
    if_match: IfMatch = None,
) -> PaymentRunRead:
    view = await service.void_run(session, principal, payment_run_id, data, if_match)
    return read_of(view, response)


@router.get(
    "/{payment_run_id}/remittance",
    operation_id="payment-runs-remittance",
    summary="The run's remittance as CSV: the whole run, or one school's (`school_id`)",
    description="One row per entry (URN, school, local authority, date, specialist, item, "
    "days, day rate, amount) and a total row; pounds with two decimals (`350.00`, "
    "`-350.00`); text that would start a spreadsheet formula is prefixed with an apostrophe.",
    response_class=StreamingResponse,
    responses={
        200: {"description": "The remittance", "content": {CSV: {"schema": {"type": "string"}}}},
        **problem_responses(404, 422),
    },
)
async def remittance(
    session: DbSession,
    principal: HubLead,
    payment_run_id: uuid.UUID,
    school_id: Annotated[uuid.UUID | None, Query(description="One school's remittance.")] = None,
) -> StreamingResponse:
    run, lines, filename = await service.remittance(session, payment_run_id, school_id)
    return StreamingResponse(
        service.remittance_csv(run.reference, lines),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
