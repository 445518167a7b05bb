"""Every query of the residentials area (the register of who attended)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.kit.ownership import OwnedIds
from masteryhub.kit.repository import Repository
from masteryhub.models.residential_attendance import ResidentialAttendance
from masteryhub.models.specialist import Specialist
from masteryhub.specialists.repository import SpecialistRepository


class RegisterRepository:
    """The specialists a residential's register lists."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def cohort_specialists(self, cohort_id: uuid.UUID) -> list[Specialist]:
        """The cohort's specialists the caller can see (their hub's; a specialist only
        themself), by name."""
        statement = (
            SpecialistRepository(self.session)
            .select()
            .where(Specialist.cohort_id == cohort_id)
            .order_by(Specialist.last_name, Specialist.first_name, Specialist.id)
        )
        return list(await self.session.scalars(statement))

    async def specialists(self, specialist_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Specialist]:
        statement = select(Specialist).where(Specialist.id.in_(specialist_ids))
        return {s.id: s for s in await self.session.scalars(statement)}


class ResidentialAttendanceRepository(Repository[ResidentialAttendance]):
    model = ResidentialAttendance
    not_found_detail = "No such attendance record."

    @staticmethod
    def owned_by(specialist_ids: OwnedIds) -> ColumnElement[bool]:
        return ResidentialAttendance.specialist_id.in_(specialist_ids)

    async def of(
        self, residential_id: uuid.UUID, specialist_ids: Sequence[uuid.UUID] | None = None
    ) -> dict[uuid.UUID, ResidentialAttendance]:
        statement = self.select().where(ResidentialAttendance.residential_id == residential_id)
        if specialist_ids is not None:
            statement = statement.where(ResidentialAttendance.specialist_id.in_(specialist_ids))
        return {row.specialist_id: row for row in await self.session.scalars(statement)}
