"""The application window: open from ``opens_at`` up to, not including, ``closes_at``."""

from __future__ import annotations

from datetime import datetime

from masteryhub.domain.academic_year import london_date
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import Cohort


def is_open(cohort: Cohort, now: datetime | None = None) -> bool:
    """Applications are accepted from ``opens_at`` up to, not including, ``closes_at``
    (Primary Cohort 6: 16:59:59 BST on 15 June 2020 is in time, 17:00:00 is not)."""
    now = now or utcnow()
    return cohort.opens_at <= now < cohort.closes_at


def days_to_close(cohort: Cohort, now: datetime | None = None) -> int | None:
    """London calendar days from today to the closing day (0 on it); None once closed."""
    now = now or utcnow()
    if now >= cohort.closes_at:
        return None
    return (london_date(cohort.closes_at) - london_date(now)).days
