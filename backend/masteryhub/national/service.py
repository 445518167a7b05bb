"""The roll-up by hub and coverage of England's schools, assembled from grouped queries."""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import InvalidAcademicYear, academic_year_start_year
from masteryhub.national.errors import invalid_academic_year
from masteryhub.national.repository import CoverageQueries, RollupQueries, rows, scalar
from masteryhub.national.schemas import (
    CoverageBy,
    CoverageReport,
    CoverageRow,
    HubFigures,
    HubRollup,
    HubRow,
    PhaseCoverage,
    ReleaseDayFigures,
    SchoolPhase,
)
from masteryhub.release_days.repository import LedgerTotals
from masteryhub.release_days.schemas import days_of


def check_academic_year(academic_year: str) -> None:
    try:
        academic_year_start_year(academic_year)
    except InvalidAcademicYear as exc:
        raise invalid_academic_year(str(exc)) from exc


def _own_hub(principal: Principal) -> uuid.UUID | None:
    return None if principal.is_national else principal.hub_id


# ── Roll-up by hub ──────────────────────────────────────────────────────────────────────────


@dataclass
class _Tally:
    applications: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    places_filled: int = 0
    by_year: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_programme: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    accreditation: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    entitlement_half_days: int = 0
    wg_phase: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    wg_status: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    signed_up: int = 0
    completed: int = 0
    ledger: LedgerTotals = field(default_factory=LedgerTotals)
    at_risk: int = 0

    def add(self, other: _Tally) -> None:
        for mine, theirs in (
            (self.applications, other.applications),
            (self.by_year, other.by_year),
            (self.by_programme, other.by_programme),
            (self.accreditation, other.accreditation),
            (self.wg_phase, other.wg_phase),
            (self.wg_status, other.wg_status),
        ):
            for key, value in theirs.items():
                mine[key] += value
        self.places_filled += other.places_filled
        self.entitlement_half_days += other.entitlement_half_days
        self.at_risk += other.at_risk
        self.ledger = LedgerTotals(
            **{
                name: getattr(self.ledger, name) + getattr(other.ledger, name)
                for name in LedgerTotals.__dataclass_fields__
            }
        )

    def figures(self, places: int) -> HubFigures:
        ledger = self.ledger
        return HubFigures(
            applications_by_status=dict(sorted(self.applications.items())),
            applications=sum(self.applications.values()),
            places=places,
            places_filled=self.places_filled,
            active_specialists=sum(self.by_programme.values()),
            active_specialists_by_programme_year=dict(sorted(self.by_year.items())),
            active_specialists_by_programme=dict(sorted(self.by_programme.items())),
            accreditation=dict(sorted(self.accreditation.items())),
            work_groups=sum(self.wg_status.values()),
            work_groups_by_phase=dict(sorted(self.wg_phase.items())),
            work_groups_by_status=dict(sorted(self.wg_status.items())),
            schools_signed_up=self.signed_up,
            schools_completed=self.completed,
            at_risk_specialists=self.at_risk,
            release_days=ReleaseDayFigures(
                entitlement_days=days_of(self.entitlement_half_days),
                claimed_days=days_of(ledger.claimed_half_days),
                approved_days=days_of(ledger.approved_half_days),
                paid_days=days_of(ledger.paid_half_days),
                claimed_pence=ledger.claimed_pence,
                approved_pence=ledger.approved_pence,
                paid_pence=ledger.paid_pence,
            ),
        )


def _year_key(programme_year: int) -> str:
    return "4+" if programme_year >= 4 else str(programme_year)


