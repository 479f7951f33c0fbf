"""Tables 7, 8 and 9 as both documents lay them out: the published headings, the rows, and
which cells are merged (`edits.merged_runs`, as the editor shows them)."""

from __future__ import annotations

from dataclasses import dataclass

from selfeval_gui.domain.compute import evaluate
from selfeval_gui.domain.edits import merged_runs, row_count
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import Indicator, Report

TABLE_TITLES = {Table.BUDGET: "7、预算信息", Table.TASKS: "8、年度重点任务", Table.INDICATORS: "9、部门整体自评表"}

# Column headings as the published report prints them.
BUDGET_HEADINGS = (
    "本年度预算资金（万元）",
    "年初预算数（万元）",
    "上年度结转及当年预算追加追减数（万元）",
    "调整预算数（万元）",
    "实际支出数（万元）",
    "执行率（%）",
)
TASK_HEADINGS = ("对应部门主要职责", "任务名称", "完成情况")
#: The published table leaves the goal column's heading blank.
INDICATOR_HEADINGS = ("", "类别", "指标名称", "指标目标值", "指标完成值", "完成值来源", "偏差情况", "原因分析")


def first_row_spans(report: Report, table: Table, column: str) -> list[int]:
    """For each row, how many rows its cell spans: the merged cell's length on its first row,
    0 on the rows it covers (as both documents write merged cells)."""
    result = [0] * row_count(report, table)
    for run in merged_runs(report, table, column):
        result[run.start] = len(run)
    return result


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One row of table 8. `duty_rows` is the number of rows the duty cell spans on the
    duty's first row, 0 on the rows it covers."""

    duty: str
    name: str
    completion: str
    duty_rows: int


def task_lines(report: Report) -> list[TaskLine]:
    duties = first_row_spans(report, Table.TASKS, "duty")
    tasks = [(duty, task) for duty in report.duties for task in duty.tasks]
    return [TaskLine(duty.text, task.name, task.completion, duties[n]) for n, (duty, task) in enumerate(tasks)]


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """One row of table 9 with its computed 偏差情况 and the spans of its merged cells."""

    indicator: Indicator
    deviation: str
    group_rows: int
    category_rows: int


def indicator_lines(report: Report) -> list[IndicatorLine]:
    groups = first_row_spans(report, Table.INDICATORS, "group")
    categories = first_row_spans(report, Table.INDICATORS, "category")
    return [
        IndicatorLine(i, evaluate(i.target, i.actual).deviation, groups[n], categories[n])
        for n, i in enumerate(report.indicators)
    ]
