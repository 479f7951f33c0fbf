"""Edits of a report as the clerk makes them: typed cells, rows, duties with their tasks, pasted
blocks, cleared cells.

Every edit applies itself to a report in place and returns what it changed (a `ChangeSet`) and
the edit that undoes it, so the editor wraps each one in an undo command and refreshes only what
changed. Rows are the rows of the tables as displayed (see `findings`): table 7 starts with
预算总金额, 基本支出, 项目支出; table 8 has one row per task. No Qt.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from selfeval_gui.domain.compute import FIXED_BUDGET_ROWS
from selfeval_gui.domain.findings import COLUMNS, HEADINGS, Note, Table
from selfeval_gui.domain.layout import (
    BudgetPlaces,
    Header,
    RowRole,
    caption_unit,
    describe,
    has_text,
    header_at,
    implied_from,
    read_block,
    texts,
)
from selfeval_gui.domain.measure import normalize_measure_text
from selfeval_gui.domain.model import FIRST_YEAR, LAST_YEAR, BudgetRow, Duty, Indicator, KeyTask, Report, Section
from selfeval_gui.domain.money import AmountError, halfwidth, parse_amount, plain
from selfeval_gui.domain.reference import REFERENCE_COLUMNS
from selfeval_gui.domain.submission import DateError, parse_date
from selfeval_gui.domain.submission import field_of as submission_field


class CellRef(NamedTuple):
    """A cell of a table, or a field of 概况 (`row` is `None` there)."""

    table: Table
    row: int | None
    column: str


class CellError(ValueError):
    """Text that cannot go into a cell; `str(error)` is the Chinese message for the user."""


# ---------------------------------------------------------------- what changed


@dataclass(frozen=True, slots=True)
class RowSplice:
    """Rows `first .. first + removed - 1` of `table` were replaced by `inserted` new rows."""

    table: Table
    first: int
    removed: int
    inserted: int

    def shift(self, row: int) -> int | None:
        """Where `row` (before this splice) is after it; `None` if it was replaced."""
        if row < self.first:
            return row
        if row >= self.first + self.removed:
            return row + self.inserted - self.removed
        return None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What an edit changed: cells whose typed value changed (in the rows as they are after the
    edit) and row splices, in the order they happened."""

    cells: frozenset[CellRef] = frozenset()
    splices: tuple[RowSplice, ...] = ()

    def then(self, later: ChangeSet) -> ChangeSet:
        """This change followed by `later`: earlier cells follow the later splices."""
        cells = set(later.cells)
        for cell in self.cells:
            row: int | None = cell.row
            for splice in later.splices:
                if row is not None and splice.table is cell.table:
                    row = splice.shift(row)
                    if row is None:
                        break
            else:
                cells.add(CellRef(cell.table, row, cell.column))
        return ChangeSet(frozenset(cells), self.splices + later.splices)

    @property
    def tables(self) -> frozenset[Table]:
        return frozenset({c.table for c in self.cells} | {s.table for s in self.splices})

    def region(self, table: Table) -> RowSplice | None:
        """All splices of `table` as one: the smallest block of rows that was replaced."""
        combined: RowSplice | None = None
        for s in self.splices:
            if s.table is not table:
                continue
            if combined is None:
                combined = s
                continue
            # `combined` maps old rows to intermediate ones; widen it to cover `s` too.
            start = min(combined.first, s.first)
            end = max(combined.first + combined.inserted, s.first + s.removed)
            old_end = end - combined.inserted + combined.removed
            new_end = end - s.removed + s.inserted
            combined = RowSplice(table, start, old_end - start, new_end - start)
        return combined

    def __bool__(self) -> bool:
        return bool(self.cells or self.splices)


class Edit(Protocol):
    def apply(self, report: Report) -> tuple[ChangeSet, Edit]:
        """Change `report` in place; return what changed and the edit that undoes it."""
        ...


# ---------------------------------------------------------------- cells

AMOUNT_COLUMNS = ("initial", "adjustment", "actual")
#: Columns whose values are computed from others and never typed.
COMPUTED_COLUMNS: dict[Table, frozenset[str]] = {
    Table.OVERVIEW: frozenset(),
    Table.BUDGET: frozenset({"adjusted", "rate"}),
    Table.TASKS: frozenset(),
    Table.INDICATORS: frozenset({"deviation"}),
}
#: Columns shown merged over their neighbours (see `group_key`), outermost first.
GROUP_COLUMNS: dict[Table, tuple[str, ...]] = {
    Table.INDICATORS: ("group", "category"),
    Table.TASKS: ("duty",),
}
_SECTIONS = {s.value for s in Section}


def row_count(report: Report, table: Table) -> int:
    if table is Table.BUDGET:
        return FIXED_BUDGET_ROWS + len(report.budget.projects)
    if table is Table.TASKS:
        return sum(len(d.tasks) for d in report.duties)
    if table is Table.INDICATORS:
        return len(report.indicators)
    return 0


def task_position(report: Report, row: int) -> tuple[int, int]:
    """(duty index, task index) of row `row` of table 8."""
    for d, duty in enumerate(report.duties):
        if row < len(duty.tasks):
            return d, row
        row -= len(duty.tasks)
    raise IndexError("task row out of range")


