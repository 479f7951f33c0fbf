"""Screenshots of the editor's four tabs with the bundled sample open, its print preview and
the submission block filled in, for the README.

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
    ("5-print-preview.png", "preview"),
    ("6-submission.png", "submission"),
]
#: The submission block as the screenshot fills it in (a made-up clerk).
SUBMISSION = {"unit": "苏州市红十字会", "head": "张三", "finance_head": "李四", "preparer": "王五",
              "phone": "0512-65230000", "date": "2024年3月15日"}


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
    from selfeval_gui.domain.edits import CellRef
    from selfeval_gui.domain.findings import Code, Table
    from selfeval_gui.domain.submission import column
    from selfeval_gui.exporters.layout import report_layout
    from selfeval_gui.exporters.typeset import typeset
    from selfeval_gui.ui.preview import PreviewDialog
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
    def preview():
        """The preview as 打印预览 opens it, at the page where table 9 turns landscape."""
        pages = typeset(report_layout(window.document.report)[0]).pages
        dialog = PreviewDialog(pages, lambda: False, window)
        dialog.resize(width, height)
        dialog.show()
        QTest.qWait(300)
        dialog.zoom.setCurrentIndex(2 + 1)  # 75 %
        dialog.view.show_page(next(i for i, p in enumerate(pages) if p.page.landscape) - 1)
        return dialog

    def submission():
        window.tabs.setCurrentWidget(window.overview)
        for name, text in SUBMISSION.items():
            window.document.edit_cell(CellRef(Table.OVERVIEW, None, column(name)), text)
        window.overview.submission.toggle.setChecked(True)
        window.overview.submission.fields["phone"].setFocus()

    focus["submission"] = submission
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, tab in SHOTS:
        shown = preview() if tab == "preview" else window
        if tab != "preview":
            focus[tab]()
        if tab == "tasks":
            window.pages[Table.TASKS].sheet.scrollToTop()
        QTest.qWait(400)  # rows fitted, repainted
        target = args.outdir / name
        shown.grab().save(str(target))
        if shown is not window:
            shown.close()
        print(f"{target} ({target.stat().st_size // 1024} KB)")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
