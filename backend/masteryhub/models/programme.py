from __future__ import annotations

import enum
import uuid

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity


def str_enum(enum_class: type[enum.StrEnum], length: int = 32) -> Enum:
    """Enums stored as their values in a VARCHAR with a CHECK-free, portable column."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
    )


class ProgrammeCode(enum.StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class CriterionKind(enum.StrEnum):
    ESSENTIAL = "essential"
    DESIRABLE = "desirable"


class Programme(Entity):
    """The Primary or Secondary Mastery Specialist programme: its criteria and year rules."""

    __tablename__ = "programmes"

    code: Mapped[ProgrammeCode] = mapped_column(str_enum(ProgrammeCode), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    criteria: Mapped[list[Criterion]] = relationship(
        lazy="raise", order_by="Criterion.position", back_populates="programme"
    )


class Criterion(Entity):
    """An essential or desirable selection criterion, in the programme document's wording."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("programme_id", "code"),)

    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programmes.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    kind: Mapped[CriterionKind] = mapped_column(str_enum(CriterionKind, 16))
    wording: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    programme: Mapped[Programme] = relationship(lazy="raise", back_populates="criteria")
