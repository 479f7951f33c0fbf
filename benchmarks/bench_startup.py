"""Start-up against a bare PySide6 window, as whole processes measured in the same run.

    floor    a bare PySide6 window: four tabs (the editor's labels), the first holding a
             table of 60 rows × 6 columns; shown, waited for until on screen, painted once
    window   `selfeval-gui --exit-after-window`: the editor's window (menus, tabs, status bar)
             painted, before the report model loads; goal at most 1.3× the floor
    report   `selfeval-gui --exit-after-show`: the same window, then the bundled sample loaded,
             validated and painted in it; goal at most 2.0× the floor

Every command is a fresh process of this Python; runs alternate, and the medians are compared:
of the time until the process ends (what the clerk waits), and of the processor time it used
(steadier on a machine others are using too). The spread is the range of the middle half of
the runs.

    python -m benchmarks.bench_startup [--runs 21] [--phases [RUNS] [--hook]]

`--phases` also prints where the editor's start-up goes, measured inside the process, the
median of 9 processes (or RUNS) with the range of their middle half; `--hook` adds the same
without PySide6's import hook, which reads the source of every module imported after PySide6.

Uses the display in $DISPLAY, or Qt's offscreen platform when there is none. Settings and
recovery files go to a temporary home, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import NamedTuple

from selfeval_gui.domain.findings import Table

#: The floor: what any PySide6 program with the editor's tabs and a table of the sample's size pays.
BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QTabWidget, QWidget
app = QApplication(sys.argv[:1])
window = QTabWidget()
table = QTableWidget(60, 6)
for row in range(60):
    for column in range(6):
        table.setItem(row, column, QTableWidgetItem(f"{row + 1}.{column + 1}"))
labels = sys.argv[1:]
window.addTab(table, labels[0])
for label in labels[1:]:
    window.addTab(QWidget(), label)
window.resize(1280, 800)
window.show()
deadline = time.monotonic() + 10
while (window.windowHandle() is None or not window.windowHandle().isExposed()) and time.monotonic() < deadline:
    app.processEvents()
window.repaint()
app.processEvents()
"""

GOALS = {"window": 1.3, "report": 2.0}

# Where the editor's start-up goes, phase by phase, in one process (as `app.main` runs it).
PHASES = """
import json, sys, time
marks = [("", time.perf_counter(), time.process_time())]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
from selfeval_gui import without_pydantic_plugins
without_pydantic_plugins()
from PySide6 import QtCore, QtGui, QtWidgets
mark("import PySide6")
from selfeval_gui.app import _paint_once, create_application, recovery_folder
from selfeval_gui.ui.settings import Settings
mark("import the start, the settings, the headings")
app = create_application([])
mark("QApplication: Qt's enums, style, font, icon")
from selfeval_gui.ui.main_window import MainWindow
mark("import the window's frame")
window = MainWindow(Settings())
mark("build the frame: menus, tabs, status bar")
_paint_once(app, window)
mark("show and paint the frame")
window_at = marks[-1]
import selfeval_gui.domain.model
mark("import pydantic and the report model")
import selfeval_gui.ui.files, selfeval_gui.ui.overview, selfeval_gui.ui.table_page, selfeval_gui.ui.findings_panel
from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.dialogs import NonInteractiveDialogs
mark("import the editor's modules")
window.attach(NonInteractiveDialogs(), RecoveryStore(recovery_folder()))
mark("attach: the document, pages, findings list")
window.files.open_sample()
mark("load and validate the sample")
_paint_once(app, window)
mark("paint the report")
phases = [(name, wall_after - wall, cpu_after - cpu)
          for (_, wall, cpu), (name, wall_after, cpu_after) in zip(marks, marks[1:])]
phases += [(name + " (since Python started)", wall - marks[0][1], cpu - marks[0][2])
           for name, (_, wall, cpu) in (("window painted", window_at), ("report painted", marks[-1]))]
window.files.close()
print(json.dumps(phases))
"""

#: The same without PySide6's import hook, which reads the source of every module imported
#: after PySide6 (to see whether it asks for `__feature__`s): what the hook costs. A
#: measurement only; the editor keeps the hook.
WITHOUT_IMPORT_HOOK = PHASES.replace(
    'mark("import PySide6")\n',
    'mark("import PySide6")\nimport builtins\nbuiltins.__import__ = builtins.__orig_import__\n',
)
assert WITHOUT_IMPORT_HOOK != PHASES


