"""Demo data for `make run`: hubs, one user per role, the programme documents' cohorts, a
handful of made-up schools of each hub, and a cohort in its second year whose
specialists (each with a school) have delivery this month (a TRG meeting, a work-group session,
a residential) for the dashboard and the calendar; the specialist who led the TRG meeting has
the demo specialist sign-in. The north hub pays its own day rates for that cohort (the south hub
has set none, so its claims show where to set them), and the demo specialist's ledger has an
entry in every status, recorded by the specialist and approved and paid by the hub lead.
Idempotent: each part is added when missing, so an older demo database gains what it lacks."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.cohorts.repository import CohortRepository
from masteryhub.cohorts.schemas import CohortCreate, ResidentialCreate
from masteryhub.cohorts.service import create_cohort, create_residential
from masteryhub.domain.academic_year import (
    academic_year_bounds,
    academic_year_of,
    london_date,
    london_wall_time_to_utc,
    shift_academic_year,
)
from masteryhub.domain.activities import Activity
from masteryhub.hubs.repository import HubRepository
from masteryhub.hubs.schemas import HubCreate
from masteryhub.hubs.service import create_hub
from masteryhub.kit import audit
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import CohortYearRule, DeliveryMode, Residential
from masteryhub.models.hub_day_rate import HubDayRate
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role, User
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupStatus,
)
from masteryhub.release_days.schemas import PaymentCreate, ReleaseDayEntryCreate, ReversalCreate
from masteryhub.release_days.service import approve_entry, mark_paid, record_claim, reverse_entry
from masteryhub.users.repository import UserRepository
from masteryhub.users.schemas import UserCreate
from masteryhub.users.service import create_user

DEMO_HUBS = (
    HubCreate(code="north", name="North Star Maths Hub", region="North West"),
    HubCreate(code="south", name="Solent Maths Hub", region="South East"),
)
# (email, password, role, hub code)
DEMO_USERS = (
    ("admin@masteryhub.test", "national-admin-demo", Role.NATIONAL_ADMIN, None),
    ("lead@north.masteryhub.test", "hub-lead-demo", Role.HUB_LEAD, "north"),
    ("staff@north.masteryhub.test", "hub-staff-demo", Role.HUB_STAFF, "north"),
    ("lead@south.masteryhub.test", "hub-lead-demo", Role.HUB_LEAD, "south"),
    ("specialist@north.masteryhub.test", "specialist-demo", Role.SPECIALIST, "north"),
)
SPECIALIST_LOGIN = "specialist@north.masteryhub.test"
# The demo specialist the sign-in acts for: the north hub's, who leads this month's TRG.
SPECIALIST_LOGIN_FOR = ("Amira", "Khan")
DEMO_USER_NAMES = {SPECIALIST_LOGIN: "Amira Khan"}

# From the programme documents (shared/seeds). The Primary Cohort 6 closing time is the
# document's ("Monday 15 June 2020 at 5pm"); its opening time, the secondary window and the
# residentials' exact days are not in the documents and are placeholders (marked provisional).
PRIMARY_COHORT_6: dict[str, Any] = {
    "code": "primary-6",
    "name": "Primary Mastery Specialists Cohort 6 (2020/21)",
    "programme": "primary",
    "development_year": "2020/21",
    "opens_at": "2020-05-01T09:00",
    "closes_at": "2020-06-15T17:00",
    "reference_prefix": "PMS6",
    "places_per_hub": 4,
}
PRIMARY_COHORT_6_RESIDENTIALS = (
    ("Residential 1 (latter part of autumn term 2020)", date(2020, 11, 26)),
    ("Residential 2 (January/February 2021)", date(2021, 1, 28)),
    ("Residential 3 (June 2021)", date(2021, 6, 10)),
)
SECONDARY_2020: dict[str, Any] = {
    "code": "secondary-2020",
    "name": "Secondary Teaching for Mastery Specialists (2020/21)",
    "programme": "secondary",
    "development_year": "2020/21",
    "opens_at": "2020-05-01T09:00",
    "closes_at": "2020-06-15T17:00",
    "reference_prefix": "SMS20",
}


def demo_cohort(today: date) -> dict[str, Any]:
    """An open primary cohort so the demo intake works today: it opened at the start of this
    academic year and closes on 15 June at 17:00 London, at least six weeks away."""
    closing_year = today.year if today < date(today.year, 5, 1) else today.year + 1
    development_year = f"{closing_year}/{(closing_year + 1) % 100:02d}"
    opens_on = academic_year_bounds(academic_year_of(today))[0]
    return {
        "code": "primary-demo",
        "name": f"Primary Mastery Specialists Demo Cohort ({development_year})",
        "programme": "primary",
        "development_year": development_year,
        "opens_at": london_wall_time_to_utc(datetime.combine(opens_on, datetime.min.time())),
        "closes_at": london_wall_time_to_utc(datetime.combine(date(closing_year, 6, 15), time(17))),
        "reference_prefix": "PMSD",
        "places_per_hub": 4,
    }


RUNNING_COHORT_CODE = "primary-running"


def running_cohort(today: date) -> dict[str, Any]:
    """A primary cohort that recruited a year ago: its specialists are in programme year 2 now,
    so they have this year's release days and may lead work groups."""
    development_year = shift_academic_year(academic_year_of(today), -1)
    start = int(development_year[:4])
    return {
        "code": RUNNING_COHORT_CODE,
        "name": f"Primary Mastery Specialists Demo Cohort ({development_year})",
        "programme": "primary",
        "development_year": development_year,
        "opens_at": london_wall_time_to_utc(datetime.combine(date(start, 3, 1), time(9))),
        "closes_at": london_wall_time_to_utc(datetime.combine(date(start, 6, 15), time(17))),
        "reference_prefix": "PMSR",
        "places_per_hub": 4,
    }


