"""Reading reports made elsewhere: the published text layout, Word reports, our Excel export.

Every importer returns the report and the notes of what it corrected or could not read, so
that nothing is guessed silently. No Qt.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from selfeval_gui.domain.findings import Note
from selfeval_gui.domain.model import Report
from selfeval_gui.storage.atomic import explain_os_error

#: Something the importer corrected, assumed or could not read, and where.
ImportNote = Note

#: Larger than any report in any of the formats read here.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
#: A .docx or .xlsx report unpacks to a few megabytes; far more is a damaged or malicious
#: file (a "zip bomb" that would take the reader minutes and gigabytes).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024


class ImportFailed(Exception):
    """The source cannot be imported at all; `str(error)` is the Chinese message."""


def read_source(path: Path) -> bytes:
    """The bytes of a file to import; `ImportFailed` (Chinese) when it cannot be read."""
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise ImportFailed(f"“{path.name}”过大，不是一份自评报告。")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise ImportFailed(f"“{path}”是一个文件夹，不是要导入的文件。") from None
    except OSError as exc:
        raise ImportFailed(explain_os_error(exc, path, "读取")) from None


def check_package(data: bytes, name: str, kind: str) -> None:
    """Refuse bytes that are no zip package, or one that unpacks to far more than a report;
    `kind` names what the file should be (`Word 文档（.docx）`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFailed(f"无法导入“{name}”：文件已损坏，或不是 {kind}。") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailed(f"无法导入“{name}”：文件解压后过大，不是一份自评报告。")


@dataclass(slots=True)
class ImportResult:
    report: Report
    notes: list[ImportNote] = field(default_factory=list)


#: Suffixes the importers read, with what they are, for file dialogs and messages.
IMPORTABLE = {
    ".txt": "文本格式的自评报告",
    ".docx": "Word 格式的自评报告",
    ".xlsx": "本软件导出的 Excel 工作簿",
}
#: Formats people will try, with what to do instead.
CONVERT_FIRST = {
    ".doc": "旧版 Word 文件（.doc），请在 Word 或 WPS 中“另存为”Word 文档（.docx）后再导入",
    ".wps": "WPS 文字文件（.wps），请在 WPS 中“另存为”Word 文档（.docx）后再导入",
    ".xls": "旧版 Excel 文件（.xls），请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入",
    ".et": "WPS 表格文件（.et），请在 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入",
    ".pdf": "PDF 文件，请用原来的 Word 文件导入，或把 PDF 中的文字复制到文本文件（.txt）后导入",
}


def import_report(path: Path | str) -> ImportResult:
    """Import `path`, choosing the importer by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        from selfeval_gui.importers.text_layout import import_text_file

        return import_text_file(path)
    if suffix == ".docx":
        from selfeval_gui.importers.word import import_docx_file

        return import_docx_file(path)
    if suffix == ".xlsx":
        from selfeval_gui.importers.excel import import_xlsx_file

        return import_xlsx_file(path)
    if suffix in CONVERT_FIRST:
        raise ImportFailed(f"无法导入“{path.name}”：这是{CONVERT_FIRST[suffix]}。")
    known = "、".join(IMPORTABLE)
    raise ImportFailed(f"无法导入“{path.name}”：只支持 {known} 文件。")


def read_last_year(path: Path | str) -> Report:
    """Last year's report, to make next year's from: a project file, or (by its suffix) a report
    to import: last year's Word report, our Excel export or the published text. Raises
    `ProjectFileError` or `ImportFailed` with the reason in Chinese."""
    from selfeval_gui.storage.projectfile import load_report

    path = Path(path)
    return import_report(path).report if path.suffix.lower() in IMPORTABLE else load_report(path)
