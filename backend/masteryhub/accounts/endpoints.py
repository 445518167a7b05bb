"""Accounts people run themselves: invitations, password reset and policy (public: the link's
token or the email is all there is), and "Your account" (`/me/...`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response, status

from masteryhub.accounts import service
from masteryhub.accounts.schemas import (
    InvitationRead,
    PasswordChange,
    PasswordPolicy,
    PasswordResetRequest,
    PasswordSet,
    RecoveryCodes,
    SessionList,
    SessionRead,
    TotpCode,
    TotpEnrolment,
)
from masteryhub.auth import mfa, policy
from masteryhub.auth.dependencies import ALL_ROLES, Allow, EnrollingUser
from masteryhub.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from masteryhub.auth.principals import Principal
from masteryhub.auth.schemas import HubSummary
from masteryhub.db import DbSession
from masteryhub.errors import Forbidden, problem_responses
from masteryhub.kit.routing import AppRoute

# Per client address, for reading and using invitation and reset links: enough for a person,
# not for guessing (the tokens are 256 random bits anyway).
LINK_ATTEMPTS_PER_IP = "30/minute"


async def throttle_links(request: Request) -> None:
    address = request.client.host if request.client else "unknown"
    await request.app.state.rate_limits.hit(
        LINK_ATTEMPTS_PER_IP, "account-link-ip", address, detail="Try again in a minute."
    )


async def person(principal: Annotated[Principal, Depends(Allow(ALL_ROLES))]) -> Principal:
    if principal.kind != "user":
        raise Forbidden("Only people have an account to manage.")
    return principal


Person = Annotated[Principal, Depends(person)]


router = APIRouter(route_class=AppRoute)
LINK_PROBLEMS = problem_responses(404, 410, 422, 429)


@router.get(
    "/auth/password-policy",
    tags=["auth"],
    operation_id="auth-password-policy",
    response_model=PasswordPolicy,
    summary="What a password must be (public: shown before the person types)",
)
async def password_policy() -> PasswordPolicy:
    return PasswordPolicy(
        min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH, guidance=policy.GUIDANCE
    )


@router.get(
    "/invitations/{token}",
    tags=["invitations"],
    operation_id="invitations-get",
    response_model=InvitationRead,
    responses=LINK_PROBLEMS,
    dependencies=[Depends(throttle_links)],
    summary="Who an invitation is for (public: the link's token is the credential)",
)
async def read_invitation(session: DbSession, token: str) -> InvitationRead:
    invitation, user, hub = await service.open_invitation(session, token)
    return InvitationRead(
        email=user.email,
        name=user.name,
        role=user.role,
        hub=HubSummary(id=hub.id, code=hub.code, name=hub.name) if hub else None,
        expires_at=invitation.expires_at,
    )


@router.post(
    "/invitations/{token}",
    tags=["invitations"],
    operation_id="invitations-accept",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=LINK_PROBLEMS,
    dependencies=[Depends(throttle_links)],
    summary="Accept an invitation by choosing a password (then sign in with it)",
)
async def accept_invitation(session: DbSession, token: str, data: PasswordSet) -> Response:
    await service.accept_invitation(session, token, data.password.get_secret_value())
    return Response(status_code=204)


@router.post(
    "/auth/password-reset",
    tags=["auth"],
    operation_id="auth-password-reset-request",
    status_code=status.HTTP_202_ACCEPTED,
    response_class=Response,
    responses={
        202: {
            "description": "Accepted: a link is emailed if the address has an account (no body)."
        },
        **problem_responses(429),
    },
    summary="Email a password reset link (202 whatever the email: nothing is given away)",
)
async def request_password_reset(
    request: Request, data: PasswordResetRequest, background: BackgroundTasks
) -> Response:
    settings = request.app.state.settings
    address = request.client.host if request.client else "unknown"
    await service.throttle_reset(request.app.state.rate_limits, settings, data.email, address)
    # Looked up after the answer has gone, so its timing is the same for every email.
    background.add_task(
        service.send_reset_link, request.app.state.sessionmaker, settings, data.email
    )
    return Response(status_code=202)


@router.post(
    "/auth/password-reset/{token}",
    tags=["auth"],
    operation_id="auth-password-reset-confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=LINK_PROBLEMS,
    dependencies=[Depends(throttle_links)],
    summary="Choose a new password with a reset link (ends every session)",
)
async def confirm_password_reset(
    request: Request, session: DbSession, token: str, data: PasswordSet
) -> Response:
    await service.reset_password(
        session, request.app.state.settings, token, data.password.get_secret_value()
    )
    return Response(status_code=204)


@router.post(
    "/me/password",
    tags=["me"],
    operation_id="me-password-change",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Change my password (ends every other session)",
    description="A wrong current password is a 422 naming `current_password`. Every other "
    "session is ended at once; in this one the access token used is refused from now on, "
    "but its refresh token keeps working: refresh to carry on signed in.",
)
async def change_password(
    request: Request,
    session: DbSession,
    principal: Person,
    data: PasswordChange,
) -> Response:
    await service.change_password(
        session,
        request.app.state.settings,
        request.app.state.rate_limits,
        principal,
        data.current_password.get_secret_value(),
        data.new_password.get_secret_value(),
    )
    return Response(status_code=204)


@router.get(
    "/me/sessions",
    tags=["me"],
    operation_id="me-sessions-list",
    response_model=SessionList,
    summary="Where I am signed in",
)
async def list_sessions(session: DbSession, principal: Person) -> SessionList:
    rows = await service.sessions_of(session, principal)
    return SessionList(
        items=[
            SessionRead(
                id=token.family_id,
                user_agent=token.user_agent,
                ip_address=token.ip_address,
                created_at=token.session_started_at or token.created_at,
                last_used_at=token.created_at,
                current=current,
            )
            for token, current in rows
        ]
    )


@router.delete(
    "/me/sessions/{account_session_id}",
    tags=["me"],
    operation_id="me-sessions-revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out one session",
)
async def revoke_session(
    session: DbSession, account_session_id: uuid.UUID, principal: Person
) -> Response:
    await service.revoke_session(session, principal, account_session_id)
    return Response(status_code=204)


@router.delete(
    "/me/sessions",
    tags=["me"],
    operation_id="me-sessions-revoke-others",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out every session but this one",
)
async def revoke_other_sessions(session: DbSession, principal: Person) -> Response:
    from masteryhub.auth.service import revoke_sessions

    await revoke_sessions(session, principal.id, keep_family=principal.session_id)
    return Response(status_code=204)


@router.post(
    "/me/mfa/totp",
    tags=["me"],
    operation_id="me-mfa-totp-start",
    status_code=status.HTTP_201_CREATED,
    response_model=TotpEnrolment,
    responses=problem_responses(409),
    summary="Start setting up two-factor sign-in (not on until confirmed)",
    description="Also accepts, as its bearer token, the `mfa_token` of an "
    "`mfa_enrolment_required` answer from the token endpoint.",
)
async def start_totp(
    request: Request, session: DbSession, principal: EnrollingUser
) -> TotpEnrolment:
    secret, uri = await service.start_totp(session, request.app.state.settings, principal)
    return TotpEnrolment(secret=secret, otpauth_uri=uri, qr_svg=mfa.qr_svg(uri))


@router.post(
    "/me/mfa/totp/confirm",
    tags=["me"],
    operation_id="me-mfa-totp-confirm",
    response_model=RecoveryCodes,
    responses=problem_responses(409),
    summary="Turn two-factor sign-in on with a first code; returns ten recovery codes, once",
    description="Also accepts the `mfa_token` of an `mfa_enrolment_required` answer as its "
    "bearer token; then complete sign-in with the mfa-otp grant and a fresh code.",
)
async def confirm_totp(
    request: Request, session: DbSession, principal: EnrollingUser, data: TotpCode
) -> RecoveryCodes:
    codes = await service.confirm_totp(
        session, request.app.state.rate_limits, request.app.state.settings, principal, data.code
    )
    return RecoveryCodes(recovery_codes=codes)


@router.delete(
    "/me/mfa/totp",
    tags=["me"],
    operation_id="me-mfa-totp-disable",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(409),
    summary="Turn two-factor sign-in off, with a current code (403 where the role needs it)",
)
async def disable_totp(
    request: Request,
    session: DbSession,
    data: TotpCode,
    principal: Person,
) -> Response:
    await service.disable_totp(
        session, request.app.state.rate_limits, request.app.state.settings, principal, data.code
    )
    return Response(status_code=204)
