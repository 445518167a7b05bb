"""Hub day rates and the per-entry finance export.

A hub's day rates hang off a national record (a cohort's year rule): every hub writes its own
rates for the same cohort, so a hub caller's `hub_id` is ignored (their own hub, always) and a
national admin names the hub.
"""

from __future__ import annotations

from masteryhub.auth.scopes import Scope
from tests.tenancy.core import LEADS, STAFF, Access, Declarations

NAMED_HUB = {"hub_id": "{hub_id}"}

DECLARATIONS = Declarations(
    access={
        "day-rates-list": Access(STAFF),
        "day-rates-get": Access(STAFF),
        "day-rates-put": Access(LEADS),
        "day-rates-delete": Access(LEADS),
        "reports-release-day-entries": Access(STAFF, frozenset({Scope.LEDGER_READ})),
    },
    queries={
        "day-rates-get": NAMED_HUB,
        "day-rates-put": NAMED_HUB,
        "day-rates-delete": NAMED_HUB,
        "reports-release-day-entries": {"academic_year": "2021/22"},
    },
    bodies={
        "day-rates-put": lambda world: {
            "day_rates_pence": {"default": 21000, "work_group_session": 35000}
        },
    },
)
