"""The intake contract (api.md, fixed: form tools are built against it) and what we return."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_validator,
)

from masteryhub.applications.screening import complete
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.application import Application, ApplicationSource, ApplicationStatus
from masteryhub.models.base import utcnow

Text = Annotated[str, Field(min_length=1, max_length=20_000)]
Name = Annotated[str, Field(min_length=1, max_length=100)]


class AdditionalStatus(enum.StrEnum):
    MATHEMATICS_SLE = "mathematics_sle"
    MAST = "mast"
    LEAD_PRACTITIONER = "lead_practitioner"
    NCETM_ACCREDITED_PD_LEAD = "ncetm_accredited_pd_lead"


class ApplicantIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    first_name: Name
    last_name: Name
    email: EmailStr
    trn: str | None = Field(None, pattern=r"^\d{7}$", description="Teacher reference number.")
    phone: str | None = Field(None, max_length=40)


class HeadteacherIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    statement: str | None = Field(
        None,
        max_length=20_000,
        description="Null: the headteacher is emailed a single-use link to give it.",
    )


class ApplicationSubmit(BaseModel):
    """What a form tool posts. Unknown fields are ignored; nothing here sets status, hub,
    screening, reference or lateness."""

    model_config = ConfigDict(extra="ignore")

    cohort_code: str = Field(min_length=1, max_length=32)
    applicant: ApplicantIn
    school_urn: str = Field(pattern=r"^\d{6}$", description="DfE URN, six digits, as a string.")
    role_title: str | None = Field(None, max_length=200)
    has_qts: StrictBool
    years_teaching_maths: StrictInt | None = Field(None, ge=0, le=60)
    days_teaching_maths_per_week: StrictFloat | None = Field(None, ge=0, le=7, multiple_of=0.5)
    is_maths_subject_leader: StrictBool | None = None
    additional_statuses: list[AdditionalStatus] = Field(default_factory=list, max_length=10)
    engaged_with_hub_tfm_work: StrictBool | None = None
    statement: Text
    criteria_evidence: dict[Annotated[str, Field(max_length=64)], Text] = Field(
        default_factory=dict, max_length=40
    )
    headteacher: HeadteacherIn
    consent_to_data_processing: StrictBool
    source: Literal["form", "api"] | None = Field(
        None, description="API clients only: `form` for a form tool (default `api`)."
    )

    @field_validator("consent_to_data_processing")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError("Consent to data processing is required to apply.")
        return value


class Flag(BaseModel):
    code: str = Field(description="`qts`, `phase`, `state_funded`, `in_england`, …")
    label: str = Field(description='The check in plain words, e.g. "School phase".')
    criterion_kind: Literal["essential", "desirable"] | None = Field(
        description='Essential (a failure is red), desirable (amber "not met"), or null '
        "for information (the school match)."
    )
    passed: bool | None
    outcome: Literal["passed", "failed", "not_met", "unknown"]
    detail: str


class HubRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str


class CohortRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str


class SchoolRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    urn: str
    name: str
    phase_name: str | None
    la_name: str | None


class Applicant(BaseModel):
    first_name: str
    last_name: str
    email: str
    trn: str | None
    phone: str | None


class Headteacher(BaseModel):
    name: str
    email: str
    statement: str | None
    commits_to_release_time: bool | None
    statement_received_at: datetime | None


class ApplicationRead(BaseModel):
    id: uuid.UUID
    reference: str = Field(description="Human reference, e.g. `PMS6-000042`.")
    status: ApplicationStatus
    is_late: bool
    source: ApplicationSource
    cohort: CohortRef
    hub: HubRef
    school_urn: str | None
    school: SchoolRef | None
    school_unmatched: bool
    applicant: Applicant
    role_title: str | None
    has_qts: bool
    years_teaching_maths: int | None
    days_teaching_maths_per_week: float | None
    is_maths_subject_leader: bool | None
    additional_statuses: list[str]
    engaged_with_hub_tfm_work: bool | None
    statement: str
    criteria_evidence: dict[str, str]
    headteacher: Headteacher
    consent_to_data_processing: bool
    screening: list[Flag]
    reference_overdue: bool = Field(
        description="Awaiting the headteacher's reference past the cohort's first chaser day."
    )
    submitted_at: datetime
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, application: Application, now: datetime | None = None) -> ApplicationRead:
        """Needs ``cohort``, ``hub`` and ``school`` loaded (the repository's options)."""
        a, cohort, hub, school = (
            application,
            application.cohort,
            application.hub,
            application.school,
        )
        return cls.model_validate(
            cls.fields_of(
                a,
                {"id": cohort.id, "code": cohort.code, "name": cohort.name},
                {"id": hub.id, "code": hub.code, "name": hub.name},
                None
                if school is None
                else {
                    "id": school.id,
                    "urn": school.urn,
                    "name": school.name,
                    "phase_name": school.phase_name,
                    "la_name": school.la_name,
                },
                now,
            )
        )

    @staticmethod
    def fields_of(
        a: Any,
        cohort: dict[str, Any],
        hub: dict[str, Any],
        school: dict[str, Any] | None,
        now: datetime | None = None,
    ) -> dict[str, Any]:
        """What ``of`` validates, as plain data from an application (or a row of its columns,
        see ApplicationRepository.page_columns) and its cohort, hub and school: a list
        validates a whole page of these in one call instead of building each nested model."""
        half_days = a.teaching_maths_half_days_per_week
        return {
            "id": a.id,
            "reference": a.reference,
            "status": a.status,
            "is_late": a.is_late,
            "source": a.source,
            "cohort": cohort,
            "hub": hub,
            "school_urn": a.school_urn,
            "school": school,
            "school_unmatched": a.school_id is None,
            "applicant": {
                "first_name": a.applicant_first_name,
                "last_name": a.applicant_last_name,
                "email": a.applicant_email,
                "trn": a.applicant_trn,
                "phone": a.applicant_phone,
            },
            "role_title": a.role_title,
            "has_qts": a.has_qts,
            "years_teaching_maths": a.years_teaching_maths,
            "days_teaching_maths_per_week": None if half_days is None else half_days / 2,
            "is_maths_subject_leader": a.is_maths_subject_leader,
            "additional_statuses": list(a.additional_statuses),
            "engaged_with_hub_tfm_work": a.engaged_with_hub_tfm_work,
            "statement": a.statement,
            "criteria_evidence": dict(a.criteria_evidence),
            "headteacher": {
                "name": a.headteacher_name,
                "email": a.headteacher_email,
                "statement": a.headteacher_statement,
                "commits_to_release_time": a.headteacher_commits_release_time,
                "statement_received_at": a.headteacher_statement_received_at,
            },
            "consent_to_data_processing": a.consent_to_data_processing,
            "screening": [complete(f) for f in a.screening],
            "reference_overdue": is_overdue(a, now or utcnow()),
            "submitted_at": a.submitted_at,
            "decided_at": a.decided_at,
            "created_at": a.created_at,
            "updated_at": a.updated_at,
        }


class EssentialTally(BaseModel):
    code: str
    wording: str
    met: int
    not_met: int
    unclear: int


class DesirableMean(BaseModel):
    code: str
    wording: str
    mean: float | None = Field(description="Mean score (0–2) over the reviews.")


class ReviewSummary(BaseModel):
    review_count: int
    essential: list[EssentialTally]
    all_essentials_met: bool = Field(
        description="Every reviewer marked every essential criterion met (false with no reviews)."
    )
    desirable: list[DesirableMean]
    desirable_total_mean: float | None = Field(
        description="Mean over reviewers of their summed desirable scores."
    )
    recommendations: dict[str, int]


def is_overdue(application: Any, now: datetime) -> bool:
    return (
        application.status is ApplicationStatus.AWAITING_REFERENCE
        and application.reference_due_at is not None
        and application.reference_due_at <= now
    )


class ChaserRead(BaseModel):
    recipient: Literal["headteacher", "applicant"]
    day: int = Field(description="Days after the link was sent.")
    sent_at: datetime


class ReferenceState(BaseModel):
    state: Literal["not_needed", "awaiting", "received", "declined"]
    last_sent_at: datetime | None = Field(description="The latest link staff or intake sent.")
    link_outstanding: bool = Field(description="A link the headteacher can still use exists.")
    resend_available_at: datetime | None = Field(
        description="Staff may re-send from this time (at most once per 48 hours)."
    )
    declined_at: datetime | None
    decline_reason: str | None
    chasers: list[ChaserRead]


class OutcomeReasonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    label: str


class OutcomeRead(BaseModel):
    reasons: list[OutcomeReasonRead]
    feedback: str | None


class PlacesCount(BaseModel):
    filled: int = Field(description="Applicants appointed.")
    total: int | None = Field(description="Places; null when the cohort sets none per hub.")


class Places(BaseModel):
    hub: PlacesCount
    cohort: PlacesCount


LONDON_TIME = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Europe/London, `HH:MM`.")


class InterviewSchedule(BaseModel):
    date: date
    starts_at: str = LONDON_TIME
    duration_minutes: int = Field(45, ge=15, le=480)
    location: str | None = Field(None, min_length=1, max_length=300)
    video_url: str | None = Field(None, pattern=r"^https://\S+$", max_length=500)


class InterviewRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    date: date
    starts_at: str = LONDON_TIME
    duration_minutes: int
    location: str | None
    video_url: str | None
    uid: str = Field(description="The calendar invitation's UID (kept when rescheduling).")
    sequence: int = Field(description="RFC 5545 SEQUENCE: raised by each reschedule.")
    created_at: datetime
    updated_at: datetime


class ReferenceResendRecord(BaseModel):
    """A reference link sent again by hand: who sent it, when, and to which address."""

    sent_at: datetime
    sent_to: str | None = Field(description="The headteacher's address the link went to.")
    sent_by: str = Field(description="The person (or system) who sent it.")


class ApplicationDetail(ApplicationRead):
    review_summary: ReviewSummary | None = Field(
        description="Null for a reviewer who has not yet submitted their own review."
    )
    reference_status: ReferenceState = Field(
        description="The headteacher's reference: state, chasers."
    )
    outcome: OutcomeRead | None = Field(description="Reasons and feedback of a decision.")
    places: Places
    interview: InterviewRead | None
    outcome_reasons_available: list[OutcomeReasonRead] = Field(
        description="The programme's coded reasons for not appointing."
    )
    reference_resends: list[ReferenceResendRecord] = Field(
        default_factory=list,
        description="Reference links re-sent by hand, oldest first (a different address needs "
        "a hub lead).",
    )


class TransitionRequest(BaseModel):
    to: ApplicationStatus
    note: str | None = Field(None, max_length=5000)
    reasons: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list,
        max_length=20,
        description="Not appointed: one or more of the programme's outcome reason codes.",
    )
    feedback: str | None = Field(
        None, max_length=5000, description="Quoted in the outcome email to the applicant."
    )


