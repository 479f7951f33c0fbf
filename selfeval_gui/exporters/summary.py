"""The finance bureau's summary workbook of many checked reports (see `batch`): sheet 汇总 with
one row per report, sheet 问题清单 with every finding.

    write_summary(results, path) -> ExportResult

Kept apart from the checking itself, so that checking loads no spreadsheet library until a
summary is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from selfeval_gui.domain.compute import adjusted_budget, total_row
from selfeval_gui.domain.findings import Severity, location_label
from selfeval_gui.exporters import ExportResult, write_file
from selfeval_gui.exporters.batch import CheckedReport
from selfeval_gui.exporters.excel import (
    MAX_CELL_CHARS,
    STYLE_AMOUNT,
    STYLE_CENTRED,
    STYLE_HEADING,
    STYLE_PERCENT,
    STYLE_RIGHT,
    STYLE_TEXT,
    Styles,
    first_sheet,
    page_numbers,
    row_height,
    set_text,
    text_lines,
)
from selfeval_gui.exporters.text import visible, xml_safe

SUMMARY_HEADINGS = (
    "序号", "文件", "预算部门", "城市", "年度", "错误", "警告", "提示",
    "调整预算数（万元）", "实际支出数（万元）", "预算执行率", "说明",
)
FINDING_HEADINGS = ("序号", "文件", "预算部门", "严重程度", "问题代码", "位置", "问题说明")


class _Rows:
    """A sheet written row by row from ready cells, with the export's named styles."""

    def __init__(self, sheet: Worksheet, styles: Styles, headings: Sequence[str], widths: Sequence[float]) -> None:
        self.sheet, self.styles, self.widths = sheet, styles, widths
        self.rows = 0
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        self.append([self.text(h, STYLE_HEADING) for h in headings])
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        fit = sheet.sheet_properties.pageSetUpPr
        assert fit is not None  # every new sheet has one; its stubs say it may not
        fit.fitToPage = True
        page_numbers(sheet)

    def text(self, value: str, style: str = STYLE_TEXT) -> Cell:
        cell = self.styles.new_cell(self.sheet, style)
        set_text(cell, xml_safe(visible(value))[0][:MAX_CELL_CHARS])  # control characters as the CLI shows them
        return cell

    def number(self, value: Decimal | int | None, style: str = STYLE_CENTRED) -> Cell:
        cell = self.styles.new_cell(self.sheet, style)
        cell.value = value
        return cell

    def append(self, cells: list[Cell]) -> None:
        """Append a row, as tall as its longest wrapped text needs."""
        self.sheet.append(cells)
        self.rows += 1
        lines = max(
            (text_lines(c.value, w) for c, w in zip(cells, self.widths, strict=True) if isinstance(c.value, str)),
            default=1,
        )
        if lines > 1:
            self.sheet.row_dimensions[self.rows].height = row_height(lines)


def _label(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return str(path)


def summary_workbook(results: Sequence[CheckedReport], base: Path | None = None) -> bytes:
    """The summary: sheet 汇总 with one row per report, sheet 问题清单 with every finding.
    File names are shown relative to `base` where they lie under it."""
    workbook = Workbook()
    sheet = first_sheet(workbook)
    styles = Styles(sheet)
    sheet.title = "汇总"
    summary = _Rows(sheet, styles, SUMMARY_HEADINGS, (6, 36, 28, 10, 7, 7, 7, 7, 17, 17, 11, 50))
    findings = _Rows(workbook.create_sheet("问题清单"), styles, FINDING_HEADINGS, (7, 36, 28, 9, 20, 30, 80))
    count = 0
    for index, result in enumerate(results, start=1):
        name = _label(result.path, base)
        report = result.report
        if report is None:
            blank = [summary.text("") for _ in range(9)]
            problem = summary.text(f"无法读取：{result.problem}")
            summary.append([summary.number(index), summary.text(name), *blank, problem])
            continue
        total = total_row(report.budget)
        rate = result.execution_rate
        errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
        summary.append([
            summary.number(index),
            summary.text(name),
            summary.text(report.department),
            summary.text(report.city),
            summary.number(report.year),
            summary.number(errors),
            summary.number(warnings),
            summary.number(result.count(Severity.INFO)),
            summary.number(adjusted_budget(total), STYLE_AMOUNT),
            summary.number(total.actual, STYLE_AMOUNT),
            summary.text("—", STYLE_RIGHT) if rate is None else summary.number(rate / 100, STYLE_PERCENT),
            summary.text("" if errors or warnings else "未发现错误或警告"),
        ])
        for finding in result.findings:
            count += 1
            findings.append([
                findings.number(count),
                findings.text(name),
                findings.text(report.department),
                findings.text(finding.severity.label, STYLE_CENTRED),
                findings.text(finding.code.value),
                findings.text(location_label(finding)),
                findings.text(finding.message),
            ])
    sheet.auto_filter.ref = f"A1:L{max(len(results) + 1, 2)}"
    findings.sheet.auto_filter.ref = f"A1:G{max(count + 1, 2)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_summary(results: Sequence[CheckedReport], path: Path | str, base: Path | None = None) -> ExportResult:
    """Write the summary workbook at `path` in one step (`ExportError` when it cannot be)."""
    path = Path(path)
    write_file(path, summary_workbook(results, base))
    return ExportResult(path)
