from __future__ import annotations

import uuid

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.cohort import Cohort


class HubDayRate(HubOwned, Entity):
    """The day rates one hub pays for a cohort's programme year, by activity.

    A claim is paid at the claiming specialist's hub's rate for the activity, else the hub's
    "default", else the cohort's national year rule (activity, else default). Hub-scoped like
    every hub record: a hub reads and writes its own rates only. Deleting the row returns the
    hub to the national rule.
    """

    __tablename__ = "hub_day_rates"
    __table_args__ = (UniqueConstraint("hub_id", "cohort_id", "programme_year"),)

    cohort_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), index=True
    )
    programme_year: Mapped[int]
    # Pence per day by activity code, and "default" for the rest (as CohortYearRule's table).
    day_rates_pence: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    cohort: Mapped[Cohort] = relationship(lazy="raise")
