"""The pipeline's arrangements (cohort, schools, clock, form clients) for these tests too."""

from tests.applications.conftest import clock, world

__all__ = ["clock", "world"]
