from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.programme import str_enum


class PaymentRunStatus(enum.StrEnum):
    DRAFT = "draft"  # built: its entries are reserved for it, still approved
    COMMITTED = "committed"  # its entries are paid with the run's reference
    SENT = "sent"  # the remittance has gone to the schools: final
    VOIDED = "voided"  # abandoned before it was sent: its entries are approved again


class PaymentRun(HubOwned, Entity):
    """One payment to a hub's schools: a batch of approved ledger entries, reviewed per school
    and committed together. An entry belongs to at most one live run
    (``release_day_entries.payment_run_id``), so two runs never pay the same entry."""

    __tablename__ = "payment_runs"

    reference: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[PaymentRunStatus] = mapped_column(
        str_enum(PaymentRunStatus, 16), default=PaymentRunStatus.DRAFT
    )
    # The filters it was built with (what a reader needs to know what it covers).
    up_to: Mapped[date | None]
    school_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("schools.id"))
    cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL")
    )
    # Fixed when built (and when committed): what the run pays.
    entry_count: Mapped[int] = mapped_column(default=0)
    school_count: Mapped[int] = mapped_column(default=0)
    total_pence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[uuid.UUID | None]
    created_by_label: Mapped[str] = mapped_column(String(320))
    committed_at: Mapped[datetime | None]
    committed_by_id: Mapped[uuid.UUID | None]
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[uuid.UUID | None]
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[uuid.UUID | None]
    void_reason: Mapped[str | None] = mapped_column(String(2000))
    # Entries that would have matched but wait for (or are disputed by) the school's head, as
    # the sentence shown with the run (release_confirmations.holds).
    held_back_note: Mapped[str | None] = mapped_column(String(1000))
