"""导出 PDF, 打印预览 and 打印 (Ctrl+P): the pages of the Word export, table 9 landscape."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from selfeval_gui.exporters.layout import report_layout
from selfeval_gui.exporters.typeset import typeset


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def _pages(path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-l", "-1", str(path)], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def _landscape(window) -> list[bool]:
    return [box.page.landscape for box in typeset(report_layout(window.document.report)[0]).pages]


def test_the_file_menu_has_pdf_preview_and_print(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"导出 PDF 文档(&D)…", "打印预览(&V)…", "打印(&P)…"} <= set(texts)
    assert texts.index("导出 Word 文档(&W)…") < texts.index("导出 PDF 文档(&D)…") < texts.index("打印预览(&V)…")
    assert window.act_print.shortcut().toString() == "Ctrl+P"


def test_export_pdf_writes_the_pages_of_the_report(window, dialogs, tmp_path, opened):
    dialogs.export_confirmations.append(True)
    dialogs.save_paths.append(tmp_path / "报告")
    dialogs.export_follow_ups.append("file")
    assert window.files.export(".pdf")
    target = tmp_path / "报告.pdf"
    assert [w > h for w, h in _pages(target)] == _landscape(window)
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True).stdout
    assert "苏州市红十字会" in text and "部门整体自评表" in text
    suggested = next(q for q in dialogs.asked if q.startswith("save_as:"))
    assert suggested.endswith("苏州市红十字会2023年度部门整体支出绩效自评报告.pdf")
    assert opened == [str(target)]
    assert any("小标题" in note for note in dialogs.export_notes[0][1])


def test_print_sends_every_page_turned_as_it_is(window, dialogs, tmp_path):
    dialogs.print_to.append(tmp_path / "printed.pdf")
    assert window.files.print_document()
    assert dialogs.asked[-1] == f"print:{len(_landscape(window))}"
    assert [w > h for w, h in _pages(tmp_path / "printed.pdf")] == _landscape(window)
    assert "printed.pdf" in window.statusBar().currentMessage()


def test_print_of_some_pages_sends_those(window, dialogs, tmp_path):
    landscape = _landscape(window)
    first = landscape.index(True)
    dialogs.print_to.append((tmp_path / "some.pdf", first, first + 1))  # the last portrait page, the first landscape
    assert window.files.print_document()
    assert [w > h for w, h in _pages(tmp_path / "some.pdf")] == [False, True]


def test_cancelling_the_print_dialog_prints_nothing(window, dialogs, tmp_path):
    dialogs.print_to.append(None)
    assert not window.files.print_document()
    assert not list(tmp_path.iterdir())


def test_the_preview_shows_every_page_turned_as_it_prints_and_prints_from_there(qtbot, window, dialogs, tmp_path):
    window.act_print_preview.trigger()
    [preview] = dialogs.previews
    qtbot.addWidget(preview)
    items = preview.view.page_items
    assert [item.page.page.landscape for item in items] == _landscape(window)
    assert all(item.boundingRect().width() > item.boundingRect().height() for item in items if item.page.page.landscape)
    preview.resize(1000, 700)
    preview.show()
    qtbot.waitExposed(preview)
    assert f"共 {len(items)} 页" in preview.position.text()
    preview.view.show_page(len(items) - 1)
    assert preview.view.current_page() == len(items) - 1
    assert not preview.grab().isNull()  # every page in view is painted
    dialogs.print_to.append(tmp_path / "from-preview.pdf")
    preview._print_and_close()
    assert (tmp_path / "from-preview.pdf").is_file() and preview.result() == preview.DialogCode.Accepted


def test_the_preview_opens_at_the_first_page_and_ctrl_home_and_end_go_to_the_first_and_last(qtbot, window, dialogs):
    window.act_print_preview.trigger()
    [preview] = dialogs.previews
    qtbot.addWidget(preview)
    last = len(preview.view.page_items) - 1
    preview.resize(1000, 700)
    preview.show()
    preview.activateWindow()  # as the dialog, opened modal, is
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    bar = preview.view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.minimum()  # the title page's top, not the middle
    assert preview.view.current_page() == 0 and "第 1 页" in preview.position.text()
    qtbot.keyClick(preview.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.current_page() == last and f"第 {last + 1} 页" in preview.position.text()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    assert preview.view.current_page() == last - 1
    qtbot.keyClick(preview.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.current_page() == 0 and bar.value() == bar.minimum()


def test_ctrl_p_prints(qtbot, window, dialogs):
    dialogs.print_to.append(None)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.asked[-1].startswith("print:")