class Times(NamedTuple):
    wall: float
    cpu: float


def _time(command: list[str], env: dict[str, str]) -> Times:
    """How long `command` took until it ended, and the processor time it used (seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()}")
    return Times(elapsed, usage.ru_utime + usage.ru_stime)


def phase_table(scripts: dict[str, list[str]], env: dict[str, str], runs: int) -> str:
    """The phases each of `scripts` prints (JSON: name, wall and processor seconds), the
    median of `runs` processes (the scripts alternate), with the middle half of the processor
    times; the time until each phase ended is the first script's."""
    results: dict[str, list[list[tuple[str, float, float]]]] = {name: [] for name in scripts}
    for _ in range(runs):
        for name, script in scripts.items():
            done = subprocess.run(script, env=env, capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            results[name].append(json.loads(done.stdout.splitlines()[-1]))
    first = next(iter(results.values()))
    lines = [f"  {'':48s} {'time':>8s}" + "".join(f"  {name:>26s}" for name in scripts)]
    for i, (phase, _, _) in enumerate(first[0]):
        line = f"  {phase:48s} {1000 * statistics.median(r[i][1] for r in first):5.1f} ms"
        for runs_of_script in results.values():
            cpu = [r[i][2] * 1000 for r in runs_of_script]
            low, _, high = statistics.quantiles(cpu, n=4)
            line += f"  {statistics.median(cpu):8.1f} ms ({low:5.1f}–{high:5.1f})"
        lines.append(line)
    return "\n".join(lines)


def spread(values: list[float]) -> str:
    """The median and the range of the middle half, in ms."""
    quartiles = statistics.quantiles(values, n=4)
    return f"{statistics.median(values) * 1000:6.1f} ms ({quartiles[0] * 1000:.0f}–{quartiles[2] * 1000:.0f})"


def _compare(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> str:
    """Each command's times against the floor's, in alternating runs."""
    for command in commands.values():  # warm the file cache and the bytecode
        _time(command, env)
    times: dict[str, list[Times]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_time(command, env))
    lines = []
    for kind in Times._fields:
        floor = [getattr(t, kind) for t in times["floor"]]
        lines.append(f"bare PySide6 window  {kind:4}  {spread(floor)}")
        for name in GOALS:
            ours = [getattr(t, kind) for t in times[name]]
            ratio = statistics.median(ours) / statistics.median(floor)
            met = "met" if ratio <= GOALS[name] else "NOT met"
            lines.append(f"selfeval-gui {name:7} {kind:4}  {spread(ours)}   ratio {ratio:.2f}×   "
                         f"goal ≤ {GOALS[name]}×   {met}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="0: the phases alone")
    parser.add_argument("--phases", type=int, nargs="?", const=9, default=0, metavar="RUNS",
                        help="where the editor's start-up goes (the median of RUNS processes, 9 unless given)")
    parser.add_argument("--hook", action="store_true",
                        help="with --phases: the phases again without PySide6's import hook (a measurement only)")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="selfeval-bench-")
    env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data"}
    # As installed: with compiled bytecode (the warm-up run writes it), as pip and the frozen
    # build provide it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY") and not env.get("QT_QPA_PLATFORM"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    platform = env.get("QT_QPA_PLATFORM") or f"xcb (DISPLAY={env['DISPLAY']})"
    commands = {
        "floor": [sys.executable, "-c", BARE_WINDOW, *(table.label for table in Table)],
        "window": [sys.executable, "-m", "selfeval_gui", "--exit-after-window"],
        "report": [sys.executable, "-m", "selfeval_gui", "--exit-after-show"],
    }
    if args.runs:
        print(f"platform: {platform}, {args.runs} runs each; medians (middle half of the runs)")
        print(_compare(commands, env, args.runs))
    if args.phases:
        print(f"editor start-up by phase, medians of {args.phases} processes; processor time (middle half):")
        scripts = {"as the editor runs": [sys.executable, "-c", PHASES]}
        if args.hook:
            scripts["without the import hook"] = [sys.executable, "-c", WITHOUT_IMPORT_HOOK]
        print(phase_table(scripts, env, args.phases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
