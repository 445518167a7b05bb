from __future__ import annotations

import enum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from masteryhub.models.base import Entity
from masteryhub.models.programme import str_enum


class WarningMeasure(enum.StrEnum):
    """What a rule looks at, per specialist and academic year, as of the day it is asked."""

    RESIDENTIALS_ATTENDED = "residentials_attended"  # of the cohort's residentials that year
    RESIDENTIALS_MISSED = "residentials_missed"  # past ones not attended (absent or unrecorded)
    SCHOOL_TRGS_RECENT = "school_trgs_recent"  # school TRGs led in the last seven weeks
    PILOT_TRGS = "pilot_trgs"  # pilot TRG meetings led that year
    WORK_GROUPS_LED = "work_groups_led"  # work groups led that year, not cancelled
    RELEASE_DAYS_USED_PERCENT = "release_days_used_percent"  # claimed of entitlement, 0–100


class WarningComparison(enum.StrEnum):
    BELOW = "below"  # fires when the measure is below the threshold
    AT_LEAST = "at_least"  # fires when the measure is at least the threshold


class WarningStatus(enum.StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BEHIND = "behind"


class EarlyWarningRule(Entity):
    """One expectation of the programme documents as data: for specialists in programme years
    ``programme_year_from``–``programme_year_to`` (open-ended when None), from ``from_month``
    of the academic year on (1 = September … 12 = August), when ``measure`` is ``comparison``
    ``threshold``, the specialist is ``status`` for ``reason``. National reference data."""

    __tablename__ = "early_warning_rules"

    position: Mapped[int]
    programme_year_from: Mapped[int]
    programme_year_to: Mapped[int | None]
    measure: Mapped[WarningMeasure] = mapped_column(str_enum(WarningMeasure, 32))
    comparison: Mapped[WarningComparison] = mapped_column(str_enum(WarningComparison, 16))
    threshold: Mapped[int]
    from_month: Mapped[int]
    status: Mapped[WarningStatus] = mapped_column(str_enum(WarningStatus, 16))
    reason: Mapped[str] = mapped_column(String(200))
