"""`selfeval check` over many project files, as a finance bureau runs it: time to validate
them all and write the summary workbook, against a floor measured in the same run (only
loading the same files).

    python benchmarks/bench_check.py [--files 300] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from selfeval_gui.exporters.batch import check_paths
from selfeval_gui.exporters.summary import summary_workbook
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import ProjectFileError, load_report, save_report


def make_reports(folder: Path, count: int) -> list[Path]:
    """`count` reports like the sample, each a little different, in nested folders; one in
    fifty damaged."""
    sample = load_report(sample_report_path())
    paths = []
    for index in range(count):
        report = sample.model_copy(deep=True)
        report.department = f"苏州市第{index}局"
        report.overview.goals += f"本年度编号{index}。"
        report.budget.basic.actual = Decimal("848.80") + index
        for number, indicator in enumerate(report.indicators):
            indicator.reason = f"原因{index}-{number}" if number % 3 else indicator.reason
        path = folder / f"区{index % 7}" / f"{index:04d}.jxzp"
        path.parent.mkdir(exist_ok=True)
        save_report(report, path, keep_backup=False)
        if index % 50 == 49:
            path.write_bytes(path.read_bytes()[: 200])
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_reports(folder, args.files)
        check_times, floor_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            for path in paths:
                with contextlib.suppress(ProjectFileError):  # the damaged files
                    load_report(path)
            floor_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            results = list(check_paths([folder]))
            summary = summary_workbook(results, folder)
            (folder / "汇总.xlsx").write_bytes(summary)
            check_times.append(time.perf_counter() - start)
        check_s, floor_s = statistics.median(check_times), statistics.median(floor_times)
        findings = sum(len(r.findings) for r in results)
        unreadable = sum(r.report is None for r in results)
        print(f"{len(results)} project files ({unreadable} damaged), {findings} findings; median of {args.runs} runs")
        print(f"check + summary workbook  {check_s * 1000:8.1f} ms   {len(results) / check_s:6.0f} files/s")
        print(f"floor (loading only)      {floor_s * 1000:8.1f} ms   ratio {check_s / floor_s:4.1f}×")


if __name__ == "__main__":
    main()
