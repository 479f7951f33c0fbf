"""Export times of the sample report against a floor measured in the same run.

The floor writes the same cells with the plain library and no styling: python-docx's
`add_paragraph` / `add_table` + `cell.text`, openpyxl's `append`. The goal is an export at
most 1.5× its floor. The PDF (the same pages as the Word file, painted with Qt) is timed next
to the Word export.

    python benchmarks/bench_export.py [--runs 15]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial

import docx
import openpyxl

from selfeval_gui.domain.compute import budget_table
from selfeval_gui.domain.model import Report, Section
from selfeval_gui.domain.money import amount_text
from selfeval_gui.exporters.excel import first_sheet, xlsx_bytes
from selfeval_gui.exporters.tables import indicator_lines, task_lines
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report

GOAL = 1.5


Cells = list[list[str | Decimal | None]]


def _cells(report: Report) -> tuple[list[str], list[Cells]]:
    """The report's paragraphs and its three tables' cells, as both floors write them."""
    paragraphs = [report.title, report.year_line, f"一、预算部门名称：{report.department}"]
    for section in Section:
        paragraphs.append(f"{section.numeral}、{section.heading}")
        paragraphs += report.overview.text(section).split("\n")
    budget: Cells = [
        [f.name, f.initial, f.adjustment, f.adjusted, f.actual, f.rate] for f in budget_table(report.budget)
    ]
    tasks: Cells = [[t.duty, t.name, t.completion] for t in task_lines(report)]
    indicators: Cells = [
        [line.indicator.group, line.indicator.category, line.indicator.name, line.indicator.target,
         line.indicator.actual, line.indicator.source, line.deviation, line.indicator.reason]
        for line in indicator_lines(report)
    ]
    return paragraphs, [budget, tasks, indicators]


def texts(report: Report) -> tuple[list[str], list[list[list[str]]]]:
    """The same paragraphs and cells, every cell as the text a Word table holds."""
    paragraphs, tables = _cells(report)
    return paragraphs, [
        [[value if isinstance(value, str) else amount_text(value) for value in row] for row in rows] for rows in tables
    ]


def plain_docx(report: Report) -> bytes:
    paragraphs, tables = texts(report)
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plain_xlsx(report: Report) -> bytes:
    paragraphs, tables = _cells(report)
    workbook = openpyxl.Workbook()
    overview = first_sheet(workbook)
    for text in paragraphs:
        overview.append([text])
    for rows in tables:
        sheet = workbook.create_sheet()
        for values in rows:
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def median_ms(first: Callable[[], object], second: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of `runs` timings of each, taken in alternation so that a load that comes and
    goes on the machine weighs on both alike."""
    first(), second()  # warm up: imports, caches
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    report = load_report(sample_report_path())
    print(f"sample: {len(report.budget.projects)} projects, {len(report.task_rows())} task rows, "
          f"{len(report.indicators)} indicators; median of {args.runs} runs")
    worst = 0.0
    for label, ours, floor in (("Word", docx_bytes, plain_docx), ("Excel", xlsx_bytes, plain_xlsx)):
        ours_ms, floor_ms = median_ms(partial(ours, report), partial(floor, report), args.runs)
        ratio = ours_ms / floor_ms
        worst = max(worst, ratio)
        print(f"{label:5}  export {ours_ms:7.1f} ms   floor (plain, unstyled) {floor_ms:7.1f} ms   ratio {ratio:4.2f}×")
    print(f"goal ≤ {GOAL}×: {'met' if worst <= GOAL else 'NOT met'}")

    from selfeval_gui.render.pdf import ensure_application, pdf_bytes

    ensure_application()
    pdf_ms, word_ms = median_ms(lambda: pdf_bytes(report), lambda: docx_bytes(report), args.runs)
    print(f"PDF    export {pdf_ms:7.1f} ms   Word export {word_ms:7.1f} ms   PDF / Word {pdf_ms / word_ms:4.2f}×")


if __name__ == "__main__":
    main()
