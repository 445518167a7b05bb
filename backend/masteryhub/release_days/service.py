"""The release-day ledger's rules: entitlement cap, day rates, reversals, approval, payment.

Concurrency: every write locks the specialist's row first (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite the request already holds the write lock from BEGIN IMMEDIATE), so two
claims for the same specialist are serialised and the second reads the first's days before
checking the cap.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.day_rates.service import hub_rates_for_claim, rate_for
from masteryhub.domain.academic_year import academic_year_of, programme_year_if_begun
from masteryhub.domain.activities import Activity
from masteryhub.errors import Conflict, FieldError, Forbidden, InvalidTransition, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.etags import check_if_match
from masteryhub.kit.prepared import Rows
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import CohortYearRule
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from masteryhub.release_confirmations.holds import payment_blocked
from masteryhub.release_confirmations.repository import state_of as head_state_of
from masteryhub.release_confirmations.schemas import HeadConfirmation
from masteryhub.release_days.evidence import check_evidence
from masteryhub.release_days.repository import LedgerTotals, ReleaseDayEntryRepository
from masteryhub.release_days.schemas import (
    LedgerBalance,
    PaymentCreate,
    ReleaseDayEntryCreate,
    ReversalCreate,
    days_of,
)
from masteryhub.specialists.repository import SpecialistRepository


class ReleaseDayCapExceeded(Conflict):
    code = "release_day_cap_exceeded"
    title = "The claim would exceed the release-day entitlement"


class DayRateNotSet(Conflict):
    code = "day_rate_not_set"
    title = "No day rate is set for this activity"


class YearRuleNotSet(Conflict):
    code = "year_rule_not_set"
    title = "The cohort has no funding rules for this programme year"


class EntryAlreadyReversed(Conflict):
    code = "entry_already_reversed"
    title = "This entry has been reversed"


class SelfApprovalForbidden(Forbidden):
    code = "self_approval_forbidden"
    title = "You cannot approve or pay your own claim"


class FourEyesRequired(Forbidden):
    code = "four_eyes_required"
    title = "Someone other than the person who recorded it must approve it"


KIND_PHRASES = {
    EntryKind.RELEASE_DAYS: "a claim for release days",
    EntryKind.GRANT: "a grant",
    EntryKind.TRAVEL: "travel costs",
}
MISSING = {
    "days": "Enter the number of days.",
    "activity": "Choose the activity.",
    "grant_code": "Choose the grant.",
    "amount_pence": "Enter the amount.",
}


def amount_for(half_days: int, day_rate_pence: int) -> int:
    """days × rate in integer pence. Exact whenever the rate is a whole number of pence per
    half day (any even rate); an odd rate on an odd number of half days leaves a half penny,
    rounded up in the school's favour."""
    return (half_days * day_rate_pence + 1) // 2


def day_rate(
    rule: CohortYearRule, activity: Activity, hub_rates: dict[str, int] | None = None
) -> int | None:
    """The claiming specialist's hub's rate for the activity, else the hub's default, else the
    cohort's national rule (activity, else default); None when nobody has set one."""
    return rate_for(rule.day_rates_pence or {}, hub_rates, activity)


def _days_text(half_days: int) -> str:
    days = days_of(half_days)
    return f"{days:g}"


def balance_of(entitlement_half_days: int, totals: LedgerTotals) -> LedgerBalance:
    return LedgerBalance(
        entitlement_days=days_of(entitlement_half_days),
        claimed_days=days_of(totals.claimed_half_days),
        approved_days=days_of(totals.approved_half_days),
        paid_days=days_of(totals.paid_half_days),
        remaining_days=days_of(entitlement_half_days - totals.claimed_half_days),
        claimed_pence=totals.claimed_pence,
        approved_pence=totals.approved_pence,
        paid_pence=totals.paid_pence,
        owed_pence=totals.owed_pence,
    )


