"""Finding tables 7, 8 and 9 in a document's tables by their header rows, and their columns by
the headings' words (see `domain.layout`): headings vary from year to year, department to
department and template to template, columns get added (`序号`, `分值`) or left out, a title
row may sit above the header, and one table may hold several blocks, each with its own header
row part-way down (the national form printed as one table: money, 年度总体目标, indicators).

`split_blocks` cuts a table into its blocks; `block_rows` turns a block's rows into the
canonical columns `assemble` expects, converting amounts to 万元 and putting a target split
over 指标性质, 指标值 and 度量单位 back together, and notes what it converted or left out,
naming the table, rows and columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from selfeval_gui.domain.findings import COLUMNS, HEADINGS, Table
from selfeval_gui.domain.layout import (
    ACHIEVED,
    EXPECTED,
    INITIAL_TARGET,
    NATURE,
    SCORE,
    UNIT,
    YUAN_LIKELY_FROM,
    Header,
    best_header,
    compact,
    exact_key,
    heading_key,
    is_exact_heading,
    is_nothing,
    joined_header,
    match_header,
    split_target,
    stated_unit,
    to_wan,
)
from selfeval_gui.domain.measure import parse_comparator
from selfeval_gui.domain.money import AmountError, amount_text, parse_amount, plain
from selfeval_gui.importers import ImportFailed, ImportNote
from selfeval_gui.importers.assemble import Cell, comparator_style_of

Grid = Sequence[Sequence[Cell]]
#: Tables of the report, in the order a header is tried.
REPORT_TABLES = (Table.BUDGET, Table.INDICATORS, Table.TASKS)
#: Our own export's header is among the first rows (a title row or two may come first).
HEADER_SEARCH_ROWS = 4
#: Amount columns of table 7.
AMOUNT_KEYS = ("initial", "adjustment", "adjusted", "actual")


@dataclass(frozen=True, slots=True)
class FoundTable:
    """One of tables 7, 8, 9 in our own export: its header row and columns."""

    header: Header
    header_row: int

    @property
    def table(self) -> Table:
        return self.header.table


def identify(rows: Grid) -> FoundTable | None:
    """Which of tables 7, 8, 9 these rows are, from the first header row that says so."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = best_header(row, REPORT_TABLES)
        if header is not None:
            return FoundTable(header, index)
    return None


def exact_rows(found: FoundTable, rows: Grid) -> list[list[Cell]]:
    """Our export's data rows in the canonical columns, as written, repeated headers dropped."""
    header = rows[found.header_row]
    columns = found.header.columns
    return [
        [row[i] if (i := columns.get(key)) is not None and i < len(row) else "" for key in COLUMNS[found.table]]
        for row in rows[found.header_row + 1:]
        if not _repeats_header(row, header)
    ]


