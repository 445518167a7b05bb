"""Delivery: TRG meetings, work groups and their sessions,
residential attendance, the engagement report, calendar feeds and the agenda.

Everyone in the hub reads and records delivery; a person with the specialist role only their
own (meetings they lead, work groups they lead, their line of a register): the hub's specialist
caller is linked to the Specialist row (tests/tenancy/specialists.py) every record here is built
around.
"""

from __future__ import annotations

import uuid
from datetime import date

from httpx import AsyncClient

from masteryhub.auth.scopes import Scope
from masteryhub.models.calendar_feed import CalendarFeed
from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingAttendee, TrgMeetingKind
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupParticipant,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupStatus,
)
from tests.factories import Caller, Factory
from tests.tenancy.core import (
    EVERYONE,
    STAFF,
    Access,
    Builder,
    CrossHubBody,
    Declarations,
    HubWorld,
    World,
    fresh,
    scopes,
    sequence,
)

ACADEMIC_YEAR = "2021/22"  # the matrix cohort's programme year 2
READ = Access(EVERYONE, scopes(Scope.DELIVERY_READ))
RECORD = Access(EVERYONE, scopes(Scope.DELIVERY_WRITE))


async def _work_group(factory: Factory, place: HubWorld) -> uuid.UUID:
    n = next(sequence)
    hub_id = place.hub.id
    work_group = WorkGroup(
        hub_id=hub_id,
        code=f"MX-{n}",
        title=f"Matrix Work Group {n}",
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year=ACADEMIC_YEAR,
        status=WorkGroupStatus.RUNNING,
        leads=[WorkGroupLead(hub_id=hub_id, specialist_id=place.records["specialist_id"])],
        schools=[
            WorkGroupSchool(
                hub_id=hub_id,
                school_id=place.records["school_id"],
                completed=True,
                participants=[WorkGroupParticipant(hub_id=hub_id, position=0, name=f"Teacher {n}")],
            )
        ],
        sessions=[],
    )
    await factory.add(work_group)
    return work_group.id


async def _work_group_session(factory: Factory, place: HubWorld) -> uuid.UUID:
    held = WorkGroupSession(
        hub_id=place.hub.id,
        work_group_id=place.records["work_group_id"],
        held_on=date(2021, 11, 10),
        mode=DeliveryMode.ONLINE,
    )
    await factory.add(held)
    return held.id


async def _trg_meeting(factory: Factory, place: HubWorld) -> uuid.UUID:
    meeting = TrgMeeting(
        hub_id=place.hub.id,
        kind=TrgMeetingKind.SCHOOL,
        lead_specialist_id=place.records["specialist_id"],
        held_on=date(2021, 10, 5),
        mode=DeliveryMode.IN_PERSON,
        school_id=place.records["school_id"],
        attendees=[
            TrgMeetingAttendee(
                hub_id=place.hub.id,
                position=0,
                name="A Teacher",
                school_id=place.records["school_id"],
            )
        ],
    )
    await factory.add(meeting)
    return meeting.id


