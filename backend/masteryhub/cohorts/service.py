"""Cohorts: creation (with the programme's year rules copied on), the application window,
year-rule edits and residentials. Cohorts are national: written by national admins only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.cohorts.repository import CohortRepository
from masteryhub.cohorts.schemas import (
    CohortCreate,
    CohortUpdate,
    ResidentialCreate,
    ResidentialUpdate,
    YearRuleWrite,
)
from masteryhub.domain.academic_year import days_to_half_days
from masteryhub.errors import AlreadyExists, FieldError, ValidationFailed
from masteryhub.kit import audit
from masteryhub.models.base import utcnow
from masteryhub.models.cohort import Cohort, CohortYearRule, Residential
from masteryhub.programmes.repository import ProgrammeRepository

# ── validation ───────────────────────────────────────────────────────────────────────────────


def _settings_errors(
    opens_at: datetime, closes_at: datetime, link_days: int, reminder_days: int
) -> list[FieldError]:
    errors = []
    if closes_at <= opens_at:
        errors.append(FieldError(field="closes_at", message="Must be after opens_at."))
    if reminder_days >= link_days:
        errors.append(
            FieldError(
                field="reference_reminder_days",
                message="The reminder must come before the reference link expires "
                "(fewer days than reference_link_days).",
            )
        )
    return errors


def chaser_days(
    reminder_days: int, head_days: list[int] | None, current: list[int] | None = None
) -> list[int]:
    """The headteacher's chaser days. Given, they win (and the reminder day mirrors the
    first); otherwise ``reference_reminder_days`` is the first and the later ones are kept."""
    if head_days is not None:
        return sorted(set(head_days))
    later = [d for d in (current if current is not None else [7, 14]) if d > reminder_days]
    return [reminder_days, *sorted(set(later))]


# ── cohorts ──────────────────────────────────────────────────────────────────────────────────


async def create_cohort(
    session: AsyncSession, actor: Principal | None, data: CohortCreate
) -> Cohort:
    errors = _settings_errors(
        data.opens_at, data.closes_at, data.reference_link_days, data.reference_reminder_days
    )
    if errors:
        raise ValidationFailed(errors=errors)
    programme = await ProgrammeRepository(session).get_by_code(data.programme)
    clash = await CohortRepository(session).code_or_prefix_taken(data.code, data.reference_prefix)
    if clash is not None:
        field = "code" if clash == data.code else "reference_prefix"
        raise AlreadyExists(
            f"Another cohort already uses this {field.replace('_', ' ')}.",
            extra={"field": field},
        )
    cohort = Cohort(
        code=data.code,
        name=data.name,
        programme=programme,
        development_year=data.development_year,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        reference_prefix=data.reference_prefix,
        places_per_hub=data.places_per_hub,
        reference_link_days=data.reference_link_days,
        reference_reminder_days=data.reference_reminder_days,
        head_chaser_days=chaser_days(data.reference_reminder_days, data.head_chaser_days),
        applicant_chaser_days=sorted(set(data.applicant_chaser_days)),
        selection_ends_at=data.selection_ends_at,
    )
    cohort.reference_reminder_days = min(
        cohort.head_chaser_days, default=cohort.reference_reminder_days
    )
    # The programme's defaults are copied, so a cohort can be adjusted without touching them.
    cohort.year_rules = [
        CohortYearRule(
            programme_year=rule.programme_year,
            release_half_days=rule.release_half_days,
            day_rates_pence=dict(rule.day_rates_pence),
            grants=[dict(grant) for grant in rule.grants],
            notes=rule.notes,
        )
        for rule in programme.year_rules
    ]
    cohort.residentials = []
    session.add(cohort)
    await audit.record(session, actor, "cohort.created", cohort)
    return cohort


async def update_cohort(
    session: AsyncSession, actor: Principal, cohort: Cohort, data: CohortUpdate
) -> Cohort:
    changes = data.model_dump(exclude_unset=True)
    _refuse_nulls(changes, nullable={"places_per_hub", "selection_ends_at"})
    errors = _settings_errors(
        changes.get("opens_at", cohort.opens_at),
        changes.get("closes_at", cohort.closes_at),
        changes.get("reference_link_days", cohort.reference_link_days),
        changes.get("reference_reminder_days", cohort.reference_reminder_days),
    )
    if errors:
        raise ValidationFailed(errors=errors)
    before = audit.snapshot(cohort)
    if "head_chaser_days" in changes or "reference_reminder_days" in changes:
        changes["head_chaser_days"] = chaser_days(
            changes.get("reference_reminder_days", cohort.reference_reminder_days),
            changes.get("head_chaser_days"),
            cohort.head_chaser_days,
        )
        changes["reference_reminder_days"] = min(
            changes["head_chaser_days"], default=cohort.reference_reminder_days
        )
    if "applicant_chaser_days" in changes:
        changes["applicant_chaser_days"] = sorted(set(changes["applicant_chaser_days"]))
    for field, value in changes.items():
        setattr(cohort, field, value)
    await audit.record(session, actor, "cohort.updated", cohort, before=before)
    return cohort


def _refuse_nulls(changes: dict[str, Any], nullable: set[str]) -> None:
    """PATCH: an explicit null clears a field only where a field may be empty."""
    errors = [
        FieldError(field=field, message="Cannot be null.")
        for field, value in changes.items()
        if value is None and field not in nullable
    ]
    if errors:
        raise ValidationFailed(errors=errors)


def _touch(cohort: Cohort) -> None:
    # A cohort's representation includes its year rules and residentials: changing one moves
    # the cohort's updated_at (for `updated_after` sync) and version (its ETag).
    cohort.updated_at = utcnow()


async def put_year_rule(
    session: AsyncSession,
    actor: Principal,
    cohort: Cohort,
    programme_year: int,
    data: YearRuleWrite,
    existing: CohortYearRule | None,
) -> CohortYearRule:
    values = {
        "release_half_days": days_to_half_days(data.release_days),
        "day_rates_pence": dict(data.day_rates_pence),
        "grants": [grant.model_dump() for grant in data.grants],
        "notes": data.notes,
    }
    if existing is None:
        rule = CohortYearRule(cohort_id=cohort.id, programme_year=programme_year, **values)
        session.add(rule)
        _touch(cohort)
        await audit.record(session, actor, "cohort_year_rule.created", rule)
        return rule
    before = audit.snapshot(existing)
    for field, value in values.items():
        setattr(existing, field, value)
    _touch(cohort)
    await audit.record(session, actor, "cohort_year_rule.updated", existing, before=before)
    return existing


# ── residentials ─────────────────────────────────────────────────────────────────────────────


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationFailed(
            errors=[FieldError(field="ends_on", message="Must be on or after starts_on.")]
        )


async def create_residential(
    session: AsyncSession, actor: Principal | None, cohort: Cohort, data: ResidentialCreate
) -> Residential:
    _check_dates(data.starts_on, data.ends_on)
    residential = Residential(cohort_id=cohort.id, **data.model_dump())
    session.add(residential)
    _touch(cohort)
    await audit.record(session, actor, "residential.created", residential)
    return residential


async def update_residential(
    session: AsyncSession,
    actor: Principal,
    cohort: Cohort,
    residential: Residential,
    data: ResidentialUpdate,
) -> Residential:
    changes = data.model_dump(exclude_unset=True)
    _refuse_nulls(changes, nullable={"location"})
    _check_dates(
        changes.get("starts_on", residential.starts_on), changes.get("ends_on", residential.ends_on)
    )
    before = audit.snapshot(residential)
    for field, value in changes.items():
        setattr(residential, field, value)
    _touch(cohort)
    await audit.record(session, actor, "residential.updated", residential, before=before)
    return residential
