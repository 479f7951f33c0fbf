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

from selfeval_gui.domain.findings import COLUMNS, HEADINGS, Table
from selfeval_gui.domain.layout import (
    INITIAL_TARGET,
    BlockRead,
    Header,
    best_header,
    caption_unit,
    compact,
    describe,
    header_at,
    is_exact_heading,
    is_number,
    read_block,
    repeats,
    texts,
)
from selfeval_gui.importers import ImportFailed, ImportNote
from selfeval_gui.importers.assemble import Cell

Grid = Sequence[Sequence[Cell]]
#: Tables of the report, in the order a header is tried.
REPORT_TABLES = (Table.BUDGET, Table.INDICATORS, Table.TASKS)
#: Our own export's header is among the first rows (a title row or two may come first).
HEADER_SEARCH_ROWS = 4


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
        if not repeats(row, header)
    ]


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


def split_blocks(grid: Grid, source: Source, *, unit: str | None = None) -> Blocks:
    """The blocks of a table typed elsewhere (`unit`: what a caption above it states). A row
    part-way down that reads as the header of a block this report has not (`一级指标 | 评价标准
    | 得分`) leaves rows that cannot be read: `ImportFailed` names the table and the row,
    rather than import them as nonsense."""
    blocks: list[Block] = []
    head: list[int] = []
    index = 0
    while index < len(grid):
        found = header_at(grid, index)
        if found is not None:
            header, height = found
            blocks.append(Block(header, range(index, index + height), caption_unit=unit))
            unit = None
            index += height
            continue
        row = grid[index]
        stated = caption_unit(row)
        if stated is not None:
            unit = stated
        elif not blocks:
            head.append(index)
        else:
            headings = [t for t in texts(row) if is_exact_heading(t)]
            if len(headings) >= 2 and not any(is_number(t) for t in texts(row)):
                shown = "”“".join(headings[:6])
                raise ImportFailed(
                    f"{source.rows([index])}像是另一部分的表头（“{shown}”），但认不出这一部分是预算信息、"
                    "年度重点任务还是部门整体自评表，这个表格无法导入。"
                    "请在原文件中删去这一部分，或把它拆成单独的表格后再导入。"
                )
            blocks[-1].data.append(index)
        index += 1
    return Blocks(blocks, head)


# ---------------------------------------------------------------- a block's rows


def block_rows(block: Block, grid: Grid, source: Source, notes: list[ImportNote], *,
               first_row: int = 0) -> BlockRead:
    """A block's rows in the report's columns (see `layout.read_block`), noting, with the
    table, rows and columns, what was converted, put together or left out; `first_row` is
    the report's row its first row becomes. Its `sources` are rows of `grid`."""
    read = read_block(block.header, [grid[i] for i in block.data], unit=block.caption_unit)
    place = f"{source.rows([*block.header_rows, *block.data])}（{block.label}）"
    notes += describe(read, place, lambda i: source.rows([block.data[i]]), "导入", first_row=first_row)
    read.sources = [block.data[i] for i in read.sources]
    _note_missing(read, place, notes)
    return read


#: Columns a block may leave out without a note: computed ones.
_COMPUTED = {"adjusted", "rate", "deviation"}


def _note_missing(read: BlockRead, place: str, notes: list[ImportNote]) -> None:
    table = read.table
    if table is Table.OVERVIEW:
        return
    present = set(read.columns)
    if INITIAL_TARGET in present:
        present.add("target")
    if "adjusted" in present:  # 追加追减 is worked out from 调整预算数, and each row says so
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
