"""Every query of the API clients area."""

from __future__ import annotations

from sqlalchemy import Select, select

from masteryhub.kit.repository import Repository
from masteryhub.models.api_client import ApiClient


class ApiClientRepository(Repository[ApiClient]):
    model = ApiClient
    not_found_detail = "No such API client."

    async def by_client_id(self, client_id: str) -> ApiClient | None:
        """The client presenting CLIENT_ID at the token endpoint, whichever hub it is in."""
        statement = select(ApiClient).where(ApiClient.client_id == client_id)
        return await self.session.scalar(statement.execution_options(all_hubs=True))

    def filtered(self, *, is_active: bool | None = None) -> Select[ApiClient]:
        statement = self.select()
        if is_active is not None:
            statement = statement.where(ApiClient.is_active == is_active)
        return statement