async def _calendar_feed(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """Revoking needs a feed to revoke: one for each caller."""
    await factory.add(
        CalendarFeed(user_id=caller.id, hub_id=caller.hub_id, token_hash=uuid.uuid4().hex * 2)
    )
    return {}


def _meeting(world: World, **changes: object) -> dict[str, object]:
    return {
        "kind": "school",
        "lead_specialist_id": str(world.a.records["specialist_id"]),
        "held_on": "2021-10-12",
        "mode": "in_person",
        "school_id": str(world.a.records["school_id"]),
        **changes,
    }


def _b(world: World, param: str) -> str:
    return str(world.b.records[param])


async def _feed_url(client: AsyncClient, world: World, caller: Caller) -> str:
    issued = await client.post("/api/v1/me/calendar-feed", headers=caller.headers)
    assert issued.status_code == 201, issued.text
    return f"/api/v1/calendar/{issued.json()['token']}.ics"


DECLARATIONS = Declarations(
    access={
        "trg-meetings-list": READ,
        "trg-meetings-get": READ,
        "trg-meetings-create": RECORD,
        "trg-meetings-update": RECORD,
        "trg-meetings-delete": RECORD,
        "work-groups-list": READ,
        "work-groups-get": READ,
        "work-groups-create": RECORD,
        "work-groups-update": RECORD,
        "work-groups-delete": RECORD,
        "work-groups-record-session": RECORD,
        "work-groups-get-session": READ,
        "work-groups-update-session": RECORD,
        "work-groups-delete-session": RECORD,
        "residentials-get-attendance": READ,
        # Specialists read their own line; hub staff record the register.
        "residentials-record-attendance": Access(STAFF, scopes(Scope.DELIVERY_WRITE)),
        "reports-engagement": Access(STAFF, scopes(Scope.DELIVERY_READ)),
        # People only: a feed is someone's own calendar.
        "calendar-issue-feed": Access(EVERYONE),
        "calendar-revoke-feed": Access(EVERYONE),
        # The hub's agenda; a specialist's shows only their own meetings and sessions.
        "calendar-events": READ,
    },
    builders={
        "work_group_id": Builder(_work_group, listed_at="/api/v1/work-groups"),
        "session_id": Builder(_work_group_session),
        "trg_meeting_id": Builder(_trg_meeting, listed_at="/api/v1/trg-meetings"),
    },
    public={"calendar-feed": "the secret token in the URL is the credential"},
    public_urls={"calendar-feed": _feed_url},
    queries={
        "reports-engagement": {"academic_year": ACADEMIC_YEAR},
        # Around the builders' meeting (5 October) and session (10 November).
        "calendar-events": {"from": "2021-10-01", "to": "2021-11-30"},
    },
    prepare={
        "trg-meetings-delete": fresh("trg_meeting_id"),
        "work-groups-delete": fresh("work_group_id"),
        "work-groups-delete-session": fresh("session_id"),
        "calendar-revoke-feed": _calendar_feed,
    },
    bodies={
        "trg-meetings-create": _meeting,
        "trg-meetings-update": lambda world: {"focus": "Reasoning about fractions"},
        "work-groups-create": lambda world: {
            "code": f"MX-NEW-{next(sequence)}",
            "title": "Matrix New Work Group",
            "phase": "develop",
            "programme": "primary",
            "academic_year": ACADEMIC_YEAR,
            "lead_specialist_ids": [str(world.a.records["specialist_id"])],
            "schools": [{"school_id": str(world.a.records["school_id"])}],
        },
        "work-groups-update": lambda world: {"title": "Renamed Work Group"},
        "work-groups-record-session": lambda world: {
            "held_on": "2021-12-01",
            "mode": "online",
        },
        "work-groups-update-session": lambda world: {"location": "Matrix Primary School"},
        "residentials-record-attendance": lambda world: [
            {"specialist_id": str(world.a.records["specialist_id"]), "status": "excused"}
        ],
    },
    cross_hub_bodies={
        "TRG meeting led by another hub's specialist": CrossHubBody(
            "trg-meetings-create",
            lambda w: _meeting(w, lead_specialist_id=_b(w, "specialist_id")),
            hub_callers_only=True,  # a national admin's would simply be hub B's meeting
        ),
        "TRG meeting of another hub's work group": CrossHubBody(
            "trg-meetings-create",
            lambda w: _meeting(w, kind="work_group", work_group_id=_b(w, "work_group_id")),
        ),
        "TRG meeting handed to another hub's specialist": CrossHubBody(
            "trg-meetings-update", lambda w: {"lead_specialist_id": _b(w, "specialist_id")}
        ),
        "TRG meeting moved to another hub's work group": CrossHubBody(
            "trg-meetings-update",
            lambda w: {"kind": "work_group", "work_group_id": _b(w, "work_group_id")},
        ),
        "work group led by another hub's specialist too": CrossHubBody(
            "work-groups-create",
            lambda w: {
                "code": f"MX-X-{next(sequence)}",
                "title": "Two hubs",
                "phase": "develop",
                "programme": "primary",
                "academic_year": ACADEMIC_YEAR,
                "lead_specialist_ids": [
                    str(w.a.records["specialist_id"]),
                    _b(w, "specialist_id"),
                ],
            },
        ),
        "work group handed to another hub's specialist": CrossHubBody(
            "work-groups-update", lambda w: {"lead_specialist_ids": [_b(w, "specialist_id")]}
        ),
        # A national admin keeps every hub's register; a hub only its own specialists'.
        "residential attendance for another hub's specialist": CrossHubBody(
            "residentials-record-attendance",
            lambda w: [{"specialist_id": _b(w, "specialist_id"), "status": "absent"}],
            hub_callers_only=True,
        ),
    },
)
