"""Find and replace over the report: every cell the clerk writes and every section.

`find` lists the matches in reading order (概况, then tables 7, 8 and 9, row by row, column by
column), a merged cell (a duty, a 目标 or 类别 run) once; computed cells (调整预算数, 执行率,
偏差情况, 预算总金额) are not searched, being nothing one could replace. Amounts are searched
as the tables show them (`848.80`). Unless `exact`, letters match whatever their case and
digits and punctuation whatever their width (`２０２３` finds `2023`).

`replace` is one edit, so replacing every match is one undo step; text a cell cannot take
(an amount that would not be a number) is skipped and said.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from selfeval_gui.domain.edits import (
    COMPUTED_COLUMNS,
    GROUP_COLUMNS,
    CellError,
    CellRef,
    Edit,
    batch,
    cell_value,
    edit_text,
    group_key,
    is_editable,
    row_count,
    set_cell,
)
from selfeval_gui.domain.findings import COLUMNS, Table, place_label
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.money import amount_text, halfwidth_char


@dataclass(frozen=True, slots=True)
class Match:
    """`needle` found at `text[start:end]` of the cell `ref` (its text as `cell_text` gives)."""

    ref: CellRef
    start: int
    end: int


@dataclass(slots=True)
class Replacement:
    """What replacing does: the edit (`None` if nothing changes), how many matches it
    replaces, and the cells it could not change (Chinese, one line each)."""

    edit: Edit | None
    replaced: int = 0
    skipped: list[str] = field(default_factory=list)


def cell_text(report: Report, ref: CellRef) -> str:
    """A cell's text as the clerk sees it in the table: amounts with their two decimals."""
    value = cell_value(report, ref)
    if isinstance(value, Decimal):  # an amount (the only decimals a report holds)
        return amount_text(value)
    return edit_text(value)


def searched_cells(report: Report, table: Table) -> Iterator[CellRef]:
    """The cells of `table` that are searched, in reading order, a merged cell once (at its
    first row)."""
    if table is Table.OVERVIEW:
        yield from (CellRef(table, None, column) for column in COLUMNS[table])
        return
    columns = [c for c in COLUMNS[table] if c not in COMPUTED_COLUMNS[table]]
    merged = GROUP_COLUMNS.get(table, ())
    above: dict[str, object] = {}
    for row in range(row_count(report, table)):
        for column in columns:
            ref = CellRef(table, row, column)
            if not is_editable(report, ref):
                continue
            if column in merged:
                key = group_key(report, table, row, column)
                if above.get(column) == key:
                    continue  # the rest of a merged cell shown above
                above[column] = key
            yield ref


def fold(text: str) -> str:
    """`text` with case and character width set aside, one character for one (so that the
    positions of a match in it are positions in `text`)."""
    return "".join(halfwidth_char(ch, str.lower) for ch in text)


def find(report: Report, needle: str, tables: Iterable[Table] = tuple(Table), *, exact: bool = False) -> list[Match]:
    """Every occurrence of `needle` in the cells of `tables`, in reading order."""
    if not needle:
        return []
    key = needle if exact else fold(needle)
    matches: list[Match] = []
    for table in Table:
        if table not in tables:
            continue
        for ref in searched_cells(report, table):
            text = cell_text(report, ref)
            haystack = text if exact else fold(text)
            start = haystack.find(key)
            while start >= 0:
                matches.append(Match(ref, start, start + len(key)))
                start = haystack.find(key, start + len(key))
    return matches


def replace(report: Report, matches: Iterable[Match], replacement: str) -> Replacement:
    """Put `replacement` in place of each of `matches` (found in `report` as it is), as one
    edit."""
    by_cell: dict[CellRef, list[Match]] = {}
    for match in matches:
        by_cell.setdefault(match.ref, []).append(match)
    result = Replacement(None)
    edits: list[Edit] = []
    for ref, found in by_cell.items():
        text = cell_text(report, ref)
        parts, last = [], 0
        for match in sorted(found, key=lambda m: m.start):
            if match.start < last:
                continue  # overlaps the one before
            parts += [text[last : match.start], replacement]
            last = match.end
        try:
            edit = set_cell(report, ref, "".join(parts) + text[last:])
        except CellError as exc:
            result.skipped.append(f"{place_label(*ref)}：{exc}")
            continue
        if edit is not None:
            edits.append(edit)
            result.replaced += len(found)
    result.edit = batch(edits)
    return result
