"""The demo (`masteryhub seed-demo`): a generated GIAS-shaped schools file loaded by the real
importer, and applications at every status with reviews, notes, chasers and a declined
reference; safe to run again."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from masteryhub.db import begin_write
from masteryhub.demo import seed
from masteryhub.demo_intake import DEMO_SCHOOLS_FILE, seed_all
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.school import HubArea, School
from masteryhub.models.school_import import SchoolImport

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "generate_demo_gias.py"


def test_the_committed_file_is_what_the_script_writes_in_gias_shape(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate_demo_gias", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.write(tmp_path / "again.csv")

    assert (tmp_path / "again.csv").read_bytes() == DEMO_SCHOOLS_FILE.read_bytes()
    raw = DEMO_SCHOOLS_FILE.read_bytes()
    raw.decode("cp1252")  # Windows-1252, as DfE publishes it
    assert b"\r\n" in raw
    assert any(b > 0x7F for b in raw), "some names carry accents, encoded as Windows-1252"
    with DEMO_SCHOOLS_FILE.open(encoding="cp1252", newline="") as file:
        rows = list(csv.reader(file))
    columns = (ROOT / "scripts" / "gias-edubasealldata-columns.txt").read_text().split("\n")
    assert rows[0] == [c.strip() for c in columns if c.strip()]
    assert len(rows[0]) == 139 and 200 <= len(rows) - 1 <= 500


async def test_seed_demo_loads_schools_and_applications_at_every_status_once(
    app: FastAPI, client: AsyncClient
) -> None:
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        await seed(session)
        await session.commit()

    assert await seed_all(app.state.sessionmaker) is True
    assert await seed_all(app.state.sessionmaker) is False  # idempotent

    async with app.state.sessionmaker() as session:
        statuses = dict(
            (
                await session.execute(
                    select(Application.status, func.count()).group_by(Application.status)
                )
            ).all()
        )
        imported = await session.scalar(
            select(func.count())
            .select_from(School)
            .where(School.urn.between("991000", "991299"), School.hub_id.is_not(None))
        )
        jobs = await session.scalar(select(func.count()).select_from(SchoolImport))
        areas = await session.scalar(select(func.count()).select_from(HubArea))
        late = await session.scalar(select(func.count()).where(Application.is_late.is_(True)))
        declined = await session.scalar(
            select(func.count()).where(Application.headteacher_declined_at.is_not(None))
        )
        unmatched = await session.scalar(
            select(func.count()).where(Application.school_id.is_(None))
        )

    every = set(ApplicationStatus) - {ApplicationStatus.SUBMITTED}  # never at rest
    assert every <= set(statuses), statuses
    assert imported == 300 and jobs == 1
    assert areas == 0  # hub leads' areas start empty (the browser tests rely on it)
    assert late == 1 and declined == 1 and unmatched == 1
