"""Schools: the GIAS import jobs, each school's hub (override or LA), and hubs' areas."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, Final

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.db import dialect_name
from masteryhub.errors import FieldError, Forbidden, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.models.base import utcnow, uuid7
from masteryhub.models.hub import Hub
from masteryhub.models.school import HubArea, School
from masteryhub.models.school_import import ImportSource, ImportStatus, SchoolImport
from masteryhub.schools.errors import ImportInProgress, LaInAnotherHubArea
from masteryhub.schools.repository import HubAreaRepository, SchoolImportRepository
from masteryhub.schools.schemas import SchoolUpdate

COPY_CHUNK_BYTES: Final = 1024 * 1024
# Progress is committed every batch (well under a second), so a job silent for this long died
# with its process (a restart or a crash) and no longer blocks a new import.
ABANDONED_AFTER: Final = timedelta(minutes=10)
IMPORT_LOCK_KEY: Final = 0x5C400_1  # PostgreSQL advisory lock: one import queued at a time


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
        school.hub_id = await HubAreaRepository(session).hub_for(school.la_code)
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
    areas = HubAreaRepository(session)
    taken = await areas.taken_elsewhere(wanted, hub)
    if taken:
        raise _area_taken(taken)
    current = set(await areas.la_codes_of(hub))
    added, removed = wanted - current, current - wanted
    if not added and not removed:
        return sorted(wanted), 0
    if removed:
        await areas.remove(hub, removed)
    session.add_all(HubArea(hub_id=hub.id, la_code=code) for code in sorted(added))
    try:
        await session.flush()
    except IntegrityError:
        # Another hub claimed one of these LAs at the same moment (PostgreSQL); say which.
        raise LaInAnotherHubArea(
            "One of these LAs was just put in another hub's area. Reload and try again."
        ) from None
    rerouted = await areas.reroute_schools(hub, added, removed)
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
