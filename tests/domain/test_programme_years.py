from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from masteryhub.domain.academic_year import (
    academic_year_bounds,
    academic_year_of,
    academic_year_start_year,
    current_academic_year,
    programme_year_if_begun,
)


def test_the_academic_year_turns_between_31_august_and_1_september() -> None:
    assert academic_year_of(date(2021, 8, 31)) == "2020/21"
    assert academic_year_of(date(2021, 9, 1)) == "2021/22"
    assert academic_year_of(date(2020, 1, 1)) == "2019/20"
    assert academic_year_of(date(1999, 9, 1)) == "1999/00"
    assert academic_year_bounds("2020/21") == (date(2020, 9, 1), date(2021, 8, 31))


def test_programme_years_count_from_the_development_year() -> None:
    assert programme_year_if_begun("2020/21", "2019/20") is None
    assert programme_year_if_begun("2020/21", "2020/21") == 1
    assert programme_year_if_begun("2020/21", "2021/22") == 2
    assert programme_year_if_begun("2020/21", "2022/23") == 3
    assert programme_year_if_begun("2020/21", "2024/25") == 5


@pytest.mark.parametrize("bad", ["2020/22", "2020-21", "20/21", "2020/2021", ""])
def test_malformed_academic_years_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="academic year"):
        academic_year_start_year(bad)


def test_the_current_academic_year_turns_at_midnight_in_london() -> None:
    # 23:30 UTC on 31 August 2021 is 00:30 on 1 September in London (BST).
    assert current_academic_year(datetime(2021, 8, 31, 22, 59, tzinfo=UTC)) == "2020/21"
    assert current_academic_year(datetime(2021, 8, 31, 23, 30, tzinfo=UTC)) == "2021/22"