def ledger_read(specialist_id: uuid.UUID, academic_year: str, rows: Rows) -> dict[str, Any]:
    """SpecialistLedger's fields from ``ReleaseDayEntryRepository.ledger``'s rows: the balance
    summed from the entries in hand (the same sums as ``ledger_totals()`` makes in SQL)."""
    first = rows[0]
    year = int(first["programme_year"])
    entries = [row for row in rows if row["id"] is not None]
    reversals = {row["reverses_id"]: row["id"] for row in entries if row["reverses_id"] is not None}
    totals = LedgerTotals.of_entries(
        (r["status"], r["half_days"], r["amount_pence"]) for r in entries
    )
    return {
        "specialist_id": specialist_id,
        "academic_year": academic_year,
        "programme_year": year if year >= 1 else None,
        "balance": balance_of(
            int(first["entitlement"] or 0) if year >= 1 else 0, totals
        ).model_dump(),
        "entries": [
            {
                "id": row["id"],
                "specialist_id": specialist_id,
                "academic_year": academic_year,
                "date": row["worked_on"],
                "kind": row["kind"],
                "activity": row["activity"],
                "days": days_of(row["half_days"]),
                "day_rate_pence": row["day_rate_pence"],
                "amount_pence": row["amount_pence"],
                "currency": "GBP",
                "grant_code": row["grant_code"],
                "school": {
                    "id": row["school_id"],
                    "urn": row["school_urn"],
                    "name": row["school_name"],
                },
                "evidence": (
                    {"type": row["evidence_type"], "id": row["evidence_id"]}
                    if row["evidence_type"] is not None and row["evidence_id"] is not None
                    else None
                ),
                "note": row["note"],
                "status": row["status"],
                "reverses_id": row["reverses_id"],
                "reversed_by_id": reversals.get(row["id"]),
                "recorded_by_id": row["recorded_by_id"],
                "recorded_by_label": row["recorded_by_label"],
                "recorded_at": row["created_at"],
                "approved_at": row["approved_at"],
                "approved_by_id": row["approved_by_id"],
                "paid_at": row["paid_at"],
                "paid_by_id": row["paid_by_id"],
                "payment_reference": row["payment_reference"],
                "head_confirmation": (
                    HeadConfirmation.NOT_ASKED
                    if row["head_line_id"] is None
                    else head_state_of(row["head_answer"], row["head_resolved_at"])
                ),
                "updated_at": row["updated_at"],
            }
            for row in entries
        ],
    }


def _require(data: ReleaseDayEntryCreate, *required: str, absent: tuple[str, ...]) -> None:
    errors = [
        FieldError(field=name, message=MISSING[name])
        for name in required
        if getattr(data, name) is None
    ] + [
        FieldError(field=name, message=f"Leave this out of {KIND_PHRASES[data.kind]}.")
        for name in absent
        if getattr(data, name) is not None
    ]
    if errors:
        raise ValidationFailed(errors=errors)


async def _funded_school(
    session: AsyncSession, specialist: Specialist, school_id: uuid.UUID | None, by_themself: bool
) -> School:
    if school_id is None:
        if specialist.school is None:
            whom = "you" if by_themself else "this specialist"
            raise ValidationFailed(
                errors=[
                    FieldError(
                        field="school_id",
                        message="Choose the school this claim funds: no school is on record "
                        f"for {whom}.",
                    )
                ]
            )
        return specialist.school
    school = await session.scalar(select(School).where(School.id == school_id))
    if school is None:
        raise ValidationFailed(
            errors=[FieldError(field="school_id", message="No school with that id.")]
        )
    return school


