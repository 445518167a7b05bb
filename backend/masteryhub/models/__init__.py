"""ORM models, one module per table. Importing this package registers every table."""

from masteryhub.models.api_client import ApiClient
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.base import Base, Entity, HubOwned, HubScoped
from masteryhub.models.cohort import Cohort, CohortYearRule, DeliveryMode, Residential
from masteryhub.models.hub import Hub
from masteryhub.models.idempotency_record import IdempotencyRecord
from masteryhub.models.outbound_email import OutboundEmail, OutboundEmailStatus
from masteryhub.models.programme import Criterion, CriterionKind, Programme, ProgrammeCode
from masteryhub.models.refresh_token import RefreshToken
from masteryhub.models.school import HubArea, School
from masteryhub.models.specialist import AccreditationStatus, Specialist, SpecialistStatus
from masteryhub.models.user import Role, User

__all__ = [
    "AccreditationStatus",
    "ApiClient",
    "AuditEvent",
    "Base",
    "Cohort",
    "CohortYearRule",
    "Criterion",
    "CriterionKind",
    "DeliveryMode",
    "Entity",
    "Hub",
    "HubArea",
    "HubOwned",
    "HubScoped",
    "IdempotencyRecord",
    "OutboundEmail",
    "OutboundEmailStatus",
    "Programme",
    "ProgrammeCode",
    "RefreshToken",
    "Residential",
    "Role",
    "School",
    "Specialist",
    "SpecialistStatus",
    "User",
]
