"""queue_email: a row in the caller's transaction, committed or rolled back with it."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.db import begin_write
from masteryhub.mail import InvalidRecipient, MissingContext, queue_email
from masteryhub.models.outbound_email import OutboundEmail, OutboundEmailStatus
from tests.factories import Factory
from tests.mail.conftest import count_emails, load, queue_committed, received_context


async def test_a_committed_transaction_keeps_its_rendered_email(
    app: FastAPI, factory: Factory
) -> None:
    hub = await factory.hub()

    queued = await queue_committed(app, to=" a.khan@example.org ", hub_id=hub.id)

    row = await load(app, queued.id)
    assert row.status is OutboundEmailStatus.QUEUED
    assert row.attempts == 0 and row.sent_at is None and row.last_error is None
    assert row.to_address == "a.khan@example.org"
    assert row.hub_id == hub.id
    assert row.template == "application_received"
    assert "PMS6-000042" in row.subject
    assert "PMS6-000042" in row.text_body and "PMS6-000042" in row.html_body


async def test_a_rolled_back_transaction_leaves_no_email(app: FastAPI) -> None:
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        email = await queue_email(
            session,
            to="a.khan@example.org",
            template="application_received",
            context=received_context(),
        )
        assert email.id is not None  # flushed: visible to the rest of the transaction
        await session.rollback()  # the request failed after queueing

    assert await count_emails(app) == 0


async def test_queue_email_never_commits(app: FastAPI) -> None:
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        await queue_email(
            session,
            to="a.khan@example.org",
            template="application_received",
            context=received_context(),
        )
        assert session.in_transaction()
        # Closing without a commit is a rollback.

    assert await count_emails(app) == 0


async def test_a_dedupe_key_queues_one_email(app: FastAPI) -> None:
    first = await queue_committed(app, dedupe_key="application:42:received")

    async with app.state.sessionmaker() as session:
        await begin_write(session)
        again = await queue_email(
            session,
            to="a.khan@example.org",
            template="application_received",
            context=received_context(),
            dedupe_key="application:42:received",
        )
        await session.commit()

    assert again.id == first.id
    assert await count_emails(app) == 1


@pytest.mark.parametrize(
    "address", ["", "no-at-sign", "a@b", "two@example.org, three@example.org", "a\r\n@x.org"]
)
async def test_a_bad_recipient_fails_in_the_callers_request(app: FastAPI, address: str) -> None:
    async with app.state.sessionmaker() as session:
        with pytest.raises(InvalidRecipient):
            await queue_email(
                session, to=address, template="application_received", context=received_context()
            )


async def test_a_template_error_fails_in_the_callers_request(app: FastAPI) -> None:
    async with app.state.sessionmaker() as session:
        with pytest.raises(MissingContext):
            await queue_email(
                session,
                to="a.khan@example.org",
                template="reference_request",
                context=received_context(),
            )
    assert await count_emails(app) == 0


@pytest.mark.real_commits
async def test_concurrent_transactions_with_one_dedupe_key_queue_one_email(app: FastAPI) -> None:
    async def queue(session: AsyncSession) -> OutboundEmail:
        return await queue_email(
            session,
            to="head@example.org",
            template="application_received",
            context=received_context(),
            dedupe_key="application:7:received",
        )

    async with app.state.sessionmaker() as first, app.state.sessionmaker() as second:
        await begin_write(first)
        winner = await queue(first)

        async def other_request() -> OutboundEmail:
            await begin_write(second)  # SQLite: waits for the writer; PostgreSQL: goes ahead
            email = await queue(second)  # PostgreSQL: waits on the unique index, then yields
            await second.commit()
            return email

        loser = asyncio.create_task(other_request())
        await asyncio.sleep(0.3)
        await first.commit()
        returned = await loser

    assert returned.id == winner.id
    assert await count_emails(app) == 1
