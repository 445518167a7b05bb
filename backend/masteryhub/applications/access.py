"""Who may call what in the pipeline, said once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from masteryhub.auth.dependencies import STAFF_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope

# Form tools (applications:submit) and hub staff, who may enter a late application by hand.
Submitter = Annotated[
    Principal, Depends(Allow(roles=STAFF_ROLES, scopes={Scope.APPLICATIONS_SUBMIT}))
]
# Hub staff, and integrators' clients with applications:read.
Reader = Annotated[Principal, Depends(Allow(roles=STAFF_ROLES, scopes={Scope.APPLICATIONS_READ}))]
# People who review and move applications (API clients never do); which moves are the hub
# lead's alone is a rule of the status machine (applications.decisions).
Reviewer = Annotated[Principal, Depends(Allow(roles=STAFF_ROLES))]
