"""Every query of the hubs area."""

from __future__ import annotations

from sqlalchemy import Select, select

from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.hub import Hub


class HubRepository(Repository[Hub]):
    model = Hub
    not_found_detail = "No such hub."

    async def by_code(self, code: str) -> Hub | None:
        return await self.session.scalar(select(Hub).where(Hub.code == code))

    def filtered(self, *, q: str | None = None) -> Select[Hub]:
        statement = self.select()
        if (matches := text_search(q, Hub.name, Hub.code)) is not None:
            statement = statement.where(matches)
        return statement
