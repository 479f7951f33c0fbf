"""Tables 7, 8 and 9 as the documents lay them out: the published headings, the rows, which
cells are merged (`edits.merged_runs`, as the editor shows them), and column widths fitted to
each report's content (`fit_widths`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from selfeval_gui.domain.compute import evaluate
from selfeval_gui.domain.edits import merged_runs, row_count
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import Indicator, Report
from selfeval_gui.exporters.lines import cell_text

if TYPE_CHECKING:
    from selfeval_gui.exporters.layout import Font

TABLE_TITLES = {Table.BUDGET: "7、预算信息", Table.TASKS: "8、年度重点任务", Table.INDICATORS: "9、部门整体自评表"}

# Column headings as the published report prints them.
BUDGET_HEADINGS = (
    "本年度预算资金（万元）",
    "年初预算数（万元）",
    "上年度结转及当年预算追加追减数（万元）",
    "调整预算数（万元）",
    "实际支出数（万元）",
    "执行率（%）",
)
TASK_HEADINGS = ("对应部门主要职责", "任务名称", "完成情况")
#: The published table leaves the goal column's heading blank.
INDICATOR_HEADINGS = ("", "类别", "指标名称", "指标目标值", "指标完成值", "完成值来源", "偏差情况", "原因分析")


def first_row_spans(report: Report, table: Table, column: str) -> list[int]:
    """For each row, how many rows its cell spans: the merged cell's length on its first row,
    0 on the rows it covers (as both documents write merged cells)."""
    result = [0] * row_count(report, table)
    for run in merged_runs(report, table, column):
        result[run.start] = len(run)
    return result


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One row of table 8. `duty_rows` is the number of rows the duty cell spans on the
    duty's first row, 0 on the rows it covers."""

    duty: str
    name: str
    completion: str
    duty_rows: int


def task_lines(report: Report) -> list[TaskLine]:
    duties = first_row_spans(report, Table.TASKS, "duty")
    tasks = [(duty, task) for duty in report.duties for task in duty.tasks]
    return [TaskLine(duty.text, task.name, task.completion, duties[n]) for n, (duty, task) in enumerate(tasks)]


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """One row of table 9 with its computed 偏差情况 and the spans of its merged cells."""

    indicator: Indicator
    deviation: str
    group_rows: int
    category_rows: int


def indicator_lines(report: Report) -> list[IndicatorLine]:
    groups = first_row_spans(report, Table.INDICATORS, "group")
    categories = first_row_spans(report, Table.INDICATORS, "category")
    return [
        IndicatorLine(i, evaluate(i.target, i.actual).deviation, groups[n], categories[n])
        for n, i in enumerate(report.indicators)
    ]


# ---------------------------------------------------------------- column widths


class ColumnKind(Enum):
    #: Amounts, rates, targets: one line each, as wide as the widest.
    FIGURE = "figure"
    #: Names and long texts: wrap, sharing the width the figures leave.
    TEXT = "text"
    #: A merged label (职责, 目标, 类别): its text wraps over the rows it spans.
    LABEL = "label"


#: Narrowest a text column gets, in characters.
MIN_TEXT_EMS = 3.0
#: A heading of up to this many characters is set on one line.
SHORT_HEADING_EMS = 4.0
#: What a wrapped line in a cell costs against a line of the table's height.
WRAP_WEIGHT = 1.0
#: The spare width is handed out in about this many steps; a column is offered one to
#: `LOOKAHEAD` steps at once, so that a step that saves nothing by itself does not stop it.
STEPS = 24
LOOKAHEAD = 3
#: Width lost at a line's end to a word or a closing mark that moves down, in characters.
LINE_END_SLACK = 0.5


class _Column:
    """One column's cells as their paragraphs' natural widths, for estimating line counts."""

    def __init__(self, texts: Sequence[str], font: Font) -> None:
        self.size = font.size
        self.paragraphs = [tuple(cell_text(p, font) for p in text.split("\n")) for text in texts]
        self.widths = [tuple(t.width for t in cell) for cell in self.paragraphs]

    def lines(self, content: float) -> list[int]:
        """Each cell's lines in a column `content` wide (an estimate: a line loses half a
        character at its end to what cannot be broken)."""
        usable = max(content - LINE_END_SLACK * self.size, self.size)
        ceil = math.ceil
        return [
            (1 if p[0] <= content else ceil(p[0] / usable)) if len(p) == 1
            else sum(1 if w <= content else ceil(w / usable) for w in p)
            for p in self.widths
        ]

    def widest(self) -> float:
        return max((w for cell in self.widths for w in cell), default=0.0)

    def longest_unit(self) -> float:
        return max((t.longest_unit() for cell in self.paragraphs for t in cell), default=0.0)


