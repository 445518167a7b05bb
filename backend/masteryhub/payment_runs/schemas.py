from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from masteryhub.models.payment_run import PaymentRunStatus


class PaymentRunCreate(BaseModel):
    """Which approved, unpaid entries the run pays (all of the hub's, narrowed by these)."""

    model_config = ConfigDict(extra="forbid")

    up_to: date | None = Field(
        default=None, description="Only entries for work done on or before this date."
    )
    school_id: uuid.UUID | None = Field(default=None, description="Only this school's entries.")
    cohort_id: uuid.UUID | None = Field(
        default=None, description="Only entries of specialists in this cohort."
    )


class PaymentRunCommit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    allow_negative_total: bool = Field(
        default=False,
        description="Commit a run whose total is below zero (it recovers more than it pays); "
        "without it such a run is refused `409 payment_run_negative`.",
    )


class PaymentRunVoid(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000, description="Why the run is voided.")

    @field_validator("reason", mode="before")
    @classmethod
    def _said(cls, value: object) -> object:
        """Spaces alone are no reason: the run's record must say why."""
        if isinstance(value, str):
            value = value.strip()
            if not value:
                raise ValueError("Say why the run is being voided.")
        return value


class PaymentRunSchool(BaseModel):
    """One school's part of a run: what its remittance says."""

    school_id: uuid.UUID
    urn: str
    name: str
    la_name: str | None
    lines: int
    total_pence: int


class PaymentRunFields(BaseModel):
    """A run's own columns, read from the row (``from_attributes``)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    hub_id: uuid.UUID
    reference: str
    status: PaymentRunStatus
    up_to: date | None
    school_id: uuid.UUID | None
    cohort_id: uuid.UUID | None
    entry_count: int
    school_count: int
    total_pence: int
    created_by_label: str
    created_at: datetime
    committed_at: datetime | None
    sent_at: datetime | None
    voided_at: datetime | None
    void_reason: str | None
    updated_at: datetime


class PaymentRunSummary(PaymentRunFields):
    warnings: list[str] = Field(
        description="What the hub lead should know before committing, in plain English: a "
        "school whose lines come to less than nothing, a run that recovers more than it pays."
    )


class PaymentRunRead(PaymentRunSummary):
    schools: list[PaymentRunSchool] = Field(description="Per school, by URN.")


class PaymentRunList(BaseModel):
    items: list[PaymentRunSummary]
