from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity
from masteryhub.models.programme import str_enum


class ImportStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


class ImportSource(enum.StrEnum):
    UPLOAD = "upload"  # POST /schools/imports: the stored copy is deleted once imported
    CLI = "cli"  # masteryhub import-schools FILE: the operator's own file, left alone


class SchoolImport(Entity):
    """One run of the GIAS all-establishments import, with its progress and skipped rows.

    National: only national admins start or read imports. The counters are committed with
    each batch of schools, so a reader sees progress while the job runs.
    """

    __tablename__ = "school_imports"

    status: Mapped[ImportStatus] = mapped_column(
        str_enum(ImportStatus, 16), default=ImportStatus.QUEUED, index=True
    )
    source: Mapped[ImportSource] = mapped_column(str_enum(ImportSource, 16))
    filename: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(1000))
    size_bytes: Mapped[int]
    encoding: Mapped[str | None] = mapped_column(String(16))
    requested_by_id: Mapped[uuid.UUID | None]
    requested_by_label: Mapped[str] = mapped_column(String(320))
    total: Mapped[int | None]
    processed: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    # Unmatched applications whose URN this import brought in (matched and re-routed).
    applications_matched: Mapped[int] = mapped_column(default=0, server_default="0")
    # The first SKIPPED_LIMIT skipped rows: [{"row": 7, "urn": "1234", "reason": "..."}].
    skipped: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(String(1000))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
