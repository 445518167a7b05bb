"""`GET /reports/release-days`: what the hub owes which school for what, per specialist and per
funded school, as JSON or CSV (`Accept: text/csv`) for the finance team.

Everything is aggregated by the database (three GROUP BY statements, whatever the number of
entries); the totals are summed from the entries themselves, so specialists, schools and
totals each reconcile to the pence with the ledger.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import Integer, and_, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.dependencies import STAFF_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.domain.academic_year import academic_year_start_year
from masteryhub.kit.routing import AppRoute
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist, SpecialistStatus
from masteryhub.release_days.repository import LedgerTotals, ledger_totals
from masteryhub.release_days.schemas import Currency, days_of
from masteryhub.specialists.params import AcademicYear

router = APIRouter(prefix="/reports", tags=["reports"], route_class=AppRoute)

CSV = "text/csv"
ReportReader = Annotated[Principal, Depends(Allow(roles=STAFF_ROLES, scopes={Scope.LEDGER_READ}))]


class Amounts(BaseModel):
    claimed_days: float = Field(description="Net of reversals.")
    approved_days: float = Field(description="Approved or paid.")
    paid_days: float
    claimed_pence: int
    approved_pence: int = Field(description="Approved or paid.")
    paid_pence: int
    owed_pence: int = Field(description="Approved and not yet paid: what the hub owes.")


class SpecialistLine(Amounts):
    specialist_id: uuid.UUID
    first_name: str
    last_name: str
    status: SpecialistStatus
    cohort_code: str
    programme_year: int | None
    school_urn: str | None = Field(description="The specialist's own school.")
    school_name: str | None
    entitlement_days: float
    remaining_days: float


class SchoolLine(Amounts):
    school_id: uuid.UUID
    urn: str
    name: str


class ReportTotals(Amounts):
    entitlement_days: float
    remaining_days: float


class ReleaseDayReport(BaseModel):
    academic_year: str
    currency: Currency = "GBP"
    specialists: list[SpecialistLine]
    schools: list[SchoolLine] = Field(description="Per funded school.")
    totals: ReportTotals


def _amounts(totals: LedgerTotals) -> dict[str, Any]:
    return {
        "claimed_days": days_of(totals.claimed_half_days),
        "approved_days": days_of(totals.approved_half_days),
        "paid_days": days_of(totals.paid_half_days),
        "claimed_pence": totals.claimed_pence,
        "approved_pence": totals.approved_pence,
        "paid_pence": totals.paid_pence,
        "owed_pence": totals.owed_pence,
    }


@dataclass(frozen=True)
class ReportQueries:
    """The report's statements, public so the benchmark can time the same SQL by hand."""

    academic_year: str
    hub_id: uuid.UUID | None = None

    def specialists(self) -> Any:
        entry = ReleaseDayEntry
        year = academic_year_start_year(self.academic_year)
        programme_year = year + 1 - cast(func.substr(Cohort.development_year, 1, 4), Integer)
        totals = (
            select(entry.specialist_id, *ledger_totals())
            .where(entry.academic_year == self.academic_year)
            .group_by(entry.specialist_id)
        )
        if self.hub_id is not None:
            totals = totals.where(entry.hub_id == self.hub_id)
        sums = totals.subquery("sums")
        statement = (
            select(
                Specialist.id,
                Specialist.first_name,
                Specialist.last_name,
                Specialist.status,
                Cohort.code.label("cohort_code"),
                programme_year.label("programme_year"),
                School.urn,
                School.name,
                func.coalesce(CohortYearRule.release_half_days, 0).label("entitlement"),
                *(sums.c[name] for name in LedgerTotals.__dataclass_fields__),
            )
            .join(Cohort, Cohort.id == Specialist.cohort_id)
            .outerjoin(School, School.id == Specialist.school_id)
            .outerjoin(
                CohortYearRule,
                and_(
                    CohortYearRule.cohort_id == Specialist.cohort_id,
                    CohortYearRule.programme_year == programme_year,
                ),
            )
            .outerjoin(sums, sums.c.specialist_id == Specialist.id)
            # Everyone in the programme that year, and anyone with entries in it.
            .where(or_(programme_year >= 1, sums.c.specialist_id.is_not(None)))
            .order_by(Specialist.last_name, Specialist.first_name, Specialist.id)
        )
        if self.hub_id is not None:
            statement = statement.where(Specialist.hub_id == self.hub_id)
        return statement

    def schools(self) -> Any:
        entry = ReleaseDayEntry
        statement = (
            select(School.id, School.urn, School.name, *ledger_totals())
            .join(School, School.id == entry.school_id)
            .where(entry.academic_year == self.academic_year)
            .group_by(School.id, School.urn, School.name)
            .order_by(School.name, School.id)
        )
        if self.hub_id is not None:
            statement = statement.where(entry.hub_id == self.hub_id)
        return statement

    def totals(self) -> Any:
        statement = select(*ledger_totals()).where(
            ReleaseDayEntry.academic_year == self.academic_year
        )
        if self.hub_id is not None:
            statement = statement.where(ReleaseDayEntry.hub_id == self.hub_id)
        return statement


