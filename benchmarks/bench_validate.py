"""Validation speed: a report with 500 indicators and 200 budget rows.

    .venv/bin/python -m benchmarks.bench_validate

Prints the median and p95 of a full `validate()` cold (every cache cleared: the first
validation after opening a file) and warm (the caches of unchanged cells kept: what the
editor pays per edit), against a floor measured in the same run: one pass that reads every
field of the same report and computes every derived figure once, without any rule.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.large_report import large_report
from selfeval_gui.domain import compute, measure, text_checks
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import validate


def clear_caches() -> None:
    measure.parse_measure.cache_clear()
    compute.evaluate.cache_clear()
    text_checks.longest_repeat.cache_clear()


def floor_pass(report: Report) -> int:
    """Read every typed field and compute table 7 once: less than any validation can do."""
    seen = sum(len(getattr(report.overview, f)) for f in type(report.overview).model_fields)
    seen += len(compute.budget_table(report.budget))
    for duty in report.duties:
        seen += len(duty.text) + sum(len(t.name) + len(t.completion) for t in duty.tasks)
    for i in report.indicators:
        seen += len(i.name) + len(i.target) + len(i.actual) + len(i.source) + len(i.reason)
    return seen


def timings(action: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None) -> list[float]:
    result = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        result.append((time.perf_counter() - start) * 1000)
    return result


def describe(name: str, ms: list[float]) -> str:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{name:<34} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms"


def main() -> None:
    report = large_report(indicators=500, budget_rows=200)
    findings = validate(report)
    print(f"report: {len(report.indicators)} indicators, {3 + len(report.budget.projects)} budget rows, "
          f"{sum(len(d.tasks) for d in report.duties)} task rows; {len(findings)} findings")
    floor = timings(lambda: floor_pass(report), 200)
    cold = timings(lambda: validate(report), 30, before=clear_caches)
    validate(report)
    warm = timings(lambda: validate(report), 200)
    print(describe("floor (read every field once)", floor))
    print(describe("validate, cold caches", cold))
    print(describe("validate, warm caches (per edit)", warm))
    base = statistics.median(floor)
    print(f"ratio to floor: cold {statistics.median(cold) / base:.1f}x, warm {statistics.median(warm) / base:.1f}x")


if __name__ == "__main__":
    main()
