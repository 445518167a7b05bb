from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Base


class ApplicationSequence(Base):
    """The last application number issued in a cohort (PMS6-000042 → 42).

    One row per cohort, advanced with ``UPDATE … SET last = last + 1 RETURNING last`` so two
    concurrent submissions can never get the same number (a row lock on PostgreSQL; SQLite's
    writers are serialised).
    """

    __tablename__ = "application_sequences"

    cohort_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    last: Mapped[int] = mapped_column(default=0)
