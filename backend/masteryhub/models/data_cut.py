from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from masteryhub.models.base import Entity


class DataCut(Entity):
    """A named, frozen snapshot of a year's engagement and delivery figures (the August cut).

    National. Never updated or deleted: a re-cut is a new cut (``number`` + 1) whose rows also
    carry the difference from the previous cut, with the reason for re-cutting.
    """

    __tablename__ = "data_cuts"
    __table_args__ = (UniqueConstraint("academic_year", "number"),)

    academic_year: Mapped[str] = mapped_column(String(7), index=True)
    number: Mapped[int]  # 1 for the first cut of the year, then 2, 3…
    label: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)  # required from the second cut on
    previous_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("data_cuts.id"))
    taken_by_id: Mapped[uuid.UUID | None]
    taken_by_label: Mapped[str] = mapped_column(String(320))
    rows: Mapped[list[DataCutRow]] = relationship(
        lazy="raise", order_by="[DataCutRow.position]", back_populates="data_cut"
    )


class DataCutRow(Entity):
    """One figure of a cut: a measure for one hub (or England, ``hub_id`` None)."""

    __tablename__ = "data_cut_rows"
    __table_args__ = (UniqueConstraint("data_cut_id", "hub_id", "measure"),)

    data_cut_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("data_cuts.id"), index=True)
    position: Mapped[int]
    hub_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("hubs.id"))
    hub_code: Mapped[str | None] = mapped_column(String(32))  # as it was when cut
    hub_name: Mapped[str] = mapped_column(String(200))
    measure: Mapped[str] = mapped_column(String(64))
    value: Mapped[int]
    previous_value: Mapped[int | None]  # the previous cut's, on a re-cut
    data_cut: Mapped[DataCut] = relationship(lazy="raise", back_populates="rows")


class ImmutableRecord(Exception):
    """Raised on any attempt to change or delete a data cut once taken."""


def _refuse(mapper: Mapper[object], connection: object, target: object) -> None:
    raise ImmutableRecord(f"{type(target).__name__} rows are never changed once written.")


for _model in (DataCut, DataCutRow):
    event.listen(_model, "before_update", _refuse)
    event.listen(_model, "before_delete", _refuse)
