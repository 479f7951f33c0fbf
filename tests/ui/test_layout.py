"""The editor on the screens clerks have: how many rows of each table and of the findings a
maximised window shows, computed from the rows' real heights, and the findings list keeping to
its share of the height."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selfeval_gui.domain.findings import Table
from selfeval_gui.ui.main_window import FINDINGS_MAX_SHARE, FINDINGS_MIN_ROWS

ROOT = Path(__file__).resolve().parents[2]
TABLES = (Table.BUDGET, Table.TASKS, Table.INDICATORS)
#: (screen, scale): the least rows of the budget and indicator tables, of the key-task table
#: (whose rows wrap) and of the findings list that a maximised window shows (issue 9).
TARGETS = {
    ("1366x768", 1.0): (14, 4, 0),
    ("1366x768", 1.5): (6, 2, 3),
    ("1920x1080", 1.25): (16, 5, 0),
}


def _layout_report():
    spec = importlib.util.spec_from_file_location("layout_report", ROOT / "scripts" / "layout_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def client_size(screen: str, scale: float) -> tuple[int, int]:
    """A maximised window's inside, in Qt's pixels, as scripts/layout_report.py counts it:
    the screen less a taskbar and a title bar."""
    screen_width, _, screen_height = screen.partition("x")
    width, height = _layout_report().maximised_size((int(screen_width), int(screen_height)), scale)
    return int(width / scale), int(height / scale)


def rows_fit(view, count: int) -> bool:
    """Whether the first `count` rows of a view (scrolled to its top) are visible whole."""
    view.scrollToTop()
    count = min(count, view.model().rowCount())
    return sum(view.rowHeight(row) for row in range(count)) <= view.viewport().height()


def show_at(qtbot, window, width: int, height: int) -> None:
    window.showNormal()
    window.resize(width, height)
    qtbot.wait(300)  # rows fitted to their new widths, the findings list to its share


@pytest.mark.parametrize(("screen", "scale"), list(TARGETS))
def test_a_maximised_window_shows_the_rows_a_clerk_needs(qtbot, window, screen, scale):
    show_at(qtbot, window, *client_size(screen, scale))
    table_rows, task_rows, findings = TARGETS[screen, scale]
    dock = window.findings_dock
    for table in TABLES:
        window.tabs.setCurrentWidget(window.pages[table])
        qtbot.wait(150)
        wanted = task_rows if table is Table.TASKS else table_rows
        assert rows_fit(window.pages[table].sheet, wanted), (table, wanted)
        assert not dock.folded and rows_fit(dock.view, max(findings, 1))


@pytest.mark.parametrize(("screen", "scale"), list(TARGETS))
def test_the_layout_report_meets_the_targets(screen, scale):
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # the script sets up its own offscreen screen
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "layout_report.py"), "--screen", screen,
                             "--scale", str(scale)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [t.value for t in TABLES]
    table_rows, task_rows, findings = TARGETS[screen, scale]
    for table, line in zip(TABLES, lines, strict=True):
        figures = dict(part.split("=") for part in line.split()[1:])
        assert int(figures["rows"]) >= (task_rows if table is Table.TASKS else table_rows), line
        assert int(figures["findings"]) >= max(findings, 1), line


@pytest.mark.parametrize("height", [360, 455, 600, 800])
def test_the_findings_list_takes_no_more_than_its_share(qtbot, window, height):
    show_at(qtbot, window, 900, height)
    dock = window.findings_dock
    assert dock.height() <= height * FINDINGS_MAX_SHARE
    assert dock.folded or rows_fit(dock.view, FINDINGS_MIN_ROWS)


def tallest_short_window(window) -> int:
    """The tallest window whose share cannot hold three findings: the list folds there."""
    return int(window.findings_dock.height_for(FINDINGS_MIN_ROWS) / FINDINGS_MAX_SHARE) - 1


def test_on_a_short_window_the_findings_list_folds_and_f4_unfolds_it(qtbot, window):
    show_at(qtbot, window, 900, tallest_short_window(window))
    dock, sheet = window.findings_dock, window.pages[Table.BUDGET].sheet
    assert dock.folded and dock.height() == dock.height_for(0) and dock.width() == window.width()
    assert window.counts.isVisible() and window.counts.text().startswith("错误 ")
    window.go_to_tab(1)
    qtbot.keyClick(sheet, Qt.Key.Key_F4)
    assert not dock.folded and dock.view.hasFocus()
    qtbot.keyClick(dock.view, Qt.Key.Key_Escape)
    assert dock.folded and sheet.hasFocus()
    show_at(qtbot, window, 900, tallest_short_window(window) + 10)  # taller again: it unfolds by itself
    assert not dock.folded


def test_a_folded_list_unfolds_with_its_button_and_stays_so(qtbot, window):
    height = tallest_short_window(window)
    show_at(qtbot, window, 900, height)
    dock = window.findings_dock
    assert dock.folded
    dock.fold_button.click()
    qtbot.wait(50)
    assert not dock.folded and rows_fit(dock.view, FINDINGS_MIN_ROWS)
    qtbot.keyClick(window, Qt.Key.Key_F8)  # working on: it stays unfolded
    assert not dock.folded
    show_at(qtbot, window, 900, height - 10)  # still short: the clerk's choice stands
    assert not dock.folded


def test_beside_the_report_the_findings_list_takes_at_most_a_third_of_the_width(qtbot, window):
    show_at(qtbot, window, 1500, 800)
    dock = window.findings_dock
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)  # as dragged there
    qtbot.wait(100)
    assert not dock.folded and dock.height() > 800 * FINDINGS_MAX_SHARE
    assert dock.maximumWidth() <= 1500 // 3
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    qtbot.wait(100)
    assert dock.height() <= window.height() * FINDINGS_MAX_SHARE
