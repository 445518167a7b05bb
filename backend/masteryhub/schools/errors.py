"""The problems the schools area answers with besides the shared ones (masteryhub.errors)."""

from __future__ import annotations

from masteryhub.errors import Conflict


class ImportInProgress(Conflict):
    code = "import_in_progress"
    title = "A schools import is already running"


class LaInAnotherHubArea(Conflict):
    code = "la_in_another_hub_area"
    title = "An LA is already in another hub's area"
