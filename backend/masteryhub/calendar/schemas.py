from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class CalendarFeedIssued(BaseModel):
    url: str = Field(description="Subscribe to this URL; it is shown once, keep it secret.")
    token: str
    issued_at: datetime
