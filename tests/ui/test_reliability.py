"""Nothing lost, nothing hangs, as a clerk meets it: two windows on one report, a file changed
or made read-only behind the editor's back, recovery copies that cannot be loaded, a recovery
folder that cannot be written, and pastes far larger than a report."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from benchmarks.hostile_inputs import clipboard_rows
from selfeval_gui.domain import edits
from selfeval_gui.domain.edits import CellRef
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.submission import time_text
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage import atomic
from selfeval_gui.storage.lockfile import edit_lock_path
from selfeval_gui.storage.projectfile import backup_path, load_report, save_report
from selfeval_gui.storage.recovery import SET_ASIDE_FOLDER, key_for
from selfeval_gui.ui.dialogs import QtDialogs
from selfeval_gui.ui.models import MAX_SHOWN_CHARS, Role
from tests.ui.helpers import clipboard, set_clipboard

TAKE_AND_DIE = """
import os, sys
from pathlib import Path
from selfeval_gui.storage.lockfile import LockFile, edit_lock_path
assert LockFile(edit_lock_path(Path(sys.argv[1])), hidden=True).acquire() is None
os.kill(os.getpid(), 9)
"""


def edit(window, table, row, column, text):
    assert window.document.edit_cell(CellRef(table, row, column), text)


@pytest.fixture
def report_file(tmp_path) -> Path:
    path = tmp_path / "红十字会2023.jxzp"
    save_report(load_report(sample_report_path()), path)
    return path


def _changed_by_another_program(path: Path, department: str) -> bytes:
    report = load_report(path)
    report.department = department
    save_report(report, path)
    return path.read_bytes()


# ---------------------------------------------------------------- two windows, one report


def test_a_second_window_is_told_who_has_the_report_and_may_open_it_read_only(make_window, dialogs,
                                                                               report_file, tmp_path):
    first = make_window()
    assert first.files.open_path(report_file)
    assert edit_lock_path(report_file).exists()
    before = report_file.read_bytes()
    second = make_window()
    dialogs.in_use_answers.append("read_only")
    assert second.files.open_path(report_file)
    assert dialogs.asked[-1].startswith(f"in_use:{report_file.name}:本机的另一个窗口")
    assert "（只读）" in second.windowTitle()
    edit(second, Table.OVERVIEW, None, "department", "第二个窗口的修改")
    copy = tmp_path / "红十字会2023（副本）.jxzp"
    dialogs.save_paths.append(copy)
    assert second.files.save()  # a read-only report is saved as another file
    assert dialogs.asked[-1] == f"save_as:{copy}"
    assert report_file.read_bytes() == before
    assert load_report(copy).department == "第二个窗口的修改"
    assert second.document.path == copy and "（只读）" not in second.windowTitle()
    assert edit_lock_path(copy).exists()


@pytest.mark.parametrize("answer", ["copy", "edit", "cancel"])
def test_the_other_answers_to_a_report_in_use(make_window, dialogs, report_file, answer):
    first = make_window()
    first.files.open_path(report_file)
    second = make_window()
    second.files.open_sample()
    dialogs.in_use_answers.append(answer)
    assert second.files.open_path(report_file) is (answer != "cancel")
    if answer == "copy":
        assert second.document.path is None and second.document.modified
        assert second.windowTitle().startswith("红十字会2023（副本）")
    elif answer == "edit":
        assert second.document.path == report_file and "（只读）" not in second.windowTitle()
    else:
        assert second.windowTitle().startswith("示例报告")


def test_closing_the_window_gives_the_report_back(make_window, dialogs, report_file):
    first = make_window()
    first.files.open_path(report_file)
    first.close()
    assert not edit_lock_path(report_file).exists()
    second = make_window()
    assert second.files.open_path(report_file)  # no question


def test_a_lock_left_by_a_window_that_was_killed_is_no_obstacle(make_window, report_file):
    died = subprocess.run([sys.executable, "-c", TAKE_AND_DIE, str(report_file)], timeout=60)
    assert died.returncode == -9 and edit_lock_path(report_file).exists()
    window = make_window()
    assert window.files.open_path(report_file)  # the scripted dialogs would record a question


def test_two_windows_editing_one_report_never_overwrite_each_other_silently(make_window, dialogs, report_file):
    """The failure as found: both windows edit, both save; the second save used to replace the
    first's work without a word."""
    first = make_window()
    first.files.open_path(report_file)
    second = make_window()
    dialogs.in_use_answers.append("edit")
    second.files.open_path(report_file)
    edit(first, Table.OVERVIEW, None, "department", "第一个窗口的修改")
    assert first.files.save()
    edit(second, Table.OVERVIEW, None, "city", "无锡市")
    dialogs.conflict_answers.append("cancel")
    assert not second.files.save()
    assert dialogs.asked[-1] == f"changed_on_disk:{report_file.name}:{backup_path(report_file).name}"
    assert load_report(report_file).department == "第一个窗口的修改"


