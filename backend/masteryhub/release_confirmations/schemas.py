from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.domain.terms import TermName
from masteryhub.models.release_confirmation import DisputeResolution, LineAnswer


class HeadConfirmation(enum.StrEnum):
    """A release-day entry as its school's headteacher has (or has not) confirmed it."""

    NOT_ASKED = "not_asked"  # not yet asked (or not release days: grants and travel never are)
    AWAITING = "awaiting"  # asked; no answer yet
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"  # the head disputes it and the hub has not resolved it
    DISPUTE_RESOLVED = "dispute_resolved"  # disputed, then settled by the hub lead


class ConfirmationState(enum.StrEnum):
    AWAITING = "awaiting"
    EXPIRED = "expired"  # unanswered and every link has run out: the hub lead may resend
    ANSWERED = "answered"


# ── the headteacher's page (public) ──────────────────────────────────────────────────────────


class ConfirmationLineView(BaseModel):
    id: uuid.UUID = Field(description="Answer it by this id.")
    specialist_name: str
    date: dt.date
    activity: str | None
    activity_label: str = Field(description="What the day was for, as people read it.")
    days: float = Field(description="In half-day steps, e.g. 0.5.")


class ConfirmationView(BaseModel):
    school_name: str
    school_urn: str
    hub_name: str
    term: TermName
    term_label: str = Field(description='E.g. "Autumn term 2020".')
    academic_year: str
    term_starts_on: dt.date
    term_ends_on: dt.date
    headteacher_name: str | None
    link_expires_at: dt.datetime
    lines: list[ConfirmationLineView]


class LineAnswerWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line_id: uuid.UUID
    answer: LineAnswer
    comment: str | None = Field(
        default=None,
        max_length=2000,
        description="Required when the day is disputed: what was not as listed.",
    )


class ConfirmationAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: list[LineAnswerWrite] = Field(
        min_length=1, max_length=500, description="One answer for every line, each once."
    )
    name: str | None = Field(
        default=None, min_length=1, max_length=200, description="Who answers, if not as addressed."
    )


class ConfirmationReceipt(BaseModel):
    answered_at: dt.datetime
    confirmed: int
    disputed: int


# ── the hub lead's view ──────────────────────────────────────────────────────────────────────


class ConfirmationLineRead(BaseModel):
    id: uuid.UUID
    entry_id: uuid.UUID
    specialist_id: uuid.UUID
    specialist_name: str
    date: dt.date
    activity: str | None
    days: float
    amount_pence: int
    entry_status: str
    answer: LineAnswer | None
    comment: str | None
    resolution: DisputeResolution | None
    resolution_note: str | None
    resolved_at: dt.datetime | None
    resolved_by_label: str | None
    head_confirmation: HeadConfirmation


class ConfirmationSummary(BaseModel):
    id: uuid.UUID
    hub_id: uuid.UUID
    school_id: uuid.UUID
    school_urn: str
    school_name: str
    academic_year: str
    term: TermName
    term_label: str
    sequence: int = Field(description="1: the termly request; 2 and on: follow-ups.")
    headteacher_name: str | None
    sent_to: str
    sent_at: dt.datetime
    expires_at: dt.datetime
    answered_at: dt.datetime | None
    answered_by_name: str | None
    state: ConfirmationState
    lines: int
    confirmed_lines: int
    disputed_lines: int
    open_disputes: int = Field(description="Disputed lines the hub lead has not resolved.")
    updated_at: dt.datetime


class ConfirmationRead(ConfirmationSummary):
    items: list[ConfirmationLineRead]


class SchoolWithoutHead(BaseModel):
    """A school with release days to confirm and no headteacher email on record."""

    school_id: uuid.UUID
    hub_id: uuid.UUID
    school_urn: str
    school_name: str
    entries: int
    terms: list[str] = Field(description='Term labels, e.g. "Autumn term 2020".')


class ConfirmationList(BaseModel):
    items: list[ConfirmationSummary] = Field(description="Newest first (at most 200).")
    schools_without_head_email: list[SchoolWithoutHead]


class DisputeResolutionWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resolution: DisputeResolution = Field(
        description="`reversed`: the day was not given — the entry is reversed (the ledger's "
        "reversal); `upheld`: settled with the school — the day stands and may be paid."
    )
    note: str = Field(min_length=1, max_length=2000, description="What was agreed.")
