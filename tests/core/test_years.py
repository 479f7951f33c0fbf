"""Years named in free text: found, told from spans of years, and moved on."""

import pytest

from selfeval_gui.domain.years import other_years, replace_years, year_mentions


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2023年度部门决算", [2023]),
        ("2023年部门总结", [2023]),
        ("２０２３年度部门决算", [2023]),
        ("2022年、2023 年度部门决算", [2022, 2023]),
        ("部门预算公开", []),
        ("2023部门决算", []),  # a year is followed by 年
        ("培训5000年", []),  # not a year a report may have
        ("12023年", []),
        ("“十四五”规划（2021-2025年）", []),  # a plan's period is not one year
        ("2021年至2025年发展规划", []),
        ("2021～2025年", []),
    ],
)
def test_the_years_a_text_names(text, years):
    assert [m.year for m in year_mentions(text)] == years


def test_other_years_are_those_not_the_reports_each_once():
    assert other_years("2023年度决算、2023年总结、2022年报表", 2024) == [2023, 2022]
    assert other_years("2024年度部门决算", 2024) == []


def test_years_are_replaced_where_they_stand():
    assert replace_years("2023年度部门决算", lambda y: y + 1) == "2024年度部门决算"
    assert replace_years("２０２３年度部门决算", lambda y: y + 1) == "2024年度部门决算"
    assert replace_years("2022年、2023年度", lambda y: y + 1) == "2023年、2024年度"
    assert replace_years("规划（2021-2025年），2023年总结", lambda y: y + 1) == "规划（2021-2025年），2024年总结"
    assert replace_years("2023年度", lambda y: None) == "2023年度"
    assert replace_years("2999年度", lambda y: y + 1) == "2999年度"
