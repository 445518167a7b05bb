"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, and helpers for the outbox."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import func, select

from masteryhub.config import Settings
from masteryhub.db import begin_write
from masteryhub.mail import Dispatcher, queue_email
from masteryhub.models.base import utcnow
from masteryhub.models.outbound_email import OutboundEmail

REFUSED_DOMAIN = "refused.example.org"
CLOSES_AT = datetime.fromisoformat("2020-06-15T16:00:00+00:00")  # 5pm BST


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mailbox:
    """aiosmtpd handler: keeps every message; refuses recipients at REFUSED_DOMAIN."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.endswith("@" + REFUSED_DOMAIN):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    port: int
    mailbox: Mailbox = field(default_factory=Mailbox)
    _controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.mailbox.messages


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server on a free port, not yet started (tests start it when they want)."""
    server = SmtpServer(free_port())
    yield server
    server.stop()


@pytest.fixture
def mail_settings(settings: Settings, smtp: SmtpServer) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port,
            "smtp_starttls": False,
            "smtp_timeout_seconds": 5,
            "mail_max_attempts": 3,
            "mail_batch_size": 10,
        }
    )


class Clock:
    """The dispatcher's clock: real time, moved forward by hand."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def dispatcher(app: FastAPI, mail_settings: Settings, clock: Clock) -> Dispatcher:
    return Dispatcher(app.state.sessionmaker, mail_settings, clock=clock)


def received_context(**overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "applicant_name": "Amira Khan",
        "reference": "PMS6-000042",
        "cohort_name": "Primary Mastery Specialist Programme Cohort 6",
        "hub_name": "North Star Maths Hub",
        "closes_at": CLOSES_AT,
        "headteacher_name": "J. Patel",
        "headteacher_reference_requested": True,
    }
    context.update(overrides)
    return context


async def queue_committed(app: FastAPI, *, to: str = "a.khan@example.org", **kwargs: Any) -> Any:
    """Queue an application_received email and commit, as an intake request would."""
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        email = await queue_email(
            session,
            to=to,
            template=kwargs.pop("template", "application_received"),
            context=kwargs.pop("context", None) or received_context(),
            **kwargs,
        )
        await session.commit()
    return email


async def load(app: FastAPI, email_id: Any) -> OutboundEmail:
    async with app.state.sessionmaker() as session:
        row = await session.get(OutboundEmail, email_id)
        assert row is not None
        return row


async def count_emails(app: FastAPI) -> int:
    async with app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboundEmail)) or 0)
