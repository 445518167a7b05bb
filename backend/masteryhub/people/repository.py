"""The people area's own queries: the copies of a person's data that sit outside the records
about them (emails in the outbox, stored idempotent responses). The records themselves are
found through their areas' repositories (applications, specialists, users, the audit trail)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.models.idempotency_record import IdempotencyRecord
from masteryhub.models.outbound_email import OutboundEmail


class PersonDataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def emails_to(self, address: str) -> list[OutboundEmail]:
        """Emails to ADDRESS (lower case), compared case-insensitively, oldest first."""
        return list(
            await self.session.scalars(
                select(OutboundEmail)
                .where(func.lower(OutboundEmail.to_address) == address)
                .order_by(OutboundEmail.id)
            )
        )

    async def emails_naming(self, references: Sequence[str]) -> list[OutboundEmail]:
        """Emails whose text names any of these application references (a scan, but erasure
        is rare)."""
        if not references:
            return []
        return list(
            await self.session.scalars(
                select(OutboundEmail).where(
                    or_(*(OutboundEmail.text_body.contains(reference) for reference in references))
                )
            )
        )

    async def stored_responses_naming(self, record_id: uuid.UUID) -> list[IdempotencyRecord]:
        """Stored idempotent responses whose body names this record's id."""
        return list(
            await self.session.scalars(
                select(IdempotencyRecord).where(
                    cast(IdempotencyRecord.response_body, String).contains(str(record_id))
                )
            )
        )
