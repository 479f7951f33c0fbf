"""One-key fixes: each computed from the report, applied as one edit and undone by its
inverse; `apply_fixes` until nothing is left, changing nothing else."""

from decimal import Decimal

from selfeval_gui.domain.compute import FIXED_BUDGET_ROWS
from selfeval_gui.domain.edits import CellRef, SetValue
from selfeval_gui.domain.findings import FIXABLE, Code, Table
from selfeval_gui.domain.fixes import (
    ITEMS_SUM_CAUTION,
    apply_fixes,
    combined_edit,
    fix_for,
    fixes_of_kind,
)
from selfeval_gui.domain.model import BudgetRow, PreviousBudget
from selfeval_gui.domain.nextyear import next_year_report
from selfeval_gui.domain.text_checks import repeated_passage
from selfeval_gui.domain.validation import validate

D = Decimal


def _finding(report, code, row=None):
    return next(f for f in validate(report) if f.code is code and (row is None or f.row == row))


def _apply_and_undo(report, fix):
    """Apply `fix`, check its finding is gone, undo, check the report is as before."""
    before = report.model_dump()
    changes, inverse = fix.edit.apply(report)
    assert changes.cells == {fix.ref} or fix.ref.table is Table.TASKS
    assert fix.finding not in validate(report)
    inverse.apply(report)
    assert report.model_dump() == before
    assert fix.finding in validate(report)


def test_the_crosscheck_fills_the_indicator_from_the_budget_table(seed_report):
    finding = _finding(seed_report, Code.IND_CROSSCHECK)
    fix = fix_for(seed_report, finding)
    assert (fix.ref, fix.old, fix.new) == (CellRef(Table.INDICATORS, 26, "actual"), "100%", "96.94%")
    assert fix.label == "完成值 100% 改为 96.94%（按预算信息表计算）"
    _apply_and_undo(seed_report, fix)


def test_the_items_sum_sets_the_projects_row_and_says_it_cannot_know_which_row_is_wrong(seed_report):
    actual = fix_for(seed_report, _finding(seed_report, Code.BUDGET_ITEMS_SUM, 2))
    findings = [f for f in validate(seed_report) if f.code is Code.BUDGET_ITEMS_SUM]
    by_column = {f.column: fix_for(seed_report, f) for f in findings}
    assert by_column["actual"].new == D("288.64") and by_column["actual"].old == D("291.98")
    # every project's 追加追减 is blank, so is their sum
    assert by_column["adjustment"].new is None and by_column["adjustment"].old == D("3.34")
    assert actual.caution == ITEMS_SUM_CAUTION and "无法判断哪一行有误" in actual.caution
    for fix in by_column.values():
        _apply_and_undo(seed_report, fix)


def test_a_source_year_is_replaced_by_the_reports(seed_report):
    seed_report.year = 2024
    fix = fix_for(seed_report, _finding(seed_report, Code.IND_SOURCE_YEAR))
    assert (fix.old, fix.new) == ("2023年度部门决算", "2024年度部门决算")
    _apply_and_undo(seed_report, fix)


def test_a_source_year_fix_keeps_the_numerals_and_leaves_context_years_alone(seed_report):
    seed_report.year = 2024
    sources = {0: "二〇二三年度决算", 1: "2024年部门总结（含2023年结转）", 2: "2022年、2023年报表", 3: "２０２３年总结"}
    for row, source in sources.items():
        seed_report.indicators[row].source = source
    findings = [f for f in validate(seed_report) if f.code is Code.IND_SOURCE_YEAR and f.row in sources]
    assert [f.row for f in findings] == [0, 2, 3]
    fixes = {f.row: fix_for(seed_report, f) for f in findings}
    assert fixes[0].new == "二〇二四年度决算" and fixes[3].new == "２０２４年总结"
    assert fixes[2] is None  # of two other years, which one is meant cannot be told
    apply_fixes(seed_report, [Code.IND_SOURCE_YEAR])
    assert [seed_report.indicators[r].source for r in sources] == [
        "二〇二四年度决算", "2024年部门总结（含2023年结转）", "2022年、2023年报表", "２０２４年总结"]


def test_a_repeated_passage_is_removed_until_none_is_left(seed_report):
    finding = _finding(seed_report, Code.TEXT_REPEATED, 5)
    fix = fix_for(seed_report, finding)
    assert fix.ref == CellRef(Table.TASKS, 5, "duty")
    assert fix.new == (
        "宣传贯彻《中华人民共和国红十字会法》和《中华人民共和国红十字标志使用办法》，《按照中国红十字会章程 》"
        "和有关方针、政策，制定全市红十字事业发展规划，指导和推动全市各级红十字会工作。"
    )
    _apply_and_undo(seed_report, fix)
    # the other duty was pasted into itself several times: all of it goes in one fix
    fix = fix_for(seed_report, _finding(seed_report, Code.TEXT_REPEATED, 4))
    assert repeated_passage(fix.new) is None and fix.new.startswith("开展备灾救灾工作")
    _apply_and_undo(seed_report, fix)


def test_a_repeated_section_and_indicator_text_too(seed_report):
    seed_report.overview.problems += seed_report.overview.problems[:40]
    seed_report.indicators[3].reason = "因年中追加预算导致执行偏差较大。" * 2
    for finding in (_finding(seed_report, Code.TEXT_REPEATED, None), _finding(seed_report, Code.TEXT_REPEATED, 3)):
        fix = fix_for(seed_report, finding)
        assert repeated_passage(fix.new) is None
        _apply_and_undo(seed_report, fix)


