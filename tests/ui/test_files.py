"""Files as a clerk meets them: save and reopen, unsaved changes, recent files, drag and drop,
import, next year's report, recovery after a crash, the options."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from selfeval_gui.domain.edits import CellRef
from selfeval_gui.domain.findings import Code, Table
from selfeval_gui.exporters import export_report
from selfeval_gui.importers import import_report
from selfeval_gui.resources import sample_report_path, sample_source_path
from selfeval_gui.storage.projectfile import load_report, save_report
from selfeval_gui.storage.recovery import key_for
from selfeval_gui.ui.dialogs import NotesDialog, QtDialogs
from tests.ui.helpers import type_into_cell

D = Decimal


def edit(window, table, row, column, text):
    assert window.document.edit_cell(CellRef(table, row, column), text)


def test_the_sample_opens_untitled_so_it_is_never_overwritten(window):
    assert window.document.path is None
    assert window.windowTitle().startswith("示例报告（苏州市红十字会2023年度）")
    assert len(window.document.report.indicators) == 45
    assert not window.isWindowModified()


def test_save_as_then_reopen_gives_the_same_report(qtbot, window, dialogs, tmp_path, settings):
    sheet = window.pages[Table.BUDGET].sheet
    window.tabs.setCurrentWidget(window.pages[Table.BUDGET])
    type_into_cell(qtbot, sheet, 3, 1, "10.5")
    assert window.isWindowModified()
    target = tmp_path / "红十字会2023"
    dialogs.save_paths.append(target)
    window.act_save.trigger()  # never saved: asks where
    saved = tmp_path / "红十字会2023.jxzp"
    assert saved.exists() and window.document.path == saved
    assert not window.isWindowModified() and window.windowTitle().startswith("红十字会2023.jxzp")
    assert settings.recent_files == [str(saved.resolve())]
    assert load_report(saved) == window.document.report

    edit(window, Table.INDICATORS, 27, "reason", "年中追加了项目。")
    window.act_save.trigger()  # has a file now: no question
    assert load_report(saved).indicators[27].reason == "年中追加了项目。"
    assert (tmp_path / "红十字会2023.jxzp.bak").exists()

    dialogs.open_paths.append(saved)
    window.act_open.trigger()
    assert window.document.report.budget.projects[0].initial == D("10.5")
    assert window.document.undo_stack.count() == 0


def test_save_as_proposes_a_name_that_stays_in_the_folder(window, dialogs, settings, tmp_path):
    """A department named with a slash or a colon makes no subfolder of the proposed name."""
    settings.last_folder = str(tmp_path)
    edit(window, Table.OVERVIEW, None, "department", "财政局/预算处: 绩效科")
    dialogs.save_paths.append(None)
    assert not window.files.save_as()
    suggested = Path(dialogs.asked[-1].removeprefix("save_as:"))
    assert suggested.parent == tmp_path
    assert suggested.name == "财政局 预算处 绩效科2023年度部门整体支出绩效自评报告.jxzp"


def test_a_year_being_typed_is_saved_and_exported(qtbot, window, dialogs, tmp_path):
    # The year is stored when its field is left; Ctrl+S and Ctrl+E leave it focused.
    year = window.overview.line_edits["year"]
    year.setFocus()
    year.selectAll()
    qtbot.keyClicks(year, "2024")
    dialogs.save_paths.append(tmp_path / "报告.jxzp")
    qtbot.keyClick(year, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_report(tmp_path / "报告.jxzp").year == 2024
    qtbot.keyClicks(year, "5")  # 20245: not a year, so the stored one stays
    dialogs.export_confirmations.append(True)
    dialogs.save_paths.append(tmp_path / "报告.xlsx")
    dialogs.export_follow_ups.append("close")
    qtbot.keyClick(year, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert year.text() == "2024" and window.document.report.year == 2024
    assert import_report(tmp_path / "报告.xlsx").report.year == 2024


def test_undoing_back_to_the_saved_state_clears_the_star(window, dialogs, tmp_path):
    dialogs.save_paths.append(tmp_path / "a.jxzp")
    window.files.save()
    edit(window, Table.INDICATORS, 0, "source", "年报")
    assert window.isWindowModified()
    window.undo()
    assert not window.isWindowModified()
    window.redo()
    assert window.isWindowModified()


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window, dialogs):
    edit(window, Table.INDICATORS, 0, "source", "年报")
    dialogs.save_answers.append("cancel")
    assert not window.close()
    assert window.isVisible() and dialogs.asked[-1].startswith("save:")
    dialogs.save_answers.append("discard")
    assert window.close()


def test_closing_and_choosing_save_saves(qtbot, window, dialogs, tmp_path):
    edit(window, Table.INDICATORS, 0, "source", "年报")
    dialogs.save_answers.append("save")
    dialogs.save_paths.append(tmp_path / "关闭前保存.jxzp")
    assert window.close()
    assert load_report(tmp_path / "关闭前保存.jxzp").indicators[0].source == "年报"


def test_a_file_that_cannot_be_saved_says_why_and_stays_modified(window, dialogs, tmp_path):
    edit(window, Table.INDICATORS, 0, "source", "年报")
    dialogs.save_paths.append(tmp_path / "没有这个文件夹" / "a.jxzp")
    assert not window.files.save()
    title, text = dialogs.errors[-1]
    assert title == "保存失败" and "不存在" in text
    assert window.isWindowModified()


def test_a_damaged_file_is_refused_with_a_chinese_reason(window, dialogs, tmp_path):
    broken = tmp_path / "坏的.jxzp"
    broken.write_text('{"format": "selfeval-gui/report", "schema_version": 1, "report": {', encoding="utf-8")
    assert not window.files.open_path(broken)
    assert "不完整" in dialogs.errors[-1][1]
    assert window.document.report.department == "苏州市红十字会"  # the report shown is untouched


def test_recent_files_menu_opens_and_forgets_missing_files(qtbot, window, dialogs, tmp_path, settings):
    path = tmp_path / "最近.jxzp"
    save_report(load_report(sample_report_path()), path)
    settings.add_recent_file(path)
    settings.add_recent_file(tmp_path / "已删除.jxzp")
    window._fill_recent_menu()
    actions = [a for a in window.recent_menu.actions() if a.text().startswith("&")]
    assert [a.text() for a in actions] == ["&1 已删除.jxzp", "&2 最近.jxzp"]
    actions[0].trigger()
    assert "找不到文件" in dialogs.errors[-1][1]
    assert settings.recent_files == [str(path.resolve())]
    window._fill_recent_menu()
    window.recent_menu.actions()[0].trigger()
    assert window.document.path == path.resolve()


def _drag_and_drop(widget, path: Path) -> bool:
    """Drag a file from the file manager over `widget` and drop it; whether it was taken."""
    mime = _mime(path)
    args = (QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPoint(10, 10).toPointF(), *args[1:])
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_dropping_a_project_file_opens_it(window, tmp_path):
    path = tmp_path / "拖进来的.jxzp"
    report = load_report(sample_report_path())
    report.department = "拖放测试单位"
    save_report(report, path)
    editor = window.overview.editors[next(iter(window.overview.editors))]
    assert _drag_and_drop(editor.viewport(), path)
    assert window.document.report.department == "拖放测试单位"
    assert window.document.path == path


def _mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def test_other_files_are_not_taken_for_reports(window, tmp_path):
    photo = tmp_path / "照片.png"
    photo.write_bytes(b"")
    assert not _drag_and_drop(window.pages[Table.BUDGET].sheet.viewport(), photo)
    assert window.files.dropped_file(_mime(photo)) is None


def test_a_file_dropped_on_the_text_never_becomes_text(window, dialogs, tmp_path):
    # Last year's report as a PDF or an old .doc is explained; a photo is refused. Neither
    # leaves its path in the section the clerk dropped it on.
    editor = window.overview.editors[next(iter(window.overview.editors))]
    before = window.document.report.overview.goals
    pdf = tmp_path / "2023年自评报告.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert _drag_and_drop(editor.viewport(), pdf)
    assert "PDF" in dialogs.errors[-1][1]
    photo = tmp_path / "照片.png"
    photo.write_bytes(b"")
    assert not _drag_and_drop(editor.viewport(), photo)
    assert not _drag_and_drop(window.overview.line_edits["department"], photo)
    assert window.document.report.overview.goals == before and editor.toPlainText() == before
    assert not window.document.modified
    edit(window, Table.INDICATORS, 0, "source", "年报")
    assert _drag_and_drop(window.pages[Table.BUDGET].sheet.viewport(), pdf)
    assert not any(q.startswith("save:") for q in dialogs.asked)  # nothing to save: nothing is replaced
    assert window.document.report.indicators[0].source == "年报"


def test_import_shows_the_notes_and_leaves_an_unsaved_report(window, dialogs):
    dialogs.open_paths.append(sample_source_path())
    window.act_import.trigger()
    assert "*.txt" in dialogs.asked[-1]
    source, notes = dialogs.import_notes[-1]
    assert source == sample_source_path().name and any("浮点" in n.message for n in notes)
    assert window.document.path is None and window.isWindowModified()
    assert window.document.report.department == "苏州市红十字会"


def test_the_import_notes_window_lists_them_table_by_table_and_stays_open(qtbot, window):
    notes = import_report(Path(__file__).parents[1] / "data" / "layouts" / "national-two-tables.docx").notes
    real = QtDialogs()
    real.show_import_notes(window, "national-two-tables.docx", notes)
    (shown,) = window.findChildren(NotesDialog)
    qtbot.waitExposed(shown)
    assert not shown.isModal() and window.isEnabled()  # the clerk checks the tables beside it
    items = [shown.list.item(i) for i in range(shown.list.count())]
    headings = [item.text() for item in items if not item.flags() & Qt.ItemFlag.ItemIsEnabled]
    assert [h.split("（")[0] for h in headings] == ["概况", "预算信息", "年度重点任务", "部门整体自评表"]
    assert len(items) - len(headings) == len(notes)
    shown.copy_all()
    copied = QApplication.clipboard().text()
    assert copied.startswith("概况\n- ") and all(n.message in copied for n in notes)
    real.show_import_notes(window, "again.docx", notes[:1])  # the next notes replace these
    qtbot.waitUntil(lambda: len(window.findChildren(NotesDialog)) == 1)
    window.findChildren(NotesDialog)[0].close()


def test_an_unknown_format_is_refused(window, dialogs, tmp_path):
    other = tmp_path / "表格.csv"
    other.write_text("a,b", encoding="utf-8")
    assert not window.files.import_path(other)
    assert "只支持" in dialogs.errors[-1][1]


def test_next_year_keeps_the_structure_and_clears_the_results(window, dialogs, tmp_path):
    last = tmp_path / "2023.jxzp"
    save_report(load_report(sample_report_path()), last)
    dialogs.open_paths.append(last)
    window.act_next_year.trigger()
    report = window.document.report
    assert report.year == 2024 and report.indicators[0].name == "工作计划制定健全性"
    assert report.indicators[0].actual == "" and report.budget.projects[0].initial is None
    assert window.isWindowModified() and window.document.path is None


def test_next_year_from_last_years_word_report(window, dialogs, tmp_path):
    # In the first year with the editor, last year's report is a Word file.
    last = tmp_path / "2023年自评报告.docx"
    export_report(load_report(sample_report_path()), last)
    dialogs.open_paths.append(last)
    window.act_next_year.trigger()
    assert "*.docx" in dialogs.asked[-1]
    report = window.document.report
    assert report.year == 2024 and report.department == "苏州市红十字会"
    assert report.indicators[0].name == "工作计划制定健全性" and report.indicators[0].actual == ""
    assert dialogs.errors == [] and window.isWindowModified()


def test_the_first_save_of_next_years_report_proposes_last_years_folder(window, dialogs, settings, tmp_path):
    settings.last_folder = str(tmp_path)  # the clerk last worked here
    folder = tmp_path / "2023年度"
    folder.mkdir()
    last = folder / "2023.jxzp"
    save_report(load_report(sample_report_path()), last)
    dialogs.open_paths.append(last)
    window.act_next_year.trigger()
    dialogs.save_paths.append(None)
    window.files.save_as()
    assert Path(dialogs.asked[-1].removeprefix("save_as:")).parent == folder


def test_with_no_folder_to_go_by_dialogs_start_in_documents(window, dialogs, settings, tmp_path, monkeypatch):
    monkeypatch.setattr("selfeval_gui.ui.files.documents_folder", lambda: str(tmp_path / "我的文档"))
    settings.last_folder = str(tmp_path / "已删除的文件夹")  # gone since
    dialogs.save_paths.append(None)
    window.files.save_as()
    assert Path(dialogs.asked[-1].removeprefix("save_as:")).parent == tmp_path / "我的文档"
    dialogs.open_paths.append(None)
    window.act_open.trigger()
    assert window.files.folder() == str(tmp_path / "我的文档")


def test_documents_is_a_folder_of_this_user_that_exists(tmp_path, monkeypatch):
    from selfeval_gui.ui.files import documents_folder

    monkeypatch.setenv("HOME", str(tmp_path))  # a fresh account: no Documents folder yet
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Documents"))
    assert documents_folder() == str(tmp_path)
    (tmp_path / "Documents").mkdir()
    assert documents_folder() == str(tmp_path / "Documents")


def test_new_report_is_blank_for_last_year(window):
    window.act_new.trigger()
    report = window.document.report
    assert report.department == "" and report.indicators == [] and report.year is not None
    assert not window.isWindowModified()
    assert window.pages[Table.INDICATORS].sheet.model().rowCount() == 0


def test_pasting_into_an_empty_table_adds_the_rows(qtbot, window):
    window.act_new.trigger()
    sheet = window.pages[Table.INDICATORS].sheet
    window.tabs.setCurrentWidget(window.pages[Table.INDICATORS])
    sheet.setFocus()
    QApplication.clipboard().setText("分解目标\t决策\t工作计划制定健全性\t健全\t健全\t部门预算公开\t\t\n")
    qtbot.keyClick(sheet, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in window.document.report.indicators] == ["工作计划制定健全性"]
    assert sheet.model().rowCount() == 1


def test_options_change_the_far_exceeded_threshold(window, dialogs, settings):
    assert any(f.code is Code.IND_FAR_EXCEEDED for f in window.document.findings)
    dialogs.options.append(D(200))
    window.act_options.trigger()
    assert settings.far_exceeded_threshold == D(200)
    assert not any(f.code is Code.IND_FAR_EXCEEDED for f in window.document.findings)
    settings.sync()
    assert settings.store.value("validation/far_exceeded_threshold") == "200"


def test_the_threshold_setting_is_used_by_the_next_window(make_window, settings):
    settings.far_exceeded_threshold = D(150)
    window = make_window()
    window.files.open_sample()
    assert window.document.threshold == D(150)
    assert not any(f.code is Code.IND_FAR_EXCEEDED for f in window.document.findings)


def test_the_first_start_is_maximised_and_later_ones_restore_the_window(qtbot, make_window):
    first = make_window()
    first.files.open_sample()
    first.show()
    qtbot.waitExposed(first)
    assert first.isMaximized()
    first.showNormal()
    first.resize(700, 500)  # the offscreen test screen is 800 × 800
    assert first.close()
    second = make_window()
    second.show()
    qtbot.waitExposed(second)
    assert not second.isMaximized() and (second.width(), second.height()) == (700, 500)


def test_a_window_larger_than_the_screen_now_is_restored_within_it(qtbot, make_window, settings):
    # Saved on a large monitor, opened on the laptop alone.
    probe = make_window()
    probe.setWindowState(Qt.WindowState.WindowNoState)
    probe.setGeometry(300, 200, 1800, 1100)
    settings.window_geometry = probe.saveGeometry().data()
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())


def test_a_small_window_leaves_most_of_its_height_to_the_report(qtbot, make_window, settings):
    # 150 % on a 1366 × 768 laptop, less the taskbar and the title bar: the findings list at
    # its usual twelve lines would take half of it and the table would show a row or two.
    window = make_window()
    window.files.open_sample()
    window.show()
    qtbot.waitExposed(window)
    window.showNormal()
    window.resize(911, 455)
    window.tabs.setCurrentWidget(window.pages[Table.BUDGET])
    dock, sheet = window.findings_dock, window.pages[Table.BUDGET].sheet
    qtbot.waitUntil(lambda: dock.height() <= window.height() * 0.3)
    assert sum(sheet.rowHeight(row) for row in range(6)) <= sheet.viewport().height()
    assert 3 * dock.view.rowHeight(0) <= dock.view.viewport().height()


# ---------------------------------------------------------------- autosave and recovery


def test_autosave_writes_a_recovery_copy_and_a_clean_save_removes_it(window, recovery_store, dialogs, tmp_path):
    assert not window.autosaver.save_now()  # nothing changed
    edit(window, Table.INDICATORS, 0, "source", "年报")
    assert window.autosaver.save_now()
    [copy] = recovery_store.copies()
    assert copy.original is None and copy.load().indicators[0].source == "年报"
    assert not window.autosaver.save_now()  # nothing new since
    dialogs.save_paths.append(tmp_path / "保存后.jxzp")
    window.files.save()
    assert recovery_store.copies() == []


def test_autosave_runs_on_its_timer(qtbot, make_window, recovery_store):
    window = make_window(autosave_ms=50)
    window.files.open_sample()
    edit(window, Table.INDICATORS, 0, "source", "年报")
    qtbot.waitUntil(lambda: len(recovery_store.copies()) == 1, timeout=2000)


def test_the_recovery_offer_comes_before_anything_is_opened(make_window, recovery_store, dialogs, tmp_path):
    crashed = load_report(sample_report_path())
    crashed.department = "崩溃前未保存的内容"
    recovery_store.write(key_for(None), crashed, None)
    window = make_window()
    open_when_asked = []
    ask = dialogs.ask_recover
    dialogs.ask_recover = lambda parent, copy: open_when_asked.append(window.document.report.department) or ask(
        parent, copy)
    dialogs.recover_answers.append(True)
    assert window.files.start(None)
    assert open_when_asked == [""]  # not over the sample: nothing was open yet
    assert window.document.report.department == "崩溃前未保存的内容" and window.isWindowModified()


def test_declining_the_recovery_at_start_opens_the_sample_or_the_file(make_window, recovery_store, dialogs, tmp_path):
    recovery_store.write(key_for(None), load_report(sample_report_path()), None)
    window = make_window()
    dialogs.recover_answers.append(False)
    assert window.files.start(None)
    assert window.document.display_name.startswith("示例报告") and recovery_store.copies() == []
    path = tmp_path / "报告.jxzp"
    save_report(load_report(sample_report_path()), path)
    other = make_window()
    assert other.files.start(path) and other.document.path == path  # nothing to offer: the file


def test_a_copy_left_by_a_crash_is_offered_and_recovered(make_window, recovery_store, dialogs):
    crashed = load_report(sample_report_path())
    crashed.department = "崩溃前未保存的内容"
    recovery_store.write(key_for(None), crashed, None)  # as a window that died would leave it
    window = make_window()
    window.files.open_sample()
    dialogs.recover_answers.append(True)
    window.files.offer_recovery()
    assert window.document.report.department == "崩溃前未保存的内容"
    assert window.isWindowModified() and recovery_store.copies() == []
    # Never saved: known by its department, in the title and in what the status bar says.
    assert window.document.display_name == "崩溃前未保存的内容（恢复）"
    assert "已恢复“崩溃前未保存的内容”（尚未保存过的报告）上次未保存的内容" in window.statusBar().currentMessage()


def test_declining_recovery_deletes_the_copy(make_window, recovery_store, dialogs):
    recovery_store.write(key_for(None), load_report(sample_report_path()), None)
    window = make_window()
    window.files.open_sample()
    dialogs.recover_answers.append(False)
    window.files.offer_recovery()
    assert recovery_store.copies() == [] and window.document.report.department == "苏州市红十字会"


def test_a_copy_of_a_window_still_running_is_left_alone(make_window, recovery_store):
    running = make_window()
    running.files.open_sample()
    edit(running, Table.INDICATORS, 0, "source", "另一个窗口")
    assert running.autosaver.save_now()
    other = make_window()
    other.files.open_sample()
    assert other.autosaver.orphans() == []
    other.files.offer_recovery()  # asks nothing (the scripted dialogs would record it)


def test_opening_a_file_with_a_newer_recovery_copy_offers_it(make_window, recovery_store, dialogs, tmp_path):
    path = tmp_path / "报告.jxzp"
    report = load_report(sample_report_path())
    save_report(report, path)
    os.utime(path, (0, 0))
    report.department = "自动保存的版本"
    recovery_store.write(key_for(path), report, path)
    window = make_window()
    dialogs.recover_answers.append(True)
    assert window.files.open_path(path)
    assert window.document.report.department == "自动保存的版本"
    assert window.document.path == path and window.isWindowModified()


# ---------------------------------------------------------------- the application


def test_qt_dialogs_speak_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    from selfeval_gui.app import install_translator

    assert install_translator(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "保存"


def _run_gui(*args: str, env_extra: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "selfeval_gui", *args], capture_output=True, text=True,
                          timeout=60, env=env, cwd=cwd)


@pytest.mark.parametrize("with_file", [False, True])
def test_exit_after_show_opens_validates_paints_and_exits_0(tmp_path, with_file):
    home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}
    args = ["--exit-after-show"]
    if with_file:
        path = tmp_path / "命令行打开.jxzp"
        save_report(load_report(sample_report_path()), path)
        args.append(str(path))
    result = _run_gui(*args, env_extra=home)
    assert result.returncode == 0, result.stderr


def test_exit_after_show_fails_for_an_unreadable_file(tmp_path):
    home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}
    result = _run_gui("--exit-after-show", str(tmp_path / "没有.jxzp"), env_extra=home)
    assert result.returncode == 2


CRASHING_WINDOW = """
import os, sys
from pathlib import Path
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report
from selfeval_gui.storage.recovery import RecoveryStore
store = RecoveryStore(Path(sys.argv[1]))
store.folder.mkdir(parents=True, exist_ok=True)
assert store.lock(sys.argv[2]).acquire() is None
report = load_report(sample_report_path())
report.department = "断电前的内容"
store.write(sys.argv[2], report, None)
os.kill(os.getpid(), 9)  # a crash: no clean-up at all, the lock file stays
"""


def test_a_window_killed_mid_work_leaves_a_copy_that_is_recovered(make_window, recovery_store, dialogs):
    key = key_for(None)
    died = subprocess.run([sys.executable, "-c", CRASHING_WINDOW, str(recovery_store.folder), key], timeout=60)
    assert died.returncode == -9
    assert recovery_store.lock(key).path.exists()  # left behind by the dead process
    window = make_window()
    window.files.open_sample()
    dialogs.recover_answers.append(True)
    window.files.offer_recovery()
    assert window.document.report.department == "断电前的内容"
    assert recovery_store.copies() == [] and not recovery_store.lock(key).path.exists()