# (first name, last name, hub code, school URN) of the running cohort's specialists.
DEMO_SPECIALISTS = (
    ("Amira", "Khan", "north", "999001"),
    ("Ben", "Okafor", "north", "999002"),
    ("Chloe", "Davies", "north", "999003"),
    ("Dan", "Evans", "south", "999101"),
)

# Made-up schools, with URNs in a range GIAS does not use (999xxx) and the fields a GIAS import
# fills, in a real LA of each hub's region. The schools are given to the hubs directly: the
# hubs' areas are left for their leads to set (adding an LA later moves its schools as usual).
# (LA code, LA name, GOR code, GOR name) per hub:
DEMO_LOCAL_AUTHORITIES = {
    "north": ("352", "Manchester", "B", "North West"),
    "south": ("852", "Southampton", "J", "South East"),
}
# GIAS type of establishment code → (name, type group code, group name); phase code → name
# (../shared/reference/gias-establishment-types.csv).
DEMO_SCHOOL_TYPES = {
    "1": ("Community school", "4", "Local authority maintained schools"),
    "2": ("Voluntary aided school", "4", "Local authority maintained schools"),
    "28": ("Academy sponsor led", "10", "Academies"),
    "34": ("Academy converter", "10", "Academies"),
}
DEMO_PHASES = {"2": "Primary", "4": "Secondary"}
WORK_GROUP_SCHOOL_URNS = ("999002", "999003")  # the demo work group's schools
# (URN, name, hub code, type code, phase code, postcode, head teacher)
DEMO_SCHOOLS = (
    ("999001", "Oakfield Primary School", "north", "1", "2", "M99 1AA", "Mrs Joanna Patel"),
    ("999002", "Brookside Primary Academy", "north", "34", "2", "M99 2AB", "Mr Tom Reilly"),
    (
        "999003",
        "St Aidan's Church of England Primary School",
        "north",
        "2",
        "2",
        "M99 3AD",
        "Ms Helen Byrne",
    ),
    ("999004", "Northgate High School", "north", "28", "4", "M99 4AE", "Dr Kwame Mensah"),
    ("999101", "Solent Way Primary School", "south", "1", "2", "SO99 1AA", "Mrs Lucy Green"),
    ("999102", "Harbourside Academy", "south", "34", "4", "SO99 2AB", "Mr Daniel Hart"),
)

