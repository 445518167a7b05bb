"""Own-records scoping: a person with the specialist role sees only their own records.

Beside kit.tenancy, which narrows every query to the caller's hub, and applied the same way —
once per request, not call by call. Resolving the principal reads the caller's own specialist
ids (the Specialist rows linked to their sign-in) onto the principal and onto the request's
session. A repository names which of its rows a specialist owns (``Repository.owned_by``), and
its ``select()`` — so every fetch, list and lock it makes — adds that condition whenever the
session carries own ids. Anyone else (hub staff, hub leads, national admins, API clients) acts
for the whole hub: no ids, no condition.

Work that must look past the caller's own records (refusing a specialist who claims for someone
else with a 403 rather than hiding the record; a register a specialist records bringing every
co-lead's proposals in line) says so with ``select(every_owner=True)``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import BindParameter, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from masteryhub.auth.principals import Principal
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role

OWN_SCOPE = "masteryhub_own_specialists"

OwnSpecialists = frozenset[uuid.UUID]
# What ``Repository.owned_by`` narrows to: the ids, or a bind parameter that will carry them
# (a statement prepared once, kit.prepared).
OwnedIds = OwnSpecialists | BindParameter[Any]


def acts_as_specialist(principal: Principal) -> bool:
    """A person with the specialist role (API clients and staff act for the hub)."""
    return principal.kind == "user" and principal.role is Role.SPECIALIST


async def specialist_ids_of_user(session: AsyncSession, user_id: uuid.UUID) -> OwnSpecialists:
    return frozenset(
        (await session.scalars(select(Specialist.id).where(Specialist.user_id == user_id))).all()
    )


def scope_session_to_specialists(session: Session, own: OwnSpecialists | None) -> None:
    if own is None:
        session.info.pop(OWN_SCOPE, None)
    else:
        session.info[OWN_SCOPE] = own


def session_own_specialists(session: Session) -> OwnSpecialists | None:
    value = session.info.get(OWN_SCOPE)
    return value if isinstance(value, frozenset) else None
