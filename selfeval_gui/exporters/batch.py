"""Checking many reports at once, as the finance bureau does with the dozens or hundreds it
receives: every project file validated, one line per report, and (`summary`) one summary
workbook.

    check_paths(paths) -> iterator of CheckedReport      files and folders (searched recursively)

A file that cannot be read is a result saying why, never the end of the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from selfeval_gui.domain.compute import adjusted_budget, execution_rate, total_row
from selfeval_gui.domain.findings import Finding, Severity
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import ValidationOptions, validate
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

