"""The document's layout and its typesetting, checked on the typeset pages: lines break where
Chinese typesetting lets them, columns fit their content, pages keep no lone lines, merged
labels are set again on the pages that continue them, and no table page is left half empty."""

from __future__ import annotations

import datetime
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_gui.domain.model import Duty, Indicator, KeyTask, Report
from selfeval_gui.exporters.layout import (
    FORMATS,
    LANDSCAPE,
    PORTRAIT,
    SIZE_2,
    SIZE_SMALL_2,
    Font,
    Paragraph,
    Role,
    Table,
    report_layout,
    title_format,
)
from selfeval_gui.exporters.lines import Text
from selfeval_gui.exporters.metrics import em_width
from selfeval_gui.exporters.typeset import SPLIT_SHARE, typeset

BODY = FORMATS[Role.BODY].font
CELL = FORMATS[Role.TABLE_TEXT].font
CLOSING = "，。、；：？！）》」』】”’"
OPENING = "（《「『【“‘"


def _width(text: str, font: Font) -> float:
    return Text([(text, font)]).width


@pytest.fixture(scope="module")
def sample(seed_import):
    layout, _notes = report_layout(seed_import.report)
    return seed_import.report, layout, typeset(layout)


# ---------------------------------------------------------------- lines


_CHAR = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
    st.sampled_from(list(CLOSING + OPENING + "0123456789.%+-ABCxyz …—·")),
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(_CHAR, min_size=1, max_size=200), width=st.integers(3, 40), hanging=st.booleans())
def test_lines_never_start_with_a_closing_mark_nor_end_with_an_opening_one(text, width, hanging):
    line_text = Text([(text, BODY)])
    box = width * BODY.size
    lines = line_text.lines(box, hanging=hanging)
    assert "".join(text[start:end] for start, end in lines) == text
    for index, (start, end) in enumerate(lines):
        content = text[start:end].rstrip(" ")
        if not content:
            continue
        _, natural = line_text.natural(start, end)
        single_unit = line_text.longest_unit() >= box
        if index and text[start] in CLOSING and not single_unit:
            # Only a line that could not hold anything else starts with a closing mark.
            assert line_text.longest_unit() > box - BODY.size, (text, lines)
        if index < len(lines) - 1 and not single_unit:
            assert content[-1] not in OPENING, (text, lines)
        hung = BODY.size if hanging and content[-1] in "，。、；：？！" else 0.0
        assert natural <= box + hung + 0.01 or end - start == 1 or single_unit, (text, lines)


def test_a_number_or_latin_word_is_never_broken():
    text = Text([("全年共培训19.7万人，其中持证类培训2.5万人，配备AED100台", BODY)])
    for width in range(4, 30):
        for start, end in text.lines(width * BODY.size):
            line = text.chars[start:end]
            for token in ("19.7", "2.5", "AED100"):
                # A token is whole on the line, or not on it at all.
                assert not any(line.endswith(token[:k]) and text.chars[end:end + len(token) - k] == token[k:]
                               for k in range(1, len(token)) if end < len(text.chars))


def test_closing_marks_hang_in_body_text_and_push_the_character_down_in_cells():
    text = "一二三四五六七八九十" * 2 + "一二三四五六七，甲乙丙"  # the comma falls just past 27 characters
    body = Text([(text, BODY)]).lines(27.5 * BODY.size)
    assert text[body[0][0]:body[0][1]].endswith("七，")  # hangs past the line's end
    cell = Text([(text, BODY)]).lines(27.5 * BODY.size, hanging=False)
    assert text[cell[0][0]:cell[0][1]].endswith("六") and text[cell[1][0]] == "七"


def test_latin_digits_take_times_new_roman_widths_and_space_beside_chinese():
    assert em_width("1") == 0.5 and em_width("汉") == 1.0 and em_width("，") == 1.0
    # 培训 19.7 万: two ideographs, 1.75 em of digits, the autospace on both sides of them.
    assert _width("培训19.7万", BODY) == pytest.approx((3 + 1.75 + 0.4) * BODY.size)


# ---------------------------------------------------------------- the title


