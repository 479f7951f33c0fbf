"""A clerk who works by keyboard: the cell says what is wrong with it, F8 goes on from the
cursor, Ctrl+1…4 lead into the tables, the findings list hands the keyboard back, and the
tables move as Excel does (Ctrl+arrows, Ctrl+Home/End, Ctrl+G, Ctrl+Enter)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from selfeval_gui.domain.edits import CellRef
from selfeval_gui.domain.findings import Code, Table
from selfeval_gui.domain.nextyear import next_year_report
from selfeval_gui.ui.main_window import MainWindow
from tests.ui.helpers import click_cell, set_clipboard, type_text

D = Decimal
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def col(sheet, key: str) -> int:
    return sheet.table_model().column_index(key)


def at(sheet) -> tuple[int, int]:
    return sheet.currentIndex().row(), sheet.currentIndex().column()


def tab(qtbot, window: MainWindow, table: Table):
    """Ctrl+1…4 to the table, as the clerk presses it."""
    focus: QWidget | None = window.focusWidget()  # None until the window has the focus
    qtbot.keyClick(focus or window, Qt.Key(Qt.Key.Key_1 + list(Table).index(table)), CTRL)
    return window.pages[table].sheet if table is not Table.OVERVIEW else window.overview


def status(window: MainWindow) -> str:
    """What the status bar says about the cell the cursor is on."""
    return window.cell_message()


def message(window: MainWindow) -> str:
    """The status bar's passing message (what an action did)."""
    return window.statusBar().currentMessage()


# ---------------------------------------------------------------- the cell speaks for itself


