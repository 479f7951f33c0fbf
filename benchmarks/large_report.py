"""A large, realistic report for benchmarks: the sample's text and rows, repeated and varied."""

from __future__ import annotations

from decimal import Decimal

from selfeval_gui.domain.model import BudgetRow, Duty, Indicator, KeyTask, Report
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report


def large_report(indicators: int = 500, budget_rows: int = 200, duties: int = 40) -> Report:
    sample = load_report(sample_report_path())
    report = sample.model_copy(deep=True)
    seeds = sample.indicators
    report.indicators = [
        Indicator(**{**seeds[i % len(seeds)].model_dump(), "name": f"{seeds[i % len(seeds)].name}（{i + 1}）"})
        for i in range(indicators)
    ]
    projects = sample.budget.projects
    report.budget.projects = [
        BudgetRow(
            name=f"{projects[i % len(projects)].name}{i + 1}",
            initial=Decimal(f"{(i * 37) % 900 + 10}.{i % 100:02d}"),
            adjustment=Decimal(i % 7) if i % 3 else None,
            actual=Decimal(f"{(i * 37) % 900 + 5}.{(i * 3) % 100:02d}"),
        )
        for i in range(budget_rows - 3)
    ]
    tasks = [t for d in sample.duties for t in d.tasks]
    report.duties = [
        Duty(
            text=f"{sample.duties[i % len(sample.duties)].text[:60]}（职责{i + 1}）",
            tasks=[KeyTask(name=f"{t.name}{i + 1}", completion=t.completion) for t in tasks[i % 3 : i % 3 + 2]],
        )
        for i in range(duties)
    ]
    return report
