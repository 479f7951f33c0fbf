"""Workbooks (.xlsx): the one this application exports, also after a reviewer edited it in
Excel or WPS, and forms laid out by other templates. Our export (known by its marks) has its
tables on sheets found by name (or, renamed, by their header rows); any other workbook has
every sheet cut into blocks by its header rows, as a Word table is (see `columns`). Columns are
found by their headings, merged cells from the sheet's merged ranges.

The computed columns (调整预算数, 执行率, the 预算总金额 row) are recomputed, never read; where
a reviewer replaced such a formula by a figure that disagrees, a note says so. A typed amount
that is itself a formula is read from the value Excel last computed for it; numbers formatted
as percentages (95% typed in Excel is 0.95) are read as percentages.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from selfeval_gui.domain.edits import CellError
from selfeval_gui.domain.edits import parse_year as typed_year
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.layout import RowRole, budget_row_role, compact
from selfeval_gui.domain.model import DEPARTMENT_HEADING, TOTAL_NAME, Section, Submission
from selfeval_gui.domain.money import plain
from selfeval_gui.importers import (
    ImportFailed,
    ImportNote,
    ImportResult,
    beyond_limit,
    check_package,
    read_source,
)
from selfeval_gui.importers.assemble import (
    Cell,
    assemble,
    note_missing_tables,
    parse_title,
    sections_text,
    year_of,
)
from selfeval_gui.importers.columns import (
    HEADER_SEARCH_ROWS,
    FoundTable,
    Source,
    exact_rows,
    identify,
    what_else,
)
from selfeval_gui.importers.forms import Forms
from selfeval_gui.importers.package import Package, drop
from selfeval_gui.importers.submission import read_submission, submission_field
from selfeval_gui.storage import office_marks as marks

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SHEETS = {
    Table.BUDGET: marks.SHEET_BUDGET,
    Table.TASKS: marks.SHEET_TASKS,
    Table.INDICATORS: marks.SHEET_INDICATORS,
}
#: Columns whose figures are computed: whatever the sheet holds there is not read as typed.
_COMPUTED = {Table.BUDGET: {"adjusted", "rate"}, Table.INDICATORS: {"deviation"}}

# Limits (see `importers`), checked on the sheets' XML before openpyxl builds a cell object
# for each cell, each row and each cell a merged range or a hyperlink covers.
#: Worksheets in the workbook (our export has four).
MAX_SHEETS = 64
#: Rows of one worksheet (a report's tables have tens to hundreds; the sample's longest 45).
MAX_ROWS = 5_000
#: Cells in the workbook, empty ones with a format included (the sample's export has 700).
MAX_CELLS = 100_000
#: Cells covered by merged ranges and hyperlinks, all together (one range over a whole sheet
#: covers seventeen billion).
MAX_COVERED_CELLS = 100_000
#: Columns read: the widest table has eight; text further right is noted, not read.
MAX_COLUMNS = 64
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def number_text(value: float | int | Decimal, percent: bool = False) -> str:
    """A spreadsheet number as the decimal it was typed as (`1075.37`, not the binary
    float's expansion); `95%` for 0.95 in a cell formatted as a percentage."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        return f"{plain((exact * 100).normalize())}%"
    return plain(exact)


def _survey(package: Package) -> list[str]:
    """Refuse a workbook beyond the limits, reading each worksheet's XML as a stream and
    stopping at the first limit passed. Returns the names of the sheets with text right of
    the widest table (`MAX_COLUMNS`), which is not read (a text kept in the shared strings
    looked up there: a blank one is no text)."""
    name = package.name
    workbook = package.main_part("xl/workbook.xml")
    sheets = [r for r in package.relationships(workbook) if r.type.endswith("/worksheet")]
    if len(sheets) > MAX_SHEETS:
        raise beyond_limit(name, f"工作簿有 {len(sheets):,} 张工作表", f"{MAX_SHEETS} 张")
    titles = {s.get(_R_ID): s.get("name", "") for s in package.xml(workbook).iter("{*}sheet")}
    cells = covered = 0
    wide: list[str] = []
    far_shared: dict[int, set[str]] = {}  # the shared strings of cells right of the tables: sheets by index
    for sheet in sheets:
        rows = 0
        for event, element in package.iterparse(sheet.target, ("{*}row", "{*}c", "{*}mergeCell", "{*}hyperlink"),
                                                events=("start", "end")):
            tag = etree.QName(element).localname
            if event == "start":
                if tag == "c":
                    cells += 1
                    if cells > MAX_CELLS:
                        raise beyond_limit(name, f"工作簿有超过 {MAX_CELLS:,} 个单元格", f"{MAX_CELLS:,} 个")
                elif tag == "row":
                    rows += 1
                    if rows > MAX_ROWS:
                        raise beyond_limit(name, f"一张工作表有超过 {MAX_ROWS:,} 行", f"每张 {MAX_ROWS:,} 行")
                continue
            if tag == "c":
                title = titles.get(sheet.id, "")
                if title not in wide and _column(element.get("r", "")) > MAX_COLUMNS:
                    text = "".join(str(text) for text in element.itertext()).strip()
                    if element.get("t") == "s" and text.isascii() and text.isdigit() and len(text) <= _INDEX_DIGITS:
                        # Excel and WPS keep a cell's text in the shared strings, the cell its index.
                        far_shared.setdefault(int(text), set()).add(title)
                    elif text:
                        wide.append(title)
                continue
            if tag in ("mergeCell", "hyperlink"):
                covered += _area(element.get("ref", ""))
                if covered > MAX_COVERED_CELLS:
                    raise beyond_limit(name, f"合并单元格（或超链接）覆盖了超过 {MAX_COVERED_CELLS:,} 个单元格",
                                       f"{MAX_COVERED_CELLS:,} 个")
            drop(element)
    found = set(wide).union(*(far_shared[i] for i in _shown_strings(package, workbook, far_shared.keys())))
    return [title for title in dict.fromkeys(titles.get(sheet.id, "") for sheet in sheets) if title in found]


#: More digits than a shared string's index has (a workbook holds far fewer cells).
_INDEX_DIGITS = 10


def _shown_strings(package: Package, workbook: str, wanted: AbstractSet[int]) -> set[int]:
    """Which of the shared strings numbered `wanted` show more than blanks."""
    if not wanted:
        return set()
    part = next((r.target for r in package.relationships(workbook)
                 if r.type.endswith("/sharedStrings") and package.has(r.target)), None)
    if part is None:
        return set()
    last = max(wanted)
    shown: set[int] = set()
    for index, (_, item) in enumerate(package.iterparse(part, "{*}si")):
        if index in wanted and _shared_text(item).strip():
            shown.add(index)
        drop(item)
        if index >= last:
            break
    return shown


def _shared_text(item: etree._Element) -> str:
    """The text a shared string (`<si>`) shows: its text or its runs' (a phonetic guide, `rPh`,
    is not shown)."""
    parts: list[str] = []
    for child in item:
        kind = etree.QName(child).localname
        if kind == "t":
            parts.append(child.text or "")
        elif kind == "r":
            parts.extend(t.text or "" for t in child.iterfind("{*}t"))
    return "".join(parts)


def _column(coordinate: str) -> int:
    """The column number of a cell name (`XFD1048576` → 16384; 0 if it is none)."""
    try:
        return coordinate_to_tuple(coordinate)[1]
    except (ValueError, TypeError, IndexError):
        return 0


def _area(ref: str) -> int:
    """How many cells a range such as `A1:H3` covers (0 if it is not one)."""
    try:
        left, top, right, bottom = range_boundaries(ref.split()[0] if ref.strip() else "")
    except (ValueError, TypeError, IndexError):
        return 0
    if left is None or top is None or right is None or bottom is None:  # a whole row or column: `A:A`
        return MAX_COVERED_CELLS + 1
    return (right - left + 1) * (bottom - top + 1)


#: Empty rows between two used ones are kept up to this many (their numbers stay the
#: sheet's, for notes); a longer gap, as below a stray cell far down, is closed up.
_KEPT_GAP = 100


def _used_rows(sheet: Worksheet, max_rows: int | None = None) -> list[list[SheetCell | MergedCell | None]]:
    """The sheet's rows from its first used one, each as its cells from column A (`None`
    where there is no cell), at most `MAX_COLUMNS` wide. Only cells that exist are visited:
    a stray cell at XFD1048576 costs one cell, not the seventeen billion of the range up to
    it. (openpyxl's `iter_rows` visits, and creates, every cell of the range; `_cells`
    holds only those in the file.)"""
    by_row: dict[int, dict[int, SheetCell | MergedCell]] = {}
    for (row, column), cell in sheet._cells.items():
        if column <= MAX_COLUMNS:
            by_row.setdefault(row, {})[column] = cell
    rows: list[list[SheetCell | MergedCell | None]] = []
    previous: int | None = None
    for number in sorted(by_row):
        if previous is not None and number - previous - 1 <= _KEPT_GAP:
            rows.extend([] for _ in range(number - previous - 1))
        cells = by_row[number]
        rows.append([cells.get(c) for c in range(1, max(cells) + 1)])
        previous = number
        if max_rows is not None and len(rows) >= max_rows:
            return rows[:max_rows]
    return rows


class _Sheet:
    """A worksheet as a grid of cell texts, `None` where a vertical merge covers a cell."""

    def __init__(self, sheet: Worksheet, values: _Values) -> None:
        self.sheet = sheet
        self.values = values
        self.covered: dict[tuple[int, int], bool] = {}
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    if (row, column) != (merged.min_row, merged.min_col):
                        self.covered[(row, column)] = row > merged.min_row
        #: Formula cells whose value Excel never computed (the file was not saved by Excel or
        #: WPS): grid row, grid column and the cell's name (`E6`).
        self.no_value: list[tuple[int, int, str]] = []

    def grid(self, computed_columns: AbstractSet[int] = frozenset(), *, total_row: bool = False) -> list[list[Cell]]:
        """The cell texts; formulas in `computed_columns` and, with `total_row`, in the
        budget's 预算总金额 row (computed from 基本支出 and 项目支出) are left blank, being
        recomputed anyway."""
        rows: list[list[Cell]] = []
        for row in _used_rows(self.sheet):
            first = row[0].value if row and row[0] is not None else None
            total = total_row and compact(str(first or "")) == TOTAL_NAME
            texts: list[Cell] = []
            for cell in row:
                if cell is None:
                    texts.append("")
                    continue
                position = (cell.row, cell.column)
                if position in self.covered:
                    texts.append(None if self.covered[position] else "")
                elif isinstance(cell, SheetCell):
                    computed = total or len(texts) in computed_columns
                    texts.append(self.text(cell, (len(rows), len(texts)), computed=computed))
                else:  # part of a merged cell that no merged range names: a damaged file
                    texts.append("")
            rows.append(texts)
        return rows

    def text(self, cell: SheetCell, at: tuple[int, int], *, computed: bool = False) -> str:
        value: object = cell.value
        if value is None:
            return ""
        if cell.data_type == "f":
            if computed:
                return ""
            value = self.values.value(self.sheet.title, cell.coordinate)
            if value is None:
                self.no_value.append((*at, cell.coordinate))
                return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, int | float | Decimal):
            return number_text(value, "%" in (cell.number_format or ""))
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d")
        return str(value)

    def note_no_value(self, notes: list[ImportNote], table: Table, cells: list[tuple[int, int, str]]) -> None:
        for _row, _column, coordinate in cells:
            notes.append(ImportNote(
                f"工作表“{self.sheet.title}”的 {coordinate} 格（{table.table_name}）是公式，文件中没有它的计算结果，"
                "已留空。请在 Excel 或 WPS 中打开并保存一次后再导入，或直接填写数值。",
                table,
            ))


