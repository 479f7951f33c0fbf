"""Pasting a block with 调整预算数 and 执行率 from Excel: the figures the program computes are
not overwritten, and where the pasted ones differ the clerk is told once, in the status bar
and as a note (提示) in the findings list that lasts as long as the paste."""

from __future__ import annotations

from decimal import Decimal

from selfeval_gui.domain.edits import CellRef
from selfeval_gui.domain.findings import Code, Severity, Table
from tests.ui.helpers import set_clipboard, type_into_cell

D = Decimal
#: 项目 · 年初预算数 · 追加追减 · 调整预算数 · 实际支出数 · 执行率: two projects, the second's 调整预算数 off.
BLOCK = "信息化维护费\t9.11\t\t9.11\t9.11\t100.00%\n政策法规普及宣传经费\t9.77\t0.5\t9.77\t9.77\t100.00%"


def notes(window) -> list:
    return [f for f in window.document.findings if f.code is Code.PASTE_COMPUTED]


def paste_block_at(window, row: int, text: str):
    sheet = window.pages[Table.BUDGET].sheet
    window.tabs.setCurrentWidget(window.pages[Table.BUDGET])
    sheet.setCurrentIndex(sheet.model().index(row, 0))
    set_clipboard(text)
    window.act_paste.trigger()
    return sheet


def test_a_pasted_figure_that_differs_from_the_computed_one_is_told_once(qtbot, window):
    sheet = paste_block_at(window, 3, BLOCK)
    projects = window.document.report.budget.projects
    assert projects[1].adjustment == D("0.5")
    assert sheet.model().index(4, 3).data() == "10.27"  # computed, not the pasted 9.77
    message = window.statusBar().currentMessage()
    assert "有 2 个调整预算数、执行率与软件的计算结果不同" in message
    assert [(n.severity, n.row, n.column) for n in notes(window)] == [
        (Severity.INFO, 4, "adjusted"), (Severity.INFO, 4, "rate")]
    assert window.counts.buttons[Severity.INFO].text() == "提示 2"
    assert window.document.undo_stack.count() == 1


def test_the_note_goes_with_the_paste_when_undone_and_comes_back_with_it(qtbot, window):
    paste_block_at(window, 3, BLOCK)
    window.undo()
    assert notes(window) == [] and window.document.report.budget.projects[1].adjustment is None
    window.redo()
    assert len(notes(window)) == 2


def test_the_note_ends_when_the_clerk_corrects_the_amounts(qtbot, window):
    sheet = paste_block_at(window, 3, BLOCK)
    type_into_cell(qtbot, sheet, 4, 2, "0")
    assert notes(window) == []
    window.undo()  # the correction undone: the amounts are the pasted ones, but the note stays gone
    assert notes(window) == [] and window.document.report.budget.projects[1].adjustment == D("0.5")


def test_the_note_follows_its_row_and_the_cell_speaks_of_it(qtbot, window):
    sheet = paste_block_at(window, 3, BLOCK)
    sheet.setCurrentIndex(sheet.model().index(3, 0))
    window.act_insert_above.trigger()  # a row above: the note moves down with its row
    assert [(n.row, n.column) for n in notes(window)] == [(5, "adjusted"), (5, "rate")]
    sheet.setFocus()
    sheet.setCurrentIndex(sheet.model().index(5, 3))
    assert "粘贴的调整预算数为 9.77" in window.cell_message()


def test_a_paste_of_figures_alone_changes_nothing_but_still_says_they_differ(qtbot, window):
    # Only 调整预算数 and 执行率: nothing to write, no undo step, the difference noted all the same.
    sheet = window.pages[Table.BUDGET].sheet
    window.tabs.setCurrentWidget(window.pages[Table.BUDGET])
    sheet.setCurrentIndex(sheet.model().index(5, 3))
    set_clipboard("24.00")
    window.act_paste.trigger()
    assert window.document.undo_stack.count() == 0
    assert [(n.row, n.column) for n in notes(window)] == [(5, "adjusted")]
    assert "与软件的计算结果不同" in window.statusBar().currentMessage()
    window.document.edit_cell(CellRef(Table.BUDGET, 5, "initial"), "24")
    assert notes(window) == []


def test_another_report_starts_without_notes(qtbot, window, dialogs):
    paste_block_at(window, 3, BLOCK)
    dialogs.save_answers.append("discard")
    window.files.new_report()
    assert notes(window) == []
