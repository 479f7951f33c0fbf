"""填报信息 in 概况: typed like the other fields, undone in one step per field, the date read as
clerks write it, and each department's last block offered for its next report."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from selfeval_gui.domain.model import Report, Submission
from tests.ui.helpers import type_text


def _form(window):
    window.tabs.setCurrentWidget(window.overview)
    form = window.overview.submission
    if not form.toggle.isChecked():
        form.toggle.click()
    return form


def test_the_fields_are_hidden_until_asked_for_and_shown_when_filled(window):
    form = window.overview.submission
    assert not form.toggle.isChecked() and not form.body.isVisible()
    assert "未填写" in form.toggle.toolTip()
    form.toggle.click()
    assert form.body.isVisible()
    report = window.document.report.model_copy(deep=True)
    report.submission = Submission(head="张三")
    window.document.replace(report, None)
    assert form.toggle.isChecked() and form.fields["head"].text() == "张三"


def test_typing_fills_the_report_and_each_field_is_one_undo_step(qtbot, window):
    form = _form(window)
    form.fields["unit"].setFocus()
    type_text(qtbot, form.fields["unit"], "苏州市红十字会")
    form.fields["phone"].setFocus()
    type_text(qtbot, form.fields["phone"], "0512-65230000")
    submission = window.document.report.submission
    assert (submission.unit, submission.phone) == ("苏州市红十字会", "0512-65230000")
    assert window.isWindowModified()
    window.undo()
    assert window.document.report.submission.phone == "" and form.fields["phone"].text() == ""
    assert form.fields["phone"].hasFocus()  # undo shows what it changed
    window.undo()
    assert window.document.report.submission == Submission()
    window.redo()
    assert form.fields["unit"].text() == "苏州市红十字会"


def test_a_date_is_stored_when_complete_and_a_wrong_one_is_explained(qtbot, window):
    form = _form(window)
    edit = form.fields["date"]
    edit.setFocus()
    type_text(qtbot, edit, "2024.3.15")
    assert window.document.report.submission.date is None  # not while typing
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.document.report.submission.date == datetime.date(2024, 3, 15)
    assert edit.text() == "2024年3月15日"
    edit.selectAll()
    type_text(qtbot, edit, "3月15")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.document.report.submission.date == datetime.date(2024, 3, 15)
    assert "不是日期" in edit.toolTip() and "不是日期" in window.statusBar().currentMessage()


def test_a_date_being_typed_is_saved_with_the_report(qtbot, window, dialogs, tmp_path):
    form = _form(window)
    form.fields["date"].setFocus()
    type_text(qtbot, form.fields["date"], "2024-1-5")
    dialogs.save_paths.append(tmp_path / "r.jxzp")
    assert window.files.save()
    assert window.document.report.submission.date == datetime.date(2024, 1, 5)


def test_the_calendar_picks_the_date(window):
    form = _form(window)
    form.calendar.clicked.emit(QDate(2024, 3, 15))
    assert window.document.report.submission.date == datetime.date(2024, 3, 15)
    assert form.fields["date"].text() == "2024年3月15日"


def test_the_department_s_last_block_is_offered_for_its_next_report(qtbot, window, settings):
    form = _form(window)
    form.fields["head"].setFocus()
    type_text(qtbot, form.fields["head"], "张三")
    form.calendar.clicked.emit(QDate(2024, 3, 15))
    assert settings.submission_for("苏州市红十字会") == {"head": "张三"}  # never the date

    next_year = Report(city="苏州市", year=2024, department="苏州市红十字会")
    window.document.replace(next_year, None, saved=False)
    assert form.offer.isVisibleTo(window) and "张三" in form.offer.text()
    form.fill.click()
    assert window.document.report.submission == Submission(head="张三")
    assert not form.offer.isVisibleTo(window)
    window.undo()
    assert window.document.report.submission == Submission()

    other = Report(city="苏州市", year=2024, department="苏州市卫生健康委员会")
    window.document.replace(other, None, saved=False)
    assert not form.offer.isVisibleTo(window)


def test_ctrl_z_in_a_field_is_the_report_s_undo(qtbot, window):
    form = _form(window)
    form.fields["preparer"].setFocus()
    type_text(qtbot, form.fields["preparer"], "王五")
    qtbot.keyClick(form.fields["preparer"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.report.submission.preparer == "" and form.fields["preparer"].text() == ""
    assert window.document.undo_stack.canRedo()  # the report's step was undone, not the field's own


def test_alt_b_opens_the_block_at_its_first_field_and_closing_it_gives_the_keyboard_back(qtbot, window):
    window.tabs.setCurrentWidget(window.overview)
    form, city = window.overview.submission, window.overview.line_edits["city"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    city.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.body.isVisible() and form.fields["unit"].hasFocus(), timeout=2000)
    form.fields["phone"].setFocus()  # the clerk goes along the block, then closes it
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not form.body.isVisible(), timeout=2000)
    assert city.hasFocus()
    form.toggle.click()  # a click opens it alike
    assert form.fields["unit"].hasFocus()
    form.toggle.click()
    assert city.hasFocus()
    form.toggle.click()
    department = window.overview.line_edits["department"]
    department.setFocus()  # the clerk has moved on: closing the block leaves the keyboard there
    form.toggle.click()
    assert department.hasFocus() and not form.body.isVisible()


def test_every_example_in_a_field_is_written_alike(window):
    examples = [e.placeholderText() for e in window.findChildren(QLineEdit) if "例如" in e.placeholderText()]
    assert len(examples) >= 4  # 城市, 年度, 联系电话, 填报日期
    assert all(text.startswith("例如：") and "例如： " not in text for text in examples), examples


def test_find_selects_a_match_in_a_field_of_the_block_and_opens_it(qtbot, window):
    form = _form(window)
    form.fields["unit"].setFocus()
    type_text(qtbot, form.fields["unit"], "苏州市红十字会办公室")
    form.toggle.click()  # closed again: the match must open it
    assert not form.body.isVisible()
    qtbot.keyClick(window.overview.line_edits["city"], Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    type_text(qtbot, bar.needle, "会办公")
    assert bar.count.text() == "第 1 / 1 处"
    qtbot.keyClick(bar.needle, Qt.Key.Key_Return)  # the next match: the same one, round again
    unit = form.fields["unit"]
    assert form.body.isVisible() and unit.selectedText() == "会办公" and unit.selectionStart() == 6
    assert bar.needle.hasFocus()  # the clerk goes on typing or stepping in the bar
