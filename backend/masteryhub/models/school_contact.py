from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, HubOwned


class SchoolContact(HubOwned, Entity):
    """A hub's headteacher contact for a school (GIAS has no emails): who is asked to confirm
    the release days the school gave. One per school per hub; edited by hub staff, audited.
    Without one, the head named on the school's most recent appointed application is used."""

    __tablename__ = "school_contacts"
    __table_args__ = (UniqueConstraint("hub_id", "school_id"),)

    school_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    headteacher_name: Mapped[str | None] = mapped_column(String(200))
    headteacher_email: Mapped[str] = mapped_column(String(320))