class ApplicantPatch(PatchModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Name | None = None
    last_name: Name | None = None
    email: EmailStr | None = None
    trn: Clearable[str] = Field(None, pattern=r"^\d{7}$")
    phone: Clearable[str] = Field(None, max_length=40)


class HeadteacherPatch(PatchModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    email: EmailStr | None = None


class ApplicationUpdate(PatchModel):
    """A correction by hub staff. Only the fields sent change; nested objects are partial.
    Unknown fields are refused, so nothing here can set status, hub, reference or screening."""

    model_config = ConfigDict(extra="forbid")

    applicant: ApplicantPatch | None = None
    school_urn: str | None = Field(
        None, pattern=r"^\d{6}$", description="Matches the school and routes to its hub."
    )
    role_title: Clearable[str] = Field(None, max_length=200)
    has_qts: bool | None = None
    years_teaching_maths: Clearable[int] = Field(None, ge=0, le=60)
    days_teaching_maths_per_week: Clearable[float] = Field(None, ge=0, le=7, multiple_of=0.5)
    is_maths_subject_leader: Clearable[bool] = None
    additional_statuses: list[AdditionalStatus] | None = Field(None, max_length=10)
    engaged_with_hub_tfm_work: Clearable[bool] = None
    statement: Text | None = None
    criteria_evidence: dict[Annotated[str, Field(max_length=64)], Text] | None = Field(
        None, max_length=40
    )
    headteacher: HeadteacherPatch | None = None


class NoteCreate(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)


class NoteRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    author_id: uuid.UUID | None
    author_name: str
    text: str
    created_at: datetime


BulkTarget = Literal["shortlisted", "interview", "not_appointed"]


class BulkTransitionRequest(BaseModel):
    application_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)
    to: BulkTarget
    note: str | None = Field(None, max_length=5000)
    reasons: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=20)
    feedback: str | None = Field(None, max_length=5000)

    @field_validator("application_ids")
    @classmethod
    def _unique(cls, value: list[uuid.UUID]) -> list[uuid.UUID]:
        if len(set(value)) != len(value):
            raise ValueError("Each application may be listed once.")
        return value