async def hub_rollup(
    session: AsyncSession,
    principal: Principal,
    academic_year: str,
    at_risk: dict[uuid.UUID, int] | None = None,
) -> HubRollup:
    check_academic_year(academic_year)
    queries = RollupQueries(academic_year, _own_hub(principal))
    hubs = await rows(session, queries.hubs())
    tallies: dict[uuid.UUID, _Tally] = {hub.id: _Tally() for hub in hubs}

    def tally(hub_id: uuid.UUID) -> _Tally:
        return tallies.get(hub_id) or _Tally()  # a row of a hub not listed is dropped

    for hub_id, status, count in await rows(session, queries.applications()):
        tally(hub_id).applications[str(status)] += count
        if str(status) == "appointed":
            tally(hub_id).places_filled += count
    places_per_hub = int(await scalar(session, queries.places()) or 0)
    for hub_id, programme, year, accreditation, count, entitlement in await rows(
        session, queries.specialists()
    ):
        hub = tally(hub_id)
        hub.by_year[_year_key(int(year))] += count
        hub.by_programme[str(programme)] += count
        hub.accreditation[str(accreditation)] += count
        hub.entitlement_half_days += int(entitlement)
    for hub_id, phase, status, count in await rows(session, queries.work_groups()):
        tally(hub_id).wg_phase[str(phase)] += count
        tally(hub_id).wg_status[str(status)] += count
    for hub_id, signed_up, completed in await rows(session, queries.schools_engaged()):
        tally(hub_id).signed_up, tally(hub_id).completed = signed_up, completed
    national = (await session.execute(queries.schools_engaged_nationally())).one()
    for row in await rows(session, queries.ledger()):
        tally(row.hub_id).ledger = LedgerTotals.of_row(row)
    for hub_id, count in (at_risk or {}).items():
        if hub_id in tallies:
            tallies[hub_id].at_risk = count

    total = _Tally()
    hub_rows = []
    for hub in hubs:
        total.add(tallies[hub.id])
        hub_rows.append(
            HubRow(
                hub_id=hub.id,
                hub_code=hub.code,
                hub_name=hub.name,
                region=hub.region,
                **tallies[hub.id].figures(places_per_hub).model_dump(),
            )
        )
    total.signed_up, total.completed = int(national[0] or 0), int(national[1] or 0)
    return HubRollup(
        academic_year=academic_year,
        hubs=hub_rows,
        totals=total.figures(places_per_hub * len(hubs)),
    )


ROLLUP_CSV_COLUMNS = (
    "hub_code",
    "hub_name",
    "region",
    "applications",
    "places",
    "places_filled",
    "active_specialists",
    "year_1",
    "year_2",
    "year_3",
    "year_4_plus",
    "accredited",
    "work_groups",
    "schools_signed_up",
    "schools_completed",
    "at_risk_specialists",
    "entitlement_days",
    "claimed_days",
    "approved_days",
    "paid_days",
    "claimed_pence",
    "approved_pence",
    "paid_pence",
)


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, int):  # a negative number is a number, not a formula
        return str(value)
    text = str(value)
    # Spreadsheet formula injection: a name like "=HYPERLINK(...)" must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _figure_cells(f: HubFigures) -> list[object]:
    years = f.active_specialists_by_programme_year
    r = f.release_days
    return [
        f.applications,
        f.places,
        f.places_filled,
        f.active_specialists,
        years.get("1", 0),
        years.get("2", 0),
        years.get("3", 0),
        years.get("4+", 0),
        f.accreditation.get("accredited", 0),
        f.work_groups,
        f.schools_signed_up,
        f.schools_completed,
        f.at_risk_specialists,
        r.entitlement_days,
        r.claimed_days,
        r.approved_days,
        r.paid_days,
        r.claimed_pence,
        r.approved_pence,
        r.paid_pence,
    ]


def rollup_csv(report: HubRollup) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ROLLUP_CSV_COLUMNS)
    for hub in report.hubs:
        writer.writerow(
            [cell(v) for v in [hub.hub_code, hub.hub_name, hub.region, *_figure_cells(hub)]]
        )
    writer.writerow([cell(v) for v in ["TOTAL", "England", None, *_figure_cells(report.totals)]])
    return buffer.getvalue()


# ── Coverage ───────────────────────────────────────────────────────────────────────────────


