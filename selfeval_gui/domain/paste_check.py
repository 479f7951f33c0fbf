"""What a pasted block says about the figures the program computes.

A block copied from last year's workbook or a colleague's table often carries 调整预算数 and
执行率 (and the 预算总金额 row) beside the amounts they come from. The paste never writes
them: they are computed. But a pasted figure that differs from the computed one says that
something in the source does not add up, so it is compared, at the precision it was written
with, and each difference becomes a note (an info finding, `Code.PASTE_COMPUTED`).

A note is about the paste, not about the report: validation cannot find it again, the project
file does not keep it. It stays while the amounts it was computed from stand, and ends when any
of them is edited (see `notes_after`), when the paste is undone, or when another report opens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from selfeval_gui.domain.compute import budget_figures
from selfeval_gui.domain.edits import AMOUNT_COLUMNS, COMPUTED_COLUMNS, CellRef, ChangeSet, row_count
from selfeval_gui.domain.findings import BUDGET_COLUMNS, Code, Finding, Severity, Table, budget_label
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.money import AmountError, amount_text, as_written, float_artefact, format_percent, parse_amount

_FORMULAS = {
    "adjusted": "年初预算数 + 上年度结转及追加追减数",
    "rate": "实际支出数 ÷ 调整预算数 × 100%",
}
_INPUTS = {
    "adjusted": "年初预算数和上年度结转及追加追减数",
    "rate": "实际支出数和调整预算数",
}
_TOTAL_ROW = 0


def _pasted_number(text: str, column: str) -> Decimal | None:
    """The figure a pasted cell states (`96.94%`, `1,176.73`, `1176.7299999999998`);
    `None` for a blank, a dash or words, which state no figure."""
    raw = text.strip()
    if column == "rate":
        raw = raw.removesuffix("%").removesuffix("％").strip()
    intended = float_artefact(raw)
    if intended is not None:
        return intended
    try:
        return parse_amount(raw)
    except AmountError:
        return None


def _shown(value: Decimal, column: str) -> str:
    return format_percent(value) if column == "rate" else amount_text(value)


def _is_computed(row: int, column: str) -> bool:
    return column in COMPUTED_COLUMNS[Table.BUDGET] or (row == _TOTAL_ROW and column in AMOUNT_COLUMNS)


def _message(row: int, column: str, pasted: Decimal, computed: Decimal | None) -> str:
    heading = budget_label(column)
    if row == _TOTAL_ROW and column in AMOUNT_COLUMNS:
        formula, inputs = f"基本支出 + 项目支出的{heading}", f"“基本支出”“项目支出”两行的{heading}"
    else:
        formula, inputs = _FORMULAS[column], f"该行的{_INPUTS[column]}"
    said = f"粘贴的{heading}为 {_shown(pasted, column)}"
    if computed is None:
        return f"{said}，但按 {formula} 无法计算（缺少数据或调整预算数为 0），未采用。请核对{inputs}。"
    return (f"{said}，与按 {formula} 计算的 {_shown(computed, column)} 不同，表中显示计算结果。"
            f"请核对{inputs}。")


def computed_differences(report: Report, table: Table, top: int, left: int,
                         grid: Sequence[Sequence[str | None]]) -> list[Finding]:
    """Notes for the computed cells of a block pasted at (`top`, `left`) whose figures differ
    from what `report` (with the block already pasted) computes; `None` cells were not pasted."""
    if table is not Table.BUDGET:
        return []
    columns = list(BUDGET_COLUMNS)
    rows = row_count(report, table)
    notes: list[Finding] = []
    for i, cells in enumerate(grid):
        row = top + i
        if row >= rows:
            break
        figures = budget_figures(report.budget, row)
        for j, text in enumerate(cells):
            if left + j >= len(columns):
                break
            column = columns[left + j]
            if text is None or not _is_computed(row, column):
                continue
            pasted = _pasted_number(text, column)
            if pasted is None:
                continue
            computed: Decimal | None = getattr(figures, column)
            if computed is not None and as_written(pasted, computed):
                continue
            notes.append(Finding(Code.PASTE_COMPUTED, Severity.INFO, table, row, column,
                                 _message(row, column, pasted, computed)))
    return notes


def differences_summary(notes: Sequence[Finding]) -> str:
    """The one sentence a paste says about its notes (the status bar's)."""
    names = "、".join(dict.fromkeys(budget_label(note.column or "") for note in notes))
    return f"粘贴内容中有 {len(notes)} 个{names}与软件的计算结果不同，表中显示计算结果，详见问题列表中的“提示”。"


def _inputs(row: int) -> set[CellRef]:
    """The typed cells a computed figure of budget row `row` comes from."""
    rows = (1, 2) if row == _TOTAL_ROW else (row,)
    return {CellRef(Table.BUDGET, r, column) for r in rows for column in AMOUNT_COLUMNS}


def notes_after(notes: Iterable[Finding], changes: ChangeSet) -> list[Finding]:
    """The notes that still stand after `changes`: moved with their rows, gone where their row
    was deleted or where an amount they were computed from was edited."""
    kept: list[Finding] = []
    for note in notes:
        row: int | None = note.row
        assert row is not None
        for splice in changes.splices:
            if splice.table is note.table:
                row = splice.shift(row)
                if row is None:
                    break
        if row is None or _inputs(row) & changes.cells:
            continue
        kept.append(note if row == note.row else Finding(note.code, note.severity, note.table, row,
                                                         note.column, note.message))
    return kept