# ---------------------------------------------------------------- changed behind the editor's back


def test_saving_over_a_file_another_program_changed_asks_and_overwrite_keeps_theirs_as_backup(
        make_window, dialogs, report_file):
    window = make_window()
    window.files.open_path(report_file)
    theirs = _changed_by_another_program(report_file, "另一个程序的修改")
    edit(window, Table.OVERVIEW, None, "city", "无锡市")
    dialogs.conflict_answers.append("overwrite")
    assert window.files.save()
    assert load_report(report_file).city == "无锡市"
    assert backup_path(report_file).read_bytes() == theirs
    edit(window, Table.OVERVIEW, None, "city", "常州市")
    assert window.files.save()  # what this window saved is what it knows: no question now
    assert [a for a in dialogs.asked if a.startswith("changed_on_disk")] == [
        f"changed_on_disk:{report_file.name}:{backup_path(report_file).name}"]


def test_reload_takes_the_file_as_it_is_now(make_window, dialogs, report_file):
    window = make_window()
    window.files.open_path(report_file)
    _changed_by_another_program(report_file, "另一个程序的修改")
    edit(window, Table.OVERVIEW, None, "city", "无锡市")
    dialogs.conflict_answers.append("reload")
    assert not window.files.save()
    assert window.document.report.department == "另一个程序的修改"
    assert window.document.report.city == "苏州市" and not window.document.modified


def test_save_as_a_copy_leaves_their_file_alone(make_window, dialogs, report_file):
    window = make_window()
    window.files.open_path(report_file)
    theirs = _changed_by_another_program(report_file, "另一个程序的修改")
    edit(window, Table.OVERVIEW, None, "city", "无锡市")
    dialogs.conflict_answers.append("copy")
    copy = report_file.with_name("红十字会2023（副本）.jxzp")
    dialogs.save_paths.append(copy)
    assert window.files.save()
    assert dialogs.asked[-1] == f"save_as:{copy}"
    assert report_file.read_bytes() == theirs and load_report(copy).city == "无锡市"


def test_a_file_only_touched_or_deleted_saves_without_a_question(make_window, report_file):
    window = make_window()
    window.files.open_path(report_file)
    os.utime(report_file, (1, 1))  # copied back by a backup program: same content
    edit(window, Table.OVERVIEW, None, "city", "无锡市")
    assert window.files.save()
    report_file.unlink()  # moved away: saving puts it back
    edit(window, Table.OVERVIEW, None, "city", "常州市")
    assert window.files.save() and load_report(report_file).city == "常州市"


def test_a_read_only_file_is_replaced_only_when_the_clerk_says_so(make_window, dialogs, report_file):
    report_file.chmod(0o444)
    before = report_file.read_bytes()
    window = make_window()
    window.files.open_path(report_file)
    edit(window, Table.OVERVIEW, None, "city", "无锡市")
    dialogs.read_only_answers.append("cancel")
    assert not window.files.save() and report_file.read_bytes() == before
    dialogs.read_only_answers.append("overwrite")
    assert window.files.save() and load_report(report_file).city == "无锡市"
    edit(window, Table.OVERVIEW, None, "city", "常州市")
    assert window.files.save()  # asked once while it is open
    assert [a for a in dialogs.asked if a.startswith("read_only")] == [f"read_only:{report_file.name}"] * 2
    assert stat.S_IMODE(report_file.stat().st_mode) == 0o444


