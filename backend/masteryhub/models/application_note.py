from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, HubOwned


class ApplicationNote(HubOwned, Entity):
    """An internal note on an application by hub staff: never shown to the applicant or the
    headteacher; exported with the application (GDPR)."""

    __tablename__ = "application_notes"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Kept with the note: the author may be a national admin, outside any hub's scope.
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
