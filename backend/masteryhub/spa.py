"""Serves the built SPA (frontend/dist) from the API's origin for `make run`.

In production the SPA is deployed separately (nginx in docker-compose); here the API serves
`index.html` for any non-API path so client-side routes can be bookmarked and reloaded.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send


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
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or path.startswith("api/"):
                raise
            response = await super().get_response("index.html", scope)
        if path in ("", ".", "index.html") or response.media_type == "text/html":
            response.headers["Cache-Control"] = "no-cache"
        elif path.startswith("assets/"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