# ---------------------------------------------------------------- recovery never blocks


def _newer_version_copy(store, key, original=None):
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / f"{key}.jxzp").write_text(
        '{"format": "selfeval-gui/report", "schema_version": 99, "app_version": "9.0", "report": {}}',
        encoding="utf-8")
    (store.folder / f"{key}.json").write_text(
        '{"original": %s, "saved_at": "2099-01-01T00:00:00+08:00"}' % ("null" if original is None else 123),
        encoding="utf-8")


def test_a_copy_that_cannot_be_loaded_is_set_aside_once_and_older_ones_are_offered(make_window, dialogs,
                                                                                    recovery_store):
    older = load_report(sample_report_path())
    older.department = "从未保存过的报告"
    recovery_store.write(key_for(None), older, None)
    _newer_version_copy(recovery_store, key_for(None))
    window = make_window()
    window.files.open_sample()
    dialogs.recover_answers.append(True)
    window.files.offer_recovery()
    [(title, text)] = dialogs.warnings
    assert title == "无法恢复" and "较新版本" in text and str(recovery_store.folder / SET_ASIDE_FOLDER) in text
    assert window.document.report.department == "从未保存过的报告"
    window.document.undo_stack.setClean()
    again = make_window()
    again.files.open_sample()
    again.files.offer_recovery()  # nothing left to say, nothing to ask
    assert len(dialogs.warnings) == 1


def test_bad_descriptions_do_not_stop_the_editor(make_window, dialogs, recovery_store):
    """`"original": 123` and times with and without a zone used to raise TypeError at every
    start and every open."""
    first = load_report(sample_report_path())
    first.department = "说明被改坏的副本"
    key = key_for(None)
    recovery_store.write(key, first, None)
    (recovery_store.folder / f"{key}.json").write_text('{"original": 123, "saved_at": "2024-05-03T09:12:00"}',
                                                      encoding="utf-8")
    recovery_store.write(key_for(None), load_report(sample_report_path()), None)  # with a time zone
    window = make_window()
    window.files.open_sample()
    dialogs.recover_answers.extend([False, True])
    window.files.offer_recovery()
    assert window.document.report.department == "说明被改坏的副本"
    assert recovery_store.copies() == []


def test_opening_a_file_whose_copy_cannot_be_loaded_opens_the_file(make_window, dialogs, recovery_store,
                                                                  report_file):
    _newer_version_copy(recovery_store, key_for(report_file))
    (recovery_store.folder / f"{key_for(report_file)}.json").write_text(
        f'{{"original": "{report_file.as_posix()}", "saved_at": "2099-01-01T00:00:00+08:00"}}', encoding="utf-8")
    window = make_window()
    assert window.files.open_path(report_file)
    assert window.document.report == load_report(report_file)
    assert [t for t, _ in dialogs.warnings] == ["无法恢复"]


