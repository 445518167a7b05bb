from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.cohort import Cohort
from masteryhub.models.programme import str_enum
from masteryhub.models.school import School


class SpecialistStatus(enum.StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


class AccreditationStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_TRAINING = "in_training"
    ACCREDITED = "accredited"


class Specialist(HubOwned, Entity):
    """An appointed applicant's participation in a cohort (created by appointment).

    Programme year is derived: 1 in the cohort's development year, then 2, 3, and on.
    """

    __tablename__ = "specialists"

    cohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cohorts.id"), index=True)
    # Set by appointment; unique so an application appoints at most one specialist.
    application_id: Mapped[uuid.UUID | None] = mapped_column(unique=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("schools.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(320), index=True)
    status: Mapped[SpecialistStatus] = mapped_column(
        str_enum(SpecialistStatus, 16), default=SpecialistStatus.ACTIVE
    )
    appointed_on: Mapped[date]
    accreditation_status: Mapped[AccreditationStatus] = mapped_column(
        str_enum(AccreditationStatus, 16), default=AccreditationStatus.NOT_STARTED
    )
    accreditation_started_on: Mapped[date | None]
    accredited_on: Mapped[date | None]
    cohort: Mapped[Cohort] = relationship(lazy="raise")
    school: Mapped[School | None] = relationship(lazy="raise")
