"""Who is calling: a signed-in person or an API client, with their hub."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from masteryhub.models.user import Role

PrincipalKind = Literal["user", "client"]


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    id: uuid.UUID
    label: str
    hub_id: uuid.UUID | None
    role: Role | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    # A hub staff member their lead has named an approver of release-day claims.
    approves_claims: bool = False
    # The refresh-token family (session) the access token was issued for, if any.
    session_id: uuid.UUID | None = None
    # A person with the specialist role: the Specialist rows they act as (kit.ownership), read
    # once per request. None for everyone who acts for the whole hub.
    own_specialist_ids: frozenset[uuid.UUID] | None = None

    @property
    def is_national(self) -> bool:
        return self.role is Role.NATIONAL_ADMIN

    @property
    def caller_key(self) -> str:
        """Stable identity used to key idempotency records and rate limits."""
        return f"{self.kind}:{self.id}"

    def has_role(self, *roles: Role) -> bool:
        return self.role is not None and self.role in roles

    @property
    def can_approve_claims(self) -> bool:
        """Hub leads and national admins approve and pay claims; hub staff only when named."""
        if self.kind != "user":
            return False
        if self.has_role(Role.HUB_LEAD, Role.NATIONAL_ADMIN):
            return True
        return self.role is Role.HUB_STAFF and self.approves_claims