def duty_first_row(report: Report, duty_index: int) -> int:
    return sum(len(d.tasks) for d in report.duties[:duty_index])


def duty_rows(report: Report, duty_index: int) -> range:
    first = duty_first_row(report, duty_index)
    return range(first, first + len(report.duties[duty_index].tasks))


def is_editable(report: Report, ref: CellRef) -> bool:
    """Whether the clerk may type into `ref` (computed cells and fixed labels are not)."""
    table, row, column = ref
    if table is Table.OVERVIEW:
        return column in COLUMNS[Table.OVERVIEW]
    if row is None or not 0 <= row < row_count(report, table) or column not in COLUMNS[table]:
        return False
    if column in COMPUTED_COLUMNS[table]:
        return False
    if table is Table.BUDGET:
        if row == 0:  # 预算总金额 = 基本支出 + 项目支出
            return False
        return column in AMOUNT_COLUMNS or row >= FIXED_BUDGET_ROWS
    return True


def not_editable_reason(ref: CellRef) -> str:
    """Why the clerk cannot type into `ref`, in Chinese."""
    reference = REFERENCE_COLUMNS.get(ref.table, {})
    if ref.column in reference:
        return f"“{reference[ref.column]}”是上年的数值，仅供对照，不能修改。"
    heading = HEADINGS[ref.table].get(ref.column, ref.column)
    if ref.column in COMPUTED_COLUMNS[ref.table]:
        return f"“{heading}”由其他数据自动计算，不能直接填写。"
    if ref.table is Table.BUDGET and ref.row == 0:
        return "“预算总金额”一行由基本支出与项目支出相加得出，不能直接填写。"
    if ref.table is Table.BUDGET and ref.row in (1, 2):
        return "“基本支出”“项目支出”是固定的行名，不能修改。"
    return "这里不能填写。"


def _budget_row(report: Report, row: int) -> BudgetRow:
    if row == 1:
        return report.budget.basic
    if row == 2:
        return report.budget.projects_total
    return report.budget.projects[row - FIXED_BUDGET_ROWS]


def _target(report: Report, ref: CellRef) -> tuple[object, str]:
    """The object holding `ref`'s value and the attribute name."""
    table, row, column = ref
    if table is Table.OVERVIEW:
        submission = submission_field(column)
        if submission is not None:
            return report.submission, submission
        return (report.overview, column) if column in _SECTIONS else (report, column)
    assert row is not None
    if table is Table.BUDGET:
        return _budget_row(report, row), column
    if table is Table.TASKS:
        d, t = task_position(report, row)
        duty = report.duties[d]
        return (duty, "text") if column == "duty" else (duty.tasks[t], column)
    return report.indicators[row], column


def cell_value(report: Report, ref: CellRef) -> object:
    """The typed value behind an editable cell: text, an amount (`Decimal | None`) or a year."""
    holder, name = _target(report, ref)
    return getattr(holder, name)


