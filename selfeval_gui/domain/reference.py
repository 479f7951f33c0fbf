"""Last year beside this year: the reference columns shown beside tables 7 and 9 of a report
made from last year's, and their text.

The reference is read-only and never part of this year's tables; these columns are the
editor's and the command line's view of it (the Excel workbook's 上年对照 sheet uses the same
headings).
"""

from __future__ import annotations

from decimal import Decimal

from selfeval_gui.domain.compute import (
    previous_evaluation,
    previous_figures,
    rate_text,
)
from selfeval_gui.domain.findings import DEFAULT_FAR_EXCEEDED_THRESHOLD, Table
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.money import amount_or_blank, amount_text

#: The reference columns of each table, in display order, with their headings.
REFERENCE_COLUMNS: dict[Table, dict[str, str]] = {
    Table.BUDGET: {"previous_actual": "上年实际支出数（万元）", "previous_rate": "上年执行率（%）"},
    Table.INDICATORS: {"previous_actual": "上年完成值", "previous_deviation": "上年偏差情况"},
}


def has_reference(report: Report) -> bool:
    """Whether `report` was made from last year's and so has last year's reference."""
    return report.previous is not None


def last_year_label(report: Report) -> str:
    """`上年（2023年度）`, or `上年` where last year's report had no year."""
    year = report.previous.year if report.previous is not None else None
    return f"上年（{year}年度）" if year else "上年"


def reference_texts(report: Report, table: Table, row: int,
                    threshold: Decimal = DEFAULT_FAR_EXCEEDED_THRESHOLD) -> tuple[str, ...]:
    """The reference columns' text for row `row` of `table` (blank on a row added this year)."""
    columns = REFERENCE_COLUMNS.get(table, {})
    if table is Table.BUDGET:
        figures = previous_figures(report.budget, row)
        if figures is not None:
            return amount_text(figures.actual), rate_text(figures.actual, figures.adjusted)
    elif table is Table.INDICATORS:
        indicator = report.indicators[row]
        evaluation = previous_evaluation(indicator, threshold)
        if indicator.previous is not None and evaluation is not None:
            return indicator.previous.actual, evaluation.deviation
    return ("",) * len(columns)


def reference_note(report: Report, table: Table, row: int) -> str:
    """A sentence on the reference of a row: what the columns come from."""
    label = last_year_label(report)
    if table is Table.BUDGET:
        figures = previous_figures(report.budget, row)
        if figures is not None:
            return (f"{label}调整预算数 {amount_or_blank(figures.adjusted)}，"
                    f"实际支出数 {amount_or_blank(figures.actual)}，"
                    f"执行率 {rate_text(figures.actual, figures.adjusted) or '（无）'}。仅供对照，不能修改。")
    elif table is Table.INDICATORS:
        previous = report.indicators[row].previous
        if previous is not None:
            return (f"{label}目标值 {previous.target or '（空）'}，完成值 {previous.actual or '（空）'}；"
                    "偏差情况按上年的目标值计算。仅供对照，不能修改。")
    return "本年新增的行，没有上年的数据。"
