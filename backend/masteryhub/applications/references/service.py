"""Headteacher references: single-use, expiring links whose tokens are stored hashed.

The raw token only ever exists in the email that carries it; the database keeps its SHA-256.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.applications import notifications
from masteryhub.applications.errors import (
    ReferenceExpired,
    ReferenceNotFound,
    ReferenceNotNeeded,
    ReferenceResentRecently,
    ReferenceUsed,
)
from masteryhub.applications.references.repository import ReferenceRequestRepository
from masteryhub.applications.references.schemas import ReferenceDecline, ReferenceSubmit
from masteryhub.applications.schemas import ReferenceResend
from masteryhub.applications.transitions import move
from masteryhub.auth.dependencies import LEAD_ROLES
from masteryhub.auth.principals import Principal
from masteryhub.errors import Forbidden
from masteryhub.kit import audit
from masteryhub.kit.passes import run_every, run_once
from masteryhub.kit.public_links import hash_token, new_token
from masteryhub.mail import format_deadline
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.reference_chaser import ChaserRecipient
from masteryhub.models.reference_request import ReferenceRequest

HEADTEACHER = "headteacher (reference link)"
# Reminders are due after days, so a pass every quarter of an hour is prompt enough.
REMINDER_INTERVAL_SECONDS = 15 * 60
# Staff may re-send the link to the same address at most once in this time.
RESEND_INTERVAL = timedelta(hours=48)
# A chaser's fresh link works for at least this long.
CHASER_LINK_MINIMUM = timedelta(days=7)
log = structlog.get_logger(__name__)


async def issue(
    session: AsyncSession,
    application: Application,
    *,
    now: datetime,
    base_url: str,
    expires_at: datetime | None = None,
    reminder: bool = False,
) -> ReferenceRequest:
    """Create a link and queue the email that carries it (``cohort``, ``hub``, ``school``
    must be loaded on the application)."""
    token, token_hash = new_token()
    request = ReferenceRequest(
        hub_id=application.hub_id,
        application_id=application.id,
        token_hash=token_hash,
        expires_at=expires_at or now + timedelta(days=application.cohort.reference_link_days),
        reminded_at=now if reminder else None,
        created_at=now,  # when the link was sent, by the request's clock (reminders count it)
    )
    session.add(request)
    if not reminder:
        days = list(application.cohort.head_chaser_days or ())
        application.reference_due_at = (
            now + timedelta(days=min(days)) if days else request.expires_at
        )
    await session.flush()
    await notifications.reference_link(
        session,
        application,
        url=notifications.reference_url(base_url, token),
        expires_at=request.expires_at,
        reminder=reminder,
    )
    return request


async def resend(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    data: ReferenceResend,
    *,
    now: datetime,
    base_url: str,
) -> ReferenceRequest:
    """A new link for the headteacher (optionally at a corrected address); open links die."""
    if application.status is not ApplicationStatus.AWAITING_REFERENCE:
        raise ReferenceNotNeeded(
            f"The application is {application.status.value}; only an application awaiting "
            "its reference can have the link sent again."
        )
    new_address = (
        data.headteacher_email is not None
        and data.headteacher_email.lower() != (application.headteacher_email or "").lower()
    )
    if new_address and actor.role not in LEAD_ROLES:
        # Whoever chooses the address can answer the reference themselves: a link re-sent to a
        # different address is a hub lead's decision, recorded (who sent it where) in the trail.
        raise Forbidden("Only a hub lead can send the reference link to a different address.")
    available_at = resend_available_at(application)
    if not new_address and available_at is not None and now < available_at:
        wait = int((available_at - now).total_seconds()) + 1
        raise ReferenceResentRecently(
            "A new link was sent to the headteacher less than 48 hours ago. It can be sent "
            f"again from {format_deadline(available_at)}, or sooner to a corrected address.",
            headers={"Retry-After": str(wait)},
            extra={"resend_available_at": available_at.isoformat()},
        )
    before = audit.snapshot(application)
    if data.headteacher_name is not None:
        application.headteacher_name = data.headteacher_name
    if new_address and data.headteacher_email is not None:
        application.headteacher_email = data.headteacher_email.lower()
    return await send_new_link(
        session, actor, application, now=now, base_url=base_url, before=before
    )


def resend_available_at(application: Application) -> datetime | None:
    if application.reference_resent_at is None:
        return None
    return application.reference_resent_at + RESEND_INTERVAL


async def revoke_open_links(session: AsyncSession, application: Application, now: datetime) -> int:
    """Every link of the application that could still be used stops working."""
    return await ReferenceRequestRepository(session).revoke_open(application.id, now)


async def send_new_link(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    *,
    now: datetime,
    base_url: str,
    before: dict[str, Any] | None = None,
) -> ReferenceRequest:
    """Staff send the headteacher a new link: open links die, the chaser schedule restarts
    from now, and a decline is set aside (a new senior leader is asked)."""
    before = before if before is not None else audit.snapshot(application)
    await revoke_open_links(session, application, now)
    application.reference_resent_at = now
    application.headteacher_declined_at = None
    application.headteacher_decline_reason = None
    request = await issue(session, application, now=now, base_url=base_url)
    await audit.record(
        session, actor, "application.reference_requested", application, before=before
    )
    await audit.record(
        session,
        actor,
        "reference_request.created",
        request,
        after=audit.snapshot(request) | {"sent_to": application.headteacher_email},
    )
    return request


async def decline(
    session: AsyncSession, token: str, data: ReferenceDecline, now: datetime
) -> Application:
    """The headteacher will not give the reference: the link is used up, the application
    shows why, and the applicant is asked to find another senior leader."""
    request, application = await open_request(session, token, now, lock=True)
    await decline_request(session, request, application, data, now)
    return application


async def decline_request(
    session: AsyncSession,
    request: ReferenceRequest,
    application: Application,
    data: ReferenceDecline,
    now: datetime,
) -> None:
    """Record the decline of an open link (``cohort`` and ``hub`` loaded)."""
    before = audit.snapshot(application)
    request.used_at = now
    await revoke_open_links(session, application, now)
    application.headteacher_declined_at = now
    application.headteacher_decline_reason = data.reason
    application.reference_due_at = None
    if data.name is not None:
        application.headteacher_name = data.name
    await audit.record(
        session,
        None,
        "application.reference_declined",
        application,
        before=before,
        actor_label=HEADTEACHER,
    )
    await notifications.reference_declined(session, application)


async def open_request(
    session: AsyncSession, token: str, now: datetime, *, lock: bool = False
) -> tuple[ReferenceRequest, Application]:
    """The link's request and application, or the problem that says why it cannot be used."""
    links = ReferenceRequestRepository(session)
    request = await links.by_token_hash(hash_token(token), lock=lock)
    if request is None:
        raise ReferenceNotFound(
            "Check the link in the email; if it still does not work, ask the Maths Hub to "
            "send a new one."
        )
    application = await links.application_of(request, lock=lock)
    assert application is not None  # foreign key
    if (
        request.used_at is not None
        or application.status is not ApplicationStatus.AWAITING_REFERENCE
    ):
        raise ReferenceUsed("Thank you: the reference for this application has already been given.")
    if request.revoked_at is not None:
        raise ReferenceExpired("A newer link has been sent: please use the latest email.")
    if request.expires_at <= now:
        raise ReferenceExpired("Ask the Maths Hub to send a new link.")
    ends = application.cohort.selection_ends_at
    if ends is not None and ends <= now:
        raise ReferenceExpired("Selection for this cohort has ended: no reference is needed.")
    return request, application


