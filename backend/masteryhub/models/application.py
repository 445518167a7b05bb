from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.cohort import Cohort
from masteryhub.models.hub import Hub
from masteryhub.models.programme import str_enum
from masteryhub.models.school import School

if TYPE_CHECKING:
    from masteryhub.models.review import Review


class ApplicationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    AWAITING_REFERENCE = "awaiting_reference"
    COMPLETE = "complete"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    RESERVE = "reserve"
    APPOINTED = "appointed"
    NOT_APPOINTED = "not_appointed"
    WITHDRAWN = "withdrawn"


class ApplicationSource(enum.StrEnum):
    FORM = "form"
    API = "api"
    SPA = "spa"


class Application(HubOwned, Entity):
    """A teacher's application to a cohort, routed to the hub of the applicant's school.

    Everything the hub decides (status, hub, screening, reference, lateness) is set by the
    service, never from the submitted body.
    """

    __tablename__ = "applications"
    __table_args__ = (Index(None, "cohort_id", "hub_id", "status"),)

    reference: Mapped[str] = mapped_column(String(20), unique=True)  # PMS6-000042
    cohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cohorts.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus, 24), default=ApplicationStatus.SUBMITTED, index=True
    )
    source: Mapped[ApplicationSource] = mapped_column(str_enum(ApplicationSource, 8))
    is_late: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]

    # The school as submitted (URN) and as matched in GIAS (None: unmatched, for the hub).
    school_urn: Mapped[str | None] = mapped_column(String(6), index=True)
    school_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("schools.id"), index=True)

    applicant_first_name: Mapped[str] = mapped_column(String(100))
    applicant_last_name: Mapped[str] = mapped_column(String(100))
    applicant_email: Mapped[str] = mapped_column(String(320), index=True)
    applicant_trn: Mapped[str | None] = mapped_column(String(7))
    applicant_phone: Mapped[str | None] = mapped_column(String(40))
    role_title: Mapped[str | None] = mapped_column(String(200))
    has_qts: Mapped[bool]
    years_teaching_maths: Mapped[int | None]
    # Half days, so 2.5 days is exactly 5 (days are never floats at rest).
    teaching_maths_half_days_per_week: Mapped[int | None]
    is_maths_subject_leader: Mapped[bool | None]
    additional_statuses: Mapped[list[str]] = mapped_column(JSON, default=list)
    engaged_with_hub_tfm_work: Mapped[bool | None]
    statement: Mapped[str] = mapped_column(Text)
    criteria_evidence: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    consent_to_data_processing: Mapped[bool]

    headteacher_name: Mapped[str] = mapped_column(String(200))
    headteacher_email: Mapped[str] = mapped_column(String(320), index=True)
    headteacher_statement: Mapped[str | None] = mapped_column(Text)
    headteacher_commits_release_time: Mapped[bool | None]
    headteacher_statement_received_at: Mapped[datetime | None]

    # When the headteacher's reference counts as overdue (the first head chaser day after the
    # latest link); None when no reference is awaited.
    reference_due_at: Mapped[datetime | None] = mapped_column(index=True)
    # When hub staff last re-sent the link (at most once per 48 hours); cleared when the
    # headteacher's address is corrected.
    reference_resent_at: Mapped[datetime | None]
    headteacher_declined_at: Mapped[datetime | None]
    headteacher_decline_reason: Mapped[str | None] = mapped_column(Text)
    # The programme's outcome reason codes given with a not-appointed decision, and feedback.
    outcome_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome_feedback: Mapped[str | None] = mapped_column(Text)

    # [{"code": "qts", "passed": true, "detail": "..."}] — computed at intake (screening.py).
    screening: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    cohort: Mapped[Cohort] = relationship(lazy="raise")
    hub: Mapped[Hub] = relationship(lazy="raise")
    school: Mapped[School | None] = relationship(lazy="raise")
    reviews: Mapped[list[Review]] = relationship(
        lazy="raise", order_by="Review.created_at", back_populates="application"
    )

    @property
    def applicant_name(self) -> str:
        return f"{self.applicant_first_name} {self.applicant_last_name}"

    @property
    def school_unmatched(self) -> bool:
        return self.school_id is None
