"""The hand-written baseline the read-path benchmark (test_read_path.py) measures against.

A bare ASGI app on asyncpg, serving the same PostgreSQL database as the API: the same JWT
check (masteryhub.auth.tokens), the same re-read of the caller (active, tokens not revoked),
one SQL statement per page, serialised once with orjson. No framework, no ORM, no validation,
no middleware: what a person writing the endpoint by hand for speed would write.

- `GET /api/v1/applications?limit=50`: the identical page the API answers (the benchmark
  checks the bodies are equal), one statement joining cohort, hub and school.
- `GET /api/v1/specialists/{id}/release-days?academic_year=…`: a specialist's balance and
  entries, and `GET /api/v1/reports/release-days?academic_year=…`: the hub's release-day
  report, each as the one hand-written statement of the ledger benchmark (test_ledger.py).

Run as `uvicorn tests.bench.handwritten:app` with MASTERYHUB_DATABASE_URL and
MASTERYHUB_SECRET_KEY set, as the API is.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qs

import asyncpg  # type: ignore[import-untyped]
import orjson
from starlette.types import Receive, Scope, Send

from masteryhub.applications.screening import complete
from masteryhub.auth.tokens import InvalidToken, verify_access_token
from masteryhub.config import Settings
from masteryhub.kit.pagination import encode_cursor
from tests.bench.test_ledger import BALANCE_SQL, REPORT_SQL

CALLER_SQL = "SELECT hub_id, role, is_active, tokens_valid_after FROM users WHERE id = $1"

APPLICATIONS_SQL = """
SELECT a.*, c.code AS c_code, c.name AS c_name, h.code AS h_code, h.name AS h_name,
       s.urn AS s_urn, s.name AS s_name, s.phase_name AS s_phase_name, s.la_name AS s_la_name
