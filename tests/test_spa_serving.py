"""`make run` serves the built SPA from the API's origin, with client-side routes reloadable."""

from __future__ import annotations

from pathlib import Path

from httpx import ASGITransport, AsyncClient

from masteryhub.config import Settings
from masteryhub.main import create_app


async def test_spa_routes_fall_back_to_index_but_api_paths_do_not(
    settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>MasteryHub</title>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("console.log('hi')")
    app = create_app(settings.model_copy(update={"spa_dir": tmp_path}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as http:
        deep_link = await http.get("/applications?status=complete")
        asset = await http.get("/assets/app.js")
        unknown_api = await http.get("/api/v1/nothing-here")
        unknown_api_post = await http.post("/api/v1/nothing-here", json={})
        health = await http.get("/healthz")
    await app.state.engine.dispose()

    assert deep_link.status_code == 200
    assert "<title>MasteryHub</title>" in deep_link.text
    assert deep_link.headers["cache-control"] == "no-cache"
    assert asset.headers["cache-control"].endswith("immutable")
    assert unknown_api.status_code == 404
    assert unknown_api.headers["content-type"] == "application/problem+json"
    assert unknown_api_post.status_code == 404
    assert unknown_api_post.headers["content-type"] == "application/problem+json"
    assert health.json() == {"status": "ok"}
