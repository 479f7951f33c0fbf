"""Screenshots of the editor's four tabs with the bundled sample open, for the README, its
print preview and its submission block filled in; then of the sample's next year at 1366×768:
last year's columns and text, a fix offered, find and replace.

    DISPLAY=:55 .venv/bin/python scripts/take_screenshots.py [OUTDIR] [--scale 2]
    DISPLAY=:55 .venv/bin/python scripts/take_screenshots.py --screen 1366x768 --scale 1.5 --tabs budget,indicators

Run it under a real X server (Xvfb is enough) so fonts render as on a desktop; the default
OUTDIR is docs/screenshots. With --screen the window is as maximised on that screen (less the
taskbar and title bar, as scripts/layout_report.py counts) and the files are named after it,
`budget-1366x768-150.png`. Settings and recovery files go to a temporary folder.
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
    parser.add_argument("--screen", help="physical pixels of a screen to be maximised on, e.g. 1366x768")
    parser.add_argument("--tabs", default=",".join(tab for _name, tab in SHOTS),
                        help="which tabs, e.g. budget,indicators")
    args = parser.parse_args()
    os.environ["QT_SCALE_FACTOR"] = args.scale
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from layout_report import maximised_size
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from selfeval_gui.app import _paint_once, create_application
    from selfeval_gui.domain.findings import Code, Finding, Table
    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.dialogs import NonInteractiveDialogs
    from selfeval_gui.ui.main_window import MainWindow
    from selfeval_gui.ui.settings import Settings

    app = create_application([])
    folder = Path(tempfile.mkdtemp(prefix="selfeval-shots-"))
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, NonInteractiveDialogs(), RecoveryStore(folder / "recovery"))
    window.files.open_sample()
    if args.screen:
        screen_width, _, screen_height = args.screen.partition("x")
        physical = maximised_size((int(screen_width), int(screen_height)), float(args.scale))
        width, height = (round(n / float(args.scale)) for n in physical)
    else:
        width, height = (int(n) for n in args.size.split("x"))
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(0, 0, width, height)
    _paint_once(app, window)
    findings = window.document.findings

    def first(code: Code) -> Finding:
        return next(f for f in findings if f.code is code)

    # Each tab as a clerk would look at it: on a cell that has something to say.
    focus = {
        "overview": lambda: window.tabs.setCurrentWidget(window.overview),
        "budget": lambda: window.show_finding(first(Code.BUDGET_ITEMS_SUM)),
        "tasks": lambda: window.show_finding(first(Code.TEXT_REPEATED)),
        "indicators": lambda: window.show_finding(first(Code.IND_CROSSCHECK)),
    }
    args.outdir.mkdir(parents=True, exist_ok=True)
    wanted = args.tabs.split(",")
    for name, tab in SHOTS:
        if tab not in wanted:
            continue
        if args.screen:
            name = f"{tab}-{args.screen}-{round(float(args.scale) * 100)}.png"
        focus[tab]()
        if tab == "tasks":
            window.pages[Table.TASKS].sheet.scrollToTop()
        QTest.qWait(400)  # rows fitted, repainted
        target = args.outdir / name
        window.grab().save(str(target))
        print(f"{target} ({target.stat().st_size // 1024} KB)")
    if not args.screen:
        _print_shots(window, args.outdir, width, height)
        _last_year_shots(app, window, args.outdir)
    window.document.undo_stack.setClean()
    window.close()
    return 0


#: The submission block as the screenshot fills it in (a made-up clerk).
SUBMISSION = {"unit": "苏州市红十字会", "head": "张三", "finance_head": "李四", "preparer": "王五",
              "phone": "0512-65230000", "date": "2024年3月15日"}


def _print_shots(window: MainWindow, outdir: Path, width: int, height: int) -> None:
    """打印预览 at the page where table 9 turns landscape, then 概况 with 填报信息 filled in."""
    from PySide6.QtTest import QTest

    from selfeval_gui.domain.edits import CellRef
    from selfeval_gui.domain.findings import Table
    from selfeval_gui.domain.submission import column
    from selfeval_gui.exporters.layout import report_layout
    from selfeval_gui.exporters.typeset import typeset
    from selfeval_gui.ui.preview import PreviewDialog

    pages = typeset(report_layout(window.document.report)[0]).pages
    preview = PreviewDialog(pages, lambda: False, window)
    preview.resize(width, height)
    preview.show()
    QTest.qWait(300)
    preview.zoom.setCurrentIndex(2 + 1)  # 75 %
    preview.view.show_page(next(i for i, p in enumerate(pages) if p.page.landscape) - 1)
    QTest.qWait(400)
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir / "9-print-preview.png", outdir / "10-submission.png"]
    preview.grab().save(str(targets[0]))
    preview.close()

    window.tabs.setCurrentWidget(window.overview)
    for name, text in SUBMISSION.items():
        window.document.edit_cell(CellRef(Table.OVERVIEW, None, column(name)), text)
    window.overview.submission.toggle.setChecked(True)
    QTest.qWait(400)
    window.grab().save(str(targets[1]))
    for target in targets:
        print(f"{target} ({target.stat().st_size // 1024} KB)")
    window.document.undo_stack.setIndex(window.document.undo_stack.index() - len(SUBMISSION))
    # The made-up clerk is forgotten: the next year's screenshots show no offer of them.
    window.settings.submission_defaults = {}


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
