"""Where the dispatcher runs: `masteryhub worker`, or inside the API process in development."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from masteryhub.config import Settings
from masteryhub.main import create_app
from tests.mail.conftest import SmtpServer, queue_committed

# The dispatcher in another app's lifespan and in a worker process: real commits.
pytestmark = pytest.mark.real_commits

WORKER = Path(sys.executable).parent / "masteryhub"


def test_the_in_process_dispatcher_is_on_only_in_development() -> None:
    secret = "k1:x" * 8
    assert Settings(env="development", secret_key=secret).run_dispatcher_in_process is True  # type: ignore[arg-type]
    assert Settings(env="test", secret_key=secret).run_dispatcher_in_process is False  # type: ignore[arg-type]
    assert Settings(env="production", secret_key=secret).run_dispatcher_in_process is False  # type: ignore[arg-type]
    explicit = Settings(env="production", secret_key=secret, run_dispatcher_in_process=True)  # type: ignore[arg-type]
    assert explicit.run_dispatcher_in_process is True


async def wait_for_messages(smtp: SmtpServer, count: int, seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.05)):
        if len(smtp.messages) >= count:
            return
        await asyncio.sleep(0.05)


async def test_the_api_process_delivers_when_enabled(
    app: FastAPI, smtp: SmtpServer, mail_settings: Settings
) -> None:
    smtp.start()
    settings = mail_settings.model_copy(
        update={"run_dispatcher_in_process": True, "mail_poll_seconds": 0.05}
    )
    api = create_app(settings)

    async with api.router.lifespan_context(api):
        await queue_committed(app)
        await wait_for_messages(smtp, 1)

    assert len(smtp.messages) == 1


async def test_the_worker_command_delivers_and_stops_on_sigterm(
    app: FastAPI, smtp: SmtpServer, mail_settings: Settings, tmp_path: Path
) -> None:
    smtp.start()
    environment = {
        **os.environ,
        "MASTERYHUB_ENV": "test",
        "MASTERYHUB_DATABASE_URL": mail_settings.database_url,
        "MASTERYHUB_SECRET_KEY": "worker-test-key",
        "MASTERYHUB_SMTP_HOST": "127.0.0.1",
        "MASTERYHUB_SMTP_PORT": str(smtp.port),
        "MASTERYHUB_SMTP_STARTTLS": "false",
        "MASTERYHUB_MAIL_POLL_SECONDS": "0.1",
    }
    worker = await asyncio.create_subprocess_exec(
        str(WORKER),
        "worker",
        cwd=tmp_path,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await queue_committed(app)
        await wait_for_messages(smtp, 1, seconds=60)  # a cold start imports the whole app
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(worker.communicate(), timeout=30)

    assert len(smtp.messages) == 1, output.decode()
    assert worker.returncode == 0, output.decode()


def test_a_lease_must_outlast_a_send() -> None:
    with pytest.raises(ValidationError, match="LEASE"):
        Settings(env="test", secret_key="k", mail_lease_seconds=20, smtp_timeout_seconds=30)  # type: ignore[arg-type]
