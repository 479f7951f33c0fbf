"""The rules: a pure function from a report to its findings.

Nothing here refuses anything: findings are shown, and the clerk decides. Every message says
what is wrong and what to do, in the clerk's words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from selfeval_gui.domain.common_indicators import common_indicator
from selfeval_gui.domain.compute import (
    FIXED_BUDGET_ROWS,
    BudgetFigures,
    BudgetRowKind,
    Outcome,
    budget_table,
    evaluate,
)
from selfeval_gui.domain.findings import (
    DEFAULT_FAR_EXCEEDED_THRESHOLD,
    INDICATOR_COLUMNS,
    OVERVIEW_FIELDS,
    TASK_COLUMNS,
    Code,
    Finding,
    Severity,
    Table,
    budget_label,
)
from selfeval_gui.domain.measure import Comparator, Quantity, Unparseable, comparable, parse_measure
from selfeval_gui.domain.model import Budget, BudgetRow, ComparatorStyle, Indicator, Report, Section
from selfeval_gui.domain.money import ZERO, amount_text, as_written, format_percent, plain
from selfeval_gui.domain.text_checks import excerpt, is_carried, repeated_passage
from selfeval_gui.domain.years import years_off


@dataclass(frozen=True, slots=True)
class ValidationOptions:
    #: A `>=` target beaten by more than this many percent is "far exceeded".
    far_exceeded_threshold: Decimal = DEFAULT_FAR_EXCEEDED_THRESHOLD


def validate(report: Report, options: ValidationOptions | None = None) -> list[Finding]:
    """Every finding about `report`, in table, row and column order."""
    options = options or ValidationOptions()
    findings = [
        *validate_overview(report),
        *validate_budget(report.budget),
        *validate_tasks(report),
        *validate_indicators(report, options),
    ]
    findings.sort(key=lambda f: f.sort_key)
    return findings


def quoted(text: str) -> str:
    """A name in Chinese quotation marks, unless it carries its own (“三公经费”变动率); a long
    one cut (see `excerpt`)."""
    text = excerpt(text.strip())
    return text if "“" in text else f"“{text}”"


# ---------------------------------------------------------------- 概况


def validate_overview(report: Report) -> Iterator[Finding]:
    def required(column: str, value: object, hint: str) -> Iterator[Finding]:
        if value is None or (isinstance(value, str) and not value.strip()):
            yield Finding(
                Code.TEXT_REQUIRED, Severity.ERROR, Table.OVERVIEW, None, column,
                f"“{OVERVIEW_FIELDS[column]}”未填写：{hint}",
            )

    yield from required("city", report.city, "请填写城市名称，例如 苏州市。")
    yield from required("year", report.year, "请填写报告年度，例如 2023。")
    yield from required("department", report.department, "请填写预算部门（单位）的全称。")
    for section in Section:
        text = report.overview.text(section)
        yield from required(section.value, text, f"请填写第{section.numeral}部分的内容。")
        yield from _repeated(Table.OVERVIEW, None, section.value, text, f"第{section.numeral}部分")
        if report.previous is not None and is_carried(text, report.previous.overview.text(section)):
            last_year = f"{report.previous.year}年度" if report.previous.year else "上一年度"
            yield Finding(
                Code.TEXT_CARRIED, Severity.INFO, Table.OVERVIEW, None, section.value,
                f"第{section.numeral}部分与{last_year}报告的文字相同，是沿用上年的初稿："
                "请按本年度的情况核对修改（年份、人数、金额等）。",
            )


def _repeated(table: Table, row: int | None, column: str, text: str, where: str) -> Iterator[Finding]:
    passage = repeated_passage(text)
    if passage is not None:
        shown = passage if len(passage) <= 24 else passage[:24] + "……"
        yield Finding(
            Code.TEXT_REPEATED, Severity.WARNING, table, row, column,
            f"{where}中同一段文字出现了两次（“{shown}”，{len(passage)} 字），"
            "可能是粘贴时重复了，请删去重复的部分。",
        )


# ---------------------------------------------------------------- 预算信息


_AMOUNT_COLUMNS = ("initial", "adjustment", "actual")


def is_empty_row(row: BudgetRow) -> bool:
    """A project row with nothing in it, this year or last: no name, no amount, no figure of
    last year's (an empty row of last year's report comes over with an empty reference)."""
    previous = row.previous
    return (
        not row.name.strip()
        and (previous is None or (previous.adjusted is None and previous.actual is None))
        and all(getattr(row, column) is None for column in _AMOUNT_COLUMNS)
    )


def validate_budget(budget: Budget) -> Iterator[Finding]:
    rows = budget_table(budget)
    sums = list(_items_sum(rows))
    yield from sums
    summed = {(f.row, f.column) for f in sums}
    for index, figures in enumerate(rows):
        if figures.kind is BudgetRowKind.TOTAL:
            continue
        if figures.kind is BudgetRowKind.PROJECT and is_empty_row(budget.projects[index - FIXED_BUDGET_ROWS]):
            yield Finding(
                Code.TEXT_REQUIRED, Severity.ERROR, Table.BUDGET, index, "name",
                f"第{index + 1}行是空行（没有项目名称和金额），请填写项目，或删除这一行。",
            )
            continue
        where = quoted(figures.name) if figures.name.strip() else f"第{index + 1}行"
        if figures.kind is BudgetRowKind.PROJECT and not figures.name.strip():
            yield Finding(
                Code.TEXT_REQUIRED, Severity.ERROR, Table.BUDGET, index, "name",
                f"第{index + 1}行没有项目名称，请填写项目名称。",
            )
        for column, hint in _blank_amounts(figures):
            if (index, column) not in summed:
                yield Finding(
                    Code.TEXT_REQUIRED, Severity.ERROR, Table.BUDGET, index, column,
                    f"{where}的{budget_label(column)}未填写，请填写（{hint}）。",
                )
        for column in ("initial", "actual"):
            value = getattr(figures, column)
            if value is not None and value < 0:
                yield Finding(
                    Code.BUDGET_NEGATIVE, Severity.ERROR, Table.BUDGET, index, column,
                    f"{where}的{budget_label(column)}为负数（{amount_text(value)}），"
                    "只有“上年度结转及当年预算追加追减数”可以为负（追减），请改为正数或移到追加追减列。",
                )
        if figures.adjusted is not None and figures.adjusted < 0:
            yield Finding(
                Code.BUDGET_NEGATIVE, Severity.ERROR, Table.BUDGET, index, "adjustment",
                f"{where}的追减数大于年初预算数，调整预算数为负（{amount_text(figures.adjusted)}），"
                "请核对追加追减数。",
            )
        if figures.actual is not None and figures.actual > 0 and figures.adjusted is None:
            yield Finding(
                Code.BUDGET_OVERSPEND, Severity.ERROR, Table.BUDGET, index, "actual",
                f"{where}有实际支出数 {amount_text(figures.actual)}，但没有任何预算（年初预算数和追加追减数都为空），"
                "请补填预算数，或核对这笔支出是否记错了行。",
            )
        elif (
            figures.actual is not None
            and figures.adjusted is not None
            and figures.actual > figures.adjusted
        ):
            yield Finding(
                Code.BUDGET_OVERSPEND, Severity.ERROR, Table.BUDGET, index, "actual",
                f"{where}的实际支出数 {amount_text(figures.actual)} 超过调整预算数 "
                f"{amount_text(figures.adjusted)}（超出 {amount_text(figures.actual - figures.adjusted)} 万元，"
                f"执行率 {format_percent(figures.rate)}），请核对实际支出数或补录追加预算。",
            )


def _blank_amounts(figures: BudgetFigures) -> Iterator[tuple[str, str]]:
    """The amounts of a row that are required and blank, each with what to write instead. A
    blank 追加追减 is 0; so is a blank 年初预算数 beside one (a project funded during the
    year). A row spent without any budget is said by `BUDGET_OVERSPEND`."""
    if figures.adjusted is None and figures.actual is None:
        yield "initial", "没有年初预算的填 0"
    if figures.actual is None:
        yield "actual", "没有支出的填 0"


def _items_sum(rows: list[BudgetFigures]) -> Iterator[Finding]:
    projects = rows[FIXED_BUDGET_ROWS:]
    if not projects:
        return
    total_index = FIXED_BUDGET_ROWS - 1
    total = rows[total_index]
    for column in _AMOUNT_COLUMNS:
        values = [getattr(p, column) for p in projects]
        items = sum((v or ZERO for v in values), ZERO)
        stated: Decimal | None = getattr(total, column)
        if items == (stated or ZERO):
            continue
        label = budget_label(column)
        if stated is None:
            advice = (f"“项目支出”行的{label}未填写，各项目合计 {amount_text(items)} 万元。"
                      "请在“项目支出”行填写各项目之和，或核对各项目的金额。")
        elif column != "adjustment" and all(v is None for v in values):
            # A blank 追加追减 is 0, but a blank 年初预算数 or 实际支出数 is not filled in yet.
            advice = (f"各项目都未填写{label}，“项目支出”行为 {amount_text(stated)} 万元。"
                      f"请填写各项目的{label}，或核对“项目支出”行。")
        else:
            difference = stated - items
            advice = (
                f"各项目的{label}合计 {amount_text(items)}，与“项目支出”行的 "
                f"{amount_text(stated)} 相差 {amount_text(difference)} 万元。"
                + ("请补列缺少的项目或更正金额。" if difference > 0 else "请核对是否有项目金额多填或重复列出。")
            )
        yield Finding(Code.BUDGET_ITEMS_SUM, Severity.ERROR, Table.BUDGET, total_index, column, advice)


# ---------------------------------------------------------------- 年度重点任务


def validate_tasks(report: Report) -> Iterator[Finding]:
    row = 0
    for duty_index, duty in enumerate(report.duties):
        first_row = row
        if not duty.text.strip():
            yield Finding(
                Code.TEXT_REQUIRED, Severity.ERROR, Table.TASKS, first_row, "duty",
                f"第{duty_index + 1}项职责未填写“{TASK_COLUMNS['duty']}”，请填写该职责的内容。",
            )
        yield from _repeated(Table.TASKS, first_row, "duty", duty.text, "该职责")
        for task in duty.tasks:
            label = quoted(task.name) if task.name.strip() else f"第{row + 1}行"
            if not task.name.strip():
                yield Finding(
                    Code.TEXT_REQUIRED, Severity.ERROR, Table.TASKS, row, "name",
                    f"第{row + 1}行未填写任务名称，请填写，或删除这一行。",
                )
            if not task.completion.strip():
                yield Finding(
                    Code.TEXT_REQUIRED, Severity.ERROR, Table.TASKS, row, "completion",
                    f"任务{label}未填写完成情况，请说明全年完成了什么（数量、效果）。",
                )
            yield from _repeated(Table.TASKS, row, "name", task.name, f"任务{label}的名称")
            yield from _repeated(Table.TASKS, row, "completion", task.completion, f"任务{label}的完成情况")
            if is_carried(task.completion, task.previous_completion):
                yield Finding(
                    Code.TEXT_CARRIED, Severity.INFO, Table.TASKS, row, "completion",
                    f"任务{label}的完成情况与上年相同，是沿用上年的文字：请按本年度的完成情况修改。",
                )
            row += 1


# ---------------------------------------------------------------- 部门整体自评表

_REQUIRED_INDICATOR_FIELDS = ("category", "name", "target", "actual", "source")


def validate_indicators(report: Report, options: ValidationOptions) -> Iterator[Finding]:
    threshold = options.far_exceeded_threshold
    for row, indicator in enumerate(report.indicators):
        yield from validate_indicator(report, row, indicator, threshold)


def validate_indicator(
    report: Report, row: int, indicator: Indicator, threshold: Decimal
) -> Iterator[Finding]:
    name = quoted(indicator.name) if indicator.name.strip() else f"第{row + 1}行指标"

    def finding(code: Code, severity: Severity, column: str, message: str) -> Finding:
        return Finding(code, severity, Table.INDICATORS, row, column, message)

    for column in _REQUIRED_INDICATOR_FIELDS:
        if not getattr(indicator, column).strip():
            yield finding(
                Code.TEXT_REQUIRED, Severity.ERROR, column,
                f"{name}未填写“{INDICATOR_COLUMNS[column]}”，请补填。",
            )
    for column in ("name", "reason"):
        yield from _repeated(Table.INDICATORS, row, column, getattr(indicator, column),
                             f"{name}的{INDICATOR_COLUMNS[column]}")
    if report.year is not None and (years := years_off(indicator.source, report.year)):
        named = "、".join(f"{y}年" for y in years)
        yield finding(
            Code.IND_SOURCE_YEAR, Severity.WARNING, "source",
            f"{name}的完成值来源“{indicator.source}”写的是{named}，本报告是{report.year}年度："
            f"请核对来源；如是本年度的资料，请改为{report.year}年。",
        )

    target = parse_measure(indicator.target)
    actual = parse_measure(indicator.actual, actual=True)
    for column, measure in (("target", target), ("actual", actual)):
        if isinstance(measure, Unparseable):
            yield finding(Code.IND_UNPARSEABLE, Severity.ERROR, column, f"{name}：{measure.reason}")
    if isinstance(target, Quantity) and not target.explicit:
        message = _bare_target_message(name, indicator.target, target, report.comparator_style)
        yield finding(Code.IND_TARGET_BARE, Severity.INFO, "target", message)
    evaluation = evaluate(indicator.target, indicator.actual, threshold)
    has_reason = bool(indicator.reason.strip())
    if evaluation.outcome is Outcome.INCOMPARABLE:
        yield finding(Code.IND_UNIT_MISMATCH, Severity.ERROR, "actual", _mismatch_message(name, target, actual))
    elif evaluation.outcome is Outcome.MISSED:
        # A word that misses has no figure to show: its 偏差情况 is 未达到 itself.
        shown = "" if evaluation.deviation_value is None else f"（偏差 {evaluation.deviation}）"
        yield finding(
            Code.IND_TARGET_MISSED, Severity.INFO if has_reason else Severity.WARNING, "actual",
            f"{name}未达到目标：目标值 {excerpt(indicator.target)}，完成值 {excerpt(indicator.actual)}{shown}。"
            + ("已填写原因分析。" if has_reason else "请在“原因分析”中说明未完成的原因和改进措施。"),
        )
    elif evaluation.outcome is Outcome.FAR_EXCEEDED:
        yield finding(
            Code.IND_FAR_EXCEEDED, Severity.INFO if has_reason else Severity.WARNING, "actual",
            f"{name}大幅超出目标：目标值 {excerpt(indicator.target)}，完成值 {excerpt(indicator.actual)}"
            f"（超出 {evaluation.deviation}，超过 {plain(threshold)}%）。"
            + ("已填写原因分析。" if has_reason else "按规定需说明超额完成的原因，以及目标值是否定得偏低。"),
        )
    if evaluation.needs_reason and not has_reason:
        yield finding(
            Code.IND_REASON_MISSING, Severity.ERROR, "reason",
            f"{name}"
            + ("未达到目标" if evaluation.outcome is Outcome.MISSED else "大幅超出目标")
            + "，“原因分析”不能为空：请说明原因。",
        )
    yield from _crosscheck(report, row, indicator, target, actual)


def _bare_target_message(name: str, written: str, target: Quantity, style: ComparatorStyle) -> str:
    equal, at_least, at_most = (
        Quantity(c, target.value, target.unit).text(style) for c in (Comparator.EQ, Comparator.GE, Comparator.LE)
    )
    return (
        f"{name}的目标值“{written}”没有比较符号，按“{equal}”（恰好等于）判断是否达到。"
        f"如本意是“不低于”或“不高于”，请改为“{at_least}”或“{at_most}”。"
    )


def _mismatch_message(name: str, target: object, actual: object) -> str:
    if isinstance(target, Quantity) and isinstance(actual, Quantity):
        return (
            f"{name}的完成值单位（“{actual.unit}”）与目标值单位（“{target.unit}”）不一致，"
            "无法计算偏差，请统一单位。"
        )
    return (
        f"{name}的目标值与完成值一个是数值、一个是定性词语，无法比较，"
        "请按目标值的形式填写完成值。"
    )


def _crosscheck(
    report: Report, row: int, indicator: Indicator, target: object, actual: object
) -> Iterator[Finding]:
    common = common_indicator(indicator.name)
    if common is None or not isinstance(actual, Quantity):
        return
    if isinstance(target, Quantity):
        # A bare `96` against `=100%` is 96%: checked like any percentage.
        _, actual = comparable(target, actual)
    if actual.unit != "%":
        return
    expected = common.compute(report.budget)
    if expected is None:
        # Not a disagreement: the table is not filled in yet, which its own findings say.
        yield Finding(
            Code.IND_CROSSCHECK, Severity.INFO, Table.INDICATORS, row, "actual",
            f"{quoted(indicator.name)}的完成值 {excerpt(indicator.actual)} 无法与预算信息表核对："
            f"{common.unavailable(report.budget)}。请先填写预算信息表，再核对此完成值。",
        )
        return
    # Compare at the precision the clerk wrote: 97% agrees with 96.94%, 96.9% with 96.94%.
    if not as_written(actual.value, expected):
        yield Finding(
            Code.IND_CROSSCHECK, Severity.ERROR, Table.INDICATORS, row, "actual",
            f"{quoted(indicator.name)}的完成值 {excerpt(indicator.actual)} 与预算信息表不符："
            f"按{common.formula}，应为 {format_percent(expected)}。请更正完成值或预算信息表。",
        )
