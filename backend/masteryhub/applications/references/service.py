"""Headteacher references: single-use, expiring links whose tokens are stored hashed.

The raw token only ever exists in the email that carries it; the database keeps its SHA-256.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import contains_eager, joinedload

from masteryhub.applications import notifications
from masteryhub.applications.errors import (
    ReferenceExpired,
    ReferenceNotFound,
    ReferenceNotNeeded,
    ReferenceUsed,
)
from masteryhub.applications.references.schemas import ReferenceSubmit
from masteryhub.applications.schemas import ReferenceResend
from masteryhub.applications.transitions import move
from masteryhub.auth.dependencies import LEAD_ROLES
from masteryhub.auth.principals import Principal
from masteryhub.db import begin_write
from masteryhub.errors import Forbidden
from masteryhub.kit import audit
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.reference_request import ReferenceRequest

HEADTEACHER = "headteacher (reference link)"
# Reminders are due after days, so a pass every quarter of an hour is prompt enough.
REMINDER_INTERVAL_SECONDS = 15 * 60
log = structlog.get_logger(__name__)
APPLICATION_LOADS = (
    joinedload(Application.cohort).joinedload(Cohort.programme),
    joinedload(Application.hub),
    joinedload(Application.school),
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
    token = secrets.token_urlsafe(32)
    request = ReferenceRequest(
        hub_id=application.hub_id,
        application_id=application.id,
        token_hash=hash_token(token),
        expires_at=expires_at or now + timedelta(days=application.cohort.reference_link_days),
        reminded_at=now if reminder else None,
        created_at=now,  # when the link was sent, by the request's clock (reminders count it)
    )
    session.add(request)
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
    before = audit.snapshot(application)
    if data.headteacher_name is not None:
        application.headteacher_name = data.headteacher_name
    if data.headteacher_email is not None:
        application.headteacher_email = data.headteacher_email.lower()
    await session.execute(
        update(ReferenceRequest)
        .where(
            ReferenceRequest.application_id == application.id,
            ReferenceRequest.used_at.is_(None),
            ReferenceRequest.revoked_at.is_(None),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
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


async def open_request(
    session: AsyncSession, token: str, now: datetime, *, lock: bool = False
) -> tuple[ReferenceRequest, Application]:
    """The link's request and application, or the problem that says why it cannot be used."""
    statement = select(ReferenceRequest).where(ReferenceRequest.token_hash == hash_token(token))
    if lock:
        # A second submission of the same link waits here, then sees it used.
        statement = statement.with_for_update()
    request = await session.scalar(statement)
    if request is None:
        raise ReferenceNotFound(
            "Check the link in the email; if it still does not work, ask the Maths Hub to "
            "send a new one."
        )
    application_query = (
        select(Application)
        .where(Application.id == request.application_id)
        .options(*APPLICATION_LOADS)
    )
    if lock:
        application_query = application_query.with_for_update(of=Application)
    application = await session.scalar(application_query)
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
    return request, application


async def development_year_rule(
    session: AsyncSession, cohort_id: uuid.UUID
) -> CohortYearRule | None:
    return await session.scalar(
        select(CohortYearRule).where(
            CohortYearRule.cohort_id == cohort_id, CohortYearRule.programme_year == 1
        )
    )


async def submit(
    session: AsyncSession, token: str, data: ReferenceSubmit, now: datetime
) -> Application:
    request, application = await open_request(session, token, now, lock=True)
    before = audit.snapshot(application)
    request.used_at = now
    application.headteacher_statement = data.statement
    application.headteacher_commits_release_time = data.commits_to_release_time
    application.headteacher_statement_received_at = now
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


async def send_due_reference_reminders(
    session: AsyncSession, now: datetime, *, base_url: str
) -> int:
    """Queue a reminder, with a fresh link of the same expiry, for every open request older
    than its cohort's ``reference_reminder_days`` that has not been reminded. Returns how many.

    Run by ``masteryhub worker`` every quarter hour (``reminder_loop``) and by
    ``masteryhub send-reminders`` (one pass, e.g. from cron). Safe to run
    concurrently: rows are claimed with SKIP LOCKED on PostgreSQL and under SQLite's single
    writer.
    """
    due = (
        await session.scalars(
            select(ReferenceRequest)
            .join(ReferenceRequest.application)
            .options(contains_eager(ReferenceRequest.application).options(*APPLICATION_LOADS))
            .where(
                ReferenceRequest.used_at.is_(None),
                ReferenceRequest.revoked_at.is_(None),
                ReferenceRequest.reminded_at.is_(None),
                ReferenceRequest.expires_at > now,
                Application.status == ApplicationStatus.AWAITING_REFERENCE,
            )
            .with_for_update(of=ReferenceRequest, skip_locked=True)
            .execution_options(all_hubs=True)
        )
    ).unique()
    sent = 0
    for request in due:
        application = request.application
        if request.created_at > now - timedelta(days=application.cohort.reference_reminder_days):
            continue
        request.reminded_at = now
        await issue(
            session,
            application,
            now=now,
            base_url=base_url,
            expires_at=request.expires_at,
            reminder=True,
        )
        await audit.record(
            session, None, "reference_request.reminded", request, actor_label="reference reminders"
        )
        sent += 1
    return sent


async def remind_once(
    sessionmaker: async_sessionmaker[AsyncSession], *, now: datetime, base_url: str
) -> int:
    """One pass of reminders in its own transaction."""
    async with sessionmaker() as session:
        await begin_write(session)
        sent = await send_due_reference_reminders(session, now, base_url=base_url)
        await session.commit()
    return sent


async def reminder_loop(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    base_url: str,
    every_seconds: float = REMINDER_INTERVAL_SECONDS,
) -> None:
    """Run by ``masteryhub worker`` beside the email dispatcher until cancelled."""
    while True:
        try:
            sent = await remind_once(sessionmaker, now=utcnow(), base_url=base_url)
            if sent:
                log.info("reference reminders queued", count=sent)
        except Exception:
            # The database may be restarting: log, wait, try again.
            log.exception("reference reminders failed")
        await asyncio.sleep(every_seconds)
