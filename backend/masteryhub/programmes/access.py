"""Who may read programmes and cohorts: every signed-in person, and clients with cohorts:read."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from masteryhub.auth.dependencies import ALL_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope

CohortsReader = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.COHORTS_READ}))]