def edit_text(value: object) -> str:
    """The text an editor starts with for a typed value: amounts exactly, not rounded."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


_YEAR_RE = re.compile(r"(\d{4})\s*(?:年度?)?")


def parse_cell(report: Report, ref: CellRef, text: str) -> object:
    """The value to store for what the clerk typed into `ref`; `CellError` if it cannot be."""
    if not is_editable(report, ref):
        raise CellError(not_editable_reason(ref))
    return _parse_value(report, ref, text)


def _parse_value(report: Report, ref: CellRef, text: str) -> object:
    """`parse_cell` for a cell known to be editable."""
    return _parser(report, ref.table, ref.column)(text)


def _parser(report: Report, table: Table, column: str) -> Callable[[str], object]:
    """How the text typed into a column becomes its value (`CellError` if it cannot);
    line breaks of every kind are `\n`."""
    if table is Table.BUDGET and column in AMOUNT_COLUMNS:
        return lambda text: _amount(_lines(text))
    if table is Table.INDICATORS and column in ("target", "actual"):
        style, actual = report.comparator_style, column == "actual"
        return lambda text: normalize_measure_text(_lines(text), style, actual=actual)
    if table is Table.OVERVIEW and column == "year":
        return lambda text: parse_year(_lines(text))
    if table is Table.OVERVIEW and submission_field(column) == "date":
        return lambda text: _date(_lines(text))
    if table is Table.OVERVIEW and column in _SECTIONS:
        return _lines
    return lambda text: _lines(text).strip()


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _date(text: str) -> datetime.date | None:
    try:
        return parse_date(text)
    except DateError as exc:
        raise CellError(str(exc)) from None


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except AmountError as exc:
        raise CellError(str(exc)) from None


def parse_year(text: str) -> int | None:
    raw = halfwidth(text).strip()
    if not raw:
        return None
    match = _YEAR_RE.fullmatch(raw)
    if match is None or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise CellError(f"“{text}”不是年度，请填写四位数的年份，例如 2023。")
    return int(match.group(1))


def _changed_cells(report: Report, ref: CellRef) -> frozenset[CellRef]:
    # A duty's text shows on every row of the duty.
    if ref.table is Table.TASKS and ref.column == "duty" and ref.row is not None:
        d, _ = task_position(report, ref.row)
        return frozenset(CellRef(Table.TASKS, r, "duty") for r in duty_rows(report, d))
    return frozenset({ref})


@dataclass(frozen=True, slots=True)
class SetValue:
    """Store `value` (already parsed) in the cell `ref`."""

    ref: CellRef
    value: object

    def apply(self, report: Report) -> tuple[ChangeSet, Edit]:
        holder, name = _target(report, self.ref)
        old = getattr(holder, name)
        setattr(holder, name, self.value)
        return ChangeSet(_changed_cells(report, self.ref)), SetValue(self.ref, old)


# ---------------------------------------------------------------- rows


class ListRef(NamedTuple):
    """A list of the report that rows live in: the projects, the indicators, the duties, or
    the tasks of duty `duty`."""

    kind: str  # "projects" | "indicators" | "duties" | "tasks"
    duty: int | None = None


PROJECTS = ListRef("projects")
INDICATORS = ListRef("indicators")
DUTIES = ListRef("duties")


#: What the rows of the tables are made of: an item of one of the report's lists.
RowItem = BudgetRow | Indicator | Duty | KeyTask


def _list(report: Report, target: ListRef) -> list[Any]:
    """The list `target` names: of `BudgetRow`, `Indicator`, `Duty` or `KeyTask` (lists are
    invariant, so no one element type serves all four)."""
    if target.kind == "projects":
        return report.budget.projects
    if target.kind == "indicators":
        return report.indicators
    if target.kind == "duties":
        return report.duties
    assert target.duty is not None
    return report.duties[target.duty].tasks


def _display_rows(report: Report, target: ListRef, start: int, items: Sequence[RowItem]) -> tuple[Table, int, int]:
    """Table, first display row and number of display rows of `items` placed at `start`."""
    if target.kind == "projects":
        return Table.BUDGET, FIXED_BUDGET_ROWS + start, len(items)
    if target.kind == "indicators":
        return Table.INDICATORS, start, len(items)
    if target.kind == "duties":
        rows = sum(len(d.tasks) for d in items if isinstance(d, Duty))
        return Table.TASKS, duty_first_row(report, start), rows
    assert target.duty is not None
    return Table.TASKS, duty_first_row(report, target.duty) + start, len(items)


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace `count` items of a list from `start` with copies of `items`; with `owned`, the
    items themselves: they were made for this edit alone, which is then applied once (a
    paste of a hundred thousand rows is not copied again)."""

    target: ListRef
    start: int
    count: int
    items: tuple[RowItem, ...] = ()
    owned: bool = False

    def apply(self, report: Report) -> tuple[ChangeSet, Edit]:
        items = _list(report, self.target)
        removed = tuple(items[self.start : self.start + self.count])
        table, first, removed_rows = _display_rows(report, self.target, self.start, removed)
        inserted = list(self.items) if self.owned else [item.model_copy(deep=True) for item in self.items]
        items[self.start : self.start + self.count] = inserted
        _, _, inserted_rows = _display_rows(report, self.target, self.start, inserted)
        splice = RowSplice(table, first, removed_rows, inserted_rows)
        undo = Splice(self.target, self.start, len(inserted), removed)
        return ChangeSet(splices=(splice,)), undo


@dataclass(frozen=True, slots=True)
class Batch:
    """Several edits as one (one undo step)."""

    edits: tuple[Edit, ...]

    def apply(self, report: Report) -> tuple[ChangeSet, Edit]:
        # `ChangeSet.then` part by part, without copying every cell so far at each part: a
        # pasted block is thousands of cells, and only row splices move the earlier ones.
        cells: set[CellRef] = set()
        splices: list[RowSplice] = []
        undo: list[Edit] = []
        for edit in self.edits:
            change, inverse = edit.apply(report)
            if change.splices:
                cells = set(ChangeSet(frozenset(cells)).then(change).cells)
            else:
                cells |= change.cells
            splices.extend(change.splices)
            undo.append(inverse)
        return ChangeSet(frozenset(cells), tuple(splices)), Batch(tuple(reversed(undo)))


def batch(edits: Iterable[Edit]) -> Edit | None:
    """One edit for `edits`, or `None` if there are none."""
    edits = tuple(edits)
    if not edits:
        return None
    return edits[0] if len(edits) == 1 else Batch(edits)


# ---------------------------------------------------------------- merged groups


def group_key(report: Report, table: Table, row: int, column: str) -> object:
    """What makes neighbouring cells one merged cell, in the editor, in Word and in Excel: the
    same duty (two duties of equal text stay two cells); the same 目标 text, blank included, as
    a merged cell left blank in Word is; the same 类别 text within one 目标."""
    if table is Table.TASKS:
        return task_position(report, row)[0]
    indicator = report.indicators[row]
    group = indicator.group.strip()
    return group if column == "group" else (group, indicator.category.strip())


