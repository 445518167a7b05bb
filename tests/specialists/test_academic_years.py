from __future__ import annotations

from datetime import date

import pytest

from masteryhub.specialists.academic_years import (
    academic_year_bounds,
    academic_year_of,
    programme_year,
    start_year,
)


def test_the_academic_year_turns_between_31_august_and_1_september() -> None:
    assert academic_year_of(date(2021, 8, 31)) == "2020/21"
    assert academic_year_of(date(2021, 9, 1)) == "2021/22"
    assert academic_year_of(date(2020, 1, 1)) == "2019/20"
    assert academic_year_of(date(1999, 9, 1)) == "1999/00"
    assert academic_year_bounds("2020/21") == (date(2020, 9, 1), date(2021, 8, 31))


def test_programme_years_count_from_the_development_year() -> None:
    assert programme_year("2020/21", "2019/20") is None
    assert programme_year("2020/21", "2020/21") == 1
    assert programme_year("2020/21", "2021/22") == 2
    assert programme_year("2020/21", "2022/23") == 3
    assert programme_year("2020/21", "2024/25") == 5


@pytest.mark.parametrize("bad", ["2020/22", "2020-21", "20/21", "2020/2021", ""])
def test_malformed_academic_years_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="academic year"):
        start_year(bad)
