"""The headteacher's termly confirmation of the release days their school gave (issue 13)."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.domain.terms import TermName
from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.programme import str_enum
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.school import School


class LineAnswer(enum.StrEnum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


class DisputeResolution(enum.StrEnum):
    REVERSED = "reversed"  # the entry was reversed: the school did not give the day
    UPHELD = "upheld"  # the hub lead settled it with the school: the day stands, and may be paid


class ReleaseConfirmation(HubOwned, Entity):
    """One request to a school's head for one term: the release days listed on its lines.

    The first request of a (school, term) has ``sequence`` 1; days recorded after it was sent
    go into a follow-up (2, 3, …) once it is answered or has expired. The unique key is the
    worker's claim: two workers never send the same request.
    """

    __tablename__ = "release_confirmations"
    __table_args__ = (UniqueConstraint("hub_id", "school_id", "academic_year", "term", "sequence"),)

    school_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schools.id"), index=True)
    academic_year: Mapped[str] = mapped_column(String(7))
    term: Mapped[TermName] = mapped_column(str_enum(TermName, 8))
    sequence: Mapped[int]
    headteacher_name: Mapped[str | None] = mapped_column(String(200))
    sent_to: Mapped[str] = mapped_column(String(320))
    sent_at: Mapped[datetime]
    # The latest link's expiry: past it, unanswered, the request has expired.
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    answered_by_name: Mapped[str | None] = mapped_column(String(200))
    school: Mapped[School] = relationship(lazy="raise")
    lines: Mapped[list[ReleaseConfirmationLine]] = relationship(
        lazy="raise", back_populates="confirmation", order_by="ReleaseConfirmationLine.id"
    )


class ReleaseConfirmationLine(HubOwned, Entity):
    """One release-day entry asked about; an entry is asked about once (unique)."""

    __tablename__ = "release_confirmation_lines"

    confirmation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("release_confirmations.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("release_day_entries.id", ondelete="CASCADE"), unique=True
    )
    answer: Mapped[LineAnswer | None] = mapped_column(str_enum(LineAnswer, 16))
    comment: Mapped[str | None] = mapped_column(String(2000))
    resolution: Mapped[DisputeResolution | None] = mapped_column(str_enum(DisputeResolution, 16))
    resolution_note: Mapped[str | None] = mapped_column(String(2000))
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[uuid.UUID | None]
    resolved_by_label: Mapped[str | None] = mapped_column(String(320))
    confirmation: Mapped[ReleaseConfirmation] = relationship(lazy="raise", back_populates="lines")
    entry: Mapped[ReleaseDayEntry] = relationship(lazy="raise")


class ReleaseConfirmationLink(HubOwned, Entity):
    """A single-use, expiring link to a request; only the token's SHA-256 is kept. A chaser
    adds a fresh link (the first keeps working); a resend revokes the open ones."""

    __tablename__ = "release_confirmation_links"

    confirmation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("release_confirmations.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    confirmation: Mapped[ReleaseConfirmation] = relationship(lazy="raise")


class ReleaseConfirmationChaser(HubOwned, Entity):
    """The chaser log: one row per chaser, unique per request and day (the insert is the
    claim), so a head is chased once on each day even with two workers."""

    __tablename__ = "release_confirmation_chasers"
    __table_args__ = (UniqueConstraint("confirmation_id", "day"),)

    confirmation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("release_confirmations.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[int]
    sent_at: Mapped[datetime]
