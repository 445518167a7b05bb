from __future__ import annotations

import enum
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.programme import str_enum

if TYPE_CHECKING:
    from masteryhub.models.application import Application


class EssentialAssessment(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNCLEAR = "unclear"


class Recommendation(enum.StrEnum):
    APPOINT = "appoint"
    INTERVIEW = "interview"
    RESERVE = "reserve"
    DO_NOT_APPOINT = "do_not_appoint"


class Review(HubOwned, Entity):
    """One reviewer's assessment of an application: essentials gate, desirables (0–2) rank."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    # Kept with the review: the reviewer may be a national admin, outside any hub's scope.
    reviewer_name: Mapped[str] = mapped_column(String(200))
    essential: Mapped[dict[str, str]] = mapped_column(JSON)  # criterion code → assessment
    desirable: Mapped[dict[str, int]] = mapped_column(JSON)  # criterion code → 0..2
    comment: Mapped[str | None] = mapped_column(Text)
    recommendation: Mapped[Recommendation] = mapped_column(str_enum(Recommendation, 16))
    application: Mapped[Application] = relationship(lazy="raise", back_populates="reviews")