def test_landing_on_a_cell_by_keyboard_shows_its_findings_in_the_status_bar_and_tooltip(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    sheet.setCurrentIndex(sheet.model().index(27, col(sheet, "source")))
    assert status(window) == ""
    qtbot.keyClick(sheet, Qt.Key.Key_Left)  # onto 完成值: the target is missed
    assert "“结转结余率”未达到目标" in status(window)
    assert QToolTip.isVisible() and "“结转结余率”未达到目标" in QToolTip.text()
    qtbot.keyClick(sheet, Qt.Key.Key_Left)  # 目标值: nothing wrong
    assert status(window) == ""
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    assert window.cell_status.text().startswith("目标值可写")  # the table's hint is back


def test_the_tooltip_follows_the_cells_findings_when_they_change(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    actual, reason = col(sheet, "actual"), col(sheet, "reason")
    sheet.setCurrentIndex(sheet.model().index(25, actual))
    qtbot.keyClick(sheet, Qt.Key.Key_Down)  # 预算执行率: 100% where table 7 says 96.94%
    assert QToolTip.isVisible() and "与预算信息表不符" in QToolTip.text()
    qtbot.keyClick(sheet, Qt.Key.Key_Period, CTRL)
    assert QToolTip.isVisible() and "“预算执行率”未达到目标" in QToolTip.text()  # what is wrong now
    assert "与预算信息表不符" not in QToolTip.text()

    sheet.setCurrentIndex(sheet.model().index(27, col(sheet, "deviation")))
    qtbot.keyClick(sheet, Qt.Key.Key_Right)  # 原因分析 of 结转结余率: required, empty
    assert QToolTip.isVisible() and "“原因分析”不能为空" in QToolTip.text()
    set_clipboard("结转资金将于下年度使用")
    qtbot.keyClick(sheet, Qt.Key.Key_V, CTRL)
    assert window.document.report.indicators[27].reason == "结转资金将于下年度使用"
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)  # not after its ten seconds

    qtbot.keyClick(sheet, Qt.Key.Key_Down)  # 原因分析 of 预算调整率: required, empty
    assert QToolTip.isVisible() and "“预算调整率”未达到目标，“原因分析”不能为空" in QToolTip.text()
    qtbot.keyClicks(sheet, "x")  # typing the reason
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    qtbot.keyClick(sheet.focusWidget() or sheet, Qt.Key.Key_Return)
    sheet.setCurrentIndex(sheet.model().index(0, 0))
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)

    hovered = sheet.visualRect(sheet.model().index(29, reason)).center()  # the mouse's tooltip too
    QApplication.sendEvent(sheet.viewport(), QHelpEvent(QEvent.Type.ToolTip, hovered,
                                                        sheet.viewport().mapToGlobal(hovered)))
    assert QToolTip.isVisible() and "“原因分析”不能为空" in QToolTip.text()
    window.document.edit_cell(CellRef(Table.INDICATORS, 29, "reason"), "标准提高")
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_a_click_on_a_cell_shows_its_findings_and_a_fix_clears_them(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    click_cell(qtbot, sheet, 28, col(sheet, "reason"))
    assert "“预算调整率”未达到目标，“原因分析”不能为空" in status(window)
    qtbot.keyClicks(sheet, "x")  # typing the reason fixes it while the cell is open
    assert "原因分析" not in status(window)


def test_a_merged_cell_speaks_on_every_row(qtbot, window):
    sheet = tab(qtbot, window, Table.TASKS)
    duty = col(sheet, "duty")
    sheet.setCurrentIndex(sheet.model().index(3, duty))
    qtbot.keyClick(sheet, Qt.Key.Key_Down)  # into the duty pasted twice (rows 4-5 are one cell)
    assert "同一段文字出现了两次" in status(window)


def test_a_field_of_the_overview_speaks_when_it_gets_the_focus(qtbot, window):
    window.document.edit_cell(CellRef(Table.OVERVIEW, None, "department"), "")
    tab(qtbot, window, Table.OVERVIEW)
    window.overview.line_edits["department"].setFocus()
    assert "预算部门名称" in status(window)


# ---------------------------------------------------------------- F8 from the cursor


def test_f8_goes_to_the_next_finding_after_the_cursor_across_tabs(qtbot, window):
    sheet = tab(qtbot, window, Table.BUDGET)
    qtbot.keyClick(sheet, Qt.Key.Key_Down)  # row 1: before the findings of row 2 (项目支出)
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    assert at(sheet) == (2, col(sheet, "adjustment")) and sheet.hasFocus()
    for _ in range(3):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down)  # row 5, past this tab's findings
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F8)
    tasks = window.pages[Table.TASKS].sheet
    assert window.tabs.currentWidget() is window.pages[Table.TASKS]
    assert at(tasks) == (4, col(tasks, "duty")) and tasks.hasFocus()
    assert "同一段文字出现了两次" in status(window)
    qtbot.keyClick(tasks, Qt.Key.Key_F8, SHIFT)  # back across the tab, to the last one before
    assert window.tabs.currentWidget() is window.pages[Table.BUDGET]
    assert at(sheet) == (2, col(sheet, "actual"))


