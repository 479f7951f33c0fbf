"""Start-up: `selfeval-gui --exit-after-show` on the bundled sample against a bare PySide6 window.

Both are fresh processes of the same Python that create a QApplication, show a window, wait
until it is on screen, paint it once and exit; the editor also loads the sample, validates it
and builds its four tabs. Runs alternate, and the medians are compared (goal: at most 1.6×).

    python benchmarks/bench_startup.py [--runs 15] [--phases]

`--phases` also prints where the editor's start-up goes, measured inside one process.

Uses the display in $DISPLAY, or Qt's offscreen platform when there is none. Settings and
recovery files go to a temporary home, never the user's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
window = QWidget()
window.resize(1280, 800)
window.show()
deadline = time.monotonic() + 10
while (window.windowHandle() is None or not window.windowHandle().isExposed()) and time.monotonic() < deadline:
    app.processEvents()
window.repaint()
app.processEvents()
"""

GOAL = 1.6

# Where the editor's start-up goes, phase by phase, in one process (as `app.main` runs it).
PHASES = """
import time
t0 = time.perf_counter()
marks = []
from PySide6 import QtCore, QtGui, QtWidgets
marks.append(("import PySide6", time.perf_counter()))
import selfeval_gui.domain.model
marks.append(("import pydantic and the report model", time.perf_counter()))
import selfeval_gui.domain.validation, selfeval_gui.storage.projectfile
marks.append(("import validation and project file", time.perf_counter()))
from selfeval_gui.app import _paint_once, create_application, recovery_folder
app = create_application([])
marks.append(("QApplication: style, font, translation", time.perf_counter()))
from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.dialogs import NonInteractiveDialogs
from selfeval_gui.ui.main_window import MainWindow
from selfeval_gui.ui.settings import Settings
marks.append(("import the editor's modules", time.perf_counter()))
window = MainWindow(Settings(), NonInteractiveDialogs(), RecoveryStore(recovery_folder()))
marks.append(("build the window", time.perf_counter()))
window.files.open_sample()
marks.append(("load and validate the sample", time.perf_counter()))
_paint_once(app, window)
marks.append(("show and paint", time.perf_counter()))
previous = t0
for name, t in marks:
    print(f"  {name:40s} {1000 * (t - previous):6.1f} ms")
    previous = t
print(f"  {'total in the process':40s} {1000 * (previous - t0):6.1f} ms")
window.autosaver.close()
"""


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--phases", action="store_true", help="where the editor's start-up goes")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="selfeval-bench-")
    env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data"}
    # As installed: with compiled bytecode (the warm-up run writes it), as pip and the frozen
    # build provide it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY") and not env.get("QT_QPA_PLATFORM"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    platform = env.get("QT_QPA_PLATFORM") or f"xcb (DISPLAY={env['DISPLAY']})"
    bare = [sys.executable, "-c", BARE_WINDOW]
    editor = [sys.executable, "-m", "selfeval_gui", "--exit-after-show"]
    for command in (bare, editor):  # warm the file cache and the bytecode
        _time(command, env)
    floor, ours = [], []
    for _ in range(args.runs):
        floor.append(_time(bare, env))
        ours.append(_time(editor, env))
    f, o = statistics.median(floor), statistics.median(ours)
    print(f"platform: {platform}, {args.runs} runs each")
    print(f"bare PySide6 window     median {f * 1000:7.1f} ms   min {min(floor) * 1000:7.1f} ms")
    print(f"selfeval-gui (sample)   median {o * 1000:7.1f} ms   min {min(ours) * 1000:7.1f} ms")
    print(f"ratio (medians)         {o / f:.2f}×   goal ≤ {GOAL}×   {'met' if o / f <= GOAL else 'NOT met'}")
    if args.phases:
        print("editor start-up by phase (one process):")
        result = subprocess.run([sys.executable, "-c", PHASES], env=env, capture_output=True, text=True, timeout=120)
        print(result.stdout.rstrip() or result.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
