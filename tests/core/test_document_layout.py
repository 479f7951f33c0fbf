"""The document's layout and its typesetting, checked on the typeset pages: lines break where
Chinese typesetting lets them, columns fit their content, pages keep no lone lines, merged
labels are set again on the pages that continue them, and no table page is left half empty."""

from __future__ import annotations

import datetime
import string
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_gui.domain.model import Indicator, Report
from selfeval_gui.exporters.layout import (
    BORDER,
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
from selfeval_gui.exporters.lines import Text, cell_text
from selfeval_gui.exporters.metrics import em_width
from selfeval_gui.exporters.typeset import EMPTY_SHARE, typeset
from tests.core.test_page_boxes import problems
from tests.long_report import long_report

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


def _first_line(text: str, box: float, *, hanging: bool) -> str:
    line = Text([(text, BODY)])
    start, end = line.lines(box, hanging=hanging)[0]
    return line.chars[start:end]


def test_a_closing_mark_holds_a_latin_word_after_it_in_a_cell_but_not_in_body_text():
    """As LibreOffice breaks them: `员、CPR+AED` moves down whole in a table's cell; in body
    text the line may break after the mark."""
    text = "开展初级救护员、CPR+AED、普及培训"
    box = 8.5 * BODY.size  # 开展初级救护员、 fits, CPR+AED does not
    assert _first_line(text, box, hanging=True) == "开展初级救护员、"
    assert _first_line(text, box, hanging=False) == "开展初级救护"
    for stop in "；：？！":  # a stop lets the Latin word begin the next line in a cell too
        assert _first_line(f"开展初级救护员{stop}CPR+AED", box, hanging=False) == f"开展初级救护员{stop}"


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


# ---------------------------------------------------------------- tables on the pages


@pytest.fixture(scope="module")
def long():
    report = long_report()
    layout, _notes = report_layout(report)
    return report, layout, typeset(layout)


def _by_page(flow) -> dict[int, list]:
    pages: dict[int, list] = {}
    for row in flow.rows:
        pages.setdefault(row.page, []).append(row)
    return pages


def _tables(layout, result):
    """Each table with its flow, its set rows by page, and its header's height."""
    for table, flow in zip(layout.tables(), result.tables, strict=True):
        pages = _by_page(flow)
        starts = flow.page_starts()
        page = result.pages[starts[0].page - 1].page if starts else None
        header = starts[0].top - page.top if starts else 0.0
        yield table, flow, pages, header


def _area(box) -> float:
    return box.page.type_bottom - box.page.top


def _row_lines(box, row, left: float, right: float) -> list:
    """The lines set on `box` in the cell of set row `row` between `left` and `right`."""
    return [line for line in box.lines
            if left <= line.x < right and row.top <= line.top < row.top + row.height]


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_row_breaks_across_pages_only_where_keeping_it_whole_would_leave_a_third_of_a_page_empty(
        document, request):
    _, layout, result = request.getfixturevalue(document)
    seen = {"taller than a page": 0, "filling the page": 0}
    for table, flow, _pages, header in _tables(layout, result):
        vertical = table.padding.top + table.padding.bottom + BORDER
        for index, row in enumerate(flow.rows):
            following = flow.rows[index + 1:index + 2]
            if row.lines is None or not following or following[0].row != row.row:
                continue  # whole, or the last part of a broken row
            box = result.pages[row.page - 1]
            parts = [r for r in flow.rows[index:] if r.row == row.row]
            rest = sum(r.lines[1] - r.lines[0] for r in parts) * table.line + vertical
            if rest > _area(box) - header:
                seen["taller than a page"] += 1
            else:
                # Going on to the next page whole, it would have left this much empty.
                assert box.page.type_bottom - row.top > EMPTY_SHARE * _area(box), (row.page, row.row)
                seen["filling the page"] += 1
    if document == "long":
        assert all(seen.values()), seen


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_broken_row_leaves_no_lone_line_of_a_cell_on_either_page(document, request):
    _, layout, result = request.getfixturevalue(document)
    broken = 0
    for table, flow, _pages, _header in _tables(layout, result):
        edges = table.edges(result.pages[flow.rows[0].page - 1].page.left)
        shown: dict[tuple[int, int], list[int]] = {}
        for row in flow.rows:
            if row.lines is None:
                continue
            box = result.pages[row.page - 1]
            for c in range(len(table.widths)):
                if c not in table.label_columns:
                    shown.setdefault((row.row, c), []).append(len(_row_lines(box, row, edges[c], edges[c + 1])))
        for (r, c), counts in shown.items():
            broken += 1
            assert 1 not in counts or sum(counts) == 1, (r, c, counts)
    assert broken or document == "sample"


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_table_ends_on_a_page_with_more_than_its_last_row(document, request):
    """Its last page holds (the end of) the row before the last too, or the rest of a last
    row begun on the page before."""
    _, layout, result = request.getfixturevalue(document)
    for table, _flow, pages, _header in _tables(layout, result):
        if len(pages) < 2:
            continue
        last = pages[max(pages)]
        assert last[-1].row == len(table.rows) - 1
        assert len(last) >= 2 or last[0].continued, [r.row for r in last]


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_table_begins_on_the_page_of_its_title_with_its_first_two_rows(document, request):
    """Or its first row alone, broken over the page's foot or too tall to go on to the next
    page with the title without leaving more than a third of this one empty."""
    _, layout, result = request.getfixturevalue(document)
    titles = [b.text for s in layout.sections for b in s.blocks if isinstance(b, Paragraph)
              and b.role is Role.TABLE_TITLE]
    for title, (_table, flow, pages, _header) in zip(titles, _tables(layout, result), strict=True):
        box = result.pages[flow.rows[0].page - 1]
        heading = [line for line in box.lines if line.text.chars == title]
        assert heading, title  # on the page of the table's first row
        first = pages[box.number]
        if [r.row for r in first[:2]] != [0, 1]:
            assert (first[-1].lines is not None
                    or box.page.type_bottom - heading[0].top > EMPTY_SHARE * _area(box)), title


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_merged_labels_first_and_last_two_rows_stay_together_unless_a_third_of_a_page_would_be_empty(
        document, request):
    _, layout, result = request.getfixturevalue(document)
    apart = 0
    for table, flow, _pages, header in _tables(layout, result):
        for before, after in pairwise(flow.rows):
            if after.page == before.page or before.lines is not None or after.continued:
                continue
            for c in table.label_columns:
                spans = [r[c].span for r in table.rows]
                first = max(r for r in range(before.row + 1) if spans[r])
                last = first + spans[first] - 1
                if last > first and (before.row == first or after.row == last):
                    # The pair is apart: keeping it together would have left more than a third
                    # of the page empty or not fitted on the next, or its first row is the first
                    # of its page.
                    box = result.pages[before.page - 1]
                    page_rows = [r for r in flow.rows if r.page == before.page]
                    assert (box.page.type_bottom - before.top > EMPTY_SHARE * _area(box)
                            or before.height + after.height > _area(box) - header
                            or page_rows[0] is before), (before.page, before.row, c)
                    apart += 1
    assert apart  # both documents have labels too tall to keep whole


@pytest.mark.parametrize("document", ["sample", "long"])
def test_merged_labels_are_set_again_on_each_page_that_continues_them(document, request):
    _, layout, result = request.getfixturevalue(document)
    shortened = 0
    for table, flow, _pages, _header in _tables(layout, result):
        if not table.label_columns:
            continue
        assert flow.page_starts()  # tables 8 and 9 take more than one page
        edges = table.edges(result.pages[flow.rows[0].page - 1].page.left)
        for row in flow.page_starts():
            box = result.pages[row.page - 1]
            spanned = [r for r in flow.rows if r.page == row.page]
            for c in table.label_columns:
                # The page's first row begins a merged cell: a new label or the one set again.
                assert row.spans[c] >= 1
                label = table.rows[row.row][c].text
                merged = spanned[: row.spans[c]]
                shown = "".join(line.text.chars[line.start:line.end] for line in box.lines
                                if edges[c] <= line.x < edges[c + 1]
                                and merged[0].top <= line.top < merged[-1].top + merged[-1].height)
                text = shown.replace(" ", "")
                if text.endswith("……"):
                    shortened += 1
                    assert label.replace("\n", "").replace(" ", "").startswith(text[:-2]) and len(text) > 2
                else:
                    assert text == label.replace("\n", "").replace(" ", ""), (row.page, c, text, label)
    if document == "long":
        assert shortened  # a long 职责 set again over a few lines


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_page_a_table_goes_on_from_is_at_most_a_third_empty(document, request):
    """Unless the next page opens with a merged label taller than what was left: a label is
    never broken."""
    _, layout, result = request.getfixturevalue(document)
    for table, _flow, pages, _header in _tables(layout, result):
        numbers = sorted(pages)
        for number, following in pairwise(numbers):
            box = result.pages[number - 1]
            rows = pages[number]
            left = box.page.type_bottom - (rows[-1].top + rows[-1].height)
            if left <= EMPTY_SHARE * _area(box):
                continue
            head = pages[following][0]
            opens = [c for c in table.label_columns
                     if table.rows[head.row][c].span > 0 and c not in head.labels]
            lines = max((len(cell_text(p, table.font).lines(table.widths[c] - table.padding.left
                                                             - table.padding.right, hanging=False))
                         for c in opens for p in table.rows[head.row][c].text.split("\n")), default=0)
            assert lines * table.line > left, (number, left)


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


def _submission_room(report) -> tuple[float, float]:
    """The room left on the page under table 9's last row without the submission block, and
    the height the block takes (its blank line and its rows) when it is there."""
    filled = report.model_copy(deep=True)
    filled.submission.head = "张三"
    filled.submission.date = datetime.date(2024, 3, 15)
    result = typeset(report_layout(filled)[0])
    form = result.tables[-1]
    spacer = FORMATS[Role.BODY].line
    assert spacer is not None
    block = spacer + sum(row.height for row in form.rows)
    bare = typeset(report_layout(report)[0])
    last = bare.tables[-1].rows[-1]
    return bare.pages[last.page - 1].page.type_bottom - (last.top + last.height), block


def test_the_submission_block_is_never_alone_on_a_page(seed_report):
    """Whatever room table 9 leaves on its last page, the block goes on the page of table 9's
    last row (or its last lines), never on a page of its own."""
    corpus = "".join(task.completion for duty in seed_report.duties for task in duty.tasks)
    short = 0
    for length in range(0, 400, 20):
        report = seed_report.model_copy(deep=True)
        report.indicators[-1].reason = corpus[:length]
        room, block = _submission_room(report)
        short += room < block
        report.submission.head = "张三"
        result = typeset(report_layout(report)[0])
        table_9, form = result.tables[-2], result.tables[-1]
        assert form.rows[0].page == form.rows[-1].page == table_9.rows[-1].page == len(result.pages), length
        assert problems(result) == [], length  # the row left above the block filling its page overlaps nothing
        assert table_9.rows[-1].keep_next  # Word keeps the last row with the block too
    assert short >= 5  # the block did not fit under table 9 in these
