"""Arrangements for the pipeline's tests: programme, cohort and schools inserted as rows (so
these tests do not depend on the cohorts or schools areas), a settable clock, and helpers."""

from __future__ import annotations

import copy
import itertools
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import select

from masteryhub.auth.tokens import issue_access_token
from masteryhub.kit.clock import current_time
from masteryhub.models.api_client import ApiClient
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.hub import Hub
from masteryhub.models.outbound_email import OutboundEmail
from masteryhub.models.programme import Criterion, CriterionKind, Programme, ProgrammeCode
from masteryhub.models.school import School
from tests.factories import Caller, Factory, _shared_password_hash

APPLICATIONS = "/api/v1/applications"
# Primary Cohort 6 closes Monday 15 June 2020 at 5pm in London (BST): 16:00 UTC.
CLOSES_AT = datetime(2020, 6, 15, 16, 0, tzinfo=UTC)
BEFORE_CLOSE = datetime(2020, 6, 1, 9, 0, tzinfo=UTC)
# Criteria used when the database holds no programmes yet.
ESSENTIAL = ("qts", "employed_primary_same_class", "programme_commitment")
DESIRABLE = ("additional_status", "subject_leader", "four_years_experience")
_keys = itertools.count(1)

PAYLOAD: dict[str, Any] = {
    "cohort_code": "primary-6",
    "applicant": {
        "first_name": "Amira",
        "last_name": "Khan",
        "email": "a.khan@example.org",
        "trn": "1234567",
        "phone": "+44 7700 900123",
    },
    "school_urn": "100000",
    "role_title": "Year 4 teacher and maths lead",
    "has_qts": True,
    "years_teaching_maths": 6,
    "days_teaching_maths_per_week": 5,
    "is_maths_subject_leader": True,
    "additional_statuses": ["mathematics_sle"],
    "engaged_with_hub_tfm_work": False,
    "statement": "Why I want to become a Mastery Specialist ...",
    "criteria_evidence": {"collaboration": "I lead our TRG ..."},
    "headteacher": {"name": "J. Patel", "email": "head@example.org", "statement": None},
    "consent_to_data_processing": True,
}


def payload(**changes: Any) -> dict[str, Any]:
    """The api.md example, with top-level or nested (``applicant__email=...``) changes."""
    body = copy.deepcopy(PAYLOAD)
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        target = body
        for parent in parents:
            target = target[parent]
        target[leaf] = value
    return body


def key() -> dict[str, str]:
    return {"Idempotency-Key": f"form-response-{next(_keys)}-{uuid.uuid4().hex[:6]}"}


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(app: FastAPI) -> Iterator[Clock]:
    clock = Clock(BEFORE_CLOSE)
    app.dependency_overrides[current_time] = clock
    yield clock
    app.dependency_overrides.pop(current_time, None)


@dataclass
class World:
    hub_a: Hub
    hub_b: Hub
    cohort: Cohort
    programme: Programme
    essential: list[str]  # the programme's criterion codes
    desirable: list[str]
    school: School  # primary, hub A
    school_b: School  # secondary, hub B
    form: Caller  # hub A's form tool: applications:submit + read
    form_b: Caller  # hub B's