def test_findings_of_other_kinds_have_no_fix(seed_report):
    assert all(fix_for(seed_report, f) is None for f in validate(seed_report) if f.code not in FIXABLE)


def test_fixing_all_of_a_kind_is_one_edit(seed_report):
    fixes = fixes_of_kind(seed_report, validate(seed_report), Code.TEXT_REPEATED)
    assert [f.ref.row for f in fixes] == [4, 5]
    before = seed_report.model_dump()
    _, inverse = combined_edit(fixes).apply(seed_report)
    assert not [f for f in validate(seed_report) if f.code is Code.TEXT_REPEATED]
    inverse.apply(seed_report)
    assert seed_report.model_dump() == before


def test_apply_fixes_until_none_is_left_and_nothing_else_changes(seed_report):
    before = seed_report.model_copy(deep=True)
    fixed = apply_fixes(seed_report)
    # the 项目支出 sums change 预算调整率 too, which is fixed in a later round from the new table
    assert [(f.finding.code, f.ref.row, f.ref.column) for f in fixed] == [
        (Code.BUDGET_ITEMS_SUM, 2, "adjustment"),
        (Code.BUDGET_ITEMS_SUM, 2, "actual"),
        (Code.TEXT_REPEATED, 4, "duty"),
        (Code.TEXT_REPEATED, 5, "duty"),
        (Code.IND_CROSSCHECK, 26, "actual"),
        (Code.IND_CROSSCHECK, 28, "actual"),
    ]
    assert [f.new for f in fixed if f.ref.table is Table.INDICATORS] == ["96.94%", "8.35%"]
    assert not {f.code for f in validate(seed_report)} & FIXABLE
    for fix in reversed(fixed):  # nothing but the fixed cells differs
        SetValue(fix.ref, fix.old).apply(seed_report)
    assert seed_report == before


def test_apply_fixes_of_one_kind_only(seed_report):
    fixed = apply_fixes(seed_report, [Code.IND_CROSSCHECK])
    assert [(f.ref.row, f.new) for f in fixed] == [(26, "96.94%")]
    assert {f.code for f in validate(seed_report)} >= {Code.BUDGET_ITEMS_SUM, Code.TEXT_REPEATED}


def test_next_year_from_a_fixed_report_has_nothing_to_fix_but_what_is_carried(seed_report):
    apply_fixes(seed_report)
    following = next_year_report(seed_report)
    assert apply_fixes(following) == []


def test_a_blank_projects_row_is_filled_with_the_sum_and_says_it_was_blank(seed_report):
    seed_report.budget.projects_total.actual = None
    sums = {f.column: f for f in validate(seed_report) if f.code is Code.BUDGET_ITEMS_SUM}
    fix = fix_for(seed_report, sums["actual"])
    assert (fix.ref, fix.old, fix.new) == (CellRef(Table.BUDGET, 2, "actual"), None, D("288.64"))
    assert fix.label == "“项目支出”的实际支出数（空）改为各项目合计 288.64"
    _apply_and_undo(seed_report, fix)
    # a 追加追减 no project has is blank, not 0.00
    adjustment = fix_for(seed_report, sums["adjustment"])
    assert adjustment.label == "“项目支出”的上年度结转及当年预算追加追减数 3.34 改为空，与各项目一样"


def test_no_sum_is_offered_when_no_project_has_the_figure(seed_report):
    for project in seed_report.budget.projects:
        project.actual = None
    finding = next(f for f in validate(seed_report) if f.code is Code.BUDGET_ITEMS_SUM and f.column == "actual")
    assert fix_for(seed_report, finding) is None


def _with_empty_rows(report):
    """Two empty project rows: one among the projects, one at the end."""
    report.budget.projects.insert(1, BudgetRow())
    report.budget.projects.append(BudgetRow(name=" "))
    return [FIXED_BUDGET_ROWS + 1, FIXED_BUDGET_ROWS + len(report.budget.projects) - 1]


def test_an_empty_project_row_is_deleted_in_one_step(seed_report):
    names = [p.name for p in seed_report.budget.projects]
    empty = _with_empty_rows(seed_report)
    before = seed_report.model_dump()
    finding = next(f for f in validate(seed_report) if f.code is Code.TEXT_REQUIRED and f.row == empty[0])
    fix = fix_for(seed_report, finding)
    assert fix.label == f"删除第{empty[0] + 1}行（空行）"
    _, inverse = fix.edit.apply(seed_report)
    assert [p.name for p in seed_report.budget.projects] == [*names, " "]
    inverse.apply(seed_report)
    assert seed_report.model_dump() == before
    # a row with figures but no name, or with last year's figures only, is no empty row
    seed_report.budget.projects[0].name = ""
    seed_report.budget.projects[1].previous = PreviousBudget(adjusted=D(1), actual=D(1))
    unnamed = [f for f in validate(seed_report) if f.code is Code.TEXT_REQUIRED and f.column == "name"]
    assert [f.row for f in unnamed] == [FIXED_BUDGET_ROWS, *empty]
    assert [fix_for(seed_report, f) is None for f in unnamed] == [True, True, False]


def test_all_empty_rows_go_at_once_and_nothing_else(seed_report):
    names = [p.name for p in seed_report.budget.projects]
    _with_empty_rows(seed_report)
    fixes = fixes_of_kind(seed_report, validate(seed_report), Code.TEXT_REQUIRED)
    assert len(fixes) == 2
    combined_edit(fixes).apply(seed_report)
    assert [p.name for p in seed_report.budget.projects] == names
    _with_empty_rows(seed_report)
    apply_fixes(seed_report, [Code.TEXT_REQUIRED])
    assert [p.name for p in seed_report.budget.projects] == names
