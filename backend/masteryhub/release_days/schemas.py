from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StrictInt,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from masteryhub.domain.activities import Activity
from masteryhub.domain.fields import IsoDate
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, EvidenceType
from masteryhub.release_confirmations.schemas import HeadConfirmation
from masteryhub.specialists.schemas import SchoolSummary

Currency = Literal["GBP"]


def days_of(half_days: int) -> float:
    """Half days as a JSON number of days: exact, since halves are exact binary fractions."""
    return half_days / 2


MAX_CLAIM_DAYS = 100


def _claim_days(value: Any) -> float | None:
    """A claim's days, with the refusals in words (a quarter day is refused, never rounded)."""
    if value is None:
        return None  # absent: the service says what is needed
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("Enter the number of days, for example 1.5.")
    try:
        days = float(value)
    except ValueError:
        raise ValueError("Enter the number of days, for example 1.5.") from None
    if days != days or days in (float("inf"), float("-inf")):
        raise ValueError("Enter the number of days, for example 1.5.")
    if not (days * 2).is_integer():
        raise ValueError("Release days are counted in half days.")
    if days <= 0:
        raise ValueError("Claim at least half a day.")
    if days > MAX_CLAIM_DAYS:
        raise ValueError(f"A claim is for at most {MAX_CLAIM_DAYS} days.")
    return days


ClaimDays = Annotated[
    float | None,
    BeforeValidator(_claim_days),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": MAX_CLAIM_DAYS,
                    "multipleOf": 0.5,
                },
                {"type": "null"},
            ]
        }
    ),
]


class Evidence(BaseModel):
    """The recorded event a claim points to; it must be the specialist's."""

    type: EvidenceType
    id: uuid.UUID


class ReleaseDayEntryCreate(BaseModel):
    """A claim. `release_days` (the default) needs `days` and `activity` and is paid at the year
    rule's day rate; `grant` needs a `grant_code` from the year rule's grants; `travel` needs
    `amount_pence`. Money-only entries use no days."""

    kind: EntryKind = EntryKind.RELEASE_DAYS
    date: IsoDate = Field(description="The day worked (or the day the cost arose).")
    days: ClaimDays = Field(None, description="In half-day steps, e.g. `1.5`.")
    activity: Activity | None = None
    school_id: uuid.UUID | None = Field(
        None, description="The school funded; the specialist's own school when absent."
    )
    evidence: Evidence | None = None
    grant_code: str | None = Field(None, max_length=64)
    amount_pence: StrictInt | None = Field(None, gt=0, le=100_000_000, description="Travel only.")
    note: str | None = Field(None, max_length=2000)

    @field_validator("amount_pence", mode="before")
    @classmethod
    def _whole_pence(cls, value: Any) -> Any:
        if isinstance(value, bool) or (value is not None and not isinstance(value, int)):
            raise ValueError("Enter the amount in whole pence.")
        if value is not None and value <= 0:
            raise ValueError("Enter an amount greater than nothing.")
        if value is not None and value > 100_000_000:
            raise ValueError("That amount is more than a claim can be (£1,000,000.00 at most).")
        return value

    @field_validator("note", "grant_code", mode="before")
    @classmethod
    def _short_enough(cls, value: Any, info: ValidationInfo) -> Any:
        limit = 2000 if info.field_name == "note" else 64
        if isinstance(value, str) and len(value) > limit:
            raise ValueError(f"Use at most {limit:,} characters.")
        return value


class ReversalCreate(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="Why the entry is reversed.")


class PaymentCreate(BaseModel):
    reference: str | None = Field(
        None, max_length=100, description="The finance system's payment reference."
    )


class ReleaseDayEntryRead(BaseModel):
    id: uuid.UUID
    specialist_id: uuid.UUID
    academic_year: str
    date: dt.date
    kind: EntryKind
    activity: str | None
    days: float = Field(description="Negative on a reversal; 0 on money-only entries.")
    day_rate_pence: int | None
    amount_pence: int = Field(description="Negative on a reversal.")
    currency: Currency = "GBP"
    grant_code: str | None
    school: SchoolSummary
    evidence: Evidence | None
    note: str | None
    status: EntryStatus
    reverses_id: uuid.UUID | None = Field(description="On a reversal: the entry it reverses.")
    reversed_by_id: uuid.UUID | None = Field(description="The reversal of this entry, if any.")
    recorded_by_id: uuid.UUID | None
    recorded_by_label: str
    recorded_at: dt.datetime
    approved_at: dt.datetime | None
    approved_by_id: uuid.UUID | None
    paid_at: dt.datetime | None
    paid_by_id: uuid.UUID | None
    payment_reference: str | None
    head_confirmation: HeadConfirmation = Field(
        HeadConfirmation.NOT_ASKED,
        description="Whether the school's headteacher has confirmed the day (release days only; "
        "grants, travel and reversals are never asked).",
    )
    updated_at: dt.datetime


class LedgerBalance(BaseModel):
    entitlement_days: float
    claimed_days: float = Field(description="Net of reversals.")
    approved_days: float = Field(description="Approved or paid.")
    paid_days: float
    remaining_days: float
    claimed_pence: int
    approved_pence: int = Field(description="Approved or paid.")
    paid_pence: int
    owed_pence: int = Field(description="Approved and not yet paid.")
    currency: Currency = "GBP"


class SpecialistLedger(BaseModel):
    specialist_id: uuid.UUID
    academic_year: str
    programme_year: int | None
    balance: LedgerBalance
    entries: list[ReleaseDayEntryRead]


class ClaimableEvent(BaseModel):
    """One of the specialist's recorded events a claim can point to as its evidence."""

    type: EvidenceType = Field(description="As `evidence.type` on a claim.")
    id: uuid.UUID = Field(description="As `evidence.id` on a claim.")
    date: dt.date = Field(description="The day held (a residential's first day).")
    title: str
    activity: Activity = Field(description="The activity a claim for this event is for.")
    claimed_days: float = Field(
        description="Days already claimed with this event as evidence, net of reversals."
    )


class ClaimableEvents(BaseModel):
    items: list[ClaimableEvent] = Field(description="Newest first.")
