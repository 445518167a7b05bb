"""The accounts area's problem types."""

from __future__ import annotations

from masteryhub.errors import AppError


class InvitationGone(AppError):
    status = 410
    code = "invitation_gone"
    title = "This invitation has been used, revoked or has expired"


class ResetLinkGone(AppError):
    status = 410
    code = "reset_link_gone"
    title = "This password reset link has been used or has expired"


class MfaRequiredForRole(AppError):
    status = 403
    code = "mfa_required_for_role"
    title = "Your role must use two-factor sign-in"
