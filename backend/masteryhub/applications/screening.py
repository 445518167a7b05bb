"""Screening: what the system can check from data, shown to reviewers as flags.

Each flag is ``{code, label, criterion_kind, passed, outcome, detail}``: ``label`` names the
check in plain words, ``criterion_kind`` says whether the programme holds it essential (a
failure is red) or desirable (an amber "not met"), or None for information (the school
match). ``passed`` is None when the data to check it is missing (an unmatched school, an
unanswered question). A failed screen never rejects an application: the hub decides
(product.md).
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


LABELS = {
    "qts": "QTS",
    "phase": "School phase",
    "state_funded": "State funded",
    "in_england": "In England",
    "school_open": "School open",
    "years_experience": "Years teaching maths",
    "days_same_class": "Days teaching the same class",
    "school_unmatched": "School matched",
}
ESSENTIAL = "essential"
DESIRABLE = "desirable"
# Kinds for flags stored before screening recorded them (and for every check but years).
DEFAULT_KINDS: dict[str, str | None] = {
    "qts": ESSENTIAL,
    "phase": ESSENTIAL,
    "state_funded": ESSENTIAL,
    "in_england": ESSENTIAL,
    "school_open": ESSENTIAL,
    "years_experience": ESSENTIAL,
    "days_same_class": ESSENTIAL,
    "school_unmatched": None,
}


def outcome(passed: bool | None, criterion_kind: str | None) -> str:
    """``passed``, ``failed`` (an essential check, red), ``not_met`` (desirable or information,
    amber) or
    ``unknown`` (the data to check it is missing)."""
    if passed is None:
        return "unknown"
    if passed:
        return "passed"
    return "failed" if criterion_kind == ESSENTIAL else "not_met"


def _flag(
    code: str, passed: bool | None, detail: str, kind: str | None = ESSENTIAL
) -> dict[str, Any]:
    return {
        "code": code,
        "label": LABELS[code],
        "criterion_kind": kind,
        "passed": passed,
        "outcome": outcome(passed, kind),
        "detail": detail,
    }


def complete(flag: dict[str, Any]) -> dict[str, Any]:
    """A stored flag with every field (flags stored before labels and kinds existed)."""
    code = str(flag.get("code", ""))
    kind = flag["criterion_kind"] if "criterion_kind" in flag else DEFAULT_KINDS.get(code)
    passed = flag.get("passed")
    return {
        "code": code,
        "label": flag.get("label") or LABELS.get(code, code.replace("_", " ").capitalize()),
        "criterion_kind": kind,
        "passed": passed,
        "outcome": outcome(passed, kind),
        "detail": flag.get("detail", ""),
    }


def _school_flags(programme: ProgrammeCode, school: School | None) -> list[dict[str, Any]]:
    if school is None:
        return [
            _flag("phase", None, "Phase of education: unknown until the school is matched."),
            _flag("state_funded", None, "Whether it is state funded: unknown until matched."),
            _flag("in_england", None, "Whether it is in England: unknown until matched."),
            _flag("school_open", None, "Whether it is open (GIAS): unknown until matched."),
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
            kind,
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
    flags.append(
        _flag(
            "school_unmatched",
            school is not None,
            f"Matched URN {school.urn}: {school.name}."
            if school is not None
            else f"No school with URN {answers.school_urn or '(none given)'} in GIAS: "
            "the hub must match it.",
            None,
        )
    )
    return flags