def merged_runs(report: Report, table: Table, column: str) -> list[range]:
    """The cells of `column` from top to bottom, each as the rows it covers: a merged cell's
    rows, or one row. Every view of tables 8 and 9 lays out its merged cells from these."""
    count = row_count(report, table)
    if column not in GROUP_COLUMNS.get(table, ()):
        return [range(row, row + 1) for row in range(count)]
    runs: list[range] = []
    if table is Table.TASKS:
        first = 0
        for duty in report.duties:
            runs.append(range(first, first + len(duty.tasks)))
            first += len(duty.tasks)
        return runs
    first = 0
    for row in range(1, count + 1):
        if row == count or group_key(report, table, row, column) != group_key(report, table, first, column):
            runs.append(range(first, row))
            first = row
    return runs


def merged_rows(report: Report, table: Table, row: int, column: str) -> range:
    """The rows shown as one merged cell with `row` in `column` (just `row` if not merged):
    the run of `merged_runs` that holds `row`, found without building them all."""
    if column not in GROUP_COLUMNS.get(table, ()):
        return range(row, row + 1)
    if table is Table.TASKS:
        return duty_rows(report, task_position(report, row)[0])
    key = group_key(report, table, row, column)
    first, last = row, row
    while first > 0 and group_key(report, table, first - 1, column) == key:
        first -= 1
    while last + 1 < len(report.indicators) and group_key(report, table, last + 1, column) == key:
        last += 1
    return range(first, last + 1)


# ---------------------------------------------------------------- what the clerk does


def set_cell(report: Report, ref: CellRef, text: str, *, rows: Sequence[int] | None = None) -> Edit | None:
    """The edit for typing `text` into `ref`; `None` if the value would not change.

    A merged 目标/类别 cell is one cell: typing into it changes every row it covers (or
    `rows`, the rows it covered when typing began). Raises `CellError` for text that cannot go
    there (an amount that is not a number).
    """
    value = parse_cell(report, ref, text)
    if ref.row is not None and ref.table is Table.INDICATORS:
        if rows is None:
            rows = merged_rows(report, ref.table, ref.row, ref.column)
        refs = [CellRef(ref.table, r, ref.column) for r in rows]
    else:
        refs = [ref]  # a duty's text is stored once, on the duty
    return batch(SetValue(r, value) for r in refs if cell_value(report, r) != value)


def _blank(ref: CellRef) -> object:
    """An emptied cell: no amount, no year, or empty text (an indicator's 完成值 is text,
    though its key is the budget's 实际支出数)."""
    if (ref.table is Table.BUDGET and ref.column in AMOUNT_COLUMNS) or (
            ref.table is Table.OVERVIEW and ref.column == "year"):
        return None
    return ""


def clear_cells(report: Report, refs: Iterable[CellRef]) -> Edit | None:
    """Delete pressed on a selection: every editable cell in it blanked (amounts to none)."""
    edits: list[Edit] = []
    seen: set[CellRef] = set()
    for ref in refs:
        if not is_editable(report, ref):
            continue
        if ref.table is Table.TASKS and ref.column == "duty":
            assert ref.row is not None
            ref = CellRef(Table.TASKS, duty_first_row(report, task_position(report, ref.row)[0]), "duty")
        if ref.table is Table.INDICATORS and ref.row is not None and ref.column in GROUP_COLUMNS[ref.table]:
            # A merged 目标/类别 is one cell: cleared as a whole.
            targets = [CellRef(ref.table, r, ref.column) for r in merged_rows(report, ref.table, ref.row, ref.column)]
        else:
            targets = [ref]
        for target in targets:
            if target in seen:
                continue
            seen.add(target)
            blank = _blank(target)
            if cell_value(report, target) != blank:
                edits.append(SetValue(target, blank))
    return batch(edits)


def fill_cells(report: Report, refs: Iterable[CellRef], text: str) -> tuple[Edit | None, list[str]]:
    """Ctrl+Enter: `text` typed into every cell of a selection, as one edit, and why some cells
    could not take it (Chinese, one line each). Computed cells and fixed labels are passed
    over; a merged 目标/类别/职责 takes it as a whole, as typing into it does."""
    edits: list[Edit] = []
    refused: list[str] = []
    for ref in refs:
        if not is_editable(report, ref):
            continue
        try:
            edit = set_cell(report, ref, text)
        except CellError as exc:
            refused.append(f"第{(ref.row or 0) + 1}行“{HEADINGS[ref.table][ref.column]}”：{exc}")
            continue
        if edit is not None:
            edits.append(edit)
    return batch(edits), refused


@dataclass(frozen=True, slots=True)
class RowEdit:
    """A row operation and the rows to select afterwards."""

    edit: Edit
    first: int
    last: int


