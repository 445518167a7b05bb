from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity


class School(Entity):
    """A school from DfE's Get Information About Schools (GIAS), keyed by its URN.

    National reference data: every hub reads every school. ``hub_id`` is the hub whose area
    the school is in — it follows the school's LA (``hub_areas``) unless a national admin
    has overridden it (``hub_overridden``).
    """

    __tablename__ = "schools"
    __table_args__ = (Index("ix_schools_name_lower", func.lower("name")),)

    urn: Mapped[str] = mapped_column(String(6), unique=True)  # a string, never a number
    name: Mapped[str] = mapped_column(String(255))
    type_code: Mapped[str | None] = mapped_column(String(8))
    type_name: Mapped[str | None] = mapped_column(String(120))
    type_group_code: Mapped[str | None] = mapped_column(String(8))
    type_group_name: Mapped[str | None] = mapped_column(String(120))
    status_code: Mapped[str | None] = mapped_column(String(4), index=True)
    status_name: Mapped[str | None] = mapped_column(String(80))
    phase_code: Mapped[str | None] = mapped_column(String(4), index=True)
    phase_name: Mapped[str | None] = mapped_column(String(80))
    la_code: Mapped[str | None] = mapped_column(String(3), index=True)
    la_name: Mapped[str | None] = mapped_column(String(120))
    region_code: Mapped[str | None] = mapped_column(String(4))
    region_name: Mapped[str | None] = mapped_column(String(80), index=True)
    postcode: Mapped[str | None] = mapped_column(String(16))
    head_name: Mapped[str | None] = mapped_column(String(200))
    opened_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    # Derived at import (product.md): kept as columns so lists can filter on them by index.
    is_state_funded: Mapped[bool] = mapped_column(default=False, index=True)
    is_in_england: Mapped[bool] = mapped_column(default=True)
    is_open: Mapped[bool] = mapped_column(default=True)
    hub_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("hubs.id"), index=True)
    hub_overridden: Mapped[bool] = mapped_column(default=False)
    # Hash of the source row, so re-importing an unchanged file writes nothing.
    source_hash: Mapped[str | None] = mapped_column(String(64))


class HubArea(Entity):
    """A local authority (LA code) in a hub's area. Each LA belongs to at most one hub."""

    __tablename__ = "hub_areas"

    hub_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("hubs.id", ondelete="CASCADE"), index=True)
    la_code: Mapped[str] = mapped_column(String(3), unique=True)
