"""The dispatcher against a real SMTP server: delivery, backoff, dead letters, leases, races."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from masteryhub.config import Settings
from masteryhub.mail import Dispatcher, FileTransport, SmtpTransport
from masteryhub.models.outbound_email import OutboundEmailStatus as Status
from tests.mail.conftest import (
    REFUSED_DOMAIN,
    Clock,
    SmtpServer,
    count_emails,
    load,
    queue_committed,
)


def body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None and part.get_content_type() == f"text/{subtype}"
    return str(part.get_content())  # type: ignore[attr-defined]


async def test_delivers_over_smtp_with_text_and_html(
    app: FastAPI, smtp: SmtpServer, dispatcher: Dispatcher
) -> None:
    smtp.start()
    queued = await queue_committed(app)

    report = await dispatcher.dispatch_once()

    assert (report.claimed, report.sent) == (1, 1)
    [message] = smtp.messages
    assert smtp.mailbox.recipients == [["a.khan@example.org"]]
    assert message["To"] == "a.khan@example.org"
    assert message["From"] == "MasteryHub <no-reply@masteryhub.test>"
    assert message["Subject"] == (
        "We have received your application to Primary Mastery Specialist Programme Cohort 6 "
        "(PMS6-000042)"
    )
    assert message.get_content_type() == "multipart/alternative"
    assert "PMS6-000042" in body(message, "plain")
    assert "<strong>PMS6-000042</strong>" in body(message, "html")
    assert message["Message-ID"] == f"<{queued.id}@masteryhub.test>"
    row = await load(app, queued.id)
    assert row.status is Status.SENT and row.attempts == 1 and row.sent_at is not None


async def test_server_down_backs_off_then_delivers_exactly_once(
    app: FastAPI, smtp: SmtpServer, dispatcher: Dispatcher, clock: Clock
) -> None:
    queued = await queue_committed(app)  # the SMTP server is not running

    before = clock()
    failed = await dispatcher.dispatch_once()
    after = clock()

    assert (failed.claimed, failed.retrying) == (1, 1)
    row = await load(app, queued.id)
    assert row.status is Status.QUEUED and row.attempts == 1
    # 30 s after the first failure, ±20% jitter.
    assert before + timedelta(seconds=24) <= row.next_attempt_at
    assert row.next_attempt_at <= after + timedelta(seconds=36)
    assert row.last_error and "SMTP" in row.last_error
    assert (await dispatcher.dispatch_once()).claimed == 0  # not due yet

    smtp.start()
    clock.advance(seconds=40)
    delivered = await dispatcher.dispatch_once()
    clock.advance(hours=2)
    afterwards = await dispatcher.dispatch_once()

    assert delivered.sent == 1 and afterwards.claimed == 0
    assert len(smtp.messages) == 1
    row = await load(app, queued.id)
    assert row.status is Status.SENT and row.attempts == 2


async def test_backoff_doubles_and_is_capped(app: FastAPI, mail_settings: Settings) -> None:
    dispatcher = Dispatcher(app.state.sessionmaker, mail_settings)
    for attempt, seconds in [(1, 30), (2, 60), (3, 120), (5, 480)]:
        delay = dispatcher.backoff(attempt).total_seconds()
        assert seconds * 0.8 <= delay <= seconds * 1.2
    assert dispatcher.backoff(12).total_seconds() == 3600


async def test_after_the_last_attempt_the_email_is_dead(
    app: FastAPI, smtp: SmtpServer, dispatcher: Dispatcher, clock: Clock
) -> None:
    queued = await queue_committed(app)  # mail_max_attempts is 3; the server never comes up

    for _ in range(3):
        await dispatcher.dispatch_once()
        clock.advance(hours=2)
    smtp.start()
    later = await dispatcher.dispatch_once()

    row = await load(app, queued.id)
    assert row.status is Status.DEAD and row.attempts == 3
    assert row.last_error
    assert later.claimed == 0 and smtp.messages == []


async def test_a_permanent_refusal_is_dead_at_once(
    app: FastAPI, smtp: SmtpServer, dispatcher: Dispatcher
) -> None:
    smtp.start()
    queued = await queue_committed(app, to=f"nobody@{REFUSED_DOMAIN}")

    report = await dispatcher.dispatch_once()

    assert report.dead == 1
    row = await load(app, queued.id)
    assert row.status is Status.DEAD and row.attempts == 1
    assert row.last_error and "550" in row.last_error


async def test_an_error_never_records_the_smtp_password(
    app: FastAPI, mail_settings: Settings, clock: Clock
) -> None:
    settings = mail_settings.model_copy(update={"smtp_password": SecretStr("hunter2-secret")})

    class Leaky:
        async def send(self, message: EmailMessage) -> None:
            raise RuntimeError("auth failed for user with password hunter2-secret\nat line 2")

    queued = await queue_committed(app)
    await Dispatcher(app.state.sessionmaker, settings, Leaky(), clock=clock).dispatch_once()

    row = await load(app, queued.id)
    assert row.last_error == "RuntimeError: auth failed for user with password *** at line 2"


class Crash(BaseException):
    """The worker process dying mid-send (not an error the dispatcher handles)."""


async def test_a_claim_whose_lease_expired_is_retried(
    app: FastAPI, smtp: SmtpServer, mail_settings: Settings, clock: Clock
) -> None:
    smtp.start()
    queued = await queue_committed(app)
    smtp_transport = SmtpTransport(mail_settings)

    class SendsThenDies:
        async def send(self, message: EmailMessage) -> None:
            await smtp_transport.send(message)
            raise Crash

    crashing = Dispatcher(app.state.sessionmaker, mail_settings, SendsThenDies(), clock=clock)
    with pytest.raises(Crash):
        await crashing.dispatch_once()
    claimed = await load(app, queued.id)
    assert claimed.status is Status.SENDING and claimed.attempts == 1

    other = Dispatcher(app.state.sessionmaker, mail_settings, clock=clock)
    assert (await other.dispatch_once()).claimed == 0  # the lease still holds
    clock.advance(seconds=mail_settings.mail_lease_seconds + 1)
    assert (await other.dispatch_once()).sent == 1

    row = await load(app, queued.id)
    assert row.status is Status.SENT and row.attempts == 2
    # At least once: the server had accepted the first copy. Both share one Message-ID.
    assert len(smtp.messages) == 2
    assert smtp.messages[0]["Message-ID"] == smtp.messages[1]["Message-ID"]


@pytest.mark.real_commits
async def test_two_dispatchers_deliver_each_message_once(
    app: FastAPI, smtp: SmtpServer, mail_settings: Settings
) -> None:
    smtp.start()
    settings = mail_settings.model_copy(update={"mail_batch_size": 3})
    queued = [await queue_committed(app, to=f"teacher{n}@example.org") for n in range(24)]

    class SlowSmtp(SmtpTransport):
        async def send(self, message: EmailMessage) -> None:
            await asyncio.sleep(0.01)  # keep both dispatchers claiming while the other sends
            await super().send(message)

    async def drain(dispatcher: Dispatcher) -> int:
        sent = 0
        while (report := await dispatcher.dispatch_once()).claimed:
            sent += report.sent
        return sent

    first, second = (
        Dispatcher(app.state.sessionmaker, settings, SlowSmtp(settings)) for _ in range(2)
    )
    sent = await asyncio.gather(drain(first), drain(second))

    assert sum(sent) == 24 and all(sent)  # both took part
    ids = sorted(str(message["Message-ID"]) for message in smtp.messages)
    assert len(ids) == 24 and len(set(ids)) == 24
    for email in queued:
        row = await load(app, email.id)
        assert row.status is Status.SENT and row.attempts == 1


async def test_stopping_hands_back_the_rest_of_the_batch(
    app: FastAPI, smtp: SmtpServer, mail_settings: Settings
) -> None:
    smtp.start()
    for n in range(4):
        await queue_committed(app, to=f"teacher{n}@example.org")
    smtp_transport = SmtpTransport(mail_settings)
    dispatcher: Dispatcher

    class StopAfterOne:
        async def send(self, message: EmailMessage) -> None:
            await smtp_transport.send(message)
            dispatcher.request_stop()  # SIGTERM arrives while the first message is sent

    dispatcher = Dispatcher(app.state.sessionmaker, mail_settings, StopAfterOne())
    report = await dispatcher.dispatch_once()

    assert (report.claimed, report.sent, report.released) == (4, 1, 3)
    assert len(smtp.messages) == 1
    resumed = await Dispatcher(app.state.sessionmaker, mail_settings).dispatch_once()
    assert resumed.sent == 3 and len(smtp.messages) == 4


@pytest.mark.real_commits  # the loop runs as a task beside the test
async def test_the_loop_delivers_and_stops_gracefully(
    app: FastAPI, smtp: SmtpServer, mail_settings: Settings
) -> None:
    smtp.start()
    settings = mail_settings.model_copy(update={"mail_poll_seconds": 0.05})
    dispatcher = Dispatcher(app.state.sessionmaker, settings)
    dispatcher.start()
    try:
        await queue_committed(app)
        for _ in range(100):
            if smtp.messages:
                break
            await asyncio.sleep(0.05)
    finally:
        await asyncio.wait_for(dispatcher.stop(), timeout=5)

    assert len(smtp.messages) == 1


async def test_file_transport_writes_eml_files(
    app: FastAPI, mail_settings: Settings, tmp_path: Path
) -> None:
    queued = await queue_committed(app)
    dispatcher = Dispatcher(app.state.sessionmaker, mail_settings, FileTransport(tmp_path / "mail"))

    assert (await dispatcher.dispatch_once()).sent == 1

    [path] = (tmp_path / "mail").glob("*.eml")
    assert str(queued.id) in path.name
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["To"] == "a.khan@example.org"
    assert "PMS6-000042" in body(message, "plain")
    assert await count_emails(app) == 1
