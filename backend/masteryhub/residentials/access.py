"""Who a caller acts as in delivery records (TRG meetings, work groups, attendance, calendar).

Hub staff, hub leads, national admins and API clients act for the hub (tenancy already limits
them to it). A person with the specialist role acts only for their own participations: the
Specialist rows linked to their user.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role


def acts_as_specialist(principal: Principal) -> bool:
    return principal.kind == "user" and principal.role is Role.SPECIALIST


async def own_specialist_ids(session: AsyncSession, principal: Principal) -> set[uuid.UUID] | None:
    """The caller's own specialist ids, or None when the caller acts for the whole hub."""
    if not acts_as_specialist(principal):
        return None
    return await specialist_ids_of_user(session, principal.id)


async def specialist_ids_of_user(session: AsyncSession, user_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        (await session.scalars(select(Specialist.id).where(Specialist.user_id == user_id))).all()
    )
