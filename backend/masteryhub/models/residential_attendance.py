from __future__ import annotations

import enum
import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.cohort import Residential
from masteryhub.models.programme import str_enum
from masteryhub.models.specialist import Specialist


class AttendanceStatus(enum.StrEnum):
    ATTENDED = "attended"
    ABSENT = "absent"
    EXCUSED = "excused"


class ResidentialAttendance(HubOwned, Entity):
    """Whether a specialist attended one of their cohort's residentials.

    The residential is national; the record of who came is the specialist's hub's.
    """

    __tablename__ = "residential_attendances"
    __table_args__ = (UniqueConstraint("residential_id", "specialist_id"),)

    residential_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("residentials.id", ondelete="RESTRICT"), index=True
    )
    specialist_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("specialists.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[AttendanceStatus] = mapped_column(str_enum(AttendanceStatus, 16))
    note: Mapped[str | None] = mapped_column(String(1000))
    residential: Mapped[Residential] = relationship(lazy="raise")
    specialist: Mapped[Specialist] = relationship(lazy="raise")
