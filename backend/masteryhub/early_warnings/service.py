"""Early warnings: the rules (data, per programme year) applied to each specialist's measures."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import (
    InvalidAcademicYear,
    academic_year_bounds,
    london_date,
)
from masteryhub.early_warnings import repository
from masteryhub.early_warnings.errors import invalid_academic_year
from masteryhub.early_warnings.schemas import (
    EarlyWarning,
    EarlyWarningReport,
    EarlyWarningRuleOut,
    EarlyWarningSummary,
    Measures,
)
from masteryhub.models.early_warning_rule import (
    EarlyWarningRule,
    WarningComparison,
    WarningStatus,
)

SEVERITY = {WarningStatus.ON_TRACK: 0, WarningStatus.AT_RISK: 1, WarningStatus.BEHIND: 2}


def as_of(academic_year: str, now: datetime) -> date:
    """Today, or the year's last day for a past year (a future year is judged at its start)."""
    try:
        first, last = academic_year_bounds(academic_year)
    except InvalidAcademicYear as exc:
        raise invalid_academic_year(str(exc)) from exc
    return max(first, min(london_date(now), last))


def month_of_year(day: date) -> int:
    """1 for September … 12 for August."""
    return (day.month - 9) % 12 + 1


def fires(rule: EarlyWarningRule, programme_year: int, month: int, measures: Measures) -> bool:
    last = rule.programme_year_to
    if programme_year < rule.programme_year_from or (last is not None and programme_year > last):
        return False
    if month < rule.from_month:
        return False
    value: int | None = getattr(measures, rule.measure.value)
    if value is None:
        return False
    if rule.comparison is WarningComparison.BELOW:
        return value < rule.threshold
    return value >= rule.threshold


def _by_specialist(rows: list[Any]) -> dict[uuid.UUID, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in rows}


async def list_rules(session: AsyncSession) -> list[EarlyWarningRuleOut]:
    rules = (await session.scalars(repository.rules())).all()
    return [EarlyWarningRuleOut.model_validate(rule) for rule in rules]


async def evaluate(
    session: AsyncSession,
    academic_year: str,
    now: datetime,
    hub_id: uuid.UUID | None = None,
    specialist_ids: Sequence[uuid.UUID] | None = None,
) -> EarlyWarningReport:
    """Every active specialist's status in the year (six queries, whatever their number)."""
    day = as_of(academic_year, now)
    month = month_of_year(day) if day > academic_year_bounds(academic_year)[0] else 0
    queries = repository.WarningQueries(
        academic_year, day, hub_id, None if specialist_ids is None else tuple(specialist_ids)
    )
    rules = list((await session.scalars(repository.rules())).all())
    specialists = (await session.execute(queries.specialists())).all()
    residentials = _by_specialist(list((await session.execute(queries.residentials())).all()))
    trgs = _by_specialist(list((await session.execute(queries.trg_meetings())).all()))
    led = _by_specialist(list((await session.execute(queries.work_groups_led())).all()))
    claimed = _by_specialist(list((await session.execute(queries.days_claimed())).all()))
    items = []
    for row in specialists:
        attended, missed = residentials.get(row.id, (0, 0))
        recent, pilots = trgs.get(row.id, (0, 0))
        half_days = int(claimed.get(row.id, (0,))[0] or 0)
        entitlement = int(row.entitlement)
        measures = Measures(
            residentials_attended=int(attended or 0),
            residentials_missed=int(missed or 0),
            school_trgs_recent=int(recent or 0),
            pilot_trgs=int(pilots or 0),
            work_groups_led=int(led.get(row.id, (0,))[0] or 0),
            release_days_used_percent=(100 * half_days // entitlement) if entitlement else None,
        )
        programme_year = int(row.programme_year)
        fired = [rule for rule in rules if fires(rule, programme_year, month, measures)]
        status = max(
            (rule.status for rule in fired),
            key=SEVERITY.__getitem__,
            default=WarningStatus.ON_TRACK,
        )
        items.append(
            EarlyWarning(
                specialist_id=row.id,
                hub_id=row.hub_id,
                first_name=row.first_name,
                last_name=row.last_name,
                programme_year=programme_year,
                status=status,
                reasons=[rule.reason for rule in fired],
                measures=measures,
            )
        )
    counts = Counter(item.status for item in items)
    return EarlyWarningReport(
        academic_year=academic_year,
        as_of=day,
        counts={status: counts.get(status, 0) for status in WarningStatus},
        items=items,
    )


async def report(
    session: AsyncSession,
    principal: Principal,
    academic_year: str,
    now: datetime,
    hub_id: uuid.UUID | None,
    status: WarningStatus | None,
) -> EarlyWarningReport:
    result = await evaluate(
        session, academic_year, now, hub_id if principal.is_national else principal.hub_id
    )
    if status is not None:
        result.items = [item for item in result.items if item.status is status]
    return result


async def needing_attention_per_hub(
    session: AsyncSession, principal: Principal, academic_year: str, now: datetime
) -> dict[uuid.UUID, int]:
    """Per hub, the active specialists at risk or behind (for the roll-up)."""
    result = await evaluate(
        session, academic_year, now, None if principal.is_national else principal.hub_id
    )
    return dict(
        Counter(item.hub_id for item in result.items if item.status is not WarningStatus.ON_TRACK)
    )


async def of_specialists(
    session: AsyncSession, academic_year: str, now: datetime, specialist_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, EarlyWarningSummary]:
    """The status of each of these specialists (a page of a list), by id."""
    if not specialist_ids:
        return {}
    result = await evaluate(session, academic_year, now, specialist_ids=specialist_ids)
    return {
        item.specialist_id: EarlyWarningSummary(status=item.status, reasons=item.reasons)
        for item in result.items
    }


async def specialists_with_status(
    session: AsyncSession,
    academic_year: str,
    now: datetime,
    statuses: Sequence[WarningStatus],
    hub_id: uuid.UUID | None,
) -> list[uuid.UUID]:
    """Ids of the active specialists in scope whose status is one of these (a list filter)."""
    result = await evaluate(session, academic_year, now, hub_id)
    return [item.specialist_id for item in result.items if item.status in statuses]
