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

# Limits of what is read. A real report is a few hundred kilobytes of text with tables of
# tens to hundreds of rows; files far beyond are damaged, generated or malicious (a "zip
# bomb"), and reading them would take minutes and gigabytes. Each limit is checked before
# the work it bounds, and a file beyond one is refused with a Chinese message saying which.

#: Larger than any report in any of the formats read here.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
#: A .docx or .xlsx unpacks to a few megabytes, pictures included.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: The XML a .docx or .xlsx holds (text, tables, styles; pictures aside): a report's is a
#: few megabytes.
MAX_XML_BYTES = 32 * 1024 * 1024


class ImportFailed(Exception):
    """The source cannot be imported at all; `str(error)` is the Chinese message."""


def read_source(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of a file to import; `ImportFailed` (Chinese) when it cannot be read or is
    larger than `limit`."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise beyond_limit(path.name, f"文件有 {megabytes(size)}", megabytes(limit))
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise ImportFailed(f"“{path}”是一个文件夹，不是要导入的文件。") from None
    except OSError as exc:
        raise ImportFailed(explain_os_error(exc, path, "读取")) from None


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:,.0f} MB" if value >= 10 else f"{value:.1f} MB"


def beyond_limit(name: str, found: str, limit: str) -> ImportFailed:
    """The refusal of a file beyond one of the limits: what it has, and the limit."""
    return ImportFailed(
        f"无法导入“{name}”：{found}，超过了导入的上限（{limit}）。一份自评报告远没有这么多内容，"
        "这个文件可能已损坏，或不是自评报告。如果报告只是其中一部分，请把报告部分复制到新文件后再导入。"
    )


def _is_xml(part: str) -> bool:
    return part.lower().endswith((".xml", ".rels"))


def check_package(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The zip package in `data`, after refusing bytes that are none, or one that unpacks to
    far more than a report (its sizes as the package states them: zipfile reads no more
    than stated); `kind` names what the file should be (`Word 文档（.docx）`)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFailed(f"无法导入“{name}”：文件已损坏，或不是 {kind}。") from None
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise beyond_limit(name, f"文件解压后有 {megabytes(unpacked)}", megabytes(MAX_UNPACKED_BYTES))
    xml = sum(info.file_size for info in infos if _is_xml(info.filename))
    if xml > MAX_XML_BYTES:
        raise beyond_limit(name, f"文件中的文字和表格（XML）解压后有 {megabytes(xml)}", megabytes(MAX_XML_BYTES))
    return archive


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
