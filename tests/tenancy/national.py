"""The national picture: the roll-up by hub and coverage of England's schools. Staff read
them; hub staff see their own hub's row and area (tests/national proves the figures)."""

from __future__ import annotations

from tests.tenancy.core import STAFF, Access, Declarations

DECLARATIONS = Declarations(
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
