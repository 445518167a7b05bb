"""The current time as a dependency: endpoints take ``now: Now`` so tests can set the clock.

app.dependency_overrides[current_time] = lambda: datetime(2020, 6, 15, 15, 59, 59, tzinfo=UTC)
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends

from masteryhub.models.base import utcnow


async def current_time() -> datetime:
    return utcnow()


Now = Annotated[datetime, Depends(current_time)]
