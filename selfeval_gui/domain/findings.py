"""Findings: what validation says about a report, where, and what to do about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from selfeval_gui.domain.submission import SUBMISSION_LABELS
from selfeval_gui.domain.submission import column as submission_column


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def order(self) -> int:
        return ("error", "warning", "info").index(self.value)


class Table(StrEnum):
    OVERVIEW = "overview"
    BUDGET = "budget"
    TASKS = "tasks"
    INDICATORS = "indicators"

    @property
    def label(self) -> str:
        return {
            "overview": "概况",
            "budget": "预算信息",
            "tasks": "年度重点任务",
            "indicators": "部门整体自评表",
        }[self.value]

    @property
    def table_name(self) -> str:
        """`预算信息表`, `部门整体自评表`: the label as the name of a table."""
        return self.label if self.label.endswith("表") else f"{self.label}表"


class Code(StrEnum):
    BUDGET_ITEMS_SUM = "BUDGET_ITEMS_SUM"
    BUDGET_OVERSPEND = "BUDGET_OVERSPEND"
    BUDGET_NEGATIVE = "BUDGET_NEGATIVE"
    IND_UNPARSEABLE = "IND_UNPARSEABLE"
    IND_UNIT_MISMATCH = "IND_UNIT_MISMATCH"
    IND_TARGET_BARE = "IND_TARGET_BARE"
    IND_TARGET_MISSED = "IND_TARGET_MISSED"
    IND_FAR_EXCEEDED = "IND_FAR_EXCEEDED"
    IND_REASON_MISSING = "IND_REASON_MISSING"
    IND_CROSSCHECK = "IND_CROSSCHECK"
    TEXT_REQUIRED = "TEXT_REQUIRED"
    TEXT_REPEATED = "TEXT_REPEATED"
    IND_SOURCE_YEAR = "IND_SOURCE_YEAR"
    TEXT_CARRIED = "TEXT_CARRIED"
    #: Not a rule: a pasted computed figure that differs from the computed one (`paste_check`).
    PASTE_COMPUTED = "PASTE_COMPUTED"


#: The kinds of findings that can carry a one-key fix (`fixes`): here, beside the codes, so that
#: the command line offers them without loading the fixes and the edits under them.
FIXABLE = frozenset({
    Code.IND_CROSSCHECK, Code.BUDGET_ITEMS_SUM, Code.IND_SOURCE_YEAR, Code.TEXT_REPEATED,
    Code.TEXT_REQUIRED,  # an empty project row (the only such finding with a fix)
})

#: Default for "far exceeded" (`IND_FAR_EXCEEDED`): a `>=` target beaten by more than this
#: many percent. Here, with no model behind it, so that the editor's settings read it without
#: loading the report model.
DEFAULT_FAR_EXCEEDED_THRESHOLD = Decimal(20)


#: Where a finding sorts: table, row, column, severity, code.
SortKey = tuple[int, int, int, int, str]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `row` is 0-based within its table (`None` for the overview
    and for whole-table findings); `column` is the field's key (see `columns`)."""

    code: Code
    severity: Severity
    table: Table
    row: int | None
    column: str | None
    message: str

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "table": self.table.value,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    @property
    def sort_key(self) -> SortKey:
        return (
            list(Table).index(self.table),
            -1 if self.row is None else self.row,
            column_order(self.table, self.column),
            self.severity.order,
            self.code.value,
        )


@dataclass(frozen=True, slots=True)
class Note:
    """What an import or export corrected, assumed or could not keep, and where: unlike a
    finding, it is about the conversion, not about the report."""

    message: str
    table: Table | None = None
    row: int | None = None
    column: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "message": self.message,
            "table": self.table.value if self.table else None,
            "row": self.row,
            "column": self.column,
        }


def column_order(table: Table, column: str | None) -> int:
    keys = COLUMNS[table]
    return keys.index(column) if column in keys else -1


# Column keys of each table, in display order, with their Chinese headings.
OVERVIEW_FIELDS: dict[str, str] = {
    "city": "城市",
    "year": "年度",
    "department": "预算部门名称",
    "goals": "年度履职目标完成情况",
    "profile": "部门（单位）概况",
    "performance": "部门（单位）整体支出绩效实现情况",
    "problems": "部门（单位）整体支出绩效中存在问题及改进措施",
    "application": "绩效自评结果拟应用和公开情况",
    # The submission block (填报信息), edited in 概况 too.
    **{submission_column(name): label for name, label in SUBMISSION_LABELS.items()},
}
BUDGET_COLUMNS: dict[str, str] = {
    "name": "项目",
    "initial": "年初预算数（万元）",
    "adjustment": "上年度结转及当年预算追加追减数（万元）",
    "adjusted": "调整预算数（万元）",
    "actual": "实际支出数（万元）",
    "rate": "执行率（%）",
}
TASK_COLUMNS: dict[str, str] = {
    "duty": "对应部门主要职责",
    "name": "任务名称",
    "completion": "完成情况",
}
INDICATOR_COLUMNS: dict[str, str] = {
    "group": "目标",
    "category": "类别",
    "name": "指标名称",
    "target": "指标目标值",
    "actual": "指标完成值",
    "source": "完成值来源",
    "deviation": "偏差情况",
    "reason": "原因分析",
}
COLUMNS: dict[Table, tuple[str, ...]] = {
    Table.OVERVIEW: tuple(OVERVIEW_FIELDS),
    Table.BUDGET: tuple(BUDGET_COLUMNS),
    Table.TASKS: tuple(TASK_COLUMNS),
    Table.INDICATORS: tuple(INDICATOR_COLUMNS),
}
HEADINGS: dict[Table, dict[str, str]] = {
    Table.OVERVIEW: OVERVIEW_FIELDS,
    Table.BUDGET: BUDGET_COLUMNS,
    Table.TASKS: TASK_COLUMNS,
    Table.INDICATORS: INDICATOR_COLUMNS,
}


def budget_label(column: str) -> str:
    """A column of 预算信息 without its unit, as messages name it: `实际支出数`, `执行率`."""
    return BUDGET_COLUMNS[column].removesuffix("（万元）").removesuffix("（%）")


def location_label(finding: Finding) -> str:
    """`预算信息 第3行 实际支出数（万元）`, for lists and command-line output."""
    return place_label(finding.table, finding.row, finding.column)


def place_label(table: Table, row: int | None, column: str | None) -> str:
    """`预算信息 第3行 实际支出数（万元）`: a cell, a row or a table, in the clerk's words."""
    parts = [table.label]
    if row is not None:
        parts.append(f"第{row + 1}行")
    if column is not None:
        parts.append(HEADINGS[table].get(column, column))
    return " ".join(parts)


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many of `findings` there are of each severity (every severity, in its order)."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def finding_text(finding: Finding) -> str:
    """`【错误】…`: the message with its severity, where the place is shown already (the
    cell's tooltip, the status bar after going to it, the notes under a section)."""
    return f"【{finding.severity.label}】{finding.message}"


def finding_line(finding: Finding) -> str:
    """`[错误] 预算信息 第3行 实际支出数（万元）：…`: severity, place and message on one line,
    where findings are listed away from the report (the command line, the note before an
    export)."""
    return f"[{finding.severity.label}] {location_label(finding)}：{finding.message}"
