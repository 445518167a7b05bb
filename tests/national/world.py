"""Three hubs' worth of national-report rows inserted directly, with the expected figures
computed here from the rows themselves (never by the code under test)."""

from __future__ import annotations

import itertools
import random
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from masteryhub.models.application import Application, ApplicationSource, ApplicationStatus
from masteryhub.models.cohort import CohortYearRule
from masteryhub.models.hub import Hub
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import AccreditationStatus, Specialist, SpecialistStatus
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupStatus,
)
from tests.factories import Factory
from tests.trg_meetings.world import World

YEAR = "2021/22"
_numbers = itertools.count(1)


def england_school(hub: Hub | None, **overrides: object) -> School:
    n = next(_numbers)
    values: dict[str, object] = {
        "urn": f"{200000 + n:06d}",
        "name": f"National School {n}",
        "hub_id": hub.id if hub else None,
        "is_state_funded": True,
        "is_in_england": True,
        "is_open": True,
        "phase_code": "2",
        "phase_name": "Primary",
        "region_name": "North West",
        "la_code": "352",
        "la_name": "Manchester",
    }
    values.update(overrides)
    return School(**values)


@dataclass
class Expected:
    applications: Counter[str] = field(default_factory=Counter)
    specialists_by_year: Counter[str] = field(default_factory=Counter)
    specialists_by_programme: Counter[str] = field(default_factory=Counter)
    accreditation: Counter[str] = field(default_factory=Counter)
    entitlement_half_days: int = 0
    work_groups_by_phase: Counter[str] = field(default_factory=Counter)
    work_groups_by_status: Counter[str] = field(default_factory=Counter)
    signed_up: set[uuid.UUID] = field(default_factory=set)
    completed: set[uuid.UUID] = field(default_factory=set)
    half_days: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    pence: dict[str, int] = field(default_factory=lambda: defaultdict(int))


