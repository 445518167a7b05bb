"""Every query of the API clients area."""

from __future__ import annotations

from sqlalchemy import Select

from masteryhub.kit.repository import Repository
from masteryhub.models.api_client import ApiClient


class ApiClientRepository(Repository[ApiClient]):
    model = ApiClient
    not_found_detail = "No such API client."

    def filtered(self, *, is_active: bool | None = None) -> Select[ApiClient]:
        statement = self.select()
        if is_active is not None:
            statement = statement.where(ApiClient.is_active == is_active)
        return statement
