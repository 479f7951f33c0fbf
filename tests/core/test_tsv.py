"""Clipboard text as Excel and WPS write it."""

from hypothesis import given
from hypothesis import strategies as st

from selfeval_gui.domain import tsv


def test_excel_block_with_trailing_line_break():
    assert tsv.parse("信息化维护费\t9.11\t\r\n物业管理费\t24.50\t\r\n") == [
        ["信息化维护费", "9.11", ""], ["物业管理费", "24.50", ""]]


def test_a_quoted_cell_holds_line_breaks_tabs_and_quotes():
    text = '甲\t"第一行\n第二行"\t"说""明"\r\n乙\t"a\tb"\t丙'
    assert tsv.parse(text) == [["甲", "第一行\n第二行", '说"明'], ["乙", "a\tb", "丙"]]


def test_a_quote_inside_ordinary_text_is_text():
    assert tsv.parse('"三公"经费变动率\t100%') == [['"三公"经费变动率', "100%"]]


def test_empty_clipboard_is_no_rows():
    assert tsv.parse("") == [] and tsv.parse("\n") == []


def test_a_single_value():
    assert tsv.parse("1,075.37\r\n") == [["1,075.37"]]


cells = st.text(alphabet=st.sampled_from('甲乙 "\t\n1.'), max_size=8)


# A last row of one empty cell reads as Excel's trailing line break, as it does in Excel.
@given(st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=4).filter(
    lambda rows: rows[-1] != [""]))
def test_what_is_copied_pastes_back_the_same(rows):
    assert tsv.parse(tsv.format_cells(rows)) == rows
