"""Reading reports made elsewhere: the published text layout, Word reports, our Excel export.

Every importer returns the report and the notes of what it corrected or could not read, so
that nothing is guessed silently. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import Report


class ImportFailed(Exception):
    """The source cannot be imported at all; `str(error)` is the Chinese message."""


@dataclass(frozen=True, slots=True)
class ImportNote:
    """Something the importer corrected, assumed or could not read, and where."""

    message: str
    table: Table | None = None
    row: int | None = None
    column: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "message": self.message,
            "table": self.table.value if self.table else None,
            "row": self.row,
            "column": self.column,
        }


@dataclass(slots=True)
class ImportResult:
    report: Report
    notes: list[ImportNote] = field(default_factory=list)


#: Suffixes the importers read, with what they are, for file dialogs and messages.
IMPORTABLE = {".txt": "文本格式的自评报告"}


def import_report(path: Path | str) -> ImportResult:
    """Import `path`, choosing the importer by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        from selfeval_gui.importers.text_layout import import_text_file

        return import_text_file(path)
    known = "、".join(IMPORTABLE)
    raise ImportFailed(f"无法导入“{path.name}”：只支持 {known} 文件。")