class _Values:
    """The values Excel last computed for formula cells, loaded only if one is needed."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._workbook: Workbook | None = None

    def value(self, sheet: str, coordinate: str) -> object:
        if self._workbook is None:
            self._workbook = _load(self._data, "", data_only=True)
        return self._workbook[sheet][coordinate].value


def _load(data: bytes, name: str, *, data_only: bool = False) -> Workbook:
    with warnings.catch_warnings():
        # openpyxl warns about features it drops on reading (data validation, slicers …).
        warnings.simplefilter("ignore")
        try:
            return load_workbook(io.BytesIO(data), data_only=data_only, rich_text=False)
        except Exception:  # openpyxl raises many kinds of errors on a damaged package
            raise ImportFailed(f"无法导入“{name}”：文件已损坏，或不是 Excel 工作簿（.xlsx）。") from None


def _header(sheet: Worksheet) -> FoundTable | None:
    rows = _used_rows(sheet, HEADER_SEARCH_ROWS)
    return identify([[c.value if c is not None and isinstance(c.value, str) else "" for c in row] for row in rows])


def _find_sheet(workbook: Workbook, name: str, table: Table) -> Worksheet | None:
    if name in workbook.sheetnames:
        return workbook[name]
    for sheet in workbook.worksheets:
        found = _header(sheet)
        if found is not None and found.table is table:
            return sheet
    return None


def _own_tables(workbook: Workbook, values: _Values, notes: list[ImportNote]) -> dict[Table, list[list[Cell]]]:
    """Tables 7, 8, 9 of our export, read as written: each on its sheet (or a renamed one)."""
    rows: dict[Table, list[list[Cell]]] = {}
    for table, sheet_name in _SHEETS.items():
        sheet = _find_sheet(workbook, sheet_name, table)
        if sheet is None:
            continue
        header = _header(sheet)
        if header is None or header.table is not table:
            notes.append(ImportNote(f"工作表“{sheet.title}”中没有找到{table.table_name}的表头，未导入。", table))
            continue
        columns = header.header.columns
        reader = _Sheet(sheet, values)
        grid = reader.grid({columns[k] for k in _COMPUTED.get(table, ()) if k in columns},
                           total_row=table is Table.BUDGET)
        reader.note_no_value(notes, table, reader.no_value)
        rows[table] = exact_rows(header, grid)
    return rows


@dataclass(slots=True)
class _Typed:
    forms: Forms
    head_texts: list[str] = field(default_factory=list)
    grids: list[list[list[Cell]]] = field(default_factory=list)


def _typed_tables(workbook: Workbook, values: _Values, notes: list[ImportNote]) -> _Typed:
    """Every sheet but 概况 read as tables laid out by any template: each cut into its blocks."""
    typed = _Typed(Forms(notes))
    for sheet in workbook.worksheets:
        if sheet.title == marks.SHEET_OVERVIEW:
            continue
        reader = _Sheet(sheet, values)
        grid = reader.grid()
        typed.grids.append(grid)
        added = typed.forms.add(grid, Source(f"工作表“{sheet.title}”", sheet.min_row))
        if added is None:
            if any(c for row in grid for c in row):
                notes.append(ImportNote(f"工作表“{sheet.title}”中没有预算信息、年度重点任务或部门整体自评表，未导入。"))
            continue
        typed.head_texts += added.head_texts
        for block, read in added.blocks:
            if block.table is Table.OVERVIEW:
                continue
            typed_columns = {i for k, i in read.columns.items() if k not in _COMPUTED.get(block.table, ())}
            rows = set(read.sources)
            if block.table is Table.BUDGET and "name" in read.columns:
                name = read.columns["name"]
                rows = {r for r in rows if budget_row_role(grid[r][name] or "")[0] is not RowRole.TOTAL}
            reader.note_no_value(notes, block.table,
                                 [c for c in reader.no_value if c[0] in rows and c[1] in typed_columns])
    return typed


#: The year line under the title, `（2023年度）` or, with no year yet, `（    年度）` (compacted).
_YEAR_LINE_RE = re.compile(r"\(\d*年度\)")


@dataclass(slots=True)
class _Overview:
    city: str = ""
    year: int | None = None
    department: str = ""
    sections: dict[Section, list[str]] = field(default_factory=dict)
    submission: Submission | None = None


def _overview(sheet: Worksheet, values: _Values, notes: list[ImportNote]) -> _Overview:
    """City, year, department and the sections' paragraphs from the 概况 sheet (label in
    column A, paragraphs in column B, a section's label merged down over its paragraphs)."""
    found = _Overview()
    headings = {compact(f"{s.numeral}、{s.heading}"): s for s in Section}
    current: list[str] | None = None
    title = ""
    ignored: list[str] = []
    submission: list[tuple[str, str]] = []
    reader = _Sheet(sheet, values)
    for row in reader.grid():
        label = compact(row[0]) if row and row[0] is not None else None
        value = row[1] if len(row) > 1 and row[1] is not None else ""
        if label is None or (not label and current is not None):
            if current is not None:
                current.append(value)
            continue
        current = None
        if label == "城市":
            found.city = value.strip()
        elif label == "年度":
            try:  # as the editor reads a typed year: 2024, ２０２４, 2024年, 2024年度
                found.year = typed_year(value)
            except CellError:
                notes.append(ImportNote(f"概况中的年度“{value}”不是年份，已留空。", Table.OVERVIEW, None, "year"))
        elif label == compact(f"一、{DEPARTMENT_HEADING}"):
            found.department = value.strip()
        elif label in headings:
            current = found.sections.setdefault(headings[label], [])
            current.append(value)
        elif submission_field(label) is not None:
            submission.append((label, value))
        elif "自评报告" in label:
            title = title or label
        elif label not in ("项目", "") and not _YEAR_LINE_RE.fullmatch(label):
            ignored.append(label)
    reader.note_no_value(notes, Table.OVERVIEW, reader.no_value)
    if not found.city and title:
        found.city = parse_title(title) or ""
    if ignored:
        names = "、".join(f"“{label}”" for label in ignored)
        notes.append(ImportNote(f"概况表中 {names} 不是自评报告的内容，未导入。", Table.OVERVIEW))
    found.submission = read_submission(submission, notes)
    return found


