from __future__ import annotations

import enum
import uuid
from datetime import date, time

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.programme import ProgrammeCode, str_enum
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist


class WorkGroupPhase(enum.StrEnum):
    READINESS = "readiness"
    DEVELOP = "develop"
    EMBED = "embed"
    SUSTAIN = "sustain"


class WorkGroupStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class WorkGroup(HubOwned, Entity):
    """A hub's work group for one academic year, led by specialists in year 2 or later."""

    __tablename__ = "work_groups"
    __table_args__ = (UniqueConstraint("hub_id", "code"),)

    code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    phase: Mapped[WorkGroupPhase] = mapped_column(str_enum(WorkGroupPhase, 16))
    programme: Mapped[ProgrammeCode] = mapped_column(str_enum(ProgrammeCode, 16))
    academic_year: Mapped[str] = mapped_column(String(7), index=True)  # "2021/22"
    status: Mapped[WorkGroupStatus] = mapped_column(
        str_enum(WorkGroupStatus, 16), default=WorkGroupStatus.PLANNED
    )
    # The evaluation: outcomes here, completion per school on work_group_schools.
    outcomes: Mapped[str | None] = mapped_column(Text)
    leads: Mapped[list[WorkGroupLead]] = relationship(
        lazy="raise", cascade="all, delete-orphan", back_populates="work_group"
    )
    schools: Mapped[list[WorkGroupSchool]] = relationship(
        lazy="raise", cascade="all, delete-orphan", back_populates="work_group"
    )
    sessions: Mapped[list[WorkGroupSession]] = relationship(
        lazy="raise",
        order_by="[WorkGroupSession.held_on, WorkGroupSession.id]",
        back_populates="work_group",
    )


class WorkGroupLead(HubOwned, Entity):
    __tablename__ = "work_group_leads"
    __table_args__ = (UniqueConstraint("work_group_id", "specialist_id"),)

    work_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_groups.id", ondelete="CASCADE"), index=True
    )
    specialist_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("specialists.id", ondelete="RESTRICT"), index=True
    )
    work_group: Mapped[WorkGroup] = relationship(lazy="raise", back_populates="leads")
    specialist: Mapped[Specialist] = relationship(lazy="raise")


class WorkGroupSchool(HubOwned, Entity):
    """A school taking part in a work group; ``completed`` is the evaluation's verdict
    (None until evaluated). Engagement reports count signed up and completed apart."""

    __tablename__ = "work_group_schools"
    __table_args__ = (UniqueConstraint("work_group_id", "school_id"),)

    work_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_groups.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("schools.id", ondelete="RESTRICT"), index=True
    )
    completed: Mapped[bool | None]
    # The day the school withdrew (None while it takes part): its attendance stays on record,
    # and a grant already paid may be recovered (a clawback).
    withdrawn_on: Mapped[date | None]
    work_group: Mapped[WorkGroup] = relationship(lazy="raise", back_populates="schools")
    school: Mapped[School] = relationship(lazy="raise")
    participants: Mapped[list[WorkGroupParticipant]] = relationship(
        lazy="raise",
        order_by="WorkGroupParticipant.position",
        cascade="all, delete-orphan",
        back_populates="work_group_school",
    )


class WorkGroupParticipant(HubOwned, Entity):
    """A teacher from a participating school."""

    __tablename__ = "work_group_participants"

    work_group_school_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_group_schools.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str | None] = mapped_column(String(200))
    work_group_school: Mapped[WorkGroupSchool] = relationship(
        lazy="raise", back_populates="participants"
    )


class WorkGroupSession(HubOwned, Entity):
    """One meeting of a work group: release-day and grant evidence."""

    __tablename__ = "work_group_sessions"

    work_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_groups.id", ondelete="RESTRICT"), index=True
    )
    held_on: Mapped[date] = mapped_column(index=True)
    # Local wall-clock times in Europe/London on ``held_on``.
    starts_at: Mapped[time | None]
    ends_at: Mapped[time | None]
    mode: Mapped[DeliveryMode] = mapped_column(str_enum(DeliveryMode, 16))
    location: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    work_group: Mapped[WorkGroup] = relationship(lazy="raise", back_populates="sessions")
    attendance: Mapped[list[WorkGroupSessionAttendance]] = relationship(
        lazy="raise", cascade="all, delete-orphan", back_populates="session"
    )


class WorkGroupSessionAttendance(HubOwned, Entity):
    __tablename__ = "work_group_session_attendances"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_group_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_group_participants.id", ondelete="RESTRICT"), index=True
    )
    attended: Mapped[bool]
    session: Mapped[WorkGroupSession] = relationship(lazy="raise", back_populates="attendance")
