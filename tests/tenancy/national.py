"""The national picture: the roll-up by hub and coverage of England's schools. Staff read
them; hub staff see their own hub's row and area (tests/national proves the figures)."""

from __future__ import annotations

import uuid

from masteryhub.models.data_cut import DataCut
from tests.factories import Factory
from tests.tenancy.core import NATIONAL_ADMINS, STAFF, Access, Declarations, Made, sequence

REPORTS = Declarations(
    access={
        "reports-hubs": Access(STAFF),
        "reports-coverage": Access(STAFF),
        "early-warnings-report": Access(STAFF),
        "early-warnings-rules": Access(STAFF),
    },
    queries={
        "reports-hubs": {"academic_year": "2021/22"},
        "reports-coverage": {"academic_year": "2021/22", "by": "hub"},
        "early-warnings-report": {"academic_year": "2021/22"},
    },
)


async def _data_cut(factory: Factory, national: Made) -> uuid.UUID:
    cut = DataCut(
        academic_year="2021/22",
        number=next(sequence) + 100,
        label="Matrix cut",
        taken_by_label="test",
    )
    await factory.add(cut)
    return cut.id


CUTS = Declarations(
    access={
        "data-cuts-create": Access(NATIONAL_ADMINS),
        "data-cuts-list": Access(NATIONAL_ADMINS),
        "data-cuts-get": Access(NATIONAL_ADMINS),
    },
    national_builders={"data_cut_id": _data_cut},
    national={"data_cut_id": "data cuts are national figures (national admins only)"},
    bodies={
        "data-cuts-create": lambda world: {
            "academic_year": "2021/22",
            "label": "Matrix cut",
            "reason": "The matrix cuts again.",
        },
    },
)


DECLARATIONS = Declarations(
    access={**REPORTS.access, **CUTS.access},
    national_builders=CUTS.national_builders,
    national=CUTS.national,
    queries=REPORTS.queries,
    bodies=CUTS.bodies,
)