def _answer_with(button_text: str, shown: list) -> None:
    """Click the button of the message box about to open, once it is open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append((box.windowTitle(), box.text(), box.informativeText()))
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


def test_the_real_recovery_question_shows_the_note_in_chinese(qapp, recovery_store):
    key = key_for(None)
    recovery_store.write(key, load_report(sample_report_path()), None)
    (recovery_store.folder / f"{key}.json").unlink()
    [copy] = recovery_store.copies()
    shown: list = []
    _answer_with("放弃", shown)
    assert QtDialogs().ask_recover(None, copy) is False
    [(title, text, informative)] = shown
    assert title == "恢复未保存的内容" and "一份尚未保存过的报告" in text and "缺少说明文件" in informative
    assert f"（自动保存于 {time_text(copy.saved_at)}）" in text


@pytest.mark.parametrize(
    ("question", "button", "answer", "says"),
    [
        (lambda d: d.ask_changed_on_disk(None, "报告.jxzp", "报告.jxzp.bak"), "另存为副本…", "copy", "报告.jxzp.bak"),
        (lambda d: d.ask_changed_on_disk(None, "报告.jxzp", "报告.jxzp.bak"), "覆盖保存", "overwrite", "覆盖"),
        (lambda d: d.ask_changed_on_disk(None, "报告.jxzp", "报告.jxzp.bak"), "重新载入（放弃本窗口的修改）", "reload",
         "其他窗口或程序"),
        (lambda d: d.ask_in_use(None, "报告.jxzp", "用户“张三”在电脑“PC-01”上"), "只读打开", "read_only", "张三"),
        (lambda d: d.ask_in_use(None, "报告.jxzp", "本机的另一个窗口"), "打开副本", "copy", "另一个窗口"),
        (lambda d: d.ask_in_use(None, "报告.jxzp", "本机的另一个窗口"), "仍要编辑", "edit", "只读打开"),
        (lambda d: d.ask_read_only_file(None, "定稿.jxzp"), "另存为…", "copy", "只读"),
        (lambda d: d.ask_read_only_file(None, "定稿.jxzp"), "仍然保存", "overwrite", "仍是只读"),
        (lambda d: d.confirm_large_paste(None, 100_000, 4_288_890), "粘贴", True, "100,000 行"),
        (lambda d: d.ask_save_changes(None, "报告.jxzp"), "保存(&S)", "save", "是否保存"),
        (lambda d: d.ask_save_changes(None, "报告.jxzp"), "不保存(&D)", "discard", "修改将会丢失"),
    ],
)
def test_the_real_questions_speak_chinese_and_mean_their_buttons(qapp, question, button, answer, says):
    shown: list = []
    _answer_with(button, shown)
    assert question(QtDialogs()) == answer
    [(title, text, informative)] = shown
    assert says in text + informative and title


# ---------------------------------------------------------------- a recovery folder that cannot be written


def test_an_unwritable_recovery_folder_is_said_once_and_recovery_resumes_when_fixed(make_window, dialogs,
                                                                                   recovery_store, report_file):
    recovery_store.folder.write_text("不是文件夹", encoding="utf-8")
    window = make_window()
    window.files.open_path(report_file)
    edit(window, Table.OVERVIEW, None, "city", "无锡市")
    assert not window.autosaver.save_now()
    [(title, text)] = dialogs.warnings
    assert title == "自动恢复已关闭"
    assert f"“{report_file.name}”" in text and "是一个文件，不是文件夹" in text
    assert "Word" not in text and "file-" not in text and "原文件未受影响" not in text
    assert window.recovery_off.isVisibleTo(window)
    edit(window, Table.OVERVIEW, None, "city", "常州市")
    assert not window.autosaver.save_now()
    other = make_window()
    other.files.open_sample()
    edit(other, Table.OVERVIEW, None, "city", "南京市")
    assert not other.autosaver.save_now()
    assert len(dialogs.warnings) == 1  # once per run of the application
    recovery_store.folder.unlink()
    assert window.autosaver.save_now()
    assert not window.recovery_off.isVisibleTo(window)
    assert "重新开启" in window.statusBar().currentMessage()


def test_a_full_disk_is_not_blamed_on_word_and_names_the_report(make_window, dialogs, recovery_store,
                                                               monkeypatch):
    window = make_window()
    window.files.open_sample()
    edit(window, Table.OVERVIEW, None, "city", "无锡市")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    assert not window.autosaver.save_now()
    [(_, text)] = dialogs.warnings
    assert "磁盘空间不足" in text and "示例报告" in text
    assert "Word" not in text and "untitled-" not in text and "原文件未受影响" not in text


# ---------------------------------------------------------------- pastes far larger than a report


def _indicators(window):
    window.tabs.setCurrentWidget(window.pages[Table.INDICATORS])
    sheet = window.pages[Table.INDICATORS].sheet
    sheet.setCurrentIndex(sheet.model().index(0, 0))
    return sheet


def test_a_huge_paste_asks_first_and_declined_changes_nothing(window, dialogs):
    sheet = _indicators(window)
    set_clipboard(clipboard_rows(5000))
    dialogs.large_paste_answers.append(False)
    sheet.paste()
    assert dialogs.asked[-1].startswith("large_paste:5000:")
    assert sheet.model().rowCount() == 45 and not window.document.modified


def test_a_huge_paste_runs_with_progress_and_can_be_undone(window, dialogs):
    sheet = _indicators(window)
    set_clipboard(clipboard_rows(5000))
    dialogs.large_paste_answers.append(True)
    sheet.paste()
    assert sheet.model().rowCount() == 5000
    assert dialogs.progress_steps[0] == (0, 5000) and len(dialogs.progress_steps) == 5000 // edits.PROGRESS_STEP
    assert "已粘贴 5,000 行，新增 4,955 行" in window.statusBar().currentMessage()
    window.document.undo_stack.undo()
    assert sheet.model().rowCount() == 45


def test_a_huge_paste_can_be_cancelled_with_nothing_changed(window, dialogs):
    sheet = _indicators(window)
    set_clipboard(clipboard_rows(5000))
    dialogs.large_paste_answers.append(True)
    dialogs.cancel_after = 2
    sheet.paste()
    assert sheet.model().rowCount() == 45 and not window.document.modified
    assert "已取消粘贴" in window.statusBar().currentMessage()


def test_beyond_the_most_a_paste_may_hold_nothing_is_asked_or_pasted(window, dialogs):
    sheet = _indicators(window)
    set_clipboard("x\n" * (edits.MAX_PASTE_ROWS + 1))
    sheet.paste()
    assert sheet.model().rowCount() == 45
    assert f"{edits.MAX_PASTE_ROWS:,} 行" in window.statusBar().currentMessage()


def test_a_million_blank_lines_add_no_rows(window, dialogs):
    sheet = _indicators(window)
    sheet.setCurrentIndex(sheet.model().index(44, 2))
    set_clipboard("新的指标\n" + "\n" * 1_000_000)
    sheet.paste()
    assert sheet.model().rowCount() == 45
    assert window.document.report.indicators[44].name == "新的指标"
    assert "末尾的 1,000,000 个空行没有粘贴" in window.statusBar().currentMessage()


def test_a_giant_cell_is_shown_in_part_and_copied_whole(window, dialogs):
    sheet = _indicators(window)
    giant = "开展救护培训，普及应急救护知识。" * 100_000
    sheet.select_block(0, 7, 44, 7)
    set_clipboard(giant)
    dialogs.large_paste_answers.append(True)
    sheet.paste()
    index = sheet.model().index(3, 7)
    assert len(index.data()) < MAX_SHOWN_CHARS + 20 and index.data(Role.TEXT) == giant
    sheet.select_block(3, 7, 3, 7)
    sheet.copy()
    assert clipboard() == giant


def test_a_long_table_fits_the_rows_in_view_not_all_of_them(window, dialogs):
    sheet = _indicators(window)
    long_name = "很长的指标名称" * 30
    set_clipboard("".join(f"分解目标\t产出\t{long_name}{i}\t>=1个\t1个\n" for i in range(3000)))
    dialogs.large_paste_answers.append(True)
    sheet.paste()
    QApplication.processEvents()
    default = sheet.verticalHeader().defaultSectionSize()
    assert sheet.rowHeight(1) > default  # in view: fitted to its long name
    assert sheet.rowHeight(2900) == default  # far below: not yet
    sheet.scrollTo(sheet.model().index(2900, 2))
    QApplication.processEvents()
    assert sheet.rowHeight(2900) > default
