"""File names the program proposes for a report: its project file and its exports alike."""

from __future__ import annotations

import re

from selfeval_gui.domain.model import Report

#: Suffixes the exporters write, with what they are, for menus, file dialogs and messages
#: (here, not with the exporters, which the editor loads only when asked to export).
EXPORT_FORMATS = {".docx": "Word 文档", ".xlsx": "Excel 工作簿"}
#: Those and the PDF, which `selfeval_gui.render` writes (it needs Qt).
DOCUMENT_FORMATS = {**EXPORT_FORMATS, ".pdf": "PDF 文档"}
#: Characters Windows does not allow in file names, and control characters.
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def name_part(text: str) -> str:
    """`text` (a department's name) as part of a file name: cleaned of what a file name
    cannot hold (a `/` would make a subfolder) and cut to a length every file system takes."""
    return " ".join(_NOT_IN_FILE_NAMES.sub(" ", text).split())[:60]


def default_file_name(report: Report, suffix: str) -> str:
    """A file name to offer in a save dialog: `苏州市红十字会2023年度部门整体支出绩效自评报告.docx`."""
    department = name_part(report.department)
    year = f"{report.year}年度" if report.year else ""
    return f"{department}{year}部门整体支出绩效自评报告{suffix}"