def insert_rows(report: Report, table: Table, anchor: int | None, *, below: bool, count: int = 1) -> RowEdit | None:
    """Blank rows above or below row `anchor` (at the end of an empty table for `None`).

    Table 7 gets project rows (never above 基本支出/项目支出); a new indicator joins the merged
    目标 and 类别 of the row it is inserted beside; a new task joins the anchor's duty.
    """
    if count < 1:
        return None
    if table is Table.BUDGET:
        # Never above 基本支出 and 项目支出: the projects come after them.
        start = 0 if anchor is None or anchor < FIXED_BUDGET_ROWS else anchor - FIXED_BUDGET_ROWS + int(below)
        projects = tuple(BudgetRow() for _ in range(count))
        first = FIXED_BUDGET_ROWS + start
        return RowEdit(Splice(PROJECTS, start, 0, projects), first, first + count - 1)
    if table is Table.INDICATORS:
        n = len(report.indicators)
        if anchor is None or n == 0:
            start, like = n, None
        else:
            start = anchor + (1 if below else 0)
            like = report.indicators[anchor]
        items = tuple(
            Indicator(group=like.group, category=like.category) if like else Indicator() for _ in range(count)
        )
        return RowEdit(Splice(INDICATORS, start, 0, items), start, start + count - 1)
    if table is Table.TASKS:
        tasks = tuple(KeyTask() for _ in range(count))
        if anchor is None or not report.duties:
            at = len(report.duties)
            first = row_count(report, Table.TASKS)
            return RowEdit(Splice(DUTIES, at, 0, (Duty(tasks=list(tasks)),)), first, first + count - 1)
        d, t = task_position(report, anchor)
        start = t + (1 if below else 0)
        first = duty_first_row(report, d) + start
        return RowEdit(Splice(ListRef("tasks", d), start, 0, tasks), first, first + count - 1)
    return None


def insert_duty(report: Report, anchor: int | None, *, below: bool = True) -> RowEdit:
    """A new duty with one blank task, after (or before) the duty of row `anchor`."""
    if anchor is None or not report.duties:
        at = len(report.duties)
    else:
        d, _ = task_position(report, anchor)
        at = d + (1 if below else 0)
    first = duty_first_row(report, at) if at < len(report.duties) else row_count(report, Table.TASKS)
    return RowEdit(Splice(DUTIES, at, 0, (Duty(),)), first, first)


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted indices as (start, count) runs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if runs and runs[-1][0] + runs[-1][1] == i:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def delete_rows(report: Report, table: Table, rows: Iterable[int]) -> Edit | None:
    """Remove rows. 预算总金额/基本支出/项目支出 stay; a duty goes with its last task."""
    rows = {r for r in rows if 0 <= r < row_count(report, table)}
    edits: list[Edit] = []
    if table is Table.BUDGET:
        projects = [r - FIXED_BUDGET_ROWS for r in rows if r >= FIXED_BUDGET_ROWS]
        edits = [Splice(PROJECTS, start, n) for start, n in reversed(_runs(projects))]
    elif table is Table.INDICATORS:
        edits = [Splice(INDICATORS, start, n) for start, n in reversed(_runs(rows))]
    elif table is Table.TASKS:
        by_duty: dict[int, list[int]] = {}
        for r in rows:
            d, t = task_position(report, r)
            by_duty.setdefault(d, []).append(t)
        whole = [d for d, ts in by_duty.items() if len(ts) == len(report.duties[d].tasks)]
        # Tasks first (their duty indices stay valid), then whole duties from the end.
        for d in sorted(set(by_duty) - set(whole), reverse=True):
            edits += [Splice(ListRef("tasks", d), s, n) for s, n in reversed(_runs(by_duty[d]))]
        edits += [Splice(DUTIES, s, n) for s, n in reversed(_runs(whole))]
    return batch(edits)


def _move(target: ListRef, first: int, last: int, delta: int, items: Sequence[RowItem]) -> Edit:
    moved = tuple(items[first : last + 1])
    return Batch((Splice(target, first, len(moved)), Splice(target, first + delta, 0, moved)))


def move_rows(report: Report, table: Table, first: int, last: int, delta: int) -> RowEdit | None:
    """Move rows `first..last` up (`delta` −1) or down (+1); `None` where they cannot go.

    In table 8, whole duties move past whole duties; tasks move within their duty and, at its
    edge, into the neighbouring duty (a duty keeps at least one task).
    """
    if delta not in (-1, 1) or first > last:
        return None
    if table is Table.BUDGET:
        if first < FIXED_BUDGET_ROWS:
            return None
        a, b = first - FIXED_BUDGET_ROWS, last - FIXED_BUDGET_ROWS
        if a + delta < 0 or b + delta >= len(report.budget.projects):
            return None
        return RowEdit(_move(PROJECTS, a, b, delta, report.budget.projects), first + delta, last + delta)
    if table is Table.INDICATORS:
        if first + delta < 0 or last + delta >= len(report.indicators):
            return None
        return RowEdit(_move(INDICATORS, first, last, delta, report.indicators), first + delta, last + delta)
    if table is Table.TASKS:
        return _move_tasks(report, first, last, delta)
    return None


