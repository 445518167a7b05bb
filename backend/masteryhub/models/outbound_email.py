from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity, utcnow


class OutboundEmailStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed by a dispatcher; next_attempt_at is the end of its lease
    SENT = "sent"
    DEAD = "dead"  # gave up after the last attempt; needs a person to look at it


class OutboundEmail(Entity):
    """An email in the transactional outbox (masteryhub.mail).

    Written in the same transaction as the change it reports, already rendered, and delivered
    later by a dispatcher. Not hub-scoped: the dispatcher reads every hub's mail; ``hub_id``
    records whose mail it is.
    """

    __tablename__ = "outbound_emails"
    __table_args__ = (Index(None, "status", "next_attempt_at"),)

    hub_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("hubs.id", ondelete="RESTRICT"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(64))
    status: Mapped[OutboundEmailStatus] = mapped_column(
        Enum(
            OutboundEmailStatus,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=OutboundEmailStatus.QUEUED,
    )
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # When a queued message is next due, or when a sending message's lease runs out.
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None]
    # Lets a caller queue "the same" email twice and get one row (e.g. a retried job).
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # [{"filename": "invite.ics", "content_type": "text/calendar; method=REQUEST",
    #   "content": "<text>"}] — small text attachments, rendered when queued.
    attachments: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