def _repeats_header(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    return len(row) == len(header) and any(row) and all(
        compact(a) == compact(b) for a, b in zip(row, header, strict=True)
    )


# ---------------------------------------------------------------- blocks of a table typed elsewhere


@dataclass(frozen=True, slots=True)
class Source:
    """Where a grid is, for notes: `第2个表格`, `工作表“自评表”`; `first_row` is the number of
    its first row as the clerk sees it."""

    where: str
    first_row: int = 1

    def rows(self, indices: Sequence[int]) -> str:
        """`第3行`, `第3–12行`: the grid rows `indices` span, as numbered in the source."""
        if not indices:
            return self.where
        first, last = min(indices) + self.first_row, max(indices) + self.first_row
        return f"{self.where}第{first}行" if first == last else f"{self.where}第{first}–{last}行"


@dataclass(slots=True)
class Block:
    """A header and the rows under it, up to the next header or the table's end."""

    header: Header
    #: Rows of the grid the header takes (one, or two when 指标值 stands over 年初/调整指标值).
    header_rows: range
    data: list[int] = field(default_factory=list)
    #: The unit a caption above states (`单位：元`), for amount columns whose heading states none.
    caption_unit: str | None = None

    @property
    def table(self) -> Table:
        return self.header.table

    @property
    def label(self) -> str:
        """What the block is, for notes: `预算信息表`, or `年度总体目标` (Table.OVERVIEW)."""
        return "年度总体目标" if self.table is Table.OVERVIEW else self.table.table_name


@dataclass(slots=True)
class Blocks:
    blocks: list[Block]
    #: Rows before the first block: a title, 项目名称, 主管部门 …
    head: list[int]


def texts(row: Sequence[Cell]) -> list[str]:
    """The row's distinct texts, in order (a cell spanning several columns counts once)."""
    seen: list[str] = []
    for cell in row:
        text = (cell or "").strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def _caption_unit(row: Sequence[Cell]) -> str | None:
    """The unit a row that is only a caption (`单位：元`, `金额单位：万元`) states."""
    found = texts(row)
    return stated_unit(found[0]) if len(found) == 1 and len(found[0]) <= 20 else None


def _is_number(text: str) -> bool:
    try:
        return parse_amount(text) is not None
    except AmountError:
        return False


def _header_at(grid: Grid, index: int) -> tuple[Header, int] | None:
    header = best_header(grid[index])
    if header is None:
        return None
    if index + 1 < len(grid):
        # The lower row of a two-row header (`年初指标值 | 调整指标值` under `指标值`) holds
        # nothing but headings of the same block.
        below = texts(grid[index + 1])
        if below and all(exact_key(header.table, t) for t in below):
            joined = match_header(header.table, joined_header(grid[index], grid[index + 1]))
            if joined is not None:
                return joined, 2
    return header, 1


def split_blocks(grid: Grid, source: Source, *, caption_unit: str | None = None) -> Blocks:
    """The blocks of a table typed elsewhere. A row part-way down that reads as the header of
    a block this report has not (`一级指标 | 评价标准 | 得分`) leaves rows that cannot be
    read: `ImportFailed` names the table and the row, rather than import them as nonsense."""
    blocks: list[Block] = []
    head: list[int] = []
    unit = caption_unit
    index = 0
    while index < len(grid):
        found = _header_at(grid, index)
        if found is not None:
            header, height = found
            blocks.append(Block(header, range(index, index + height), caption_unit=unit))
            unit = None
            index += height
            continue
        row = grid[index]
        stated = _caption_unit(row)
        if stated is not None:
            unit = stated
        elif not blocks:
            head.append(index)
        else:
            headings = [t for t in texts(row) if is_exact_heading(t)]
            if len(headings) >= 2 and not any(_is_number(t) for t in texts(row)):
                shown = "”“".join(headings[:6])
                raise ImportFailed(
                    f"{source.rows([index])}是另一部分的表头（“{shown}”），但无法认出这一部分的各列"
                    f"（没有{blocks[-1].label}以外可导入的内容），这个表格无法导入。"
                    "请在原文件中删去这一部分，或把它拆成单独的表格后再导入。"
                )
            blocks[-1].data.append(index)
        index += 1
    return Blocks(blocks, head)


# ---------------------------------------------------------------- a block's rows


@dataclass(slots=True)
class BlockRows:
    """A block's data rows in the canonical columns of its table, with where they came from."""

    table: Table
    rows: list[list[Cell]]
    #: The grid row each canonical row came from.
    source_rows: list[int]
    #: Each key's column in the grid (the name column as resolved).
    columns: dict[str, int]


#: The cells a row of an indicator block needs one of to be an indicator (name, target,
#: actual): a row with a 一级指标 only is a label or a 总分 row.
_ESSENTIAL = {Table.INDICATORS: ("name", "target", "actual", INITIAL_TARGET)}


def _keys(table: Table) -> tuple[str, ...]:
    if table is Table.OVERVIEW:
        return (EXPECTED, ACHIEVED)
    if table is Table.INDICATORS:
        return (*COLUMNS[table], NATURE, UNIT, INITIAL_TARGET)
    return COLUMNS[table]


def _quoted(headings: Sequence[str]) -> str:
    return "、".join(f"“{' '.join(h.split())}”" for h in headings)


def _text(grid: Grid, row: int, column: int) -> str:
    return (grid[row][column] or "").strip() if column < len(grid[row]) else ""


def block_rows(block: Block, grid: Grid, source: Source, notes: list[ImportNote]) -> BlockRows:
    """A block's rows in the canonical columns, noting the columns and rows left out, the
    units converted and the columns put together."""
    table = block.table
    columns = dict(block.header.columns)
    place = f"{source.rows([*block.header_rows, *block.data])}（{block.label}）"
    if table is Table.BUDGET:
        _resolve_name_column(block, grid, columns, place, notes)
    rows: list[list[Cell]] = []
    sources: list[int] = []
    keys = _keys(table)
    essential = _ESSENTIAL.get(table, keys)
    for index in block.data:
        row = grid[index]
        if _repeats_header(row, grid[block.header_rows[0]]):
            continue
        cells = [row[i] if (i := columns.get(key)) is not None and i < len(row) else "" for key in keys]
        if any((cell or "").strip() for key, cell in zip(keys, cells, strict=True) if key in essential):
            rows.append(cells)
            sources.append(index)
            continue
        # Not a row of this block: a label spanning the row (`绩效指标`) is no data, but a
        # row with more (`总分 … 100 … 98`) is said to be left out.
        found = texts(row)
        if len(found) > 1:
            notes.append(ImportNote(
                f"{source.rows([index])}（{_quoted(found[:4])}）不是{block.label}的内容，未导入。", table))
    _note_dropped(block, grid, columns, sources, place, notes)
    if table is Table.BUDGET:
        _budget_amounts(block, columns, rows, place, notes)
    elif table is Table.INDICATORS:
        _indicator_measures(block, columns, rows, sources, source, place, notes)
        rows = [r[: len(COLUMNS[table])] for r in rows]
    _note_missing(table, columns, place, notes)
    return BlockRows(table, rows, sources, columns)


def _note_dropped(block: Block, grid: Grid, columns: dict[str, int], rows: list[int], place: str,
                 notes: list[ImportNote]) -> None:
    """Notes for the columns left out: scores, serial numbers, and columns of no known kind
    that hold something in the rows read."""
    header = block.header
    scores = [h for h in header.dropped.values() if heading_key(block.table, h) == SCORE]
    serials = [h for h in header.dropped.values() if heading_key(block.table, h) != SCORE]
    if scores:
        notes.append(ImportNote(f"{place}的 {_quoted(scores)} 列是评分，本报告不设评分，未导入。", block.table))
    if serials:
        notes.append(ImportNote(f"{place}的 {_quoted(serials)} 列是序号，未导入。", block.table))
    read = set(columns.values())
    unknown = [h for i, h in header.unknown.items() if i not in read and any(_text(grid, r, i) for r in rows)]
    if unknown:
        notes.append(ImportNote(f"{place}的 {_quoted(unknown)} 列不属于本表，未导入。", block.table))


def _resolve_name_column(block: Block, grid: Grid, columns: dict[str, int], place: str,
                         notes: list[ImportNote]) -> None:
    """The names of a budget block's rows: under the heading that says so; else in the column
    before the amounts that holds them (headed `年度预算数（万元）`, or not at all)."""
    named = columns.get("name")
    if named is not None and any(_text(grid, r, named) for r in block.data):
        return
    first_amount = min((columns[k] for k in AMOUNT_KEYS if k in columns), default=0)
    taken = (set(columns.values()) | set(block.header.dropped)) - {named}
    filled = [
        (sum(1 for r in block.data if _text(grid, r, i)), i) for i in range(first_amount) if i not in taken
    ]
    count, index = max(filled, default=(0, 0))
    if not count:
        return
    columns["name"] = index
    heading = block.header.headings[index] if index < len(block.header.headings) else ""
    said = f"表头为“{heading}”" if heading.strip() else "表头空白"
    notes.append(ImportNote(f"{place}的项目名称取自第{index + 1}列（{said}）。", Table.BUDGET, None, "name"))


def _heading(block: Block, columns: dict[str, int], key: str) -> str:
    index = columns[key]
    headings = block.header.headings
    return " ".join(headings[index].split()) if index < len(headings) else ""


def _budget_amounts(block: Block, columns: dict[str, int], rows: list[list[Cell]], place: str,
                    notes: list[ImportNote]) -> None:
    """Amounts in 万元: columns headed 元 (or under a caption saying so) converted exactly; a
    table whose unit cannot be told but whose amounts look like 元 is noted."""
    header = block.header
    table_unit = block.caption_unit or header.unit()
    units = {key: header.units.get(key) or table_unit for key in AMOUNT_KEYS if key in columns}
    at = {key: COLUMNS[Table.BUDGET].index(key) for key in units}
    converted = [key for key, unit in units.items() if unit not in (None, "万元")]
    for row in rows:
        for key in converted:
            text = row[at[key]] or ""
            if text.strip() and not is_nothing(text):
                try:
                    value = to_wan(text, units[key])
                except AmountError:
                    continue  # left as written: the budget notes that it cannot be read
                row[at[key]] = plain(value) if value is not None else ""
    for unit in dict.fromkeys(units[k] for k in converted):
        keys = [k for k in converted if units[k] == unit]
        factor = {"元": "÷10000", "千元": "÷10", "亿元": "×10000"}[unit]
        notes.append(ImportNote(
            f"{place}的 {_quoted([_heading(block, columns, k) for k in keys])} 列金额以“{unit}”为单位，"
            f"已换算为万元（{factor}，未四舍五入）。",
            Table.BUDGET, None, keys[0],
        ))
    unknown = [key for key, unit in units.items() if unit is None]
    amounts = [abs(v) for row in rows for key in unknown if (v := _amount(row[at[key]])) is not None]
    if amounts and max(amounts) >= YUAN_LIKELY_FROM:
        notes.append(ImportNote(
            f"{place}没有注明金额单位，已按万元读入；但金额很大（最大 {amount_text(max(amounts))}），像是以“元”为单位。"
            "如原表以元为单位，请在原表的表头注明“（元）”后重新导入。",
            Table.BUDGET, None, unknown[0],
        ))


def _amount(text: Cell) -> Decimal | None:
    try:
        return parse_amount(text)
    except AmountError:
        return None


def _indicator_measures(block: Block, columns: dict[str, int], rows: list[list[Cell]], sources: list[int],
                        source: Source, place: str, notes: list[ImportNote]) -> None:
    """Targets split over 指标性质, 指标值 and 度量单位 (or 计量单位) put back together, actuals
    given the unit; the target taken from 调整指标值 where one is given, else 年初指标值."""
    keys = _keys(Table.INDICATORS)
    at = {key: keys.index(key) for key in keys}
    natures = [row[at[NATURE]] or "" for row in rows]
    comparators = NATURE in columns and any(parse_comparator(n) for n in natures)
    if NATURE in columns and not comparators and any(n.strip() for n in natures):
        notes.append(ImportNote(f"{place}的 {_quoted([_heading(block, columns, NATURE)])} 列（定量、定性）"
                                "本报告不单列，未导入。", Table.INDICATORS))
    style = comparator_style_of([*natures, *(row[at["target"]] or "" for row in rows)])
    split = comparators or UNIT in columns
    fell_back = False
    for number, (row, index) in enumerate(zip(rows, sources, strict=True)):
        target, initial = (row[at["target"]] or "").strip(), (row[at[INITIAL_TARGET]] or "").strip()
        if not target and initial:
            fell_back |= "target" in columns
            target = initial
        elif initial and compact(initial) != compact(target):
            notes.append(ImportNote(
                f"部门整体自评表第{number + 1}行（{source.rows([index])}）的“指标目标值”按"
                f"“{_heading(block, columns, 'target')}”的“{target}”读入"
                f"（“{_heading(block, columns, INITIAL_TARGET)}”为“{initial}”）。",
                Table.INDICATORS, number, "target",
            ))
        row[at["target"]] = target
        if split:
            unit = row[at[UNIT]] or ""
            row[at["target"]] = split_target(row[at[NATURE]] or "" if comparators else "", target, unit, style)
            row[at["actual"]] = split_target("", row[at["actual"]] or "", unit, style, actual=True)
    parts = [k for k in (NATURE, "target", UNIT) if k in columns and (k != NATURE or comparators)]
    if split:
        with_unit = "，“指标完成值”带上其中的单位" if UNIT in columns else ""
        notes.append(ImportNote(
            f"{place}的 {_quoted([_heading(block, columns, k) for k in parts])} 列已合为“指标目标值”"
            f"（如“≥50个”）{with_unit}。",
            Table.INDICATORS, None, "target",
        ))
    if fell_back:
        notes.append(ImportNote(
            f"{place}中“{_heading(block, columns, 'target')}”空白的行，"
            f"“指标目标值”取“{_heading(block, columns, INITIAL_TARGET)}”。",
            Table.INDICATORS, None, "target",
        ))


#: Columns a block may leave out without a note: computed, or (追加追减) worked out from 调整预算数.
_COMPUTED = {"adjusted", "rate", "deviation"}


def _note_missing(table: Table, columns: dict[str, int], place: str, notes: list[ImportNote]) -> None:
    if table is Table.OVERVIEW:
        return
    present = set(columns)
    if INITIAL_TARGET in present:
        present.add("target")
    if "adjusted" in present:
        present.add("adjustment")
    missing = [k for k in COLUMNS[table] if k not in present and k not in _COMPUTED]
    if missing:
        labels = "、".join(f"“{HEADINGS[table][k]}”" for k in missing)
        notes.append(ImportNote(f"{place}中没有 {labels} 列，这些内容留空。", table, None, missing[0]))


#: What files that are no report hold, by the headings that give them away.
_NOT_REPORTS = (
    (("评价标准", "评分标准", "评分细则"), "评分表（各项指标的评价标准和得分）"),
    (("编制数", "在职人数", "实有人数"), "基础数据表（人员、三公经费等基础数据）"),
)


def what_else(grids: Sequence[Grid]) -> str | None:
    """What tables that hold no block of the report are instead, if they say so."""
    words = {compact(t) for grid in grids for row in grid for t in texts(row)}
    for headings, what in _NOT_REPORTS:
        if any(h in w for w in words for h in headings):
            return what
    return None
