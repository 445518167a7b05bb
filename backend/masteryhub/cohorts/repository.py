"""Every query of the cohorts area (cohorts, their year rules and residentials)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, cast, func, select
from sqlalchemy.orm import joinedload, selectinload

from masteryhub.errors import NotFound
from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import Cohort, CohortYearRule, Residential
from masteryhub.models.programme import Programme, ProgrammeCode


def programme_year_in(start_year: Any) -> ColumnElement[int]:
    """A cohort's programme year (1 in its development year) in the academic year that starts
    in ``start_year`` — a number, or a bind parameter of a statement prepared once — in SQL."""
    year: ColumnElement[int] = (
        start_year + 1 - cast(func.substr(Cohort.development_year, 1, 4), Integer)
    )
    return year


def year_rule_joined(programme_year: Any) -> ColumnElement[bool]:
    """How a statement joins the joined cohort's rule for ``programme_year`` (outer-join it:
    a year may have no rule yet)."""
    return and_(
        CohortYearRule.cohort_id == Cohort.id, CohortYearRule.programme_year == programme_year
    )


class CohortRepository(Repository[Cohort]):
    model = Cohort
    # Everything CohortRead returns, loaded in one query per relationship whatever the page size.
    load_options = (
        selectinload(Cohort.programme),
        selectinload(Cohort.year_rules),
        selectinload(Cohort.residentials),
    )
    not_found_detail = "No such cohort."

    async def by_code(self, code: str) -> Cohort | None:
        return await self.session.scalar(self.select().where(Cohort.code == code))

    async def get_by_code(self, code: str) -> Cohort:
        cohort = await self.by_code(code)
        if cohort is None:
            raise NotFound(f"No cohort with code {code!r}.")
        return cohort

    def filtered(
        self,
        *,
        programme: ProgrammeCode | None = None,
        is_open: bool | None = None,
        q: str | None = None,
        now: datetime | None = None,
    ) -> Select[Cohort]:
        statement = self.select()
        if programme is not None:
            statement = statement.where(
                Cohort.programme_id.in_(select(Programme.id).where(Programme.code == programme))
            )
        if is_open is not None:
            now = now or utcnow()
            window = (Cohort.opens_at <= now) & (Cohort.closes_at > now)
            statement = statement.where(window if is_open else ~window)
        if (matches := text_search(q, Cohort.name, Cohort.code)) is not None:
            statement = statement.where(matches)
        return statement

    async def with_programme(self, code: str) -> Cohort | None:
        """The cohort and its programme only: what an intake needs, in one statement."""
        return await self.session.scalar(
            select(Cohort).where(Cohort.code == code).options(joinedload(Cohort.programme))
        )

    async def locked(self, cohort_id: uuid.UUID) -> Cohort:
        """The cohort row alone, locked until the transaction ends (places per hub)."""
        cohort = await self.session.scalar(
            select(Cohort).where(Cohort.id == cohort_id).with_for_update()
        )
        if cohort is None:
            raise NotFound(self.not_found_detail)
        return cohort

    async def code_or_prefix_taken(self, code: str, reference_prefix: str) -> str | None:
        """The code of a cohort already using ``code`` or ``reference_prefix``, if any."""
        return await self.session.scalar(
            select(Cohort.code).where(
                (Cohort.code == code) | (Cohort.reference_prefix == reference_prefix)
            )
        )


class ResidentialRepository(Repository[Residential]):
    model = Residential
    not_found_detail = "No such residential."

    def filtered(self, *, cohort_id: uuid.UUID | None = None) -> Select[Residential]:
        statement = self.select()
        if cohort_id is not None:
            statement = statement.where(Residential.cohort_id == cohort_id)
        return statement


class CohortYearRuleRepository(Repository[CohortYearRule]):
    model = CohortYearRule
    not_found_detail = "This cohort has no rule for that programme year."

    async def of(self, cohort_id: uuid.UUID, programme_year: int) -> CohortYearRule | None:
        return await self.session.scalar(
            select(CohortYearRule).where(
                CohortYearRule.cohort_id == cohort_id,
                CohortYearRule.programme_year == programme_year,
            )
        )

    async def get_of(self, cohort_id: uuid.UUID, programme_year: int) -> CohortYearRule:
        rule = await self.of(cohort_id, programme_year)
        if rule is None:
            raise NotFound(self.not_found_detail)
        return rule
