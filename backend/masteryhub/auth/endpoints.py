"""`POST /auth/token` (RFC 6749), `POST /auth/revoke` (RFC 7009) and `GET /me`."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Header, Request, Response
from fastapi.responses import JSONResponse

from masteryhub.auth import service
from masteryhub.auth.dependencies import CurrentPrincipal
from masteryhub.auth.schemas import Me, OAuthErrorResponse, TokenResponse
from masteryhub.auth.service import MFA_GRANT, Device, MfaNeeded, OAuthError
from masteryhub.db import DbSession
from masteryhub.errors import RateLimited
from masteryhub.kit.routing import AppRoute
from masteryhub.models.account_token import AccountTokenPurpose
from masteryhub.specialists.params import CurrentAcademicYear

router = APIRouter(tags=["auth"], route_class=AppRoute)

REFRESH_COOKIE = "mh_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(error: OAuthError) -> JSONResponse:
    headers = dict(NO_STORE)
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="masteryhub"'
    body = {"error": error.error, "error_description": error.description}
    if isinstance(error, MfaNeeded):
        body["mfa_token"] = error.mfa_token
    return JSONResponse(body, status_code=error.status, headers=headers)


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    if not authorization or not authorization.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(authorization[6:], validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


def _client_ip(request: Request) -> str:
    # The scope's client, as ClientAddressMiddleware set it from trusted proxies only.
    return request.client.host if request.client else "unknown"


def _device(request: Request) -> Device:
    return Device(request.headers.get("user-agent"), _client_ip(request))


@router.post(
    "/auth/token",
    operation_id="auth-token",
    summary="OAuth 2.0 token endpoint",
    description="Grants: `password`, `refresh_token`, `client_credentials`, and "
    f"`{MFA_GRANT}` (with `mfa_token` and `otp` or `recovery_code`) to complete a sign-in "
    "that answered `mfa_required` or `mfa_enrolment_required`.",
    response_model=TokenResponse,
    responses={
        400: {"model": OAuthErrorResponse, "description": "RFC 6749 §5.2 error"},
        401: {"model": OAuthErrorResponse, "description": "Client authentication failed"},
        429: {"description": "Too many sign-in attempts"},
    },
)
async def issue_token(
    request: Request,
    session: DbSession,
    # Any other value is answered 400 unsupported_grant_type (RFC 6749 §5.2), not 422.
    grant_type: Annotated[
        str | None,
        Form(json_schema_extra={"enum": ["password", "refresh_token", "client_credentials"]}),
    ] = None,
    username: Annotated[str | None, Form(description="Email address (password grant).")] = None,
    password: Annotated[str | None, Form()] = None,
    refresh_token: Annotated[str | None, Form()] = None,
    mfa_token: Annotated[
        str | None, Form(description="From an mfa_required answer (mfa-otp grant).")
    ] = None,
    otp: Annotated[str | None, Form(description="The 6-digit TOTP code (mfa-otp).")] = None,
    recovery_code: Annotated[
        str | None, Form(description="A recovery code instead of the otp (mfa-otp).")
    ] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
    scope: Annotated[str | None, Form()] = None,
    refresh_token_delivery: Annotated[
        Literal["body", "cookie"],
        Form(
            description="`cookie` (for the SPA): the refresh token is set as an httpOnly, "
            "SameSite=Strict cookie instead of returned, and read from it when refreshing."
        ),
    ] = "body",
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    settings = request.app.state.settings
    limits = request.app.state.rate_limits
    try:
        if grant_type == "password":
            if not username or not password:
                raise OAuthError("invalid_request", "username and password are required.")
            # Failed attempts are counted per (account, address) pair — so an attacker locks
            # out themselves, not the owner signing in from elsewhere — and, more slowly, per
            # account and per address; once one is used up every attempt is refused (429)
            # before the password is even checked.
            account, address = username.strip().lower(), _client_ip(request)
            throttles = [
                (settings.login_attempts_per_account_address, "login-pair", account, address),
                (settings.login_attempts_per_account, "login-account", account),
                (settings.login_attempts_per_ip, "login-ip", address),
            ]
            for rule, *identifiers in throttles:
                await limits.ensure_allowed(rule, *identifiers)
            try:
                issued = await service.password_grant(
                    session, settings, username, password, _device(request)
                )
            except MfaNeeded:
                raise
            except OAuthError:
                for rule, *identifiers in throttles:
                    await limits.count(rule, *identifiers)
                raise
        elif grant_type == MFA_GRANT:
            if not mfa_token:
                raise OAuthError("invalid_request", "mfa_token is required.")
            found = await service.live_mfa_token(
                session,
                mfa_token,
                {AccountTokenPurpose.MFA_CHALLENGE, AccountTokenPurpose.MFA_ENROLMENT},
            )
            mfa_rule = settings.mfa_attempts_per_user
            subject = str(found[1].id) if found else f"address:{_client_ip(request)}"
            await limits.ensure_allowed(mfa_rule, "mfa", subject)
            try:
                issued = await service.mfa_grant(
                    session, settings, mfa_token, otp, recovery_code, _device(request)
                )
            except OAuthError:
                await limits.count(mfa_rule, "mfa", subject)
                raise
        elif grant_type == "refresh_token":
            token = refresh_token or (
                request.cookies.get(REFRESH_COOKIE) if refresh_token_delivery == "cookie" else None
            )
            if not token:
                raise OAuthError("invalid_request", "refresh_token is required.")
            issued = await service.refresh_grant(session, settings, token, _device(request))
        elif grant_type == "client_credentials":
            credentials = _basic_credentials(authorization) or (
                (client_id, client_secret) if client_id and client_secret else None
            )
            if credentials is None:
                raise OAuthError("invalid_client", "Client authentication failed.", status=401)
            throttle = (settings.login_attempts_per_ip, "login-ip", _client_ip(request))
            await limits.ensure_allowed(*throttle)
            try:
                issued = await service.client_credentials_grant(
                    session, settings, credentials[0], credentials[1], scope
                )
            except OAuthError:
                await limits.count(*throttle)
                raise
        elif grant_type is None:
            raise OAuthError("invalid_request", "grant_type is required.")
        else:
            raise OAuthError(
                "unsupported_grant_type", f"grant_type {grant_type!r} is not supported."
            )
    except OAuthError as error:
        return _oauth_error(error)
    except RateLimited as limited:
        return JSONResponse(
            {"error": "invalid_request", "error_description": "Too many attempts. Try later."},
            status_code=429,
            headers={**NO_STORE, **limited.headers},
        )
    body = TokenResponse(
        access_token=issued.access.token,
        expires_in=issued.access.expires_in,
        refresh_token=issued.refresh_token if refresh_token_delivery == "body" else None,
        scope=issued.scope,
    )
    response = JSONResponse(body.model_dump(exclude_none=True), headers=NO_STORE)
    if issued.refresh_token and refresh_token_delivery == "cookie":
        response.set_cookie(
            REFRESH_COOKIE,
            issued.refresh_token,
            max_age=settings.refresh_token_days * 86400,
            path=REFRESH_COOKIE_PATH,
            httponly=True,
            samesite="strict",
            secure=settings.base_url.startswith("https://"),
        )
    return response


@router.post(
    "/auth/revoke",
    operation_id="auth-revoke",
    summary="Revoke a refresh token and its whole family (sign out)",
    status_code=200,
    response_class=Response,
    responses={200: {"description": "Revoked, or nothing to revoke (RFC 7009): no body."}},
)
async def revoke_token(
    request: Request,
    session: DbSession,
    token: Annotated[str | None, Form()] = None,
) -> Response:
    presented = token or request.cookies.get(REFRESH_COOKIE)
    if presented:
        await service.revoke_refresh_token(session, presented)
    response = Response(status_code=200, headers=NO_STORE)
    response.delete_cookie(
        REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, httponly=True, samesite="strict"
    )
    return response


@router.get("/me", operation_id="auth-me", summary="Who am I", response_model=Me)
async def read_me(
    request: Request,
    principal: CurrentPrincipal,
    session: DbSession,
    current_year: CurrentAcademicYear,
) -> Me:
    return await service.me(session, request.app.state.settings, principal, current_year)