def _move_tasks(report: Report, first: int, last: int, delta: int) -> RowEdit | None:
    if last >= row_count(report, Table.TASKS):
        return None
    d1, t1 = task_position(report, first)
    d2, t2 = task_position(report, last)
    if t1 == 0 and t2 == len(report.duties[d2].tasks) - 1:
        # Whole duties: they swap places with the neighbouring duty.
        if d1 + delta < 0 or d2 + delta >= len(report.duties):
            return None
        neighbour = report.duties[d1 - 1] if delta < 0 else report.duties[d2 + 1]
        shift = -len(neighbour.tasks) if delta < 0 else len(neighbour.tasks)
        edit = _move(DUTIES, d1, d2, delta, report.duties)
        return RowEdit(edit, first + shift, last + shift)
    if d1 != d2:
        return None
    duty = report.duties[d1]
    if t1 + delta >= 0 and t2 + delta < len(duty.tasks):
        return RowEdit(_move(ListRef("tasks", d1), t1, t2, delta, duty.tasks), first + delta, last + delta)
    # At the duty's edge: into the neighbouring duty (the duty keeps its other tasks; a
    # selection of all of them moved as a whole duty above).
    moved = tuple(duty.tasks[t1 : t2 + 1])
    remove = Splice(ListRef("tasks", d1), t1, len(moved))
    if delta < 0:
        if d1 == 0:
            return None
        into = len(report.duties[d1 - 1].tasks)
        edit = Batch((remove, Splice(ListRef("tasks", d1 - 1), into, 0, moved)))
        return RowEdit(edit, first, last)  # same rows, now the last of the duty above
    if d1 == len(report.duties) - 1:
        return None
    edit = Batch((remove, Splice(ListRef("tasks", d1 + 1), 0, 0, moved)))
    return RowEdit(edit, first, last)


# ---------------------------------------------------------------- paste


@dataclass(slots=True)
class PastePlan:
    """What pasting a block does: the edit (`None` if nothing changes), the rows added, the
    block of cells it covers, what could not be pasted and what was read how (Chinese, one
    line each)."""

    edit: Edit | None
    top: int
    left: int
    bottom: int
    right: int
    rows_added: int = 0
    skipped: list[str] = field(default_factory=list)
    #: What a block pasted with its header row was read as (columns by their headings,
    #: amounts converted from 元, totals left out), each with where it is.
    notes: list[Note] = field(default_factory=list)
    #: The cells written, from (`top`, `left`) (`None`: left as it was), computed ones too:
    #: what `paste_check` compares.
    written: Sequence[Sequence[str | None]] = ()


class PasteCancelled(Exception):
    """The clerk stopped a long paste; nothing was changed."""


#: Rows one paste may hold at most: a report's tables have tens to hundreds, and a hundred
#: thousand rows already take seconds and hundreds of megabytes to paste and check.
MAX_PASTE_ROWS = 100_000

#: `progress(rows_done, rows_total)`, called every `PROGRESS_STEP` rows of a paste; `False`
#: stops it (`PasteCancelled`).
Progress = Callable[[int, int], bool]
PROGRESS_STEP = 500