# £350 a day for work with other schools, £200 for the rest (product.md's example of a hub's
# rates): the national rule of the open demo cohort, and the north hub's own rates for the
# running cohort (whose national rule is empty, as the primary programme leaves rates to hubs).
DEMO_DAY_RATES_PENCE = {
    "default": 20_000,
    "work_group_session": 35_000,
    "school_support_visit": 35_000,
}
DAY_RATES_HUB = "north"
# The demo specialist's ledger this academic year: (days after 1 September, days, activity,
# what happens to it). Every status a screen can show: paid, approved, claimed, reversed.
DEMO_LEDGER = (
    (9, 1.0, Activity.SCHOOL_SUPPORT_VISIT, "paid"),
    (23, 0.5, Activity.PLANNING, "approved"),
    (30, 1.0, Activity.LAUNCH_EVENT, "reversed"),
    (37, 0.5, Activity.SCHOOL_TRG, "claimed"),
)
DEMO_PAYMENT_REFERENCE = "BACS-DEMO-0001"
DEMO_LOGINS = [(email, password, role.value) for email, password, role, _ in DEMO_USERS]


async def seed(session: AsyncSession) -> bool:
    """Returns True if anything was created."""
    hubs = HubRepository(session)
    users = UserRepository(session)
    created = False
    for hub_data in DEMO_HUBS:
        if await hubs.by_code(hub_data.code) is None:
            await create_hub(session, None, hub_data)
            created = True
    for email, password, role, hub_code in DEMO_USERS:
        if await users.by_email(email) is not None:
            continue
        hub = await hubs.by_code(hub_code) if hub_code else None
        # Demo passwords are short on purpose; they bypass the minimum-length rule.
        data = UserCreate.model_construct(
            email=email,
            name=DEMO_USER_NAMES.get(email, email.split("@")[0].title()),
            role=role,
            hub_id=hub.id if hub else None,
        )
        await create_user(session, None, None, data, password=password)
        created = True
    created = await _seed_cohorts(session) or created
    created = await _seed_schools(session) or created
    created = await _seed_delivery(session) or created
    created = await _seed_specialists_schools_and_sign_in(session) or created
    created = await _seed_hub_day_rates(session) or created
    created = await _seed_demo_ledger(session) or created
    return await _seed_head_confirmation(session) or created


async def _seed_schools(session: AsyncSession) -> bool:
    hubs = HubRepository(session)
    hub_ids = {}
    for hub_code in DEMO_LOCAL_AUTHORITIES:
        hub = await hubs.by_code(hub_code)
        assert hub is not None  # seeded above
        hub_ids[hub_code] = hub.id
    created = False
    known = set(
        await session.scalars(
            select(School.urn).where(School.urn.in_([s[0] for s in DEMO_SCHOOLS]))
        )
    )
    for urn, name, hub_code, type_code, phase_code, postcode, head_name in DEMO_SCHOOLS:
        if urn in known:
            continue
        la_code, la_name, region_code, region_name = DEMO_LOCAL_AUTHORITIES[hub_code]
        type_name, group_code, group_name = DEMO_SCHOOL_TYPES[type_code]
        session.add(
            School(
                urn=urn,
                name=name,
                type_code=type_code,
                type_name=type_name,
                type_group_code=group_code,
                type_group_name=group_name,
                status_code="1",
                status_name="Open",
                phase_code=phase_code,
                phase_name=DEMO_PHASES[phase_code],
                la_code=la_code,
                la_name=la_name,
                region_code=region_code,
                region_name=region_name,
                postcode=postcode,
                head_name=head_name,
                is_state_funded=True,
                is_in_england=True,
                is_open=True,
                hub_id=hub_ids[hub_code],
            )
        )
        created = True
    await session.flush()
    return created


