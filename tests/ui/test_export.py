"""导出 Word / 导出 Excel from the editor: the findings first, then the file, never a loss."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from selfeval_gui.importers import import_report
from selfeval_gui.storage import atomic


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_export_shows_the_findings_then_writes_a_file_that_imports_back(window, dialogs, tmp_path, suffix, opened):
    dialogs.export_confirmations.append(True)
    dialogs.save_paths.append(tmp_path / f"报告{suffix}")
    dialogs.export_follow_ups.append("folder")
    assert window.files.export(suffix)
    summary = dialogs.export_summaries[0]
    assert "9 个错误、8 个警告" in summary and "预算信息 第3行" in summary
    suggested = next(q for q in dialogs.asked if q.startswith("save_as:"))
    assert suggested.endswith(f"苏州市红十字会2023年度部门整体支出绩效自评报告{suffix}")
    assert import_report(tmp_path / f"报告{suffix}").report == window.document.report
    what = {".docx": "导出 Word 文档", ".xlsx": "导出 Excel 工作簿"}[suffix]  # as the menu names it
    assert dialogs.titles == [what, what]
    assert opened == [str(tmp_path)]
    assert window.settings.export_folder == str(tmp_path)


def test_going_back_to_fix_the_findings_writes_nothing(window, dialogs, tmp_path):
    dialogs.export_confirmations.append(False)
    assert not window.files.export(".docx")
    assert not list(tmp_path.rglob("*.docx"))
    assert not any(q.startswith("save_as:") for q in dialogs.asked)


def test_a_report_without_errors_or_warnings_is_exported_without_asking(window, dialogs, tmp_path, opened):
    report = window.document.report.model_copy(deep=True)
    report.indicators.clear()
    report.duties.clear()
    report.budget.projects.clear()
    window.document.replace(report, None)
    assert not [f for f in window.document.findings if f.severity.value != "info"]
    dialogs.save_paths.append(tmp_path / "无后缀")
    dialogs.export_follow_ups.append("file")
    assert window.files.export(".xlsx")
    assert dialogs.export_summaries == []
    assert (tmp_path / "无后缀.xlsx").is_file()
    assert opened == [str(tmp_path / "无后缀.xlsx")]


def test_a_file_open_in_word_is_explained_and_left_as_it_was(window, dialogs, tmp_path, monkeypatch):
    (tmp_path / "exports").mkdir()
    target = tmp_path / "exports" / "报告.docx"
    target.write_bytes(b"last week's export")

    def locked(src, dst):
        error = PermissionError(13, "Permission denied")
        error.winerror = 32  # Windows' sharing violation: Word has the file open
        raise error

    monkeypatch.setattr(atomic.os, "replace", locked)
    dialogs.export_confirmations.append(True)
    dialogs.save_paths.append(target)
    assert not window.files.export(".docx")
    title, text = dialogs.errors[0]
    assert title == "导出失败" and "其他程序" in text
    assert target.read_bytes() == b"last week's export"
    assert [p.name for p in target.parent.iterdir()] == ["报告.docx"]
    assert dialogs.export_notes == []


def test_the_export_actions_are_in_the_file_menu_with_shortcuts(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "导出 Word 文档(&W)…" in texts and "导出 Excel 工作簿(&E)…" in texts
    assert window.act_export_docx.shortcut().toString() == "Ctrl+E"


def test_the_export_notes_are_in_the_message_not_hidden(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from selfeval_gui.ui.dialogs import QtDialogs

    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    notes = [f"第{i}条说明" for i in range(1, 8)]
    assert QtDialogs().export_done(None, Path("报告.docx"), notes[:2]) == "close"
    assert "第1条说明" in boxes[0].informativeText() and "第2条说明" in boxes[0].informativeText()
    assert boxes[0].detailedText() == ""
    QtDialogs().export_done(None, Path("报告.docx"), notes)
    assert "第5条说明" in boxes[1].informativeText() and "第6条说明" not in boxes[1].informativeText()
    assert "另有 2 条" in boxes[1].informativeText()
    assert boxes[1].detailedText().splitlines() == notes
