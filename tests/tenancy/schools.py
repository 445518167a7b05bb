"""Schools (national reference data, each in a hub's area), GIAS imports, hub areas."""

from __future__ import annotations

import uuid
from typing import Any

from masteryhub.auth.scopes import Scope
from masteryhub.models.school import School
from masteryhub.models.school_import import ImportSource, ImportStatus, SchoolImport
from tests.factories import Factory
from tests.schools.gias_files import HEADERS
from tests.tenancy.core import (
    EVERYONE,
    LEADS,
    NATIONAL_ADMINS,
    Access,
    Builder,
    Declarations,
    HubWorld,
    Made,
    World,
    scopes,
    sequence,
)

READ = Access(EVERYONE, scopes(Scope.SCHOOLS_READ))


async def _school(factory: Factory, place: HubWorld) -> uuid.UUID:
    n = next(sequence)
    school = School(
        urn=f"{700000 + n:06d}",
        name=f"Matrix Primary School {n}",
        hub_id=place.hub.id,
        postcode="AB1 2CD",
        is_state_funded=True,
    )
    await factory.add(school)
    place.facts["school_urn"] = school.urn
    return school.id


async def _school_import(factory: Factory, made: Made) -> uuid.UUID:
    job = SchoolImport(
        status=ImportStatus.COMPLETED,
        source=ImportSource.UPLOAD,
        filename="edubasealldata20210901.csv",
        stored_path="/nowhere/edubasealldata20210901.csv",
        size_bytes=0,
        requested_by_label="matrix@example.org",
    )
    await factory.add(job)
    return job.id


def _gias_upload(world: World) -> dict[str, Any]:
    # A GIAS file with its header and no establishments: imported in no time.
    header = ",".join(f'"{name}"' for name in HEADERS) + "\r\n"
    return {"file": ("edubasealldata20210901.csv", header.encode("cp1252"), "text/csv")}


DECLARATIONS = Declarations(
    access={
        "schools-list": READ,
        "schools-get": READ,
        "schools-update": Access(NATIONAL_ADMINS),
        "schools-imports-create": Access(NATIONAL_ADMINS),
        "schools-imports-list": Access(NATIONAL_ADMINS),
        "schools-imports-get": Access(NATIONAL_ADMINS),
        "hubs-areas-get": READ,
        "hubs-areas-replace": Access(LEADS),
    },
    builders={"school_id": Builder(_school)},
    national_builders={"import_id": _school_import},
    national={
        "school_id": "schools are national reference data (each in some hub's area)",
        "import_id": "GIAS imports are national (national admins only)",
    },
    national_lists={"schools-list": "schools are national: every hub sees every school"},
    own_hub_writes={"hubs-areas-replace": "a hub lead sets their own hub's area only"},
    bodies={
        "schools-update": lambda world: {"hub_id": str(world.a.hub.id)},
        "hubs-areas-replace": lambda world: {"la_codes": ["931"]},
    },
    uploads={"schools-imports-create": _gias_upload},
)
