"""What release time is spent on (product.md). The day rate is looked up by this name in the
cohort's year rule, falling back to its "default" rate."""

from __future__ import annotations

import enum


class Activity(enum.StrEnum):
    RESIDENTIAL = "residential"
    SCHOOL_TRG = "school_trg"
    PILOT_TRG = "pilot_trg"
    WORK_GROUP_SESSION = "work_group_session"
    SCHOOL_SUPPORT_VISIT = "school_support_visit"
    PD_LEAD_TRAINING = "pd_lead_training"
    LAUNCH_EVENT = "launch_event"
    PLANNING = "planning"


DEFAULT_RATE = "default"
