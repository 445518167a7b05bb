"""Headteachers' termly confirmations of release days, and the hub's headteacher contact per
school. The head's link is public (the token is the credential); the rest is the hub's."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from masteryhub.domain.activities import Activity
from masteryhub.models.base import utcnow
from masteryhub.models.release_confirmation import (
    LineAnswer,
    ReleaseConfirmation,
    ReleaseConfirmationLine,
)
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.school_contact import SchoolContact
from tests.factories import Caller, Factory
from tests.tenancy.core import (
    LEADS,
    STAFF,
    Access,
    Builder,
    Declarations,
    HubWorld,
    World,
    sequence,
)

NAMED_HUB = {"hub_id": "{hub_id}"}


async def _confirmation(factory: Factory, place: HubWorld) -> uuid.UUID:
    """An unanswered request to a school of the hub's whose head is on record."""
    n = next(sequence)
    school = School(urn=f"{800000 + n:06d}", name=f"Confirming Primary {n}", hub_id=place.hub.id)
    await factory.add(school)
    now = utcnow()
    confirmation = ReleaseConfirmation(
        hub_id=place.hub.id,
        school_id=school.id,
        academic_year="2021/22",
        term="autumn",
        sequence=1,
        headteacher_name="Jo Head",
        sent_to=f"head{n}@example.org",
        sent_at=now,
        expires_at=now + timedelta(days=28),
    )
    await factory.add(
        SchoolContact(
            hub_id=place.hub.id, school_id=school.id, headteacher_email=f"head{n}@example.org"
        ),
        confirmation,
    )
    return confirmation.id


async def _disputed_line(factory: Factory, place: HubWorld) -> uuid.UUID:
    """A line of the hub's request (``confirmation_id``) its head disputed."""
    entry = ReleaseDayEntry(
        hub_id=place.hub.id,
        specialist_id=place.records["specialist_id"],
        academic_year="2021/22",
        worked_on=date(2021, 10, 5),
        kind=EntryKind.RELEASE_DAYS,
        activity=Activity.SCHOOL_TRG.value,
        half_days=1,
        day_rate_pence=20000,
        amount_pence=10000,
        school_id=place.records["school_id"],
        status=EntryStatus.APPROVED,
        recorded_by_label="staff",
        approved_at=datetime(2021, 10, 20, tzinfo=UTC),
    )
    await factory.add(entry)
    line = ReleaseConfirmationLine(
        hub_id=place.hub.id,
        confirmation_id=place.records["confirmation_id"],
        entry_id=entry.id,
        answer=LineAnswer.DISPUTED,
        comment="Not released that day.",
    )
    await factory.add(line)
    return line.id


async def _fresh_dispute(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    confirmation_id = await _confirmation(factory, world.a)
    place = HubWorld(
        world.a.hub, world.a.national, world.a.specialist, dict(world.a.records), world.a.facts
    )
    place.records["confirmation_id"] = confirmation_id
    line_id = await _disputed_line(factory, place)
    return {"confirmation_id": str(confirmation_id), "line_id": str(line_id)}


async def _fresh_request(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    return {"confirmation_id": str(await _confirmation(factory, world.a))}


DECLARATIONS = Declarations(
    access={
        "school-contacts-get": Access(STAFF),
        "school-contacts-put": Access(STAFF),
        "release-confirmations-list": Access(LEADS),
        "release-confirmations-get": Access(LEADS),
        "release-confirmations-resend": Access(LEADS),
        "release-confirmations-resolve": Access(LEADS),
    },
    builders={
        "confirmation_id": Builder(_confirmation, listed_at="/api/v1/release-confirmations"),
        "line_id": Builder(_disputed_line),
    },
    public={
        "release-confirmations-link-get": "the headteacher's link: its token is the credential",
        "release-confirmations-link-answer": "the headteacher's link: its token is the credential",
    },
    queries={"school-contacts-get": NAMED_HUB, "school-contacts-put": NAMED_HUB},
    prepare={
        "release-confirmations-resend": _fresh_request,
        "release-confirmations-resolve": _fresh_dispute,
    },
    bodies={
        "school-contacts-put": lambda world: {
            "headteacher_name": "Jo Head",
            "headteacher_email": "jo.head@example.org",
        },
        "release-confirmations-resolve": lambda world: {
            "resolution": "upheld",
            "note": "Checked with the school.",
        },
    },
)
