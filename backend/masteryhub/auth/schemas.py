from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.user import Role


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str | None = Field(
        None, description="Absent for client credentials and when delivered as a cookie."
    )
    scope: str | None = None


class OAuthErrorResponse(BaseModel):
    """RFC 6749 §5.2."""

    error: Literal[
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        "mfa_required",
        "mfa_enrolment_required",
    ]
    error_description: str | None = None
    mfa_token: str | None = Field(
        None,
        description="With mfa_required / mfa_enrolment_required: short-lived and single use; "
        "send it with grant_type=urn:masteryhub:params:oauth:grant-type:mfa-otp.",
    )


class HubSummary(BaseModel):
    id: uuid.UUID
    code: str
    name: str


class MeSpecialist(BaseModel):
    """A specialist record the signed-in person acts for."""

    id: uuid.UUID
    cohort_code: str
    cohort_name: str
    programme: ProgrammeCode
    default_academic_year: str = Field(
        description="The academic year the specialist's pages should open on (as "
        "`SpecialistRead.default_academic_year`)."
    )


class Me(BaseModel):
    kind: Literal["user", "client"]
    id: uuid.UUID
    email: str | None = None
    name: str
    role: Role | None = None
    hub: HubSummary | None = None
    scopes: list[str] = Field(default_factory=list)
    can_approve_claims: bool = Field(
        False,
        description="May approve and pay release-day claims: hub leads, national admins and "
        "hub staff their lead named approvers (never an entry they recorded or their own).",
    )
    specialists: list[MeSpecialist] = Field(
        default_factory=list,
        description="The specialist records this sign-in acts for (empty for anyone not "
        "linked to one, and for API clients).",
    )
    mfa_enabled: bool = Field(False, description="People: two-factor sign-in is on.")
    mfa_required: bool = Field(False, description="People: their role must use 2FA.")