async def _seed_specialists_schools_and_sign_in(session: AsyncSession) -> bool:
    """Every demo specialist without a school gets theirs; the demo specialist sign-in acts for
    the north hub's specialist who leads this month's TRG meeting."""
    cohort = await CohortRepository(session).by_code(RUNNING_COHORT_CODE)
    if cohort is None:
        return False
    specialists = {
        (specialist.first_name, specialist.last_name): specialist
        for specialist in await session.scalars(
            select(Specialist).where(Specialist.cohort_id == cohort.id)
        )
    }
    schools = dict(
        (
            await session.execute(
                select(School.urn, School.id).where(
                    School.urn.in_([urn for *_, urn in DEMO_SPECIALISTS])
                )
            )
        ).all()
    )
    changed = False
    for first_name, last_name, _, urn in DEMO_SPECIALISTS:
        specialist = specialists.get((first_name, last_name))
        if specialist is not None and specialist.school_id is None and urn in schools:
            specialist.school_id = schools[urn]
            changed = True
    user = await UserRepository(session).by_email(SPECIALIST_LOGIN)
    linked = specialists.get(SPECIALIST_LOGIN_FOR)
    # Only while neither is linked: a hub lead may since have linked them otherwise.
    if (
        user is not None
        and linked is not None
        and linked.user_id is None
        and await session.scalar(select(Specialist.id).where(Specialist.user_id == user.id)) is None
    ):
        linked.user_id = user.id
        changed = True
    await session.flush()
    return changed


async def _seed_cohorts(session: AsyncSession) -> bool:
    cohorts = CohortRepository(session)
    created = False
    today = utcnow().date()
    for values in (PRIMARY_COHORT_6, SECONDARY_2020, demo_cohort(today), running_cohort(today)):
        if await cohorts.by_code(values["code"]) is not None:
            continue
        cohort = await create_cohort(session, None, CohortCreate.model_validate(values))
        created = True
        if cohort.code == PRIMARY_COHORT_6["code"]:
            for title, starts_on in PRIMARY_COHORT_6_RESIDENTIALS:
                residential = ResidentialCreate(
                    title=title,
                    starts_on=starts_on,
                    ends_on=starts_on + timedelta(days=1),
                    is_provisional=True,
                )
                await create_residential(session, None, cohort, residential)
        if cohort.code == "primary-demo":
            # Primary day rates are the hub's to set; the open demo cohort has national ones so
            # that a specialist appointed from it can claim at once (the running cohort's are
            # the north hub's own: see _seed_hub_day_rates).
            rules = await session.scalars(
                select(CohortYearRule).where(CohortYearRule.cohort_id == cohort.id)
            )
            for rule in rules:
                rule.day_rates_pence = DEMO_DAY_RATES_PENCE
    return created


