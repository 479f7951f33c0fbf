"""The report as an Excel workbook a reviewer can check: one sheet per part, real formulas.

    export_xlsx(report, path) -> ExportResult      writes the file (atomically)
    xlsx_bytes(report) -> (bytes, notes)           the same workbook in memory

Sheets 概况, 预算信息, 年度重点任务, 部门整体自评表, and for a report made from last year's an
optional 上年对照 sheet after them (this year's figures beside last year's; never in the
official tables). In 预算信息 the computed figures are
formulas: 调整预算数 `=B3+C3`, 执行率 `=IF(COUNT(E6)=0,"",IF(D6=0,"—",E6/D6))` shown as
`0.00%` (the sample's 1140.78 ÷ 1176.73 then reads 96.94%, as published; blank and `—` as
`compute.rate_text` has them), and the 预算总金额 row adds up
基本支出 and 项目支出 column by column (`=B4+B5`). 偏差情况 is written as a value: it follows
the rules of the indicator grid (comparators, units, qualitative ranks, zero targets), which
no short formula states truthfully.

User text is always a string cell, never a formula: `=SUM(A1)`, `+86`, `-`, `@x` and `#N/A`
stay text, and such cells carry Excel's quote prefix so that editing them keeps them text.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from selfeval_gui import __version__
from selfeval_gui.domain.compute import (
    BudgetFigures,
    BudgetRowKind,
    budget_table,
    previous_evaluation,
    previous_figures,
)
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import DEPARTMENT_HEADING, Report, Section
from selfeval_gui.domain.reference import REFERENCE_COLUMNS
from selfeval_gui.domain.submission import SUBMISSION_LABELS, shown_values
from selfeval_gui.domain.submission import column as submission_column
from selfeval_gui.exporters import ExportNote, ExportResult, write_export
from selfeval_gui.exporters.tables import (
    BUDGET_HEADINGS,
    INDICATOR_HEADINGS,
    TABLE_TITLES,
    TASK_HEADINGS,
    IndicatorLine,
    indicator_lines,
    task_lines,
)
from selfeval_gui.exporters.text import TextCleaner, paragraphs, prepare, property_text, where
from selfeval_gui.storage import office_marks as marks

#: The most characters an Excel cell holds.
MAX_CELL_CHARS = 32767
#: Excel keeps 15 significant digits of a number.
MAX_NUMBER_DIGITS = 15
#: The tallest row Excel allows, in points.
MAX_ROW_HEIGHT = 409
LINE_HEIGHT = 14.3
FONT = "宋体"

INDICATOR_SHEET_HEADINGS = ("目标", *INDICATOR_HEADINGS[1:])
#: Characters that make a spreadsheet read a typed cell as a formula.
_FORMULA_START = ("=", "+", "-", "@")

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_MIDDLE = "center"


@dataclass(frozen=True, slots=True)
class _Format:
    font: Font
    alignment: Alignment
    number_format: str
    border: Border
    fill: PatternFill


def _format(*, bold: bool = False, size: float = 11, horizontal: str = "left", number_format: str = "General",
            border: bool = True, fill: str | None = None) -> _Format:
    return _Format(
        Font(name=FONT, size=size, bold=bold),
        Alignment(horizontal=horizontal, vertical=_MIDDLE, wrap_text=True),
        number_format,
        _BORDER if border else Border(),
        PatternFill("solid", fgColor=fill) if fill else PatternFill(),
    )


STYLE_TITLE, STYLE_SUBTITLE = "报告标题", "报告副标题"
STYLE_HEADING, STYLE_TEXT, STYLE_CENTRED = "表头", "文字", "居中文字"
STYLE_RIGHT, STYLE_AMOUNT, STYLE_PERCENT = "右对齐文字", "金额", "百分比"

_FORMATS = {
    STYLE_TITLE: _format(bold=True, size=16, horizontal="center", border=False),
    STYLE_SUBTITLE: _format(size=12, horizontal="center", border=False),
    STYLE_HEADING: _format(bold=True, horizontal="center", fill="F2F2F2"),
    STYLE_TEXT: _format(),
    STYLE_CENTRED: _format(horizontal="center"),
    STYLE_RIGHT: _format(horizontal="right"),
    STYLE_AMOUNT: _format(horizontal="right", number_format="0.00"),
    STYLE_PERCENT: _format(horizontal="right", number_format="0.00%"),
}


class Styles:
    """The export's cell formats, registered once per workbook and put on cells directly.

    Setting font, borders, alignment and number format cell by cell makes openpyxl hash each
    of them for every cell, and named styles cost it more again when saving; over the few
    hundred cells of a report that was most of the export's time. A cell holds its format as
    a small array of indexes; each format's array is made once, on a cell of its own, and
    copied onto the cells that use it.
    """

    def __init__(self, sheet: Worksheet) -> None:
        self._arrays: dict[str, StyleArray] = {}
        for name, spec in _FORMATS.items():
            model = Cell(sheet)  # type: ignore[call-arg]  # never placed: it only carries a format
            model.font, model.alignment, model.number_format = spec.font, spec.alignment, spec.number_format
            model.border, model.fill = spec.border, spec.fill
            self._arrays[name] = model._style  # type: ignore[attr-defined]  # openpyxl's own; not in its stubs

    def new_cell(self, sheet: Worksheet, name: str) -> Cell:
        """A cell of format `name`, placed in its row when the row is appended."""
        return Cell(sheet, style_array=copy(self._arrays[name]))  # type: ignore[call-arg]  # placed later


def rate_formula(spent: str, actual: str, adjusted: str) -> str:
    """执行率 as a formula, by the rule of `compute.rate_text`: blank while nothing is spent (no
    number in `spent`), `—` against a 调整预算数 of 0 or none (a blank one is 0 to Excel), else
    `actual` ÷ `adjusted`."""
    return f'=IF(COUNT({spent})=0,"",IF({adjusted}=0,"—",{actual}/{adjusted}))'


def first_sheet(workbook: Workbook) -> Worksheet:
    """The sheet a new workbook comes with."""
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's is a worksheet, not a chart sheet
    return sheet


def page_numbers(sheet: Worksheet, font: str | None = None, size: int | None = None) -> None:
    """`第 1 页，共 3 页` centred at the foot of every printed page."""
    footer = sheet.oddFooter
    assert footer is not None  # a new sheet has one; its stubs say it may not
    footer.center.text = "第 &P 页，共 &N 页"
    footer.center.font = font
    footer.center.size = size


def set_text(cell: Cell, value: str) -> None:
    """Put `value` in `cell` as text, whatever it looks like: never a formula (`=…`), an error
    value (`#N/A`) or a number. Where a spreadsheet would read the typed text as a formula,
    the cell carries the quote prefix, so that editing it keeps it text. `value` must be
    XML-safe (`text.xml_safe`) and at most `MAX_CELL_CHARS` long.

    The value is stored as is: openpyxl's `value` setter would check for control characters
    and length again (done already) and guess the type (which must not happen), at a cost
    that showed in the export's time."""
    if not value:
        cell.value = None
        return
    cell._value = value  # type: ignore[attr-defined]  # see above; not in openpyxl's stubs
    cell.data_type = "s"
    if value.startswith(_FORMULA_START):
        cell.quotePrefix = True


