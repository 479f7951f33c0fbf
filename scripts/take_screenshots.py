"""Screenshots of the editor's four tabs with the bundled sample open, for the README; then of
the sample's next year at 1366×768: last year's columns and text, a fix offered, find and
replace.

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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from selfeval_gui.ui.main_window import MainWindow

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
    _last_year_shots(app, window, args.outdir)
    window.document.undo_stack.setClean()
    window.close()
    return 0


def _last_year_shots(app: QApplication, window: MainWindow, outdir: Path) -> None:
    """The sample's next year, part filled in (this year's budget a little under last year's, the same
    values, a habit 100% for 预算执行率), as the clerk sees it at 1366×768. Grabbed from the
    screen, so that an open context menu is in the picture."""
    from decimal import Decimal

    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtTest import QTest

    from selfeval_gui.domain.findings import Code, Table
    from selfeval_gui.domain.model import Section
    from selfeval_gui.domain.nextyear import next_year_report

    report = next_year_report(window.document.report)
    for row in (report.budget.basic, report.budget.projects_total, *report.budget.projects):
        assert row.previous is not None
        row.initial = row.previous.adjusted
        row.actual = None if row.previous.actual is None else (row.previous.actual * Decimal("0.98")).quantize(
            Decimal("0.01"))
    for indicator in report.indicators:
        assert indicator.previous is not None
        indicator.actual = indicator.previous.actual
    window.document.replace(report, None, saved=False)
    window.resize(1366, 768)
    app.processEvents()

    def shot(name: str) -> None:
        QTest.qWait(400)
        target = outdir / name
        geometry = window.frameGeometry()
        window.screen().grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height()).save(
            str(target))
        print(f"{target} ({target.stat().st_size // 1024} KB)")

    budget = window.pages[Table.BUDGET].sheet
    window.tabs.setCurrentWidget(window.pages[Table.BUDGET])
    budget.setCurrentIndex(budget.model().index(12, budget.table_model().column_index("actual")))
    shot("5-last-year-columns.png")

    window.tabs.setCurrentWidget(window.overview)
    window.overview.focus_field(Section.PROFILE.value)
    shot("6-last-year-text.png")

    indicators = window.pages[Table.INDICATORS].sheet
    finding = next(f for f in window.document.findings if f.code is Code.IND_CROSSCHECK)
    window.show_finding(finding)
    QTest.qWait(200)
    rect = indicators.visualRect(indicators.currentIndex())
    point = indicators.viewport().mapToGlobal(QPoint(rect.center().x(), rect.center().y()))
    def shot_menu() -> None:
        shot("7-fix-offered.png")
        menu = app.activePopupWidget()
        if menu is not None:
            menu.close()

    QTimer.singleShot(600, shot_menu)  # the menu is modal: shot while it is open, then closed
    indicators.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(), point))

    window.tabs.setCurrentWidget(window.pages[Table.INDICATORS])
    window.open_find(replacing=True)
    window.find_bar.scope.setCurrentIndex(1)
    QTest.keyClicks(window.find_bar.needle, "2024")
    window.find_bar.step(1)
    QTest.keyClicks(window.find_bar.replacement, "2025")
    shot("8-find-replace.png")


if __name__ == "__main__":
    sys.exit(main())