class BulkItem(BaseModel):
    id: uuid.UUID
    reference: str
    status: ApplicationStatus
    changed: bool = Field(description="False: it already had that status (nothing done).")


class BulkTransitionResult(BaseModel):
    items: list[BulkItem]


class ReviewCountBucket(BaseModel):
    reviews: int
    count: int


class AwaitingReview(BaseModel):
    count: int
    by_review_count: list[ReviewCountBucket]


class WorkQueue(BaseModel):
    references_overdue: int
    awaiting_review: AwaitingReview = Field(description="Complete applications, by reviews.")
    decisions_waiting: int = Field(description="At interview or on the reserve list.")
    claims_awaiting_approval: int = Field(description="Release-day claims not yet approved.")
    proposals_waiting: int = Field(
        0, description="Entries proposed by registers, not yet accepted or rejected."
    )
    disputes_open: int = Field(
        0, description="Release days a school's headteacher disputed, not yet resolved."
    )
    schools_without_head_email: int = Field(
        0,
        description="Schools with release days to confirm and no headteacher email on record.",
    )
    by_status: dict[ApplicationStatus, int] = Field(
        description="Applications per status (statuses with none are absent), so a dashboard "
        "showing the queue needs no other applications report."
    )


class ReferenceResend(BaseModel):
    headteacher_name: str | None = Field(None, min_length=1, max_length=200)
    headteacher_email: EmailStr | None = Field(
        None, description="Corrects the headteacher's address before sending."
    )


class ReferenceRequestRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    expires_at: datetime
    created_at: datetime


class StatusCount(BaseModel):
    status: ApplicationStatus
    count: int = Field(ge=0)


class ApplicationsByStatus(BaseModel):
    cohort_code: str | None = Field(description="The cohort counted, or null for all cohorts.")
    statuses: list[StatusCount] = Field(
        description="Every status, in the pipeline's order, zero when none."
    )
    total: int = Field(ge=0)
