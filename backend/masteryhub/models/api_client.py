from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.hub import Hub


class ApiClient(HubOwned, Entity):
    """A machine client (another hub's system, a form tool) with scopes, bound to one hub."""

    __tablename__ = "api_clients"

    name: Mapped[str] = mapped_column(String(200))
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(255))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_active: Mapped[bool] = mapped_column(default=True)
    hub: Mapped[Hub] = relationship(lazy="raise")
