"""Next year beside last year in the editor: the reference columns and texts, one-key fixes from
the list, the cell and Ctrl+., and find and replace, driven as a clerk drives them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from selfeval_gui.domain.findings import Code, Table
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report, save_report
from selfeval_gui.ui.main_window import MainWindow
from tests.ui.helpers import click_cell, clipboard, type_into_cell, type_text

D = Decimal


@pytest.fixture
def next_year(window: MainWindow, dialogs, tmp_path) -> MainWindow:
    """The editor after 文件 → 由上年报告新建 on the sample (last year's project file)."""
    last = tmp_path / "2023.jxzp"
    save_report(load_report(sample_report_path()), last)
    dialogs.open_paths.append(last)
    window.act_next_year.trigger()
    return window


def show(window: MainWindow, table: Table):
    window.tabs.setCurrentWidget(window.pages[table])
    return window.pages[table].sheet


def column(sheet, key: str) -> int:
    return sheet.table_model().column_index(key)


def reference(sheet, row: int) -> tuple[str, str]:
    model = sheet.table_model()
    return tuple(model.index(row, column(sheet, key)).data() for key in model.reference_columns)


# ---------------------------------------------------------------- reference columns


def test_next_years_report_is_named_with_its_year(next_year):
    assert next_year.document.display_name == "苏州市红十字会2024年度（由上年报告生成）"
    assert next_year.statusBar().currentMessage().startswith("已由“2023.jxzp”生成2024年度报告")


def test_last_years_figures_stand_beside_this_years_on_their_rows(next_year):
    sheet = show(next_year, Table.BUDGET)
    assert reference(sheet, 0) == ("1140.78", "96.94%")  # 预算总金额
    assert reference(sheet, 2) == ("291.98", "99.66%")  # 项目支出
    assert reference(sheet, 12) == ("3.99", "79.80%")  # 办公设备购置
    assert sheet.table_model().index(12, column(sheet, "actual")).data() == ""
    assert not any(sheet.isColumnHidden(column(sheet, k)) for k in sheet.table_model().reference_columns)
    indicators = show(next_year, Table.INDICATORS)
    assert reference(indicators, 44) == ("1次", "-50.00%")  # last year's miss, with last year's target
    assert reference(indicators, 29) == ("115.53%", "100%")
    header = indicators.horizontalHeader()
    # last year's columns right after 偏差情况, 原因分析 last
    visual = sorted(range(header.count()), key=header.visualIndex)
    keys = [indicators.table_model().ref(indicators.table_model().index(0, c)).column for c in visual]
    assert keys[-3:] == ["previous_actual", "previous_deviation", "reason"]


def test_last_years_cells_are_read_only_and_look_apart(qtbot, next_year):
    sheet = show(next_year, Table.BUDGET)
    model = sheet.table_model()
    index = model.index(3, column(sheet, "previous_actual"))
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() != model.index(3, 3).data(
        Qt.ItemDataRole.BackgroundRole).color()
    assert "上年（2023年度）调整预算数 9.11" in index.data(Qt.ItemDataRole.ToolTipRole)
    click_cell(qtbot, sheet, 3, column(sheet, "previous_actual"))
    qtbot.keyClicks(sheet, "5")
    assert "仅供对照，不能修改" in next_year.statusBar().currentMessage()
    assert next_year.document.report.budget.projects[0].previous.actual == D("9.11")
    assert next_year.document.undo_stack.count() == 0


def test_tab_goes_through_this_years_columns_only(qtbot, next_year):
    sheet = show(next_year, Table.BUDGET)
    click_cell(qtbot, sheet, 3, column(sheet, "rate"))
    qtbot.keyClick(sheet, Qt.Key.Key_Tab)
    assert (sheet.currentIndex().row(), sheet.currentIndex().column()) == (4, 0)


def test_the_reference_follows_its_row_through_moves_undo_redo_save_and_load(qtbot, next_year, dialogs, tmp_path):
    sheet = show(next_year, Table.INDICATORS)
    before = [reference(sheet, r) for r in range(sheet.model().rowCount())]
    click_cell(qtbot, sheet, 44, column(sheet, "name"))
    qtbot.keyClick(sheet, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert reference(sheet, 43) == before[44] and reference(sheet, 44) == before[43]
    next_year.act_delete_rows.trigger()
    assert reference(sheet, 43) == before[43]
    next_year.undo()
    next_year.undo()
    assert [reference(sheet, r) for r in range(sheet.model().rowCount())] == before
    next_year.redo()
    assert reference(sheet, 43) == before[44]
    path = tmp_path / "2024.jxzp"
    dialogs.save_paths.append(path)
    assert next_year.files.save()
    assert next_year.files.open_path(path)
    sheet = show(next_year, Table.INDICATORS)
    assert reference(sheet, 43) == before[44] and reference(sheet, 44) == before[43]


def test_a_row_added_this_year_has_no_reference(qtbot, next_year):
    sheet = show(next_year, Table.BUDGET)
    click_cell(qtbot, sheet, 3, 0)
    next_year.act_insert_above.trigger()
    assert reference(sheet, 3) == ("", "") and reference(sheet, 4) == ("9.11", "100.00%")
    assert "本年新增" in sheet.model().index(3, column(sheet, "previous_actual")).data(Qt.ItemDataRole.ToolTipRole)


def test_the_view_menu_hides_the_reference_and_remembers(next_year, make_window, settings):
    assert next_year.act_show_reference.isEnabled() and next_year.act_show_reference.isChecked()
    next_year.act_show_reference.trigger()
    sheet = next_year.pages[Table.BUDGET].sheet
    assert all(sheet.isColumnHidden(column(sheet, k)) for k in sheet.table_model().reference_columns)
    assert next_year.overview.reference.isHidden()
    assert next_year.pages[Table.TASKS].reference.isHidden()
    assert settings.show_reference is False
    other = make_window()
    assert not other.act_show_reference.isChecked()


def test_a_report_without_last_years_has_no_reference_to_show(window):
    assert not window.act_show_reference.isEnabled()
    sheet = window.pages[Table.BUDGET].sheet
    assert all(sheet.isColumnHidden(column(sheet, k)) for k in sheet.table_model().reference_columns)
    assert window.overview.reference.isHidden()


def test_copying_a_block_leaves_last_years_columns_out(qtbot, next_year):
    sheet = show(next_year, Table.BUDGET)
    sheet.select_block(3, 0, 3, sheet.model().columnCount() - 1)
    sheet.copy()
    assert clipboard().rstrip("\r\n") == "信息化维护费\t\t\t\t\t"


# ---------------------------------------------------------------- last year's texts


def test_the_overview_shows_last_years_section_with_copy(qtbot, next_year):
    next_year.tabs.setCurrentWidget(next_year.overview)
    pane = next_year.overview.reference
    assert pane.isVisible() and "上年（2023年度）：二、年度履职目标完成情况" in pane.title.text()
    assert pane.text.toPlainText().startswith("2023年以来")
    next_year.overview.sections.setCurrentRow(3)
    assert pane.text.toPlainText().startswith("存在的问题")
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard() == load_report(sample_report_path()).overview.problems
    assert pane.text.isReadOnly()


def test_a_tasks_last_completion_follows_the_current_row_and_can_be_used(qtbot, next_year):
    sheet = show(next_year, Table.TASKS)
    pane = next_year.pages[Table.TASKS].reference
    click_cell(qtbot, sheet, 1, column(sheet, "name"))
    assert "宣传无偿献血" in pane.title.text()
    assert pane.text.toPlainText().startswith("小血滴献血宣传项目")
    qtbot.mouseClick(pane.use_button, Qt.MouseButton.LeftButton)
    task = next_year.document.report.duties[0].tasks[1]
    assert task.completion == task.previous_completion
    assert [f.code for f in next_year.document.findings_at(Table.TASKS, 1, "completion")] == [Code.TEXT_CARRIED]
    type_into_cell(qtbot, sheet, 1, column(sheet, "completion"), "2024年开展专项宣传8次。")
    assert next_year.document.findings_at(Table.TASKS, 1, "completion") == ()
    next_year.undo()
    next_year.undo()
    assert task.completion == ""


# ---------------------------------------------------------------- one-key fixes


def test_ctrl_period_on_a_cell_applies_its_fix_as_one_undo_step(qtbot, window):
    sheet = show(window, Table.INDICATORS)
    click_cell(qtbot, sheet, 26, column(sheet, "actual"))
    assert window.act_fix.isEnabled() and "100% 改为 96.94%" in window.act_fix.text()
    qtbot.keyClick(sheet, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.indicators[26].actual == "96.94%"
    assert not [f for f in window.document.findings if f.code is Code.IND_CROSSCHECK]
    assert "已更正" in window.statusBar().currentMessage()
    window.undo()
    assert window.document.report.indicators[26].actual == "100%"
    assert not window.document.modified


def test_the_cells_context_menu_offers_its_fix(qtbot, window):
    sheet = show(window, Table.BUDGET)
    click_cell(qtbot, sheet, 2, column(sheet, "actual"))
    assert window.act_fix in sheet.context_actions
    assert "改为各项目合计 288.64" in window.act_fix.text()
    assert "（2 处）" in window.act_fix_all.text()
    window.act_fix_all.trigger()  # both columns of 项目支出, one step
    budget = window.document.report.budget.projects_total
    assert (budget.actual, budget.adjustment) == (D("288.64"), None)
    assert "无法判断哪一行有误" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 1
    window.undo()
    assert (budget.actual, budget.adjustment) == (D("291.98"), D("3.34"))


def test_an_empty_project_row_is_deleted_with_ctrl_period(qtbot, window):
    sheet = show(window, Table.BUDGET)
    last = sheet.model().rowCount() - 1
    click_cell(qtbot, sheet, last, 0)
    qtbot.keyClick(sheet, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # an empty row below
    assert sheet.model().rowCount() == last + 2
    click_cell(qtbot, sheet, last + 1, 0)
    assert window.act_fix.isEnabled() and f"删除第{last + 2}行（空行）" in window.act_fix.text()
    qtbot.keyClick(sheet, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert sheet.model().rowCount() == last + 1
    assert not [f for f in window.document.findings if f.code is Code.TEXT_REQUIRED]
    window.undo()
    assert sheet.model().rowCount() == last + 2


def test_a_fix_from_the_findings_list(qtbot, window):
    dock = window.findings_dock
    row = next(r for r in range(dock.model.rowCount()) if dock.model.finding(r).code is Code.TEXT_REPEATED)
    index = dock.model.index(row, 2)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # marked as fixable
    assert "可一键更正" in index.data(Qt.ItemDataRole.ToolTipRole)
    dock.focus_list()
    dock.view.setCurrentIndex(dock.model.index(row, 0))
    assert window.act_fix.isEnabled()
    qtbot.keyClick(dock.view, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert sum(f.code is Code.TEXT_REPEATED for f in window.document.findings) == 1
    assert QApplication.focusWidget() is dock.view  # on to the next finding, from the list
    window.act_fix_all.trigger()
    assert not [f for f in window.document.findings if f.code is Code.TEXT_REPEATED]
    window.undo()
    window.undo()
    assert sum(f.code is Code.TEXT_REPEATED for f in window.document.findings) == 2


def test_a_source_year_fix_in_a_report_of_the_next_year(qtbot, window):
    window.overview.line_edits["year"].setFocus()
    window.overview.line_edits["year"].selectAll()
    type_text(qtbot, window.overview.line_edits["year"], "2024")
    qtbot.keyClick(window.overview.line_edits["year"], Qt.Key.Key_Return)
    sources = [f for f in window.document.findings if f.code is Code.IND_SOURCE_YEAR]
    assert len(sources) == 30
    sheet = show(window, Table.INDICATORS)
    click_cell(qtbot, sheet, sources[0].row, column(sheet, "source"))
    window.act_fix_all.trigger()
    assert not [f for f in window.document.findings if f.code is Code.IND_SOURCE_YEAR]
    assert window.document.report.indicators[sources[0].row].source == "2024年度部门决算"
    window.undo()
    assert len([f for f in window.document.findings if f.code is Code.IND_SOURCE_YEAR]) == 30


def test_where_there_is_nothing_to_fix_ctrl_period_says_so(qtbot, window):
    sheet = show(window, Table.BUDGET)
    click_cell(qtbot, sheet, 4, 0)
    assert not window.act_fix.isEnabled()  # greyed in the menus, and yet the key answers
    window.statusBar().clearMessage()
    qtbot.keyClick(sheet, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert "没有软件能自动更正的问题" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0


# ---------------------------------------------------------------- find and replace


def test_find_counts_and_selects_each_match(qtbot, window):
    show(window, Table.INDICATORS)
    qtbot.keyClick(window.pages[Table.INDICATORS].sheet, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.needle and not bar.replacement.isVisible()
    type_text(qtbot, bar.needle, "2023")
    assert bar.count.text() == "第 1 / 30 处"
    sheet = window.pages[Table.INDICATORS].sheet
    assert (sheet.currentIndex().row(), sheet.table_model().ref(sheet.currentIndex()).column) == (15, "source")
    qtbot.keyClick(bar.needle, Qt.Key.Key_Return)
    assert bar.count.text() == "第 2 / 30 处" and sheet.currentIndex().row() == 16
    qtbot.keyClick(bar.needle, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.needle, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "第 30 / 30 处"  # wrapped round
    assert QApplication.focusWidget() is bar.needle
    bar.scope.setCurrentIndex(1)  # 全部
    assert bar.count.text().endswith(f"/ {len(bar.matches)} 处") and len(bar.matches) > 30
    qtbot.keyClick(bar.needle, Qt.Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is sheet


def test_a_match_in_a_section_is_selected_in_its_text(qtbot, window):
    window.tabs.setCurrentWidget(window.overview)
    window.open_find(replacing=False)
    type_text(qtbot, window.find_bar.needle, "较上年无变化")
    editor = window.overview.editors[window.overview.current_section()]
    assert window.overview.current_section().value == "profile"
    assert editor.textCursor().selectedText() == "较上年无变化"


def test_replace_all_is_one_undo_step(qtbot, next_year):
    show(next_year, Table.INDICATORS)
    next_year.act_replace.trigger()
    bar = next_year.find_bar
    assert bar.replacement.isVisible()
    bar.scope.setCurrentIndex(1)
    type_text(qtbot, bar.needle, "2023年底")
    qtbot.keyClick(bar.needle, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.replacement
    type_text(qtbot, bar.replacement, "2024年底")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    report = next_year.document.report
    assert "2024年底" in report.overview.profile and bar.count.text() == "未找到"
    assert "已替换 1 处" in next_year.statusBar().currentMessage()
    assert not [f for f in next_year.document.findings if f.code is Code.TEXT_CARRIED and f.column == "profile"]
    count = next_year.document.undo_stack.count()
    next_year.act_undo.trigger()
    assert "2023年底" in report.overview.profile
    assert next_year.document.undo_stack.index() == count - 1


def test_replace_one_then_the_next(qtbot, window):
    show(window, Table.INDICATORS)
    window.open_find(replacing=True)
    bar = window.find_bar
    type_text(qtbot, bar.needle, "部门总结")
    assert bar.count.text() == "第 1 / 13 处"
    bar.replacement.setFocus()
    type_text(qtbot, bar.replacement, "工作总结")
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)
    assert bar.count.text() == "第 1 / 12 处"
    report = window.document.report
    assert [i.source for i in report.indicators].count("2023年工作总结") == 1
    window.undo()
    assert [i.source for i in report.indicators].count("2023年工作总结") == 0


def test_the_excel_export_adds_last_year_while_it_is_shown(next_year, dialogs, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    for name in ("shown.xlsx", "hidden.xlsx"):
        dialogs.export_confirmations.append(True)
        dialogs.save_paths.append(tmp_path / name)
        dialogs.export_follow_ups.append("close")
        assert next_year.files.export(".xlsx")
        next_year.act_show_reference.trigger()  # hidden for the second export
    assert openpyxl.load_workbook(tmp_path / "shown.xlsx").sheetnames[-1] == "上年对照"
    assert "上年对照" not in openpyxl.load_workbook(tmp_path / "hidden.xlsx").sheetnames


def test_ctrl_period_in_a_section_takes_out_the_passage_pasted_twice(qtbot, window):
    window.tabs.setCurrentWidget(window.overview)
    window.overview.focus_field("problems")
    editor = window.overview.editors[window.overview.current_section()]
    original = editor.toPlainText()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(original[:40])
    assert [f.code for f in window.document.findings_at(Table.OVERVIEW, None, "problems")] == [Code.TEXT_REPEATED]
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == original == window.document.report.overview.problems
    window.undo()
    assert editor.toPlainText() == original + original[:40]
