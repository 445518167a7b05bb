"""Declarative authorisation: who may call an endpoint is said in its signature.

    principal: HubLead                     # hub leads and national admins
    principal: Annotated[Principal, Allow(roles=STAFF, scopes={Scope.APPLICATIONS_READ})]

Resolving the principal also scopes the request's database session to the caller's hub
(kit.tenancy), so every query after it only sees that hub's rows, and — for a person with the
specialist role — to their own records (kit.ownership).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.auth.tokens import InvalidToken, verify_access_token
from masteryhub.db import DbSession
from masteryhub.errors import Forbidden, NotAuthenticated
from masteryhub.kit.ownership import scope_session_to_specialists
from masteryhub.kit.prepared import PreparedRead
from masteryhub.kit.tenancy import scope_session_to_hub
from masteryhub.models.api_client import ApiClient
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role, User

BEARER_DESCRIPTION = "An access token from /api/v1/auth/token."
_bearer = HTTPBearer(auto_error=False, description=BEARER_DESCRIPTION)

ALL_ROLES = frozenset(Role)
STAFF_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD, Role.HUB_STAFF})
LEAD_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.HUB_LEAD})
NATIONAL_ROLES = frozenset({Role.NATIONAL_ADMIN})

# The caller, re-read on every request: the columns a principal needs, in a statement built
# once (not an entity: nothing of it is changed through this session). A row per specialist
# record linked to the sign-in in the caller's hub (kit.ownership's own ids: the hub scoping
# every later query gets), or one row with none.
CALLER = PreparedRead(
    select(
        User.id,
        User.email,
        User.hub_id,
        User.role,
        User.is_active,
        User.can_approve_claims,
        User.tokens_valid_after,
        Specialist.id.label("specialist_id"),
    )
    .outerjoin(Specialist, (Specialist.user_id == User.id) & (Specialist.hub_id == User.hub_id))
    .where(User.id == bindparam("user_id"))
)


async def _load_principal(session: DbSession, claims: dict[str, object]) -> Principal | None:
    kind, _, raw_id = str(claims["sub"]).partition(":")
    try:
        subject_id = uuid.UUID(raw_id)
    except ValueError:
        return None
    if kind == "user":
        found = await CALLER.rows(session, user_id=subject_id)
        if not found or not found[0]["is_active"]:
            return None
        user = found[0]
        if user["tokens_valid_after"] is not None:
            # Issued before the person's last password change (or 2FA reset): refused.
            issued_ms = claims.get("iat_ms")
            if not isinstance(issued_ms, int):
                issued_ms = int(claims.get("iat", 0)) * 1000  # type: ignore[call-overload]
            if issued_ms < int(user["tokens_valid_after"].timestamp() * 1000):
                return None
        sid = claims.get("sid")
        try:
            session_id = uuid.UUID(str(sid)) if sid else None
        except ValueError:
            session_id = None
        return Principal(
            "user",
            user["id"],
            user["email"],
            user["hub_id"],
            role=user["role"],
            approves_claims=user["can_approve_claims"],
            session_id=session_id,
            own_specialist_ids=(
                frozenset(row["specialist_id"] for row in found if row["specialist_id"])
                if user["role"] is Role.SPECIALIST
                else None
            ),
        )
    if kind == "client":
        client = await session.scalar(
            select(ApiClient).where(ApiClient.id == subject_id).execution_options(all_hubs=True)
        )
        if client is None or not client.is_active:
            return None
        granted = set(str(claims.get("scope", "")).split()) & set(client.scopes)
        return Principal("client", client.id, client.name, client.hub_id, scopes=frozenset(granted))
    return None


async def current_principal(
    request: Request,
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    return await principal_of(request, session, credentials)


async def principal_of(
    request: Request, session: AsyncSession, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """The caller, resolved once per request (kept on ``request.state``)."""
    known: Principal | None = getattr(request.state, "principal", None)
    if known is not None:
        return known
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated("Send an access token as `Authorization: Bearer <token>`.")
    try:
        claims = verify_access_token(request.app.state.settings, credentials.credentials)
    except InvalidToken:
        raise NotAuthenticated("The access token is not valid or has expired.") from None
    # Looked up on every request so a deactivated user or revoked client is refused at once.
    principal = await _load_principal(session, claims)
    if principal is None:
        raise NotAuthenticated("The access token is not valid or has expired.")
    scope_session_to_hub(session.sync_session, None if principal.is_national else principal.hub_id)
    scope_session_to_specialists(session.sync_session, principal.own_specialist_ids)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def enrolling_user(
    request: Request,
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """A signed-in person, or one holding an `mfa_enrolment_required` mfa_token (which is
    accepted here, by the two enrolment endpoints, and nowhere else)."""
    if credentials is not None and credentials.scheme.lower() == "bearer":
        try:
            verify_access_token(request.app.state.settings, credentials.credentials)
        except InvalidToken:
            from masteryhub.auth.service import live_mfa_token
            from masteryhub.models.account_token import AccountTokenPurpose

            found = await live_mfa_token(
                session, credentials.credentials, {AccountTokenPurpose.MFA_ENROLMENT}
            )
            if found is not None:
                user = found[1]
                scope_session_to_hub(
                    session.sync_session, None if user.role is Role.NATIONAL_ADMIN else user.hub_id
                )
                principal = Principal("user", user.id, user.email, user.hub_id, role=user.role)
                request.state.principal = principal
                return principal
    principal = await current_principal(request, session, credentials)
    if principal.kind != "user":
        raise Forbidden("Only people have a second factor.")
    return principal


EnrollingUser = Annotated[Principal, Depends(enrolling_user)]


class Allow(HTTPBearer):
    """People with one of ``roles``; API clients holding one of ``scopes``.

    Itself the bearer-token security scheme (the contract's ``HTTPBearer``) rather than a
    dependency on it: FastAPI resolves each dependency of each request anew, and the two
    levels fewer are a measurable part of a small read (README, "The read path")."""

    def __init__(self, roles: Iterable[Role] = (), scopes: Iterable[str] = ()) -> None:
        super().__init__(auto_error=False, scheme_name="HTTPBearer", description=BEARER_DESCRIPTION)
        self.roles = frozenset(roles)
        self.scopes = frozenset(scopes)

    async def __call__(  # type: ignore[override]
        self, request: Request, session: DbSession
    ) -> Principal:
        principal = await principal_of(request, session, await super().__call__(request))
        if principal.kind == "client":
            if not principal.scopes & self.scopes:
                raise Forbidden(
                    "This client's scopes do not allow this."
                    + (
                        f" It needs one of: {', '.join(sorted(self.scopes))}."
                        if self.scopes
                        else ""
                    )
                )
        elif principal.role not in self.roles:
            raise Forbidden("Your role does not allow this.")
        return principal


async def claim_approver(principal: CurrentPrincipal) -> Principal:
    """Who may approve and pay release-day claims: hub leads, national admins, and hub staff
    their lead has named approvers (``users.can_approve_claims``). Whether this person may
    approve this entry (four eyes) is the service's to say."""
    if not principal.can_approve_claims:
        raise Forbidden(
            "Only a hub lead, or hub staff named as approvers by their hub lead, can approve "
            "and pay claims."
        )
    return principal


SignedIn = Annotated[Principal, Depends(Allow(ALL_ROLES))]
Staff = Annotated[Principal, Depends(Allow(STAFF_ROLES))]
HubLead = Annotated[Principal, Depends(Allow(LEAD_ROLES))]
NationalAdmin = Annotated[Principal, Depends(Allow(NATIONAL_ROLES))]
ClaimApprover = Annotated[Principal, Depends(claim_approver)]
