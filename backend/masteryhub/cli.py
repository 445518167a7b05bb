"""`masteryhub` — the operator's command line."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.config import base_url_for, get_settings

app = typer.Typer(
    help="MasteryHub: Maths Hubs' Mastery Specialist programmes.", no_args_is_help=True
)
T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]


def _in_session(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    from masteryhub.db import begin_write, create_engine, create_sessionmaker

    async def run() -> T:
        engine = create_engine(get_settings())
        try:
            async with create_sessionmaker(engine)() as session:
                await begin_write(session)
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(run())


def run_migrations(revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    command.upgrade(config, revision)


@app.command()
def migrate(revision: str = "head") -> None:
    """Upgrade the database to the latest schema (or REVISION)."""
    get_settings()  # fail early on bad settings
    run_migrations(revision)
    typer.echo(f"Database at {revision}.")


def _links_follow(host: str, port: int) -> None:
    """Emailed links and the calendar feed's URL follow HOST and PORT unless
    MASTERYHUB_BASE_URL is set (the app, and each worker process, reads the environment)."""
    if "base_url" not in get_settings().model_fields_set:
        os.environ["MASTERYHUB_BASE_URL"] = base_url_for(host, port)
        get_settings.cache_clear()


HostOption = Annotated[str, typer.Option(help="Interface to bind.")]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


@app.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL only).")] = 1,
) -> None:
    """Serve the API (and the built SPA, if present) with uvicorn.

    Emailed links and the calendar feed's URL use MASTERYHUB_BASE_URL; when it is not set,
    they follow HOST and PORT.
    """
    import uvicorn

    _links_follow(host, port)
    uvicorn.run(
        "masteryhub.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # X-Forwarded-For is read by the app itself, from MASTERYHUB_TRUSTED_PROXIES only.
        proxy_headers=False,
        log_level="warning",
    )


@app.command()
def worker() -> None:
    """Deliver queued email, and queue reference reminders (quarter-hourly) and headteachers'
    termly release confirmations (hourly), until SIGTERM or SIGINT (then finish the message in
    hand)."""
    import signal

    from masteryhub.db import create_engine, create_sessionmaker
    from masteryhub.logging import configure_logging
    from masteryhub.mail.dispatcher import Dispatcher

    settings = get_settings()
    configure_logging(settings.env)

    async def run() -> None:
        from masteryhub.applications.references.service import reminder_loop
        from masteryhub.release_confirmations.service import confirmation_loop

        engine = create_engine(settings)
        sessionmaker = create_sessionmaker(engine)
        dispatcher = Dispatcher(sessionmaker, settings)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, dispatcher.request_stop)
        # Headteachers' reference reminders are queued beside the delivery loop.
        reminders = asyncio.create_task(reminder_loop(sessionmaker, base_url=settings.base_url))
        # And, once a term, each funded school's head is asked to confirm its release days.
        confirmations = asyncio.create_task(
            confirmation_loop(sessionmaker, base_url=settings.base_url)
        )
        try:
            await dispatcher.run()
        finally:
            for task in (reminders, confirmations):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await engine.dispose()

    asyncio.run(run())


@app.command("create-hub")
def create_hub(
    code: Annotated[str, typer.Option(help="Short lowercase code, e.g. north.")],
    name: Annotated[str, typer.Option(help="The hub's name.")],
    region: Annotated[str | None, typer.Option(help="Region.")] = None,
) -> None:
    """Create a hub."""
    from masteryhub.hubs.schemas import HubCreate
    from masteryhub.hubs.service import create_hub as create

    hub = _in_session(lambda s: create(s, None, HubCreate(code=code, name=name, region=region)))
    typer.echo(f"Created hub {hub.code} ({hub.id}).")


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option()],
    role: Annotated[str, typer.Option(help="national_admin, hub_lead, hub_staff or specialist")],
    password: Annotated[
        str | None,
        typer.Option(
            help="Set the password here (bootstrapping the first admin, scripts, tests); "
            "without it the person is emailed an invitation to choose their own."
        ),
    ] = None,
    hub: Annotated[
        str | None, typer.Option(help="Hub code (every role but national_admin).")
    ] = None,
    name: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Create a user: emailed an invitation, or with --password set directly."""
    from masteryhub.hubs.repository import HubRepository
    from masteryhub.models.user import Role
    from masteryhub.users.schemas import UserCreate
    from masteryhub.users.service import create_user as create

    async def work(session: AsyncSession) -> str:
        hub_id = None
        if hub:
            found = await HubRepository(session).by_code(hub)
            if found is None:
                raise typer.BadParameter(f"no hub with code {hub!r}", param_hint="--hub")
            hub_id = found.id
        data = UserCreate.model_validate(
            {
                "email": email,
                "name": name or email.split("@")[0],
                "role": Role(role),
                "hub_id": hub_id,
            }
        )
        if password is not None:
            from masteryhub.auth.policy import problems

            weak = problems(password, [email])
            if weak:
                raise typer.BadParameter(weak[0], param_hint="--password")
        user = await create(session, get_settings(), None, data, password=password)
        how = "with the password given" if password is not None else "and invited by email"
        return f"Created {user.role.value} {user.email} ({user.id}) {how}."

    typer.echo(_in_session(work))


