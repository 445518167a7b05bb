"""Arranging delivery data directly as model rows (programmes, cohorts with year rules,
schools, specialists and their users), so these tests depend on no other area's endpoints."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from masteryhub.models.cohort import Cohort, CohortYearRule, DeliveryMode, Residential
from masteryhub.models.hub import Hub
from masteryhub.models.programme import Programme, ProgrammeCode
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory

_numbers = itertools.count(1)

# Primary cohort 6 as the seed document has it, with rates a hub has set: 15 days in the
# development year, up to 33 after; £200 a day by default, £350 for work with other schools.
PRIMARY_RULES: dict[int, dict[str, Any]] = {
    1: {"release_half_days": 30, "day_rates_pence": {"default": 20000}},
    2: {
        "release_half_days": 66,
        "day_rates_pence": {"default": 20000, "work_group_session": 35000},
        "grants": [
            {"code": "department_support", "description": "Per department", "amount_pence": 200000}
        ],
    },
    3: {"release_half_days": 66, "day_rates_pence": {"default": 20000}},
}


@dataclass
class DeliveryData:
    factory: Factory
    programmes: dict[ProgrammeCode, Programme] = field(default_factory=dict)

    @property
    def app(self) -> FastAPI:
        return self.factory.app

    async def programme(self, code: ProgrammeCode = ProgrammeCode.PRIMARY) -> Programme:
        if code not in self.programmes:
            # Programmes are reference data the migrations may already have inserted.
            async with self.app.state.sessionmaker() as session:
                programme = await session.scalar(select(Programme).where(Programme.code == code))
            if programme is None:
                programme = Programme(code=code, name=f"{code.value.title()} Mastery Specialists")
                await self.factory.add(programme)
            self.programmes[code] = programme
        return self.programmes[code]

    async def cohort(
        self,
        development_year: str = "2020/21",
        rules: dict[int, dict[str, Any]] | None = None,
        code: str | None = None,
    ) -> Cohort:
        n = next(_numbers)
        programme = await self.programme()
        cohort = Cohort(
            code=code or f"primary-{n}",
            name=f"Primary Mastery Specialists Cohort {n}",
            programme_id=programme.id,
            development_year=development_year,
            opens_at=datetime(2020, 4, 1, tzinfo=UTC),
            closes_at=datetime(2020, 6, 15, 16, tzinfo=UTC),
            reference_prefix=f"P{n}",
        )
        await self.factory.add(cohort)
        year_rules = [
            CohortYearRule(
                cohort_id=cohort.id,
                programme_year=year,
                release_half_days=rule["release_half_days"],
                day_rates_pence=dict(rule.get("day_rates_pence", {})),
                grants=list(rule.get("grants", [])),
            )
            for year, rule in (PRIMARY_RULES if rules is None else rules).items()
        ]
        await self.factory.add(*year_rules)
        return cohort

    async def residential(self, cohort: Cohort, starts_on: date) -> Residential:
        residential = Residential(
            cohort_id=cohort.id,
            title=f"Residential {starts_on:%B %Y}",
            starts_on=starts_on,
            ends_on=starts_on.replace(day=starts_on.day + 1),
            mode=DeliveryMode.IN_PERSON,
        )
        await self.factory.add(residential)
        return residential

    async def school(self, name: str | None = None, hub: Hub | None = None) -> School:
        n = next(_numbers)
        school = School(
            urn=f"{100000 + n:06d}",
            name=name or f"Test Primary School {n}",
            hub_id=hub.id if hub else None,
        )
        await self.factory.add(school)
        return school

    async def specialist(
        self,
        hub: Hub,
        cohort: Cohort,
        school: School | None = None,
        *,
        first_name: str = "Amira",
        last_name: str | None = None,
        user: Caller | None = None,
        appointed_on: date = date(2020, 7, 1),
        **fields: Any,
    ) -> Specialist:
        n = next(_numbers)
        specialist = Specialist(
            hub_id=hub.id,
            cohort_id=cohort.id,
            school_id=school.id if school else None,
            user_id=user.id if user else None,
            first_name=first_name,
            last_name=last_name or f"Khan{n}",
            email=f"specialist{n}@example.org",
            appointed_on=appointed_on,
            **fields,
        )
        await self.factory.add(specialist)
        return specialist

    async def specialist_caller(self, hub: Hub, role: Role = Role.SPECIALIST) -> Caller:
        return await self.factory.caller(role, hub)
