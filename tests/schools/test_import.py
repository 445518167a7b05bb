"""The GIAS import, through HTTP: upload, background job, progress, what lands."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.user import Role
from masteryhub.schools import importer
from tests.factories import Factory
from tests.schools.conftest import IMPORTS, import_file, school_by_urn, upload, wait_for_job
from tests.schools.gias_files import HEADERS, gias_row, synthetic_rows, write_gias_file

# Imports run as a task of their own beside the requests polling them: real commits.
pytestmark = pytest.mark.real_commits

THERESE = "St Thérèse’s Catholic Primary School"
HEAD_FIRST, HEAD_LAST = "Zoë", "O’Brien"
ROMILLY = "École Française – Jacqueline de Romilly"


def _files_in(directory: Path) -> list[Path]:
    assert directory.is_dir()
    return list(directory.iterdir())


def _accented_rows() -> list[dict[str, str]]:
    return [
        gias_row("100001", THERESE, head_first_name=HEAD_FIRST, head_last_name=HEAD_LAST),
        gias_row("100002", ROMILLY, type_code="11", la_code="202", phase_code="7"),
        gias_row("100003", "Plain Junior School"),
    ]


@pytest.mark.parametrize(
    ("encoding", "detected", "marker"),
    [
        ("cp1252", "cp1252", b"Th\xe9r\xe8se\x92s"),  # é, è and ’ as Windows-1252 bytes
        ("utf-8-sig", "utf-8-sig", b"\xef\xbb\xbfURN"),
        ("utf-8", "utf-8", "Thérèse’s".encode()),
    ],
)
async def test_accented_names_round_trip_exactly(
    client: AsyncClient,
    factory: Factory,
    tmp_path: Path,
    encoding: str,
    detected: str,
    marker: bytes,
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "edubasealldata20201001.csv", _accented_rows(), encoding)
    assert marker in path.read_bytes()  # the file really is in that encoding

    job = await import_file(client, admin, path)

    assert job["status"] == "completed", job
    assert job["encoding"] == detected
    assert (job["total"], job["processed"], job["created"]) == (3, 3, 3)
    therese = await school_by_urn(client, admin, "100001")
    assert therese["name"] == THERESE
    assert therese["head_name"] == f"Mrs {HEAD_FIRST} {HEAD_LAST}"
    assert therese["la_name"] == "Birmingham" and therese["opened_on"] == "2012-09-01"
    assert (await school_by_urn(client, admin, "100002"))["name"] == ROMILLY


async def test_upload_answers_202_with_location_and_the_file_is_removed_after(
    app: FastAPI, client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "gias.csv", _accented_rows())

    response = await upload(client, admin, path)

    assert response.status_code == 202
    body = response.json()
    assert response.headers["location"] == f"{IMPORTS}/{body['id']}"
    assert body["filename"] == "gias.csv" and body["size_bytes"] == path.stat().st_size
    assert body["requested_by"] == admin.email
    job = await wait_for_job(client, admin, body["id"])
    assert job["status"] == "completed" and job["finished_at"] is not None
    assert _files_in(app.state.settings.import_dir) == []  # the stored upload is gone
    listed = await client.get(IMPORTS, headers=admin.headers)
    assert [j["id"] for j in listed.json()["items"]] == [body["id"]]


async def test_reimporting_the_same_file_changes_nothing(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "gias.csv", synthetic_rows(25))
    first = await import_file(client, admin, path)
    assert first["created"] == 25
    before = (await client.get("/api/v1/schools?limit=200", headers=admin.headers)).json()

    again = await import_file(client, admin, path)

    assert again["status"] == "completed"
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 25)
    after = (await client.get("/api/v1/schools?limit=200", headers=admin.headers)).json()
    assert after == before  # same rows, same updated_at
    etags = {
        (await client.get(f"/api/v1/schools/{s['id']}", headers=admin.headers)).headers["etag"]
        for s in before["items"][:3]
    }
    assert len(etags) == 3


async def test_a_newer_file_updates_changed_schools_and_adds_new_ones(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    rows = list(synthetic_rows(10))
    await import_file(client, admin, write_gias_file(tmp_path / "old.csv", rows))
    untouched = await school_by_urn(client, admin, "100001")
    old = await school_by_urn(client, admin, "100004")
    old_etag = (await client.get(f"/api/v1/schools/{old['id']}", headers=admin.headers)).headers[
        "etag"
    ]
    rows[4] = {**rows[4], "EstablishmentName": "Renamed Academy", "Postcode": "B10 0AB"}
    rows[4]["EstablishmentStatus (code)"] = "2"
    rows[4]["EstablishmentStatus (name)"] = "Closed"
    rows.append(gias_row("123456", "Brand New Free School", type_code="35"))

    job = await import_file(client, admin, write_gias_file(tmp_path / "new.csv", rows))

    assert (job["created"], job["updated"], job["unchanged"], job["skipped_count"]) == (
        1,
        1,
        9,
        0,
    )
    renamed = await school_by_urn(client, admin, "100004")
    assert renamed["id"] == old["id"]
    assert (renamed["name"], renamed["postcode"], renamed["is_open"]) == (
        "Renamed Academy",
        "B10 0AB",
        False,
    )
    assert renamed["updated_at"] > old["updated_at"]
    new_etag = (await client.get(f"/api/v1/schools/{old['id']}", headers=admin.headers)).headers[
        "etag"
    ]
    assert new_etag != old_etag
    assert await school_by_urn(client, admin, "100001") == untouched
    assert (await school_by_urn(client, admin, "123456"))["is_state_funded"] is True


async def test_bad_rows_are_reported_with_row_numbers_and_good_rows_land(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    full_row = gias_row("100009", "Too Short School")
    short_row = [full_row.get(column, "") for column in HEADERS][:100]
    rows: list[dict[str, str] | list[str]] = [
        gias_row("100001", "Good School One"),  # row 2
        gias_row("", "No URN School"),  # row 3
        gias_row("12AB56", "Letters In URN School"),  # row 4
        gias_row("10001", "Five Digit URN School"),  # row 5
        gias_row("100005", ""),  # row 6
        short_row,  # row 7
        gias_row("100001", "Good School One Again"),  # row 8
        gias_row("100008", "Good School Two"),  # row 9
    ]

    job = await import_file(client, admin, write_gias_file(tmp_path / "bad.csv", rows))

    assert job["status"] == "completed"
    assert (job["total"], job["processed"], job["created"], job["skipped_count"]) == (8, 8, 2, 6)
    assert job["skipped"] == [
        {"row": 3, "urn": None, "reason": "The URN is missing."},
        {"row": 4, "urn": "12AB56", "reason": "The URN is not 6 digits."},
        {"row": 5, "urn": "10001", "reason": "The URN is not 6 digits."},
        {"row": 6, "urn": "100005", "reason": "The establishment name is missing."},
        {"row": 7, "urn": "100009", "reason": f"Expected {len(HEADERS)} fields, found 100."},
        {
            "row": 8,
            "urn": "100001",
            "reason": "This URN is on an earlier row of the file; that row was kept.",
        },
    ]
    assert (await school_by_urn(client, admin, "100001"))["name"] == "Good School One"
    assert (await school_by_urn(client, admin, "100008"))["name"] == "Good School Two"
    listed = await client.get("/api/v1/schools", headers=admin.headers)
    assert len(listed.json()["items"]) == 2


async def test_a_field_over_the_csv_limit_skips_its_row_and_the_rest_land(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    # Python's csv module refuses fields over 131,072 characters; that once failed the file.
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    huge = gias_row("100002", "Huge School")
    huge[HEADERS[-1]] = "x" * 131_073
    rows = [gias_row("100001", "Before School"), huge, gias_row("100003", "After School")]

    job = await import_file(client, admin, write_gias_file(tmp_path / "huge.csv", rows))

    assert job["status"] == "completed", job
    assert (job["total"], job["created"], job["skipped_count"]) == (3, 2, 1)
    assert job["skipped"] == [
        {"row": 3, "urn": None, "reason": "A field is longer than 131,072 characters."}
    ]
    assert (await school_by_urn(client, admin, "100003"))["name"] == "After School"


async def test_skipped_rows_listed_are_capped_but_all_are_counted(
    client: AsyncClient, factory: Factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "SKIPPED_LIMIT", 3)
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)  # the cap holds across batches
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    rows = [gias_row(f"X{n}", f"Bad {n}") for n in range(5)] + [gias_row("100001", "Good")]

    job = await import_file(client, admin, write_gias_file(tmp_path / "bad.csv", rows))

    assert job["skipped_count"] == 5 and job["created"] == 1
    assert [s["row"] for s in job["skipped"]] == [2, 3, 4]


@pytest.mark.parametrize(
    ("columns", "state_funded", "in_england", "is_open"),
    [
        pytest.param({"type_code": "34"}, True, True, True, id="academy converter"),
        pytest.param({"type_code": "28", "status_code": "3"}, True, True, True, id="academy, "),
        pytest.param({"type_code": "11"}, False, True, True, id="other independent school"),
        pytest.param({"type_code": "6"}, False, True, True, id="CTC, independent group"),
        pytest.param({"type_code": "10"}, False, True, True, id="independent special"),
        pytest.param({"type_code": "30", "la_code": "673"}, False, False, True, id="Welsh"),
        pytest.param({"type_code": "37", "la_code": "702"}, False, False, True, id="overseas"),
        pytest.param({"type_code": "49"}, False, True, True, id="online provider"),
        pytest.param({"type_code": "29"}, False, True, True, id="higher education"),
        pytest.param({"type_code": "1", "status_code": "2"}, True, True, False, id="closed"),
        pytest.param({"type_code": "35", "status_code": "4"}, True, True, False, id="to open"),
        pytest.param({"type_code": "1", "la_code": "704"}, True, False, True, id="LA 704"),
    ],
)
async def test_derived_fields(
    client: AsyncClient,
    factory: Factory,
    tmp_path: Path,
    columns: dict[str, str],
    state_funded: bool,
    in_england: bool,
    is_open: bool,
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "one.csv", [gias_row("140001", "Some School", **columns)])

    job = await import_file(client, admin, path)

    assert job["created"] == 1, job
    school = await school_by_urn(client, admin, "140001")
    assert (school["is_state_funded"], school["is_in_england"], school["is_open"]) == (
        state_funded,
        in_england,
        is_open,
    )
    assert school["type_code"] == columns["type_code"]


async def test_progress_is_visible_while_the_job_runs(
    client: AsyncClient, factory: Factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", 10)
    first_batch_done = asyncio.Event()
    carry_on = asyncio.Event()
    real_upsert = importer._upsert

    async def upsert_then_pause(*args: Any) -> importer.BatchCounts:
        counts = await real_upsert(*args)
        if not first_batch_done.is_set():
            first_batch_done.set()
        else:
            await carry_on.wait()
        return counts

    monkeypatch.setattr(importer, "_upsert", upsert_then_pause)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    response = await upload(client, admin, write_gias_file(tmp_path / "g.csv", synthetic_rows(35)))
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    job_url = f"{IMPORTS}/{response.json()['id']}"

    await asyncio.wait_for(first_batch_done.wait(), 10)
    for _ in range(200):  # the first batch's commit lands just after
        during = (await client.get(job_url, headers=admin.headers)).json()
        if during["processed"]:
            break
        await asyncio.sleep(0.01)
    carry_on.set()
    done = await wait_for_job(client, admin, response.json()["id"])

    assert during["status"] == "running"
    assert (during["total"], during["processed"], during["created"]) == (35, 10, 10)
    assert done["status"] == "completed"
    assert (done["total"], done["processed"], done["created"]) == (35, 35, 35)


async def test_a_file_that_is_not_a_gias_extract_fails_the_job_with_a_reason(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Email\r\nAmira,a@example.org\r\n")

    job = await import_file(client, admin, path)

    assert job["status"] == "failed"
    assert job["error"].startswith("This is not a GIAS all-establishments file")
    assert "URN" in job["error"]
    again = await import_file(client, admin, write_gias_file(tmp_path / "g.csv", _accented_rows()))
    assert again["status"] == "completed"  # a failed job does not block the next


async def test_an_empty_upload_is_refused(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    response = await upload(client, admin, path)

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "file", "message": "The file is empty."}]


async def test_a_second_import_while_one_runs_is_refused(
    client: AsyncClient, factory: Factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    real_run = importer.run

    async def held_run(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return await real_run(*args, **kwargs)

    monkeypatch.setattr(importer, "run", held_run)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "g.csv", _accented_rows())
    first = await upload(client, admin, path)

    second = await upload(client, admin, path)

    release.set()
    assert second.status_code == 409
    assert second.json()["code"] == "import_in_progress"
    assert second.json()["import_id"] == first.json()["id"]
    assert (await wait_for_job(client, admin, first.json()["id"]))["status"] == "completed"


@pytest.mark.parametrize("role", [Role.HUB_LEAD, Role.HUB_STAFF, Role.SPECIALIST])
async def test_only_national_admins_import(
    client: AsyncClient, factory: Factory, tmp_path: Path, role: Role
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    caller = await factory.caller(role)
    path = write_gias_file(tmp_path / "g.csv", _accented_rows())
    job = await import_file(client, admin, path)

    refused = await upload(client, caller, path)

    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert (await client.get(f"{IMPORTS}/{job['id']}", headers=caller.headers)).status_code == 403
    assert (await client.get(IMPORTS, headers=caller.headers)).status_code == 403


async def test_api_clients_cannot_import(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    machine = await factory.api_client(await factory.hub(), ["schools:read"])

    refused = await upload(client, machine, write_gias_file(tmp_path / "g.csv", _accented_rows()))

    assert refused.status_code == 403


async def test_an_unexpected_error_fails_the_job_and_keeps_the_batches_done(
    client: AsyncClient, factory: Factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", 10)
    real_upsert = importer._upsert
    calls = 0

    async def upsert_then_break(*args: Any) -> importer.BatchCounts:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("database went away")
        return await real_upsert(*args)

    monkeypatch.setattr(importer, "_upsert", upsert_then_break)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "g.csv", synthetic_rows(25))

    job = await import_file(client, admin, path)

    assert job["status"] == "failed"
    assert (job["processed"], job["created"]) == (10, 10)
    assert job["error"].startswith("The import stopped after 10 rows with an unexpected error")
    assert "database went away" not in job["error"]  # nothing internal reaches the client
    monkeypatch.setattr(importer, "_upsert", real_upsert)
    again = await import_file(client, admin, path)
    assert (again["status"], again["created"], again["unchanged"]) == ("completed", 15, 10)


async def test_a_retried_upload_with_the_same_idempotency_key_replays_the_first_job(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    path = write_gias_file(tmp_path / "edubasealldata20201001.csv", _accented_rows(), "cp1252")
    other = write_gias_file(tmp_path / "edubasealldata20201002.csv", _accented_rows()[:1], "cp1252")
    key = {"Idempotency-Key": "gias-upload-1"}

    first = await upload(client, admin, path, headers=key)
    await wait_for_job(client, admin, first.json()["id"])
    retried = await upload(client, admin, path, headers=key)
    different_file = await upload(client, admin, other, headers=key)

    assert first.status_code == retried.status_code == 202
    assert retried.headers["idempotent-replayed"] == "true"
    assert retried.json()["id"] == first.json()["id"]
    assert different_file.status_code == 422
    assert different_file.json()["code"] == "idempotency_key_reused"
    jobs = await client.get(IMPORTS, headers=admin.headers)
    assert [job["id"] for job in jobs.json()["items"]] == [first.json()["id"]]
