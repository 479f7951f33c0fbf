"""Every derived figure of the report, computed exactly from what was typed.

Table 7: 调整预算数 = 年初预算数 + 上年度结转及追加追减数; 执行率 = 实际支出数 ÷ 调整预算数 × 100;
预算总金额 = 基本支出 + 项目支出, column by column.
Table 9: 偏差情况 and whether each indicator met, missed or far exceeded its target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from selfeval_gui.domain.findings import DEFAULT_FAR_EXCEEDED_THRESHOLD
from selfeval_gui.domain.measure import Comparator, Quality, Quantity, comparable, parse_measure, rank
from selfeval_gui.domain.model import TOTAL_NAME, Budget, BudgetRow, Indicator
from selfeval_gui.domain.money import HUNDRED, ZERO, format_percent, round_cents, trimmed


def _sum(*amounts: Decimal | None) -> Decimal | None:
    present = [a for a in amounts if a is not None]
    return sum(present, ZERO) if present else None


def adjusted_budget(row: BudgetRow) -> Decimal | None:
    """调整预算数; blank when both 年初预算数 and 追加追减 are blank."""
    return _sum(row.initial, row.adjustment)


def execution_rate(actual: Decimal | None, adjusted: Decimal | None) -> Decimal | None:
    """执行率 in percent, unrounded; `None` when undefined (no actual, 调整预算数 blank or 0)."""
    if actual is None or adjusted is None or adjusted == 0:
        return None
    return actual / adjusted * HUNDRED


def implied_adjustment(initial: Decimal | None, adjusted: Decimal) -> Decimal | None:
    """上年度结转及追加追减数 where a table gives 调整预算数 (or 全年预算数) but not it:
    调整预算数 − 年初预算数 (a blank 年初 counting as 0); `None` when there is no difference."""
    return trimmed(adjusted - (initial or ZERO)) or None


def rate_text(actual: Decimal | None, adjusted: Decimal | None) -> str:
    """执行率 as the editor, Word, Excel and the command line show it, this year's and last
    year's: `96.94%`; `—` where it is undefined (money spent against a 调整预算数 of 0 or
    none); blank while nothing is spent, like the 实际支出数 beside it."""
    rate = execution_rate(actual, adjusted)
    if rate is not None:
        return format_percent(rate)
    return "" if actual is None else "—"


def total_row(budget: Budget) -> BudgetRow:
    """预算总金额 = 基本支出 + 项目支出, column by column."""
    basic, projects = budget.basic, budget.projects_total
    return BudgetRow(
        name=TOTAL_NAME,
        initial=_sum(basic.initial, projects.initial),
        adjustment=_sum(basic.adjustment, projects.adjustment),
        actual=_sum(basic.actual, projects.actual),
    )


class BudgetRowKind(StrEnum):
    TOTAL = "total"
    BASIC = "basic"
    PROJECTS = "projects"
    PROJECT = "project"


#: Rows of table 7 before the first project row: 预算总金额, 基本支出, 项目支出.
FIXED_BUDGET_ROWS = 3


@dataclass(frozen=True, slots=True)
class BudgetFigures:
    """One row of table 7 with its computed columns."""

    kind: BudgetRowKind
    name: str
    initial: Decimal | None
    adjustment: Decimal | None
    adjusted: Decimal | None
    actual: Decimal | None
    rate: Decimal | None

    @classmethod
    def of(cls, kind: BudgetRowKind, row: BudgetRow) -> BudgetFigures:
        adjusted = adjusted_budget(row)
        return cls(
            kind, row.name, row.initial, row.adjustment, adjusted, row.actual,
            execution_rate(row.actual, adjusted),
        )


def budget_row_source(budget: Budget, index: int) -> tuple[BudgetRowKind, BudgetRow]:
    """The kind and typed row behind row `index` of table 7 (row 0, the total, is computed)."""
    if index == 0:
        return BudgetRowKind.TOTAL, total_row(budget)
    if index == 1:
        return BudgetRowKind.BASIC, budget.basic
    if index == 2:
        return BudgetRowKind.PROJECTS, budget.projects_total
    return BudgetRowKind.PROJECT, budget.projects[index - FIXED_BUDGET_ROWS]


def budget_figures(budget: Budget, index: int) -> BudgetFigures:
    return BudgetFigures.of(*budget_row_source(budget, index))


def budget_table(budget: Budget) -> list[BudgetFigures]:
    """Table 7 as published: 预算总金额, 基本支出, 项目支出, then the projects."""
    return [budget_figures(budget, i) for i in range(FIXED_BUDGET_ROWS + len(budget.projects))]


@dataclass(frozen=True, slots=True)
class PreviousFigures:
    """Last year's 调整预算数 and 实际支出数 of a row of table 7, and its 执行率 (上年执行率)."""

    adjusted: Decimal | None
    actual: Decimal | None

    @property
    def rate(self) -> Decimal | None:
        return execution_rate(self.actual, self.adjusted)


