"""The route class every area's router uses, so idempotent POSTs store and replay responses.

FastAPI builds each route with the class of the router it was declared on (an including
router's ``route_class`` does not reach into included routers), so each area declares
``APIRouter(..., route_class=AppRoute)``.
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
            # FastAPI's fast path answers a plain Response with a JSON body, not a JSONResponse.
            if response.media_type == "application/json" or isinstance(response, JSONResponse):
                await store_response(request, response)
            return response

        return route_handler
