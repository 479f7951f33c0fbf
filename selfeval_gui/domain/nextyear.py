"""Next year's report from this year's: the structure stays, the results are cleared and kept
beside it as last year's reference."""

from __future__ import annotations

from selfeval_gui.domain.compute import adjusted_budget
from selfeval_gui.domain.model import (
    LAST_YEAR,
    Budget,
    BudgetRow,
    Duty,
    Indicator,
    KeyTask,
    Overview,
    PreviousBudget,
    PreviousIndicator,
    PreviousYear,
    Report,
)
from selfeval_gui.domain.years import replace_years

#: What making next year's report does, for the editor's status bar and the command line.
NEXT_YEAR_SUMMARY = (
    "职责、任务、指标、目标值与项目已保留，完成值来源中的年份已改为新年度；金额、完成值、完成情况"
    "已清空，上年的数值和文字作为参考列在旁边；第三、六部分沿用上年文字作为初稿，请核对修改。"
)


def next_year_report(report: Report) -> Report:
    """Same department, duties, task names, indicator names and targets, project names; year
    + 1. This year's figures, completions, reasons and texts are cleared and kept as last
    year's reference (上年实际支出数, 上年完成值, last year's sections). Sections 三 and 六
    barely change from year to year: they come over as drafts to check (see the rule
    TEXT_CARRIED). The years a 完成值来源 names move on with the report
    (`2023年度部门决算` → `2024年度部门决算`). The submission block's unit and people are
    kept, its date cleared."""
    year = report.year + 1 if report.year and report.year < LAST_YEAR else None

    def budget_row(row: BudgetRow) -> BudgetRow:
        return BudgetRow(name=row.name, previous=PreviousBudget(adjusted=adjusted_budget(row), actual=row.actual))

    def indicator(i: Indicator) -> Indicator:
        return Indicator(
            group=i.group, category=i.category, name=i.name, target=i.target,
            source=replace_years(i.source, lambda named: named + 1) if year else i.source,
            previous=PreviousIndicator(target=i.target, actual=i.actual),
        )

    budget = report.budget
    return Report(
        city=report.city,
        year=year,
        department=report.department,
        overview=Overview(profile=report.overview.profile, application=report.overview.application),
        budget=Budget(
            basic=budget_row(budget.basic),
            projects_total=budget_row(budget.projects_total),
            projects=[budget_row(row) for row in budget.projects],
        ),
        duties=[
            Duty(text=duty.text, tasks=[KeyTask(name=t.name, previous_completion=t.completion) for t in duty.tasks])
            for duty in report.duties
        ],
        indicators=[indicator(i) for i in report.indicators],
        comparator_style=report.comparator_style,
        previous=PreviousYear(year=report.year, overview=report.overview.model_copy()),
        submission=report.submission.model_copy(update={"date": None}),
    )
