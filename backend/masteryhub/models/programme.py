from __future__ import annotations

import enum
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.domain.academic_year import half_days_to_days
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
    year_rules: Mapped[list[ProgrammeYearRule]] = relationship(
        lazy="raise", order_by="ProgrammeYearRule.programme_year", back_populates="programme"
    )
    outcome_reasons: Mapped[list[OutcomeReason]] = relationship(
        lazy="raise", order_by="OutcomeReason.position"
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


class OutcomeReason(Entity):
    """A coded reason a hub may give for not appointing, held as data per programme."""

    __tablename__ = "outcome_reasons"
    __table_args__ = (UniqueConstraint("programme_id", "code"),)

    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programmes.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(300))
    position: Mapped[int]


class ProgrammeYearRule(Entity):
    """The programme's default funding for one programme year (1 = development year).

    Seeded from the programme documents by a data migration and copied onto each new cohort
    (CohortYearRule), where a hub's national team may adjust it.
    """

    __tablename__ = "programme_year_rules"
    __table_args__ = (UniqueConstraint("programme_id", "programme_year"),)

    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    programme_year: Mapped[int]
    # Entitlement in half days (15 days = 30), so days are exact integers.
    release_half_days: Mapped[int]
    # Pence per day by activity; "default" applies to activities not listed. Empty = set by hub.
    day_rates_pence: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    grants: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(String(1000))
    programme: Mapped[Programme] = relationship(lazy="raise", back_populates="year_rules")

    @property
    def release_days(self) -> Decimal:
        return half_days_to_days(self.release_half_days)