def row_height(lines: int) -> float:
    """Points for a row of `lines` wrapped lines, within what Excel allows."""
    return min(lines * LINE_HEIGHT + 6, MAX_ROW_HEIGHT)


def _display_width(text: str) -> float:
    """Width in column units (the default font's digit): a CJK character about two.

    Counted from the UTF-8 length, at C speed: a CJK character takes three bytes, a Latin
    letter or digit one, so the extra bytes tell the wide characters."""
    wide = (len(text.encode("utf-8", "surrogatepass")) - len(text)) / 2
    return (len(text) - wide) * 1.1 + wide * 2.1


def text_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` units wide (an estimate)."""
    per_line = max(width - 1.0, 1.0)
    if len(text) * 2.1 <= per_line:  # fits on one line whatever its characters
        return 1
    return sum(max(math.ceil(_display_width(line) / per_line), 1) for line in text.split("\n"))


class _SheetWriter:
    """Writes one sheet: values with their styles, merges, and row heights that fit the text
    (Excel and WPS do not grow rows for wrapped text by themselves).

    The cells are gathered here and appended row by row by `finish`, once every row's height
    is known: appending rows of ready cells is cheaper in openpyxl than addressing cells one
    by one."""

    def __init__(self, sheet: Worksheet, styles: Styles, widths: Sequence[float],
                 notes: list[ExportNote], table: Table) -> None:
        self.sheet = sheet
        self.styles = styles
        self.widths = list(widths)
        self.notes = notes
        self.table = table
        self.cells: dict[tuple[int, int], Cell] = {}
        self.lines: dict[int, int] = {}
        self.merged_lines: list[tuple[int, int, int]] = []
        self.heights: dict[int, float] = {}
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

    def cell(self, row: int, column: int, style: str) -> Cell:
        cell = self.styles.new_cell(self.sheet, style)
        self.cells[(row, column)] = cell
        return cell

    def text(self, row: int, column: int, value: str, style: str = STYLE_TEXT,
             at: tuple[int | None, str | None] = (None, None), *, rows: int = 1) -> None:
        """A cell that is text whatever it looks like; `rows` > 1 merges it downwards."""
        cell = self.cell(row, column, style)
        if len(value) > MAX_CELL_CHARS:
            self.notes.append(ExportNote(
                f"{where(self.table, *at)}有 {len(value)} 字，超过 Excel 单元格最多能容纳的 {MAX_CELL_CHARS} 字，"
                "Excel 文件中只保留了前面部分；Word 文件中是全文。",
                self.table, *at,
            ))
            value = value[:MAX_CELL_CHARS]
        set_text(cell, value)
        self._measure(row, column, value, rows)
        if rows > 1:
            self._merge(row, column, style, rows=rows)

    def _merge(self, row: int, column: int, style: str, *, rows: int = 1, columns: int = 1) -> None:
        """Merge the range starting at (row, column); the covered cells get the same bordered
        style, so that the merged cell's borders are whole in every spreadsheet program."""
        first = f"{get_column_letter(column)}{row}"
        last = f"{get_column_letter(column + columns - 1)}{row + rows - 1}"
        self.sheet.merged_cells.add(f"{first}:{last}")
        if style in (STYLE_TITLE, STYLE_SUBTITLE):  # no borders to complete
            return
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                if (r, c) != (row, column):
                    self.cell(r, c, style)

    def amount(self, row: int, column: int, value: Decimal | None, at: tuple[int | None, str | None]) -> None:
        cell = self.cell(row, column, STYLE_AMOUNT)
        if value is None:
            return
        digits = len(value.normalize().as_tuple().digits)
        if digits > MAX_NUMBER_DIGITS:
            self.notes.append(ExportNote(
                f"{where(self.table, *at)}的 {value} 有 {digits} 位有效数字，Excel 只能保存 {MAX_NUMBER_DIGITS} 位，"
                "Excel 文件中的数值已按其精度舍入；Word 文件中是原值。",
                self.table, *at,
            ))
        cell.value = value

    def formula(self, row: int, column: int, formula: str, style: str) -> None:
        self.cell(row, column, style).value = formula

    def _measure(self, row: int, column: int, value: str, rows: int) -> None:
        lines = text_lines(value, self.widths[column - 1]) if value else 1
        if rows > 1:
            self.merged_lines.append((row, rows, lines))
        else:
            self.lines[row] = max(self.lines.get(row, 1), lines)

    def title(self, text: str, columns: int, row: int = 1, style: str = STYLE_TITLE) -> None:
        set_text(self.cell(row, 1, style), text)
        self._merge(row, 1, style, columns=columns)
        self.heights[row] = 30 if style == STYLE_TITLE else 20

    def headings(self, row: int, headings: Sequence[str]) -> None:
        for column, heading in enumerate(headings, start=1):
            self.text(row, column, heading, STYLE_HEADING)

    def finish(self, *, fit_from: int, landscape: bool, title_rows: str, freeze: str) -> None:
        """Print setup, row heights, then the rows themselves, in order."""
        self._print_setup(landscape=landscape, title_rows=title_rows, freeze=freeze)
        # A merged cell that needs more lines than its rows have gets them spread over its rows.
        for row, rows, lines in self.merged_lines:
            covered = range(row, row + rows)
            have = sum(self.lines.get(r, 1) for r in covered)
            if lines > have:
                extra, remainder = divmod(lines - have, rows)
                for offset, r in enumerate(covered):
                    self.lines[r] = self.lines.get(r, 1) + extra + (offset < remainder)
        last_row = max(r for r, _ in self.cells)
        last_column = max(c for _, c in self.cells)
        for row in range(fit_from, last_row + 1):
            lines = self.lines.get(row, 1)
            if lines > 1:  # a single line fits the default height
                self.heights[row] = row_height(lines)
        for row, height in self.heights.items():
            self.sheet.row_dimensions[row].height = height
        for row in range(1, last_row + 1):
            self.sheet.append([self.cells.get((row, column)) for column in range(1, last_column + 1)])

    def _print_setup(self, *, landscape: bool, title_rows: str, freeze: str) -> None:
        sheet = self.sheet
        sheet.freeze_panes = freeze
        sheet.print_title_rows = title_rows
        setup = sheet.page_setup
        setup.paperSize = Worksheet.PAPERSIZE_A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        fit = sheet.sheet_properties.pageSetUpPr
        assert fit is not None  # every new sheet has one; its stubs say it may not
        fit.fitToPage = True
        sheet.print_options.horizontalCentered = True
        margins = sheet.page_margins
        margins.left = margins.right = 0.6
        margins.top, margins.bottom = 0.75, 0.8
        margins.header, margins.footer = 0.3, 0.4
        page_numbers(sheet, FONT, 10)


def _overview(sheet: Worksheet, styles: Styles, report: Report, notes: list[ExportNote]) -> None:
    writer = _SheetWriter(sheet, styles, (24, 80), notes, Table.OVERVIEW)
    writer.title(report.title, 2)
    writer.title(report.year_line, 2, row=2, style=STYLE_SUBTITLE)
    writer.headings(3, ("项目", "内容"))
    writer.text(4, 1, "城市")
    writer.text(4, 2, report.city, at=(None, "city"))
    writer.text(5, 1, "年度")
    writer.cell(5, 2, STYLE_TEXT).value = report.year
    writer.text(6, 1, f"一、{DEPARTMENT_HEADING}")
    writer.text(6, 2, report.department, at=(None, "department"))
    row = 7
    for section in Section:
        parts = paragraphs(report.overview.text(section)) or [""]
        writer.text(row, 1, f"{section.numeral}、{section.heading}", rows=len(parts))
        for offset, part in enumerate(parts):
            writer.text(row + offset, 2, part, at=(None, section.value))
        row += len(parts)
    if report.submission.filled:
        for name, value in shown_values(report.submission).items():
            writer.text(row, 1, SUBMISSION_LABELS[name])
            writer.text(row, 2, value, at=(None, submission_column(name)))
            row += 1
    writer.finish(fit_from=3, landscape=False, title_rows="1:3", freeze="A4")


FIRST_DATA_ROW = 3


def _budget(sheet: Worksheet, styles: Styles, budget: list[BudgetFigures], notes: list[ExportNote]) -> None:
    writer = _SheetWriter(sheet, styles, (30, 17, 25, 17, 17, 12), notes, Table.BUDGET)
    writer.title(TABLE_TITLES[Table.BUDGET], 6)
    writer.headings(2, BUDGET_HEADINGS)
    basic_row, projects_row = FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 2
    for index, figures in enumerate(budget):
        r = FIRST_DATA_ROW + index
        centred = figures.kind is not BudgetRowKind.PROJECT
        writer.text(r, 1, figures.name, STYLE_CENTRED if centred else STYLE_TEXT, at=(index, "name"))
        if figures.kind is BudgetRowKind.TOTAL:
            for column, letter in ((2, "B"), (3, "C"), (5, "E")):
                writer.formula(r, column, f"={letter}{basic_row}+{letter}{projects_row}", STYLE_AMOUNT)
        else:
            writer.amount(r, 2, figures.initial, (index, "initial"))
            writer.amount(r, 3, figures.adjustment, (index, "adjustment"))
            writer.amount(r, 5, figures.actual, (index, "actual"))
        writer.formula(r, 4, f"=B{r}+C{r}", STYLE_AMOUNT)
        # The total's 实际支出数 is a sum, never blank: whether anything is spent is in its parts.
        spent = f"E{basic_row}:E{projects_row}" if figures.kind is BudgetRowKind.TOTAL else f"E{r}"
        writer.formula(r, 6, rate_formula(spent, f"E{r}", f"D{r}"), STYLE_PERCENT)
    writer.finish(fit_from=2, landscape=False, title_rows="1:2", freeze="B3")


def _tasks(sheet: Worksheet, styles: Styles, report: Report, notes: list[ExportNote]) -> None:
    writer = _SheetWriter(sheet, styles, (34, 22, 60), notes, Table.TASKS)
    writer.title(TABLE_TITLES[Table.TASKS], 3)
    writer.headings(2, TASK_HEADINGS)
    for index, line in enumerate(task_lines(report)):
        r = FIRST_DATA_ROW + index
        if line.duty_rows:
            writer.text(r, 1, line.duty, at=(index, "duty"), rows=line.duty_rows)
        writer.text(r, 2, line.name, at=(index, "name"))
        writer.text(r, 3, line.completion, at=(index, "completion"))
    writer.finish(fit_from=2, landscape=False, title_rows="1:2", freeze="A3")


def _indicators(sheet: Worksheet, styles: Styles, lines: list[IndicatorLine], notes: list[ExportNote]) -> None:
    writer = _SheetWriter(sheet, styles, (12, 10, 34, 13, 13, 22, 12, 34), notes, Table.INDICATORS)
    writer.title(TABLE_TITLES[Table.INDICATORS], 8)
    writer.headings(2, INDICATOR_SHEET_HEADINGS)
    for index, line in enumerate(lines):
        r = FIRST_DATA_ROW + index
        i = line.indicator
        if line.group_rows:
            writer.text(r, 1, i.group, STYLE_CENTRED, at=(index, "group"), rows=line.group_rows)
        if line.category_rows:
            writer.text(r, 2, i.category, STYLE_CENTRED, at=(index, "category"), rows=line.category_rows)
        writer.text(r, 3, i.name, at=(index, "name"))
        writer.text(r, 4, i.target, STYLE_CENTRED, at=(index, "target"))
        writer.text(r, 5, i.actual, STYLE_CENTRED, at=(index, "actual"))
        writer.text(r, 6, i.source, STYLE_CENTRED, at=(index, "source"))
        writer.text(r, 7, line.deviation, STYLE_RIGHT, at=(index, "deviation"))
        writer.text(r, 8, i.reason, at=(index, "reason"))
    writer.finish(fit_from=2, landscape=True, title_rows="1:2", freeze="C3")


REFERENCE_TITLE = "上年对照（仅供参考，不属于自评报告的正式表格）"
_BUDGET_REFERENCE = REFERENCE_COLUMNS[Table.BUDGET]
_INDICATOR_REFERENCE = REFERENCE_COLUMNS[Table.INDICATORS]
REFERENCE_BUDGET_HEADINGS = (
    "预算信息", "本年调整预算数（万元）", "本年实际支出数（万元）", "本年执行率（%）",
    "上年调整预算数（万元）", _BUDGET_REFERENCE["previous_actual"], _BUDGET_REFERENCE["previous_rate"],
)
REFERENCE_INDICATOR_HEADINGS = (
    "部门整体自评表", "本年目标值", "本年完成值", "本年偏差情况",
    "上年目标值", _INDICATOR_REFERENCE["previous_actual"], _INDICATOR_REFERENCE["previous_deviation"],
)


def _reference(sheet: Worksheet, styles: Styles, report: Report, budget: list[BudgetFigures],
               lines: list[IndicatorLine], notes: list[ExportNote]) -> None:
    """This year beside last year: table 7's figures (this year's read from the 预算信息 sheet,
    so the two cannot disagree) and table 9's values, row by row."""
    writer = _SheetWriter(sheet, styles, (34, 15, 15, 12, 15, 15, 12), notes, Table.BUDGET)
    writer.title(REFERENCE_TITLE, 7)
    writer.headings(2, REFERENCE_BUDGET_HEADINGS)
    budget_sheet = f"'{marks.SHEET_BUDGET}'"
    row = FIRST_DATA_ROW
    for index, figures in enumerate(budget):
        source = FIRST_DATA_ROW + index
        writer.text(row, 1, figures.name, at=(index, "name"))
        for column, letter in ((2, "D"), (3, "E"), (4, "F")):
            # A blank this year (nothing spent yet) stays blank rather than showing 0.00.
            cell = f"{budget_sheet}!{letter}{source}"
            style = STYLE_PERCENT if column == 4 else STYLE_AMOUNT
            writer.formula(row, column, f'=IF({cell}="","",{cell})', style)
        last_year = previous_figures(report.budget, index)
        if last_year is not None:
            writer.amount(row, 5, last_year.adjusted, (index, None))
            writer.amount(row, 6, last_year.actual, (index, None))
            writer.formula(row, 7, rate_formula(f"F{row}", f"F{row}", f"E{row}"), STYLE_PERCENT)
        else:
            for column in (5, 6, 7):
                writer.cell(row, column, STYLE_TEXT)
        row += 1
    row += 1
    writer.headings(row, REFERENCE_INDICATOR_HEADINGS)
    cleaner = TextCleaner()
    for index, line in enumerate(lines):
        row += 1
        indicator = line.indicator
        writer.text(row, 1, indicator.name, at=(index, "name"))
        writer.text(row, 2, indicator.target, STYLE_CENTRED, at=(index, "target"))
        writer.text(row, 3, indicator.actual, STYLE_CENTRED, at=(index, "actual"))
        writer.text(row, 4, line.deviation, STYLE_RIGHT)
        previous = indicator.previous
        evaluation = previous_evaluation(indicator)
        # Last year's values are not part of the report `prepare` cleaned.
        values = ("", "", "") if previous is None or evaluation is None else (
            cleaner.clean(previous.target, Table.INDICATORS, index, "target").strip(),
            cleaner.clean(previous.actual, Table.INDICATORS, index, "actual").strip(),
            evaluation.deviation,
        )
        for column, value in enumerate(values, start=5):
            writer.text(row, column, value, STYLE_RIGHT if column == 7 else STYLE_CENTRED)
    notes.extend(cleaner.notes)
    writer.finish(fit_from=2, landscape=False, title_rows="1:2", freeze="B3")


def build_workbook(report: Report, *, reference: bool = True) -> tuple[Workbook, list[ExportNote]]:
    """The workbook for `report` (in the form `text.prepare` gives it) and the notes; with
    `reference` and a report made from last year's, the 上年对照 sheet too."""
    report, notes = prepare(report)
    workbook = Workbook()
    overview = first_sheet(workbook)
    styles = Styles(overview)
    overview.title = marks.SHEET_OVERVIEW
    budget = budget_table(report.budget)
    lines = indicator_lines(report)
    _overview(overview, styles, report, notes)
    _budget(workbook.create_sheet(marks.SHEET_BUDGET), styles, budget, notes)
    _tasks(workbook.create_sheet(marks.SHEET_TASKS), styles, report, notes)
    _indicators(workbook.create_sheet(marks.SHEET_INDICATORS), styles, lines, notes)
    if reference and report.previous is not None:
        _reference(workbook.create_sheet(marks.SHEET_REFERENCE), styles, report, budget, lines, notes)

    workbook.properties.title = property_text(report.title)
    workbook.properties.subject = "部门整体支出预算绩效自评报告"
    workbook.properties.creator = workbook.properties.lastModifiedBy = property_text(report.department)
    workbook.properties.language = "zh-CN"
    properties = workbook.custom_doc_props  # type: ignore[attr-defined]  # openpyxl 3.1's; not in its stubs yet
    for name, value in (
        (marks.PROPERTY_GENERATOR, f"{marks.GENERATOR} {__version__}"),
        (marks.PROPERTY_LAYOUT, marks.LAYOUT_VERSION),
        (marks.PROPERTY_COMPARATOR_STYLE, report.comparator_style),
    ):
        properties.append(StringProperty(name=name, value=value))
    # The file carries formulas without computed values: have Excel and WPS compute on opening.
    workbook.calculation.fullCalcOnLoad = True
    return workbook, notes


def xlsx_bytes(report: Report, *, reference: bool = True) -> tuple[bytes, list[ExportNote]]:
    workbook, notes = build_workbook(report, reference=reference)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), notes


def export_xlsx(report: Report, path: Path | str, *, reference: bool = True) -> ExportResult:
    """Write `report` as an Excel workbook at `path`, replacing it in one step (with the 上年
    对照 sheet, if `reference` and the report has last year's).

    Raises `ExportError` (Chinese message) when the file cannot be written, for example
    because it is open in Excel or WPS; the old file is then left as it was.
    """
    return write_export(path, xlsx_bytes(report, reference=reference))
