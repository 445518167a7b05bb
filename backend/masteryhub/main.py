"""The application factory: middleware, error handlers, routers, the OpenAPI contract."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from masteryhub import health
from masteryhub.accounts.endpoints import router as accounts_router
from masteryhub.api_clients.endpoints import router as api_clients_router
from masteryhub.applications.endpoints import router as applications_router
from masteryhub.applications.references.endpoints import router as references_router
from masteryhub.applications.reports import router as application_reports_router
from masteryhub.applications.reviews.endpoints import router as reviews_router
from masteryhub.audit.endpoints import router as audit_router
from masteryhub.auth.endpoints import router as auth_router
from masteryhub.auth.passwords import configure_pool
from masteryhub.calendar.endpoints import router as calendar_router
from masteryhub.cohorts.endpoints import residentials_router as cohort_residentials_router
from masteryhub.cohorts.endpoints import router as cohorts_router
from masteryhub.config import Settings, get_settings
from masteryhub.data_cuts.endpoints import router as data_cuts_router
from masteryhub.day_rates.endpoints import router as day_rates_router
from masteryhub.db import create_engine, create_reader_sessionmaker, create_sessionmaker
from masteryhub.early_warnings.endpoints import router as early_warnings_router
from masteryhub.errors import PROBLEM_JSON, Problem, install_error_handlers
from masteryhub.hub_settings.endpoints import router as hub_settings_router
from masteryhub.hubs.endpoints import router as hubs_router
from masteryhub.kit.client_address import ClientAddressMiddleware
from masteryhub.kit.middleware import (
    ApiResponseHeadersMiddleware,
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
)
from masteryhub.kit.ratelimit import RateLimits
from masteryhub.kit.routing import RouteIndex, adopt_routes, require_app_routes
from masteryhub.logging import configure_logging
from masteryhub.mail.dispatcher import Dispatcher
from masteryhub.national.endpoints import router as national_router
from masteryhub.payment_runs.endpoints import router as payment_runs_router
from masteryhub.people.endpoints import router as people_router
from masteryhub.programmes.endpoints import router as programmes_router
from masteryhub.proposals.endpoints import grants_router
from masteryhub.proposals.endpoints import router as proposals_router
from masteryhub.release_confirmations.endpoints import public_router as confirmation_links_router
from masteryhub.release_confirmations.endpoints import router as release_confirmations_router
from masteryhub.release_days.endpoints import router as release_days_router
from masteryhub.reports.endpoints import engagement_router
from masteryhub.reports.endpoints import router as reports_router
from masteryhub.residentials.endpoints import router as residentials_router
from masteryhub.school_contacts.endpoints import router as school_contacts_router
from masteryhub.schools.endpoints import router as schools_router
from masteryhub.spa import SinglePageApp
from masteryhub.specialists.endpoints import router as specialists_router
from masteryhub.trg_meetings.endpoints import router as trg_meetings_router
from masteryhub.users.endpoints import router as users_router
from masteryhub.work_groups.endpoints import router as work_groups_router

API_PREFIX = "/api/v1"
API_TITLE = "MasteryHub API"
API_VERSION = "1.0.0"
# Paths that accept larger bodies than the 1 MiB default (file uploads).
LARGE_BODY_PATHS = (f"{API_PREFIX}/schools/imports",)


AREA_ROUTERS = (
    auth_router,
    accounts_router,
    hubs_router,
    hub_settings_router,
    users_router,
    api_clients_router,
    audit_router,
    trg_meetings_router,
    work_groups_router,
    residentials_router,
    engagement_router,
    calendar_router,
    programmes_router,
    cohorts_router,
    cohort_residentials_router,
    day_rates_router,
    applications_router,
    reviews_router,
    references_router,
    application_reports_router,
    people_router,
    schools_router,
    specialists_router,
    release_days_router,
    reports_router,
    national_router,
    early_warnings_router,
    data_cuts_router,
    payment_runs_router,
    proposals_router,
    grants_router,
    school_contacts_router,
    release_confirmations_router,
    confirmation_links_router,
)


def adopt_api_routes(app: FastAPI) -> None:
    """Every area's routes, on the app's own router under the API prefix."""
    for area in AREA_ROUTERS:
        # An adopted route keeps the class it was declared with, so each area's router must
        # be created with route_class=AppRoute or Idempotency-Key would silently do nothing.
        require_app_routes(area)
        adopt_routes(app.router, area, prefix=API_PREFIX)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    dispatcher = None
    if app.state.settings.run_dispatcher_in_process:
        # `make run`: deliver email from the API process; production runs `masteryhub worker`.
        dispatcher = Dispatcher(app.state.sessionmaker, app.state.settings)
        dispatcher.start()
    yield
    if dispatcher is not None:
        await dispatcher.stop()
    await app.state.engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.env)
    app = FastAPI(
        title=API_TITLE,
        version=API_VERSION,
        description="Running England's Maths Hubs' Mastery Specialist programmes.",
        openapi_url=f"{API_PREFIX}/openapi.json",  # public: integrators generate clients
        # The interactive docs are off in production unless MASTERYHUB_API_DOCS turns them on.
        docs_url="/api/docs" if settings.api_docs else None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = create_engine(settings)
    app.state.sessionmaker = create_sessionmaker(app.state.engine)
    app.state.reader_sessionmaker = create_reader_sessionmaker(app.state.engine)
    app.state.rate_limits = RateLimits(settings)
    app.state.hashing = configure_pool(
        settings.password_hash_threads or 1, settings.password_hash_queue
    )

    install_error_handlers(app)
    adopt_routes(app.router, health.router)
    adopt_api_routes(app)
    spa_dir = settings.spa_dir
    if spa_dir is not None and (spa_dir / "index.html").is_file():
        app.mount("/", SinglePageApp(spa_dir), name="spa")
    app.router.routes.insert(0, RouteIndex(app.router.routes, API_PREFIX))

    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        overrides=dict.fromkeys(LARGE_BODY_PATHS, settings.max_import_bytes),
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Link", "Location", "Idempotent-Replayed", "X-Request-ID"],
        )
    app.add_middleware(ApiResponseHeadersMiddleware, prefix="/api/")
    app.add_middleware(RequestContextMiddleware)
    # Outermost: every throttle and log line below sees the address it chooses.
    app.add_middleware(ClientAddressMiddleware, trusted=settings.trusted_proxy_networks)
    app.openapi = lambda: contract(app)  # type: ignore[method-assign]
    return app


# Statuses every authenticated operation may answer, declared so generated clients are typed.
COMMON_ERRORS = {
    "401": "Not signed in, or the token is not valid",
    "403": "Signed in, but not allowed",
    "413": "The request body is too large",
    "422": "The request is not valid (every bad field is listed)",
    "429": "Too many requests",
    "500": "A bug on our side",
}


SERVICE_UNAVAILABLE: dict[str, Any] = {
    "description": "The database cannot be reached just now (`service_unavailable`); "
    "retry after the seconds in `Retry-After`",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}
BAD_REQUEST = (
    "The request cannot be read: a malformed body, a cursor not from this list (or its sort), "
    "or a required Idempotency-Key missing"
)


def _reads_a_body_cursor_or_key(operation: dict[str, Any]) -> bool:
    """Operations that answer 400 for input they cannot read (see BAD_REQUEST)."""
    names = {(p.get("in"), p.get("name")) for p in operation.get("parameters", [])}
    return (
        "requestBody" in operation
        or ("query", "cursor") in names
        or ("header", "Idempotency-Key") in names
    )


def contract(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with every error response declared as problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for defs_name, defs in components["Problem"].pop("$defs", {}).items():
        components.setdefault(defs_name, defs)
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if path.startswith(API_PREFIX):
                # Every operation, the token endpoint's too, needs the database.
                responses.setdefault("503", dict(SERVICE_UNAVAILABLE))
                if _reads_a_body_cursor_or_key(operation):
                    responses.setdefault("400", {"description": BAD_REQUEST})
            if path.startswith(API_PREFIX) and operation.get("operationId") not in {
                "auth-token",
                "auth-revoke",
                "auth-password-policy",
            }:
                for status, description in COMMON_ERRORS.items():
                    responses.setdefault(status, {"description": description})
                if "{" in path:
                    responses.setdefault("404", {"description": "Not found (or another hub's)"})
            for status, response in responses.items():
                if (
                    status.startswith(("4", "5")) and operation.get("operationId") != "auth-token"
                ) or status in {"422", "503"}:
                    # Named examples (the stable codes of `problem_responses(errors=...)`) stay.
                    declared = response.get("content", {}).get(PROBLEM_JSON, {})
                    problem: dict[str, Any] = {"schema": problem_ref}
                    if "examples" in declared:
                        problem["examples"] = declared["examples"]
                    response["content"] = {PROBLEM_JSON: problem}
    app.openapi_schema = schema
    return schema
