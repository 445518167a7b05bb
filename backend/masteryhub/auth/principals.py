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
    # The refresh-token family (session) the access token was issued for, if any.
    session_id: uuid.UUID | None = None

    @property
    def is_national(self) -> bool:
        return self.role is Role.NATIONAL_ADMIN

    @property
    def caller_key(self) -> str:
        """Stable identity used to key idempotency records and rate limits."""
        return f"{self.kind}:{self.id}"

    def has_role(self, *roles: Role) -> bool:
        return self.role is not None and self.role in roles
