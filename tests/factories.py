"""Factories: arrange data through the services (fast, audited) and mint tokens for callers."""

from __future__ import annotations

import itertools
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.auth.passwords import hash_password, sha256_hex
from masteryhub.auth.tokens import issue_access_token
from masteryhub.db import begin_write
from masteryhub.models.api_client import ApiClient
from masteryhub.models.hub import Hub
from masteryhub.models.outbound_email import OutboundEmail
from masteryhub.models.user import Role, User

PASSWORD = "correct horse battery staple"
_password_hash: str | None = None
_sequence = itertools.count(1)


def _shared_password_hash() -> str:
    # argon2 is slow on purpose; hash the shared test password once per run.
    global _password_hash
    if _password_hash is None:
        _password_hash = hash_password(PASSWORD)
    return _password_hash


@dataclass
class Caller:
    """Someone calling the API: `await client.get(url, headers=caller.headers)`."""

    kind: str
    id: uuid.UUID
    hub_id: uuid.UUID | None
    token: str
    role: Role | None = None
    email: str | None = None
    scopes: list[str] = field(default_factory=list)
    client_id: str | None = None
    client_secret: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Factory:
    def __init__(self, app: FastAPI, client: AsyncClient) -> None:
        self.app = app
        self.client = client
        self.settings = app.state.settings

    async def add(self, *entities: Any) -> None:
        async with self.app.state.sessionmaker() as session:
            await begin_write(session)
            session.add_all(entities)
            await session.commit()

    async def hub(self, code: str | None = None, name: str | None = None) -> Hub:
        n = next(_sequence)
        hub = Hub(code=code or f"hub-{n}", name=name or f"Test Maths Hub {n}", region="London")
        await self.add(hub)
        return hub

    async def user(
        self,
        role: Role = Role.HUB_STAFF,
        hub: Hub | None = None,
        email: str | None = None,
        name: str | None = None,
        is_active: bool = True,
    ) -> User:
        n = next(_sequence)
        user = User(
            email=email or f"user{n}@example.org",
            name=name or f"Test User {n}",
            role=role,
            hub_id=hub.id if hub else None,
            password_hash=_shared_password_hash(),
            is_active=is_active,
        )
        await self.add(user)
        return user

    def token_for(self, user: User) -> str:
        return issue_access_token(
            self.settings,
            f"user:{user.id}",
            {"role": user.role.value, "hub": str(user.hub_id) if user.hub_id else None},
        ).token

    async def caller(self, role: Role, hub: Hub | None = None, **kwargs: Any) -> Caller:
        if role is not Role.NATIONAL_ADMIN and hub is None:
            hub = await self.hub()
        user = await self.user(role, hub if role is not Role.NATIONAL_ADMIN else None, **kwargs)
        return Caller(
            "user", user.id, user.hub_id, self.token_for(user), role=role, email=user.email
        )

    async def api_client(self, hub: Hub, scopes: list[str], name: str = "Form tool") -> Caller:
        """An API client, signed in through the real client_credentials grant."""
        secret = f"secret-{uuid.uuid4().hex}"
        client = ApiClient(
            name=name,
            hub_id=hub.id,
            client_id=f"mh_test_{uuid.uuid4().hex[:12]}",
            secret_hash=sha256_hex(secret),
            scopes=scopes,
        )
        await self.add(client)
        response = await self.client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client.client_id,
                "client_secret": secret,
            },
        )
        assert response.status_code == 200, response.text
        return Caller(
            "client",
            client.id,
            hub.id,
            response.json()["access_token"],
            scopes=scopes,
            client_id=client.client_id,
            client_secret=secret,
        )


LINK = re.compile(r"https?://\S+/(invitations|reset-password)/([A-Za-z0-9_-]+)")


async def seed_demo(app: FastAPI) -> bool:
    """`masteryhub seed-demo` in one committed transaction; True when it added anything."""
    from masteryhub.demo import seed

    async with app.state.sessionmaker() as session:
        await begin_write(session)
        created = await seed(session)
        await session.commit()
    return created


async def signed_in(client: AsyncClient, email: str, password: str) -> dict[str, str]:
    """Bearer headers for a person, signed in with the password grant as the SPA does."""
    response = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def emailed_link(app: FastAPI, to: str, kind: str = "invitations") -> str:
    """The token of the newest invitation (or reset-password) link queued for TO, read from
    the outbox row's text as the person would read it."""
    async with app.state.sessionmaker() as session:
        rows = (
            await session.scalars(
                select(OutboundEmail)
                .where(OutboundEmail.to_address == to)
                .order_by(OutboundEmail.created_at.desc(), OutboundEmail.id.desc())
            )
        ).all()
    for row in rows:
        found = LINK.search(row.text_body)
        if found and found.group(1) == kind:
            return found.group(2)
    raise AssertionError(f"no {kind} link emailed to {to}")


async def accept_invitation(client: AsyncClient, app: FastAPI, email: str, password: str) -> None:
    token = await emailed_link(app, email)
    response = await client.post(f"/api/v1/invitations/{token}", json={"password": password})
    assert response.status_code == 204, response.text
