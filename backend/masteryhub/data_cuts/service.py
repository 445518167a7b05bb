"""Taking a data cut: the year's figures computed once and stored as rows, never recomputed."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.data_cuts.errors import invalid_academic_year, reason_required
from masteryhub.data_cuts.repository import DataCutRepository
from masteryhub.data_cuts.schemas import MEASURES, DataCutCreate, DataCutOut, DataCutRowOut
from masteryhub.domain.academic_year import InvalidAcademicYear, academic_year_start_year
from masteryhub.kit import audit
from masteryhub.models.data_cut import DataCut, DataCutRow
from masteryhub.national import service as national
from masteryhub.national.schemas import CoverageBy, CoverageRow, HubFigures, SchoolPhase

ENGLAND = "England"


def _figures(figures: HubFigures, coverage: CoverageRow | None) -> dict[str, int]:
    def completed(phase: SchoolPhase) -> int:
        return coverage.by_phase[phase].engaged_completed if coverage else 0

    return {
        "schools_completed": coverage.engaged_completed if coverage else 0,
        "schools_completed_primary": completed(SchoolPhase.PRIMARY),
        "schools_completed_secondary": completed(SchoolPhase.SECONDARY),
        "schools_completed_all_through": completed(SchoolPhase.ALL_THROUGH),
        "schools_with_specialist": coverage.with_specialist if coverage else 0,
        "work_groups_completed": figures.work_groups_by_status.get("completed", 0),
        "active_specialists": figures.active_specialists,
        "pd_leads_accredited": figures.accreditation.get("accredited", 0),
        "release_half_days_paid": round(figures.release_days.paid_days * 2),
        "release_paid_pence": figures.release_days.paid_pence,
    }


async def take(session: AsyncSession, principal: Principal, data: DataCutCreate) -> DataCut:
    try:
        academic_year_start_year(data.academic_year)
    except InvalidAcademicYear as exc:
        raise invalid_academic_year(str(exc)) from exc
    repository = DataCutRepository(session)
    previous = await repository.latest(data.academic_year)
    if previous is not None and not (data.reason and data.reason.strip()):
        raise reason_required()
    rollup = await national.hub_rollup(session, principal, data.academic_year)
    coverage = await national.coverage(session, principal, data.academic_year, CoverageBy.HUB)
    by_hub = {row.key: row for row in coverage.rows}
    before: dict[tuple[uuid.UUID | None, str], int] = (
        {(row.hub_id, row.measure): row.value for row in previous.rows} if previous else {}
    )
    cut = DataCut(
        academic_year=data.academic_year,
        number=previous.number + 1 if previous else 1,
        label=data.label.strip(),
        reason=data.reason.strip() if previous and data.reason else None,
        previous_id=previous.id if previous else None,
        taken_by_id=principal.id,
        taken_by_label=principal.label,
    )
    session.add(cut)
    lines: list[tuple[uuid.UUID | None, str | None, str, dict[str, int]]] = [
        (hub.hub_id, hub.hub_code, hub.hub_name, _figures(hub, by_hub.get(str(hub.hub_id))))
        for hub in rollup.hubs
    ]
    lines.append((None, None, ENGLAND, _figures(rollup.totals, coverage.totals)))
    position = 0
    for hub_id, code, name, figures in lines:
        for measure in MEASURES:
            position += 1
            was = before.get((hub_id, measure)) if previous else None
            if previous and was is None:
                was = 0  # a hub new since the previous cut
            session.add(
                DataCutRow(
                    data_cut=cut,
                    position=position,
                    hub_id=hub_id,
                    hub_code=code,
                    hub_name=name,
                    measure=measure,
                    value=figures[measure],
                    previous_value=was,
                )
            )
    await session.flush()
    await audit.record(
        session,
        principal,
        "data_cut.taken",
        cut,
        after={"academic_year": cut.academic_year, "number": cut.number, "label": cut.label},
        hub_id=None,
    )
    return cut


def out(cut: DataCut) -> DataCutOut:
    return DataCutOut(
        id=cut.id,
        academic_year=cut.academic_year,
        number=cut.number,
        label=cut.label,
        reason=cut.reason,
        previous_id=cut.previous_id,
        taken_by_label=cut.taken_by_label,
        created_at=cut.created_at,
        measures=MEASURES,
        rows=[
            DataCutRowOut(
                hub_id=row.hub_id,
                hub_code=row.hub_code,
                hub_name=row.hub_name,
                measure=row.measure,
                value=row.value,
                previous_value=row.previous_value,
                difference=None if row.previous_value is None else row.value - row.previous_value,
            )
            for row in cut.rows
        ],
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    # Spreadsheet formula injection: a name like "=HYPERLINK(...)" must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(cut: DataCutOut) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "academic_year",
            "cut",
            "hub_code",
            "hub_name",
            "measure",
            "value",
            "previous",
            "difference",
        ]
    )
    for row in cut.rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    cut.academic_year,
                    cut.number,
                    row.hub_code,
                    row.hub_name,
                    row.measure,
                    row.value,
                    row.previous_value,
                    row.difference,
                )
            ]
        )
    return buffer.getvalue()
