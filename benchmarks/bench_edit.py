"""One keystroke in a big report: edited, revalidated and repainted, against a bare repaint.

A report of 500 indicators and 200 budget projects (the sample's rows repeated) is open in
the editor window. Each keystroke is what the cell editor sends while the clerk types: the
text so far goes to the model (live editing), the document applies it as one undo step,
revalidates the tables it touched, and the views, the findings list and the counts update;
then Qt paints. Typing alternates between an indicator's 指标完成值 and a project's
实际支出数 (which also rechecks the indicator grid, whose 预算执行率 reads table 7).

The floor, measured in the same run and window: the same cell marked changed and repainted,
with no edit and no validation. Goal: p95 of a keystroke at most 16 ms (one frame at 60 Hz).
Also a block of 500 rows pasted over the grid and undone, against the same rows put in as one
splice of the list.

    python benchmarks/bench_edit.py [--keystrokes 300]

Uses $DISPLAY, or Qt's offscreen platform when there is none.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported once the platform is chosen
    from selfeval_gui.domain.model import Report
    from selfeval_gui.ui.sheet import SheetView

GOAL_MS = 16.0


def big_report() -> Report:
    from selfeval_gui.domain.model import BudgetRow
    from selfeval_gui.resources import sample_report_path
    from selfeval_gui.storage.projectfile import load_report

    report = load_report(sample_report_path())
    base = list(report.indicators)
    report.indicators = [
        base[i % len(base)].model_copy(update={"name": f"{base[i % len(base)].name}（{i + 1}）"})
        for i in range(500)
    ]
    report.budget.projects = [
        BudgetRow(name=f"项目{i + 1}", initial=Decimal("12.34"), adjustment=None, actual=Decimal("11.5"))
        for i in range(200)
    ]
    return report


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keystrokes", type=int, default=300)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings

    from selfeval_gui.app import create_application
    from selfeval_gui.domain.findings import Table
    from selfeval_gui.domain.validation import validate
    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.dialogs import NonInteractiveDialogs
    from selfeval_gui.ui.document import new_session
    from selfeval_gui.ui.main_window import MainWindow
    from selfeval_gui.ui.settings import Settings

    app = create_application([])
    folder = Path(tempfile.mkdtemp(prefix="selfeval-bench-"))
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, NonInteractiveDialogs(), RecoveryStore(folder / "recovery"))
    report = big_report()
    window.document.replace(report, None, name="500 个指标")
    window.resize(1400, 900)
    window.show()
    while not window.windowHandle().isExposed():
        app.processEvents()

    start = time.perf_counter()
    validate(report)
    full_validation = (time.perf_counter() - start) * 1000

    indicators = window.pages[Table.INDICATORS].sheet
    budget = window.pages[Table.BUDGET].sheet
    targets = []
    for sheet, row, column, texts in (
        (indicators, 250, "actual", ["9", "95", "95%"]),
        (budget, 120, "actual", ["1", "11", "11.", "11.6"]),
    ):
        model = sheet.table_model()
        targets.append((sheet, model.index(row, model.columns.index(column)), texts))

    def settle() -> None:
        app.processEvents()  # the update requests are painted here

    def show(sheet: SheetView) -> None:
        window.tabs.setCurrentWidget(window.pages[sheet.table])
        sheet.scrollTo(sheet.currentIndex())
        settle()

    keystroke: list[float] = []
    floor: list[float] = []
    n = 0
    while n < args.keystrokes:
        for sheet, index, texts in targets:
            sheet.setCurrentIndex(index)
            show(sheet)
            session = new_session()
            for text in texts:
                start = time.perf_counter()
                sheet.table_model().edit(index, text, session)
                settle()
                keystroke.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                sheet.table_model().dataChanged.emit(index, index)
                settle()
                floor.append((time.perf_counter() - start) * 1000)
                n += 1
    # A keystroke at the end of section 二 (3,000 characters, checked for repeated passages).
    from PySide6.QtTest import QTest

    window.tabs.setCurrentWidget(window.overview)
    section = window.overview.editors[window.overview.current_section()]
    section.setFocus()
    section.moveCursor(section.textCursor().MoveOperation.End)
    settle()
    length = len(section.toPlainText())
    overview: list[float] = []
    for _ in range(100):
        start = time.perf_counter()
        QTest.keyClicks(section, "a")
        settle()
        overview.append((time.perf_counter() - start) * 1000)
    # A block pasted from Excel over the whole grid (500 rows × 8 cells, one undo step), then
    # undone; the floor is the same rows put in as one splice of the list, and undone.
    from selfeval_gui.domain import tsv
    from selfeval_gui.domain.edits import INDICATORS, Splice

    window.tabs.setCurrentWidget(window.pages[Table.INDICATORS])
    settle()
    rows = [f"产出\t数量{i // 7}\t指标{i}\t>=9{i % 10}%\t95%\t台账\t\t原因{i}" for i in range(500)]
    grid = tsv.parse("\r\n".join(rows))
    start = time.perf_counter()
    window.document.paste(Table.INDICATORS, 0, 0, grid)
    settle()
    paste_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    window.undo()
    settle()
    paste_undo_ms = (time.perf_counter() - start) * 1000
    pasted = [i.model_copy(update={"name": f"指标{n}"}) for n, i in enumerate(window.document.report.indicators)]
    start = time.perf_counter()
    window.document.perform(Splice(INDICATORS, 0, len(pasted), tuple(pasted)), "替换")
    settle()
    splice_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    window.undo()
    settle()
    splice_undo_ms = (time.perf_counter() - start) * 1000
    window.document.undo_stack.setClean()
    window.close()

    platform = os.environ.get("QT_QPA_PLATFORM") or f"xcb (DISPLAY={os.environ.get('DISPLAY')})"
    k50, k95 = statistics.median(keystroke), percentile(keystroke, 95)
    f50, f95 = statistics.median(floor), percentile(floor, 95)
    print(f"platform: {platform}; report: 500 indicators, 200 projects; {len(keystroke)} keystrokes")
    print(f"full validate() of the report     {full_validation:6.2f} ms")
    print(f"keystroke: edit + revalidate + repaint   p50 {k50:6.2f} ms   p95 {k95:6.2f} ms   "
          f"max {max(keystroke):6.2f} ms")
    print(f"floor: the same cell repainted only      p50 {f50:6.2f} ms   p95 {f95:6.2f} ms")
    print(f"概况 keystroke (section 二, {length} chars)       "
          f"p50 {statistics.median(overview):6.2f} ms   p95 {percentile(overview, 95):6.2f} ms")
    print(f"ratio p95/p95 {k95 / f95:.2f}×;  goal p95 ≤ {GOAL_MS:.0f} ms: {'met' if k95 <= GOAL_MS else 'NOT met'}")
    print(f"paste 500 rows × 8 cells {paste_ms:7.1f} ms, undo {paste_undo_ms:7.1f} ms;  "
          f"floor: the rows as one splice {splice_ms:7.1f} ms, undo {splice_undo_ms:7.1f} ms;  "
          f"ratio {paste_ms / splice_ms:.2f}× / {paste_undo_ms / splice_undo_ms:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
