"""Screening: what the system can check from data, shown to reviewers as flags.

Each flag is ``{code, passed, detail}``; ``passed`` is None when the data to check it is
missing (an unmatched school, an unanswered question). A failed screen never rejects an
application: the hub decides (product.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import School

# GIAS phase codes deemed right for each programme: 2 Primary, 3 Middle deemed primary,
# 4 Secondary, 5 Middle deemed secondary, 7 All-through.
PHASES = {
    ProgrammeCode.PRIMARY: frozenset({"2", "3", "7"}),
    ProgrammeCode.SECONDARY: frozenset({"4", "5", "7"}),
}
# Primary: "a minimum of four years teaching primary maths" is desirable; secondary: "a minimum
# of 2 years' experience teaching mathematics" is essential.
YEARS = {ProgrammeCode.PRIMARY: (4, "desirable"), ProgrammeCode.SECONDARY: (2, "essential")}
# Primary essential: "regularly teaching maths to the same class … at least three days a week".
PRIMARY_MIN_HALF_DAYS_SAME_CLASS = 6


@dataclass(frozen=True)
class Answers:
    """What screening reads from an application."""

    has_qts: bool
    years_teaching_maths: int | None
    teaching_maths_half_days_per_week: int | None
    school_urn: str | None


def _flag(code: str, passed: bool | None, detail: str) -> dict[str, Any]:
    return {"code": code, "passed": passed, "detail": detail}


def _school_flags(programme: ProgrammeCode, school: School | None) -> list[dict[str, Any]]:
    if school is None:
        unknown = "Unknown until the school is matched."
        return [
            _flag("phase", None, unknown),
            _flag("state_funded", None, unknown),
            _flag("in_england", None, unknown),
            _flag("school_open", None, unknown),
        ]
    phase = school.phase_name or "not recorded"
    phase_ok = None if school.phase_code is None else school.phase_code in PHASES[programme]
    return [
        _flag("phase", phase_ok, f"Phase of education: {phase} ({programme.value} programme)."),
        _flag(
            "state_funded",
            school.is_state_funded,
            f"{school.type_name or 'Type not recorded'}"
            + ("" if school.is_state_funded else ": not a state-funded school."),
        ),
        _flag(
            "in_england",
            school.is_in_england,
            f"{school.la_name or 'LA not recorded'}"
            + ("" if school.is_in_england else ": not in England."),
        ),
        _flag("school_open", school.is_open, f"GIAS status: {school.status_name or 'unknown'}."),
    ]


def screen(
    programme: ProgrammeCode, answers: Answers, school: School | None
) -> list[dict[str, Any]]:
    flags = [
        _flag(
            "qts",
            answers.has_qts,
            "Has Qualified Teacher Status." if answers.has_qts else "No QTS declared.",
        )
    ]
    flags += _school_flags(programme, school)
    minimum, kind = YEARS[programme]
    years = answers.years_teaching_maths
    flags.append(
        _flag(
            "years_experience",
            None if years is None else years >= minimum,
            f"{'Not given' if years is None else f'{years} years'} teaching maths; "
            f"at least {minimum} is {kind}.",
        )
    )
    half_days = answers.teaching_maths_half_days_per_week
    if programme is ProgrammeCode.PRIMARY:
        days = None if half_days is None else half_days / 2
        flags.append(
            _flag(
                "days_same_class",
                None if half_days is None else half_days >= PRIMARY_MIN_HALF_DAYS_SAME_CLASS,
                f"{'Not given' if days is None else f'{days:g} days'} a week teaching maths "
                "to the same class; at least 3 is essential.",
            )
        )
    else:
        flags.append(_flag("days_same_class", None, "Not a criterion of the secondary programme."))
    flags.append(
        _flag(
            "school_unmatched",
            school is not None,
            f"Matched URN {school.urn}: {school.name}."
            if school is not None
            else f"No school with URN {answers.school_urn or '(none given)'}: "
            "the hub must resolve it.",
        )
    )
    return flags