async def _seed_delivery(session: AsyncSession) -> bool:
    """The running cohort's specialists, and their delivery dated this London month so that a
    fresh demo's dashboard and calendar show something (rows written as the seed's own, with no
    person to audit them against)."""
    cohort = await CohortRepository(session).by_code(RUNNING_COHORT_CODE)
    if cohort is None or await session.scalar(
        select(Specialist.id).where(Specialist.cohort_id == cohort.id).limit(1)
    ):
        return False
    hubs = HubRepository(session)
    specialists = []
    for first_name, last_name, hub_code, _ in DEMO_SPECIALISTS:
        hub = await hubs.by_code(hub_code)
        assert hub is not None  # seeded above
        specialists.append(
            Specialist(
                hub_id=hub.id,
                cohort_id=cohort.id,
                first_name=first_name,
                last_name=last_name,
                email=f"{first_name.lower()}.{last_name.lower()}@example.org",
                appointed_on=date(int(cohort.development_year[:4]), 7, 1),
            )
        )
    session.add_all(specialists)
    await session.flush()
    amira, ben = specialists[0], specialists[1]
    # Two north schools signed up to the work group, so engagement and coverage have figures.
    taking_part = (
        await session.scalars(
            select(School.id).where(School.urn.in_(WORK_GROUP_SCHOOL_URNS)).order_by(School.urn)
        )
    ).all()
    today = london_date(utcnow())
    last_day = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    later = min(today + timedelta(days=7), last_day)
    session.add_all(
        [
            TrgMeeting(
                hub_id=amira.hub_id,
                kind=TrgMeetingKind.SCHOOL,
                lead_specialist_id=amira.id,
                held_on=today,
                starts_at=time(15, 45),
                ends_at=time(17),
                mode=DeliveryMode.ONLINE,
                focus="Fluency with number facts",
            ),
            WorkGroup(
                hub_id=ben.hub_id,
                code="WG-DEMO",
                title="Developing mastery in Years 1 and 2",
                phase=WorkGroupPhase.DEVELOP,
                programme=ProgrammeCode.PRIMARY,
                academic_year=academic_year_of(today),
                status=WorkGroupStatus.RUNNING,
                # Amira co-leads it, so the demo specialist's My programme has a work group.
                leads=[
                    WorkGroupLead(hub_id=ben.hub_id, specialist_id=ben.id),
                    WorkGroupLead(hub_id=amira.hub_id, specialist_id=amira.id),
                ],
                schools=[
                    WorkGroupSchool(hub_id=ben.hub_id, school_id=school_id)
                    for school_id in taking_part
                ],
                sessions=[
                    WorkGroupSession(
                        hub_id=ben.hub_id,
                        held_on=later,
                        starts_at=time(9, 30),
                        ends_at=time(12),
                        mode=DeliveryMode.IN_PERSON,
                        location="North Star Maths Hub office",
                    )
                ],
            ),
            Residential(
                cohort_id=cohort.id,
                title="Year 2 residential",
                starts_on=later - timedelta(days=1),  # two days, both this month
                ends_on=later,
                mode=DeliveryMode.IN_PERSON,
                location="Conference centre, Manchester",
                is_provisional=False,
            ),
        ]
    )
    await session.flush()
    return True


async def _seed_hub_day_rates(session: AsyncSession) -> bool:
    """The north hub's own day rates for every programme year of the running cohort."""
    cohort = await CohortRepository(session).by_code(RUNNING_COHORT_CODE)
    hub = await HubRepository(session).by_code(DAY_RATES_HUB)
    if cohort is None or hub is None:
        return False
    years = set(
        await session.scalars(
            select(CohortYearRule.programme_year).where(CohortYearRule.cohort_id == cohort.id)
        )
    )
    set_already = set(
        await session.scalars(
            select(HubDayRate.programme_year).where(
                HubDayRate.hub_id == hub.id, HubDayRate.cohort_id == cohort.id
            )
        )
    )
    for year in sorted(years - set_already):
        hub_rate = HubDayRate(
            hub_id=hub.id,
            cohort_id=cohort.id,
            programme_year=year,
            day_rates_pence=dict(DEMO_DAY_RATES_PENCE),
        )
        session.add(hub_rate)
        await audit.record(session, None, "hub_day_rate.set", hub_rate, actor_label="demo")
    await session.flush()
    return bool(years - set_already)


def _as_principal(user: User) -> Principal:
    return Principal(
        "user",
        user.id,
        user.email,
        user.hub_id,
        role=user.role,
        approves_claims=user.can_approve_claims,
    )


