"""Liveness and readiness probes."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

router = APIRouter(tags=["health"])
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def migration_heads() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return set(ScriptDirectory.from_config(config).get_heads())


@router.get("/healthz", operation_id="health-live", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    operation_id="health-ready",
    summary="The database is reachable and migrated to head",
    responses={503: {"description": "Not ready"}},
)
async def readyz(request: Request) -> JSONResponse:
    try:
        async with request.app.state.engine.connect() as connection:
            try:
                current = set(
                    (
                        await connection.scalars(text("SELECT version_num FROM alembic_version"))
                    ).all()
                )
            except DBAPIError:  # reachable, but never migrated (no alembic_version table)
                current = set()
    except Exception:
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    heads = migration_heads()
    if current != heads:
        return JSONResponse(
            {"status": "unavailable", "database": "migrations pending"}, status_code=503
        )
    return JSONResponse({"status": "ok", "database": "ok"})
