"""Schools: the GIAS import jobs, each school's hub (override or LA), and hubs' areas."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, Final

from sqlalchemy import (
    Select,
    and_,
    case,
    delete,
    func,
    literal,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.db import dialect_name
from masteryhub.errors import Conflict, FieldError, Forbidden, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.kit.repository import Repository
from masteryhub.models.base import utcnow, uuid7
from masteryhub.models.hub import Hub
from masteryhub.models.school import HubArea, School
from masteryhub.models.school_import import ImportSource, ImportStatus, SchoolImport
from masteryhub.schools.schemas import LocalAuthority, SchoolUpdate

COPY_CHUNK_BYTES: Final = 1024 * 1024
# Progress is committed every batch (well under a second), so a job silent for this long died
# with its process (a restart or a crash) and no longer blocks a new import.
ABANDONED_AFTER: Final = timedelta(minutes=10)
IMPORT_LOCK_KEY: Final = 0x5C400_1  # PostgreSQL advisory lock: one import queued at a time


class ImportInProgress(Conflict):
    code = "import_in_progress"
    title = "A schools import is already running"


class LaInAnotherHubArea(Conflict):
    code = "la_in_another_hub_area"
    title = "An LA is already in another hub's area"


@dataclass(frozen=True)
class SchoolFilters:
    q: str | None = None
    urn: str | None = None
    phase: str | None = None
    la_code: str | None = None
    region: str | None = None
    hub_id: uuid.UUID | None = None
    status: str | None = None
    state_funded: bool | None = None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SchoolRepository(Repository[School]):
    model = School
    not_found_detail = "No such school."

    def search(self, filters: SchoolFilters) -> Select[School]:
        statement = self.select()
        if filters.q:
            # lower(name): the expression of ix_schools_name_lower.
            pattern = f"%{_like_escape(filters.q.strip().lower())}%"
            statement = statement.where(func.lower(School.name).like(pattern, escape="\\"))
        if filters.urn:
            statement = statement.where(School.urn == filters.urn)
        if filters.phase:
            statement = statement.where(School.phase_code == filters.phase)
        if filters.la_code:
            statement = statement.where(School.la_code == filters.la_code)
        if filters.region:
            statement = statement.where(
                or_(School.region_name == filters.region, School.region_code == filters.region)
            )
        if filters.hub_id:
            statement = statement.where(School.hub_id == filters.hub_id)
        if filters.status:
            statement = statement.where(School.status_code == filters.status)
        if filters.state_funded is not None:
            statement = statement.where(School.is_state_funded == filters.state_funded)
        return statement

    async def by_urn(self, urn: str) -> School | None:
        return await self.session.scalar(self.select().where(School.urn == urn))


class SchoolImportRepository(Repository[SchoolImport]):
    model = SchoolImport
    not_found_detail = "No such import."

    async def unfinished(self) -> list[SchoolImport]:
        statement = self.select().where(
            SchoolImport.status.in_([ImportStatus.QUEUED, ImportStatus.RUNNING])
        )
        return list(await self.session.scalars(statement.with_for_update()))


async def area_hub_for(session: AsyncSession, la_code: str | None) -> uuid.UUID | None:
    if la_code is None:
        return None
    return await session.scalar(select(HubArea.hub_id).where(HubArea.la_code == la_code))


async def la_codes_of(session: AsyncSession, hub: Hub) -> list[str]:
    statement = select(HubArea.la_code).where(HubArea.hub_id == hub.id).order_by(HubArea.la_code)
    return list(await session.scalars(statement))


async def local_authorities(session: AsyncSession, la_codes: list[str]) -> list[LocalAuthority]:
    """The LAs with their GIAS names, in one query: there is no LA register, so a name comes
    from the imported schools of that LA (all of them carry the same one)."""
    statement = (
        select(School.la_code, func.max(School.la_name))
        .where(School.la_code.in_(la_codes))
        .group_by(School.la_code)
    )
    rows = (await session.execute(statement)).all() if la_codes else []
    names = dict(rows)
    return [LocalAuthority(code=code, name=names.get(code)) for code in sorted(la_codes)]


async def update_school(
    session: AsyncSession, actor: Principal, school: School, data: SchoolUpdate
) -> School:
    sent = data.model_fields_set
    if "hub_overridden" in sent and ("hub_id" in sent or data.hub_overridden is not False):
        raise ValidationFailed(
            errors=[
                FieldError(
                    field="hub_overridden",
                    message="Only `false` is accepted, alone: send `hub_id` to override.",
                )
            ]
        )
    before = audit.snapshot(school)
    if "hub_id" in sent:
        if data.hub_id is not None and await HubRepository(session).find(data.hub_id) is None:
            raise ValidationFailed(errors=[FieldError(field="hub_id", message="No such hub.")])
        school.hub_id = data.hub_id
        school.hub_overridden = True
        action = "school.hub_overridden"
    elif "hub_overridden" in sent:
        school.hub_id = await area_hub_for(session, school.la_code)
        school.hub_overridden = False
        action = "school.hub_override_cleared"
    else:
        return school
    await audit.record(session, actor, action, school, before=before)
    return school


async def replace_hub_areas(
    session: AsyncSession, actor: Principal, hub: Hub, la_codes: list[str]
) -> tuple[list[str], int]:
    """Set the hub's area to exactly ``la_codes``; reroute the schools that follow their LA.

    Returns the new codes and how many schools changed hub.
    """
    if not actor.is_national and actor.hub_id != hub.id:
        raise Forbidden("Hub leads set their own hub's area only.")
    wanted = set(la_codes)
    taken = (
        await session.execute(
            select(HubArea.la_code, Hub.code, Hub.name, Hub.id)
            .join(Hub, Hub.id == HubArea.hub_id)
            .where(HubArea.la_code.in_(wanted), HubArea.hub_id != hub.id)
            .order_by(HubArea.la_code)
        )
    ).all()
    if taken:
        raise _area_taken([(la, code, name, hub_id) for la, code, name, hub_id in taken])
    current = set(await la_codes_of(session, hub))
    added, removed = wanted - current, current - wanted
    if not added and not removed:
        return sorted(wanted), 0
    if removed:
        await session.execute(
            delete(HubArea).where(HubArea.hub_id == hub.id, HubArea.la_code.in_(removed))
        )
    session.add_all(HubArea(hub_id=hub.id, la_code=code) for code in sorted(added))
    try:
        await session.flush()
    except IntegrityError:
        # Another hub claimed one of these LAs at the same moment (PostgreSQL); say which.
        raise LaInAnotherHubArea(
            "One of these LAs was just put in another hub's area. Reload and try again."
        ) from None
    # One statement for every school that follows its LA: into this hub for the added LAs,
    # out of any hub for the removed ones.
    result = await session.execute(
        update(School)
        .where(
            School.hub_overridden.is_(False),
            or_(
                and_(
                    School.la_code.in_(added),
                    or_(School.hub_id.is_(None), School.hub_id != hub.id),
                ),
                and_(School.la_code.in_(removed), School.hub_id == hub.id),
            ),
        )
        .values(
            hub_id=case(
                (School.la_code.in_(added), literal(hub.id, School.hub_id.type)), else_=null()
            ),
            version=School.version + 1,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    rerouted = int(getattr(result, "rowcount", 0) or 0)
    await audit.record(
        session,
        actor,
        "hub.areas_replaced",
        hub,
        before={"la_codes": sorted(current)},
        after={"la_codes": sorted(wanted), "schools_rerouted": rerouted},
        hub_id=hub.id,
    )
    return sorted(wanted), rerouted


def _area_taken(taken: list[tuple[str, str, str, uuid.UUID]]) -> LaInAnotherHubArea:
    named = "; ".join(f"LA {la} is in {name} ({code})" for la, code, name, _ in taken)
    return LaInAnotherHubArea(
        f"{named}. Remove it from that hub's area first.",
        extra={
            "conflicts": [
                {"la_code": la, "hub_id": str(hub_id), "hub_code": code, "hub_name": name}
                for la, code, name, hub_id in taken
            ]
        },
    )


async def create_import(
    session: AsyncSession,
    actor: Principal | None,
    *,
    filename: str,
    stored_path: Path,
    size_bytes: int,
    source: ImportSource,
    job_id: uuid.UUID | None = None,
    requested_by_label: str | None = None,
) -> SchoolImport:
    """A queued import job. One at a time: two imports of the same URNs would collide."""
    if dialect_name(session) == "postgresql":
        # SQLite writers are serialised already; PostgreSQL needs a lock to see "none running"
        # and insert the job as one step.
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})
    for running in await SchoolImportRepository(session).unfinished():
        if running.updated_at > utcnow() - ABANDONED_AFTER:
            raise ImportInProgress(
                f"Import {running.id} ({running.filename}) is {running.status.value}; "
                "wait for it to finish.",
                extra={"import_id": str(running.id)},
            )
        running.status = ImportStatus.FAILED
        running.error = "Abandoned: its process stopped before it finished. Import again."
        running.finished_at = utcnow()
    job = SchoolImport(
        id=job_id or uuid7(),
        source=source,
        filename=Path(filename).name[:255] or "upload.csv",
        stored_path=str(stored_path),
        size_bytes=size_bytes,
        requested_by_id=actor.id if actor else None,
        requested_by_label=actor.label if actor else (requested_by_label or "system"),
        skipped=[],
    )
    session.add(job)
    await audit.record(
        session,
        actor,
        "school_import.queued",
        job,
        after={"filename": job.filename, "size_bytes": size_bytes, "source": source.value},
        actor_label=job.requested_by_label,
    )
    return job


async def receive_upload(
    session: AsyncSession, actor: Principal, import_dir: Path, filename: str, upload: BinaryIO
) -> SchoolImport:
    """Store the uploaded file under ``import_dir`` (in chunks) and queue its import."""
    job_id = uuid7()
    await asyncio.to_thread(import_dir.mkdir, parents=True, exist_ok=True)
    stored_path = import_dir / f"{job_id}.csv"
    try:
        size = await asyncio.to_thread(_copy, upload, stored_path)
        if size == 0:
            raise ValidationFailed(errors=[FieldError(field="file", message="The file is empty.")])
        return await create_import(
            session,
            actor,
            filename=filename,
            stored_path=stored_path.resolve(),
            size_bytes=size,
            source=ImportSource.UPLOAD,
            job_id=job_id,
        )
    except BaseException:
        stored_path.unlink(missing_ok=True)
        raise


def _copy(source: BinaryIO, destination: Path) -> int:
    source.seek(0)
    with destination.open("wb") as target:
        shutil.copyfileobj(source, target, COPY_CHUNK_BYTES)
        return target.tell()
