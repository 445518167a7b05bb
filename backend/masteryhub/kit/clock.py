"""The current time as a dependency: endpoints take ``now: Now`` so tests can set the clock.

app.dependency_overrides[current_time] = lambda: datetime(2020, 6, 15, 15, 59, 59, tzinfo=UTC)
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends

from masteryhub.models.base import utcnow

LONDON = ZoneInfo("Europe/London")


def current_time() -> datetime:
    return utcnow()


Now = Annotated[datetime, Depends(current_time)]


def london_date(instant: datetime) -> date:
    """The calendar date in England at ``instant`` (what "today" means to a hub)."""
    return instant.astimezone(LONDON).date()