async def record_claim(
    session: AsyncSession,
    actor: Principal,
    specialist_id: uuid.UUID,
    data: ReleaseDayEntryCreate,
) -> ReleaseDayEntry:
    if data.kind is EntryKind.RELEASE_DAYS:
        _require(data, "days", "activity", absent=("grant_code", "amount_pence"))
    elif data.kind is EntryKind.GRANT:
        _require(data, "grant_code", absent=("days", "amount_pence"))
    else:
        _require(data, "amount_pence", absent=("days", "grant_code"))
    # The lock comes first: everything below reads state another claim could change.
    specialist = await SpecialistRepository(session).lock_for_claim(actor, specialist_id)
    by_themself = actor.kind == "user" and specialist.user_id == actor.id
    entries = ReleaseDayEntryRepository(session)
    academic_year = academic_year_of(data.date)
    cohort = specialist.cohort
    year = programme_year_if_begun(cohort.development_year, academic_year)
    if year is None:
        raise ValidationFailed(
            errors=[
                FieldError(
                    field="date",
                    message="That date is before the programme starts "
                    f"({cohort.development_year}).",
                )
            ]
        )
    rule = await entries.year_rule(specialist.cohort_id, year)
    if rule is None:
        raise YearRuleNotSet(
            f"{cohort.name} has no funding rules for {academic_year}, so nothing can be "
            "claimed for that year yet. Ask the national team to set them.",
            errors=[
                FieldError(
                    field="date",
                    message=f"Nothing can be claimed for {academic_year} yet: the programme's "
                    "funding for that year is not set.",
                )
            ],
            extra={"cohort_id": str(cohort.id), "programme_year": year},
        )
    school = await _funded_school(session, specialist, data.school_id, by_themself)
    if data.evidence is not None:
        await check_evidence(session, specialist, data.evidence, by_themself=by_themself)

    half_days = 0
    rate: int | None = None
    if data.kind is EntryKind.RELEASE_DAYS:
        assert data.days is not None and data.activity is not None
        half_days = int(data.days * 2)  # exact: validated as a multiple of 0.5
        hub_rates = await hub_rates_for_claim(session, specialist.hub_id, cohort.id, year)
        rate = day_rate(rule, data.activity, hub_rates)
        if rate is None:
            raise DayRateNotSet(
                f"No day rate is set for {data.activity.label.lower()} in {academic_year} "
                f"({cohort.name}). The hub lead must set the day rate before these days can "
                "be claimed.",
                errors=[
                    FieldError(
                        field="activity",
                        message="No day rate is set for this activity yet: your hub lead sets "
                        "it on the day rates page.",
                    )
                ],
                extra={
                    "cohort_id": str(cohort.id),
                    "programme_year": year,
                    "academic_year": academic_year,
                },
            )
        totals = await entries.totals(specialist.id, academic_year)
        remaining = rule.release_half_days - totals.claimed_half_days
        if half_days > remaining:
            left = _days_text(max(remaining, 0))
            cap_message = (
                f"Only {left} of the {_days_text(rule.release_half_days)} release days "
                f"remain for {academic_year}."
                if remaining > 0
                else f"All {_days_text(rule.release_half_days)} release days for "
                f"{academic_year} have been claimed."
            )
            raise ReleaseDayCapExceeded(
                f"{cap_message} This claim is for {_days_text(half_days)}.",
                errors=[FieldError(field="days", message=cap_message)],
                extra={
                    "remaining_days": days_of(max(remaining, 0)),
                    "entitlement_days": days_of(rule.release_half_days),
                    "academic_year": academic_year,
                },
            )
        amount = amount_for(half_days, rate)
    elif data.kind is EntryKind.GRANT:
        grant = next((g for g in rule.grants or [] if g.get("code") == data.grant_code), None)
        if grant is None:
            offered = [str(g.get("description") or g.get("code")) for g in rule.grants or []]
            raise ValidationFailed(
                errors=[
                    FieldError(
                        field="grant_code",
                        message=f"That grant is not paid in {academic_year}. "
                        + (
                            f"Grants that year: {'; '.join(offered)}."
                            if offered
                            else "No grants are paid that year."
                        ),
                    )
                ]
            )
        amount = int(grant["amount_pence"])
    else:
        assert data.amount_pence is not None
        amount = data.amount_pence

    entry = ReleaseDayEntry(
        hub_id=specialist.hub_id,
        specialist_id=specialist.id,
        academic_year=academic_year,
        worked_on=data.date,
        kind=data.kind,
        activity=data.activity.value if data.activity else None,
        half_days=half_days,
        day_rate_pence=rate,
        amount_pence=amount,
        grant_code=data.grant_code,
        school_id=school.id,
        evidence_type=data.evidence.type if data.evidence else None,
        evidence_id=data.evidence.id if data.evidence else None,
        note=data.note,
        status=EntryStatus.CLAIMED,
        recorded_by_id=actor.id,
        recorded_by_label=actor.label,
    )
    entry.school = school
    session.add(entry)
    await audit.record(session, actor, "release_day_entry.claimed", entry)
    return entry


