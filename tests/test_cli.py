"""The operator's command line, against a fresh SQLite database it migrates itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from masteryhub.cli import app
from masteryhub.config import get_settings


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("MASTERYHUB_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/cli.sqlite3")
    monkeypatch.setenv("MASTERYHUB_SECRET_KEY", "cli-test-key")
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_migrate_then_create_hub_user_and_client(cli_env: CliRunner) -> None:
    assert cli_env.invoke(app, ["migrate"]).exit_code == 0

    hub = cli_env.invoke(app, ["create-hub", "--code", "east", "--name", "East Maths Hub"])
    assert hub.exit_code == 0, hub.output
    assert "Created hub east" in hub.output

    user = cli_env.invoke(
        app,
        [
            "create-user",
            "--email",
            "Lead@East.example",
            "--password",
            "a long enough password",
            "--role",
            "hub_lead",
            "--hub",
            "east",
        ],
    )
    assert user.exit_code == 0, user.output
    assert "hub_lead lead@east.example" in user.output

    unknown_hub = cli_env.invoke(
        app,
        [
            "create-user",
            "--email",
            "x@east.example",
            "--password",
            "a long enough password",
            "--role",
            "hub_staff",
            "--hub",
            "nowhere",
        ],
    )
    assert unknown_hub.exit_code != 0

    client = cli_env.invoke(
        app,
        [
            "create-api-client",
            "--hub",
            "east",
            "--name",
            "Intake form",
            "--scopes",
            "applications:submit",
            "--scopes",
            "applications:read",
        ],
    )
    assert client.exit_code == 0, client.output
    assert "client_secret:" in client.output and "not shown again" in client.output


def test_seed_demo_is_idempotent_prints_logins_and_links_to_the_port_served(
    cli_env: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import create_async_engine

    from masteryhub.models.outbound_email import OutboundEmail

    assert cli_env.invoke(app, ["migrate"]).exit_code == 0
    # As `PORT=8123 make run` runs it: the demo's emails link to the server about to start.
    monkeypatch.setenv("MASTERYHUB_BASE_URL", "unset")
    monkeypatch.delenv("MASTERYHUB_BASE_URL")
    get_settings.cache_clear()

    first = cli_env.invoke(app, ["seed-demo", "--port", "8123"])
    second = cli_env.invoke(app, ["seed-demo", "--port", "8123"])

    assert first.exit_code == 0, first.output
    assert "Demo data loaded." in first.output
    assert "Demo data already present." in second.output
    assert "lead@north.masteryhub.test" in second.output
    assert "hub-lead-demo" in second.output

    async def bodies() -> list[str]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/cli.sqlite3")
        async with engine.connect() as connection:
            rows = await connection.scalars(select(OutboundEmail.text_body))
            found = list(rows)
        await engine.dispose()
        return found

    emailed = [body for body in asyncio.run(bodies()) if "http://" in body]
    assert emailed, "the demo emails headteachers their links"
    assert all("http://127.0.0.1:8123/" in body for body in emailed)
    assert not any(":8000/" in body for body in emailed)


@pytest.mark.parametrize(
    ("host", "port", "base_url"),
    [
        ("127.0.0.1", 8123, "http://127.0.0.1:8123"),
        ("0.0.0.0", 8000, "http://127.0.0.1:8000"),
        ("localhost", 9000, "http://localhost:9000"),
        ("::1", 8123, "http://[::1]:8123"),
    ],
)
def test_serve_links_to_the_port_it_binds_unless_a_base_url_is_set(
    cli_env: CliRunner, monkeypatch: pytest.MonkeyPatch, host: str, port: int, base_url: str
) -> None:
    served: list[tuple[str, int, str]] = []

    def fake_run(target: str, **options: Any) -> None:
        # What the app the server builds (create_app → get_settings) will use.
        served.append((options["host"], options["port"], get_settings().base_url))

    monkeypatch.setattr(uvicorn, "run", fake_run)
    # Registered, then removed: pytest restores the environment after the test.
    monkeypatch.setenv("MASTERYHUB_BASE_URL", "unset")
    monkeypatch.delenv("MASTERYHUB_BASE_URL")
    get_settings.cache_clear()

    result = cli_env.invoke(app, ["serve", "--host", host, "--port", str(port)])

    assert result.exit_code == 0, result.output
    assert served == [(host, port, base_url)]

    monkeypatch.setenv("MASTERYHUB_BASE_URL", "https://hub.example.org")
    get_settings.cache_clear()
    assert cli_env.invoke(app, ["serve", "--port", str(port)]).exit_code == 0
    assert served[-1] == ("127.0.0.1", port, "https://hub.example.org")


def test_create_user_without_a_password_invites_and_a_weak_one_is_refused(
    cli_env: CliRunner, tmp_path: Path
) -> None:
    import asyncio

    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import create_async_engine

    from masteryhub.models.outbound_email import OutboundEmail
    from masteryhub.models.user import User

    assert cli_env.invoke(app, ["migrate"]).exit_code == 0
    weak = cli_env.invoke(
        app,
        [
            "create-user",
            "--email",
            "a@national.example",
            "--role",
            "national_admin",
            "--password",
            "password1234",
        ],
    )
    invited = cli_env.invoke(
        app, ["create-user", "--email", "b@national.example", "--role", "national_admin"]
    )

    assert weak.exit_code != 0 and "too common" in weak.output
    assert invited.exit_code == 0, invited.output
    assert "invited by email" in invited.output

    async def stored() -> tuple[list[User], list[OutboundEmail]]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/cli.sqlite3")
        async with engine.connect() as connection:
            users = (await connection.execute(select(User.email, User.password_hash))).all()
            emails = (
                await connection.execute(select(OutboundEmail.to_address, OutboundEmail.text_body))
            ).all()
        await engine.dispose()
        return users, emails  # type: ignore[return-value]

    users, emails = asyncio.run(stored())
    assert [(u[0], u[1]) for u in users] == [("b@national.example", None)]
    ((to, body),) = emails
    assert to == "b@national.example" and "/invitations/" in body


def test_send_release_confirmations_runs_one_pass(cli_env: CliRunner) -> None:
    assert cli_env.invoke(app, ["migrate"]).exit_code == 0

    # Nothing recorded: nobody to ask, this term or any other.
    early = cli_env.invoke(app, ["send-release-confirmations", "--include-current-term"])
    due = cli_env.invoke(app, ["send-release-confirmations"])

    assert early.exit_code == 0, early.output
    assert "Queued 0 release confirmation email(s)." in early.output
    assert due.exit_code == 0 and "Queued 0" in due.output
