"""How much of the sample report the editor shows, maximised on a clerk's screen.

    .venv/bin/python scripts/layout_report.py --screen 1366x768 --scale 1.5

prints, for the budget, key-task and indicator tabs, the table rows and the findings that are
fully visible, one line per tab:

    budget rows=8 findings=3

The screen is WxH physical pixels at the scaling S (QT_SCALE_FACTOR), less a taskbar (40 px, as
Windows') and the title bar of a maximised window (30 px at 100 %, Windows 10 and 11 draw
23–30): Qt's offscreen platform is given that screen, and the window opens as on a first start,
maximised on it, on the bundled sample. Settings and recovery files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

ROOT = Path(__file__).resolve().parent.parent


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def _offscreen_screen(folder: Path, width: int, height: int) -> str:
    """The platform argument for an offscreen screen of that many physical pixels."""
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def maximised_size(screen: tuple[int, int], scale: float, taskbar: int = 40, title_bar: int = 30) -> tuple[int, int]:
    """The inside of a maximised window in physical pixels: the screen less the taskbar and
    the title bar (`title_bar` pixels at 100 %)."""
    width, height = screen
    return width, height - taskbar - round(title_bar * scale)


def fully_visible_rows(view: QTableView) -> int:
    """Rows of a table view that are visible from top to bottom."""
    height = view.viewport().height()
    count = 0
    for row in range(view.model().rowCount()):
        top = view.rowViewportPosition(row)
        if view.isRowHidden(row) or top < 0:
            continue
        if top + view.rowHeight(row) > height:
            break
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--screen", type=_size, default=(1366, 768), help="physical pixels, e.g. 1366x768")
    parser.add_argument("--scale", type=float, default=1.0, help="display scaling, e.g. 1.5 for 150 %%")
    parser.add_argument("--taskbar", type=int, default=40, help="taskbar height in physical pixels")
    parser.add_argument("--title-bar", type=int, default=30, help="title bar height in pixels at 100 %%")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="selfeval-layout-"))
    width, height = maximised_size(args.screen, args.scale, args.taskbar, args.title_bar)
    os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(folder, width, height)
    os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QSettings, qInstallMessageHandler
    from PySide6.QtTest import QTest

    from selfeval_gui.app import _paint_once, create_application
    from selfeval_gui.domain.findings import Table
    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.dialogs import NonInteractiveDialogs
    from selfeval_gui.ui.main_window import MainWindow
    from selfeval_gui.ui.settings import Settings

    def quiet_offscreen(_kind: object, _context: object, message: str) -> None:
        # What the offscreen platform cannot do (pass a window's size hints on) is no news.
        if "does not support" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet_offscreen)
    app = create_application([])
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, NonInteractiveDialogs(), RecoveryStore(folder / "recovery"))
    window.files.open_sample()
    _paint_once(app, window)
    for table in (Table.BUDGET, Table.TASKS, Table.INDICATORS):
        window.tabs.setCurrentWidget(window.pages[table])
        QTest.qWait(300)  # rows fitted to their text, the findings list to its share
        rows = fully_visible_rows(window.pages[table].sheet)
        findings = 0 if window.findings_dock.folded else fully_visible_rows(window.findings_dock.view)
        print(f"{table.value} rows={rows} findings={findings}")
    window.autosaver.close()
    window.hide()
    return 0


if __name__ == "__main__":
    sys.exit(main())
