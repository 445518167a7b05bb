from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.programme import str_enum
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist


class EntryKind(enum.StrEnum):
    RELEASE_DAYS = "release_days"  # days of release time, paid at the year rule's day rate
    GRANT = "grant"  # a fixed sum from the year rule's grants (e.g. per supported department)
    TRAVEL = "travel"  # travel costs, an amount in pence


class EntryStatus(enum.StrEnum):
    # Proposed by a register (a recorded meeting or session): counts against nothing until
    # someone accepts it (→ claimed) or rejects it.
    PROPOSED = "proposed"
    REJECTED = "rejected"
    CLAIMED = "claimed"
    APPROVED = "approved"
    PAID = "paid"


class EvidenceType(enum.StrEnum):
    TRG_MEETING = "trg_meeting"
    RESIDENTIAL = "residential"
    WORK_GROUP_SESSION = "work_group_session"
    WORK_GROUP = "work_group"  # a school's grant, earned by its attendance across the sessions


class ReleaseDayEntry(HubOwned, Entity):
    """One line of a specialist's append-only release-day ledger for an academic year.

    Amounts and days never change once written: a correction is a reversing entry (negative
    days and amount) pointing at the original, at most one per original. Only ``status``
    moves, claimed → approved → paid, each move audited.
    """

    __tablename__ = "release_day_entries"
    __table_args__ = (
        # The balance of one specialist's year, and a hub's report for a year.
        Index(None, "specialist_id", "academic_year"),
        Index(None, "hub_id", "academic_year"),
    )

    specialist_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("specialists.id", ondelete="RESTRICT")
    )
    academic_year: Mapped[str] = mapped_column(String(7))  # "2020/21", from worked_on
    worked_on: Mapped[date]
    kind: Mapped[EntryKind] = mapped_column(str_enum(EntryKind, 16))
    activity: Mapped[str | None] = mapped_column(String(32))
    # Days in half days (1.5 days = 3), so the cap is exact; 0 for money-only entries.
    half_days: Mapped[int] = mapped_column(default=0)
    day_rate_pence: Mapped[int | None]
    amount_pence: Mapped[int]
    grant_code: Mapped[str | None] = mapped_column(String(64))
    # The school this entry funds (the specialist's school unless another is named).
    school_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schools.id"), index=True)
    evidence_type: Mapped[EvidenceType | None] = mapped_column(str_enum(EvidenceType, 32))
    evidence_id: Mapped[uuid.UUID | None]
    note: Mapped[str | None] = mapped_column(String(2000))
    status: Mapped[EntryStatus] = mapped_column(
        str_enum(EntryStatus, 16), default=EntryStatus.CLAIMED
    )
    # Unique: an entry is reversed at most once.
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("release_day_entries.id"), unique=True
    )
    recorded_by_id: Mapped[uuid.UUID | None]
    recorded_by_label: Mapped[str] = mapped_column(String(320))
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[uuid.UUID | None]
    paid_at: Mapped[datetime | None]
    paid_by_id: Mapped[uuid.UUID | None]
    payment_reference: Mapped[str | None] = mapped_column(String(100))
    # The payment run that holds (draft) or paid (committed) this entry: at most one live run.
    payment_run_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("payment_runs.id", ondelete="SET NULL"), index=True
    )
    specialist: Mapped[Specialist] = relationship(lazy="raise")
    school: Mapped[School] = relationship(lazy="raise")
