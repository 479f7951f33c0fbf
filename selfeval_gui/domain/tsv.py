"""Blocks of cells as Excel and WPS put them on the clipboard: tab-separated text.

Cells are separated by tabs and rows by line breaks; a cell holding a tab, a line break or a
leading quote is written in double quotes, with inner quotes doubled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SEPARATOR = re.compile("[\t\n]")


def parse(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text (the trailing line break Excel adds is ignored)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    if '"' not in text:  # no quoted cell: the separators alone decide, as str.split reads them
        return [line.split("\t") for line in text.split("\n")]
    rows: list[list[str]] = [[]]
    i, n = 0, len(text)
    while True:
        cell, i = _cell(text, i)
        rows[-1].append(cell)
        if i >= n:
            break
        if text[i] == "\n":
            rows.append([])
        i += 1
        if i == n:  # a trailing separator ends with an empty cell
            rows[-1].append("")
            break
    return rows


def _cell(text: str, i: int) -> tuple[str, int]:
    """The cell starting at `i` and the position of the separator after it."""
    if i < len(text) and text[i] == '"':
        quoted = _quoted(text, i)
        if quoted is not None:
            return quoted
    found = _SEPARATOR.search(text, i)
    end = found.start() if found else len(text)
    return text[i:end], end


def _quoted(text: str, i: int) -> tuple[str, int] | None:
    # Only a quote that closes right before a separator makes a quoted cell; otherwise the
    # quote is part of the text (`"三公"经费` typed into a cell).
    parts: list[str] = []
    j = i + 1
    while True:
        quote = text.find('"', j)
        if quote < 0:
            return None
        parts.append(text[j:quote])
        if text.startswith('""', quote):
            parts.append('"')
            j = quote + 2
            continue
        if quote + 1 == len(text) or text[quote + 1] in "\t\n":
            return "".join(parts), quote + 1
        return None


def format_cells(rows: Sequence[Sequence[str]]) -> str:
    """Clipboard text for rows of cells, as Excel reads it back."""
    return "\n".join("\t".join(_quote(cell) for cell in row) for row in rows)


def _quote(cell: str) -> str:
    cell = cell.replace("\r\n", "\n")
    if "\t" in cell or "\n" in cell or cell.startswith('"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell
