"""Find and replace: every cell the clerk writes, a merged cell once, amounts as shown; replacing
all is one edit, undone in one step."""

from decimal import Decimal

from selfeval_gui.domain.edits import CellRef
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.nextyear import next_year_report
from selfeval_gui.domain.search import cell_text, find, replace

D = Decimal


def test_matches_are_in_reading_order_with_their_place(seed_report):
    matches = find(seed_report, "博爱家园")
    tables = [m.ref.table for m in matches]
    assert tables == sorted(tables, key=list(Table).index)
    assert matches[0].ref == CellRef(Table.OVERVIEW, None, "goals")
    for m in matches:
        assert cell_text(seed_report, m.ref)[m.start : m.end] == "博爱家园"
    assert len([m for m in matches if m.ref.table is Table.INDICATORS]) == 4


def test_one_table_only(seed_report):
    matches = find(seed_report, "2023", [Table.INDICATORS])
    assert len(matches) == 30 and {m.ref.column for m in matches} == {"source"}


def test_a_merged_cell_is_one_match(seed_report):
    # 分解目标 is one merged cell over all 45 rows; a duty is one cell over its tasks
    assert [m.ref for m in find(seed_report, "分解目标")] == [CellRef(Table.INDICATORS, 0, "group")]
    assert len(find(seed_report, "过程", [Table.INDICATORS])) == 1
    duties = [m.ref for m in find(seed_report, "发展志愿者队伍", [Table.TASKS])]
    assert duties == [CellRef(Table.TASKS, 2, "duty")]


def test_amounts_as_shown_and_computed_cells_not_at_all(seed_report):
    assert [m.ref for m in find(seed_report, "848.80")] == [CellRef(Table.BUDGET, 1, "actual")]
    assert find(seed_report, "1176.73") == []  # 调整预算数 of the total: computed
    assert find(seed_report, "96.94%") == []  # 执行率: computed


def test_case_and_width_are_set_aside_unless_exact(seed_report):
    assert len(find(seed_report, "ａｅｄ")) == len(find(seed_report, "AED")) > 0
    assert find(seed_report, "ａｅｄ", exact=True) == []
    assert len(find(seed_report, "２０２３", [Table.INDICATORS])) == 30


def test_replace_all_is_one_edit_undone_in_one_step(seed_report):
    report = next_year_report(seed_report)
    before = report.model_dump()
    matches = find(report, "2023年底")
    assert [m.ref for m in matches] == [CellRef(Table.OVERVIEW, None, "profile")]
    matches = find(report, "2023", [Table.OVERVIEW])
    result = replace(report, matches, "2024")
    assert result.replaced == len(matches) and result.skipped == []
    _, inverse = result.edit.apply(report)
    assert "2024年底" in report.overview.profile and find(report, "2023", [Table.OVERVIEW]) == []
    inverse.apply(report)
    assert report.model_dump() == before


def test_replace_one_match_only(seed_report):
    first = find(seed_report, "红十字")[0]
    text = cell_text(seed_report, first.ref)
    result = replace(seed_report, [first], "红会")
    result.edit.apply(seed_report)
    assert cell_text(seed_report, first.ref) == text[: first.start] + "红会" + text[first.end :]


def test_replacing_in_a_merged_cell_changes_all_its_rows(seed_report):
    replace(seed_report, find(seed_report, "分解目标"), "总体目标").edit.apply(seed_report)
    assert {i.group for i in seed_report.indicators} == {"总体目标"}


def test_what_a_cell_cannot_take_is_skipped_and_said(seed_report):
    result = replace(seed_report, find(seed_report, "9.11", [Table.BUDGET]), "九")
    assert result.edit is None and result.replaced == 0
    assert result.skipped and result.skipped[0].startswith("预算信息 第4行 年初预算数（万元）：")
    result = replace(seed_report, find(seed_report, "848.8", [Table.BUDGET]), "850.0")
    result.edit.apply(seed_report)
    assert seed_report.budget.basic.actual == D("850.00")


def test_nothing_to_find(seed_report):
    assert find(seed_report, "") == []
    assert find(seed_report, "没有这段文字") == []
