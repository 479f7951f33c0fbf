"""Writing the report as the documents a clerk uploads: Word in the official layout, Excel with
real formulas. No Qt: the editor and the command line call the same functions.

    export_report(report, path) -> ExportResult     by suffix (.docx / .xlsx)
    export_summary(findings) -> str                 the note shown before exporting

Both exporters build the whole file in memory and replace the target in one step, so a file
that is open in Word or WPS, or a folder without write permission, gives `ExportError` with a
Chinese message and leaves the old file as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfeval_gui.domain.findings import Finding, Note, Severity, finding_line
from selfeval_gui.domain.model import Report
from selfeval_gui.storage.atomic import WriteError, atomic_write
from selfeval_gui.storage.names import DOCUMENT_FORMATS as DOCUMENT_FORMATS  # named beside the files' names
from selfeval_gui.storage.names import EXPORT_FORMATS as EXPORT_FORMATS


class ExportError(Exception):
    """The file could not be written; `str(error)` is the Chinese message for the user."""


#: Something the export had to change to write the report (a control character dropped, an
#: over-long cell cut), or a layout decision the clerk may want to act on; and where.
ExportNote = Note


@dataclass(slots=True)
class ExportResult:
    path: Path
    notes: list[ExportNote] = field(default_factory=list)


def write_file(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; `ExportError` (Chinese) when that fails."""
    try:
        atomic_write(path, data)
    except WriteError as exc:
        raise ExportError(str(exc)) from exc


def write_export(path: Path | str, built: tuple[bytes, list[ExportNote]]) -> ExportResult:
    """Write an exporter's document (its bytes and notes) to `path` in one step."""
    path = Path(path)
    data, notes = built
    write_file(path, data)
    return ExportResult(path, notes)


def export_report(report: Report, path: Path | str, *, reference: bool = True) -> ExportResult:
    """Export to `path`, choosing Word or Excel by its suffix. `reference`: the workbook of a
    report made from last year's gets a 上年对照 sheet after the report's (Word never)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from selfeval_gui.exporters.word import export_docx

        return export_docx(report, path)
    if suffix == ".xlsx":
        from selfeval_gui.exporters.excel import export_xlsx

        return export_xlsx(report, path, reference=reference)
    known = "、".join(EXPORT_FORMATS)
    raise ExportError(f"无法导出为“{path.name}”：只能导出 {known} 文件。")


def export_summary(findings: Sequence[Finding], limit: int = 5) -> str:
    """What the clerk reads before exporting: how many errors and warnings remain and the
    first few of them. Informative only; the export goes ahead either way."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    infos = len(findings) - len(errors) - len(warnings)
    if not errors and not warnings:
        extra = f"（另有 {infos} 条提示）" if infos else ""
        return f"未发现错误或警告{extra}，可以导出。"
    counts = "、".join(
        part for part in (
            f"{len(errors)} 个错误" if errors else "",
            f"{len(warnings)} 个警告" if warnings else "",
        ) if part
    )
    extra = f"（另有 {infos} 条提示）" if infos else ""
    lines = [f"报告中还有 {counts}{extra}。导出不受影响，但建议先修改后再上报："]
    shown = (errors + warnings)[:limit]
    lines += [f"· {finding_line(f)}" for f in shown]
    rest = len(errors) + len(warnings) - len(shown)
    if rest:
        lines.append(f"……另有 {rest} 条，见问题列表。")
    return "\n".join(lines)