async def reverse_entry(
    session: AsyncSession,
    actor: Principal,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    data: ReversalCreate,
) -> ReleaseDayEntry:
    specialist = await SpecialistRepository(session).lock_for_claim(actor, specialist_id)
    entries = ReleaseDayEntryRepository(session)
    original = await entries.in_ledger(specialist.id, entry_id, lock=True)
    if original.reverses_id is not None:
        raise InvalidTransition("A reversal cannot be reversed; record a new claim instead.")
    if original.status in (EntryStatus.PROPOSED, EntryStatus.REJECTED):
        raise InvalidTransition("A proposed entry is accepted or rejected, never reversed.")
    if original.status is not EntryStatus.CLAIMED and not actor.has_role(
        Role.HUB_LEAD, Role.NATIONAL_ADMIN
    ):
        raise Forbidden("Only a hub lead can reverse an approved or paid entry.")
    if await entries.reversal_of(original.id) is not None:
        raise EntryAlreadyReversed("This entry has already been reversed.")
    # The reversal stands where the original stood, so the pair nets to nothing in every
    # column; reversing a paid entry leaves money to recover (approved, negative) until the
    # hub marks the reversal paid.
    status = EntryStatus.CLAIMED if original.status is EntryStatus.CLAIMED else EntryStatus.APPROVED
    now = utcnow()
    reversal = original.reversal(
        note=data.reason,
        status=status,
        recorded_by_id=actor.id,
        recorded_by_label=actor.label,
        approved_at=now if status is EntryStatus.APPROVED else None,
        approved_by_id=actor.id if status is EntryStatus.APPROVED else None,
    )
    reversal.school = original.school
    session.add(reversal)
    await audit.record(session, actor, "release_day_entry.reversed", reversal)
    return reversal


def _check_four_eyes(
    actor: Principal, specialist: Specialist, entry: ReleaseDayEntry, doing: str
) -> None:
    """Nobody approves or pays a claim for themself, nor one they recorded (four eyes). The
    payment of a reversal is exempt from the second rule: a reversal only takes money back, and
    it stands where the entry it reverses stood, which a second person approved."""
    if actor.kind == "user" and specialist.user_id == actor.id:
        raise SelfApprovalForbidden(f"This claim is your own: another approver must {doing} it.")
    if entry.recorded_by_id == actor.id and not (doing == "pay" and entry.reverses_id):
        raise FourEyesRequired(
            f"You recorded this entry, so someone else must {doing} it: a second person checks "
            "every claim."
        )


async def approve_entry(
    session: AsyncSession,
    actor: Principal,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    if_match: str | None = None,
) -> ReleaseDayEntry:
    specialist = await SpecialistRepository(session).get(specialist_id)
    entries = ReleaseDayEntryRepository(session)
    entry = await entries.in_ledger(specialist.id, entry_id, lock=True)
    check_if_match(if_match, entry)
    _check_four_eyes(actor, specialist, entry, "approve")
    if entry.reverses_id is not None:
        raise InvalidTransition("A reversal takes its status from the entry it reverses.")
    if entry.status is not EntryStatus.CLAIMED:
        raise InvalidTransition(
            f"Only a claimed entry can be approved; this one is {entry.status}."
        )
    if await entries.reversal_of(entry.id) is not None:
        raise EntryAlreadyReversed("This entry has been reversed; there is nothing to approve.")
    before = audit.snapshot(entry)
    entry.status = EntryStatus.APPROVED
    entry.approved_at = utcnow()
    entry.approved_by_id = actor.id
    await audit.record(session, actor, "release_day_entry.approved", entry, before=before)
    return entry


async def mark_paid(
    session: AsyncSession,
    actor: Principal,
    specialist_id: uuid.UUID,
    entry_id: uuid.UUID,
    data: PaymentCreate,
    if_match: str | None = None,
) -> ReleaseDayEntry:
    specialist = await SpecialistRepository(session).get(specialist_id)
    entries = ReleaseDayEntryRepository(session)
    entry = await entries.in_ledger(specialist.id, entry_id, lock=True)
    check_if_match(if_match, entry)
    _check_four_eyes(actor, specialist, entry, "pay")
    if entry.status is not EntryStatus.APPROVED:
        raise InvalidTransition(f"Only an approved entry can be paid; this one is {entry.status}.")
    if entry.payment_run_id is not None:
        raise InvalidTransition(
            "This entry is in a payment run: it is paid when the hub lead commits the run."
        )
    if entry.reverses_id is not None:
        original = await entries.in_ledger(specialist.id, entry.reverses_id)
        if original.status is not EntryStatus.PAID:
            raise InvalidTransition(
                "The reversed entry was never paid, so there is nothing to recover."
            )
    elif await entries.reversal_of(entry.id) is not None:
        raise EntryAlreadyReversed("This entry has been reversed; it must not be paid.")
    if (blocked := await payment_blocked(session, entry)) is not None:
        raise InvalidTransition(blocked)
    before = audit.snapshot(entry)
    entry.status = EntryStatus.PAID
    entry.paid_at = utcnow()
    entry.paid_by_id = actor.id
    entry.payment_reference = data.reference
    await audit.record(session, actor, "release_day_entry.paid", entry, before=before)
    return entry
