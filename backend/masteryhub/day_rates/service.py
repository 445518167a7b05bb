"""Hub day rates: a hub lead sets, for a cohort's programme year, what their hub pays per day
by activity; the cohort's national year rule is the default where the hub sets none (rates are
data, never code: product.md). Every write is audited.

The rate a claim pays, for an activity: the hub's rate for it, else the hub's "default", else
the national rule's rate for it, else the national "default", else none (409
day_rate_not_set). A hub's default therefore overrides the national per-activity rates too: a
hub that says "we pay £200 a day" pays £200 for everything it did not list.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.day_rates.repository import HubDayRateRepository
from masteryhub.day_rates.schemas import DayRates, DayRatesWrite
from masteryhub.domain.academic_year import academic_year_of_programme_year
from masteryhub.domain.activities import DEFAULT_RATE_KEY, Activity
from masteryhub.errors import FieldError, NotFound, PreconditionFailed, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.kit.etags import check_if_match
from masteryhub.models.cohort import CohortYearRule
from masteryhub.models.hub_day_rate import HubDayRate

Rates = Mapping[str, int]


def rate_for(national: Rates, hub: Rates | None, activity: Activity) -> int | None:
    """The day rate in pence a claim for ``activity`` pays (see the module's docstring)."""
    for table in (hub or {}, national):
        if activity.value in table:
            return int(table[activity.value])
        if DEFAULT_RATE_KEY in table:
            return int(table[DEFAULT_RATE_KEY])
    return None


def effective_rates(national: Rates, hub: Rates | None) -> dict[str, int]:
    """Every activity's rate as a claim would pay it, and the default; unpayable ones absent."""
    effective: dict[str, int] = {}
    default = (hub or {}).get(DEFAULT_RATE_KEY, national.get(DEFAULT_RATE_KEY))
    if default is not None:
        effective[DEFAULT_RATE_KEY] = int(default)
    for activity in Activity:
        rate = rate_for(national, hub, activity)
        if rate is not None:
            effective[activity.value] = rate
    return effective


def day_rates_of(
    rule: CohortYearRule, hub_id: uuid.UUID | None, hub_rate: HubDayRate | None
) -> DayRates:
    cohort = rule.cohort
    hub_rates = dict(hub_rate.day_rates_pence) if hub_rate is not None else None
    national = dict(rule.day_rates_pence or {})
    return DayRates(
        cohort_id=cohort.id,
        cohort_code=cohort.code,
        cohort_name=cohort.name,
        programme=cohort.programme.code,
        programme_year=rule.programme_year,
        academic_year=academic_year_of_programme_year(cohort.development_year, rule.programme_year),
        hub_id=hub_id,
        national_rates_pence=national,
        hub_rates_pence=hub_rates,
        effective_rates_pence=effective_rates(national, hub_rates),
        updated_at=hub_rate.updated_at if hub_rate is not None else None,
    )


def hub_of(actor: Principal, hub_id: uuid.UUID | None) -> uuid.UUID:
    """Whose rates: a hub caller's own hub, always (``hub_id`` is for national admins, as on
    the reports); a national admin must name the hub."""
    if not actor.is_national:
        assert actor.hub_id is not None
        return actor.hub_id
    if hub_id is None:
        raise ValidationFailed(
            errors=[FieldError(field="hub_id", message="Choose the hub whose rates these are.")]
        )
    return hub_id


async def list_day_rates(
    session: AsyncSession,
    actor: Principal,
    hub_id: uuid.UUID | None = None,
    cohort_code: str | None = None,
) -> list[DayRates]:
    # A national admin without a hub: every hub's set rates.
    scope = hub_id if actor.is_national else hub_of(actor, hub_id)
    rows = await HubDayRateRepository(session).overview(hub_id=scope, cohort_code=cohort_code)
    items = []
    for row in rows:
        national = dict(row.national_rates or {})
        hub_rates = dict(row.hub_rates) if row.hub_rates is not None else None
        items.append(
            DayRates(
                cohort_id=row.cohort_id,
                cohort_code=row.cohort_code,
                cohort_name=row.cohort_name,
                programme=row.programme,
                programme_year=row.programme_year,
                academic_year=academic_year_of_programme_year(
                    row.development_year, row.programme_year
                ),
                hub_id=row.hub_id if row.hub_id is not None else scope,
                national_rates_pence=national,
                hub_rates_pence=hub_rates,
                effective_rates_pence=effective_rates(national, hub_rates),
                updated_at=row.updated_at,
            )
        )
    return items


async def _rule(
    session: AsyncSession, cohort_id: uuid.UUID, programme_year: int, *, lock: bool = False
) -> CohortYearRule:
    rule = await HubDayRateRepository(session).rule(cohort_id, programme_year, lock=lock)
    if rule is None:
        raise NotFound(
            "This cohort has no rules for that programme year, so there is nothing to pay yet."
        )
    return rule


async def read_day_rates(
    session: AsyncSession,
    actor: Principal,
    cohort_id: uuid.UUID,
    programme_year: int,
    hub_id: uuid.UUID | None,
) -> tuple[DayRates, HubDayRate | None]:
    hub = hub_of(actor, hub_id)
    rule = await _rule(session, cohort_id, programme_year)
    hub_rate = await HubDayRateRepository(session).of(hub, cohort_id, programme_year)
    return day_rates_of(rule, hub, hub_rate), hub_rate


async def put_day_rates(
    session: AsyncSession,
    actor: Principal,
    cohort_id: uuid.UUID,
    programme_year: int,
    hub_id: uuid.UUID | None,
    data: DayRatesWrite,
    if_match: str | None,
) -> tuple[DayRates, HubDayRate]:
    hub = hub_of(actor, hub_id)
    await HubRepository(session).get(hub)
    rule = await _rule(session, cohort_id, programme_year, lock=True)
    repository = HubDayRateRepository(session)
    hub_rate = await repository.of(hub, cohort_id, programme_year, lock=True)
    if hub_rate is None:
        if if_match not in (None, "*"):
            raise PreconditionFailed(
                "Your hub had no rates of its own for this year when you read it; someone "
                "else removed them. Reload and apply your change again."
            )
        hub_rate = HubDayRate(
            hub_id=hub,
            cohort_id=cohort_id,
            programme_year=programme_year,
            day_rates_pence=dict(data.day_rates_pence),
        )
        session.add(hub_rate)
        await audit.record(session, actor, "hub_day_rate.set", hub_rate)
    else:
        check_if_match(if_match, hub_rate)
        before = audit.snapshot(hub_rate)
        hub_rate.day_rates_pence = dict(data.day_rates_pence)
        await audit.record(session, actor, "hub_day_rate.set", hub_rate, before=before)
    await session.flush()
    return day_rates_of(rule, hub, hub_rate), hub_rate


async def delete_day_rates(
    session: AsyncSession,
    actor: Principal,
    cohort_id: uuid.UUID,
    programme_year: int,
    hub_id: uuid.UUID | None,
    if_match: str | None,
) -> None:
    """Back to the national rule. Removing rates a hub never set changes nothing."""
    hub = hub_of(actor, hub_id)
    await _rule(session, cohort_id, programme_year, lock=True)
    hub_rate = await HubDayRateRepository(session).of(hub, cohort_id, programme_year, lock=True)
    if hub_rate is None:
        return
    check_if_match(if_match, hub_rate)
    event = await audit.record(session, actor, "hub_day_rate.removed", hub_rate, after={})
    event.before, event.after = audit.snapshot(hub_rate), None
    await session.delete(hub_rate)
    await session.flush()


async def hub_rates_for_claim(
    session: AsyncSession, hub_id: uuid.UUID, cohort_id: uuid.UUID, programme_year: int
) -> dict[str, int] | None:
    hub_rate = await HubDayRateRepository(session).of(hub_id, cohort_id, programme_year)
    return dict(hub_rate.day_rates_pence) if hub_rate is not None else None
