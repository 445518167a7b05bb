"""`masteryhub import-schools FILE`: the same import, from the operator's shell."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpx import AsyncClient
from typer.testing import CliRunner

from masteryhub import cli
from masteryhub.config import Settings, get_settings
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.schools.conftest import IMPORTS, school_by_urn
from tests.schools.gias_files import gias_row, synthetic_rows, write_gias_file

# The command opens its own engine on the test database: real commits.
pytestmark = pytest.mark.real_commits


@pytest.fixture
def cli_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MASTERYHUB_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MASTERYHUB_ENV", "test")
    monkeypatch.setenv("MASTERYHUB_SECRET_KEY", "cli-test")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_settings")
async def test_import_schools_command(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    rows = [*synthetic_rows(5), gias_row("ABC", "Bad URN")]
    path = write_gias_file(tmp_path / "edubasealldata20201001.csv", rows)

    result = await asyncio.to_thread(
        CliRunner().invoke, cli.app, ["import-schools", str(path), "--batch-size", "2"]
    )

    assert result.exit_code == 0, result.output
    assert "completed: 6 rows, 5 created, 0 updated, 0 unchanged, 1 skipped (cp1252)" in (
        result.stdout
    )
    assert "row 7: The URN is not 6 digits." in result.stdout
    assert path.exists()  # the operator's file is left alone
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    assert (await school_by_urn(client, admin, "100003"))["name"].endswith(" 3")
    [job] = (await client.get(IMPORTS, headers=admin.headers)).json()["items"]
    assert job["requested_by"].startswith("command line (")

    again = await asyncio.to_thread(CliRunner().invoke, cli.app, ["import-schools", str(path)])
    assert "0 created, 0 updated, 5 unchanged" in again.stdout


@pytest.mark.usefixtures("cli_settings")
async def test_import_schools_command_fails_on_a_file_that_is_not_gias(
    client: AsyncClient, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Email\r\n")

    result = await asyncio.to_thread(CliRunner().invoke, cli.app, ["import-schools", str(path)])

    assert result.exit_code == 1
    assert "not a GIAS all-establishments file" in result.output
