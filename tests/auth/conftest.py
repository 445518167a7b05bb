"""Sign-in tests: a real SMTP server (the mail tests' aiosmtpd) and a dispatcher delivering to it,
so invitation and reset links are read from the delivered messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from masteryhub.config import Settings
from masteryhub.mail import Dispatcher
from tests.mail.conftest import SmtpServer, free_port

TOKEN = "/api/v1/auth/token"
LINK = re.compile(r"https?://\S+/(invitations|reset-password)/([A-Za-z0-9_-]+)")


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


class Postie:
    """Delivers the outbox to the test's SMTP server and reads what arrived."""

    def __init__(self, dispatcher: Dispatcher, smtp: SmtpServer) -> None:
        self.dispatcher = dispatcher
        self.smtp = smtp

    async def deliver(self) -> None:
        await self.dispatcher.dispatch_once()

    async def messages_to(self, address: str) -> list[EmailMessage]:
        await self.deliver()
        return [m for m in self.smtp.messages if address in str(m["To"])]

    async def link(self, address: str, kind: str) -> str:
        """The token of the newest KIND link delivered to ADDRESS (from the plain-text part)."""
        for message in reversed(await self.messages_to(address)):
            part = message.get_body(preferencelist=("plain",))
            assert part is not None
            found = LINK.search(str(part.get_content()))  # type: ignore[attr-defined]
            if found and found.group(1) == kind:
                return found.group(2)
        raise AssertionError(f"no {kind} link delivered to {address}")


@pytest.fixture
def postie(app: FastAPI, settings: Settings, smtp: SmtpServer) -> Postie:
    mail_settings = settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port,
            "smtp_starttls": False,
            "smtp_timeout_seconds": 5,
        }
    )
    return Postie(Dispatcher(app.state.sessionmaker, mail_settings), smtp)


async def password_grant(client: AsyncClient, email: str, password: str, **extra: Any) -> Response:
    return await client.post(
        TOKEN,
        data={"grant_type": "password", "username": email, "password": password, **extra},
    )


async def refresh(client: AsyncClient, token: str) -> Response:
    return await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": token})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