def test_the_title_is_one_line_as_published():
    sample_title = "苏州市市级预算部门（单位）整体支出预算绩效自评报告"
    fmt = title_format(sample_title)
    assert fmt.font.size == SIZE_SMALL_2 and -SIZE_SMALL_2 / 10 <= fmt.font.spacing < 0
    assert len(sample_title) * (fmt.font.size + fmt.font.spacing) <= PORTRAIT.type_width
    short = title_format("某市级预算部门（单位）整体支出预算绩效自评报告")  # 24 characters: 小二 holds them
    assert short.font.size == SIZE_SMALL_2 and short.font.spacing == 0
    tiny = title_format("某单位自评报告")
    assert tiny.font.size == SIZE_2 and tiny.font.spacing == 0
    long = title_format("新疆维吾尔自治区乌鲁木齐市市级预算部门（单位）整体支出预算绩效自评报告")
    assert long.font.size == SIZE_SMALL_2 and long.font.spacing == 0  # too long even closer: it wraps


def test_the_sample_title_takes_one_line_of_the_page(sample):
    _, layout, result = sample
    title = result.pages[0].lines[0]
    assert title.text.chars == layout.title and (title.start, title.end) == (0, len(layout.title))


# ---------------------------------------------------------------- column widths


def test_every_project_name_is_on_one_line_and_figures_get_only_their_width(sample):
    report, layout, _ = sample
    budget = layout.tables()[0]
    longest = max(_width(p.name, CELL) for p in report.budget.projects)
    padding = budget.padding.left + budget.padding.right
    assert budget.widths[0] >= longest + padding
    # The amount columns hold their widest figure on one line, with little to spare: what
    # they do not need went to the names and to the header's long headings.
    for column in range(1, 6):
        widest = max(_width(row[column].text, CELL) for row in budget.rows)
        assert widest + padding <= budget.widths[column]
    assert sum(budget.widths) == pytest.approx(PORTRAIT.type_width, abs=0.05)


def test_long_texts_take_the_width_figures_do_not_need():
    reason = "受政策调整影响，部分项目延期至下一年度实施，相关资金已按规定结转，预计明年上半年完成全部支出。" * 2
    report = Report(indicators=[
        Indicator(group="产出", category="数量", name="培训人次", target=">=5000人", actual="4000人",
                  source="年度总结", reason=reason),
        Indicator(group="产出", category="数量", name="覆盖率", target="=100%", actual="100%", source="年度总结"),
    ])
    layout, _ = report_layout(report)
    indicators = layout.tables()[2]
    widths = dict(zip(("group", "category", "name", "target", "actual", "source", "deviation", "reason"),
                      indicators.widths, strict=True))
    assert widths["reason"] == max(widths.values())
    assert widths["reason"] > LANDSCAPE.type_width / 3


# ---------------------------------------------------------------- pages


def _paragraph_pages(result, text_start: str) -> list[int]:
    """The pages a paragraph's lines are on, one entry per line."""
    return [box.number for box in result.pages for line in box.lines
            if line.text.chars.startswith(text_start) and line.text.chars != ""]


def test_no_lone_line_at_the_top_or_foot_of_a_page(sample):
    _report, layout, result = sample
    for section in layout.sections:
        for block in section.blocks:
            if not isinstance(block, Paragraph) or not block.fmt.widows:
                continue
            pages = [box.number for box in result.pages for line in box.lines
                     if line.text.chars == block.text and block.text]
            for number in set(pages):
                if len(set(pages)) > 1:
                    assert pages.count(number) >= 2, (block.text[:20], pages)


def test_headings_stay_with_what_follows(sample):
    _, layout, result = sample
    headings = {b.text for s in layout.sections for b in s.blocks
                if isinstance(b, Paragraph) and b.role in (Role.HEADING, Role.TABLE_TITLE)}
    for box in result.pages:
        body = [line for line in box.lines if line.text.chars]
        last = body[-2] if len(body) > 1 else None  # the page number is last
        assert last is None or last.text.chars not in headings


