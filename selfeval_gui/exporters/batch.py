"""Checking many reports at once, as the finance bureau does with the dozens or hundreds it
receives: every project file validated, one line per report, one summary workbook.

    check_paths(paths) -> iterator of CheckedReport      files and folders (searched recursively)
    write_summary(results, path) -> ExportResult          the workbook: 汇总 and 问题清单

A file that cannot be read is a result saying why, never the end of the run.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from selfeval_gui.domain.compute import adjusted_budget, execution_rate, total_row
from selfeval_gui.domain.findings import Finding, Severity, location_label
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import ValidationOptions, validate
from selfeval_gui.exporters import ExportResult, write_file
from selfeval_gui.exporters.excel import MAX_CELL_CHARS, set_text
from selfeval_gui.exporters.text import xml_safe
from selfeval_gui.storage.projectfile import SUFFIX, ProjectFileError, load_report


@dataclass(frozen=True, slots=True)
class CheckedReport:
    """One project file: its report and findings, or why it could not be read."""

    path: Path
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    problem: str | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def execution_rate(self) -> Decimal | None:
        """预算执行率 of the whole budget (预算总金额 row), in percent."""
        if self.report is None:
            return None
        total = total_row(self.report.budget)
        return execution_rate(total.actual, adjusted_budget(total))


def project_files(paths: Iterable[Path]) -> Iterator[Path | CheckedReport]:
    """The project files named, and those in the folders named (recursively, in name order);
    a path that does not exist is a `CheckedReport` saying so."""
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for folder, subfolders, names in os.walk(path, onerror=None):
                subfolders.sort()
                found += [Path(folder) / n for n in names if n.lower().endswith(SUFFIX) and not n.startswith(".")]
            yield from sorted(found)
        elif path.exists():
            yield path
        else:
            yield CheckedReport(path, problem=f"找不到文件或文件夹“{path}”。")


def check_file(path: Path, options: ValidationOptions | None = None) -> CheckedReport:
    try:
        report = load_report(path)
    except ProjectFileError as exc:
        return CheckedReport(path, problem=str(exc))
    return CheckedReport(path, report, tuple(validate(report, options)))


def check_paths(paths: Iterable[Path], options: ValidationOptions | None = None) -> Iterator[CheckedReport]:
    """Each project file under `paths`, checked, in order; one at a time, so that a caller can
    show progress."""
    for item in project_files(paths):
        yield item if isinstance(item, CheckedReport) else check_file(item, options)


# ---------------------------------------------------------------- the summary workbook

SUMMARY_HEADINGS = (
    "序号", "文件", "预算部门", "城市", "年度", "错误", "警告", "提示",
    "调整预算数（万元）", "实际支出数（万元）", "预算执行率", "说明",
)
FINDING_HEADINGS = ("序号", "文件", "预算部门", "严重程度", "问题代码", "位置", "问题说明")
_HEADING_FONT = Font(name="宋体", size=11, bold=True)
_FONT = Font(name="宋体", size=11)
_HEADING_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")


def _text(sheet: Worksheet, row: int, column: int, value: str) -> None:
    cell = sheet.cell(row, column)
    set_text(cell, xml_safe(value)[0][:MAX_CELL_CHARS])
    cell.font = _FONT
    cell.alignment = _WRAP


def _number(sheet: Worksheet, row: int, column: int, value: Decimal | int | None, number_format: str) -> None:
    cell = sheet.cell(row, column)
    cell.value = value
    cell.number_format = number_format
    cell.font = _FONT


def _sheet(sheet: Worksheet, headings: Sequence[str], widths: Sequence[float]) -> None:
    for column, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
        cell = sheet.cell(1, column, heading)
        cell.font, cell.fill, cell.alignment = _HEADING_FONT, _HEADING_FILL, _CENTRE
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


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
    summary = workbook.active
    summary.title = "汇总"
    _sheet(summary, SUMMARY_HEADINGS, (6, 36, 28, 10, 7, 7, 7, 7, 14, 14, 11, 50))
    findings = workbook.create_sheet("问题清单")
    _sheet(findings, FINDING_HEADINGS, (7, 36, 28, 9, 20, 30, 80))
    finding_row = 2
    for index, result in enumerate(results, start=1):
        row = index + 1
        name = _label(result.path, base)
        _number(summary, row, 1, index, "0")
        _text(summary, row, 2, name)
        report = result.report
        if report is None:
            _text(summary, row, 12, f"无法读取：{result.problem}")
            continue
        _text(summary, row, 3, report.department)
        _text(summary, row, 4, report.city)
        _number(summary, row, 5, report.year, "0")
        for column, severity in ((6, Severity.ERROR), (7, Severity.WARNING), (8, Severity.INFO)):
            _number(summary, row, column, result.count(severity), "0")
        total = total_row(report.budget)
        _number(summary, row, 9, adjusted_budget(total), "0.00")
        _number(summary, row, 10, total.actual, "0.00")
        rate = result.execution_rate
        if rate is None:
            _text(summary, row, 11, "—")
        else:
            _number(summary, row, 11, rate / 100, "0.00%")
        if not (result.count(Severity.ERROR) or result.count(Severity.WARNING)):
            _text(summary, row, 12, "未发现错误或警告")
        for finding in result.findings:
            _number(findings, finding_row, 1, finding_row - 1, "0")
            _text(findings, finding_row, 2, name)
            _text(findings, finding_row, 3, report.department)
            _text(findings, finding_row, 4, finding.severity.label)
            _text(findings, finding_row, 5, finding.code.value)
            _text(findings, finding_row, 6, location_label(finding))
            _text(findings, finding_row, 7, finding.message)
            finding_row += 1
    summary.auto_filter.ref = f"A1:L{max(len(results) + 1, 2)}"
    findings.auto_filter.ref = f"A1:G{max(finding_row - 1, 2)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_summary(results: Sequence[CheckedReport], path: Path | str, base: Path | None = None) -> ExportResult:
    """Write the summary workbook at `path` in one step (`ExportError` when it cannot be)."""
    path = Path(path)
    write_file(path, summary_workbook(results, base))
    return ExportResult(path)