def test_f8_from_the_last_finding_starts_again_and_says_so(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    sheet.setCurrentIndex(sheet.model().index(44, col(sheet, "reason")))
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    budget = window.pages[Table.BUDGET].sheet
    assert window.tabs.currentWidget() is window.pages[Table.BUDGET]
    assert at(budget) == (2, col(budget, "adjustment"))
    assert message(window).startswith("（已到最后一个问题之后，从第一个开始）【错误】")


def test_shift_f8_goes_to_the_finding_before_the_cursor(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    sheet.setCurrentIndex(sheet.model().index(40, col(sheet, "name")))
    qtbot.keyClick(sheet, Qt.Key.Key_F8, SHIFT)
    assert at(sheet) == (31, col(sheet, "reason"))
    qtbot.keyClick(sheet, Qt.Key.Key_F8, SHIFT)
    assert at(sheet) == (31, col(sheet, "actual"))


def test_f8_goes_past_the_cursors_cell_right_after_a_fix_an_undo_or_a_paste(qtbot, window):
    """The cell's own findings are said already: F8 never stays on it, even when a fix, an
    undo or a paste has just given it another finding."""
    sheet = tab(qtbot, window, Table.INDICATORS)
    actual, reason = col(sheet, "actual"), col(sheet, "reason")
    sheet.setCurrentIndex(sheet.model().index(25, actual))
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    assert at(sheet) == (26, actual) and "与预算信息表不符" in status(window)  # 预算执行率: 100%, not 96.94%
    qtbot.keyClick(sheet, Qt.Key.Key_Period, CTRL)  # fixed: now it misses its target of 100%
    assert "“预算执行率”未达到目标" in status(window)
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    assert at(sheet) == (26, reason)  # where the clerk writes why
    qtbot.keyClick(sheet, Qt.Key.Key_F8, SHIFT)
    assert at(sheet) == (26, actual)

    sheet.setCurrentIndex(sheet.model().index(26, reason))
    qtbot.keyClick(sheet, Qt.Key.Key_Z, CTRL)  # the fix undone: the cursor back on 完成值, 100% again
    assert at(sheet) == (26, actual) and "与预算信息表不符" in status(window)
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    assert at(sheet) == (27, actual)  # no reason is due on row 26 any more

    qtbot.keyClick(sheet, Qt.Key.Key_F8, SHIFT)
    assert at(sheet) == (26, actual)
    set_clipboard("96.94%")
    qtbot.keyClick(sheet, Qt.Key.Key_V, CTRL)
    assert "“预算执行率”未达到目标" in status(window)
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    assert at(sheet) == (26, reason)


# ---------------------------------------------------------------- Ctrl+1…4 and the findings list


def test_ctrl_number_puts_the_keyboard_into_the_tab(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F4)
    view = window.findings_dock.view
    assert view.hasFocus()
    listed = view.currentIndex().row()
    sheet = tab(qtbot, window, Table.BUDGET)
    assert sheet.hasFocus() and at(sheet) == (0, 0)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down)
    assert at(sheet) == (1, 0) and view.currentIndex().row() == listed  # the arrows drive the table
    overview = tab(qtbot, window, Table.OVERVIEW)
    assert overview.editors[overview.current_section()].hasFocus()
    indicators = tab(qtbot, window, Table.INDICATORS)
    assert indicators.hasFocus()


def test_the_findings_list_shows_this_tab_or_all(qtbot, window):
    dock = window.findings_dock
    all_count = dock.model.rowCount()
    assert all_count == len(window.document.findings)
    tab(qtbot, window, Table.TASKS)
    dock.scope.setCurrentIndex(dock.scope.findData(True))  # 当前标签页
    assert {f.table for f in dock.model.findings} == {Table.TASKS} and dock.model.rowCount() == 2
    assert dock.filter.itemText(0) == "全部（2）"
    tab(qtbot, window, Table.INDICATORS)
    assert {f.table for f in dock.model.findings} == {Table.INDICATORS}
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F8)  # F8 walks what the list shows
    assert window.tabs.currentWidget() is window.pages[Table.INDICATORS]
    dock.scope.setCurrentIndex(dock.scope.findData(False))  # 所有标签页
    assert dock.model.rowCount() == all_count


def test_a_click_on_a_finding_jumps_to_its_cell_and_gives_the_table_the_keyboard(qtbot, window):
    dock = window.findings_dock
    row = next(r for r in range(dock.model.rowCount()) if dock.model.finding(r).code is Code.IND_FAR_EXCEEDED)
    dock.view.scrollTo(dock.model.index(row, 2))
    rect = dock.view.visualRect(dock.model.index(row, 2))
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    sheet = window.pages[Table.INDICATORS].sheet
    assert window.tabs.currentWidget() is window.pages[Table.INDICATORS]
    assert at(sheet) == (31, col(sheet, "actual")) and sheet.hasFocus()
    qtbot.keyClick(sheet, Qt.Key.Key_Right)
    assert at(sheet) == (31, col(sheet, "source"))


def test_enter_in_the_findings_list_jumps_and_escape_goes_back_where_the_cursor_was(qtbot, window):
    sheet = tab(qtbot, window, Table.BUDGET)
    sheet.setCurrentIndex(sheet.model().index(5, 1))
    qtbot.keyClick(sheet, Qt.Key.Key_F4)
    qtbot.keyClick(window.findings_dock.view, Qt.Key.Key_Escape)
    assert sheet.hasFocus() and at(sheet) == (5, 1)
    qtbot.keyClick(sheet, Qt.Key.Key_F4)
    view = window.findings_dock.view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert sheet.hasFocus() and at(sheet) == (2, col(sheet, "actual"))


