"""The command line as whole processes, each against a floor measured in the same run.

    selfeval export SAMPLE --docx OUT    against a plain python-docx script writing the same
                                         cells (add_paragraph / add_table, cell.text; no
                                         styling); goal at most 1.5×
    selfeval validate SAMPLE             against `python -c "import pydantic"` that also reads
                                         and parses the file; goal at most 1.3×

Every command is a fresh process of this Python, started as the `selfeval` script starts it;
runs alternate, and the medians are compared: of the time until the process ends (what the
clerk waits), and of the processor time it used (steadier on a machine others are using too).

    python -m benchmarks.bench_cli [--runs 21] [--phases [RUNS]]

`--phases` also prints where `selfeval validate` and `export --docx` go, measured inside the
process, the median of 9 processes (or RUNS) with the range of their middle half.
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
from pathlib import Path
from typing import NamedTuple

from benchmarks.bench_export import texts
from benchmarks.bench_startup import phase_table, spread
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report

GOALS = {"export --docx": 1.5, "validate": 1.3}

#: What the `selfeval` script runs.
SELFEVAL = "import sys; from selfeval_gui.cli import script; sys.exit(script())"

#: The export's floor: the same paragraphs and table cells (CELLS.json), written with the plain
#: library and nothing else.
PLAIN_DOCX = """
import json, sys
import docx
cells = json.loads(open(sys.argv[1], encoding="utf-8").read())
document = docx.Document()
for text in cells["paragraphs"]:
    document.add_paragraph(text)
for rows in cells["tables"]:
    table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
    for row, values in zip(table.rows[1:], rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
document.save(sys.argv[2])
"""

#: The validation's floor: the data model's library, and the file read and parsed.
PYDANTIC_AND_READ = """
import json, sys
import pydantic
json.loads(open(sys.argv[1], "rb").read())
"""


class Times(NamedTuple):
    wall: float
    cpu: float


#: Where `selfeval validate` and then `selfeval export --docx` go, phase by phase, in one process
#: set up as the `selfeval` script sets it up.
PHASES = """
import json, sys, time
from pathlib import Path
marks = [("", time.perf_counter(), time.process_time())]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
from selfeval_gui import without_pydantic_plugins
without_pydantic_plugins()
import pydantic
mark("import pydantic")
import selfeval_gui.domain.model
mark("pydantic's model machinery and the report model")
import selfeval_gui.cli
from selfeval_gui.domain.validation import validate
from selfeval_gui.exporters.text import visible
from selfeval_gui.storage.projectfile import load_report
mark("the command line, the rules, the project file")
report = load_report(Path(sys.argv[1]))
validate(report)
mark("load and validate the sample")
import docx
mark("import python-docx")
from selfeval_gui.exporters.word import docx_bytes
mark("the Word exporter")
docx_bytes(report)
mark("build the document")
phases = [(name, wall_after - wall, cpu_after - cpu)
          for (_, wall, cpu), (name, wall_after, cpu_after) in zip(marks, marks[1:])]
phases.append(("total in the process (after Python started)", marks[-1][1] - marks[0][1], marks[-1][2] - marks[0][2]))
print(json.dumps(phases))
"""


def _time(command: list[str], env: dict[str, str]) -> Times:
    """How long `command` took until it ended, and the processor time it used (seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{errors.decode()}")
    return Times(elapsed, usage.ru_utime + usage.ru_stime)


def _compare(name: str, ours_command: list[str], floor_command: list[str], env: dict[str, str], runs: int) -> str:
    for command in (ours_command, floor_command):  # warm the file cache and the bytecode
        _time(command, env)
    ours: list[Times] = []
    floor: list[Times] = []
    for _ in range(runs):
        ours.append(_time(ours_command, env))
        floor.append(_time(floor_command, env))
    lines = []
    for kind in Times._fields:
        o = [getattr(t, kind) for t in ours]
        f = [getattr(t, kind) for t in floor]
        ratio = statistics.median(o) / statistics.median(f)
        met = "met" if ratio <= GOALS[name] else "NOT met"
        lines.append(f"selfeval {name:14} {kind:4}  {spread(o)}   floor {spread(f)}   "
                     f"ratio {ratio:.2f}×   goal ≤ {GOALS[name]}×   {met}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="0: the phases alone")
    parser.add_argument("--phases", type=int, nargs="?", const=9, default=0, metavar="RUNS",
                        help="where the commands' time goes (the median of RUNS processes, 9 unless given)")
    args = parser.parse_args()
    env = dict(os.environ)
    # As installed: with compiled bytecode (the warm-up run writes it), as pip provides it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    folder = Path(tempfile.mkdtemp(prefix="selfeval-bench-cli-"))
    sample = str(sample_report_path())
    paragraphs, tables = texts(load_report(sample_report_path()))
    cells = folder / "cells.json"
    cells.write_text(json.dumps({"paragraphs": paragraphs, "tables": tables}, ensure_ascii=False), encoding="utf-8")
    python = sys.executable
    pairs = {
        "export --docx": ([python, "-c", SELFEVAL, "export", sample, "--docx", str(folder / "ours.docx")],
                          [python, "-c", PLAIN_DOCX, str(cells), str(folder / "floor.docx")]),
        "validate": ([python, "-c", SELFEVAL, "validate", sample],
                     [python, "-c", PYDANTIC_AND_READ, sample]),
    }
    if args.runs:
        print(f"the sample report, {args.runs} runs each, medians (middle half of the runs)")
        for name, (ours_command, floor_command) in pairs.items():
            print(_compare(name, ours_command, floor_command, env, args.runs))
    if args.phases:
        print(f"selfeval validate, then export --docx, by phase, medians of {args.phases} processes:")
        print(phase_table({"processor time (middle half)": [python, "-c", PHASES, sample]}, env, args.phases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