@dataclass
class _Counts:
    schools: int = 0
    signed_up: int = 0
    completed: int = 0
    with_specialist: int = 0

    def add(self, other: _Counts) -> None:
        self.schools += other.schools
        self.signed_up += other.signed_up
        self.completed += other.completed
        self.with_specialist += other.with_specialist

    def coverage(self) -> PhaseCoverage:
        def percent(part: int) -> float | None:
            return round(100 * part / self.schools, 1) if self.schools else None

        return PhaseCoverage(
            schools=self.schools,
            engaged_signed_up=self.signed_up,
            engaged_completed=self.completed,
            with_specialist=self.with_specialist,
            engaged_signed_up_percent=percent(self.signed_up),
            engaged_completed_percent=percent(self.completed),
            with_specialist_percent=percent(self.with_specialist),
        )


PHASE_LABELS = {
    SchoolPhase.PRIMARY: "Primary",
    SchoolPhase.SECONDARY: "Secondary",
    SchoolPhase.ALL_THROUGH: "All-through",
    SchoolPhase.OTHER: "Other (special, alternative provision, not recorded)",
}


class _Group:
    def __init__(self, key: str | None, label: str) -> None:
        self.key, self.label = key, label
        self.phases: dict[SchoolPhase, _Counts] = {phase: _Counts() for phase in SchoolPhase}

    def row(self) -> CoverageRow:
        total = _Counts()
        for counts in self.phases.values():
            total.add(counts)
        return CoverageRow(
            key=self.key,
            label=self.label,
            by_phase={phase: counts.coverage() for phase, counts in self.phases.items()},
            **total.coverage().model_dump(),
        )


async def coverage(
    session: AsyncSession, principal: Principal, academic_year: str, by: CoverageBy
) -> CoverageReport:
    check_academic_year(academic_year)
    own = _own_hub(principal)
    queries = CoverageQueries(academic_year, own)
    total = _Group(None, "England" if own is None else "The hub's area")
    groups: dict[str | None, _Group] = {}
    if by is CoverageBy.HUB:
        for hub in await rows(session, RollupQueries(academic_year, own).hubs()):
            groups[str(hub.id)] = _Group(str(hub.id), hub.name)

        def group(key: Any) -> _Group | None:
            return groups.get(str(key)) if key is not None else None

        for hub_id, phase, count in await rows(session, queries.schools_by_area_hub()):
            if (g := group(hub_id)) is not None:
                g.phases[SchoolPhase(phase)].schools += count
        for hub_id, phase, count, completed in await rows(session, queries.engaged_by_hub()):
            if (g := group(hub_id)) is not None:
                g.phases[SchoolPhase(phase)].signed_up += count
                g.phases[SchoolPhase(phase)].completed += int(completed)
        for hub_id, phase, count in await rows(session, queries.specialist_schools_by_hub()):
            if (g := group(hub_id)) is not None:
                g.phases[SchoolPhase(phase)].with_specialist += count
        national = await rows(session, queries.by_school_attribute(None))
    else:
        if by is CoverageBy.PHASE:  # every phase, with or without schools
            groups = {p.value: _Group(p.value, PHASE_LABELS[p]) for p in SchoolPhase}
        national = await rows(session, queries.by_school_attribute(by))
    for key, label, phase, schools, signed_up, completed, with_specialist in national:
        counts = _Counts(schools, signed_up, int(completed), with_specialist)
        total.phases[SchoolPhase(phase)].add(counts)
        if by is CoverageBy.HUB:
            continue
        if by is CoverageBy.PHASE:
            key, label = phase, PHASE_LABELS[SchoolPhase(phase)]
        if key not in groups:
            groups[key] = _Group(key, label or "Not recorded")
        groups[key].phases[SchoolPhase(phase)].add(counts)
    ordered = sorted(groups.values(), key=lambda g: (g.key is None, g.label.lower()))
    if by is CoverageBy.PHASE:
        order = list(SchoolPhase)
        ordered = sorted(groups.values(), key=lambda g: order.index(SchoolPhase(g.key or "other")))
    return CoverageReport(
        academic_year=academic_year,
        by=by,
        rows=[g.row() for g in ordered],
        totals=total.row(),
    )
