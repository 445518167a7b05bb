"""`/schools/{id}/head-contact`: the hub's headteacher contact for a school."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from masteryhub.auth.dependencies import Staff
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, set_etag
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.school_contacts import service
from masteryhub.school_contacts.schemas import SchoolContactRead, SchoolContactWrite

router = APIRouter(tags=["school-contacts"], route_class=AppRoute)

PATH = "/schools/{school_id}/head-contact"
HubParam = Annotated[
    uuid.UUID | None,
    Query(description="National admins: the hub whose contact this is (required)."),
]


def read_of(
    school_id: uuid.UUID, hub_id: uuid.UUID, head: service.HeadContact
) -> SchoolContactRead:
    return SchoolContactRead(
        school_id=school_id,
        hub_id=hub_id,
        headteacher_name=head.name,
        headteacher_email=head.email,
        source=head.source,
        updated_at=head.row.updated_at if head.row is not None else None,
    )


@router.get(
    PATH,
    operation_id="school-contacts-get",
    response_model=SchoolContactRead,
    summary="Who the hub asks to confirm the school's release days (ETag when the hub set it)",
    responses=problem_responses(404, 422),
)
async def read_head_contact(
    session: DbSession,
    principal: Staff,
    school_id: uuid.UUID,
    response: Response,
    hub_id: HubParam = None,
) -> SchoolContactRead:
    school, hub, head = await service.read_contact(session, principal, school_id, hub_id)
    if head.row is not None:
        set_etag(response, head.row)
    return read_of(school.id, hub, head)


@router.put(
    PATH,
    operation_id="school-contacts-put",
    response_model=SchoolContactRead,
    summary="Set the school's headteacher name and email for the hub (hub staff)",
    description="Creates or replaces the hub's contact. `If-Match` with the ETag last read "
    "(412 when someone changed it meanwhile). Audited. The termly confirmation of release days "
    "goes to this address.",
    responses=problem_responses(404, 412, 422),
)
async def put_head_contact(
    session: DbSession,
    principal: Staff,
    school_id: uuid.UUID,
    data: SchoolContactWrite,
    response: Response,
    hub_id: HubParam = None,
    if_match: IfMatch = None,
) -> SchoolContactRead:
    school, hub, head = await service.put_contact(
        session, principal, school_id, hub_id, data, if_match
    )
    assert head.row is not None
    await respond(session, response, head.row)
    return read_of(school.id, hub, head)
