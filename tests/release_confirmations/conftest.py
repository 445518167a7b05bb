"""Headteachers' termly confirmations: a real SMTP server (aiosmtpd) that the outbox is
delivered to, links read from the delivered messages, and a world of one hub with release days
in the autumn term of 2020 for two schools."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.config import Settings
from masteryhub.kit.clock import current_time
from masteryhub.mail import Dispatcher
from masteryhub.models.hub import Hub
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.mail.conftest import SmtpServer, free_port
from tests.specialists.delivery_data import DeliveryData

# The autumn term 2020's heads are asked from 10 December (domain/terms.py).
ASKING_DAY = datetime(2020, 12, 11, 9, tzinfo=UTC)
LINK = re.compile(r"https?://\S+/confirm-release/([A-Za-z0-9_-]+)")
LINKS = "/api/v1/release-confirmation-links"
CONFIRMATIONS = "/api/v1/release-confirmations"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(app: FastAPI) -> Iterator[Clock]:
    clock = Clock(ASKING_DAY)
    app.dependency_overrides[current_time] = clock
    yield clock
    app.dependency_overrides.pop(current_time, None)


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

    async def messages_to(self, address: str) -> list[EmailMessage]:
        while (await self.dispatcher.dispatch_once()).claimed:
            pass
        return [m for m in self.smtp.messages if address in str(m["To"])]

    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())  # type: ignore[attr-defined]

    async def link(self, address: str) -> str:
        """The token of the newest confirmation link delivered to ADDRESS."""
        for message in reversed(await self.messages_to(address)):
            found = LINK.search(self.text(message))
            if found:
                return found.group(1)
        raise AssertionError(f"no confirmation link delivered to {address}")


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


@dataclass
class World:
    hub: Hub
    lead: Caller
    staff: Caller
    ashfield: School  # two autumn release days, a head on record
    brook: School  # one autumn release day, no head on record
    specialist: Specialist
    entries: dict[str, ReleaseDayEntry]


def entry(
    world_hub: Hub,
    specialist: Specialist,
    school: School,
    worked_on: date,
    *,
    half_days: int = 2,
    kind: EntryKind = EntryKind.RELEASE_DAYS,
    status: EntryStatus = EntryStatus.APPROVED,
    activity: str | None = "school_trg",
) -> ReleaseDayEntry:
    return ReleaseDayEntry(
        hub_id=world_hub.id,
        specialist_id=specialist.id,
        academic_year="2020/21" if worked_on >= date(2020, 9, 1) else "2019/20",
        worked_on=worked_on,
        kind=kind,
        activity=activity,
        half_days=half_days if kind is EntryKind.RELEASE_DAYS else 0,
        day_rate_pence=20000 if kind is EntryKind.RELEASE_DAYS else None,
        amount_pence=half_days * 10000 if kind is EntryKind.RELEASE_DAYS else 200000,
        grant_code=None if kind is EntryKind.RELEASE_DAYS else "department",
        school_id=school.id,
        status=status,
        recorded_by_label="Hub staff",
        approved_at=datetime(2020, 11, 1, tzinfo=UTC) if status is EntryStatus.APPROVED else None,
    )


async def build_world(factory: Factory, delivery: DeliveryData) -> World:
    hub = await factory.hub(name="North Maths Hub")
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    ashfield = await delivery.school(name="Ashfield Primary", hub=hub)
    brook = await delivery.school(name="Brook Primary", hub=hub)
    specialist = await delivery.specialist(
        hub, await delivery.cohort("2020/21"), ashfield, first_name="Amira", last_name="Khan"
    )
    entries = {
        "trg": entry(hub, specialist, ashfield, date(2020, 10, 5), half_days=1),
        "visit": entry(
            hub, specialist, ashfield, date(2020, 11, 12), activity="school_support_visit"
        ),
        "brook": entry(hub, specialist, brook, date(2020, 10, 20)),
        # Never asked: a grant, a proposal, and a day in a term not yet asked about.
        "grant": entry(hub, specialist, ashfield, date(2020, 10, 6), kind=EntryKind.GRANT),
        "proposed": entry(
            hub, specialist, ashfield, date(2020, 10, 7), status=EntryStatus.PROPOSED
        ),
        "spring": entry(hub, specialist, ashfield, date(2021, 1, 20)),
    }
    await factory.add(*entries.values())
    return World(hub, lead, staff, ashfield, brook, specialist, entries)


@pytest.fixture
def delivery(factory: Factory) -> DeliveryData:
    return DeliveryData(factory)


async def set_head(client: AsyncClient, world: World, school_id: object, email: str) -> None:
    """The hub's staff record the school's headteacher (the address the pass writes to)."""
    put = await client.put(
        f"/api/v1/schools/{school_id}/head-contact",
        json={"headteacher_name": "Dr Jo Head", "headteacher_email": email},
        headers=world.staff.headers,
    )
    assert put.status_code == 200, put.text
