"""Academic years, programme years, London wall time and half days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from masteryhub.domain.academic_year import (
    AmbiguousLondonTime,
    InvalidAcademicYear,
    InvalidHalfDays,
    NonExistentLondonTime,
    academic_year_bounds,
    academic_year_of,
    academic_year_of_programme_year,
    days_as_json_number,
    days_to_half_days,
    half_days_to_days,
    is_academic_year,
    london_wall_time_to_utc,
    programme_year,
    shift_academic_year,
    to_utc,
    utc_to_london_wall_time,
    validate_academic_year,
)
from masteryhub.domain.activities import Activity, day_rate_pence


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2021, 8, 31), "2020/21"),
        (date(2021, 9, 1), "2021/22"),
        (date(2020, 9, 1), "2020/21"),
        (date(2021, 1, 1), "2020/21"),
        (date(1999, 12, 31), "1999/00"),
    ],
)
def test_academic_year_of_a_day(day: date, year: str) -> None:
    assert academic_year_of(day) == year


def test_academic_year_of_an_instant_is_taken_on_its_london_day() -> None:
    # 23:30 UTC on 31 August is 00:30 BST on 1 September: already the next academic year.
    assert academic_year_of(datetime(2021, 8, 31, 23, 30, tzinfo=UTC)) == "2021/22"
    assert academic_year_of(datetime(2021, 8, 31, 22, 59, tzinfo=UTC)) == "2020/21"
    assert academic_year_of(datetime(2021, 8, 31, 23, 30)) == "2020/21"  # naive = London


def test_academic_year_bounds() -> None:
    assert academic_year_bounds("2020/21") == (date(2020, 9, 1), date(2021, 8, 31))
    assert academic_year_bounds("1999/00") == (date(1999, 9, 1), date(2000, 8, 31))


@pytest.mark.parametrize(
    "text", ["2020/22", "2020-21", "2020/2021", "20/21", "2020/1", "", "abcd/ef"]
)
def test_malformed_academic_years_are_refused(text: str) -> None:
    assert not is_academic_year(text)
    with pytest.raises(InvalidAcademicYear):
        validate_academic_year(text)


def test_well_formed_academic_years() -> None:
    assert validate_academic_year("2020/21") == "2020/21"
    assert is_academic_year("2099/00")
    assert shift_academic_year("2020/21", 1) == "2021/22"
    assert shift_academic_year("2000/01", -1) == "1999/00"


def test_programme_year() -> None:
    assert programme_year("2020/21", "2020/21") == 1
    assert programme_year("2020/21", "2021/22") == 2
    assert programme_year("2020/21", "2022/23") == 3
    assert programme_year("2020/21", "2025/26") == 6
    with pytest.raises(ValueError, match="before the development year"):
        programme_year("2020/21", "2019/20")
    with pytest.raises(InvalidAcademicYear):
        programme_year("2020/21", "2021/23")
    assert academic_year_of_programme_year("2020/21", 2) == "2021/22"
    with pytest.raises(ValueError, match="start at 1"):
        academic_year_of_programme_year("2020/21", 0)


def test_london_wall_time_in_summer_is_bst() -> None:
    # Primary Cohort 6 closes at 5pm on Monday 15 June 2020: 16:00 UTC.
    assert london_wall_time_to_utc(datetime(2020, 6, 15, 17, 0)) == datetime(
        2020, 6, 15, 16, 0, tzinfo=UTC
    )


def test_london_wall_time_in_winter_is_gmt() -> None:
    assert london_wall_time_to_utc(datetime(2020, 12, 1, 17, 0)) == datetime(
        2020, 12, 1, 17, 0, tzinfo=UTC
    )


def test_either_side_of_the_clock_changes() -> None:
    # Clocks went forward at 01:00 UTC on 29 March 2020 and back at 01:00 UTC on 25 October.
    assert london_wall_time_to_utc(datetime(2020, 3, 29, 0, 59)) == datetime(
        2020, 3, 29, 0, 59, tzinfo=UTC
    )
    assert london_wall_time_to_utc(datetime(2020, 3, 29, 2, 0)) == datetime(
        2020, 3, 29, 1, 0, tzinfo=UTC
    )
    assert london_wall_time_to_utc(datetime(2020, 10, 25, 0, 59)) == datetime(
        2020, 10, 24, 23, 59, tzinfo=UTC
    )
    assert london_wall_time_to_utc(datetime(2020, 10, 25, 2, 0)) == datetime(
        2020, 10, 25, 2, 0, tzinfo=UTC
    )


def test_a_skipped_wall_time_is_refused() -> None:
    with pytest.raises(NonExistentLondonTime, match="does not exist"):
        london_wall_time_to_utc(datetime(2020, 3, 29, 1, 30))
    with pytest.raises(NonExistentLondonTime):
        london_wall_time_to_utc(datetime(2020, 3, 29, 1, 30), ambiguous="earlier")


def test_a_repeated_wall_time_is_refused_unless_a_side_is_chosen() -> None:
    repeated = datetime(2020, 10, 25, 1, 30)
    with pytest.raises(AmbiguousLondonTime, match="happens twice"):
        london_wall_time_to_utc(repeated)
    assert london_wall_time_to_utc(repeated, ambiguous="earlier") == datetime(
        2020, 10, 25, 0, 30, tzinfo=UTC
    )
    assert london_wall_time_to_utc(repeated, ambiguous="later") == datetime(
        2020, 10, 25, 1, 30, tzinfo=UTC
    )


def test_utc_back_to_london_wall_time() -> None:
    assert utc_to_london_wall_time(datetime(2020, 6, 15, 16, 0, tzinfo=UTC)) == datetime(
        2020, 6, 15, 17, 0
    )
    assert utc_to_london_wall_time(datetime(2020, 12, 1, 17, 0, tzinfo=UTC)) == datetime(
        2020, 12, 1, 17, 0
    )
    with pytest.raises(ValueError, match="aware"):
        utc_to_london_wall_time(datetime(2020, 12, 1, 17, 0))
    with pytest.raises(ValueError, match="naive"):
        london_wall_time_to_utc(datetime(2020, 12, 1, 17, 0, tzinfo=UTC))


def test_to_utc_honours_an_explicit_offset() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert to_utc(datetime(2020, 6, 15, 17, 0, tzinfo=plus_two)) == datetime(
        2020, 6, 15, 15, 0, tzinfo=UTC
    )
    assert to_utc(datetime(2020, 6, 15, 17, 0)) == datetime(2020, 6, 15, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("days", "half_days"),
    [(15, 30), (Decimal("7.5"), 15), ("0.5", 1), (7.5, 15), (0, 0), (Decimal("-1.5"), -3)],
)
def test_days_to_half_days(days: Decimal | int | str | float, half_days: int) -> None:
    assert days_to_half_days(days) == half_days


@pytest.mark.parametrize("days", [0.25, Decimal("0.25"), "7.3", "x", "NaN", True])
def test_anything_finer_than_a_half_day_is_refused(days: Decimal | str | float) -> None:
    with pytest.raises(InvalidHalfDays):
        days_to_half_days(days)


def test_half_days_to_days() -> None:
    assert half_days_to_days(30) == Decimal("15")
    assert str(half_days_to_days(30)) == "15"
    assert str(half_days_to_days(15)) == "7.5"
    assert str(half_days_to_days(66)) == "33"
    assert days_as_json_number(Decimal("15")) == 15
    assert days_as_json_number(Decimal("7.5")) == 7.5


def test_day_rates_fall_back_to_the_default() -> None:
    rates = {"default": 20000, "work_group_session": 35000}
    assert day_rate_pence(rates, Activity.WORK_GROUP_SESSION) == 35000
    assert day_rate_pence(rates, Activity.SCHOOL_TRG) == 20000
    assert day_rate_pence({}, Activity.PLANNING) is None
    assert [a.value for a in Activity] == [
        "residential",
        "school_trg",
        "pilot_trg",
        "work_group_session",
        "school_support_visit",
        "pd_lead_training",
        "launch_event",
        "planning",
    ]