async def _seed_demo_ledger(session: AsyncSession) -> bool:
    """The demo specialist's claims this academic year, in every status, made through the
    ledger's own rules (rates, cap, four eyes, audit): recorded by the specialist's sign-in (or
    the hub's staff, if a lead linked the sign-in elsewhere), approved and paid by the hub lead.
    Added once: the ledger is append-only, so any entry of theirs this year means it is done."""
    cohort = await CohortRepository(session).by_code(RUNNING_COHORT_CODE)
    if cohort is None:
        return False
    specialist = await session.scalar(
        select(Specialist).where(
            Specialist.cohort_id == cohort.id,
            Specialist.first_name == SPECIALIST_LOGIN_FOR[0],
            Specialist.last_name == SPECIALIST_LOGIN_FOR[1],
        )
    )
    if specialist is None or specialist.school_id is None:
        return False
    today = london_date(utcnow())
    academic_year = academic_year_of(today)
    if await session.scalar(
        select(ReleaseDayEntry.id)
        .where(
            ReleaseDayEntry.specialist_id == specialist.id,
            ReleaseDayEntry.academic_year == academic_year,
        )
        .limit(1)
    ):
        return False
    users = UserRepository(session)
    lead = await session.scalar(
        select(User).where(User.hub_id == specialist.hub_id, User.role == Role.HUB_LEAD).limit(1)
    )
    own_user = (
        await session.scalar(select(User).where(User.id == specialist.user_id))
        if specialist.user_id
        else None
    )
    recorder = own_user or await users.by_email("staff@north.masteryhub.test")
    if lead is None or recorder is None:
        return False
    by, approver = _as_principal(recorder), _as_principal(lead)
    first_day, _ = academic_year_bounds(academic_year)
    for offset, days, activity, outcome in DEMO_LEDGER:
        worked_on = min(first_day + timedelta(days=offset), today)
        entry = await record_claim(
            session,
            by,
            specialist.id,
            ReleaseDayEntryCreate(date=worked_on, days=days, activity=activity),
        )
        await session.flush()
        if outcome in {"approved", "paid"}:
            await approve_entry(session, approver, specialist.id, entry.id)
        if outcome == "paid":
            await mark_paid(
                session,
                approver,
                specialist.id,
                entry.id,
                PaymentCreate(reference=DEMO_PAYMENT_REFERENCE),
            )
        if outcome == "reversed":
            await reverse_entry(
                session,
                by,
                specialist.id,
                entry.id,
                ReversalCreate(reason="Claimed for the wrong day: the launch event was online."),
            )
    await session.flush()
    return True


DEMO_HEAD = ("Mrs Helen Brooks", "head@demo-school.demo.example.org")


async def _seed_head_confirmation(session: AsyncSession) -> bool:
    """The demo specialist's school gets a headteacher contact, and its head is asked to confirm
    this term's release days so far — the worker asks from the term's asking day
    (domain/terms.py); the demo asks early so that Head confirmations has a request to show.
    Once: a school with a contact is done."""
    from masteryhub.config import get_settings
    from masteryhub.domain.terms import term_of
    from masteryhub.models.school_contact import SchoolContact
    from masteryhub.release_confirmations.service import ask, pending

    cohort = await CohortRepository(session).by_code(RUNNING_COHORT_CODE)
    if cohort is None:
        return False
    specialist = await session.scalar(
        select(Specialist).where(
            Specialist.cohort_id == cohort.id,
            Specialist.first_name == SPECIALIST_LOGIN_FOR[0],
            Specialist.last_name == SPECIALIST_LOGIN_FOR[1],
        )
    )
    if specialist is None or specialist.school_id is None:
        return False
    if await session.scalar(
        select(SchoolContact.id).where(
            SchoolContact.hub_id == specialist.hub_id,
            SchoolContact.school_id == specialist.school_id,
        )
    ):
        return False
    contact = SchoolContact(
        hub_id=specialist.hub_id,
        school_id=specialist.school_id,
        headteacher_name=DEMO_HEAD[0],
        headteacher_email=DEMO_HEAD[1],
    )
    session.add(contact)
    await session.flush()
    await audit.record(session, None, "school_contact.created", contact, actor_label="demo data")
    now = utcnow()
    this_term = term_of(london_date(now))
    for item in await pending(session, now, all_hubs=True, terms=[this_term]):
        if (item.hub_id, item.school_id) == (specialist.hub_id, specialist.school_id):
            await ask(session, item, now, base_url=get_settings().base_url)
    return True
