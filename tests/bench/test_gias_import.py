"""Benchmark: the GIAS import of generated 10,000- and 50,000-row files (`make bench`).

Each import runs as `masteryhub import-schools FILE` in its own process on a fresh database
and reports that process's own peak RSS, so the figures are the importer's, not pytest's;
seconds are the import's own (the job's start to finish, without interpreter start-up).
Memory must be flat in the file size: the 50,000-row import may not peak more than a few MB
above the 10,000-row one (the file is 5x larger).

SQLite by default; set MASTERYHUB_TEST_DATABASE_URL (a PostgreSQL server URL, as for the tests)
to benchmark on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.schools.gias_files import synthetic_rows, write_gias_file

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parents[2]
SIZES = (10_000, 50_000)
# Peak RSS may grow this much from 10k to 50k rows (allocator noise, the SQL statement cache).
MAX_GROWTH_MB = 8.0


@dataclass
class Run:
    rows: int
    file_mb: float
    seconds: float
    peak_rss_mb: float
    summary: str


@contextmanager
def fresh_database(tmp_path: Path, label: str) -> Iterator[str]:
    server = os.environ.get("MASTERYHUB_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite+aiosqlite:///{tmp_path}/{label}.sqlite3"
        return
    name = f"masteryhub_bench_{uuid.uuid4().hex[:8]}"

    async def execute(statement: str) -> None:
        engine = create_async_engine(server.rstrip("/") + "/postgres", isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(statement))
        await engine.dispose()

    asyncio.run(execute(f'CREATE DATABASE "{name}"'))
    try:
        yield server.rstrip("/") + f"/{name}"
    finally:
        asyncio.run(execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# Runs the command in a fresh interpreter and reports that process's own peak RSS (VmHWM,
# per address space). ru_maxrss from wait4 would not do: Linux carries the forking parent's
# (pytest's) high-water mark into the child across exec.
RUNNER = """
import sys
from masteryhub.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    print("peak-rss-kib", hwm.split()[1])
"""


def run_command(database_url: str, *args: str) -> tuple[str, float]:
    """Run `masteryhub ARGS` on the database: (its output, its peak RSS in MB)."""
    env = os.environ | {
        "MASTERYHUB_DATABASE_URL": database_url,
        "MASTERYHUB_ENV": "test",
        "MASTERYHUB_SECRET_KEY": "bench",
    }
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    peak = re.search(r"^peak-rss-kib (\d+)$", result.stdout, re.MULTILINE)
    assert peak, result.stdout
    return result.stdout, int(peak.group(1)) / 1024


def import_once(tmp_path: Path, rows: int) -> tuple[Run, Run]:
    """(first import, re-import of the same file) of a generated file of ``rows`` schools."""
    path = write_gias_file(tmp_path / f"edubasealldata-{rows}.csv", synthetic_rows(rows))
    file_mb = path.stat().st_size / 1024 / 1024
    with fresh_database(tmp_path, f"bench-{rows}") as database_url:
        run_command(database_url, "migrate")
        runs = []
        for _ in range(2):
            output, peak = run_command(database_url, "import-schools", str(path))
            summary = output.strip().splitlines()[0]
            took = re.search(rf"completed: {rows:,} rows, .* in ([0-9.]+) s\.$", summary)
            assert took, summary
            runs.append(Run(rows, file_mb, float(took.group(1)), peak, summary))
    assert f"{rows:,} created" in runs[0].summary
    assert f"{rows:,} unchanged" in runs[1].summary
    return runs[0], runs[1]


def test_gias_import_is_fast_and_memory_is_flat(tmp_path: Path) -> None:
    database = "PostgreSQL" if os.environ.get("MASTERYHUB_TEST_DATABASE_URL") else "SQLite"
    results = {rows: import_once(tmp_path, rows) for rows in SIZES}

    print()
    for rows, (first, again) in results.items():
        print(
            f"  {rows:>6,} rows ({first.file_mb:.1f} MB): import {first.seconds:.1f} s, "
            f"peak RSS {first.peak_rss_mb:.0f} MB; re-import (all unchanged) "
            f"{again.seconds:.1f} s, peak RSS {again.peak_rss_mb:.0f} MB"
        )
    small, large = results[SIZES[0]][0], results[SIZES[-1]][0]
    growth = large.peak_rss_mb - small.peak_rss_mb
    print(
        f"GIAS import ({database}): {large.rows:,} rows ({large.file_mb:.0f} MB, 139 columns) in "
        f"{large.seconds:.1f} s ({large.rows / large.seconds:,.0f} rows/s), re-import "
        f"{results[SIZES[-1]][1].seconds:.1f} s; peak RSS {large.peak_rss_mb:.0f} MB at "
        f"{large.rows:,} rows vs {small.peak_rss_mb:.0f} MB at {small.rows:,} "
        f"({growth:+.1f} MB for 5x the rows)"
    )
    assert growth < MAX_GROWTH_MB, f"peak RSS grew {growth:.1f} MB from {small.rows} rows"
