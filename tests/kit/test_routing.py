"""The route index (kit.routing.RouteIndex) answers with the route the app's own walk of its
routes would reach first, for every route the app declares."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from masteryhub.kit.routing import RouteIndex
from masteryhub.main import API_PREFIX


def _scope(method: str, path: str) -> Scope:
    return {"type": "http", "method": method, "path": path, "root_path": "", "headers": []}


def _walked(app: FastAPI, scope: Scope) -> object:
    """The route FastAPI's walk of the app's routes picks (full matches first in order)."""
    for route in app.router.routes:
        if isinstance(route, RouteIndex):
            continue
        match, child_scope = route.matches(scope)
        if match is Match.FULL:
            return child_scope.get("route", route)
    return None


def _indexed(app: FastAPI, scope: Scope) -> object:
    index = app.router.routes[0]
    assert isinstance(index, RouteIndex)
    match, child_scope = index.matches(scope)
    return child_scope["route"] if match is Match.FULL else None


def _example_path(route: APIRoute) -> str:
    # Each parameter filled with a value its convertor accepts.
    return re.sub(r"{[^}:]+(:[a-z]+)?}", "00000000-0000-0000-0000-000000000001", route.path)


def test_every_api_route_is_found_as_the_walk_finds_it(app: FastAPI) -> None:
    routes = [
        r for r in app.router.routes if isinstance(r, APIRoute) and r.path.startswith(API_PREFIX)
    ]
    assert len(routes) > 100
    for route in routes:
        for method in route.methods:
            scope = _scope(method, _example_path(route))
            walked = _walked(app, scope)
            assert walked is not None
            assert _indexed(app, scope) is walked, f"{method} {route.path}"


def test_what_the_index_cannot_answer_is_left_to_the_walk(app: FastAPI) -> None:
    # No such route, a method the path does not allow, and a path outside the API.
    for method, path in [
        ("GET", f"{API_PREFIX}/no-such-area"),
        ("DELETE", f"{API_PREFIX}/applications"),
        ("GET", "/healthz"),
    ]:
        assert _indexed(app, _scope(method, path)) is None


def test_a_route_with_a_parameter_first_stops_the_index_where_it_stands() -> None:
    app = FastAPI()

    @app.get("/api/v1/things/{thing}")
    def thing() -> None: ...

    @app.get("/api/v1/{anything}/{thing}")
    def anything() -> None: ...

    @app.get("/api/v1/others/{thing}")
    def other() -> None: ...

    index = RouteIndex(app.router.routes, "/api/v1")
    # Ahead of the catch-all: found. Behind it: left to the walk, which picks the catch-all.
    found, child_scope = index.matches(_scope("GET", "/api/v1/things/1"))
    assert found is Match.FULL and child_scope["route"].name == "thing"
    assert index.matches(_scope("GET", "/api/v1/others/1"))[0] is Match.NONE
