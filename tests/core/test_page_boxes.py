"""Nothing on a typeset page overlaps: no two lines of text share any of the page, no line of a
table crosses the borders of its cell, no two rows of a table are set over each other, and
nothing but the page number passes the page's bottom margin. Checked over the sample, the long
reports and generated reports whose merged 职责 labels are taller than their tasks' rows, the
case where a label set again at the top of a page once ran into the row below it."""

from __future__ import annotations

from itertools import combinations, pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_gui.domain.model import Duty, KeyTask
from selfeval_gui.exporters.layout import report_layout
from selfeval_gui.exporters.lines import EPS
from selfeval_gui.exporters.typeset import PageBox, PlacedLine, Typeset, typeset
from tests.long_report import long_report

#: Tolerance for positions summed from many row heights.
SLACK = 0.01


def _text(line: PlacedLine) -> str:
    return line.text.chars[line.start:line.end]


def _cell(box: PageBox, line: PlacedLine) -> tuple[float, float, float, float] | None:
    """The box the grid's rules close around the start of `line`: left, top, right, bottom;
    `None` for a line outside any table grid."""
    x, y = line.x + SLACK, line.top + SLACK
    vertical = [r for r in box.rules if abs(r.x1 - r.x2) < EPS and min(r.y1, r.y2) <= y <= max(r.y1, r.y2)]
    horizontal = [r for r in box.rules if abs(r.y1 - r.y2) < EPS and min(r.x1, r.x2) <= x <= max(r.x1, r.x2)]
    left = max((r.x1 for r in vertical if r.x1 <= x), default=None)
    right = min((r.x1 for r in vertical if r.x1 >= x), default=None)
    top = max((r.y1 for r in horizontal if r.y1 <= y), default=None)
    bottom = min((r.y1 for r in horizontal if r.y1 >= y), default=None)
    if left is None or right is None or top is None or bottom is None:
        return None
    return left, top, right, bottom


def problems(result: Typeset) -> list[str]:
    """Every overlap and every box past the bottom margin on the pages of `result`."""
    found: list[str] = []
    for box in result.pages:
        page, number = box.page, box.number
        *body, _page_number = box.lines
        for line in body:
            if line.top + line.height > page.type_bottom + SLACK or line.top < page.top - SLACK:
                found.append(f"page {number}: {_text(line)!r} outside the type area")
            cell = _cell(box, line)
            if cell is not None:
                left, top, right, bottom = cell
                if not (left - SLACK <= line.x and line.x + line.width <= right + SLACK
                        and top - SLACK <= line.top and line.top + line.height <= bottom + SLACK):
                    found.append(f"page {number}: {_text(line)!r} crosses its cell's border")
        found += [f"page {number}: {_text(a)!r} over {_text(b)!r}" for a, b in combinations(body, 2)
                  if a.x < b.x + b.width - SLACK and b.x < a.x + a.width - SLACK
                  and a.top < b.top + b.height - SLACK and b.top < a.top + a.height - SLACK]
        found += [f"page {number}: a rule past the bottom margin" for rule in box.rules
                  if max(rule.y1, rule.y2) > page.type_bottom + SLACK]
    for index, flow in enumerate(result.tables):
        for before, row in pairwise(flow.rows):
            if row.page == before.page and row.top < before.top + before.height - SLACK:
                found.append(f"table {index + 1}, page {row.page}: row {row.row} over row {before.row}")
        for row in flow.rows:
            if row.top + row.height > result.pages[row.page - 1].page.type_bottom + SLACK:
                found.append(f"table {index + 1}, page {row.page}: row {row.row} past the bottom margin")
    return found


def _typeset(report) -> Typeset:
    layout, _notes = report_layout(report)
    return typeset(layout)


def test_nothing_overlaps_on_the_sample_pages(seed_report):
    result = _typeset(seed_report)
    assert sum(len(box.lines) for box in result.pages) > 500  # the checker saw the whole report
    assert problems(result) == []


@pytest.mark.parametrize("seed", [18, 3, 7, 11])
def test_nothing_overlaps_on_the_long_reports_pages(seed):
    result = _typeset(long_report(seed))
    assert len(result.pages) > 40
    assert problems(result) == []


def test_the_checker_finds_a_line_over_another_and_past_the_margin(seed_report):
    """The checker itself: a line moved onto the next one, one running out of its cell, and
    one moved below the bottom margin are reported."""
    result = _typeset(seed_report)
    box = next(box for box in result.pages if any(_cell(box, line) for line in box.lines))
    cell_lines = [line for line in box.lines[:-1] if _cell(box, line)]
    first, second = next((a, b) for a, b in pairwise(cell_lines) if a.x == b.x and a.top < b.top)
    first.top = second.top - first.height / 2
    assert any("over" in problem for problem in problems(result))
    first.height = box.page.type_bottom - first.top
    assert any("border" in problem for problem in problems(result))
    first.top = box.page.type_bottom
    assert any("outside the type area" in problem for problem in problems(result))


_CHARS = st.sampled_from(list("参与宣传推动无偿献血造血干细胞捐献者工作组织开展群众性初级救护训练，、；。0123456789%"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(duties=st.lists(
    st.tuples(st.text(_CHARS, min_size=10, max_size=260),
              st.lists(st.tuples(st.text(_CHARS, min_size=2, max_size=30), st.text(_CHARS, max_size=700)),
                       min_size=1, max_size=4)),
    min_size=2, max_size=8))
def test_nothing_overlaps_where_merged_labels_are_taller_than_their_rows(seed_report, duties):
    """Duties of up to 260 characters over one to four short or long tasks: labels taller than
    the rows they span, set again at the top of pages that continue them."""
    report = seed_report.model_copy(deep=True)
    report.duties = [Duty(text=text, tasks=[KeyTask(name=name, completion=completion) for name, completion in tasks])
                     for text, tasks in duties]
    assert problems(_typeset(report)) == []
