"""Specialists, their progress, the release-day ledger and the release-day report.

Each hub's Specialist row is linked to the hub's person with the specialist role, who reads
their own record and ledger and claims (and corrects) their own release days; hub leads approve
and pay, never their own claims.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from masteryhub.auth.scopes import Scope
from masteryhub.domain.activities import Activity
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.specialist import Specialist
from tests.factories import Caller, Factory
from tests.tenancy.core import (
    EVERYONE,
    LEADS,
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

ACADEMIC_YEAR = "2021/22"  # the matrix cohort's programme year 2, which has a year rule
LEDGER_READ = Access(EVERYONE, scopes(Scope.LEDGER_READ))
IN_YEAR = {"academic_year": ACADEMIC_YEAR}


async def _specialist(factory: Factory, place: HubWorld) -> uuid.UUID:
    n = next(sequence)
    specialist = Specialist(
        hub_id=place.hub.id,
        cohort_id=place.national["cohort_id"],
        school_id=place.records["school_id"],
        user_id=place.specialist.id,
        first_name="Sam",
        last_name=f"Matrix{n}",
        email=f"specialist{n}@example.org",
        appointed_on=date(2020, 7, 1),
    )
    await factory.add(specialist)
    # Their line of the national residential's register.
    await factory.add(
        ResidentialAttendance(
            hub_id=place.hub.id,
            residential_id=place.national["residential_id"],
            specialist_id=specialist.id,
            status=AttendanceStatus.ATTENDED,
        )
    )
    return specialist.id


async def _entry(
    factory: Factory, place: HubWorld, status: EntryStatus = EntryStatus.CLAIMED
) -> uuid.UUID:
    """Half a release day claimed (by the hub's specialist) in the academic year."""
    approved = status is not EntryStatus.CLAIMED
    entry = ReleaseDayEntry(
        hub_id=place.hub.id,
        specialist_id=place.records["specialist_id"],
        academic_year=ACADEMIC_YEAR,
        worked_on=date(2021, 10, 5),
        kind=EntryKind.RELEASE_DAYS,
        activity=Activity.SCHOOL_TRG.value,
        half_days=1,
        day_rate_pence=20000,
        amount_pence=10000,
        school_id=place.records["school_id"],
        status=status,
        recorded_by_id=place.specialist.id,
        recorded_by_label=place.specialist.email or "specialist",
        approved_at=datetime(2021, 10, 20, tzinfo=UTC) if approved else None,
    )
    await factory.add(entry)
    return entry.id


async def _approved_entry(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """Only an approved entry can be paid: a fresh one for each caller."""
    return {"entry_id": str(await _entry(factory, world.a, EntryStatus.APPROVED))}


DECLARATIONS = Declarations(
    access={
        "specialists-list": Access(EVERYONE, scopes(Scope.SPECIALISTS_READ)),
        "specialists-get": Access(EVERYONE, scopes(Scope.SPECIALISTS_READ)),
        "specialists-update": Access(LEADS),
        "specialists-progress": Access(
            EVERYONE, scopes(Scope.SPECIALISTS_READ, Scope.DELIVERY_READ)
        ),
        "release-days-list": LEDGER_READ,
        "release-days-get": LEDGER_READ,
        "specialists-claimable-events": LEDGER_READ,
        # People only (a specialist for themself); no client records claims.
        "release-days-claim": Access(EVERYONE),
        "release-days-reverse": Access(EVERYONE),
        "release-days-approve": Access(LEADS),
        "release-days-pay": Access(LEADS),
        "reports-release-days": Access(STAFF, scopes(Scope.LEDGER_READ)),
    },
    builders={
        "specialist_id": Builder(_specialist, listed_at="/api/v1/specialists"),
        "entry_id": Builder(_entry),
    },
    queries={
        "specialists-list": IN_YEAR,
        "specialists-get": IN_YEAR,
        "specialists-progress": IN_YEAR,
        "release-days-list": IN_YEAR,
        "specialists-claimable-events": IN_YEAR,
        "reports-release-days": IN_YEAR,
    },
    prepare={
        # Each caller approves / reverses / pays an entry of their own.
        "release-days-approve": fresh("entry_id"),
        "release-days-reverse": fresh("entry_id"),
        "release-days-pay": _approved_entry,
    },
    bodies={
        "specialists-update": lambda world: {"status": "withdrawn"},
        "release-days-claim": lambda world: {
            "date": "2021-10-12",
            "days": 0.5,
            "activity": "school_trg",
        },
        "release-days-reverse": lambda world: {"reason": "Claimed twice"},
    },
    cross_hub_bodies={
        **{
            f"release days evidenced by another hub's {kind.replace('_', ' ')}": CrossHubBody(
                "release-days-claim",
                lambda w, kind=kind, param=param: {
                    "date": "2021-10-12",
                    "days": 0.5,
                    "activity": "school_trg",
                    "evidence": {"type": kind, "id": str(w.b.records[param])},
                },
            )
            for kind, param in [
                ("trg_meeting", "trg_meeting_id"),
                ("work_group_session", "session_id"),
            ]
        },
    },
)
