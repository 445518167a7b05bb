"""Payment runs: build from approved, unpaid entries; review per school; commit (every entry
paid with the run's reference, at once, audited); mark sent; void before sent.

A run is built as a draft that holds its entries (no other run can take them), so what the
hub lead reviews is exactly what is committed — less any entry reversed meanwhile, which
committing drops. Voiding a draft or a committed run returns its entries to approved.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.day_rates.service import hub_of
from masteryhub.domain.academic_year import utc_to_london_wall_time
from masteryhub.domain.activities import Activity
from masteryhub.errors import FieldError, InvalidTransition, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.etags import check_if_match
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import Cohort
from masteryhub.models.payment_run import PaymentRun, PaymentRunStatus
from masteryhub.models.school import School
from masteryhub.payment_runs.errors import NegativeRun, NothingToPay
from masteryhub.payment_runs.repository import (
    PaymentRunRepository,
    RemittanceLine,
    SchoolTotal,
    payable,
)
from masteryhub.payment_runs.schemas import PaymentRunCommit, PaymentRunCreate, PaymentRunVoid
from masteryhub.release_confirmations.holds import (
    held_back_note,
    payment_hold_of,
    release_disputed,
)
from masteryhub.reports.spreadsheets import pounds, text_cell


@dataclass(frozen=True)
class RunView:
    run: PaymentRun
    schools: list[SchoolTotal]


def pounds_text(pence: int) -> str:
    """£3,000.00, -£150.00: money as people read it."""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) // 100:,}.{abs(pence) % 100:02d}"


def warnings_of(run: PaymentRun, schools: Sequence[SchoolTotal] = ()) -> list[str]:
    """What the hub lead should know: before committing, a school whose lines come to less
    than nothing (a clawback bigger than what it is paid) and a run that recovers more than it
    pays (such a run still builds — never silently); and, until voided, the release days held
    back for their headteacher's word."""
    warnings = []
    if run.status in (PaymentRunStatus.DRAFT, PaymentRunStatus.COMMITTED):
        warnings += [
            f"{school.name} (URN {school.urn}) comes to {pounds_text(school.total_pence)} in "
            "this run: it recovers money from the school rather than paying it."
            for school in schools
            if school.total_pence < 0
        ]
        if run.total_pence < 0:
            warnings.append(
                f"This run recovers more than it pays: its total is "
                f"{pounds_text(run.total_pence)}. Committing it needs your explicit agreement."
            )
    if run.held_back_note and run.status is not PaymentRunStatus.VOIDED:
        warnings.append(run.held_back_note)
    return warnings


def _reference() -> str:
    return f"PR-{utc_to_london_wall_time(utcnow()):%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"


def _fix_totals(run: PaymentRun, schools: Sequence[SchoolTotal]) -> None:
    run.entry_count = sum(s.lines for s in schools)
    run.school_count = len(schools)
    run.total_pence = sum(s.total_pence for s in schools)


async def build_run(
    session: AsyncSession, actor: Principal, data: PaymentRunCreate, hub_id: uuid.UUID | None
) -> RunView:
    hub = hub_of(actor, hub_id)
    errors = []
    if data.school_id is not None and await session.get(School, data.school_id) is None:
        errors.append(FieldError(field="school_id", message="No school with that id."))
    if data.cohort_id is not None and await session.get(Cohort, data.cohort_id) is None:
        errors.append(FieldError(field="cohort_id", message="No cohort with that id."))
    if errors:
        raise ValidationFailed(errors=errors)
    runs = PaymentRunRepository(session)
    run = PaymentRun(
        hub_id=hub,
        reference=_reference(),
        status=PaymentRunStatus.DRAFT,
        up_to=data.up_to,
        school_id=data.school_id,
        cohort_id=data.cohort_id,
        created_by_id=actor.id,
        created_by_label=actor.label,
    )
    session.add(run)
    await session.flush()
    # The head's word: disputed entries never, unconfirmed ones not when the hub waits.
    hold = await payment_hold_of(session, hub)
    matching = payable(hub, up_to=data.up_to, school_id=data.school_id, cohort_id=data.cohort_id)
    run.held_back_note = await held_back_note(session, matching, hold)
    taken = await runs.reserve(run, [*matching, *hold])
    if taken == 0:
        raise NothingToPay(
            "No approved, unpaid entries match, so there is nothing to pay. Entries must be "
            "approved before a payment run can include them."
            + (f" {run.held_back_note}" if run.held_back_note else "")
        )
    schools = await runs.per_school(run.id)
    _fix_totals(run, schools)
    await audit.record(session, actor, "payment_run.built", run)
    return RunView(run, schools)


async def view_run(session: AsyncSession, run_id: uuid.UUID) -> RunView:
    runs = PaymentRunRepository(session)
    run = await runs.get(run_id)
    return RunView(run, await runs.per_school(run.id))


