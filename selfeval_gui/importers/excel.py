"""The workbook this application exports (.xlsx), also after a reviewer edited it in Excel or
WPS: sheets are found by name (or, renamed, by their header rows), columns by their headings,
merged cells from the sheet's merged ranges.

The computed columns (调整预算数, 执行率, the 预算总金额 row) are recomputed, never read; where
a reviewer replaced such a formula by a figure that disagrees, a note says so. A typed amount
that is itself a formula is read from the value Excel last computed for it; numbers formatted
as percentages (95% typed in Excel is 0.95) are read as percentages.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from selfeval_gui.domain.edits import CellError
from selfeval_gui.domain.edits import parse_year as typed_year
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import DEPARTMENT_HEADING, TOTAL_NAME, Section
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
)
from selfeval_gui.importers.columns import (
    BUDGET,
    HEADER_SEARCH_ROWS,
    INDICATORS,
    TASKS,
    FoundTable,
    TableShape,
    compact,
    identify,
    table_rows,
)
from selfeval_gui.importers.package import Package, drop
from selfeval_gui.storage import office_marks as marks

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SHEETS = {
    Table.BUDGET: (marks.SHEET_BUDGET, BUDGET),
    Table.TASKS: (marks.SHEET_TASKS, TASKS),
    Table.INDICATORS: (marks.SHEET_INDICATORS, INDICATORS),
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


def number_text(value: float | int | Decimal, percent: bool = False) -> str:
    """A spreadsheet number as the decimal it was typed as (`1075.37`, not the binary
    float's expansion); `95%` for 0.95 in a cell formatted as a percentage."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        return f"{plain((exact * 100).normalize())}%"
    return plain(exact)


def _survey(package: Package) -> None:
    """Refuse a workbook beyond the limits, reading each worksheet's XML as a stream and
    stopping at the first limit passed."""
    name = package.name
    workbook = package.main_part("xl/workbook.xml")
    sheets = [r.target for r in package.relationships(workbook) if r.type.endswith("/worksheet")]
    if len(sheets) > MAX_SHEETS:
        raise beyond_limit(name, f"工作簿有 {len(sheets):,} 张工作表", f"{MAX_SHEETS} 张")
    cells = covered = 0
    for part in sheets:
        rows = 0
        for event, element in package.iterparse(part, ("{*}row", "{*}c", "{*}mergeCell", "{*}hyperlink"),
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
            if tag in ("mergeCell", "hyperlink"):
                covered += _area(element.get("ref", ""))
                if covered > MAX_COVERED_CELLS:
                    raise beyond_limit(name, f"合并单元格（或超链接）覆盖了超过 {MAX_COVERED_CELLS:,} 个单元格",
                                       f"{MAX_COVERED_CELLS:,} 个")
            if tag != "c":
                drop(element)


def _area(ref: str) -> int:
    """How many cells a range such as `A1:H3` covers (0 if it is not one)."""
    try:
        left, top, right, bottom = range_boundaries(ref.split()[0] if ref.strip() else "")
    except (ValueError, TypeError, IndexError):
        return 0
    if None in (left, top, right, bottom):  # a whole row or column: `A:A`, `1:1`
        return MAX_COVERED_CELLS + 1
    return (right - left + 1) * (bottom - top + 1)


def _used_rows(sheet: Worksheet, notes: list[ImportNote], table: Table, max_rows: int | None = None,
               ) -> list[list[SheetCell | None]]:
    """The rows that hold cells, each as its cells from column A (`None` where there is no
    cell), at most `MAX_COLUMNS` wide. Only cells that exist are visited: a stray cell at
    XFD1048576 costs one cell, not the seventeen billion of the range up to it."""
    by_row: dict[int, dict[int, SheetCell]] = {}
    beyond = False
    # openpyxl's `iter_rows` visits (and creates) every cell of the range; `_cells` holds
    # only those in the file.
    for (row, column), cell in sheet._cells.items():
        if column > MAX_COLUMNS:
            beyond = beyond or str(cell.value if cell.value is not None else "").strip() != ""
            continue
        by_row.setdefault(row, {})[column] = cell
    if beyond:
        notes.append(ImportNote(f"工作表“{sheet.title}”第 {MAX_COLUMNS} 列以后的内容不属于自评报告，未导入。", table))
    rows = sorted(by_row)[:max_rows]
    return [[by_row[r].get(c) for c in range(1, max(by_row[r]) + 1)] for r in rows]


class _Sheet:
    """A worksheet as a grid of cell texts, `None` where a vertical merge covers a cell."""

    def __init__(self, sheet: Worksheet, values: _Values, notes: list[ImportNote], table: Table) -> None:
        self.sheet = sheet
        self.values = values
        self.notes = notes
        self.table = table
        self.covered: dict[tuple[int, int], bool] = {}
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    if (row, column) != (merged.min_row, merged.min_col):
                        self.covered[(row, column)] = row > merged.min_row

    def grid(self, computed_columns: set[int] = frozenset()) -> list[list[Cell]]:
        """The cell texts; formulas in `computed_columns` and in the budget's 预算总金额 row
        (computed from 基本支出 and 项目支出) are left blank, being recomputed anyway."""
        rows: list[list[Cell]] = []
        for row in _used_rows(self.sheet, self.notes, self.table):
            first = row[0].value if row[0] is not None else None
            total_row = self.table is Table.BUDGET and compact(str(first or "")) == TOTAL_NAME
            texts: list[Cell] = []
            for cell in row:
                if cell is None:
                    texts.append("")
                    continue
                position = (cell.row, cell.column)
                if position in self.covered:
                    texts.append(None if self.covered[position] else "")
                else:
                    texts.append(self.text(cell, computed=total_row or cell.column - 1 in computed_columns))
            rows.append(texts)
        return rows

    def text(self, cell: SheetCell, *, computed: bool = False) -> str:
        value = cell.value
        if value is None:
            return ""
        if cell.data_type == "f":
            if computed:
                return ""
            value = self.values.value(self.sheet.title, cell.coordinate)
            if value is None:
                self.notes.append(ImportNote(
                    f"{self.table.label}表 {cell.coordinate} 是公式，文件中没有它的计算结果，已留空。"
                    "请在 Excel 或 WPS 中打开并保存一次后再导入，或直接填写数值。",
                    self.table,
                ))
                return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, int | float | Decimal):
            return number_text(value, "%" in (cell.number_format or ""))
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d")
        return str(value)


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
    rows = _used_rows(sheet, [], Table.OVERVIEW, HEADER_SEARCH_ROWS)
    return identify([[c.value if c is not None and isinstance(c.value, str) else "" for c in row] for row in rows])


def _find_sheet(workbook: Workbook, name: str, shape: TableShape) -> Worksheet | None:
    if name in workbook.sheetnames:
        return workbook[name]
    for sheet in workbook.worksheets:
        found = _header(sheet)
        if found is not None and found.shape is shape:
            return sheet
    return None


#: The year line under the title, `（2023年度）` or, with no year yet, `（    年度）` (compacted).
_YEAR_LINE_RE = re.compile(r"\(\d*年度\)")


@dataclass(slots=True)
class _Overview:
    city: str = ""
    year: int | None = None
    department: str = ""
    sections: dict[Section, list[str]] = field(default_factory=dict)


def _overview(sheet: Worksheet, values: _Values, notes: list[ImportNote]) -> _Overview:
    """City, year, department and the sections' paragraphs from the 概况 sheet (label in
    column A, paragraphs in column B, a section's label merged down over its paragraphs)."""
    found = _Overview()
    headings = {compact(f"{s.numeral}、{s.heading}"): s for s in Section}
    current: list[str] | None = None
    title = ""
    ignored: list[str] = []
    for row in _Sheet(sheet, values, notes, Table.OVERVIEW).grid():
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
        elif "自评报告" in label:
            title = title or label
        elif label not in ("项目", "") and not _YEAR_LINE_RE.fullmatch(label):
            ignored.append(label)
    if not found.city and title:
        found.city = parse_title(title) or ""
    if ignored:
        names = "、".join(f"“{label}”" for label in ignored)
        notes.append(ImportNote(f"概况表中 {names} 不是自评报告的内容，未导入。", Table.OVERVIEW))
    return found


def import_xlsx(data: bytes, name: str = "Excel 工作簿") -> ImportResult:
    """Import a report from the bytes of a workbook this application exported."""
    if data.startswith(_OLE_SIGNATURE):
        raise ImportFailed(
            f"无法导入“{name}”：这是旧版 Excel（.xls）文件，或文件设置了打开密码。"
            "请取消密码并“另存为”Excel 工作簿（.xlsx）后再导入。"
        )
    _survey(Package(check_package(data, name, "Excel 工作簿（.xlsx）"), name, "Excel 工作簿（.xlsx）"))
    workbook = _load(data, name)
    values = _Values(data)
    properties = {p.name: str(p.value) for p in workbook.custom_doc_props}
    exact = marks.is_own_layout(properties)
    notes: list[ImportNote] = []

    rows: dict[Table, list[list[Cell]]] = {}
    for table, (sheet_name, shape) in _SHEETS.items():
        sheet = _find_sheet(workbook, sheet_name, shape)
        if sheet is None:
            continue
        reader = _Sheet(sheet, values, notes, table)
        header = _header(sheet)
        if header is None or header.shape is not shape:
            notes.append(ImportNote(f"工作表“{sheet.title}”中没有找到{table.label}表的表头，未导入。", table))
            continue
        computed = {header.columns[k] for k in _COMPUTED.get(table, ()) if k in header.columns}
        rows[table] = table_rows(header, reader.grid(computed), notes, exact=exact)

    overview_sheet = workbook[marks.SHEET_OVERVIEW] if marks.SHEET_OVERVIEW in workbook.sheetnames else None
    if overview_sheet is None and not rows:
        raise ImportFailed(
            f"“{name}”不是本软件导出的 Excel 工作簿（没有“概况”“预算信息”等工作表），无法导入。"
            "Word 格式的报告请直接导入 .docx 文件。"
        )
    if overview_sheet is not None:
        overview = _overview(overview_sheet, values, notes)
    else:
        overview = _Overview()
        notes.append(ImportNote("没有找到“概况”工作表，城市、年度、部门名称和第二至六部分留空。", Table.OVERVIEW))
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
    )
    return ImportResult(report, notes)


def import_xlsx_file(path: Path) -> ImportResult:
    return import_xlsx(read_source(path), path.name)
