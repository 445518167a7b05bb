"""Delivery test data inserted as model rows (programmes, cohorts, schools, specialists),
so these tests depend on no other area's endpoints."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from masteryhub.models.cohort import Cohort, DeliveryMode, Residential
from masteryhub.models.hub import Hub
from masteryhub.models.programme import Programme, ProgrammeCode
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory

_numbers = itertools.count(1)


class World:
    def __init__(self, factory: Factory) -> None:
        self.factory = factory
        self._programmes: dict[ProgrammeCode, Programme] = {}

    async def programme(self, code: ProgrammeCode = ProgrammeCode.PRIMARY) -> Programme:
        if code not in self._programmes:
            # Reuse the programme when migrations already hold it as reference data.
            async with self.factory.app.state.sessionmaker() as session:
                programme = await session.scalar(select(Programme).where(Programme.code == code))
            if programme is None:
                programme = Programme(code=code, name=f"{code.value.title()} Mastery Specialists")
                await self.factory.add(programme)
            self._programmes[code] = programme
        return self._programmes[code]

    async def cohort(
        self,
        development_year: str = "2020/21",
        programme: ProgrammeCode = ProgrammeCode.PRIMARY,
    ) -> Cohort:
        n = next(_numbers)
        start = int(development_year[:4])
        cohort = Cohort(
            code=f"{programme.value}-{n}",
            name=f"{programme.value.title()} Mastery Specialists Cohort {n} ({development_year})",
            programme_id=(await self.programme(programme)).id,
            development_year=development_year,
            opens_at=datetime(start, 3, 1, tzinfo=UTC),
            closes_at=datetime(start, 6, 15, 16, tzinfo=UTC),
            reference_prefix=f"C{n}",
        )
        await self.factory.add(cohort)
        return cohort

    async def school(self, hub: Hub | None = None, name: str | None = None) -> School:
        n = next(_numbers)
        school = School(
            urn=f"{100000 + n:06d}",
            name=name or f"Test Primary School {n}",
            hub_id=hub.id if hub else None,
            postcode="AB1 2CD",
        )
        await self.factory.add(school)
        return school

    async def specialist(
        self,
        hub: Hub,
        cohort: Cohort,
        school: School | None = None,
        first_name: str = "Sam",
        last_name: str | None = None,
        user_id: uuid.UUID | None = None,
    ) -> Specialist:
        n = next(_numbers)
        specialist = Specialist(
            hub_id=hub.id,
            cohort_id=cohort.id,
            school_id=school.id if school else None,
            first_name=first_name,
            last_name=last_name or f"Specialist{n}",
            email=f"specialist{n}@example.org",
            appointed_on=date(int(cohort.development_year[:4]), 7, 1),
            user_id=user_id,
        )
        await self.factory.add(specialist)
        return specialist

    async def specialist_caller(
        self, hub: Hub, cohort: Cohort, school: School | None = None, first_name: str = "Sam"
    ) -> tuple[Caller, Specialist]:
        """A person with the specialist role, linked to a Specialist participation."""
        caller = await self.factory.caller(Role.SPECIALIST, hub)
        specialist = await self.specialist(
            hub, cohort, school, first_name=first_name, user_id=caller.id
        )
        return caller, specialist

    async def residential(
        self,
        cohort: Cohort,
        starts_on: date,
        title: str = "Residential 1",
        location: str | None = "Conference centre, Birmingham",
    ) -> Residential:
        residential = Residential(
            cohort_id=cohort.id,
            title=title,
            starts_on=starts_on,
            ends_on=date.fromordinal(starts_on.toordinal() + 1),
            mode=DeliveryMode.IN_PERSON,
            location=location,
        )
        await self.factory.add(residential)
        return residential


@pytest.fixture
def world(factory: Factory) -> World:
    return World(factory)
