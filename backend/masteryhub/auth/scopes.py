"""Scopes an API client can be granted. Each later area adds the scopes it checks."""

from __future__ import annotations

import enum


class Scope(enum.StrEnum):
    APPLICATIONS_SUBMIT = "applications:submit"
    APPLICATIONS_READ = "applications:read"
    # The reviewers' aggregate on an application: judgements about a person, so a client that
    # reads applications does not see it unless also granted this.
    REVIEWS_READ = "reviews:read"
    SCHOOLS_READ = "schools:read"
    COHORTS_READ = "cohorts:read"
    SPECIALISTS_READ = "specialists:read"
    LEDGER_READ = "ledger:read"
    DELIVERY_READ = "delivery:read"
    # Record TRG meetings, work groups and attendance as the hub (not as a specialist).
    DELIVERY_WRITE = "delivery:write"