def previous_figures(budget: Budget, index: int) -> PreviousFigures | None:
    """Last year's figures of row `index` of table 7; `None` for a row added this year. The
    预算总金额 row adds up last year's 基本支出 and 项目支出, as this year's does."""
    if index == 0:
        parts = [row.previous for row in (budget.basic, budget.projects_total) if row.previous is not None]
        if not parts:
            return None
        return PreviousFigures(_sum(*(p.adjusted for p in parts)), _sum(*(p.actual for p in parts)))
    previous = budget_row_source(budget, index)[1].previous
    return None if previous is None else PreviousFigures(previous.adjusted, previous.actual)


class Outcome(StrEnum):
    MET = "met"
    MISSED = "missed"
    FAR_EXCEEDED = "far_exceeded"
    #: Both parse but cannot be compared (units differ, a number against a word).
    INCOMPARABLE = "incomparable"
    #: Target or actual does not parse.
    INVALID = "invalid"
    #: Target or actual is blank.
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Evaluation:
    outcome: Outcome
    #: 偏差情况 exactly as the report shows it: `5.56%`, `0.00%`, `100%`, `0%`, `未达到`.
    deviation: str
    #: The deviation in percent for a quantitative pair, rounded as shown.
    deviation_value: Decimal | None = None

    @property
    def needs_reason(self) -> bool:
        """The national rules ask for 原因分析 when a target is missed or far exceeded."""
        return self.outcome in (Outcome.MISSED, Outcome.FAR_EXCEEDED)


QUALITATIVE_MET = "0%"
QUALITATIVE_MISSED = "未达到"
NOT_COMPARABLE = "—"


@lru_cache(maxsize=8192)
def evaluate(
    target_text: str, actual_text: str, threshold: Decimal = DEFAULT_FAR_EXCEEDED_THRESHOLD
) -> Evaluation:
    """Compare an indicator's actual with its target and compute its 偏差情况."""
    target = parse_measure(target_text)
    actual = parse_measure(actual_text, actual=True)
    if target is None or actual is None:
        return Evaluation(Outcome.EMPTY, "")
    if isinstance(target, Quantity) and isinstance(actual, Quantity):
        target, actual = comparable(target, actual)
        if target.unit != actual.unit:
            return Evaluation(Outcome.INCOMPARABLE, NOT_COMPARABLE)
        return _evaluate_quantity(target, actual.value, threshold)
    if isinstance(target, Quality) and isinstance(actual, Quality):
        met = qualitative_met(target.word, actual.word)
        return Evaluation(
            Outcome.MET if met else Outcome.MISSED, QUALITATIVE_MET if met else QUALITATIVE_MISSED
        )
    if isinstance(target, Quantity | Quality) and isinstance(actual, Quantity | Quality):
        return Evaluation(Outcome.INCOMPARABLE, NOT_COMPARABLE)
    return Evaluation(Outcome.INVALID, NOT_COMPARABLE)


def _evaluate_quantity(target: Quantity, actual: Decimal, threshold: Decimal) -> Evaluation:
    goal = target.value
    met = target.comparator.holds(actual, goal)
    if goal == 0:
        # A zero target has no relative deviation; the published convention is 100% for a
        # miss and 0.00% for a target met (-5.2% against <=0% is met: never 100%).
        deviation, text = (ZERO, "0.00%") if met else (HUNDRED, "100%")
    else:
        deviation = round_cents((actual - goal) / goal * HUNDRED)
        text = f"{deviation:f}%"
    if not met:
        outcome = Outcome.MISSED
    elif (
        target.comparator in (Comparator.GE, Comparator.GT)
        and goal != 0
        and deviation > threshold
    ):
        outcome = Outcome.FAR_EXCEEDED
    else:
        outcome = Outcome.MET
    return Evaluation(outcome, text, deviation)


def previous_evaluation(
    indicator: Indicator, threshold: Decimal = DEFAULT_FAR_EXCEEDED_THRESHOLD
) -> Evaluation | None:
    """Last year's 偏差情况 of an indicator, computed with last year's target; `None` for an
    indicator added this year."""
    previous = indicator.previous
    return None if previous is None else evaluate(previous.target, previous.actual, threshold)


def qualitative_met(target: str, actual: str) -> bool:
    """Equal words meet; words on one known scale meet when the actual ranks as high."""
    if target == actual:
        return True
    target_rank, actual_rank = rank(target), rank(actual)
    if target_rank is None or actual_rank is None or target_rank[0] != actual_rank[0]:
        return False
    return actual_rank[1] <= target_rank[1]