# ---------------------------------------------------------------- Excel navigation


def test_ctrl_arrows_jump_to_the_edge_of_the_data(qtbot, window):
    sheet = tab(qtbot, window, Table.BUDGET)
    adjustment = col(sheet, "adjustment")  # filled on the first three rows only
    sheet.setCurrentIndex(sheet.model().index(0, adjustment))
    qtbot.keyClick(sheet, Qt.Key.Key_Down, CTRL)
    assert at(sheet) == (2, adjustment)  # the last filled cell
    qtbot.keyClick(sheet, Qt.Key.Key_Down, CTRL)
    assert at(sheet) == (16, adjustment)  # nothing filled below: the end
    qtbot.keyClick(sheet, Qt.Key.Key_Up, CTRL)
    assert at(sheet) == (2, adjustment)  # the next filled cell up
    sheet.setCurrentIndex(sheet.model().index(5, 0))
    qtbot.keyClick(sheet, Qt.Key.Key_Right, CTRL)
    assert at(sheet) == (5, col(sheet, "initial"))  # before the blank 追加追减
    qtbot.keyClick(sheet, Qt.Key.Key_Right, CTRL)
    assert at(sheet) == (5, col(sheet, "adjusted"))  # over it to the next figure
    assert [(i.row(), i.column()) for i in sheet.selectionModel().selectedIndexes()] == [at(sheet)]


