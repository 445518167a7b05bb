"""How a rendered email leaves: over SMTP, or into ./var/mail as .eml files in development."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

import aiosmtplib
import structlog

from masteryhub.config import Settings
from masteryhub.models.base import utcnow
from masteryhub.models.outbound_email import OutboundEmail

log = structlog.get_logger(__name__)


class PermanentDeliveryError(Exception):
    """The server refused the message for good (e.g. no such mailbox): retrying cannot help."""


class Transport(Protocol):
    async def send(self, message: EmailMessage) -> None:
        """Deliver MESSAGE or raise; PermanentDeliveryError means do not retry."""
        ...


@dataclass(frozen=True)
class OutgoingEmail:
    """What a transport needs from an outbox row, detached from the session."""

    id: str
    template: str
    to_address: str
    subject: str
    text_body: str
    html_body: str
    # ({"filename", "content_type", "content"}, ...): small text attachments (invite.ics).
    attachments: tuple[dict[str, str], ...] = ()

    @classmethod
    def from_row(cls, row: OutboundEmail) -> OutgoingEmail:
        return cls(
            str(row.id),
            row.template,
            row.to_address,
            row.subject,
            row.text_body,
            row.html_body,
            tuple(row.attachments or ()),
        )


def build_message(email: OutgoingEmail, mail_from: str) -> EmailMessage:
    """multipart/alternative: plain text first, HTML preferred by clients that show it."""
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = email.to_address
    message["Subject"] = email.subject
    message["Date"] = format_datetime(utcnow())
    # The same Message-ID on every attempt, so a duplicate from an at-least-once retry is
    # recognisable (and collapsed by many mail systems).
    message["Message-ID"] = f"<{email.id}@{_domain(mail_from)}>"
    message.set_content(email.text_body)
    message.add_alternative(email.html_body, subtype="html")
    for attachment in email.attachments:
        maintype, _, rest = attachment["content_type"].partition("/")
        subtype, *params = (p.strip() for p in rest.split(";"))
        message.add_attachment(
            attachment["content"].encode(),
            maintype=maintype,
            subtype=subtype,
            filename=attachment["filename"],
            params=dict(p.split("=", 1) for p in params if "=" in p),
        )
    return message


def _domain(mail_from: str) -> str:
    address = mail_from.rsplit("<", 1)[-1].rstrip(">").strip()
    return address.rpartition("@")[2] or "masteryhub.invalid"


class SmtpTransport:
    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host:
            raise ValueError("SmtpTransport needs MASTERYHUB_SMTP_HOST")
        self.hostname = settings.smtp_host
        self.port = settings.smtp_port
        self.username = settings.smtp_username
        password = settings.smtp_password
        self.password = password.get_secret_value() if password else None
        self.starttls = settings.smtp_starttls
        self.timeout = settings.smtp_timeout_seconds

    async def send(self, message: EmailMessage) -> None:
        try:
            await aiosmtplib.send(
                message,
                hostname=self.hostname,
                port=self.port,
                username=self.username,
                password=self.password,
                # Port 465 is TLS from the first byte; elsewhere STARTTLS when configured.
                use_tls=self.port == 465,
                start_tls=self.starttls if self.port != 465 else False,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as error:
            if all(500 <= refused.code < 600 for refused in error.recipients):
                raise PermanentDeliveryError(
                    "; ".join(f"{r.code} {r.message}" for r in error.recipients)
                ) from error
            raise


class FileTransport:
    """Development sink: each message becomes DIRECTORY/<time>-<id>.eml, and a log line."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, message: EmailMessage) -> None:
        path = await asyncio.to_thread(self._write, message)
        log.info("email written", to=message["To"], subject=message["Subject"], path=str(path))

    def _write(self, message: EmailMessage) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        message_id = str(message["Message-ID"]).strip("<>").partition("@")[0]
        path = self.directory / f"{utcnow():%Y%m%dT%H%M%S%f}-{message_id}.eml"
        partial = path.with_suffix(".eml.partial")
        partial.write_bytes(message.as_bytes())
        partial.replace(path)  # whole files only, for anyone watching the directory
        return path


def transport_for(settings: Settings) -> Transport:
    """SMTP when MASTERYHUB_SMTP_HOST is set; otherwise the file sink."""
    if settings.smtp_host:
        return SmtpTransport(settings)
    if settings.env == "production":
        log.warning("MASTERYHUB_SMTP_HOST is not set: email is written to files, not sent")
    return FileTransport(settings.mail_dir)
