"""Structured logs (JSON in production, readable in development), each line with its request id."""

from __future__ import annotations

import logging

import orjson
import structlog


def configure_logging(env: str) -> None:
    production = env == "production"
    # In production, structlog's own fast path: orjson straight to bytes (a line per request).
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer(serializer=orjson.dumps)
        if production
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.WARNING if env == "test" else logging.INFO
        ),
        logger_factory=(
            structlog.BytesLoggerFactory() if production else structlog.PrintLoggerFactory()
        ),
        cache_logger_on_first_use=True,
    )
