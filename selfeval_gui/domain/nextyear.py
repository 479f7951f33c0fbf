"""Next year's report from this year's: the structure stays, the results are cleared."""

from __future__ import annotations

from selfeval_gui.domain.model import LAST_YEAR, Budget, BudgetRow, Duty, Indicator, KeyTask, Report


def next_year_report(report: Report) -> Report:
    """Same department, duties, task names, indicator names, targets and sources, and project
    names; actuals, completions, reasons, amounts and the text sections cleared; year + 1. The
    submission block's unit and people are kept, its date cleared."""
    return Report(
        city=report.city,
        year=report.year + 1 if report.year and report.year < LAST_YEAR else None,
        department=report.department,
        budget=Budget(
            basic=BudgetRow(name=report.budget.basic.name),
            projects_total=BudgetRow(name=report.budget.projects_total.name),
            projects=[BudgetRow(name=row.name) for row in report.budget.projects],
        ),
        duties=[
            Duty(text=duty.text, tasks=[KeyTask(name=task.name) for task in duty.tasks])
            for duty in report.duties
        ],
        indicators=[
            Indicator(
                group=i.group, category=i.category, name=i.name, target=i.target, source=i.source
            )
            for i in report.indicators
        ],
        comparator_style=report.comparator_style,
        submission=report.submission.model_copy(update={"date": None}),
    )