async def submit(
    session: AsyncSession, token: str, data: ReferenceSubmit, now: datetime
) -> Application:
    request, application = await open_request(session, token, now, lock=True)
    before = audit.snapshot(application)
    request.used_at = now
    application.headteacher_statement = data.statement
    application.headteacher_commits_release_time = data.commits_to_release_time
    application.headteacher_statement_received_at = now
    application.reference_due_at = None
    if data.name is not None:
        application.headteacher_name = data.name
    move(application, ApplicationStatus.COMPLETE)
    await audit.record(
        session,
        None,
        "application.reference_received",
        application,
        before=before,
        actor_label=HEADTEACHER,
    )
    return application


async def cancel_links_after_selection(session: AsyncSession, now: datetime) -> int:
    """Cohorts whose selection has ended need no more references: their open links die."""
    return await ReferenceRequestRepository(session).revoke_after_selection(now)


async def send_due_reference_reminders(
    session: AsyncSession, now: datetime, *, base_url: str
) -> int:
    """Chase overdue references on each cohort's schedule; returns how many chasers went.

    For every link staff or intake sent that is still open, each of the cohort's
    ``head_chaser_days`` that has passed sends the headteacher a fresh link of the same expiry,
    or a week from now if that is sooner (the raw token of the first cannot be recovered; the
    first keeps working while it lasts), and each of
    its ``applicant_chaser_days`` tells the applicant. The chaser log (one row per link,
    recipient and day, unique) means a chaser never goes twice; when several days are due at
    once (the worker was down) they are logged and one email goes.

    First, links of cohorts whose selection has ended are cancelled.

    Run by ``masteryhub worker`` every quarter hour (``reminder_loop``) and by
    ``masteryhub send-reminders`` (one pass, e.g. from cron). Safe to run concurrently: rows
    are claimed with SKIP LOCKED on PostgreSQL and by the chaser log's unique constraint.
    """
    await cancel_links_after_selection(session, now)
    links = ReferenceRequestRepository(session)
    due = await links.due_for_chasers()
    sent = 0
    for link in due:
        application = link.application
        cohort = application.cohort
        age = now - link.created_at
        schedule = [
            (ChaserRecipient.HEADTEACHER, sorted(set(cohort.head_chaser_days or ()))),
            (ChaserRecipient.APPLICANT, sorted(set(cohort.applicant_chaser_days or ()))),
        ]
        for recipient, days in schedule:
            claimed = [
                day
                for day in days
                if age >= timedelta(days=day)
                and await links.claim_chaser(link, recipient, day, now)
            ]
            if not claimed:
                continue
            if recipient is ChaserRecipient.HEADTEACHER:
                # The same expiry, or a week from now if the first link has (nearly) run out:
                # a chaser on the day the link expires must still carry one that works.
                await issue(
                    session,
                    application,
                    now=now,
                    base_url=base_url,
                    expires_at=max(link.expires_at, now + CHASER_LINK_MINIMUM),
                    reminder=True,
                )
            else:
                await notifications.reference_chaser_applicant(session, application)
            await audit.record(
                session,
                None,
                "reference_request.chased",
                link,
                after={"recipient": recipient.value, "days": claimed},
                actor_label="reference chasers",
            )
            sent += 1
    return sent


async def remind_once(
    sessionmaker: async_sessionmaker[AsyncSession], *, now: datetime, base_url: str
) -> int:
    """One pass of reminders in its own transaction."""
    return await run_once(
        sessionmaker, partial(send_due_reference_reminders, base_url=base_url), now=now
    )


async def reminder_loop(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    base_url: str,
    every_seconds: float = REMINDER_INTERVAL_SECONDS,
) -> None:
    """Run by ``masteryhub worker`` beside the email dispatcher until cancelled."""
    await run_every(
        sessionmaker,
        partial(send_due_reference_reminders, base_url=base_url),
        seconds=every_seconds,
        what="reference reminders",
    )
