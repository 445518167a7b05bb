"""Every query of hub day rates. Rows are hub-scoped (kit.tenancy): a hub caller's queries
only ever see their own hub's rates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from masteryhub.kit.repository import Repository
from masteryhub.models.cohort import Cohort, CohortYearRule
from masteryhub.models.hub_day_rate import HubDayRate
from masteryhub.models.programme import Programme


class HubDayRateRepository(Repository[HubDayRate]):
    model = HubDayRate
    not_found_detail = "This hub has set no day rates for that programme year."

    async def of(
        self, hub_id: uuid.UUID, cohort_id: uuid.UUID, programme_year: int, *, lock: bool = False
    ) -> HubDayRate | None:
        statement = select(HubDayRate).where(
            HubDayRate.hub_id == hub_id,
            HubDayRate.cohort_id == cohort_id,
            HubDayRate.programme_year == programme_year,
        )
        if lock:
            statement = statement.with_for_update()
        return await self.session.scalar(statement)

    async def rule(
        self, cohort_id: uuid.UUID, programme_year: int, *, lock: bool = False
    ) -> CohortYearRule | None:
        """The national year rule. ``lock``: writers of any hub's rates for it queue on its row
        (PostgreSQL), so two first writes of the same hub's rates never race to insert."""
        statement = (
            select(CohortYearRule)
            .options(joinedload(CohortYearRule.cohort).joinedload(Cohort.programme))
            .where(
                CohortYearRule.cohort_id == cohort_id,
                CohortYearRule.programme_year == programme_year,
            )
        )
        if lock:
            statement = statement.with_for_update(of=CohortYearRule)
        return await self.session.scalar(statement)

    async def overview(
        self,
        *,
        hub_id: uuid.UUID | None,
        cohort_code: str | None = None,
    ) -> Sequence[Any]:
        """In one statement: for ``hub_id``, one row per cohort × programme year with a year
        rule, with the hub's rates if it set any (outer join); for None (a national admin's
        view of every hub), one row per hub's set rates."""
        statement = (
            select(
                Cohort.id.label("cohort_id"),
                Cohort.code.label("cohort_code"),
                Cohort.name.label("cohort_name"),
                Cohort.development_year,
                Programme.code.label("programme"),
                CohortYearRule.programme_year,
                CohortYearRule.day_rates_pence.label("national_rates"),
                HubDayRate.hub_id,
                HubDayRate.day_rates_pence.label("hub_rates"),
                HubDayRate.updated_at,
            )
            .select_from(CohortYearRule)
            .join(Cohort, Cohort.id == CohortYearRule.cohort_id)
            .join(Programme, Programme.id == Cohort.programme_id)
        )
        matching = and_(
            HubDayRate.cohort_id == CohortYearRule.cohort_id,
            HubDayRate.programme_year == CohortYearRule.programme_year,
        )
        if hub_id is None:
            statement = statement.join(HubDayRate, matching)
        else:
            statement = statement.outerjoin(HubDayRate, and_(matching, HubDayRate.hub_id == hub_id))
        if cohort_code is not None:
            statement = statement.where(Cohort.code == cohort_code)
        statement = statement.order_by(
            Cohort.development_year.desc(),
            Cohort.code,
            CohortYearRule.programme_year,
            HubDayRate.hub_id,
        )
        return (await self.session.execute(statement)).all()
