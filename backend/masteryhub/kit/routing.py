"""The API's route class: stores idempotent responses (before the commit) and answers replays.

Since FastAPI 0.16x an included router keeps its own route class, so every area's router
must be created with ``APIRouter(..., route_class=AppRoute)`` for Idempotency-Key to work.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from masteryhub.kit.idempotency import Replay, replay_response, store_response


class AppRoute(APIRoute):
    """Stores idempotent responses (before the commit) and answers replays."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            try:
                response = await handler(request)
            except Replay as replay:
                return replay_response(replay)
            # FastAPI serialises models straight to a plain Response (not a JSONResponse).
            if response.media_type == "application/json" or isinstance(response, JSONResponse):
                await store_response(request, response)
            return response

        return route_handler
