"""Where a school's headteacher email comes from: GIAS has none, so each hub keeps its own
contact per school (staff edit it, audited); without one, the head named on the school's most
recent appointed application in that hub."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.etags import check_if_match
from masteryhub.models.hub import Hub
from masteryhub.models.school import School
from masteryhub.models.school_contact import SchoolContact
from masteryhub.school_contacts.repository import SchoolContactRepository
from masteryhub.school_contacts.schemas import ContactSource, SchoolContactWrite
from masteryhub.schools.repository import SchoolRepository


@dataclass(frozen=True)
class HeadContact:
    name: str | None
    email: str | None
    source: ContactSource | None
    row: SchoolContact | None = None


def hub_of(actor: Principal, hub_id: uuid.UUID | None) -> uuid.UUID:
    """A hub caller's own hub, always; a national admin names the hub."""
    if not actor.is_national:
        assert actor.hub_id is not None
        return actor.hub_id
    if hub_id is None:
        raise ValidationFailed(
            errors=[FieldError(field="hub_id", message="Choose the hub whose contact this is.")]
        )
    return hub_id


async def heads_of(
    session: AsyncSession, pairs: list[tuple[uuid.UUID, uuid.UUID]]
) -> dict[tuple[uuid.UUID, uuid.UUID], HeadContact]:
    """The head to ask for each (hub, school), in two queries; absent when nobody is known."""
    contacts = SchoolContactRepository(session)
    set_by_hub = await contacts.of_schools(pairs)
    missing = [pair for pair in pairs if pair not in set_by_hub]
    from_applications = await contacts.heads_from_applications(missing)
    found: dict[tuple[uuid.UUID, uuid.UUID], HeadContact] = {
        pair: HeadContact(row.headteacher_name, row.headteacher_email, ContactSource.HUB, row)
        for pair, row in set_by_hub.items()
    }
    for pair, (name, email) in from_applications.items():
        found[pair] = HeadContact(name, email, ContactSource.APPLICATION)
    return found


async def head_of(session: AsyncSession, hub_id: uuid.UUID, school_id: uuid.UUID) -> HeadContact:
    return (await heads_of(session, [(hub_id, school_id)])).get(
        (hub_id, school_id), HeadContact(None, None, None)
    )


async def read_contact(
    session: AsyncSession, actor: Principal, school_id: uuid.UUID, hub_id: uuid.UUID | None
) -> tuple[School, uuid.UUID, HeadContact]:
    school = await SchoolRepository(session).get(school_id)
    hub = hub_of(actor, hub_id)
    return school, hub, await head_of(session, hub, school.id)


async def put_contact(
    session: AsyncSession,
    actor: Principal,
    school_id: uuid.UUID,
    hub_id: uuid.UUID | None,
    data: SchoolContactWrite,
    if_match: str | None,
) -> tuple[School, uuid.UUID, HeadContact]:
    school = await SchoolRepository(session).get(school_id)
    hub = hub_of(actor, hub_id)
    if actor.is_national and await session.get(Hub, hub) is None:
        raise ValidationFailed(errors=[FieldError(field="hub_id", message="No hub with that id.")])
    row = await SchoolContactRepository(session).of_school(hub, school.id, lock=True)
    email = str(data.headteacher_email).lower()
    if row is None:
        row = SchoolContact(
            hub_id=hub,
            school_id=school.id,
            headteacher_name=data.headteacher_name,
            headteacher_email=email,
        )
        session.add(row)
        await session.flush()
        await audit.record(session, actor, "school_contact.created", row)
    else:
        check_if_match(if_match, row)
        before = audit.snapshot(row)
        row.headteacher_name = data.headteacher_name
        row.headteacher_email = email
        await session.flush()
        await audit.record(session, actor, "school_contact.updated", row, before=before)
    return school, hub, HeadContact(row.headteacher_name, email, ContactSource.HUB, row)
