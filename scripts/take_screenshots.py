"""Screenshots of the editor's four tabs with the bundled sample open, for the README.

    DISPLAY=:55 .venv/bin/python scripts/take_screenshots.py [OUTDIR] [--scale 2]

Run it under a real X server (Xvfb is enough) so fonts render as on a desktop; the default
OUTDIR is docs/screenshots. Settings and recovery files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = [
    ("1-overview.png", "overview"),
    ("2-budget.png", "budget"),
    ("3-tasks.png", "tasks"),
    ("4-indicators.png", "indicators"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", default="1", help="display scaling, e.g. 2 for 200 %% (QT_SCALE_FACTOR)")
    parser.add_argument("--size", default="1366x820", help="window size in device-independent pixels")
    args = parser.parse_args()
    os.environ["QT_SCALE_FACTOR"] = args.scale
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from selfeval_gui.app import _paint_once, create_application
    from selfeval_gui.domain.findings import Code, Table
    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.dialogs import NonInteractiveDialogs
    from selfeval_gui.ui.main_window import MainWindow
    from selfeval_gui.ui.settings import Settings

    app = create_application([])
    folder = Path(tempfile.mkdtemp(prefix="selfeval-shots-"))
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, NonInteractiveDialogs(), RecoveryStore(folder / "recovery"))
    window.files.open_sample()
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    _paint_once(app, window)
    findings = window.document.findings

    def first(code: Code):
        return next(f for f in findings if f.code is code)

    # Each tab as a clerk would look at it: on a cell that has something to say.
    focus = {
        "overview": lambda: window.tabs.setCurrentWidget(window.overview),
        "budget": lambda: window.show_finding(first(Code.BUDGET_ITEMS_SUM)),
        "tasks": lambda: window.show_finding(first(Code.TEXT_REPEATED)),
        "indicators": lambda: window.show_finding(first(Code.IND_CROSSCHECK)),
    }
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, tab in SHOTS:
        focus[tab]()
        if tab == "tasks":
            window.pages[Table.TASKS].sheet.scrollToTop()
        QTest.qWait(400)  # rows fitted, repainted
        target = args.outdir / name
        window.grab().save(str(target))
        print(f"{target} ({target.stat().st_size // 1024} KB)")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
