"""Every query of the programmes area (reference data: nothing here writes them)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from masteryhub.errors import NotFound
from masteryhub.kit.repository import Repository
from masteryhub.models.programme import Criterion, OutcomeReason, Programme, ProgrammeCode


class ProgrammeRepository(Repository[Programme]):
    """Programmes are reference data inserted by a migration; nothing here writes them."""

    model = Programme
    load_options = (
        selectinload(Programme.criteria),
        selectinload(Programme.year_rules),
        selectinload(Programme.outcome_reasons),
    )
    not_found_detail = "No such programme."

    async def by_code(self, code: ProgrammeCode | str) -> Programme | None:
        return await self.session.scalar(self.select().where(Programme.code == code))

    async def get_by_code(self, code: ProgrammeCode | str) -> Programme:
        programme = await self.by_code(code)
        if programme is None:
            raise NotFound(f"No programme with code {code!r}.")
        return programme

    async def criteria(self, programme_id: uuid.UUID) -> list[Criterion]:
        """A programme's criteria in the documents' order."""
        return list(
            await self.session.scalars(
                select(Criterion)
                .where(Criterion.programme_id == programme_id)
                .order_by(Criterion.position)
            )
        )

    async def outcome_reasons(self, programme_id: uuid.UUID) -> list[OutcomeReason]:
        """A programme's coded reasons for not appointing, in the documents' order."""
        return list(
            await self.session.scalars(
                select(OutcomeReason)
                .where(OutcomeReason.programme_id == programme_id)
                .order_by(OutcomeReason.position)
            )
        )
