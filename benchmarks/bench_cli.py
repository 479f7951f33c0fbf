"""The command line as whole processes, each against a floor measured in the same run.

    selfeval export SAMPLE --docx OUT    against a plain python-docx script writing the same
                                         cells (add_paragraph / add_table, cell.text; no
                                         styling); goal at most 1.5×
    selfeval validate SAMPLE             against `python -c "import pydantic"` that also reads
                                         and parses the file; goal at most 1.3×

Every command is a fresh process of this Python, started as the `selfeval` script starts it;
runs alternate, and the medians are compared: of the time until the process ends (what the
clerk waits), and of the processor time it used (steadier on a machine others are using too).

    python -m benchmarks.bench_cli [--runs 21] [--phases]

`--phases` also prints where `selfeval export --docx` goes, measured inside one process.
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


#: Where `selfeval export --docx` goes, phase by phase (processor time), in one process.
PHASES = """
import sys, time
marks = [("", time.process_time())]
import pydantic
marks.append(("import pydantic", time.process_time()))
import selfeval_gui.domain.model
marks.append(("pydantic's model machinery and the report model", time.process_time()))
import selfeval_gui.cli
marks.append(("the command line, validation, project file", time.process_time()))
import docx
marks.append(("import python-docx", time.process_time()))
from selfeval_gui.exporters.word import docx_bytes
marks.append(("the Word exporter", time.process_time()))
from pathlib import Path
from selfeval_gui.domain.validation import validate
from selfeval_gui.storage.projectfile import load_report
report = load_report(Path(sys.argv[1]))
validate(report)
marks.append(("load and validate the sample", time.process_time()))
docx_bytes(report)
marks.append(("build the document", time.process_time()))
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"  {name:50s} {1000 * (after - before):6.1f} ms")
print(f"  {'total in the process (after Python started)':50s} {1000 * (marks[-1][1] - marks[0][1]):6.1f} ms")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--phases", action="store_true", help="where the export's time goes")
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
    print(f"the sample report, {args.runs} runs each, medians")
    for name, (ours_command, floor_command) in pairs.items():
        for command in (ours_command, floor_command):  # warm the file cache and the bytecode
            _time(command, env)
        ours: list[Times] = []
        floor: list[Times] = []
        for _ in range(args.runs):
            ours.append(_time(ours_command, env))
            floor.append(_time(floor_command, env))
        for kind in Times._fields:
            o = statistics.median(getattr(t, kind) for t in ours)
            f = statistics.median(getattr(t, kind) for t in floor)
            met = o / f <= GOALS[name]
            print(f"selfeval {name:14} {kind:4}  {o * 1000:6.1f} ms   floor {f * 1000:6.1f} ms   "
                  f"ratio {o / f:.2f}×   goal ≤ {GOALS[name]}×   {'met' if met else 'NOT met'}")
    if args.phases:
        print("selfeval export --docx by phase (processor time, one process):")
        result = subprocess.run([python, "-c", PHASES, sample], env=env, capture_output=True, text=True, timeout=120)
        print(result.stdout.rstrip() or result.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
