"""Years named in free text: found, told from spans of years, and moved on."""

import pytest

from selfeval_gui.domain.years import replace_years, written_like, year_mentions, years_off


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
        ("二〇二三年度决算", [2023]),  # Chinese numerals, with any of the zeros
        ("二○二三年部门总结", [2023]),
        ("二零二三年", [2023]),
        ("一九九九年、二〇二三 年度", [1999, 2023]),
        ("二〇二一—二〇二五年规划", []),  # a span in Chinese numerals
        ("2〇23年", []),  # numerals of two kinds are no year
        ("第一二三四五年", []),  # five numerals in a row are no year
    ],
)
def test_the_years_a_text_names(text, years):
    assert [m.year for m in year_mentions(text)] == years


def test_a_text_is_off_the_year_when_it_names_years_and_none_is_the_reports():
    assert years_off("2023年度决算、2023年总结、2022年报表", 2024) == [2023, 2022]
    assert years_off("二〇二三年度决算", 2024) == [2023]
    assert years_off("2024年度部门决算", 2024) == []
    # A source that names the report's year is about that year: other years are context.
    assert years_off("2024年部门总结（含2023年结转）", 2024) == []
    assert years_off("二〇二四年部门总结（含2023年结转）", 2024) == []
    assert years_off("部门决算", 2024) == []
    assert years_off("“十四五”规划（2021-2025年）", 2024) == []


def test_years_are_replaced_where_they_stand():
    assert replace_years("2023年度部门决算", lambda y: y + 1) == "2024年度部门决算"
    assert replace_years("２０２３年度部门决算", lambda y: y + 1) == "２０２４年度部门决算"
    assert replace_years("二〇二三年度决算", lambda y: y + 1) == "二〇二四年度决算"
    assert replace_years("二零一九年、二○二三年", lambda y: y + 1) == "二零二零年、二○二四年"
    assert replace_years("2022年、2023年度", lambda y: y + 1) == "2023年、2024年度"
    assert replace_years("规划（2021-2025年），2023年总结", lambda y: y + 1) == "规划（2021-2025年），2024年总结"
    assert replace_years("2023年度", lambda y: None) == "2023年度"
    assert replace_years("2999年度", lambda y: y + 1) == "2999年度"


@pytest.mark.parametrize(
    ("like", "written"),
    [("2023", "2030"), ("２０２３", "２０３０"), ("二〇二三", "二〇三〇"), ("二○二三", "二○三○"),
     ("二零二三", "二零三零"), ("一九九九", "二〇三〇")],
)
def test_a_year_is_written_in_the_numerals_of_the_one_it_replaces(like, written):
    assert written_like(2030, like) == written
