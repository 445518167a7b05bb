"""Every area's declarations, gathered (an area added to the app adds its module here)."""

from __future__ import annotations

from typing import Any

from tests.tenancy import (
    accounts,
    admin,
    applications,
    cohorts,
    confirmations,
    delivery,
    money,
    national,
    schools,
    specialists,
)
from tests.tenancy.core import (
    Access,
    Body,
    Builder,
    CrossHubBody,
    Declarations,
    ForbiddenWrite,
    NationalBuilder,
    Prepare,
    PublicUrl,
)

# In dependency order: builders see what earlier areas' builders made.
AREAS: list[Declarations] = [
    admin.DECLARATIONS,
    accounts.DECLARATIONS,
    cohorts.DECLARATIONS,
    schools.DECLARATIONS,
    specialists.DECLARATIONS,
    applications.DECLARATIONS,
    delivery.DECLARATIONS,
    money.DECLARATIONS,
    confirmations.DECLARATIONS,
    national.DECLARATIONS,
]


def _merged(name: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for area in AREAS:
        part: dict[str, Any] = getattr(area, name)
        twice = set(merged) & set(part)
        assert not twice, f"{name}: declared by two areas: {sorted(twice)}"
        merged.update(part)
    return merged


ACCESS: dict[str, Access] = _merged("access")
BUILDERS: dict[str, Builder] = _merged("builders")
NATIONAL_BUILDERS: dict[str, NationalBuilder] = _merged("national_builders")
NATIONAL: dict[str, str] = _merged("national")
NATIONAL_LISTS: dict[str, str] = _merged("national_lists")
OWN_HUB_WRITES: dict[str, str] = _merged("own_hub_writes")
HUB_PRIVATE: dict[str, str] = _merged("hub_private")
PUBLIC: dict[str, str] = _merged("public")
BODIES: dict[str, Body] = _merged("bodies")
UPLOADS: dict[str, Any] = _merged("uploads")
QUERIES: dict[str, dict[str, str]] = _merged("queries")
HEADERS: dict[str, Any] = _merged("headers")
PATH_VALUES: dict[str, str] = _merged("path_values")
PREPARE: dict[str, Prepare] = _merged("prepare")
FORBIDDEN_WRITES: dict[str, ForbiddenWrite] = _merged("forbidden_writes")
CROSS_HUB_BODIES: dict[str, CrossHubBody] = _merged("cross_hub_bodies")
PUBLIC_URLS: dict[str, PublicUrl] = _merged("public_urls")