def _report_progress(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and done % PROGRESS_STEP == 0 and not progress(done, total):
        raise PasteCancelled


def rows_to_paste(report: Report, table: Table, top: int, grid: Sequence[Sequence[str]]) -> int:
    """How many rows of `grid` a paste at row `top` uses: blank rows at its end that would only
    add blank rows below the table are left out (a whole column copied in WPS brings a
    million of them)."""
    existing = row_count(report, table)
    end = len(grid)
    while end > 0 and top + end - 1 >= existing and not has_text(grid[end - 1]):
        end -= 1
    return end


def _without_blank_rows_added(report: Report, table: Table, top: int,
                              grid: Sequence[Sequence[str]]) -> Sequence[Sequence[str]]:
    """`grid` less its blank rows that would be added below the table (a spacer line between
    the rows copied, the blank rows of a whole column copied); over existing rows a blank row
    stays, and clears them, as in Excel."""
    kept = max(row_count(report, table) - top, 0)
    if all(has_text(row) for row in grid[kept:]):
        return grid
    return [*grid[:kept], *(row for row in grid[kept:] if has_text(row))]


def paste_block(report: Report, table: Table, top: int, left: int, grid: Sequence[Sequence[str]],
                progress: Progress | None = None) -> PastePlan:
    """Paste rows of cell texts (as copied from Excel/WPS) with their top-left cell at
    (`top`, `left`), adding rows below the table where the block is longer than it.

    Computed columns and fixed labels are passed over; an amount that is not a number is
    skipped and reported. A blank 目标/类别/职责 cell continues the one above, as Excel copies
    merged cells; one value pasted onto such a merged cell replaces it whole. A block of table
    7 or 9 copied with its header row (from another template) goes by its headings, as an
    import reads it (see `_paste_under_header`). Blank rows that would be added below the
    table are left out (`_without_blank_rows_added`): no paste adds an empty row. The report is not
    changed: the plan's edit does that.
    """
    grid = _without_blank_rows_added(report, table, top, grid)
    if table in (Table.BUDGET, Table.INDICATORS):
        header = _pasted_header(table, grid)
        if header is not None:
            return _paste_under_header(report, table, top, grid, *header, progress)
    columns = COLUMNS[table]
    width = max((len(r) for r in grid), default=0)
    height = len(grid)
    right = min(left + width, len(columns)) - 1
    plan = PastePlan(None, top, left, top + height - 1, right)
    if height == 0 or width == 0 or right < left:
        return plan
    if left + width > len(columns):
        plan.skipped.append(f"粘贴的内容有 {width} 列，超出表格的 {left + width - len(columns)} 列未粘贴。")
    if (height, width) == (1, 1) and columns[left] in GROUP_COLUMNS.get(table, ()) and top < row_count(report, table):
        # One value onto a merged 目标/类别/职责 replaces the whole cell, as typing there does.
        ref = CellRef(table, top, columns[left])
        try:
            plan.edit = set_cell(report, ref, grid[0][0])
        except CellError as exc:
            plan.skipped.append(f"第{top + 1}行“{HEADINGS[table][ref.column]}”：{exc}")
        return plan
    if table is Table.TASKS:
        return _paste_tasks(report, top, left, grid, plan, progress)
    return _write_block(report, table, top, left, grid, plan, progress)


def _write_block(report: Report, table: Table, top: int, left: int, grid: Sequence[Sequence[str | None]],
                 plan: PastePlan, progress: Progress | None) -> PastePlan:
    """Write rows of cells with their top-left at (`top`, `left`), adding rows below the table
    where needed; a `None` cell leaves the cell under it as it is. Linear in the block: cells
    of existing rows become cell edits, added rows are built whole and inserted in one step."""
    plan.written = grid
    columns = COLUMNS[table]
    height = len(grid)
    existing = row_count(report, table)
    edits: list[Edit] = []
    pending: dict[CellRef, object] = {}  # values set by this paste in existing rows
    blank = _blank_row(report, table)
    added: list[Indicator | BudgetRow] = [blank.model_copy() for _ in range(existing, top)]
    groups = GROUP_COLUMNS.get(table, ())
    parsers = {column: _parser(report, table, column) for column in columns}
    # One long value pasted over a selection is the same text in every cell: read it once.
    long_values: dict[tuple[str, str], object] = {}

    def parse(column: str, text: str) -> object:
        if len(text) < 1000:
            return parsers[column](text)
        if (column, text) not in long_values:
            long_values[(column, text)] = parsers[column](text)
        return long_values[(column, text)]

    def above(row: int, column: str) -> object:
        if row - 1 >= existing:
            return getattr(added[row - 1 - existing], column)
        ref = CellRef(table, row - 1, column)
        return pending[ref] if ref in pending else cell_value(report, ref)

    for i, cells in enumerate(grid):
        _report_progress(progress, i, height)
        row = top + i
        new: dict[str, object] | None = {} if row >= existing else None
        for j, text in enumerate(cells[: len(columns) - left]):
            column = columns[left + j]
            ref = CellRef(table, row, column)
            editable = is_editable(report, ref) if new is None else column not in COMPUTED_COLUMNS[table]
            if text is None or not editable:
                continue
            if column in groups and not text.strip() and row > 0:
                text = str(above(row, column))
            try:
                value = parse(column, text)
            except CellError as exc:
                plan.skipped.append(f"第{row + 1}行“{HEADINGS[table][column]}”：{exc}")
                continue
            if new is not None:
                new[column] = value
            elif cell_value(report, ref) != value:
                edits.append(SetValue(ref, value))
                pending[ref] = value
        if new is not None:
            added.append(blank.model_copy(update=new))
    if added:
        target = PROJECTS if table is Table.BUDGET else INDICATORS
        edits.append(Splice(target, len(_list(report, target)), 0, tuple(added), owned=True))
        plan.rows_added = len(added)
    plan.edit = batch(edits)
    return plan


def _blank_row(report: Report, table: Table) -> Indicator | BudgetRow:
    """A row added at the end of table 7 or 9, as inserting one below the last row makes it
    (its fields are immutable values: copies of it may be shallow)."""
    if table is Table.BUDGET:
        return BudgetRow()
    like = report.indicators[-1] if report.indicators else None
    return Indicator(group=like.group, category=like.category) if like else Indicator()


#: No caption or heading of a header row is longer.
_LONGEST_HEADING = 100


def _pasted_header(table: Table, grid: Sequence[Sequence[str]]) -> tuple[Header, int, str | None] | None:
    """The header row(s) a pasted block starts with, if it does (under a caption `单位：元`),
    the row its data starts at, and the unit the caption states."""
    if any(len(cell or "") > _LONGEST_HEADING for row in grid[:3] for cell in row):
        return None  # headings are a few words: a long text above is data (and costly to match)
    start, unit = 0, None
    while start < len(grid) and (said := caption_unit(grid[start])):
        start, unit = start + 1, said
    found = header_at(grid, start, (table,)) if start < len(grid) else None
    if found is None:
        return None
    header, height = found
    return header, start + height, unit


def _paste_under_header(report: Report, table: Table, top: int, grid: Sequence[Sequence[str]], header: Header,
                        start: int, unit: str | None, progress: Progress | None) -> PastePlan:
    """A block copied with its header row (from a form of another template): its columns go
    where their headings say, whatever cell it is pasted on; amounts headed 元 are converted,
    a target split over 指标性质, 指标值, 度量单位 put together, scores left out, all as an import
    reads such a table. In table 7, 合计 and funding-source rows are left out, 基本支出 and
    项目支出 go to their rows, projects from the pasted row on, and a blank 追加追减 beside a
    调整预算数 is their difference. The notes say what was read how."""
    read = read_block(header, grid[start:], unit=unit)
    notes = [Note(f"粘贴内容带表头，已按表头（{'、'.join(texts(header.headings)[:8])}）对应各列。", table)]
    notes += describe(read, "粘贴内容", lambda i: f"粘贴内容第{start + i + 1}行", "粘贴", first_row=top)
    width = len(COLUMNS[table])
    placed = _place_budget(read.rows, top, notes) if table is Table.BUDGET else {
        top + i: row for i, row in enumerate(read.rows)
    }
    if not placed:
        return PastePlan(None, top, 0, top, width - 1, skipped=["粘贴的内容中表头以下没有可粘贴的行。"])
    first, last = min(placed), max(placed)
    rows: list[Sequence[str | None]] = [placed.get(r, [None] * width) for r in range(first, last + 1)]
    plan = PastePlan(None, first, 0, last, width - 1, notes=notes)
    return _write_block(report, table, first, 0, rows, plan, progress)


def _place_budget(rows: list[list[str | None]], top: int, notes: list[Note]) -> dict[int, list[str | None]]:
    """Table 7's rows by their names: the total and funding-source rows left out (the total is
    computed), 基本支出 and 项目支出 to their rows, projects from `top` on (below 项目支出)."""
    placed: dict[int, list[str | None]] = {}
    places = BudgetPlaces(max(top, FIXED_BUDGET_ROWS))
    for cells in rows:
        written = (cells[0] or "").strip()
        row, role, name = places.place(written)
        if role is RowRole.TOTAL:
            notes.append(Note(f"“{written}”是合计行，预算总金额由基本支出与项目支出相加得出，未粘贴。", Table.BUDGET))
            continue
        if row is None:
            notes.append(Note(f"“{written}”是按资金来源的分项，不是基本支出、项目支出或项目，未粘贴。", Table.BUDGET))
            continue
        cells = [name, *cells[1:]]
        adjustment = implied_from(cells[1] or "", cells[2] or "", cells[3] or "")
        if adjustment is not None:
            cells[2] = plain(adjustment)
            notes.append(Note(f"预算信息表第{row + 1}行“{name}”的“上年度结转及当年预算追加追减数”未填，"
                              f"按调整预算数 − 年初预算数计为 {plain(adjustment)}。", Table.BUDGET, row, "adjustment"))
        placed[row] = cells
    return placed


def _paste_tasks(report: Report, top: int, left: int, grid: Sequence[Sequence[str]], plan: PastePlan,
                 progress: Progress | None) -> PastePlan:
    """Table 8: the block is written over the rows, then the affected duties are regrouped.

    A pasted 职责 cell that is blank, or equal to the duty above, continues that duty (Excel
    copies a merged cell as its text followed by blanks); any other text starts a duty there,
    or renames the duty when pasted on its first row. Rows without a pasted 职责 keep theirs.
    """
    existing = row_count(report, Table.TASKS)
    starts = {duty_first_row(report, d): d for d in range(len(report.duties))}
    end = top + len(grid)
    first_duty = task_position(report, min(top, existing - 1))[0] if existing else 0
    first_duty = max(first_duty - 1, 0)  # a blank 职责 on top may continue the duty above
    last_duty = task_position(report, min(end, existing) - 1)[0] if existing else -1
    begin = duty_first_row(report, first_duty) if report.duties else 0
    stop = max(duty_first_row(report, last_duty) + len(report.duties[last_duty].tasks), end) if existing else end
    groups: list[tuple[str, list[KeyTask]]] = []
    for row in range(begin, stop):
        _report_progress(progress, row - begin, stop - begin)
        if row < existing:
            d, t = task_position(report, row)
            task = report.duties[d].tasks[t]
            cells = [report.duties[d].text, task.name, task.completion]
            previous = task.previous_completion  # last year's stays with its row
        else:
            d, cells, previous = -1, ["", "", ""], None
        pasted = grid[row - top] if top <= row < end else ()
        for j, text in enumerate(pasted):
            if left + j < len(cells):
                cells[left + j] = text.replace("\r\n", "\n").strip()
        if left == 0 and pasted:
            text = cells[0]
            if not groups:
                groups.append((text or (report.duties[d].text if d >= 0 else ""), []))
            elif text and text != groups[-1][0]:
                groups.append((text, []))
        elif row in starts or not groups:
            groups.append((cells[0], []))
        groups[-1][1].append(KeyTask(name=cells[1], completion=cells[2], previous_completion=previous))
    duties = [Duty(text=text, tasks=tasks) for text, tasks in groups]
    plan.rows_added = max(end - existing, 0)
    old = report.duties[first_duty : last_duty + 1]
    if [d.model_dump() for d in duties] != [d.model_dump() for d in old]:
        plan.edit = Splice(DUTIES, first_duty, len(old), tuple(duties))
    return plan
