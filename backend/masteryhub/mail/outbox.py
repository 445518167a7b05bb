"""Queue an email in the caller's transaction (the transactional outbox).

The row is added to the caller's session and flushed, never committed: it commits with the
change it reports, or rolls back with it. So a failed request sends nothing, and a committed
one cannot lose its email even if the mail server is down — a dispatcher delivers it later.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.mail.rendering import render
from masteryhub.models.base import utcnow
from masteryhub.models.outbound_email import OutboundEmail, OutboundEmailStatus

MAX_ADDRESS_LENGTH = 320


class InvalidRecipient(ValueError):
    pass


def _checked_address(to: str) -> str:
    address = to.strip()
    local, at, domain = address.rpartition("@")
    if (
        not at
        or not local
        or "." not in domain
        or len(address) > MAX_ADDRESS_LENGTH
        or any(c.isspace() or c in "<>,;" for c in address)
    ):
        raise InvalidRecipient(f"not a single email address: {to!r}")
    return address


async def queue_email(
    session: AsyncSession,
    *,
    to: str,
    template: str,
    context: Mapping[str, Any],
    hub_id: uuid.UUID | None = None,
    dedupe_key: str | None = None,
    attachments: list[dict[str, str]] | None = None,
) -> OutboundEmail:
    """Render TEMPLATE with CONTEXT now and queue it for TO in the caller's transaction.

    Rendering happens here so that a template error fails the caller's request, and so the
    email says what was true when it was queued. With a DEDUPE_KEY already queued, the
    existing row is returned and nothing is added.
    """
    address = _checked_address(to)
    rendered = render(template, context)
    if dedupe_key is not None:
        existing = await _by_dedupe_key(session, dedupe_key)
        if existing is not None:
            return existing
    email = OutboundEmail(
        hub_id=hub_id,
        to_address=address,
        subject=rendered.subject[:500],
        text_body=rendered.text_body,
        html_body=rendered.html_body,
        template=template,
        status=OutboundEmailStatus.QUEUED,
        attempts=0,
        next_attempt_at=utcnow(),
        dedupe_key=dedupe_key,
        attachments=attachments,
    )
    if dedupe_key is None:
        session.add(email)
        await session.flush()
        return email
    # A concurrent transaction may queue the same key first: a savepoint keeps the unique
    # violation from spoiling the caller's transaction, and the winner's row is returned.
    await session.flush()  # the caller's own pending rows, outside the savepoint
    try:
        async with session.begin_nested():
            session.add(email)
    except IntegrityError:
        existing = await _by_dedupe_key(session, dedupe_key)
        if existing is None:
            raise
        return existing
    return email


async def _by_dedupe_key(session: AsyncSession, dedupe_key: str) -> OutboundEmail | None:
    result = await session.execute(
        select(OutboundEmail).where(OutboundEmail.dedupe_key == dedupe_key)
    )
    return result.scalar_one_or_none()