async def commit_run(
    session: AsyncSession,
    actor: Principal,
    run_id: uuid.UUID,
    data: PaymentRunCommit,
    if_match: str | None = None,
) -> RunView:
    runs = PaymentRunRepository(session)
    run = await runs.for_update(run_id)
    check_if_match(if_match, run)
    if run.status is not PaymentRunStatus.DRAFT:
        raise InvalidTransition(f"Only a draft run can be committed; this one is {run.status}.")
    before = audit.snapshot(run)
    await runs.release(run.id, reversed_only=True)
    await release_disputed(session, run.id)
    schools = await runs.per_school(run.id)
    _fix_totals(run, schools)
    if run.entry_count == 0:
        raise NothingToPay("Every entry in this run has been reversed since it was built.")
    if run.total_pence < 0 and not data.allow_negative_total:
        raise NegativeRun(
            f"This run's total is {pounds_text(run.total_pence)}: it recovers more than it "
            "pays. Confirm that you mean to commit it.",
            errors=[
                FieldError(
                    field="allow_negative_total",
                    message="Tick to confirm the run may take money back overall.",
                )
            ],
        )
    now = utcnow()
    await runs.pay(run, now, actor.id)
    run.status = PaymentRunStatus.COMMITTED
    run.committed_at = now
    run.committed_by_id = actor.id
    await audit.record(session, actor, "payment_run.committed", run, before=before)
    return RunView(run, schools)


async def mark_sent(
    session: AsyncSession, actor: Principal, run_id: uuid.UUID, if_match: str | None = None
) -> RunView:
    runs = PaymentRunRepository(session)
    run = await runs.for_update(run_id)
    check_if_match(if_match, run)
    if run.status is not PaymentRunStatus.COMMITTED:
        raise InvalidTransition(
            f"Only a committed run can be marked sent; this one is {run.status}."
        )
    before = audit.snapshot(run)
    run.status = PaymentRunStatus.SENT
    run.sent_at = utcnow()
    run.sent_by_id = actor.id
    await audit.record(session, actor, "payment_run.sent", run, before=before)
    return RunView(run, await runs.per_school(run.id))


async def void_run(
    session: AsyncSession,
    actor: Principal,
    run_id: uuid.UUID,
    data: PaymentRunVoid,
    if_match: str | None = None,
) -> RunView:
    runs = PaymentRunRepository(session)
    run = await runs.for_update(run_id)
    check_if_match(if_match, run)
    if run.status is PaymentRunStatus.SENT:
        raise InvalidTransition(
            "This run has been sent to the schools, so it can no longer be voided. Recover "
            "any overpayment with a reversal instead."
        )
    if run.status is PaymentRunStatus.VOIDED:
        raise InvalidTransition("This run is already voided.")
    before = audit.snapshot(run)
    await runs.unpay(run.id)
    run.status = PaymentRunStatus.VOIDED
    run.voided_at = utcnow()
    run.voided_by_id = actor.id
    run.void_reason = data.reason
    await audit.record(session, actor, "payment_run.voided", run, before=before)
    return RunView(run, [])


# ── remittance CSV ───────────────────────────────────────────────────────────────────────────

REMITTANCE_HEADINGS = (
    "Payment reference",
    "School URN",
    "School",
    "Local authority",
    "Date",
    "Specialist",
    "Item",
    "Days",
    "Day rate (£)",
    "Amount (£)",
    "Entry id",
)


def _item(line: RemittanceLine) -> str:
    if line.activity:
        try:
            label = Activity(line.activity).label
        except ValueError:
            label = line.activity
    elif line.grant_code:
        label = f"Grant: {line.grant_code}"
    else:
        label = line.kind.replace("_", " ").capitalize()
    return f"Reversal: {label}" if line.reverses_id else label


def remittance_csv(reference: str, lines: Sequence[RemittanceLine]) -> Iterator[str]:
    """Headings, one row per entry, and a total row; pounds with two decimals; text that a
    spreadsheet would read as a formula is prefixed with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REMITTANCE_HEADINGS)
    total = 0
    for start in range(0, len(lines), 500):
        for line in lines[start : start + 500]:
            total += line.amount_pence
            writer.writerow(
                [
                    text_cell(reference),
                    text_cell(line.school_urn),
                    text_cell(line.school_name),
                    text_cell(line.la_name),
                    line.worked_on.isoformat(),
                    text_cell(line.specialist_name),
                    text_cell(_item(line)),
                    f"{line.half_days / 2:g}" if line.half_days else "",
                    pounds(line.day_rate_pence),
                    pounds(line.amount_pence),
                    str(line.entry_id),
                ]
            )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    writer.writerow(["Total", "", "", "", "", "", "", "", "", pounds(total), ""])
    yield buffer.getvalue()


async def remittance(
    session: AsyncSession, run_id: uuid.UUID, school_id: uuid.UUID | None
) -> tuple[PaymentRun, list[RemittanceLine], str]:
    runs = PaymentRunRepository(session)
    run = await runs.get(run_id)
    lines = await runs.remittance(run.id, school_id)
    name = f"remittance-{run.reference}"
    if school_id is not None:
        urn = await session.scalar(select(School.urn).where(School.id == school_id))
        if urn is None:
            raise ValidationFailed(
                errors=[FieldError(field="school_id", message="No school with that id.")]
            )
        name += f"-{urn}"
    return run, lines, f"{name}.csv"
