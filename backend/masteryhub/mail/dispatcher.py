"""The dispatcher: claims due emails from the outbox, sends them, records the outcome.

Delivery is at least once, which is the most SMTP can promise: if a dispatcher dies after the
server accepted a message but before recording it as sent, the message is sent again when its
lease runs out. Duplicates are kept rare rather than impossible:

- a claim moves the row to ``sending`` with a lease (``next_attempt_at`` = now + lease) in its
  own short transaction, so no other dispatcher touches it while the lease lasts; claims are
  made with ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL and under SQLite's single
  writer lock (BEGIN IMMEDIATE), never while a message is being sent;
- the outcome is recorded only if the row is still this dispatcher's claim (same status and
  attempt number), so a dispatcher whose lease ran out cannot overwrite a later attempt;
- every attempt carries the same Message-ID, so a duplicate is recognisable to mail systems.

A failed attempt is retried after an exponential backoff with jitter (base × 2^(attempt-1),
capped); after the last allowed attempt, or a permanent refusal, the row is ``dead``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.config import Settings
from masteryhub.db import begin_write
from masteryhub.mail.transport import (
    OutgoingEmail,
    PermanentDeliveryError,
    Transport,
    build_message,
    transport_for,
)
from masteryhub.models.base import utcnow
from masteryhub.models.outbound_email import OutboundEmail, OutboundEmailStatus

log = structlog.get_logger(__name__)
MAX_ERROR_LENGTH = 500
Status = OutboundEmailStatus


@dataclass(frozen=True)
class Claim:
    email: OutgoingEmail
    attempt: int  # this claim's attempt number; fences the outcome update

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.email.id)


@dataclass
class DispatchReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    released: int = 0


class Dispatcher:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        transport: Transport | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.transport = transport if transport is not None else transport_for(settings)
        self.clock = clock
        self.rng = rng or random.Random()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # The loop ---------------------------------------------------------------------------

    def start(self) -> None:
        """Run the loop as a background task of the current event loop (the API process)."""
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self.run(), name="email-dispatcher")

    async def stop(self, timeout: float = 30) -> None:
        """Finish the message being sent, hand back the rest of the batch, and stop."""
        self._stopping.set()
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await asyncio.wait_for(task, timeout)
        except TimeoutError:
            log.warning("email dispatcher did not stop in time; its claims will be retried")

    async def run(self) -> None:
        """Deliver due email until ``stop()`` (or the worker's signal) ends the loop."""
        log.info("email dispatcher started", transport=type(self.transport).__name__)
        while not self._stopping.is_set():
            try:
                report = await self.dispatch_once()
            except Exception:
                # The database may be restarting: log, wait, try again.
                log.exception("email dispatch failed")
                report = DispatchReport()
            if report.claimed >= self.settings.mail_batch_size:
                continue  # more may be due at once
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.settings.mail_poll_seconds)
        log.info("email dispatcher stopped")

    def request_stop(self) -> None:
        """Ask the loop to stop after the message in hand (safe from a signal handler)."""
        self._stopping.set()

    # One pass ---------------------------------------------------------------------------

    async def dispatch_once(self) -> DispatchReport:
        """Claim one batch of due email and attempt each message once."""
        report = DispatchReport()
        claims = await self._claim(report)
        report.claimed = len(claims)
        for index, claim in enumerate(claims):
            if self._stopping.is_set():
                report.released = await self._release(claims[index:])
                break
            await self._attempt(claim, report)
        return report

    async def _claim(self, report: DispatchReport) -> list[Claim]:
        now = self.clock()
        lease_ends = now + timedelta(seconds=self.settings.mail_lease_seconds)
        async with self.sessionmaker() as session:
            await begin_write(session)
            rows = (
                await session.scalars(
                    select(OutboundEmail)
                    .where(
                        OutboundEmail.status.in_([Status.QUEUED, Status.SENDING]),
                        OutboundEmail.next_attempt_at <= now,
                    )
                    .order_by(OutboundEmail.next_attempt_at, OutboundEmail.id)
                    .limit(self.settings.mail_batch_size)
                    # Concurrent dispatchers take disjoint rows instead of queueing on locks.
                    .with_for_update(skip_locked=True)
                )
            ).all()
            claims: list[Claim] = []
            for row in rows:
                if row.status is Status.SENDING:
                    # Its dispatcher died or hung mid-send; it may or may not have gone.
                    log.warning("email lease expired", email_id=str(row.id), attempts=row.attempts)
                    if row.attempts >= self.settings.mail_max_attempts:
                        row.status = Status.DEAD
                        row.last_error = "lease expired on the last attempt"
                        report.dead += 1
                        continue
                row.status = Status.SENDING
                row.attempts += 1
                row.next_attempt_at = lease_ends
                claims.append(Claim(OutgoingEmail.from_row(row), row.attempts))
            await session.commit()
        return claims

    async def _attempt(self, claim: Claim, report: DispatchReport) -> None:
        try:
            message = build_message(claim.email, self.settings.mail_from)
            await self.transport.send(message)
        except Exception as error:
            await self._failed(claim, error, report)
        else:
            now = self.clock()
            await self._record(
                claim, status=Status.SENT, sent_at=now, last_error=None, next_attempt_at=now
            )
            report.sent += 1
            log.info("email sent", email_id=claim.email.id, template=claim.email.template)

    async def _failed(self, claim: Claim, error: Exception, report: DispatchReport) -> None:
        description = self._describe(error)
        permanent = isinstance(error, PermanentDeliveryError)
        if permanent or claim.attempt >= self.settings.mail_max_attempts:
            await self._record(claim, status=Status.DEAD, last_error=description)
            report.dead += 1
            log.error(
                "email dead",
                email_id=claim.email.id,
                template=claim.email.template,
                attempts=claim.attempt,
                error=description,
            )
            return
        retry_at = self.clock() + self.backoff(claim.attempt)
        await self._record(
            claim, status=Status.QUEUED, last_error=description, next_attempt_at=retry_at
        )
        report.retrying += 1
        log.warning(
            "email attempt failed",
            email_id=claim.email.id,
            attempts=claim.attempt,
            retry_at=retry_at.isoformat(),
            error=description,
        )

    def backoff(self, attempt: int) -> timedelta:
        """Delay after failed attempt ATTEMPT (1-based): base × 2^(attempt-1) ± 20%, capped."""
        delay = self.settings.mail_retry_base_seconds * 2 ** (attempt - 1)
        # Jitter spreads the retries of a batch that failed together (a mail server outage).
        delay *= self.rng.uniform(0.8, 1.2)
        return timedelta(seconds=min(delay, self.settings.mail_retry_max_seconds))

    async def _record(self, claim: Claim, **values: Any) -> bool:
        """Write the outcome, if the row is still this claim's (not re-claimed after its lease)."""
        async with self.sessionmaker() as session:
            await begin_write(session)
            result = await session.execute(
                update(OutboundEmail)
                .where(
                    OutboundEmail.id == claim.id,
                    OutboundEmail.status == Status.SENDING,
                    OutboundEmail.attempts == claim.attempt,
                )
                .values(**values, version=OutboundEmail.version + 1)
                .execution_options(synchronize_session=False)
            )
            await session.commit()
        recorded = bool(getattr(result, "rowcount", 0))
        if not recorded:
            log.warning("email claim lost before its outcome was recorded", email_id=claim.email.id)
        return recorded

    async def _release(self, claims: list[Claim]) -> int:
        """Hand back claims not yet attempted (shutting down), as if never claimed."""
        released = 0
        now = self.clock()
        async with self.sessionmaker() as session:
            await begin_write(session)
            for claim in claims:
                result = await session.execute(
                    update(OutboundEmail)
                    .where(
                        OutboundEmail.id == claim.id,
                        OutboundEmail.status == Status.SENDING,
                        OutboundEmail.attempts == claim.attempt,
                    )
                    .values(
                        status=Status.QUEUED,
                        attempts=OutboundEmail.attempts - 1,
                        next_attempt_at=now,
                        version=OutboundEmail.version + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
                released += getattr(result, "rowcount", 0)
            await session.commit()
        return released

    def _describe(self, error: Exception) -> str:
        """A short, single-line reason that never carries the SMTP password."""
        text = " ".join(f"{type(error).__name__}: {error}".split())
        password = self.settings.smtp_password
        if password is not None and password.get_secret_value():
            text = text.replace(password.get_secret_value(), "***")
        return text[:MAX_ERROR_LENGTH]
