"""Hostile inputs: time and peak memory to the refusal or the result, each under 10 s and 500 MB.

The inputs are made here (`hostile_inputs`): workbooks with a stray cell far away, a merged
range over a whole sheet, a million rows; Word documents that unpack to far more than they
weigh; a text file of newlines; pastes of 100,000 rows, of a 10 MB cell over a column and of
a million blank lines; a 20 MB cell validated. Each runs in a fresh process (the peak memory
is that process's, interpreter and libraries included); the floor is the same process doing
the same with the bundled sample, measured in the same run.

    python -m benchmarks.bench_hostile [--only NAME]

Pastes run in the real editor window (offscreen unless $DISPLAY is set), answering "paste"
to the question and showing the real progress dialog.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import hostile_inputs as hostile
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.exporters.word import docx_bytes

GOAL_SECONDS = 10.0
GOAL_MB = 500.0

# Each child does one thing, timed, and prints the seconds, its peak resident memory (its
# own: `ru_maxrss` would count the parent's pages, which a child shares until it executes)
# and the outcome.
PEAK = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource, sys
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)
"""
#: What an import's outcome says when the report imported is the bundled sample exactly.
SAMPLE = "the sample exactly"
IMPORT = PEAK + f"SAMPLE = {SAMPLE!r}\n" + """
import sys, time
from pathlib import Path
from selfeval_gui.importers import ImportFailed, import_report
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report
start = time.perf_counter()
try:
    result = import_report(Path(sys.argv[1]))
    elapsed = time.perf_counter() - start
    outcome = f"imported ({len(result.report.budget.projects)} projects, {len(result.report.indicators)} indicators)"
    if result.report == load_report(sample_report_path()):
        outcome += f", {SAMPLE}"
except ImportFailed as exc:
    elapsed = time.perf_counter() - start
    outcome = "refused: " + str(exc).split("：", 1)[-1].split("。")[0]
print(f"{elapsed:.3f}\\t{peak_mb():.1f}\\t{outcome}")
"""

PASTE = PEAK + """
import os, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from selfeval_gui.app import create_application
app = create_application([])
from selfeval_gui.domain.findings import Table
from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.dialogs import NonInteractiveDialogs, QtDialogs
from selfeval_gui.ui.main_window import MainWindow
from selfeval_gui.ui.settings import Settings

class Answers(NonInteractiveDialogs):
    def confirm_large_paste(self, parent, rows, characters):
        return True
    def progress(self, parent, title, label):
        return QtDialogs().progress(parent, title, label)

folder = Path(tempfile.mkdtemp())
window = MainWindow(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)), Answers(),
                    RecoveryStore(folder / "recovery"))
window.files.open_sample()
window.resize(1366, 768)
window.show()
window.tabs.setCurrentWidget(window.pages[Table.INDICATORS])
app.processEvents()
sheet = window.pages[Table.INDICATORS].sheet
column = int(sys.argv[2])
sheet.select_block(0, column, 44 if sys.argv[3] == "column" else 0, column)
QApplication.clipboard().setText(Path(sys.argv[1]).read_text(encoding="utf-8"))
start = time.perf_counter()
sheet.paste()
app.processEvents()
elapsed = time.perf_counter() - start
outcome = f"{window.statusBar().currentMessage()[:40]}（{sheet.model().rowCount():,} 行）"
print(f"{elapsed:.3f}\\t{peak_mb():.1f}\\t{outcome}")
window.document.undo_stack.setClean()
window.close()
"""

VALIDATE = PEAK + """
import sys, time
from pathlib import Path
from selfeval_gui.domain.validation import validate
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report
report = load_report(sample_report_path())
giant = Path(sys.argv[1]).read_text(encoding="utf-8")
if giant:
    report.indicators[0].name = report.indicators[1].target = report.indicators[2].reason = giant
    report.overview.goals = giant
start = time.perf_counter()
findings = validate(report)
print(f"{time.perf_counter() - start:.3f}\\t{peak_mb():.1f}\\t{len(findings)} findings")
"""


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    make: Callable[[], bytes]
    child: str = IMPORT
    args: tuple[str, ...] = ()
    #: What the outcome must say besides meeting the goals of time and memory.
    expect: str = ""