@pytest.fixture
async def world(factory: Factory, clock: Clock) -> World:
    hub_a = await factory.hub(code="north", name="North Star Maths Hub")
    hub_b = await factory.hub(code="south", name="Solent Maths Hub")
    # Programmes and their criteria are reference data the migrations hold; add them only
    # when they are absent (a database built before that migration).
    async with factory.app.state.sessionmaker() as session:
        programme = await session.scalar(
            select(Programme).where(Programme.code == ProgrammeCode.PRIMARY)
        )
        criteria = (
            list(
                await session.scalars(
                    select(Criterion)
                    .where(Criterion.programme_id == programme.id)
                    .order_by(Criterion.position)
                )
            )
            if programme is not None
            else []
        )
    new_rows: list[Any] = []
    if programme is None:
        programme = Programme(code=ProgrammeCode.PRIMARY, name="Primary Mastery Specialists")
        criteria = [
            Criterion(
                programme=programme,
                code=code,
                kind=CriterionKind.ESSENTIAL if i < len(ESSENTIAL) else CriterionKind.DESIRABLE,
                wording=f"Criterion {code}",
                position=i,
            )
            for i, code in enumerate(ESSENTIAL + DESIRABLE)
        ]
        new_rows = [programme, *criteria]
    cohort = Cohort(
        programme_id=programme.id,
        code="primary-6",
        name="Primary Mastery Specialists Cohort 6 (2020/21)",
        development_year="2020/21",
        opens_at=datetime(2020, 5, 1, 8, 0, tzinfo=UTC),
        closes_at=CLOSES_AT,
        reference_prefix="PMS6",
        places_per_hub=4,
        reference_link_days=14,
        reference_reminder_days=7,
    )
    rule = CohortYearRule(cohort=cohort, programme_year=1, release_half_days=30)
    school = School(
        urn="100000",
        name="St Example's Primary School",
        type_name="Voluntary aided school",
        status_code="1",
        status_name="Open",
        phase_code="2",
        phase_name="Primary",
        la_code="202",
        la_name="Camden",
        is_state_funded=True,
        is_in_england=True,
        is_open=True,
        hub_id=hub_a.id,
    )
    school_b = School(
        urn="200000",
        name="Solent Academy",
        type_name="Academy converter",
        status_code="1",
        status_name="Open",
        phase_code="4",
        phase_name="Secondary",
        la_code="852",
        la_name="Southampton",
        is_state_funded=True,
        is_in_england=True,
        is_open=True,
        hub_id=hub_b.id,
    )
    await factory.add(*new_rows, cohort, rule, school, school_b)
    read_submit = ["applications:submit", "applications:read"]
    return World(
        hub_a=hub_a,
        hub_b=hub_b,
        cohort=cohort,
        programme=programme,
        essential=[c.code for c in criteria if c.kind is CriterionKind.ESSENTIAL],
        desirable=[c.code for c in criteria if c.kind is CriterionKind.DESIRABLE],
        school=school,
        school_b=school_b,
        form=await machine(factory, hub_a, read_submit),
        form_b=await machine(factory, hub_b, read_submit),
    )


async def submit(
    client: AsyncClient, caller: Caller, body: dict[str, Any] | None = None, **headers: str
) -> Response:
    return await client.post(
        APPLICATIONS,
        json=body if body is not None else payload(),
        headers={**caller.headers, **key(), **headers},
    )


async def emails_to(app: FastAPI, address: str) -> list[OutboundEmail]:
    async with app.state.sessionmaker() as session:
        return list(
            await session.scalars(
                select(OutboundEmail)
                .where(OutboundEmail.to_address == address)
                .order_by(OutboundEmail.created_at, OutboundEmail.id)
            )
        )


def token_in(email: OutboundEmail) -> str:
    match = re.search(r"/references/([A-Za-z0-9_-]+)", email.text_body)
    assert match, email.text_body
    return match.group(1)


async def machine(factory: Factory, hub: Hub, scopes: list[str]) -> Caller:
    """An API client with a token minted directly (the grant itself is tested in tests/auth;
    argon2 per client would make every test here seconds slower)."""
    client = ApiClient(
        name="Form tool",
        hub_id=hub.id,
        client_id=f"mh_test_{uuid.uuid4().hex[:12]}",
        secret_hash=_shared_password_hash(),
        scopes=scopes,
    )
    await factory.add(client)
    token = issue_access_token(
        factory.settings,
        f"client:{client.id}",
        {"scope": " ".join(sorted(scopes)), "hub": str(hub.id)},
    ).token
    return Caller("client", client.id, hub.id, token, scopes=scopes, client_id=client.client_id)