async def build_report(
    session: AsyncSession, academic_year: str, hub_id: uuid.UUID | None = None
) -> ReleaseDayReport:
    queries = ReportQueries(academic_year, hub_id)
    specialists = []
    entitlement_total = 0
    for row in await session.execute(queries.specialists()):
        totals = LedgerTotals.of_row(row)
        entitlement = int(row.entitlement)
        entitlement_total += entitlement
        programme_year = int(row.programme_year)
        specialists.append(
            SpecialistLine(
                specialist_id=row.id,
                first_name=row.first_name,
                last_name=row.last_name,
                status=row.status,
                cohort_code=row.cohort_code,
                programme_year=programme_year if programme_year >= 1 else None,
                school_urn=row.urn,
                school_name=row.name,
                entitlement_days=days_of(entitlement),
                remaining_days=days_of(entitlement - totals.claimed_half_days),
                **_amounts(totals),
            )
        )
    schools = [
        SchoolLine(
            school_id=row.id, urn=row.urn, name=row.name, **_amounts(LedgerTotals.of_row(row))
        )
        for row in await session.execute(queries.schools())
    ]
    totals = LedgerTotals.of_row((await session.execute(queries.totals())).one())
    return ReleaseDayReport(
        academic_year=academic_year,
        specialists=specialists,
        schools=schools,
        totals=ReportTotals(
            entitlement_days=days_of(entitlement_total),
            remaining_days=days_of(entitlement_total - totals.claimed_half_days),
            **_amounts(totals),
        ),
    )


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


def _day_cells(line: Amounts) -> list[object]:
    return [line.claimed_days, line.approved_days, line.paid_days]


def render_csv(report: ReleaseDayReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def pence(line: Amounts) -> list[object]:
        return [line.claimed_pence, line.approved_pence, line.paid_pence, line.owed_pence]

    for s in report.specialists:
        row: list[object] = [
            "specialist",
            s.specialist_id,
            f"{s.first_name} {s.last_name}",
            s.cohort_code,
            s.programme_year,
            s.school_urn,
            s.school_name,
            s.entitlement_days,
            *_day_cells(s),
            s.remaining_days,
            *pence(s),
        ]
        writer.writerow([_cell(v) for v in row])
    for school in report.schools:
        row = ["school", None, None, None, None, school.urn, school.name, None]
        row += [*_day_cells(school), None, *pence(school)]
        writer.writerow([_cell(v) for v in row])
    t = report.totals
    row = ["total", None, None, None, None, None, None, t.entitlement_days]
    row += [*_day_cells(t), t.remaining_days, *pence(t)]
    writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


@router.get(
    "/release-days",
    operation_id="reports-release-days",
    response_model=ReleaseDayReport,
    summary="Release days and money per specialist and per funded school (JSON or CSV)",
    description="Send `Accept: text/csv` for the same report as CSV: one line per specialist, "
    "one per funded school and a total line, amounts in pence.",
    responses={
        200: {
            "description": "The report",
            "content": {CSV: {"schema": {"type": "string"}}},
        }
    },
)
async def release_day_report(
    session: DbSession,
    principal: ReportReader,
    academic_year: AcademicYear,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Any:
    report = await build_report(session, academic_year, hub_id if principal.is_national else None)
    if accept and CSV in accept.lower():
        filename = f"release-days-{academic_year.replace('/', '-')}.csv"
        return Response(
            render_csv(report),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    # Serialised once here: FastAPI would validate the whole report against the model again.
    return Response(report.model_dump_json(), media_type="application/json")
