"""The report's text as a document shows it.

Word and Excel store text as XML, which cannot hold most control characters; a clerk's text
may carry them anyway (pasted from a web page, a PDF or an old system). They are dropped here,
once for both formats, and a note says where. Line breaks of every kind become `\n`.

A document also shows text in a normal form: a section's paragraphs without the spaces typed
to indent them (the first-line indent does that) and without empty paragraphs; a cell without
leading or trailing blanks. `prepare` returns the report in that form, which is exactly what
importing the exported file gives back.
"""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import BaseModel

from selfeval_gui.domain.findings import HEADINGS, Table
from selfeval_gui.domain.model import Report, Section
from selfeval_gui.domain.submission import STANDING_FIELDS
from selfeval_gui.domain.submission import column as submission_column
from selfeval_gui.exporters import ExportNote

M = TypeVar("M", bound=BaseModel)

# XML 1.0 admits tab, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What controls a terminal or reorders text: C0 and C1 control characters but tab and line
# feed, DEL, the bidirectional marks, embeddings, overrides and isolates, and the Unicode
# line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
# Line and paragraph breaks as other programs write them (CR LF, vertical tab from Word's
# clipboard, form feed, NEL, the Unicode separators).
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def where(table: Table, row: int | None, column: str | None) -> str:
    """`预算信息 第4行 年初预算数（万元）`, or `第二部分` for a section of the overview."""
    if table is Table.OVERVIEW and column in {s.value for s in Section}:
        return f"第{Section(column).numeral}部分“{Section(column).heading}”"
    parts = [table.label]
    if row is not None:
        parts.append(f"第{row + 1}行")
    if column is not None:
        parts.append(HEADINGS[table].get(column, column))
    return " ".join(parts)


def xml_safe(text: str) -> tuple[str, int]:
    """`text` with line breaks as `\n` and without the characters XML cannot hold, and how
    many were dropped."""
    return _XML_ILLEGAL.subn("", _LINE_BREAK.sub("\n", text))


def visible(text: str) -> str:
    """`text` with each control character shown as its escape (`\\u001b`), tabs and line
    feeds kept: text from someone else's file can neither drive a terminal (clear it, retitle
    it, hide lines) nor disguise itself by reordering. The escape is JSON's, so JSON text
    stays JSON. A Windows line break (CR LF) is a line break."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\r\n", "\n"))


class TextCleaner:
    """Cleans text for XML and remembers, as notes, where it had to drop characters."""

    def __init__(self) -> None:
        self.notes: list[ExportNote] = []

    def clean(self, text: str, table: Table, row: int | None = None, column: str | None = None) -> str:
        if text.isprintable():  # no control character, no line break: nothing to do (the common case)
            return text
        cleaned, dropped = xml_safe(text)
        if dropped:
            self.notes.append(
                ExportNote(
                    f"{where(table, row, column)}中有 {dropped} 个无法写入文档的控制字符（多为从网页或其他软件"
                    "粘贴带入的不可见字符），已删除。",
                    table, row, column,
                )
            )
        return cleaned


#: Document properties (title, author) hold at most this many characters.
MAX_PROPERTY_CHARS = 255


def property_text(text: str) -> str:
    """A document property from report text: one line, cut to what the format allows."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_PROPERTY_CHARS else line[: MAX_PROPERTY_CHARS - 1] + "…"


def paragraphs(text: str) -> list[str]:
    """A section's paragraphs as the document shows them: trimmed, empty ones left out."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _changed(model: M, **values: object) -> M:
    """`model` itself if `values` are what it holds, else a copy with them."""
    update = {k: v for k, v in values.items() if getattr(model, k) != v}
    return model.model_copy(update=update) if update else model


def prepare(report: Report) -> tuple[Report, list[ExportNote]]:
    """The report as the exported document shows it, and the notes of what had to change.

    The report is not modified; parts that need no change are shared with it."""
    cleaner = TextCleaner()

    def cell(text: str, table: Table, row: int | None, column: str) -> str:
        return cleaner.clean(text, table, row, column).strip()

    city = cell(report.city, Table.OVERVIEW, None, "city")
    department = cell(report.department, Table.OVERVIEW, None, "department")
    overview = _changed(report.overview, **{
        s.value: "\n".join(paragraphs(cleaner.clean(report.overview.text(s), Table.OVERVIEW, None, s.value)))
        for s in Section
    })
    budget = report.budget
    rows = [
        _changed(row, name=cell(row.name, Table.BUDGET, index, "name"))
        for index, row in enumerate([budget.basic, budget.projects_total, *budget.projects], start=1)
    ]
    budget = _changed(budget, basic=rows[0], projects_total=rows[1], projects=rows[2:])

    duties, task_row = [], 0
    for duty in report.duties:
        text = cell(duty.text, Table.TASKS, task_row, "duty")
        tasks = []
        for task in duty.tasks:
            tasks.append(_changed(
                task,
                name=cell(task.name, Table.TASKS, task_row, "name"),
                completion=cell(task.completion, Table.TASKS, task_row, "completion"),
            ))
            task_row += 1
        duties.append(_changed(duty, text=text, tasks=tasks))

    indicators = [
        _changed(indicator, **{c: cell(getattr(indicator, c), Table.INDICATORS, index, c) for c in _INDICATOR_TEXT})
        for index, indicator in enumerate(report.indicators)
    ]
    submission = _changed(report.submission, **{
        name: cell(getattr(report.submission, name), Table.OVERVIEW, None, submission_column(name))
        for name in STANDING_FIELDS
    })
    prepared = _changed(
        report, city=city, department=department, overview=overview, budget=budget, duties=duties,
        indicators=indicators, submission=submission,
    )
    return prepared, cleaner.notes


_INDICATOR_TEXT = ("group", "category", "name", "target", "actual", "source", "reason")
