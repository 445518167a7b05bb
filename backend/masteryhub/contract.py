"""`python -m masteryhub.contract` prints the OpenAPI document (`make openapi`)."""

from __future__ import annotations

import json
from typing import Any

from masteryhub.config import Settings


def generate() -> dict[str, Any]:
    from masteryhub.main import create_app

    # The contract must not depend on the machine's settings.
    settings = Settings(
        env="test",
        secret_key="contract",
        database_url="sqlite+aiosqlite:///contract-never-connected.sqlite3",
        spa_dir=None,
    )
    return create_app(settings).openapi()


def render() -> str:
    return json.dumps(generate(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
