"""Common indicators (财预〔2013〕53号 附件2) that the budget table determines.

Denominators differ between cities; this table is the one place to change them. Each entry
names the indicator as it appears in 指标名称 and computes its value in percent from table 7.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from selfeval_gui.domain.compute import adjusted_budget, execution_rate, total_row
from selfeval_gui.domain.findings import budget_label
from selfeval_gui.domain.model import Budget
from selfeval_gui.domain.money import HUNDRED


@dataclass(frozen=True, slots=True)
class CommonIndicator:
    name: str
    #: Other spellings of the name that mean the same indicator.
    aliases: tuple[str, ...]
    #: The formula in words, for messages.
    formula: str
    #: Value in percent, or `None` when the table cannot give it (a blank figure, a zero
    #: denominator).
    compute: Callable[[Budget], Decimal | None]
    #: The figures of the 预算总金额 row it is computed from (`adjusted` the denominator).
    needs: tuple[str, ...]

    def unavailable(self, budget: Budget) -> str:
        """Why table 7 gives no value, in Chinese: `预算总金额行的调整预算数、实际支出数为空`."""
        total = total_row(budget)
        figures = {"adjusted": adjusted_budget(total), "actual": total.actual}
        blank = [budget_label(c) for c in self.needs if figures[c] is None]
        if blank:
            return f"预算总金额行的{'、'.join(blank)}为空"
        return "预算总金额行的调整预算数为 0"


def _execution_rate(budget: Budget) -> Decimal | None:
    total = total_row(budget)
    return execution_rate(total.actual, adjusted_budget(total))


def _adjustment_rate(budget: Budget) -> Decimal | None:
    total = total_row(budget)
    adjusted = adjusted_budget(total)
    if adjusted is None or adjusted == 0:
        return None
    return (total.adjustment or 0) / adjusted * HUNDRED


COMMON_INDICATORS: tuple[CommonIndicator, ...] = (
    CommonIndicator(
        "预算执行率",
        ("部门预算执行率", "整体预算执行率"),
        "实际支出数 ÷ 调整预算数（预算总金额行）× 100%",
        _execution_rate,
        ("adjusted", "actual"),
    ),
    CommonIndicator(
        "预算调整率",
        ("部门预算调整率",),
        "上年度结转及追加追减数 ÷ 调整预算数（预算总金额行）× 100%",
        _adjustment_rate,
        ("adjusted",),
    ),
)

_BY_NAME = {
    alias: indicator
    for indicator in COMMON_INDICATORS
    for alias in (indicator.name, *indicator.aliases)
}


#: No common indicator's name, spaces and quotes included, is longer (a pasted giant would
#: otherwise cost its length at every check).
_LONGEST_NAME = 200


@lru_cache(maxsize=4096)
def common_indicator(name: str) -> CommonIndicator | None:
    """The common indicator an 指标名称 names, ignoring spaces and quotation marks."""
    if len(name) > _LONGEST_NAME:
        return None
    key = "".join(ch for ch in name if not ch.isspace() and ch not in "“”\"'‘’")
    return _BY_NAME.get(key)