async def build_hubs(
    factory: Factory, world: World, hubs: int, seed: int, scale: int = 1
) -> tuple[list[Hub], dict[uuid.UUID, Expected]]:
    """``hubs`` hubs with applications, specialists in three cohorts, work groups (some
    schools shared between hubs) and ledger entries; returns what each hub's row must say."""
    rng = random.Random(seed)
    cohorts = {
        dev: await world.cohort(dev, programme)
        for dev, programme in (
            ("2021/22", ProgrammeCode.PRIMARY),
            ("2020/21", ProgrammeCode.SECONDARY),
            ("2018/19", ProgrammeCode.PRIMARY),
            ("2022/23", ProgrammeCode.PRIMARY),
        )
    }
    rules = [
        CohortYearRule(cohort_id=c.id, programme_year=y, release_half_days=10 * y)
        for c in cohorts.values()
        for y in (1, 2, 3)
    ]
    await factory.add(*rules)
    entitlement = {
        (c.id, r.programme_year): r.release_half_days
        for c in cohorts.values()
        for r in rules
        if r.cohort_id == c.id
    }
    made = [await factory.hub() for _ in range(hubs)]
    shared = [england_school(None) for _ in range(3)]
    await factory.add(*shared)
    expected: dict[uuid.UUID, Expected] = {}
    for hub in made:
        e = expected[hub.id] = Expected()
        schools = [england_school(hub) for _ in range(4 * scale)]
        await factory.add(*schools)
        rows: list[object] = []
        # Applications: only cohorts developing this year or next count.
        for _ in range(rng.randint(3, 8) * scale):
            dev = rng.choice(list(cohorts))
            app_status = rng.choice(list(ApplicationStatus))
            n = next(_numbers)
            rows.append(
                Application(
                    hub_id=hub.id,
                    reference=f"NAT-{n:06d}",
                    cohort_id=cohorts[dev].id,
                    status=app_status,
                    source=ApplicationSource.API,
                    submitted_at=datetime(2021, 5, 1, tzinfo=UTC),
                    applicant_first_name="Ada",
                    applicant_last_name=f"Applicant{n}",
                    applicant_email=f"applicant{n}@example.org",
                    has_qts=True,
                    statement="I teach maths.",
                    consent_to_data_processing=True,
                    headteacher_name="Head",
                    headteacher_email=f"head{n}@example.org",
                )
            )
            if dev in ("2021/22", "2022/23"):
                e.applications[app_status.value] += 1
        # Specialists: active ones in a programme year count.
        specialists = []
        for _ in range(rng.randint(2, 5) * scale):
            dev = rng.choice(list(cohorts))
            cohort = cohorts[dev]
            specialist_status = rng.choice(
                [SpecialistStatus.ACTIVE, SpecialistStatus.ACTIVE, SpecialistStatus.WITHDRAWN]
            )
            accreditation = rng.choice(list(AccreditationStatus))
            n = next(_numbers)
            specialist = Specialist(
                hub_id=hub.id,
                cohort_id=cohort.id,
                school_id=rng.choice(schools).id,
                first_name="Sam",
                last_name=f"Specialist{n}",
                email=f"nat-specialist{n}@example.org",
                appointed_on=date(2018, 7, 1),
                status=specialist_status,
                accreditation_status=accreditation,
            )
            specialists.append(specialist)
            year = 2021 - int(dev[:4]) + 1
            if specialist_status is SpecialistStatus.ACTIVE and year >= 1:
                e.specialists_by_year["4+" if year >= 4 else str(year)] += 1
                programme = "secondary" if dev == "2020/21" else "primary"
                e.specialists_by_programme[programme] += 1
                e.accreditation[accreditation.value] += 1
                e.entitlement_half_days += entitlement.get((cohort.id, year), 0)
        rows.extend(specialists)
        await factory.add(*rows)
        # Work groups with schools, some of them shared with other hubs.
        rows = []
        for index in range(rng.randint(1, 3)):
            n = next(_numbers)
            phase = rng.choice(list(WorkGroupPhase))
            status = rng.choice(list(WorkGroupStatus))
            academic_year = rng.choice([YEAR, YEAR, "2020/21"])
            if index == 0:  # every hub engages the first shared school this year
                status, academic_year = WorkGroupStatus.RUNNING, YEAR
            group = WorkGroup(
                hub_id=hub.id,
                code=f"WG{n}",
                title=f"Work group {n}",
                phase=phase,
                programme=ProgrammeCode.PRIMARY,
                academic_year=academic_year,
                status=status,
            )
            rows.append(group)
            if academic_year == YEAR:
                e.work_groups_by_phase[phase.value] += 1
                e.work_groups_by_status[status.value] += 1
            picked = rng.sample(schools + shared[1:], 3)
            for school in [shared[0], *picked] if index == 0 else picked:
                completed = rng.choice([True, False, None])
                rows.append(
                    WorkGroupSchool(
                        hub_id=hub.id, work_group=group, school_id=school.id, completed=completed
                    )
                )
                if academic_year == YEAR and status is not WorkGroupStatus.CANCELLED:
                    e.signed_up.add(school.id)
                    if completed:
                        e.completed.add(school.id)
        # Ledger entries, this year and last.
        for _ in range(rng.randint(2, 6) * scale):
            specialist = rng.choice(specialists)
            entry_status = rng.choice(list(EntryStatus))
            half_days = rng.randint(-2, 6)
            amount = half_days * 10500
            academic_year = rng.choice([YEAR, YEAR, "2020/21"])
            rows.append(
                ReleaseDayEntry(
                    hub_id=hub.id,
                    specialist_id=specialist.id,
                    academic_year=academic_year,
                    worked_on=date(2021, 10, 1) if academic_year == YEAR else date(2020, 10, 1),
                    kind=EntryKind.RELEASE_DAYS,
                    half_days=half_days,
                    amount_pence=amount,
                    school_id=specialist.school_id,
                    status=entry_status,
                    recorded_by_label="test",
                )
            )
            if academic_year == YEAR:
                e.half_days["claimed"] += half_days
                e.pence["claimed"] += amount
                if entry_status is not EntryStatus.CLAIMED:
                    e.half_days["approved"] += half_days
                    e.pence["approved"] += amount
                if entry_status is EntryStatus.PAID:
                    e.half_days["paid"] += half_days
                    e.pence["paid"] += amount
        await factory.add(*rows)
    return made, expected
