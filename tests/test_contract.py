"""The committed contract is what the code generates, and it follows our conventions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from masteryhub.contract import generate, render

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def test_committed_openapi_matches_the_code() -> None:
    assert COMMITTED.read_text() == render(), "openapi/openapi.json is stale: run `make openapi`"


def test_operation_ids_are_stable_tag_prefixed_names() -> None:
    for path, operations in generate()["paths"].items():
        for method, operation in operations.items():
            operation_id = operation["operationId"]
            tag = operation["tags"][0]
            assert re.fullmatch(r"[a-z]+(-[a-z]+)+", operation_id), (path, method)
            assert operation_id.startswith(f"{tag}-"), (path, method, operation_id)


def test_every_error_response_is_problem_json() -> None:
    for path, operations in generate()["paths"].items():
        for method, operation in operations.items():
            if operation["operationId"] == "auth-token":
                continue  # RFC 6749 errors, by design
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (
                        path,
                        method,
                        status,
                    )


def test_contract_is_valid_json_with_openapi_31() -> None:
    assert json.loads(COMMITTED.read_text())["openapi"].startswith("3.1")
