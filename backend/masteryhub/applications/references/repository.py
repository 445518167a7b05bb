"""Every query of the headteacher's reference: its links (stored as SHA-256), the chaser log,
and the application a link opens."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager, joinedload

from masteryhub.kit.public_links import claim_once
from masteryhub.kit.repository import Repository
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.base import uuid7
from masteryhub.models.cohort import Cohort
from masteryhub.models.reference_chaser import ChaserRecipient, ReferenceChaser
from masteryhub.models.reference_request import ReferenceRequest

# What the reference page, its emails and screening need of the application.
APPLICATION_LOADS = (
    joinedload(Application.cohort).joinedload(Cohort.programme),
    joinedload(Application.hub),
    joinedload(Application.school),
)


class ReferenceRequestRepository(Repository[ReferenceRequest]):
    model = ReferenceRequest
    not_found_detail = "No such reference request."

    async def by_token_hash(
        self, token_hash: str, *, lock: bool = False
    ) -> ReferenceRequest | None:
        statement = select(ReferenceRequest).where(ReferenceRequest.token_hash == token_hash)
        if lock:
            # A second submission of the same link waits here, then sees it used.
            statement = statement.with_for_update()
        return await self.session.scalar(statement)

    async def application_of(
        self, request: ReferenceRequest, *, lock: bool = False
    ) -> Application | None:
        """The link's application with its cohort (and programme), hub and school."""
        statement = (
            select(Application)
            .where(Application.id == request.application_id)
            .options(*APPLICATION_LOADS)
        )
        if lock:
            statement = statement.with_for_update(of=Application)
        return await self.session.scalar(statement)

    async def of_application(self, application_id: uuid.UUID) -> list[ReferenceRequest]:
        """Every link the application's headteacher was sent, oldest first."""
        return list(
            await self.session.scalars(
                select(ReferenceRequest)
                .where(ReferenceRequest.application_id == application_id)
                .order_by(ReferenceRequest.created_at)
            )
        )

    async def chasers_of(self, application_id: uuid.UUID) -> list[ReferenceChaser]:
        return list(
            await self.session.scalars(
                select(ReferenceChaser)
                .where(ReferenceChaser.application_id == application_id)
                .order_by(ReferenceChaser.sent_at, ReferenceChaser.day)
            )
        )

    async def revoke_open(self, application_id: uuid.UUID, now: datetime) -> int:
        """Every link of the application that could still be used stops working."""
        result = await self.session.execute(
            update(ReferenceRequest)
            .where(
                ReferenceRequest.application_id == application_id,
                ReferenceRequest.used_at.is_(None),
                ReferenceRequest.revoked_at.is_(None),
            )
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def revoke_after_selection(self, now: datetime) -> int:
        """The open links of every hub's cohorts whose selection has ended stop working."""
        ended = (
            select(Application.id)
            .join(Cohort, Cohort.id == Application.cohort_id)
            .where(Cohort.selection_ends_at.is_not(None), Cohort.selection_ends_at <= now)
        )
        result = await self.session.execute(
            update(ReferenceRequest)
            .where(
                ReferenceRequest.used_at.is_(None),
                ReferenceRequest.revoked_at.is_(None),
                ReferenceRequest.application_id.in_(ended),
            )
            .values(revoked_at=now)
            .execution_options(synchronize_session=False, all_hubs=True)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def due_for_chasers(self) -> Iterable[ReferenceRequest]:
        """Every hub's open first links of applications awaiting their reference, with the
        application loaded; locked, skipping rows another worker holds (PostgreSQL)."""
        return (
            await self.session.scalars(
                select(ReferenceRequest)
                .join(ReferenceRequest.application)
                .options(contains_eager(ReferenceRequest.application).options(*APPLICATION_LOADS))
                .where(
                    ReferenceRequest.used_at.is_(None),
                    ReferenceRequest.revoked_at.is_(None),
                    # Chasers' own links carry reminded_at; the schedule counts from the first.
                    ReferenceRequest.reminded_at.is_(None),
                    Application.status == ApplicationStatus.AWAITING_REFERENCE,
                )
                .with_for_update(of=ReferenceRequest, skip_locked=True)
                .execution_options(all_hubs=True)
            )
        ).unique()

    async def claim_chaser(
        self, link: ReferenceRequest, recipient: ChaserRecipient, day: int, now: datetime
    ) -> bool:
        """Log the chaser; False when it is already logged (by this or another worker). The
        unique constraint makes the insert the claim: a second worker's insert waits for the
        first's transaction, then does nothing."""
        return await claim_once(
            self.session,
            ReferenceChaser,
            {
                "id": uuid7(),
                "hub_id": link.hub_id,
                "application_id": link.application_id,
                "reference_request_id": link.id,
                "recipient": recipient.value,
                "day": day,
                "sent_at": now,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            },
            unique=["reference_request_id", "recipient", "day"],
        )
