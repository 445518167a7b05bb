"""Programmes, cohorts (with year rules and residentials): national records every hub reads,
only national admins write."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select

from masteryhub.auth.scopes import Scope
from masteryhub.models.cohort import Cohort, CohortYearRule, DeliveryMode, Residential
from masteryhub.models.programme import Programme, ProgrammeCode
from tests.factories import Factory
from tests.tenancy.core import (
    EVERYONE,
    NATIONAL_ADMINS,
    Access,
    Declarations,
    Made,
    scopes,
    sequence,
)

# Specialists of the matrix cohort develop in 2020/21, so 2021/22 is their programme year 2
# (when they may lead work groups).
DEVELOPMENT_YEAR = "2020/21"
PROGRAMME_YEAR = "2"

READ = Access(EVERYONE, scopes(Scope.COHORTS_READ))
WRITE = Access(NATIONAL_ADMINS)


async def _programme(factory: Factory, made: Made) -> uuid.UUID:
    # Programmes are reference data inserted by the migrations.
    async with factory.app.state.sessionmaker() as session:
        programme = await session.scalar(
            select(Programme).where(Programme.code == ProgrammeCode.PRIMARY)
        )
    if programme is None:
        programme = Programme(code=ProgrammeCode.PRIMARY, name="Primary Mastery Specialists")
        await factory.add(programme)
    return programme.id


async def _cohort(factory: Factory, made: Made) -> uuid.UUID:
    n = next(sequence)
    cohort = Cohort(
        code=f"matrix-{n}",
        name=f"Matrix Cohort {n}",
        programme_id=made["programme_id"],
        development_year=DEVELOPMENT_YEAR,
        opens_at=datetime(2020, 3, 1, tzinfo=UTC),
        closes_at=datetime(2020, 6, 15, 16, tzinfo=UTC),
        reference_prefix=f"M{n}",
    )
    await factory.add(cohort)
    await factory.add(
        CohortYearRule(
            cohort_id=cohort.id,
            programme_year=int(PROGRAMME_YEAR),
            release_half_days=30,
            day_rates_pence={"default": 20000},
        )
    )
    return cohort.id


async def _residential(factory: Factory, made: Made) -> uuid.UUID:
    residential = Residential(
        cohort_id=made["cohort_id"],
        title="Matrix Residential",
        starts_on=date(2021, 1, 11),
        ends_on=date(2021, 1, 12),
        mode=DeliveryMode.IN_PERSON,
        location="Conference centre, Birmingham",
    )
    await factory.add(residential)
    return residential.id


DECLARATIONS = Declarations(
    access={
        "programmes-list": READ,
        "programmes-get": READ,
        "cohorts-list": READ,
        "cohorts-get": READ,
        "cohorts-create": WRITE,
        "cohorts-update": WRITE,
        "cohorts-get-year-rule": READ,
        "cohorts-put-year-rule": WRITE,
        "cohorts-list-residentials": READ,
        "cohorts-create-residential": WRITE,
        "residentials-get": READ,
        "residentials-update": WRITE,
    },
    national_builders={
        "programme_id": _programme,
        "cohort_id": _cohort,
        "residential_id": _residential,
    },
    national={
        "programme_id": "programmes are national reference data",
        "cohort_id": "cohorts are national: every hub recruits into them",
        "residential_id": "a cohort's residentials are national; each hub keeps its register",
    },
    path_values={"programme_year": PROGRAMME_YEAR},
    bodies={
        "cohorts-create": lambda world: {
            "code": f"matrix-new-{next(sequence)}",
            "name": "Matrix New Cohort",
            "programme": "primary",
            "development_year": "2030/31",
            "opens_at": "2030-03-01T09:00",
            "closes_at": "2030-06-15T16:00",
            "reference_prefix": f"N{next(sequence)}",
        },
        "cohorts-update": lambda world: {"name": "Renamed Cohort"},
        "cohorts-put-year-rule": lambda world: {
            "release_days": 12.5,
            "day_rates_pence": {"default": 20000},
        },
        "cohorts-create-residential": lambda world: {
            "title": "Another Residential",
            "starts_on": "2021-05-10",
            "ends_on": "2021-05-11",
        },
        "residentials-update": lambda world: {"title": "Renamed Residential"},
    },
)
