"""The submission block (填报信息) read back from a document: labels and what follows them."""

from __future__ import annotations

from collections.abc import Iterable

from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.layout import compact
from selfeval_gui.domain.model import Submission
from selfeval_gui.domain.submission import SUBMISSION_LABELS, DateError, column, parse_date
from selfeval_gui.importers import ImportNote


def _key(label: str) -> str:
    """A label without spaces, its colon, or the difference between full- and half-width."""
    return compact(label).rstrip(":")


_FIELDS = {_key(label): name for name, label in SUBMISSION_LABELS.items()}


def submission_field(label: str) -> str | None:
    """The field a label names (`单位负责人：` → `head`), or `None`."""
    return _FIELDS.get(_key(label))


def read_submission(pairs: Iterable[tuple[str, str]], notes: list[ImportNote]) -> Submission | None:
    """The block from (label, value) pairs, or `None` if no label is one of the block's."""
    values: dict[str, object] = {}
    for label, value in pairs:
        name = submission_field(label)
        if name is None:
            continue
        text = value.strip()
        if name != "date":
            values[name] = text
            continue
        try:
            values[name] = parse_date(text)
        except DateError:
            notes.append(ImportNote(f"填报日期“{text}”不是日期，已留空，请在概况中填写。",
                                    Table.OVERVIEW, None, column("date")))
    return Submission(**values) if values else None
