"""`/day-rates` and `/cohorts/{id}/year-rules/{year}/day-rates`: a hub's own day rates."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from masteryhub.auth.dependencies import HubLead, Staff
from masteryhub.cohorts.schemas import MAX_PROGRAMME_YEAR
from masteryhub.day_rates import service
from masteryhub.day_rates.schemas import DayRates, DayRatesList, DayRatesWrite
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, set_etag
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute

router = APIRouter(tags=["day-rates"], route_class=AppRoute)

RATES_PATH = "/cohorts/{cohort_id}/year-rules/{programme_year}/day-rates"
ProgrammeYear = Annotated[
    int, Path(ge=1, le=MAX_PROGRAMME_YEAR, description="1 is the development year.")
]
HubParam = Annotated[
    uuid.UUID | None,
    Query(description="National admins: the hub whose rates these are (required to write)."),
]


@router.get(
    "/day-rates",
    operation_id="day-rates-list",
    response_model=DayRatesList,
    summary="Day rates per cohort and programme year: national, the hub's own, and in force",
    description="Hub staff and leads: one item per cohort × programme year with a year rule, "
    "for their hub. National admins: with `hub_id`, the same for that hub; without, one item "
    "per rates a hub has set (every hub's).",
)
async def list_day_rates(
    session: DbSession,
    principal: Staff,
    hub_id: HubParam = None,
    cohort_code: Annotated[str | None, Query(max_length=32)] = None,
) -> DayRatesList:
    items = await service.list_day_rates(session, principal, hub_id, cohort_code)
    return DayRatesList(items=items)


@router.get(
    RATES_PATH,
    operation_id="day-rates-get",
    response_model=DayRates,
    summary="A hub's day rates for one programme year of a cohort (ETag when the hub set some)",
    responses=problem_responses(404),
)
async def read_day_rates(
    session: DbSession,
    principal: Staff,
    cohort_id: uuid.UUID,
    programme_year: ProgrammeYear,
    response: Response,
    hub_id: HubParam = None,
) -> DayRates:
    rates, hub_rate = await service.read_day_rates(
        session, principal, cohort_id, programme_year, hub_id
    )
    if hub_rate is not None:
        set_etag(response, hub_rate)
    return rates


@router.put(
    RATES_PATH,
    operation_id="day-rates-put",
    response_model=DayRates,
    summary="Set the hub's day rates for one programme year of a cohort (hub leads)",
    description="Replaces the hub's rates for that year. `If-Match` with the ETag last read "
    "(412 when someone changed them meanwhile); without one, the rates are set whatever they "
    "were. Audited.",
    responses=problem_responses(404, 412),
)
async def put_day_rates(
    session: DbSession,
    principal: HubLead,
    cohort_id: uuid.UUID,
    programme_year: ProgrammeYear,
    data: DayRatesWrite,
    response: Response,
    hub_id: HubParam = None,
    if_match: IfMatch = None,
) -> DayRates:
    rates, hub_rate = await service.put_day_rates(
        session, principal, cohort_id, programme_year, hub_id, data, if_match
    )
    await respond(session, response, hub_rate)
    return rates


@router.delete(
    RATES_PATH,
    operation_id="day-rates-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove the hub's own rates for the year: claims pay the national rule again",
    responses=problem_responses(404, 412),
)
async def delete_day_rates(
    session: DbSession,
    principal: HubLead,
    cohort_id: uuid.UUID,
    programme_year: ProgrammeYear,
    hub_id: HubParam = None,
    if_match: IfMatch = None,
) -> None:
    await service.delete_day_rates(session, principal, cohort_id, programme_year, hub_id, if_match)