@app.command("create-api-client")
def create_api_client(
    hub: Annotated[str, typer.Option(help="Hub code.")],
    name: Annotated[str, typer.Option(help="What the client is, e.g. 'Google Form intake'.")],
    scopes: Annotated[list[str], typer.Option(help="Repeat for each scope.")],
) -> None:
    """Create an API client and print its secret (shown once)."""
    from masteryhub.api_clients.schemas import ApiClientCreate
    from masteryhub.api_clients.service import create_api_client as create
    from masteryhub.hubs.repository import HubRepository

    async def work(session: AsyncSession) -> str:
        found = await HubRepository(session).by_code(hub)
        if found is None:
            raise typer.BadParameter(f"no hub with code {hub!r}", param_hint="--hub")
        data = ApiClientCreate.model_validate({"name": name, "scopes": scopes, "hub_id": found.id})
        client, secret = await create(session, None, data)
        return (
            f"client_id:     {client.client_id}\n"
            f"client_secret: {secret}\n(the secret is not shown again)"
        )

    typer.echo(_in_session(work))


@app.command("send-reminders")
def send_reminders() -> None:
    """Email headteachers whose reference is overdue (cohort's reference_reminder_days).

    ``masteryhub worker`` already does this every quarter hour; this is one pass by hand.
    """
    from masteryhub.applications.references.service import send_due_reference_reminders
    from masteryhub.models.base import utcnow

    settings = get_settings()
    sent = _in_session(
        lambda s: send_due_reference_reminders(s, utcnow(), base_url=settings.base_url)
    )
    typer.echo(f"Queued {sent} reference reminder(s).")


@app.command("send-release-confirmations")
def send_release_confirmations(
    include_current_term: Annotated[
        bool,
        typer.Option(
            help="Also ask about the term in progress, before its asking day (e.g. a school "
            "leaving the programme mid-term)."
        ),
    ] = False,
) -> None:
    """Ask heads to confirm their schools' release days for every term whose asking day has
    come, and chase unanswered requests.

    ``masteryhub worker`` already does this every hour; this is one pass by hand.
    """
    from masteryhub.models.base import utcnow
    from masteryhub.release_confirmations.service import send_due_confirmations

    settings = get_settings()
    sent = _in_session(
        lambda s: send_due_confirmations(
            s, utcnow(), base_url=settings.base_url, include_current_term=include_current_term
        )
    )
    typer.echo(f"Queued {sent} release confirmation email(s).")


@app.command("import-schools")
def import_schools(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, readable=True, help="edubasealldataYYYYMMDD.csv"
        ),
    ],
    batch_size: Annotated[
        int, typer.Option(min=1, max=5000, help="Schools per transaction.")
    ] = 1000,
) -> None:
    """Import (or update) schools from a GIAS all-establishments CSV, streaming it."""
    import getpass
    import socket

    from masteryhub.db import begin_write, create_engine, create_sessionmaker
    from masteryhub.models.school_import import ImportSource, ImportStatus, SchoolImport
    from masteryhub.schools import importer
    from masteryhub.schools.service import create_import

    def report(job: SchoolImport) -> None:
        typer.echo(f"  {job.processed:>7,} / {job.total or 0:,} rows", err=True)

    async def run() -> SchoolImport:
        engine = create_engine(get_settings())
        try:
            sessionmaker = create_sessionmaker(engine)
            async with sessionmaker() as session:
                await begin_write(session)
                job = await create_import(
                    session,
                    None,
                    filename=file.name,
                    stored_path=file.resolve(),
                    size_bytes=file.stat().st_size,
                    source=ImportSource.CLI,
                    requested_by_label=f"command line ({getpass.getuser()}@{socket.gethostname()})",
                )
                await session.commit()
            return await importer.run(sessionmaker, job.id, batch_size, on_progress=report)
        finally:
            await engine.dispose()

    job = asyncio.run(run())
    took = (
        f" in {(job.finished_at - job.started_at).total_seconds():.1f} s"
        if job.finished_at and job.started_at
        else ""
    )
    typer.echo(
        f"Import {job.id} {job.status.value}: {job.total or 0:,} rows, {job.created:,} created, "
        f"{job.updated:,} updated, {job.unchanged:,} unchanged, {job.skipped_count:,} skipped "
        f"({job.encoding or 'encoding unknown'}){took}."
    )
    for skipped in job.skipped[:20]:
        typer.echo(f"  row {skipped['row']}: {skipped['reason']}")
    if job.skipped_count > 20:
        typer.echo(f"  … and {job.skipped_count - 20:,} more skipped rows.")
    if job.status is not ImportStatus.COMPLETED:
        typer.echo(job.error or "The import failed.", err=True)
        raise typer.Exit(1)


@app.command("seed-demo")
def seed_demo(host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Load demo hubs, users and programme data (safe to run again) and print the logins.

    The links in the demo's emails point at the server `serve --host HOST --port PORT` will
    run (or MASTERYHUB_BASE_URL, when set)."""
    _links_follow(host, port)
    from masteryhub.db import create_engine, create_sessionmaker
    from masteryhub.demo import DEMO_LOGINS, seed
    from masteryhub.demo_intake import seed_all

    async def intake() -> bool:
        # The schools file goes through the importer, which commits batch by batch: its own
        # sessions, after the hubs and cohorts above are committed.
        engine = create_engine(get_settings())
        try:
            return await seed_all(create_sessionmaker(engine))
        finally:
            await engine.dispose()

    created = _in_session(seed)
    created = asyncio.run(intake()) or created
    typer.echo("Demo data loaded." if created else "Demo data already present.")
    typer.echo("Demo logins:")
    for email, password, role in DEMO_LOGINS:
        typer.echo(f"  {role:<15} {email:<32} {password}")