def _text(make: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: make().encode("utf-8")


def _giant(characters: int) -> str:
    """One cell of `characters` characters: a sentence pasted over and over."""
    sentence = "开展救护培训，普及应急救护知识。"
    return (sentence * (characters // len(sentence) + 1))[:characters]


FLOORS = {
    IMPORT + ".xlsx": Case("the sample's Excel export", ".xlsx", lambda: xlsx_bytes(hostile.sample())[0]),
    IMPORT + ".docx": Case("the sample's Word export", ".docx", lambda: docx_bytes(hostile.sample())[0]),
    IMPORT + ".txt": Case("the published sample text", ".txt", hostile.sample_text),
    PASTE: Case("45 rows pasted over the sample's", ".txt", _text(lambda: hostile.clipboard_rows(45)), PASTE,
                ("0", "cell")),
    VALIDATE: Case("the sample validated", ".txt", lambda: b"", VALIDATE),
}

CASES = [
    # A stray space far below the sample's tables adds nothing to the report.
    Case("xlsx: one stray cell at A1048576", ".xlsx", lambda: hostile.xlsx_with_stray_cell("A1048576"),
         expect=SAMPLE),
    Case("xlsx: one stray cell at XFD1048576", ".xlsx", lambda: hostile.xlsx_with_stray_cell("XFD1048576"),
         expect=SAMPLE),
    Case("xlsx: a merged range over the whole sheet", ".xlsx", hostile.xlsx_with_merge),
    Case("xlsx: a million rows", ".xlsx", lambda: hostile.xlsx_with_rows(1_000_000)),
    Case("xlsx: a million empty rows", ".xlsx", lambda: hostile.xlsx_with_rows(1_000_000, values=False)),
    Case("xlsx: 20,000 rows (under the XML limit)", ".xlsx", lambda: hostile.xlsx_with_rows(20_000)),
    Case("xlsx: 4,900 rows (the most accepted)", ".xlsx", lambda: hostile.xlsx_with_rows(4_900)),
    Case("docx: zip bomb, 500 MB of XML", ".docx", lambda: hostile.docx_bomb(500 * 1024 * 1024)),
    Case("docx: zip bomb below the limit, 31 MB of XML", ".docx", lambda: hostile.docx_bomb(31 * 1024 * 1024)),
    Case("docx: 4,900 table rows (the most accepted)", ".docx", lambda: hostile.docx_bomb(4_829 * 2_481)),
    Case("docx: 500 MB of pictures", ".docx", lambda: hostile.docx_bomb(500 * 1024 * 1024, where="media")),
    Case("txt: 50 MB of newlines", ".txt", hostile.newlines_text),
    Case("paste: 100,000 rows", ".txt", _text(lambda: hostile.clipboard_rows(100_000)), PASTE, ("0", "cell")),
    Case("paste: a 10 MB cell over 45 names", ".txt", _text(lambda: _giant(10_000_000)), PASTE, ("2", "column")),
    Case("paste: a million blank lines", ".txt", _text(lambda: "\n" * 1_000_000), PASTE, ("0", "column")),
    Case("validate: a 20 MB cell in four places", ".txt", _text(lambda: _giant(20_000_000)), VALIDATE),
]


def run(case: Case, folder: Path) -> tuple[float, float, str]:
    """Seconds to the outcome, peak memory of the process in MB, and the outcome."""
    path = folder / f"input{case.suffix}"
    path.write_bytes(case.make())
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_DATA_HOME": str(folder)}
    if "DISPLAY" not in env:
        env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([sys.executable, "-c", case.child, str(path), *case.args], capture_output=True,
                          text=True, env=env, check=False)
    path.unlink()
    if done.returncode != 0 or not done.stdout.strip():
        return float("nan"), float("nan"), f"failed: {done.stderr.strip().splitlines()[-1:]}"
    seconds, peak, outcome = done.stdout.strip().splitlines()[-1].split("\t", 2)
    return float(seconds), float(peak), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.only or args.only in c.name]
    over = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floors: dict[str, tuple[float, float]] = {}
        print(f"{'input':46} {'time':>8} {'peak':>8}   {'floor (same run)':>22}   outcome")
        for case in cases:
            key = case.child + (case.suffix if case.child is IMPORT else "")
            if key not in floors:
                floor = FLOORS[key]
                seconds, peak, _ = run(floor, folder)
                floors[key] = (seconds, peak)
                print(f"  floor: {floor.name:38} {seconds:7.2f}s {peak:6.0f}MB")
            seconds, peak, outcome = run(case, folder)
            floor_s, floor_mb = floors[key]
            ok = seconds < GOAL_SECONDS and peak < GOAL_MB and case.expect in outcome
            over += not ok
            ratio = f"{seconds / floor_s:6.1f}× {peak / floor_mb:4.1f}×" if floor_s > 0 else ""
            print(f"{case.name:46} {seconds:7.2f}s {peak:6.0f}MB   {ratio:>22}   {'✔' if ok else '✘'} {outcome}")
    print(f"goal: each under {GOAL_SECONDS:.0f} s and {GOAL_MB:.0f} MB, a stray cell imported as {SAMPLE};"
          f" {len(cases) - over} of {len(cases)} met")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
