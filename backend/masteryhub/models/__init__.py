"""ORM models, one module per table. Importing this package registers every table."""

from masteryhub.models.api_client import ApiClient
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.base import Base, Entity, HubOwned, HubScoped
from masteryhub.models.hub import Hub
from masteryhub.models.idempotency_record import IdempotencyRecord
from masteryhub.models.refresh_token import RefreshToken
from masteryhub.models.user import Role, User

__all__ = [
    "ApiClient",
    "AuditEvent",
    "Base",
    "Entity",
    "Hub",
    "HubOwned",
    "HubScoped",
    "IdempotencyRecord",
    "RefreshToken",
    "Role",
    "User",
]
