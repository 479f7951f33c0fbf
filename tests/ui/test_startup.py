"""Start-up: the window's frame (menus, tabs, status bar) is on screen before pydantic and the
report model load; then the report's parts fill the same window, without loading printing,
the exporters or their libraries, which wait until they are asked for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from selfeval_gui.domain.findings import Table
from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.main_window import MainWindow
from selfeval_gui.ui.settings import Settings
from tests.ui.helpers import ScriptedDialogs

MENUS = ["文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "帮助(&H)"]

#: `selfeval-gui` with each paint of `app._paint_once` recorded: what the window showed, which
#: of the heavy libraries had loaded by then and whether the installed distributions' entry
#: points had been searched (pydantic's search for plugins).
RECORD_PAINTS = """
import importlib.metadata, json, sys
from PySide6.QtWidgets import QTabWidget
from selfeval_gui import app

searched = []
search = importlib.metadata.entry_points
importlib.metadata.entry_points = lambda **kw: searched.append(kw) or search(**kw)
paints = []
paint_once = app._paint_once

def recording(qapp, window, timeout=10):
    paint_once(qapp, window, timeout)
    tabs = next(t for t in window.findChildren(QTabWidget) if t.isVisible())
    paints.append({
        "window": id(window),
        "exposed": window.windowHandle().isExposed(),
        "menus": [action.text() for action in window.menuBar().actions()],
        "tabs": [tabs.tabText(i) for i in range(tabs.count())],
        "loaded": [name for name in ("pydantic", "PySide6.QtPrintSupport", "selfeval_gui.exporters",
                                     "selfeval_gui.exporters.typeset", "docx", "openpyxl") if name in sys.modules],
        "department": window.document.report.department if window.attached else None,
        "searched": searched,
    })

app._paint_once = recording
status = app.main(sys.argv[1:])
print(json.dumps(paints, ensure_ascii=False))
sys.exit(status)
"""


#: `selfeval-gui` started as a clerk starts it after a crash: the question about the copy left
#: behind is answered 恢复 and what the window showed then is recorded; once the editor runs, the
#: window is closed (its unsaved changes discarded).
RECOVER_AT_START = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from selfeval_gui import app
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report
from selfeval_gui.storage.recovery import RecoveryStore, key_for
from selfeval_gui.ui.dialogs import QtDialogs

app.create_application([])
crashed = load_report(sample_report_path())
crashed.department = "断电前的内容"
RecoveryStore(app.recovery_folder()).write(key_for(None), crashed, None)
seen = []
QTimer.singleShot(10_000, QApplication.closeAllWindows)  # a start that asks nothing ends too

def ask_recover(self, parent, copy):
    seen.append({"repainting": parent.updatesEnabled(), "department": parent.document.report.department})
    QTimer.singleShot(0, parent.close)
    return True

def ask_save_changes(self, parent, name):
    seen.append({"closing": parent.document.report.department})
    return "discard"

QtDialogs.ask_recover = ask_recover
QtDialogs.ask_save_changes = ask_save_changes
status = app.main([])
print(json.dumps(seen, ensure_ascii=False))
sys.exit(status)
"""


def _run(tmp_path: Path, script: str, *args: str) -> tuple[int, list[dict[str, object]]]:
    env = {**{k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"},
           "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def test_the_frame_is_painted_before_pydantic_loads_and_the_report_fills_the_same_window(tmp_path):
    status, paints = _run(tmp_path, RECORD_PAINTS, "--exit-after-show")
    assert status == 0
    frame, report = paints
    assert frame["exposed"] and frame["menus"] == MENUS and frame["tabs"] == [t.label for t in Table]
    assert frame["loaded"] == [] and frame["department"] is None
    assert report["window"] == frame["window"] and report["tabs"] == frame["tabs"]
    assert report["loaded"] == ["pydantic"] and report["department"] == "苏州市红十字会"
    assert report["searched"] == []  # no pydantic plugins are looked for: the editor uses none


def test_exit_after_window_leaves_after_the_frame_without_loading_the_report_model(tmp_path):
    status, paints = _run(tmp_path, RECORD_PAINTS, "--exit-after-window")
    assert status == 0
    [frame] = paints
    assert frame["exposed"] and frame["menus"] == MENUS and frame["loaded"] == []


def test_after_a_crash_the_copy_is_offered_over_the_frame_before_anything_is_opened(tmp_path):
    status, seen = _run(tmp_path, RECOVER_AT_START)
    assert status == 0
    # Asked with nothing open, the window kept as first painted (no empty report behind the
    # question); then the copy was opened.
    assert seen == [{"repainting": False, "department": ""}, {"closing": "断电前的内容"}]


@pytest.fixture
def make_frame(qtbot, settings: Settings, dialogs: ScriptedDialogs) -> Iterator[Callable[[], MainWindow]]:
    """The window's frame alone, as `app.main` first shows it."""
    frames: list[MainWindow] = []

    def make() -> MainWindow:
        frame = MainWindow(settings)
        frames.append(frame)
        frame.show()
        qtbot.waitExposed(frame)
        return frame

    yield make
    for frame in frames:
        if frame.attached:
            frame.document.undo_stack.setClean()  # closing need not ask
            frame.close()
        frame.deleteLater()
    assert dialogs.unexpected == []


def test_the_report_fills_the_frame_as_the_window_made_at_once_has_it(
        qtbot, make_frame, make_window, dialogs, recovery_store: RecoveryStore):
    frame = make_frame()
    # A first start: maximised.
    qtbot.waitUntil(lambda: frame.frameGeometry() == frame.screen().availableGeometry())
    geometry = frame.geometry()
    assert frame.statusBar().currentMessage() == "正在打开……"
    assert [menu.text() for menu in frame.menuBar().actions()] == MENUS
    frame.attach(dialogs, recovery_store)
    frame.files.open_sample()
    at_once = make_window()

    def menus(window: MainWindow) -> list[list[str]]:
        return [[item.text() for item in menu.actions()]
                for menu in (window.file_menu, window.edit_menu, window.view_menu, window.tools_menu, window.help_menu)]

    assert menus(frame) == menus(at_once) and len(menus(frame)[0]) > 5
    assert [frame.tabs.widget(i) for i in range(frame.tabs.count())] == [frame.overview, *frame.pages.values()]
    qtbot.waitUntil(lambda: frame.tabs.isVisible() and frame.findings_dock.isVisible())
    assert frame.geometry() == geometry and frame.statusBar().currentMessage() == ""
    assert frame.windowTitle().startswith("示例报告")


def test_the_keyboard_goes_to_the_first_field_once_the_report_is_there(qtbot, make_frame, dialogs, recovery_store):
    frame = make_frame()
    frame.activateWindow()
    qtbot.waitUntil(frame.isActiveWindow)
    assert QApplication.focusWidget() is None  # nothing to type into in the frame
    frame.attach(dialogs, recovery_store)
    assert QApplication.focusWidget() is frame.overview.line_edits["city"]


def test_the_frame_is_not_closed_before_the_report_is_there(make_frame, dialogs, recovery_store):
    frame = make_frame()
    assert not frame.close() and frame.isVisible()
    frame.attach(dialogs, recovery_store)
    assert frame.close()
