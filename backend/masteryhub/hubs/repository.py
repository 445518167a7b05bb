"""Every query of the hubs area."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select

from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.hub import Hub


class HubRepository(Repository[Hub]):
    model = Hub
    not_found_detail = "No such hub."

    async def by_code(self, code: str) -> Hub | None:
        return await self.session.scalar(select(Hub).where(Hub.code == code))

    async def any_hub(self, hub_id: uuid.UUID) -> Hub | None:
        """The hub, whoever asks (its name on an email to one of its people)."""
        return await self.session.scalar(
            select(Hub).where(Hub.id == hub_id).execution_options(all_hubs=True)
        )

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(Hub)) or 0)

    def filtered(self, *, q: str | None = None) -> Select[Hub]:
        statement = self.select()
        if (matches := text_search(q, Hub.name, Hub.code)) is not None:
            statement = statement.where(matches)
        return statement
