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
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from selfeval_gui.domain.compute import adjusted_budget, execution_rate, total_row
from selfeval_gui.domain.findings import Finding, Severity, location_label
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import ValidationOptions, validate
from selfeval_gui.exporters import ExportResult, write_file
from selfeval_gui.exporters.excel import (
    MAX_CELL_CHARS,
    STYLE_AMOUNT,
    STYLE_CENTRED,
    STYLE_HEADING,
    STYLE_PERCENT,
    STYLE_RIGHT,
    STYLE_TEXT,
    Styles,
    row_height,
    set_text,
    text_lines,
)
from selfeval_gui.exporters.text import visible, xml_safe
from selfeval_gui.storage.atomic import os_error_cause
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
    a path that does not exist, and a folder that cannot be read, is a `CheckedReport`
    saying so."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield CheckedReport(path, problem=f"找不到文件或文件夹“{path}”。")


def _walk(top: Path) -> list[Path | CheckedReport]:
    found: list[Path | CheckedReport] = []

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename) if isinstance(exc.filename, str) else top
        cause = os_error_cause(exc, folder, reading=True)
        found.append(CheckedReport(folder, problem=f"无法读取文件夹“{folder}”：{cause}。"))

    for folder, subfolders, names in os.walk(top, onerror=unreadable):
        subfolders.sort()
        found += [Path(folder) / n for n in names if n.lower().endswith(SUFFIX) and not n.startswith(".")]
    return sorted(found, key=lambda item: item if isinstance(item, Path) else item.path)


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
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.oddFooter.center.text = "第 &P 页，共 &N 页"

    def text(self, value: str, style: str = STYLE_TEXT) -> Cell:
        cell = self.styles.new_cell(self.sheet, style)
        set_text(cell, xml_safe(visible(value))[0][:MAX_CELL_CHARS])
        return cell

    def number(self, value: Decimal | int | None, style: str = STYLE_CENTRED) -> Cell:
        cell = self.styles.new_cell(self.sheet, style)
        cell.value = value
        return cell

    def append(self, cells: Sequence[Cell]) -> None:
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
    sheet = workbook.active
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
