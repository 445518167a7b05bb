from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.programme import str_enum


class ChaserRecipient(enum.StrEnum):
    HEADTEACHER = "headteacher"
    APPLICANT = "applicant"


class ReferenceChaser(HubOwned, Entity):
    """The chaser log: one row per chaser sent, unique per link, recipient and day, so the
    same chaser never goes twice, even with two workers (the insert is the claim)."""

    __tablename__ = "reference_chasers"
    __table_args__ = (UniqueConstraint("reference_request_id", "recipient", "day"),)

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    # The link the schedule counts from (the one staff or intake sent, not a chaser's).
    reference_request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reference_requests.id", ondelete="CASCADE")
    )
    recipient: Mapped[ChaserRecipient] = mapped_column(str_enum(ChaserRecipient, 16))
    day: Mapped[int]
    sent_at: Mapped[datetime]