def test_merged_labels_are_set_again_on_each_page_that_continues_them(sample):
    _report, layout, result = sample
    tasks_flow, indicators_flow = result.tables[1], result.tables[2]
    assert indicators_flow.page_starts  # table 9 takes more than one page
    for flow, table in ((tasks_flow, layout.tables()[1]), (indicators_flow, layout.tables()[2])):
        for row in flow.page_starts:
            for column in table.label_columns:
                # The page's first row starts a merged cell: a new label or the one set again.
                assert flow.spans[row][column] >= 1
                if (row, column) in flow.repeated:
                    assert table.rows[row][column].text == table.rows[row - 1][column].text


def test_table_pages_that_continue_are_full(sample):
    """A page a table continues from holds rows down to the last that fits: what is left at
    its foot is less than the next row (no half-empty table pages)."""
    _, _layout, result = sample
    for box in result.pages:
        rules = [r for r in box.rules if r.y1 == r.y2]
        if not rules or box.number == len(result.pages):
            continue
        following = result.pages[box.number]
        if not any(r.y1 == r.y2 for r in following.rules) or following.page != box.page:
            continue  # the table ends here (the next page is landscape, or has no table)
        bottom = max(r.y1 for r in rules)
        free = box.page.type_bottom - bottom
        next_row_top = sorted({r.y1 for r in following.rules if r.y1 == r.y2})
        first_row = next_row_top[2] - next_row_top[1]  # below the repeated header
        assert free < first_row, (box.number, free, first_row)


def test_rows_break_across_pages_only_when_keeping_them_whole_would_waste_a_page():
    long_text = "完成情况" * 400
    report = Report(duties=[Duty(text="职责", tasks=[KeyTask(name="任务", completion=long_text)])])
    layout, _ = report_layout(report)
    result = typeset(layout)
    flow = result.tables[1]
    assert flow.splittable == [True]
    texts = [box for box in result.pages if any(line.text.chars == long_text for line in box.lines)]
    assert len(texts) >= 2  # the row goes on over the next page
    short = Report(duties=[Duty(text="职责", tasks=[KeyTask(name="任务", completion="完成")])])
    assert typeset(report_layout(short)[0]).tables[1].splittable == [False]
    page = PORTRAIT
    assert SPLIT_SHARE * (page.type_bottom - page.top) > 100


def test_table_9_is_on_landscape_pages_and_everything_else_portrait(sample):
    _, _, result = sample
    landscape = [box.page.landscape for box in result.pages]
    first = landscape.index(True)
    assert not any(landscape[:first]) and all(landscape[first:])
    assert any(line.text.chars == "9、部门整体自评表" for line in result.pages[first].lines)


def test_page_numbers_are_on_the_outer_side(sample):
    _, layout, result = sample
    for box in result.pages:
        number = box.lines[-1]
        assert number.text.chars == f"— {box.number} —"
        page = box.page
        if box.number % 2:
            assert number.x + number.width == pytest.approx(page.left + page.type_width - layout.page_number.inset)
        else:
            assert number.x == pytest.approx(page.left + layout.page_number.inset)
        assert number.top == pytest.approx(page.type_bottom + layout.page_number.gap)


# ---------------------------------------------------------------- the submission block


def test_the_submission_block_closes_the_document_only_when_filled(seed_report):
    layout, _ = report_layout(seed_report)
    assert not any(isinstance(b, Table) and b.role is Role.SUBMISSION for b in layout.sections[-1].blocks)
    seed_report.submission.head = "张三"
    seed_report.submission.date = datetime.date(2024, 3, 15)
    layout, _ = report_layout(seed_report)
    form = layout.sections[-1].blocks[-1]
    assert isinstance(form, Table) and form.role is Role.SUBMISSION and form.keep_together
    cells = {cell.text for row in form.rows for cell in row}
    assert {"单位负责人：", "张三", "填报日期：", "2024年3月15日", "填报人：", ""} <= cells
    assert all(row[1].underline and row[3].underline for row in form.rows)  # lines to sign on
    result = typeset(layout)
    last = result.pages[-1]
    assert any(line.text.chars == "张三" for line in last.lines)
    assert set(string.digits) & set("".join(line.text.chars for line in last.lines))
