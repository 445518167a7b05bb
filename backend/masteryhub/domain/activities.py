"""The activities release days and money are counted against (product.md)."""

from __future__ import annotations

import enum


class Activity(enum.StrEnum):
    """What a release day (or a day rate) is for. Use these codes everywhere."""

    RESIDENTIAL = "residential"
    SCHOOL_TRG = "school_trg"
    PILOT_TRG = "pilot_trg"
    WORK_GROUP_SESSION = "work_group_session"
    SCHOOL_SUPPORT_VISIT = "school_support_visit"
    PD_LEAD_TRAINING = "pd_lead_training"
    LAUNCH_EVENT = "launch_event"
    PLANNING = "planning"

    @property
    def label(self) -> str:
        return ACTIVITY_LABELS[self]


ACTIVITY_LABELS: dict[Activity, str] = {
    Activity.RESIDENTIAL: "Residential",
    Activity.SCHOOL_TRG: "School TRG",
    Activity.PILOT_TRG: "Pilot TRG",
    Activity.WORK_GROUP_SESSION: "Work group session",
    Activity.SCHOOL_SUPPORT_VISIT: "School support visit",
    Activity.PD_LEAD_TRAINING: "PD Lead training",
    Activity.LAUNCH_EVENT: "Launch event",
    Activity.PLANNING: "Planning",
}

# The key of a day-rate table that applies to every activity not listed on its own.
DEFAULT_RATE_KEY = "default"
DAY_RATE_KEYS = frozenset({DEFAULT_RATE_KEY, *Activity})


def day_rate_pence(rates: dict[str, int], activity: Activity) -> int | None:
    """The day rate for ``activity`` from a year rule's table; None when the hub sets it."""
    if activity.value in rates:
        return rates[activity.value]
    return rates.get(DEFAULT_RATE_KEY)