FROM applications AS a
JOIN cohorts AS c ON c.id = a.cohort_id
JOIN hubs AS h ON h.id = a.hub_id
LEFT JOIN schools AS s ON s.id = a.school_id
WHERE a.hub_id = $1
ORDER BY a.id
LIMIT $2
"""


def _positional(sql: str, *names: str) -> str:
    for i, name in enumerate(names, start=1):
        sql = sql.replace(f":{name}", f"${i}")
    return sql


REPORT = _positional(REPORT_SQL, "hub_id", "year", "start")
BALANCE = _positional(BALANCE_SQL, "specialist_id", "cohort_id", "year")


class Unauthorised(Exception):
    pass


class HandWritten:
    def __init__(self) -> None:
        self.settings = Settings()
        self.pool: asyncpg.Pool | None = None

    async def _connect(self, connection: asyncpg.Connection) -> None:
        for name in ("json", "jsonb"):
            await connection.set_type_codec(
                name,
                encoder=lambda v: orjson.dumps(v).decode(),
                decoder=orjson.loads,
                schema="pg_catalog",
            )
        # Ids as text, straight into the JSON (asyncpg's own UUID type is not orjson's).
        await connection.set_type_codec(
            "uuid", encoder=str, decoder=str, schema="pg_catalog", format="text"
        )

    async def startup(self) -> None:
        dsn = self.settings.database_url.replace("postgresql+asyncpg://", "postgresql://")
        self.pool = await asyncpg.create_pool(dsn, min_size=2, max_size=10, init=self._connect)

    async def caller(self, connection: asyncpg.Connection, scope: Scope) -> asyncpg.Record:
        headers = dict(scope["headers"])
        scheme, _, token = headers.get(b"authorization", b"").decode().partition(" ")
        if scheme.lower() != "bearer":
            raise Unauthorised
        try:
            claims = verify_access_token(self.settings, token)
        except InvalidToken:
            raise Unauthorised from None
        kind, _, raw_id = str(claims["sub"]).partition(":")
        user = await connection.fetchrow(CALLER_SQL, uuid.UUID(raw_id))
        if kind != "user" or user is None or not user["is_active"]:
            raise Unauthorised
        valid_after = user["tokens_valid_after"]
        if valid_after is not None and claims["iat_ms"] < valid_after.timestamp() * 1000:
            raise Unauthorised
        return user

    async def applications(
        self, connection: asyncpg.Connection, user: asyncpg.Record, query: dict[str, list[str]]
    ) -> tuple[bytes, list[tuple[bytes, bytes]]]:
        limit = int(query.get("limit", ["50"])[0])
        rows = await connection.fetch(APPLICATIONS_SQL, user["hub_id"], limit + 1)
        headers = []
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor(self.settings, [uuid.UUID(rows[-1]["id"])])
            link = (
                f"<{self.settings.base_url}/api/v1/applications?limit={limit}&cursor={next_cursor}>"
            )
            headers.append((b"link", f'{link}; rel="next"'.encode()))
        items = [
            {
                "id": r["id"],
                "reference": r["reference"],
                "status": r["status"],
                "is_late": r["is_late"],
                "source": r["source"],
                "cohort": {"id": r["cohort_id"], "code": r["c_code"], "name": r["c_name"]},
                "hub": {"id": r["hub_id"], "code": r["h_code"], "name": r["h_name"]},
                "school_urn": r["school_urn"],
                "school": None
                if r["school_id"] is None
                else {
                    "id": r["school_id"],
                    "urn": r["s_urn"],
                    "name": r["s_name"],
                    "phase_name": r["s_phase_name"],
                    "la_name": r["s_la_name"],
                },
                "school_unmatched": r["school_id"] is None,
                "applicant": {
                    "first_name": r["applicant_first_name"],
                    "last_name": r["applicant_last_name"],
                    "email": r["applicant_email"],
                    "trn": r["applicant_trn"],
                    "phone": r["applicant_phone"],
                },
                "role_title": r["role_title"],
                "has_qts": r["has_qts"],
                "years_teaching_maths": r["years_teaching_maths"],
                "days_teaching_maths_per_week": None
                if r["teaching_maths_half_days_per_week"] is None
                else r["teaching_maths_half_days_per_week"] / 2,
                "is_maths_subject_leader": r["is_maths_subject_leader"],
                "additional_statuses": r["additional_statuses"],
                "engaged_with_hub_tfm_work": r["engaged_with_hub_tfm_work"],
                "statement": r["statement"],
                "criteria_evidence": r["criteria_evidence"],
                "headteacher": {
                    "name": r["headteacher_name"],
                    "email": r["headteacher_email"],
                    "statement": r["headteacher_statement"],
                    "commits_to_release_time": r["headteacher_commits_release_time"],
                    "statement_received_at": r["headteacher_statement_received_at"],
                },
                "consent_to_data_processing": r["consent_to_data_processing"],
                "screening": [complete(flag) for flag in r["screening"]],
                "reference_overdue": False,  # the bench's applications await no reference
                "submitted_at": r["submitted_at"],
                "decided_at": r["decided_at"],
                "created_at": r["created_at"],
                "updated_at": r["updated_at"],
            }
            for r in rows
        ]
        body = {"items": items, "next_cursor": next_cursor}
        return orjson.dumps(body, option=orjson.OPT_UTC_Z), headers

    async def rows(self, connection: asyncpg.Connection, sql: str, *args: Any) -> bytes:
        return orjson.dumps([dict(r) for r in await connection.fetch(sql, *args)])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await self.startup()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    if self.pool is not None:
                        await self.pool.close()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        assert self.pool is not None
        path: str = scope["path"]
        query = parse_qs(scope["query_string"].decode())
        status, body = 200, b""
        headers: list[tuple[bytes, bytes]] = []
        async with self.pool.acquire() as connection:
            try:
                user = await self.caller(connection, scope)
            except Unauthorised:
                status, body = 401, b'{"status":401}'
            else:
                year = query.get("academic_year", ["2020/21"])[0]
                if path == "/api/v1/applications":
                    body, headers = await self.applications(connection, user, query)
                elif path == "/api/v1/reports/release-days":
                    start = int(year[:4])
                    body = await self.rows(connection, REPORT, user["hub_id"], year, start)
                elif path.startswith("/api/v1/specialists/"):
                    specialist_id = uuid.UUID(path.split("/")[4])
                    # The ledger bench's statement takes the cohort as given (the API
                    # ignores this parameter and looks it up).
                    cohort_id = uuid.UUID(query["cohort_id"][0])
                    body = await self.rows(connection, BALANCE, specialist_id, cohort_id, year)
                else:
                    status, body = 404, b'{"status":404}'
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


app = HandWritten()
