"""Finding tables 7, 8 and 9 in a document by their header rows, and their columns by the
header's words: headings vary from year to year and from department to department
(`年初预算数（万元）`, `年初预算`; `指标完成值`, `实际完成值`), columns get added (`序号`) or
left out, and a title row may sit above the header.

`table_rows` turns a table's rows into the canonical columns `assemble` expects.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from selfeval_gui.domain.findings import HEADINGS, Table
from selfeval_gui.domain.model import BASIC_NAME, PROJECTS_NAME, TOTAL_NAME
from selfeval_gui.importers import ImportNote
from selfeval_gui.importers.assemble import Cell


@dataclass(frozen=True, slots=True)
class TableShape:
    table: Table
    #: Canonical column keys, in the order `assemble` expects them.
    columns: tuple[str, ...]
    #: (key, words): a heading containing any of the words is that column. Checked in order,
    #: so that `完成值来源` is the source before `完成值` can make it the actual.
    rules: tuple[tuple[str, tuple[str, ...]], ...]
    #: Keys a header row must have to be this table's header.
    required: frozenset[str]
    #: The key of a first column whose heading is blank (the published table 9 leaves it so).
    blank_first: str


BUDGET = TableShape(
    Table.BUDGET,
    ("name", "initial", "adjustment", "adjusted", "actual", "rate"),
    (
        ("rate", ("执行率",)),
        ("adjustment", ("追加", "追减", "结转")),
        ("adjusted", ("调整预算", "调整后", "全年预算")),
        ("initial", ("年初",)),
        ("actual", ("实际", "支出数", "执行数")),
        ("name", ("预算资金", "项目", "名称", "科目")),
    ),
    frozenset({"initial", "actual"}),
    "name",
)
TASKS = TableShape(
    Table.TASKS,
    ("duty", "name", "completion"),
    (
        ("duty", ("职责",)),
        ("completion", ("完成情况", "完成", "进展")),
        ("name", ("任务",)),
    ),
    frozenset({"name", "completion"}),
    "duty",
)
INDICATORS = TableShape(
    Table.INDICATORS,
    ("group", "category", "name", "target", "actual", "source", "deviation", "reason"),
    (
        ("source", ("来源",)),
        ("deviation", ("偏差",)),
        ("reason", ("原因", "说明")),
        ("target", ("目标值", "指标值", "年度目标")),
        ("actual", ("完成值", "实际值", "实际完成")),
        ("name", ("指标名称", "三级指标")),
        ("category", ("类别", "二级指标", "类型")),
        ("group", ("一级指标", "目标")),
    ),
    frozenset({"name", "target", "actual"}),
    "group",
)
SHAPES = (BUDGET, INDICATORS, TASKS)

#: A header is looked for in the first rows only (a title row or two may come first).
HEADER_SEARCH_ROWS = 4


def compact(text: str | None) -> str:
    """Text without spaces or line breaks, full-width letters and digits as ASCII."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def map_header(shape: TableShape, header: Sequence[Cell]) -> tuple[dict[str, int], list[str]]:
    """Column index of each key found in `header`, and the headings that are no column of
    this table."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, heading in enumerate(header):
        if heading is None:
            continue
        words = compact(heading)
        key = next((k for k, options in shape.rules if any(w in words for w in options)), None)
        if key is None and not words and index == 0:
            key = shape.blank_first
        if key is None or key in found:
            if words:
                unknown.append(heading.strip())
            continue
        found[key] = index
    return found, unknown


@dataclass(frozen=True, slots=True)
class FoundTable:
    shape: TableShape
    header_row: int
    columns: dict[str, int]
    unknown: list[str]


def identify(rows: Sequence[Sequence[Cell]]) -> FoundTable | None:
    """Which of tables 7, 8, 9 these rows are, from the first header row that says so."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for shape in SHAPES:
            columns, unknown = map_header(shape, row)
            if shape.required <= columns.keys():
                return FoundTable(shape, index, columns, unknown)
    return None


#: What clerks write in an amount cell that has no amount.
_NO_AMOUNT = {"-", "—", "——", "－", "/", "／", "无", "－－", "--"}
_TOTAL_NAMES = {"合计", "总计", "合计数", "总计数", TOTAL_NAME}


def table_rows(found: FoundTable, rows: Sequence[Sequence[Cell]], notes: list[ImportNote],
               *, exact: bool = False) -> list[list[Cell]]:
    """The data rows after the header, in the canonical columns. Rows repeating the header
    are dropped; unless `exact`, names of the budget's fixed rows written with spaces (`基 本
    支 出`) or as `合计` are read as the fixed rows, and `—` or `/` in an amount cell as blank."""
    shape = found.shape
    if found.unknown and not exact:
        names = "、".join(f"“{u}”" for u in found.unknown)
        notes.append(ImportNote(f"{shape.table.label}表的 {names} 列不属于本表，未导入。", shape.table))
    missing = [k for k in shape.columns if k not in found.columns and k not in ("adjusted", "rate", "deviation")]
    if missing and not exact:
        labels = "、".join(f"“{HEADINGS[shape.table].get(k, k)}”" for k in missing)
        notes.append(ImportNote(f"{shape.table.label}表中没有找到 {labels} 列，这些内容留空。", shape.table))
    header = rows[found.header_row]
    result: list[list[Cell]] = []
    for row in rows[found.header_row + 1:]:
        if _repeats_header(row, header):
            continue
        cells: list[Cell] = []
        for key in shape.columns:
            index = found.columns.get(key)
            cells.append(row[index] if index is not None and index < len(row) else "")
        if shape is BUDGET and not exact:
            cells = _tidy_budget_row(cells)
        result.append(cells)
    return result


def _repeats_header(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    return len(row) == len(header) and any(row) and all(
        compact(a) == compact(b) for a, b in zip(row, header, strict=True)
    )


def _tidy_budget_row(cells: list[Cell]) -> list[Cell]:
    name = compact(cells[0])
    for canonical in (BASIC_NAME, PROJECTS_NAME):
        if name == canonical:
            cells[0] = canonical
    if name in _TOTAL_NAMES:
        cells[0] = TOTAL_NAME
    return [cells[0], *("" if c is not None and compact(c) in _NO_AMOUNT else c for c in cells[1:])]
