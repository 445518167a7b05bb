"""Structured logs (JSON in production, readable in development), each line with its request id."""

from __future__ import annotations

import logging

import structlog


def configure_logging(env: str) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if env == "production"
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
        cache_logger_on_first_use=True,
    )
