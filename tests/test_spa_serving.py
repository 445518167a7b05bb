"""`make run` serves the built SPA from the API's origin: client-side routes reloadable, the
precompressed copies Vite writes sent to browsers that accept them, hashed assets cached."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient, Response

from masteryhub.config import Settings
from masteryhub.main import create_app

SCRIPT = b"console.log('MasteryHub');\n" * 200
BROTLI = b"\x1b\x0f brotli bytes, as Vite wrote them"  # served as stored, never decoded here
ASSET = "/assets/index-B4x9Qk2D.js"
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
async def http(settings: Settings, tmp_path: Path) -> AsyncIterator[AsyncClient]:
    """The app serving a tiny fake `vite build` output."""
    (tmp_path / "index.html").write_text("<!doctype html><title>MasteryHub</title>")
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "index-B4x9Qk2D.js").write_bytes(SCRIPT)
    (assets / "index-B4x9Qk2D.js.gz").write_bytes(gzip.compress(SCRIPT))
    (assets / "index-B4x9Qk2D.js.br").write_bytes(BROTLI)
    (assets / "logo-Dk3j9aQ1.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    app = create_app(settings.model_copy(update={"spa_dir": tmp_path}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        yield client
    await app.state.engine.dispose()


async def fetch(http: AsyncClient, path: str, accept_encoding: str) -> tuple[Response, bytes]:
    """The response and its body exactly as sent (not decoded)."""
    async with http.stream("GET", path, headers={"Accept-Encoding": accept_encoding}) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, body


async def test_spa_routes_fall_back_to_index_but_api_paths_do_not(http: AsyncClient) -> None:
    deep_link = await http.get("/applications?status=complete")
    unknown_api = await http.get("/api/v1/nothing-here")
    unknown_api_post = await http.post("/api/v1/nothing-here", json={})
    health = await http.get("/healthz")

    assert deep_link.status_code == 200
    assert "<title>MasteryHub</title>" in deep_link.text
    assert deep_link.headers["cache-control"] == "no-cache"
    assert unknown_api.status_code == 404
    assert unknown_api.headers["content-type"] == "application/problem+json"
    assert unknown_api_post.status_code == 404
    assert unknown_api_post.headers["content-type"] == "application/problem+json"
    assert health.json() == {"status": "ok"}


async def test_index_html_is_revalidated_on_every_load(http: AsyncClient) -> None:
    for path in ("/", "/index.html", "/specialists/42"):
        response = await http.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-cache", path
        assert response.headers["content-type"].startswith("text/html"), path


async def test_a_browser_that_accepts_brotli_gets_the_brotli_copy(http: AsyncClient) -> None:
    response, body = await fetch(http, ASSET, "gzip, deflate, br, zstd")

    assert response.status_code == 200
    assert response.headers["content-encoding"] == "br"
    assert body == BROTLI
    assert int(response.headers["content-length"]) == len(BROTLI)
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == IMMUTABLE


async def test_gzip_only_gets_gzip_and_no_compression_gets_the_file(http: AsyncClient) -> None:
    gzipped, gzipped_body = await fetch(http, ASSET, "gzip")
    refused, _ = await fetch(http, ASSET, "br;q=0, gzip")
    plain, plain_body = await fetch(http, ASSET, "identity")

    assert gzipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(gzipped_body) == SCRIPT
    assert len(gzipped_body) < len(SCRIPT) / 10
    assert refused.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert plain_body == SCRIPT
    for response in (gzipped, refused, plain):
        assert response.headers["vary"] == "Accept-Encoding"
        assert response.headers["cache-control"] == IMMUTABLE
        assert response.headers["content-type"].startswith("text/javascript")


async def test_a_revalidated_compressed_asset_is_304(http: AsyncClient) -> None:
    first, _ = await fetch(http, ASSET, "br")
    again = await http.get(
        ASSET, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["etag"]}
    )

    assert again.status_code == 304
    assert again.headers["vary"] == "Accept-Encoding"


async def test_an_asset_without_compressed_copies_is_sent_as_it_is(http: AsyncClient) -> None:
    response, _ = await fetch(http, "/assets/logo-Dk3j9aQ1.svg", "br, gzip")

    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert "vary" not in response.headers
    assert response.headers["cache-control"] == IMMUTABLE
