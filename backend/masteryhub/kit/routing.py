"""The route class every API router uses: refuses NUL in any input (kit/inputs.py), commits
or rolls back the request's database session, stores idempotent responses and answers
replays, and — checked at start-up — takes PATCH bodies only as PatchModels (kit/patch.py).

FastAPI (0.16x) runs an included route with the handler of the router that declared it, so
the class must be set on each area's ``APIRouter(route_class=AppRoute)``; setting it only on
the parent router does nothing for the routes included into it. It also serialises response
models into a plain ``Response`` (not a ``JSONResponse``), so JSON is told by its media type.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable, Iterator
from typing import Any, cast

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Receive, Scope, Send

from masteryhub.db import end_session
from masteryhub.kit.idempotency import Replay, replay_response, store_response
from masteryhub.kit.inputs import refuse_nul
from masteryhub.kit.patch import PatchModel


def _route_path(scope: Scope) -> str:
    """The request's path below the app's root path (where a proxy mounts it), as routes see it."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


class AppRoute(APIRoute):
    """Ends the request's database session (``masteryhub.db.get_session``): committed once the
    response is ready, before it is sent, or rolled back; stores idempotent responses (before
    the commit) and answers replays."""

    # Set by adopt_routes: the full path up to its first parameter. Every request is matched
    # against the app's routes in turn, and this rules out nearly all of them before FastAPI's
    # fuller matching. (A route included in a router the FastAPI 0.16x way is matched at a path
    # it does not know, so it has none.)
    literal_start = ""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and not _route_path(scope).startswith(self.literal_start):
            return Match.NONE, {}
        return super().matches(scope)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            await refuse_nul(request)
            try:
                response = await handler(request)
                if _is_json(response):
                    await store_response(request, cast(JSONResponse, response))
            except Replay as replay:
                answer = replay_response(replay)  # read while the record is in hand
                await end_session(request, commit=False)
                return answer
            except BaseException:
                await end_session(request, commit=False)
                raise
            await end_session(request, commit=True)
            return response

        return route_handler


def _is_json(response: Response) -> bool:
    return not isinstance(response, StreamingResponse) and response.headers.get(
        "content-type", ""
    ).startswith("application/json")


def declared_routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route as declared, looking inside included routers (which FastAPI keeps as
    wrappers rather than copies since 0.16x)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from declared_routes(included.routes)
        else:
            yield route


def require_app_routes(router: APIRouter) -> None:
    """Fail at start-up if a route would bypass AppRoute (and so Idempotency-Key and the NUL
    check), or takes a PATCH body that is not a PatchModel (and so might let a null through)."""
    for route in declared_routes(router.routes):
        if isinstance(route, APIRoute) and not isinstance(route, AppRoute):
            raise TypeError(f"{route.path}: declare its router with route_class=AppRoute")
        if isinstance(route, APIRoute) and "PATCH" in (route.methods or ()):
            for param in route.dependant.body_params:
                annotation = param.field_info.annotation
                if not (isinstance(annotation, type) and issubclass(annotation, PatchModel)):
                    raise TypeError(f"PATCH {route.path}: declare its body as a PatchModel")


def adopt_routes(target: APIRouter, source: APIRouter, *, prefix: str = "") -> None:
    """Declares ``source``'s routes again on ``target`` under ``prefix``, as FastAPI's
    include_router did before 0.16x: one flat list to match, not a branch per router."""
    for route in declared_routes(source.routes):
        if not isinstance(route, APIRoute):
            raise TypeError(f"{route!r}: only API routes can be adopted")
        target.add_api_route(
            prefix + route.path,
            route.endpoint,
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            dependencies=route.dependencies,
            summary=route.summary,
            description=route.description,
            response_description=route.response_description,
            responses=route.responses,
            deprecated=route.deprecated,
            methods=route.methods,
            operation_id=route.operation_id,
            response_model_include=route.response_model_include,
            response_model_exclude=route.response_model_exclude,
            response_model_by_alias=route.response_model_by_alias,
            response_model_exclude_unset=route.response_model_exclude_unset,
            response_model_exclude_defaults=route.response_model_exclude_defaults,
            response_model_exclude_none=route.response_model_exclude_none,
            include_in_schema=route.include_in_schema,
            response_class=route.response_class,
            name=route.name,
            route_class_override=type(route),
            callbacks=route.callbacks,
            openapi_extra=route.openapi_extra,
            generate_unique_id_function=route.generate_unique_id_function,
        )
        adopted = target.routes[-1]
        if isinstance(adopted, AppRoute):
            adopted.literal_start = adopted.path.partition("{")[0]


class RouteIndex(BaseRoute):
    """The app's routes under ``prefix``, found by their first path segment after it, so a
    request is matched against the few routes of its area rather than all two hundred in turn.

    Put first in the app's routes, ahead of the routes it indexes (which stay where they are,
    for the contract and for everything it does not answer). For a path under the prefix it
    tries, in the app's order, the routes that could match a path with that first segment;
    the first full match is the one the app's own walk would reach first, since every route
    before it that could match was tried. Anything else — no match, a method not allowed, a
    route it cannot place (such as a mount) — it leaves to the app's walk.
    """

    def __init__(self, routes: Iterable[BaseRoute], prefix: str) -> None:
        self.prefix = prefix.rstrip("/") + "/"
        # For each first segment, the routes that could match there, in the app's order;
        # None where a route stands that cannot be placed (the walk decides from there on).
        self._areas: dict[str, list[BaseRoute | None]] = {}
        everywhere: list[BaseRoute | None] = []
        for route in routes:
            segment = self._segment(route)
            if segment == "":
                continue  # never matches under the prefix
            if segment is None:
                everywhere.append(None)
                for candidates in self._areas.values():
                    candidates.append(None)
                continue
            self._areas.setdefault(segment, list(everywhere)).append(route)

    def _segment(self, route: BaseRoute) -> str | None:
        """The first segment every path ``route`` matches has under the prefix; "" if it
        matches none there, None if that cannot be told from its path."""
        path = getattr(route, "path", None)
        if not isinstance(route, Route) or not isinstance(path, str):
            return None
        literal = path.partition("{")[0]
        if not literal.startswith(self.prefix):
            return None if self.prefix.startswith(literal) else ""
        rest = literal[len(self.prefix) :]
        if "/" in rest or literal == path:
            return rest.partition("/")[0]
        return None  # a parameter within the first segment

    def _candidates(self, path: str) -> list[BaseRoute | None]:
        if not path.startswith(self.prefix):
            return []
        return self._areas.get(path[len(self.prefix) :].partition("/")[0], [])

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        for route in self._candidates(_route_path(scope)):
            if route is None:
                break
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                child_scope[_INDEXED_ROUTE] = route
                return Match.FULL, child_scope
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route: BaseRoute = scope.pop(_INDEXED_ROUTE)
        await route.handle(scope, receive, send)


_INDEXED_ROUTE = "masteryhub.indexed_route"
