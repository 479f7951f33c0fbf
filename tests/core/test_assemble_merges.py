"""Rows from sources that know their merged cells, and exact reading of our own exports."""

from decimal import Decimal

from selfeval_gui.domain.findings import Table
from selfeval_gui.importers.assemble import build_budget, build_duties, build_indicators

D = Decimal


def test_a_covered_duty_cell_continues_the_duty_above():
    notes = []
    duties = build_duties([["职责甲", "任务一", "完成"], [None, "任务二", "完成"], ["职责乙", "任务三", ""]], notes)
    assert [(d.text, [t.name for t in d.tasks]) for d in duties] == [
        ("职责甲", ["任务一", "任务二"]),
        ("职责乙", ["任务三"]),
    ]
    assert notes == []


def test_a_typed_report_repeating_the_duty_on_each_row_means_one_duty_and_says_so():
    notes = []
    duties = build_duties([["职责甲", "任务一", "完成"], ["职责甲", "任务二", "完成"]], notes)
    assert len(duties) == 1 and [t.name for t in duties[0].tasks] == ["任务一", "任务二"]
    assert len(notes) == 1 and notes[0].row == 1 and "相同" in notes[0].message


def test_a_note_names_the_task_row_it_is_about_after_blank_rows_are_dropped():
    notes = []
    rows = [["", "", ""], ["职责甲", "任务一", "完成"], ["", "", ""], ["职责甲", "任务二", "完成"]]
    build_duties(rows, notes)
    assert [(n.row, n.message) for n in notes] == [
        (1, "年度重点任务表第2行的职责与上一行相同，已把该任务归入同一职责。"),
    ]


def test_exact_rows_keep_blank_duties_and_blank_cells_under_a_merge_but_no_blank_row():
    rows = [["职责甲", "任务一", ""], ["", " ", ""], ["", "任务二", ""], ["职责甲", "任务三", ""], [None, "", ""]]
    duties = build_duties(rows, [], exact=True)
    assert [(d.text, [t.name for t in d.tasks]) for d in duties] == [
        ("职责甲", ["任务一"]),
        ("", ["任务二"]),
        ("职责甲", ["任务三", ""]),
    ]
    # A blank row heading a merged cell is the first task of a blank duty.
    rows_with_merge = [["职责甲", "任务一", ""], ["", "", ""], [None, "任务二", ""]]
    assert [(d.text, [t.name for t in d.tasks]) for d in build_duties(rows_with_merge, [], exact=True)] == [
        ("职责甲", ["任务一"]),
        ("", ["", "任务二"]),
    ]
    # Read as typed by hand, the same rows are one duty: blank and repeated cells continue it.
    assert len(build_duties(rows, [])) == 1


def test_exact_budget_rows_are_positional_whatever_their_names():
    rows = [
        ["预算总金额", "", "", "", "", ""],
        ["基本支出（含人员）", "10", "", "10", "5", "50.00%"],
        ["项目支出", "2", "1", "3", "3", "100.00%"],
        ["预算总金额", "1", "", "1", "", "—"],
        ["", "", "", "", "", ""],
    ]
    notes = []
    budget = build_budget(rows, notes, exact=True)
    assert budget.basic.name == "基本支出（含人员）" and budget.basic.initial == D(10)
    assert [p.name for p in budget.projects] == ["预算总金额"]  # the blank row is none
    assert budget.projects[0].initial == D(1)
    assert notes == []
    # Typed by hand, rows are known by their names: the renamed row is a project, the second
    # 预算总金额 row the stated total, the blank row nothing.
    lenient_notes = []
    lenient = build_budget(rows, lenient_notes)
    assert [p.name for p in lenient.projects] == ["基本支出（含人员）"]
    assert any("没有“基本支出”行" in n.message for n in lenient_notes)


def test_exact_indicators_keep_blank_groups_and_targets_as_written():
    rows = [
        ["分解目标", "决策", "甲", "≥90%", "95%", "", "5.56%", ""],
        ["", "", "乙", "健全", "健全", "", "0%", ""],
        [None, None, "丙", "=1个", "1个", "", "0.00%", ""],
    ]
    exact = build_indicators(rows, "ascii", [], exact=True)
    assert [(i.group, i.category) for i in exact] == [("分解目标", "决策"), ("", ""), ("", "")]
    assert exact[0].target == "≥90%"
    lenient = build_indicators(rows, "ascii", [])
    assert [(i.group, i.category) for i in lenient] == [("分解目标", "决策")] * 3
    assert lenient[0].target == ">=90%"


def test_budget_notes_point_at_the_row_in_exact_mode():
    notes = []
    build_budget([["预算总金额", "", "", "", "", ""], ["基本支出", "abc", "", "", "", ""]], notes, exact=True)
    unreadable = [n for n in notes if n.column == "initial"]
    assert unreadable and unreadable[0].row == 1 and unreadable[0].table is Table.BUDGET
    assert any("项目支出" in n.message for n in notes)


def test_a_stated_rate_is_compared_to_the_decimals_it_was_written_with():
    def rate_notes(rate):
        notes = []
        build_budget([["基本支出", "8", "", "8", "7.7555", rate], ["项目支出", "", "", "", "", ""]], notes)
        return [n for n in notes if n.column == "rate"]

    for agreeing in ("96.94%", "96.94", "96.9%", "97%", " ９６．９４％"):
        assert rate_notes(agreeing) == [], agreeing
    # forty decimals are more than decimal arithmetic keeps: a disagreement, not a crash
    for disagreeing in ("96.95%", "95%", "百分之九十七", "NaN", "96.9" + "0" * 40 + "1%"):
        assert len(rate_notes(disagreeing)) == 1, disagreeing


def test_a_total_with_funding_rows_only_is_a_projects_form_or_said_to_need_splitting():
    rows = [["年度资金总额", "100", "", "110", "105", "95.45%"], ["其中：本年财政拨款", "100", "", "100", "95", ""]]
    notes = []
    budget = build_budget(rows, notes, project="社区救护培训")
    assert (budget.projects_total.initial, budget.projects_total.adjustment, budget.projects_total.actual) == (
        D(100), D(10), D(105))
    assert [(p.name, p.initial, p.adjustment, p.actual) for p in budget.projects] == [
        ("社区救护培训", D(100), D(10), D(105))]
    assert budget.basic.initial is None
    said = [n.message for n in notes]
    assert any("“其中：本年财政拨款”一行" in m and "资金来源" in m for m in said)
    assert any("项目“社区救护培训”的自评表" in m for m in said)
    assert not any("没有“基本支出”行" in m for m in said)  # a project's form has none: said once above
    notes = []
    department = build_budget(rows, notes)  # a department's form that does not split its total
    assert department.projects_total.initial is None and department.projects == []
    assert any("只有合计行（年初预算数 100、调整预算数 110、实际支出数 105）" in n.message for n in notes)