def import_xlsx(data: bytes, name: str = "Excel 工作簿") -> ImportResult:
    """Import a report from the bytes of a workbook this application exported."""
    if data.startswith(_OLE_SIGNATURE):
        raise ImportFailed(
            f"无法导入“{name}”：这是旧版 Excel（.xls）文件，或文件设置了打开密码。"
            "请取消密码并“另存为”Excel 工作簿（.xlsx）后再导入。"
        )
    wide = _survey(Package(check_package(data, name, "Excel 工作簿（.xlsx）"), name, "Excel 工作簿（.xlsx）"))
    workbook = _load(data, name)
    values = _Values(data)
    custom = workbook.custom_doc_props  # type: ignore[attr-defined]  # openpyxl 3.1's; not in its stubs yet
    properties = {p.name: str(p.value) for p in custom}
    exact = marks.is_own_layout(properties)
    notes: list[ImportNote] = [
        ImportNote(f"工作表“{title}”第 {MAX_COLUMNS} 列以后的内容不属于自评报告，未导入。") for title in wide
    ]
    typed: _Typed | None = None
    if exact:
        rows = _own_tables(workbook, values, notes)
    else:
        try:
            typed = _typed_tables(workbook, values, notes)
        except ImportFailed as exc:  # a table that cannot be read: say which file
            raise ImportFailed(f"无法导入“{name}”：{exc}") from None
        rows = typed.forms.rows
    overview_sheet = workbook[marks.SHEET_OVERVIEW] if marks.SHEET_OVERVIEW in workbook.sheetnames else None
    if overview_sheet is None and not rows:
        what = what_else(typed.grids) if typed is not None else None
        if what is not None:
            raise ImportFailed(f"无法导入“{name}”：这是一份{what}，不是自评报告。请导入自评报告本身。")
        raise ImportFailed(
            f"“{name}”中找不到自评报告的表格（预算信息、部门整体自评表等），无法导入。"
            "Word 格式的报告请直接导入 .docx 文件。"
        )
    if overview_sheet is not None:
        overview = _overview(overview_sheet, values, notes)
    else:
        overview = _overview_from_tables(typed, notes)
    if typed is not None:
        typed.forms.goals_text(overview.sections)
    sections = sections_text(overview.sections, notes, exact=exact, note_missing=overview_sheet is not None)
    note_missing_tables(rows, notes)
    report = assemble(
        city=overview.city,
        year=overview.year,
        department=overview.department,
        sections=sections,
        rows=rows,
        notes=notes,
        exact=exact,
        comparator_style=marks.stated_comparator_style(properties) if exact else None,
        project=typed.forms.project if typed is not None else "",
    )
    if overview.submission is not None:
        report.submission = overview.submission
    return ImportResult(report, notes)


def _overview_from_tables(typed: _Typed | None, notes: list[ImportNote]) -> _Overview:
    """Without a 概况 sheet: the department and year the tables' head rows name, if any."""
    overview = _Overview()
    if typed is not None:
        overview.department = typed.forms.department()
        overview.year = year_of(" ".join(typed.head_texts))
    blank = ["城市", *(["年度"] if overview.year is None else []), *(["部门名称"] if not overview.department else []),
             "第二至六部分" if not (typed and typed.forms.goals) else "第三至六部分"]
    notes.append(ImportNote(f"没有找到“概况”工作表，{'、'.join(blank)}留空，请在概况中填写。", Table.OVERVIEW))
    return overview


def import_xlsx_file(path: Path) -> ImportResult:
    return import_xlsx(read_source(path), path.name)