def fit_widths(
    total: float, kinds: Sequence[ColumnKind], header: Sequence[str], rows: Sequence[Sequence[str]],
    spans: Sequence[Sequence[int]], font: Font, line: float, padding: float, *, bold_header: bool = False,
) -> tuple[float, ...]:
    """Column widths (points, adding up to `total`) that fit the table's content.

    Figures are set on one line. The rest of the width goes, step by step, where it saves
    the most per point: lines of the table's height (the header counted once per page it is
    repeated on) and wrapped lines in any cell, weighed against the fewest the cell could
    take (a project or task name on one line where the page allows). Merged labels wrap over
    the rows they span. What no column needs goes to the text columns that still wrap, so
    原因分析 and 完成情况 get the width the figures do not need.
    """
    size = font.size
    count, nrows = len(kinds), len(rows)
    columns = [_Column([row[c] for row in rows], font) for c in range(count)]
    heads = _Column(header, replace(font, bold=bold_header))

    widths = []
    for c, kind in enumerate(kinds):
        head = heads.paragraphs[c][0]
        # A short heading (类别, 偏差情况, 原因分析) stays on one line.
        heading = head.width if head.width <= SHORT_HEADING_EMS * size else max(head.longest_unit(), 2 * size)
        if kind is ColumnKind.FIGURE:
            widths.append(max(columns[c].widest(), heading) + padding)
        else:
            widths.append(max(columns[c].longest_unit(), heading, MIN_TEXT_EMS * size) + padding)
    spare = total - sum(widths)
    if spare < 0:  # the content cannot fit: every column gives in proportion
        return _fill(tuple(w * total / sum(widths) for w in widths), total)

    header_weight = max(1.0, nrows * (line + 5) / 450)  # about the pages the table takes
    merged = [[(r, span) for r, span in enumerate(row[c] for row in spans) if span > 1] for c in range(count)]
    single = [[row[c] == 1 for row in spans] for c in range(count)]
    # A cell's lines are weighed against the fewest it could take (at the whole width): a
    # name broken over three lines costs more than a long text taking a few lines more.
    # Cells a merged cell covers count for nothing.
    ideal = [
        [1 / max(1, n) if row[c] else 0.0 for n, row in zip(columns[c].lines(total - padding), spans, strict=True)]
        for c in range(count)
    ]
    shown = [sum(1 for row in spans if row[c]) for c in range(count)]

    def column_state(c: int, width: float) -> tuple[list[int], int, float]:
        cells = columns[c].lines(width - padding)
        wrapped = sum(n * i for n, i in zip(cells, ideal[c], strict=True)) - shown[c]
        return cells, heads.lines(width - padding)[c], wrapped

    state = [column_state(c, widths[c]) for c in range(count)]

    def row_lines(state: Sequence[tuple[list[int], int, float]]) -> list[tuple[int, int, int]]:
        """Per row: the most lines of a cell, the column holding it, and the next most."""
        result = []
        for r in range(nrows):
            top, where, second = 1, -1, 1
            for c in range(count):
                if single[c][r]:
                    n = state[c][0][r]
                    if n > top:
                        top, where, second = n, c, top
                    elif n > second:
                        second = n
            result.append((top, where, second))
        return result

    def cost(state: Sequence[tuple[list[int], int, float]], rows_: Sequence[int]) -> float:
        overflow = sum(
            max(0, state[c][0][r] - sum(rows_[r:r + span])) for c in range(count) for r, span in merged[c]
        )
        return (header_weight * max(h for _, h, _ in state) + sum(rows_) + overflow
                + WRAP_WEIGHT * sum(w for _, _, w in state))

    tops = row_lines(state)
    current = cost(state, [t for t, _, _ in tops])
    step = max(size, spare / STEPS)
    while spare > 0.01:
        best: tuple[float, int, float, tuple[list[int], int, float], float] | None = None
        for c in range(count):
            others = [second if where == c else top for top, where, second in tops]
            flags = single[c]
            for width in (widths[c] + step * k for k in range(1, LOOKAHEAD + 1) if step * k <= spare + 0.01):
                trial = column_state(c, width)
                cells = trial[0]
                rows_ = [max(o, cells[r]) if flags[r] else o for r, o in enumerate(others)]
                saved = current - cost([*state[:c], trial, *state[c + 1:]], rows_)
                if saved > 0 and (best is None or saved / (width - widths[c]) > best[0]):
                    best = (saved / (width - widths[c]), c, width, trial, current - saved)
        if best is None:
            break
        _, c, width, state[c], current = best
        spare -= width - widths[c]
        widths[c] = width
        tops = row_lines(state)
    # What is left goes to the text columns that still wrap, by their text; if none does, to
    # every column in proportion.
    wrapping = [c for c, kind in enumerate(kinds) if kind is ColumnKind.TEXT and any(n > 1 for n in state[c][0])]
    weights = {c: sum(sum(w) for w in columns[c].widths) for c in wrapping} or dict(enumerate(widths))
    scale = sum(weights.values())
    for c, weight in weights.items():
        widths[c] += spare * weight / scale
    return _fill(tuple(widths), total)


def _fill(widths: tuple[float, ...], total: float) -> tuple[float, ...]:
    """Widths in whole twentieths of a point (Word's unit), adding up to `total` exactly."""
    twips = [round(w * 20) for w in widths]
    twips[-1] += round(total * 20) - sum(twips)
    return tuple(t / 20 for t in twips)
