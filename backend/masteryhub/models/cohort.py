from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.domain.academic_year import half_days_to_days
from masteryhub.models.base import Entity
from masteryhub.models.programme import Programme, str_enum


class DeliveryMode(enum.StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class Cohort(Entity):
    """One intake of a programme, e.g. Primary Mastery Specialists Cohort 6 (2020/21).

    National: every hub reads cohorts; applications to it belong to hubs.
    """

    __tablename__ = "cohorts"

    code: Mapped[str] = mapped_column(String(32), unique=True)  # what form tools post against
    name: Mapped[str] = mapped_column(String(200))
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programmes.id"), index=True)
    development_year: Mapped[str] = mapped_column(String(7))  # academic year, "2020/21"
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    # "PMS6" → PMS6-000042; unique so human references never collide across cohorts.
    reference_prefix: Mapped[str] = mapped_column(String(8), unique=True)
    places_per_hub: Mapped[int | None]
    reference_link_days: Mapped[int] = mapped_column(default=14)
    reference_reminder_days: Mapped[int] = mapped_column(default=7)
    # Days after a link was sent at which the headteacher is chased (each with a fresh link),
    # and at which the applicant is told their reference is still missing.
    head_chaser_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [7, 14])
    applicant_chaser_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [10])
    # When selection ends, outstanding reference links are cancelled (None: never by date).
    selection_ends_at: Mapped[datetime | None]
    programme: Mapped[Programme] = relationship(lazy="raise")
    year_rules: Mapped[list[CohortYearRule]] = relationship(
        lazy="raise", order_by="CohortYearRule.programme_year", back_populates="cohort"
    )
    residentials: Mapped[list[Residential]] = relationship(
        lazy="raise", order_by="Residential.starts_on", back_populates="cohort"
    )


class CohortYearRule(Entity):
    """What a specialist's school is funded for in one programme year (1 = development year).

    Copied from the programme when the cohort is created and adjustable per cohort: rates and
    grants are data, never code (product.md).
    """

    __tablename__ = "cohort_year_rules"
    __table_args__ = (UniqueConstraint("cohort_id", "programme_year"),)

    cohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    programme_year: Mapped[int]
    # Entitlement in half days (15 days = 30), so days are exact integers.
    release_half_days: Mapped[int]
    # Pence per day by activity; "default" applies to activities not listed. Empty = set by hub.
    day_rates_pence: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # [{"code": "department_support", "description": "...", "amount_pence": 200000}]
    grants: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(String(1000))
    cohort: Mapped[Cohort] = relationship(lazy="raise", back_populates="year_rules")

    @property
    def release_days(self) -> Decimal:
        return half_days_to_days(self.release_half_days)


class Residential(Entity):
    """A two-day national training event of a cohort (dates may be provisional)."""

    __tablename__ = "residentials"

    cohort_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    mode: Mapped[DeliveryMode] = mapped_column(str_enum(DeliveryMode, 16))
    location: Mapped[str | None] = mapped_column(String(200))
    is_provisional: Mapped[bool] = mapped_column(default=True)
    cohort: Mapped[Cohort] = relationship(lazy="raise", back_populates="residentials")
