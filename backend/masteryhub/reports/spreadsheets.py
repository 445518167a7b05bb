"""The reports as CSV for a spreadsheet: text that would start a formula is prefixed with an
apostrophe (OWASP: spreadsheet formula injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from masteryhub.domain.academic_year import utc_to_london_wall_time
from masteryhub.models.release_day_entry import EntryStatus, EvidenceType
from masteryhub.reports.schemas import EntryLine

CSV = "text/csv"

# ── The release-day report ───────────────────────────────────────────────────────────────────

CSV_COLUMNS = (
    "line",
    "specialist_id",
    "specialist_name",
    "cohort_code",
    "programme_year",
    "school_urn",
    "school_name",
    "entitlement_days",
    "claimed_days",
    "approved_days",
    "paid_days",
    "remaining_days",
    "claimed_pence",
    "approved_pence",
    "paid_pence",
    "owed_pence",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):  # days, always whole or half
        return str(int(value)) if value.is_integer() else str(value)
    text = str(value)
    # Spreadsheet formula injection: a name like "=HYPERLINK(...)" must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _day_cells(line: dict[str, Any]) -> list[object]:
    return [line["claimed_days"], line["approved_days"], line["paid_days"]]


def _pence_cells(line: dict[str, Any]) -> list[object]:
    return [line["claimed_pence"], line["approved_pence"], line["paid_pence"], line["owed_pence"]]


def render_csv(report: dict[str, Any]) -> str:
    """The report (``ReleaseDayReport``'s fields, as reports.service builds them) as CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in report["specialists"]:
        row: list[object] = [
            "specialist",
            s["specialist_id"],
            f"{s['first_name']} {s['last_name']}",
            s["cohort_code"],
            s["programme_year"],
            s["school_urn"],
            s["school_name"],
            s["entitlement_days"],
            *_day_cells(s),
            s["remaining_days"],
            *_pence_cells(s),
        ]
        writer.writerow([_cell(v) for v in row])
    for school in report["schools"]:
        row = ["school", None, None, None, None, school["urn"], school["name"], None]
        row += [*_day_cells(school), None, *_pence_cells(school)]
        writer.writerow([_cell(v) for v in row])
    t = report["totals"]
    row = ["total", None, None, None, None, None, None, t["entitlement_days"]]
    row += [*_day_cells(t), t["remaining_days"], *_pence_cells(t)]
    writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


# ── The entries export ───────────────────────────────────────────────────────────────────────

CSV_HEADINGS = (
    "Date",
    "Specialist",
    "School URN",
    "School",
    "Local authority",
    "Activity or grant",
    "Days",
    "Day rate (£)",
    "Amount (£)",
    "Status",
    "Recorded by",
    "Approved by",
    "Approved at",
    "Paid at",
    "Payment reference",
    "Evidence",
    "Evidence id",
    "Reverses entry",
    "Entry id",
    "Specialist id",
)
# Spreadsheet formula injection (OWASP): text beginning with these is read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EVIDENCE_LABELS = {
    EvidenceType.TRG_MEETING: "TRG meeting",
    EvidenceType.RESIDENTIAL: "Residential",
    EvidenceType.WORK_GROUP_SESSION: "Work group session",
    EvidenceType.WORK_GROUP: "Work group",
}
STATUS_LABELS = {
    EntryStatus.PROPOSED: "Proposed",
    EntryStatus.REJECTED: "Rejected",
    EntryStatus.CLAIMED: "Claimed",
    EntryStatus.APPROVED: "Approved",
    EntryStatus.PAID: "Paid",
}


def pounds(pence: int | None) -> str:
    """Integer pence as pounds with two decimals, exactly: -35000 → "-350.00"."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def text_cell(value: object) -> str:
    """Text as a spreadsheet must show it: a cell that would start a formula is prefixed with
    an apostrophe. Numbers are written by `pounds` and `days_cell`, never through this."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def days_cell(days: float) -> str:
    return f"{days:g}"


def _london(instant: datetime | None) -> str:
    return "" if instant is None else f"{utc_to_london_wall_time(instant):%Y-%m-%d %H:%M}"


def csv_row(line: EntryLine) -> list[str]:
    return [
        line.date.isoformat(),
        text_cell(line.specialist_name),
        text_cell(line.school_urn),
        text_cell(line.school_name),
        text_cell(line.la_name),
        text_cell(line.activity_label),
        days_cell(line.days),
        pounds(line.day_rate_pence),
        pounds(line.amount_pence),
        STATUS_LABELS[line.status],
        text_cell(line.recorded_by_label),
        text_cell(line.approved_by_label),
        _london(line.approved_at),
        _london(line.paid_at),
        text_cell(line.payment_reference),
        EVIDENCE_LABELS[line.evidence_type] if line.evidence_type else "",
        str(line.evidence_id or ""),
        str(line.reverses_id or ""),
        str(line.id),
        str(line.specialist_id),
    ]


def csv_chunks(lines: Sequence[EntryLine], batch: int = 500) -> Iterator[str]:
    """The CSV in pieces of ``batch`` rows, headings first; one row per entry, no total row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADINGS)
    for start in range(0, len(lines), batch):
        writer.writerows(csv_row(line) for line in lines[start : start + batch])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
