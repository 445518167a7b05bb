"""The GIAS import job: streams the file, upserts schools by URN in batches, reports progress.

Each batch is its own short transaction (on SQLite, the write lock is held for one batch, not
the whole file), and the job's counters are committed with it, so `GET .../imports/{id}`
shows progress while the job runs and a crash loses at most one batch — re-running the import
is safe, since unchanged schools are recognised by their source hash and left alone.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import structlog
from sqlalchemy import Table, bindparam, case, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.applications.matching import rematch_after_import
from masteryhub.auth.principals import Principal
from masteryhub.db import begin_write
from masteryhub.kit import audit
from masteryhub.models.base import utcnow, uuid7
from masteryhub.models.school import HubArea, School
from masteryhub.models.school_import import ImportSource, ImportStatus, SchoolImport
from masteryhub.models.user import Role
from masteryhub.schools.gias import (
    RECORD_FIELDS,
    GiasFileError,
    GiasReader,
    SchoolRecord,
    SkippedRow,
    UrnSeen,
    count_rows,
    detect_encoding,
)

log = structlog.get_logger("masteryhub.schools.import")

BATCH_SIZE = 1000  # schools per transaction
SKIPPED_LIMIT = 1000  # skipped rows listed on the job; the count goes on past it
_tasks: set[asyncio.Task[SchoolImport]] = set()

Parsed = tuple[int, SchoolRecord | SkippedRow]
_schools = cast(Table, School.__table__)
# One UPDATE per batch (executemany). The hub follows the LA unless a national admin has
# overridden it, decided in SQL so an override made while the import runs is never undone.
_UPDATE_SCHOOL = (
    update(_schools)
    .where(_schools.c.id == bindparam("school_id"))
    .values(
        # Bind names may not repeat the column names of the SET clause, hence "new_".
        {field: bindparam(f"new_{field}") for field in RECORD_FIELDS}
        | {
            "source_hash": bindparam("new_source_hash"),
            "updated_at": bindparam("now", type_=_schools.c.updated_at.type),
            "version": _schools.c.version + 1,
            "hub_id": case(
                (_schools.c.hub_overridden, _schools.c.hub_id),
                else_=bindparam("area_hub_id", type_=_schools.c.hub_id.type),
            ),
        }
    )
)


@dataclass
class BatchCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


async def start(sessionmaker: async_sessionmaker[AsyncSession], job_id: uuid.UUID) -> None:
    """Run the import as a task of this process, without waiting for it.

    Given to the response's background tasks, so it runs once the job row is committed.
    """
    task = asyncio.get_running_loop().create_task(run(sessionmaker, job_id, BATCH_SIZE))
    _tasks.add(task)  # the loop keeps only weak references to tasks
    task.add_done_callback(_tasks.discard)


def _take(rows: Iterator[Parsed], size: int) -> list[Parsed]:
    return list(itertools.islice(rows, size))


async def run(
    sessionmaker: async_sessionmaker[AsyncSession],
    job_id: uuid.UUID,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[SchoolImport], None] | None = None,
) -> SchoolImport:
    """Import the job's file; a failure is recorded on the job, not raised.

    ``on_progress`` is called after each committed batch (the command line prints it).
    """
    async with sessionmaker() as session:
        await begin_write(session)
        job = await session.get_one(SchoolImport, job_id)
        path = Path(job.stored_path)
        try:
            await _import(session, job, path, batch_size, on_progress)
        except Exception as exc:
            await session.rollback()
            await begin_write(session)
            await session.refresh(job)  # back to the last committed batch
            if isinstance(exc, GiasFileError):
                error = str(exc)
            else:
                log.exception("school_import.failed", job_id=str(job_id), row=job.processed)
                error = (
                    f"The import stopped after {job.processed} rows with an unexpected error "
                    "(it has been logged). Schools already imported are kept; importing the "
                    "file again is safe."
                )
            job.status = ImportStatus.FAILED
            job.error = error[:1000]
            job.finished_at = utcnow()
            await session.commit()
            return job
        if job.source is ImportSource.UPLOAD:
            await asyncio.to_thread(path.unlink, missing_ok=True)
        return job


async def _import(
    session: AsyncSession,
    job: SchoolImport,
    path: Path,
    batch_size: int,
    on_progress: Callable[[SchoolImport], None] | None,
) -> None:
    job.status = ImportStatus.RUNNING
    job.started_at = utcnow()
    await session.commit()

    if not await asyncio.to_thread(path.is_file):
        raise GiasFileError("The uploaded file is no longer there; upload it again.")
    encoding = await asyncio.to_thread(detect_encoding, path)
    total = await asyncio.to_thread(count_rows, path, encoding)
    await begin_write(session)
    job.encoding = encoding
    job.total = total
    # Hub areas are small (one row per LA): read once, used for every new or changed school.
    area_hubs: dict[str, uuid.UUID] = dict(
        (await session.execute(select(HubArea.la_code, HubArea.hub_id))).all()
    )
    await session.commit()

    rows = GiasReader(path, encoding).rows()
    seen = UrnSeen()
    # The next batch is read and parsed (in a thread) while this one is written: two batches
    # in memory at most, whatever the file's size.
    next_batch = asyncio.ensure_future(asyncio.to_thread(_take, rows, batch_size))
    try:
        while batch := await next_batch:
            next_batch = asyncio.ensure_future(asyncio.to_thread(_take, rows, batch_size))
            await _import_batch(session, job, batch, seen, area_hubs)
            if on_progress is not None:
                on_progress(job)
    finally:
        # A failed batch leaves the next read in flight: let it finish, then close the file.
        await asyncio.wait([next_batch])
        rows.close()

    await begin_write(session)
    job.applications_matched = await rematch_after_import(session, utcnow())
    job.status = ImportStatus.COMPLETED
    job.finished_at = utcnow()
    await audit.record(
        session,
        _requester(job),
        "school_import.completed",
        job,
        after={
            "filename": job.filename,
            "total": job.total,
            "created": job.created,
            "updated": job.updated,
            "unchanged": job.unchanged,
            "skipped": job.skipped_count,
            "applications_matched": job.applications_matched,
        },
        actor_label=job.requested_by_label,
    )
    await session.commit()


async def _import_batch(
    session: AsyncSession,
    job: SchoolImport,
    batch: list[Parsed],
    seen: UrnSeen,
    area_hubs: dict[str, uuid.UUID],
) -> None:
    records: dict[str, SchoolRecord] = {}
    skipped: list[SkippedRow] = []
    for row_number, item in batch:
        if isinstance(item, SkippedRow):
            skipped.append(item)
        elif not seen.add(item.urn):
            reason = "This URN is on an earlier row of the file; that row was kept."
            skipped.append(SkippedRow(row_number, item.urn, reason))
        else:
            records[item.urn] = item
    await begin_write(session)
    counts = await _upsert(session, records, area_hubs)
    job.created += counts.created
    job.updated += counts.updated
    job.unchanged += counts.unchanged
    _note_skipped(job, skipped)
    job.processed += len(batch)
    await session.commit()


def _note_skipped(job: SchoolImport, skipped: list[SkippedRow]) -> None:
    if not skipped:
        return
    room = SKIPPED_LIMIT - len(job.skipped)
    if room > 0:
        listed = [{"row": s.row, "urn": s.urn, "reason": s.reason} for s in skipped[:room]]
        job.skipped = [*job.skipped, *listed]  # a new list, so the JSON column is written
    job.skipped_count += len(skipped)


def _requester(job: SchoolImport) -> Principal | None:
    if job.requested_by_id is None:
        return None  # the command line: recorded as "system" with the requester's label
    return Principal(
        "user", job.requested_by_id, job.requested_by_label, None, role=Role.NATIONAL_ADMIN
    )


async def _upsert(
    session: AsyncSession, records: dict[str, SchoolRecord], area_hubs: dict[str, uuid.UUID]
) -> BatchCounts:
    counts = BatchCounts()
    if not records:
        return counts
    existing = {
        urn: (school_id, source_hash)
        for school_id, urn, source_hash in (
            await session.execute(
                select(School.id, School.urn, School.source_hash).where(
                    School.urn.in_(list(records))
                )
            )
        ).all()
    }
    now = utcnow()
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for urn, record in records.items():
        source_hash = record.source_hash
        area_hub_id = area_hubs.get(record.la_code) if record.la_code else None
        found = existing.get(urn)
        if found is None:
            inserts.append(
                record.values()
                | {
                    "id": uuid7(),
                    "source_hash": source_hash,
                    "hub_id": area_hub_id,
                    "hub_overridden": False,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
        elif found[1] == source_hash:
            counts.unchanged += 1
        else:
            updates.append(
                {f"new_{field}": value for field, value in record.values().items()}
                | {
                    "school_id": found[0],
                    "new_source_hash": source_hash,
                    "area_hub_id": area_hub_id,
                    "now": now,
                }
            )
    if inserts:
        await session.execute(insert(_schools), inserts)
        counts.created = len(inserts)
    if updates:
        await session.execute(_UPDATE_SCHOOL, updates)
        counts.updated = len(updates)
    return counts
