"""One-key fixes: what the program can put right by itself, once a rule has found it.

Some findings come with the right value: 预算执行率 follows from table 7, a 项目支出 row that
should be the sum of its projects, a 完成值来源 that names last year, a passage pasted twice;
and an empty project row can go.
`fix_for` computes such a fix from the report as it is now (a fix is not stored in the
finding, which would be stale after the next edit); applying it is one ordinary edit, so the
editor undoes it in one step and the command line applies the very same edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from selfeval_gui.domain.common_indicators import common_indicator
from selfeval_gui.domain.compute import FIXED_BUDGET_ROWS
from selfeval_gui.domain.edits import (
    CellError,
    CellRef,
    Edit,
    SetValue,
    batch,
    cell_value,
    delete_rows,
    parse_cell,
    row_count,
)
from selfeval_gui.domain.findings import FIXABLE, Code, Finding, Table, budget_label
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.money import ZERO, amount_text, format_percent
from selfeval_gui.domain.text_checks import repeated_passage, significant_length, without_repeats
from selfeval_gui.domain.validation import ValidationOptions, is_empty_row, validate
from selfeval_gui.domain.years import replace_years, years_off

#: Fixes whose value follows from table 7: applied after the table's own fixes.
_FROM_BUDGET = frozenset({Code.IND_CROSSCHECK})
#: `apply_fixes` stops after this many rounds (each round's fixes may call for others).
MAX_ROUNDS = 10

ITEMS_SUM_CAUTION = (
    "软件无法判断哪一行有误：也可能是缺列了项目，或某个项目的金额填错了。"
    "只有确认是“项目支出”行填错时才这样更正，否则请补列或改正项目。"
)


@dataclass(frozen=True, slots=True)
class Fix:
    """Put `new` in the cell `ref` (which holds `old`) to resolve `finding`; or, with a
    `row_edit`, take the row of `ref` out (`old` is the row, `new` `None`)."""

    finding: Finding
    ref: CellRef
    old: object
    new: object
    #: What the fix does, in the clerk's words: `完成值 100% 改为 96.94%（按预算信息表计算）`.
    label: str
    #: What the clerk should know before relying on it; empty when nothing.
    caution: str = ""
    #: The edit that removes the row, for a fix that does.
    row_edit: Edit | None = None

    @property
    def edit(self) -> Edit:
        return self.row_edit if self.row_edit is not None else SetValue(self.ref, self.new)


def _in_order(fixes: Iterable[Fix]) -> list[Fix]:
    """Fixes in an order that applies each where it was found: those that set a value first,
    then those that remove a row, from the bottom up (a row removed moves those below it)."""
    return sorted(fixes, key=lambda f: (f.row_edit is not None, -(f.ref.row or 0) if f.row_edit else 0))


def fix_for(report: Report, finding: Finding) -> Fix | None:
    """The fix of `finding` in `report` as it is now, or `None` if there is none."""
    make = _MAKERS.get(finding.code)
    ref = CellRef(finding.table, finding.row, finding.column or "")
    if make is None or (ref.row is not None and not 0 <= ref.row < row_count(report, ref.table)):
        return None
    try:
        fix = make(report, finding, ref)
    except CellError:
        return None
    return fix if fix is not None and fix.new != fix.old else None


def fixes_of_kind(report: Report, findings: Iterable[Finding], code: Code) -> list[Fix]:
    """The fixes of every finding of kind `code`, one per cell."""
    fixes: dict[CellRef, Fix] = {}
    for finding in findings:
        if finding.code is code and (fix := fix_for(report, finding)) is not None:
            fixes.setdefault(fix.ref, fix)
    return list(fixes.values())


def combined_edit(fixes: Iterable[Fix]) -> Edit | None:
    """One edit (one undo step) applying `fixes`."""
    return batch(fix.edit for fix in _in_order(fixes))


def apply_fixes(report: Report, codes: Iterable[Code] | None = None,
                options: ValidationOptions | None = None) -> list[Fix]:
    """Apply every available fix (or those of `codes`) to `report` in place, round after
    round until none is left to apply, since one fix can call for another: setting the
    项目支出 row to the sum of its projects changes 预算执行率. Figures that follow from table
    7 are fixed after the table's own fixes, from the corrected table. Returns the fixes
    applied, in order."""
    wanted = FIXABLE if codes is None else FIXABLE & frozenset(codes)
    applied: list[Fix] = []
    done: set[tuple[CellRef, object]] = set()
    for _ in range(MAX_ROUNDS):
        fixes: dict[CellRef, Fix] = {}
        for finding in validate(report, options):
            fix = fix_for(report, finding) if finding.code in wanted else None
            if fix is not None and (fix.ref, fix.new) not in done:
                fixes.setdefault(fix.ref, fix)
        now = [f for f in fixes.values() if f.finding.code not in _FROM_BUDGET] or list(fixes.values())
        if not now:
            break
        for fix in _in_order(now):
            fix.edit.apply(report)
            done.add((fix.ref, fix.new))
            applied.append(fix)
    return applied


# ---------------------------------------------------------------- the fixes


def _crosscheck(report: Report, finding: Finding, ref: CellRef) -> Fix | None:
    assert ref.row is not None
    indicator = report.indicators[ref.row]
    common = common_indicator(indicator.name)
    expected = common.compute(report.budget) if common is not None else None
    if expected is None:
        return None
    new = parse_cell(report, ref, format_percent(expected))
    label = f"完成值 {indicator.actual or '（空）'} 改为 {new}（按预算信息表计算）"
    return Fix(finding, ref, indicator.actual, new, label)


def _figure(value: Decimal | None) -> str:
    """A figure between Chinese words: ` 3.34 ` spaced, `（空）` for a blank one."""
    return "（空）" if value is None else f" {amount_text(value)} "


def _items_sum(report: Report, finding: Finding, ref: CellRef) -> Fix | None:
    if ref.row != FIXED_BUDGET_ROWS - 1 or ref.column not in ("initial", "adjustment", "actual"):
        return None
    items = [getattr(p, ref.column) for p in report.budget.projects]
    # Blank where every project is blank, as the projects are. A blank 追加追减 is 0; a blank
    # 年初预算数 or 实际支出数 is not filled in, and no sum to copy.
    new = None if all(v is None for v in items) else sum((v or ZERO for v in items), ZERO)
    if new is None and ref.column != "adjustment":
        return None
    old: Decimal | None = getattr(report.budget.projects_total, ref.column)
    return Fix(
        finding, ref, old, new,
        f"“项目支出”的{budget_label(ref.column)}{_figure(old)}改为"
        + ("空，与各项目一样" if new is None else f"各项目合计 {amount_text(new)}"),
        ITEMS_SUM_CAUTION,
    )


def _source_year(report: Report, finding: Finding, ref: CellRef) -> Fix | None:
    assert ref.row is not None
    year = report.year
    old = report.indicators[ref.row].source
    # Only a source about one other year can be moved to the report's: of two, which one is
    # meant cannot be told.
    if year is None or len(years_off(old, year)) != 1:
        return None
    new = parse_cell(report, ref, replace_years(old, lambda _named: year))
    return Fix(finding, ref, old, new, f"完成值来源“{old}”改为“{new}”")


def _repeated(report: Report, finding: Finding, ref: CellRef) -> Fix | None:
    old = cell_value(report, ref)
    if not isinstance(old, str):
        return None
    passage = repeated_passage(old) or ""
    new = parse_cell(report, ref, without_repeats(old))
    shown = passage if len(passage) <= 16 else passage[:16] + "……"
    removed = significant_length(old) - significant_length(str(new))
    return Fix(finding, ref, old, new, f"删去重复的文字“{shown}”（共 {removed} 字）")


def _empty_row(report: Report, finding: Finding, ref: CellRef) -> Fix | None:
    """An empty project row (no name, no amount) goes; a required field left blank elsewhere
    has no value the program could know."""
    if ref.table is not Table.BUDGET or ref.column != "name" or ref.row is None or ref.row < FIXED_BUDGET_ROWS:
        return None
    row = report.budget.projects[ref.row - FIXED_BUDGET_ROWS]
    if not is_empty_row(row):
        return None
    return Fix(finding, ref, row, None, f"删除第{ref.row + 1}行（空行）",
               row_edit=delete_rows(report, Table.BUDGET, [ref.row]))


_MAKERS: dict[Code, Callable[[Report, Finding, CellRef], Fix | None]] = {
    Code.IND_CROSSCHECK: _crosscheck,
    Code.BUDGET_ITEMS_SUM: _items_sum,
    Code.IND_SOURCE_YEAR: _source_year,
    Code.TEXT_REPEATED: _repeated,
    Code.TEXT_REQUIRED: _empty_row,
}