def test_ctrl_shift_arrows_select_to_the_edge_and_ctrl_home_end_go_to_the_corners(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    sheet.setCurrentIndex(sheet.model().index(3, col(sheet, "name")))
    qtbot.keyClick(sheet, Qt.Key.Key_Down, CTRL | SHIFT)
    last = sheet.model().rowCount() - 1
    rows = sorted({i.row() for i in sheet.selectionModel().selectedIndexes()})
    assert rows == list(range(3, last + 1)) and at(sheet) == (last, col(sheet, "name"))
    qtbot.keyClick(sheet, Qt.Key.Key_Home, CTRL)
    assert at(sheet) == (0, 0) and len(sheet.selectionModel().selectedIndexes()) == 1
    qtbot.keyClick(sheet, Qt.Key.Key_End, CTRL)
    assert at(sheet) == (last, col(sheet, "reason"))  # the last column shown


def test_ctrl_g_goes_to_a_row_number(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    sheet.setCurrentIndex(sheet.model().index(0, col(sheet, "actual")))
    qtbot.keyClick(sheet, Qt.Key.Key_G, CTRL)
    box = window.row_box
    assert box.hasFocus()
    qtbot.keyClicks(box, "30")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert at(sheet) == (29, col(sheet, "actual")) and sheet.hasFocus()
    assert "三公经费" in status(window)  # the cell speaks as ever
    qtbot.keyClick(sheet, Qt.Key.Key_G, CTRL)
    qtbot.keyClicks(box, "99")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert "共 45 行" in message(window) and box.hasFocus() and at(sheet) == (29, col(sheet, "actual"))
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert sheet.hasFocus() and box.text() == ""


def test_ctrl_enter_fills_the_selection_as_one_undo_step(qtbot, window):
    sheet = tab(qtbot, window, Table.INDICATORS)
    source = col(sheet, "source")
    untouched = window.document.report.indicators[6].source
    sheet.select_block(2, source, 5, source)
    qtbot.keyClicks(sheet, "n")  # typing opens the current cell, the selection stays
    editor = sheet.indexWidget(sheet.currentIndex())
    type_text(qtbot, editor, "ianbao年报")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    indicators = window.document.report.indicators
    assert [i.source for i in indicators[2:6]] == ["nianbao年报"] * 4
    assert indicators[6].source == untouched
    assert window.document.undo_stack.count() == 1
    assert window.act_undo.text() == "撤销 填充(&U)"
    window.undo()
    assert [i.source for i in indicators[2:6]] == ["部门预算公开"] * 4
    assert not window.document.modified


def test_ctrl_enter_passes_over_computed_cells_and_says_what_it_filled(qtbot, window):
    sheet = tab(qtbot, window, Table.BUDGET)
    sheet.select_block(3, col(sheet, "initial"), 4, col(sheet, "adjusted"))
    qtbot.keyClicks(sheet, "5")
    qtbot.keyClick(sheet.indexWidget(sheet.currentIndex()), Qt.Key.Key_Return, CTRL)
    projects = window.document.report.budget.projects
    assert [(p.initial, p.adjustment) for p in projects[:2]] == [(D(5), D(5))] * 2
    assert sheet.model().index(3, col(sheet, "adjusted")).data() == "10.00"
    assert "已填充" in message(window)


def test_opening_a_report_leaves_nothing_said_about_the_one_before(qtbot, make_window):
    window = make_window()  # an empty report first: section 二 is missing
    assert "未填写" in status(window)
    window.files.open_sample()
    assert status(window) == ""


def _next_year(window: MainWindow):
    """Next year's report made from the sample: last year's columns beside this year's."""
    window.document.replace(next_year_report(window.document.report), None, saved=False)
    window.findings_dock.show_severity(None)
    return window.pages[Table.INDICATORS].sheet


def test_ctrl_arrows_go_along_the_columns_as_shown_last_years_too(qtbot, window):
    sheet = _next_year(window)
    tab(qtbot, window, Table.INDICATORS)
    deviation = col(sheet, "deviation")  # blank: this year's 完成值 are still to come
    window.act_show_reference.setChecked(True)
    sheet.setCurrentIndex(sheet.model().index(0, deviation))
    qtbot.keyClick(sheet, Qt.Key.Key_Right, CTRL)
    assert at(sheet) == (0, col(sheet, "previous_actual"))  # shown right after this year's figures
    window.act_show_reference.setChecked(False)
    sheet.setCurrentIndex(sheet.model().index(0, deviation))
    qtbot.keyClick(sheet, Qt.Key.Key_Right, CTRL)
    assert at(sheet) == (0, col(sheet, "reason"))  # hidden columns are passed over


def test_f8_from_a_column_of_last_years_goes_by_what_is_shown(qtbot, window):
    sheet = _next_year(window)
    window.act_show_reference.setChecked(True)
    window.document.edit_cell(CellRef(Table.INDICATORS, 5, "actual"), "较科学")  # missed, no reason yet
    tab(qtbot, window, Table.INDICATORS)
    last_year = sheet.model().index(5, col(sheet, "previous_deviation"))  # shown between 偏差情况 and 原因分析
    sheet.setCurrentIndex(last_year)
    qtbot.keyClick(sheet, Qt.Key.Key_F8)
    assert at(sheet) == (5, col(sheet, "reason"))  # to its right, though before it in the report
    sheet.setCurrentIndex(last_year)
    qtbot.keyClick(sheet, Qt.Key.Key_F8, SHIFT)
    assert at(sheet) == (5, col(sheet, "actual"))


def test_a_long_message_ends_in_an_ellipsis_before_the_row_box_and_is_whole_in_the_tooltip(qtbot, window):
    window.resize(900, 600)
    bar = window.statusBar()
    message = "已恢复“苏州市红十字会”（尚未保存过的报告）上次未保存的内容，请检查后保存。" * 3
    bar.showMessage(message)
    qtbot.waitUntil(lambda: not window.cell_status.isVisible())  # the message covers the cell's status
    shown = bar.shown_message()
    assert shown.endswith("…") and message.startswith(shown[:-1])
    assert bar.message_area().left() + bar.fontMetrics().horizontalAdvance(shown) < window.row_box.x()
    assert bar.toolTip() == message
    bar.showMessage("已保存。")
    assert bar.shown_message() == "已保存。"
