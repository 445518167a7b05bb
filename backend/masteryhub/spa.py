"""Serves the built SPA (frontend/dist) from the API's origin for `make run`.

In production the SPA is deployed separately (nginx in docker-compose); here the API serves
`index.html` for any non-API path so client-side routes can be bookmarked and reloaded.

Vite writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text asset (vite.config.ts):
the smallest one the browser accepts is sent as it is, with `Vary: Accept-Encoding`. Hashed
files under /assets never change, so they are cached for a year; `index.html` (and every
client-side route, which is `index.html` too) is revalidated on each load, so a new build is
picked up at once.
"""

from __future__ import annotations

import stat
from pathlib import Path

import anyio.to_thread
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

# Preferred first: Brotli is about a fifth smaller than gzip on this bundle.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"


class SinglePageApp(StaticFiles):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True, check_dir=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Mounted at "/", it would otherwise answer any /api path no route matched (a 405
        # for a POST): those must stay the API's own 404 problem.
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            raise HTTPException(status_code=404)
        await super().__call__(scope, receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await self._file(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or path.startswith("api/"):
                raise
            response = await self._file("index.html", scope)
        if path in ("", ".", "index.html") or response.media_type == "text/html":
            response.headers["Cache-Control"] = "no-cache"
        elif path.startswith("assets/"):
            response.headers["Cache-Control"] = IMMUTABLE
        return response

    async def _file(self, path: str, scope: Scope) -> Response:
        """The file at ``path`` (``index.html`` for the root), as its precompressed copy when
        there is one the client accepts."""
        path = "index.html" if path in ("", ".") else path
        response = await super().get_response(path, scope)
        variants = [
            (encoding, full_path, stat_result)
            for encoding, suffix in PRECOMPRESSED
            for full_path, stat_result in [
                await anyio.to_thread.run_sync(self.lookup_path, path + suffix)
            ]
            if stat_result is not None and stat.S_ISREG(stat_result.st_mode)
        ]
        if not variants or response.status_code not in (200, 304):
            return response
        accepted = _accepted_encodings(Headers(scope=scope).get("accept-encoding", ""))
        for encoding, full_path, stat_result in variants:
            if encoding in accepted:
                # The Content-Type is the original's: mimetypes reads "app.js.br" as
                # JavaScript with the "br" encoding.
                response = self.file_response(full_path, stat_result, scope)
                response.headers["Content-Encoding"] = encoding
                break
        response.headers["Vary"] = "Accept-Encoding"
        return response


def _accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (RFC 9110 §12.5.3), `q=0` ones left out."""
    accepted: set[str] = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            accepted.add(name.strip().lower())
    if "*" in accepted:
        accepted.update(encoding for encoding, _ in PRECOMPRESSED)
    return accepted
