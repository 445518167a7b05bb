"""Every query of the data cuts. Cuts are national: no hub scoping applies."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from masteryhub.data_cuts.errors import DataCutNotFound
from masteryhub.kit.repository import Repository
from masteryhub.models.data_cut import DataCut


class DataCutRepository(Repository[DataCut]):
    model = DataCut
    not_found_detail = "No such data cut."

    def filtered(self, academic_year: str | None = None) -> Any:
        statement = select(DataCut)
        if academic_year is not None:
            statement = statement.where(DataCut.academic_year == academic_year)
        return statement

    async def with_rows(self, cut_id: uuid.UUID) -> DataCut:
        cut = await self.session.scalar(
            select(DataCut).options(selectinload(DataCut.rows)).where(DataCut.id == cut_id)
        )
        if cut is None:
            raise DataCutNotFound("No such data cut.")
        return cut

    async def latest(self, academic_year: str) -> DataCut | None:
        return await self.session.scalar(
            select(DataCut)
            .options(selectinload(DataCut.rows))
            .where(DataCut.academic_year == academic_year)
            .order_by(DataCut.number.desc())
            .limit(1)
        )
