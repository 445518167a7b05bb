"""ORM models, one module per table. Importing this package registers every table."""

from masteryhub.models.account_token import AccountToken, AccountTokenPurpose, RecoveryCode
from masteryhub.models.api_client import ApiClient
from masteryhub.models.application import Application, ApplicationSource, ApplicationStatus
from masteryhub.models.application_note import ApplicationNote
from masteryhub.models.application_sequence import ApplicationSequence
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.base import Base, Entity, HubOwned, HubScoped
from masteryhub.models.calendar_feed import CalendarFeed
from masteryhub.models.cohort import Cohort, CohortYearRule, DeliveryMode, Residential
from masteryhub.models.data_cut import DataCut, DataCutRow
from masteryhub.models.early_warning_rule import (
    EarlyWarningRule,
    WarningComparison,
    WarningMeasure,
    WarningStatus,
)
from masteryhub.models.hub import Hub
from masteryhub.models.hub_day_rate import HubDayRate
from masteryhub.models.idempotency_record import IdempotencyRecord
from masteryhub.models.interview import Interview
from masteryhub.models.outbound_email import OutboundEmail, OutboundEmailStatus
from masteryhub.models.payment_run import PaymentRun, PaymentRunStatus
from masteryhub.models.programme import (
    Criterion,
    CriterionKind,
    OutcomeReason,
    Programme,
    ProgrammeCode,
)
from masteryhub.models.reference_chaser import ChaserRecipient, ReferenceChaser
from masteryhub.models.reference_request import ReferenceRequest
from masteryhub.models.refresh_token import RefreshToken
from masteryhub.models.release_confirmation import (
    DisputeResolution,
    LineAnswer,
    ReleaseConfirmation,
    ReleaseConfirmationChaser,
    ReleaseConfirmationLine,
    ReleaseConfirmationLink,
)
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.review import EssentialAssessment, Recommendation, Review
from masteryhub.models.school import HubArea, School
from masteryhub.models.school_contact import SchoolContact
from masteryhub.models.school_import import ImportSource, ImportStatus, SchoolImport
from masteryhub.models.specialist import AccreditationStatus, Specialist, SpecialistStatus
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingAttendee, TrgMeetingKind
from masteryhub.models.user import Role, User
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupParticipant,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupSessionAttendance,
    WorkGroupStatus,
)

__all__ = [
    "AccountToken",
    "AccountTokenPurpose",
    "AccreditationStatus",
    "ApiClient",
    "Application",
    "ApplicationNote",
    "ApplicationSequence",
    "ApplicationSource",
    "ApplicationStatus",
    "AttendanceStatus",
    "AuditEvent",
    "Base",
    "CalendarFeed",
    "ChaserRecipient",
    "Cohort",
    "CohortYearRule",
    "Criterion",
    "CriterionKind",
    "DataCut",
    "DataCutRow",
    "DeliveryMode",
    "DisputeResolution",
    "EarlyWarningRule",
    "Entity",
    "EntryKind",
    "EntryStatus",
    "EssentialAssessment",
    "EvidenceType",
    "Hub",
    "HubArea",
    "HubDayRate",
    "HubOwned",
    "HubScoped",
    "IdempotencyRecord",
    "ImportSource",
    "ImportStatus",
    "Interview",
    "LineAnswer",
    "OutboundEmail",
    "OutboundEmailStatus",
    "OutcomeReason",
    "PaymentRun",
    "PaymentRunStatus",
    "Programme",
    "ProgrammeCode",
    "Recommendation",
    "RecoveryCode",
    "ReferenceChaser",
    "ReferenceRequest",
    "RefreshToken",
    "ReleaseConfirmation",
    "ReleaseConfirmationChaser",
    "ReleaseConfirmationLine",
    "ReleaseConfirmationLink",
    "ReleaseDayEntry",
    "Residential",
    "ResidentialAttendance",
    "Review",
    "Role",
    "School",
    "SchoolContact",
    "SchoolImport",
    "Specialist",
    "SpecialistStatus",
    "TrgMeeting",
    "TrgMeetingAttendee",
    "TrgMeetingKind",
    "User",
    "WarningComparison",
    "WarningMeasure",
    "WarningStatus",
    "WorkGroup",
    "WorkGroupLead",
    "WorkGroupParticipant",
    "WorkGroupPhase",
    "WorkGroupSchool",
    "WorkGroupSession",
    "WorkGroupSessionAttendance",
    "WorkGroupStatus",
]
