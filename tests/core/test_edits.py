"""Edits as the editor makes them, without Qt: values parsed as typed, rows, duties, paste, and
every edit undone by the edit it returns."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_gui.domain import edits
from selfeval_gui.domain.edits import (
    Batch,
    CellError,
    CellRef,
    ChangeSet,
    PasteCancelled,
    RowSplice,
    SetValue,
    Splice,
    cell_value,
    clear_cells,
    delete_rows,
    insert_duty,
    insert_rows,
    is_editable,
    merged_rows,
    merged_runs,
    move_rows,
    paste_block,
    row_count,
    rows_to_paste,
    set_cell,
)
from selfeval_gui.domain.findings import COLUMNS, Table
from selfeval_gui.domain.model import Duty, Indicator, KeyTask, Report
from selfeval_gui.domain.nextyear import next_year_report

D = Decimal
B, T, IND, OV = Table.BUDGET, Table.TASKS, Table.INDICATORS, Table.OVERVIEW


def apply(report, edit):
    assert edit is not None
    return edit.apply(report)


def dump(report: Report) -> dict:
    return report.model_dump()


# ---------------------------------------------------------------- typing into cells


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1,075.37", D("1075.37")), ("１０７５．３７", D("1075.37")), ("1075.37万元", D("1075.37")),
     ("(3.34)", D("-3.34")), ("", None), ("  ", None)],
)
def test_amounts_are_accepted_as_clerks_type_them(seed_report, typed, stored):
    ref = CellRef(B, 3, "initial")
    edit = set_cell(seed_report, ref, typed)
    apply(seed_report, edit)
    assert seed_report.budget.projects[0].initial == stored


def test_an_amount_that_is_not_a_number_is_refused_with_a_chinese_reason(seed_report):
    with pytest.raises(CellError, match="不是金额"):
        set_cell(seed_report, CellRef(B, 1, "actual"), "八百")
    with pytest.raises(CellError, match="万元"):
        set_cell(seed_report, CellRef(B, 1, "actual"), "8000元")


def test_targets_are_stored_in_the_reports_comparator_style(seed_report):
    assert seed_report.indicators[36].target == ">=85%"
    apply(seed_report, set_cell(seed_report, CellRef(IND, 36, "target"), "≥９０％"))
    assert seed_report.indicators[36].target == ">=90%"
    seed_report.comparator_style = "symbol"
    apply(seed_report, set_cell(seed_report, CellRef(IND, 36, "target"), "不低于85%"))
    assert seed_report.indicators[36].target == "≥85%"
    apply(seed_report, set_cell(seed_report, CellRef(IND, 36, "actual"), "９１％"))
    assert seed_report.indicators[36].actual == "91%"


def test_computed_cells_and_fixed_labels_cannot_be_typed_into(seed_report):
    assert not is_editable(seed_report, CellRef(B, 0, "initial"))  # 预算总金额
    assert not is_editable(seed_report, CellRef(B, 3, "adjusted"))
    assert not is_editable(seed_report, CellRef(B, 3, "rate"))
    assert not is_editable(seed_report, CellRef(B, 1, "name"))  # 基本支出
    assert is_editable(seed_report, CellRef(B, 1, "actual"))
    assert not is_editable(seed_report, CellRef(IND, 0, "deviation"))
    with pytest.raises(CellError, match="自动计算"):
        set_cell(seed_report, CellRef(IND, 0, "deviation"), "5%")
    with pytest.raises(CellError, match="固定的行名"):
        set_cell(seed_report, CellRef(B, 2, "name"), "项目")


def test_the_year_accepts_full_width_digits_and_refuses_words(seed_report):
    apply(seed_report, set_cell(seed_report, CellRef(OV, None, "year"), "２０２４年度"))
    assert seed_report.year == 2024
    with pytest.raises(CellError, match="年份"):
        set_cell(seed_report, CellRef(OV, None, "year"), "去年")


def test_typing_the_same_value_is_no_edit(seed_report):
    assert set_cell(seed_report, CellRef(B, 3, "initial"), "9.11") is None
    assert set_cell(seed_report, CellRef(IND, 0, "name"), " 工作计划制定健全性 ") is None


def test_a_merged_category_is_one_cell(seed_report):
    rows = merged_rows(seed_report, IND, 2, "category")
    assert list(rows) == [0, 1, 2, 3, 4, 5]  # the six 决策 rows
    changes, undo = apply(seed_report, set_cell(seed_report, CellRef(IND, 2, "category"), "决策类"))
    assert [i.category for i in seed_report.indicators[:7]] == ["决策类"] * 6 + ["过程"]
    assert changes.cells == {CellRef(IND, r, "category") for r in range(6)}
    undo.apply(seed_report)
    assert [i.category for i in seed_report.indicators[:6]] == ["决策"] * 6


_group_texts = st.sampled_from(["", " ", "甲", "甲 ", "乙"])
_merge_reports = st.builds(
    Report,
    indicators=st.lists(st.builds(Indicator, group=_group_texts, category=_group_texts), max_size=12),
    duties=st.lists(st.builds(Duty, text=_group_texts, tasks=st.lists(st.builds(KeyTask), min_size=1, max_size=3)),
                    max_size=5),
)


@given(_merge_reports)
def test_every_row_is_in_exactly_one_merged_cell_the_one_typing_there_changes(report):
    for table, columns in ((IND, ("group", "category")), (T, ("duty",))):
        for column in columns:
            runs = merged_runs(report, table, column)
            assert [row for run in runs for row in run] == list(range(row_count(report, table)))
            for run in runs:
                for row in run:
                    assert merged_rows(report, table, row, column) == run


def test_blank_goals_are_one_merged_cell_as_in_word():
    report = Report(indicators=[Indicator(category="决策"), Indicator(category="决策"), Indicator(group="甲")])
    assert merged_runs(report, IND, "group") == [range(0, 2), range(2, 3)]
    assert merged_runs(report, IND, "category") == [range(0, 2), range(2, 3)]
    apply(report, set_cell(report, CellRef(IND, 1, "group"), "分解目标"))
    assert [i.group for i in report.indicators] == ["分解目标", "分解目标", "甲"]


def test_a_duty_text_shows_on_all_its_rows(seed_report):
    changes, _ = apply(seed_report, set_cell(seed_report, CellRef(T, 1, "duty"), "宣传无偿献血"))
    assert seed_report.duties[0].text == "宣传无偿献血"
    assert changes.cells == {CellRef(T, 0, "duty"), CellRef(T, 1, "duty")}


def test_delete_blanks_the_editable_cells_of_a_selection(seed_report):
    refs = [CellRef(B, r, c) for r in (0, 3) for c in ("name", "initial", "adjusted")]
    apply(seed_report, clear_cells(seed_report, refs))
    assert seed_report.budget.projects[0].name == ""
    assert seed_report.budget.projects[0].initial is None
    assert seed_report.budget.basic.initial == D("785.72")  # row 0 is computed, untouched


# ---------------------------------------------------------------- rows


def test_project_rows_never_go_above_the_fixed_rows(seed_report):
    row_edit = insert_rows(seed_report, B, 1, below=False)
    changes, _ = apply(seed_report, row_edit.edit)
    assert (row_edit.first, row_edit.last) == (3, 3)
    assert seed_report.budget.projects[0].name == "" and seed_report.budget.projects[1].name == "信息化维护费"
    assert changes.splices == (RowSplice(B, 3, 0, 1),)


def test_a_new_indicator_joins_the_merged_cells_beside_it(seed_report):
    row_edit = insert_rows(seed_report, IND, 7, below=True, count=2)
    apply(seed_report, row_edit.edit)
    new = seed_report.indicators[8]
    assert (new.group, new.category, new.name) == ("分解目标", "过程", "")
    assert row_count(seed_report, IND) == 47


def test_tasks_and_duties_are_inserted_where_asked(seed_report):
    row_edit = insert_rows(seed_report, T, 0, below=True)
    apply(seed_report, row_edit.edit)
    assert [len(d.tasks) for d in seed_report.duties] == [3, 2, 1, 1]
    assert seed_report.duties[0].tasks[1].name == "" and row_edit.first == 1
    duty_edit = insert_duty(seed_report, 5, below=True)  # row 5 is the third duty's task
    changes, _ = apply(seed_report, duty_edit.edit)
    assert len(seed_report.duties) == 5 and seed_report.duties[3].text == ""
    assert duty_edit.first == 6 and changes.splices == (RowSplice(T, 6, 0, 1),)


def test_a_duty_goes_with_its_last_task(seed_report):
    before = dump(seed_report)
    changes, undo = apply(seed_report, delete_rows(seed_report, T, [1, 2, 3]))
    # Row 1 is a task of duty 1; rows 2–3 are the whole of duty 2.
    assert [len(d.tasks) for d in seed_report.duties] == [1, 1, 1]
    assert seed_report.duties[1].text.startswith("开展备灾救灾")
    undo.apply(seed_report)
    assert dump(seed_report) == before
    assert changes.region(T) == RowSplice(T, 1, 3, 0)


def test_fixed_budget_rows_are_not_deleted(seed_report):
    assert delete_rows(seed_report, B, [0, 1, 2]) is None
    apply(seed_report, delete_rows(seed_report, B, [2, 3, 5]))
    assert len(seed_report.budget.projects) == 12


def test_moving_rows(seed_report):
    names = [p.name for p in seed_report.budget.projects]
    row_edit = move_rows(seed_report, B, 4, 5, -1)
    changes, _ = apply(seed_report, row_edit.edit)
    assert [p.name for p in seed_report.budget.projects[:3]] == [names[1], names[2], names[0]]
    assert (row_edit.first, row_edit.last) == (3, 4)
    assert changes.region(B) == RowSplice(B, 3, 3, 3)
    assert move_rows(seed_report, B, 3, 3, -1) is None  # not above 项目支出
    assert move_rows(seed_report, IND, 44, 44, 1) is None


def test_moving_tasks_and_duties(seed_report):
    # Row 1 is the second task of duty 0: at its duty's edge it moves into duty 1.
    row_edit = move_rows(seed_report, T, 1, 1, 1)
    apply(seed_report, row_edit.edit)
    assert [len(d.tasks) for d in seed_report.duties] == [1, 3, 1, 1]
    assert seed_report.duties[1].tasks[0].name == "宣传无偿献血"
    # A whole duty (rows 5, the fourth duty) swaps with the duty above.
    row_edit = move_rows(seed_report, T, 5, 5, -1)
    apply(seed_report, row_edit.edit)
    assert seed_report.duties[2].text.startswith("宣传贯彻") and (row_edit.first, row_edit.last) == (4, 4)
    # A duty's only task cannot leave it.
    assert move_rows(seed_report, T, 0, 0, -1) is None


# ---------------------------------------------------------------- paste


def test_pasting_a_block_sets_cells_and_adds_rows(seed_report):
    grid = [["新项目甲", "1,000.00", "", "（计算列）", "990"], ["新项目乙", "２０", "-1", "", "19"]]
    top = row_count(seed_report, B) - 1  # the last project row
    plan = paste_block(seed_report, B, top, 0, grid)
    assert plan.rows_added == 1 and not plan.skipped
    apply(seed_report, plan.edit)
    a, b = seed_report.budget.projects[-2:]
    assert (a.name, a.initial, a.adjustment, a.actual) == ("新项目甲", D("1000.00"), None, D("990"))
    assert (b.name, b.initial, b.adjustment, b.actual) == ("新项目乙", D("20"), D("-1"), D("19"))


def test_a_paste_skips_what_is_not_an_amount_and_says_so(seed_report):
    plan = paste_block(seed_report, B, 3, 1, [["12", "x"]])
    assert len(plan.skipped) == 1 and "第4行" in plan.skipped[0] and "不是金额" in plan.skipped[0]
    apply(seed_report, plan.edit)
    assert seed_report.budget.projects[0].initial == D("12")


def test_pasting_excel_merged_cells_fills_the_category_down(seed_report):
    n = row_count(seed_report, IND)
    grid = [["分解目标", "成本", "人均培训成本", "<=200元", "180元", "财务账", "", ""],
            ["", "", "培训场次", ">=10次", "12次", "台账", "", ""]]
    plan = paste_block(seed_report, IND, n, 0, grid)
    apply(seed_report, plan.edit)
    assert plan.rows_added == 2
    new = seed_report.indicators[-2:]
    assert [(x.group, x.category, x.name, x.target) for x in new] == [
        ("分解目标", "成本", "人均培训成本", "<=200元"), ("分解目标", "成本", "培训场次", ">=10次")]


def test_pasting_tasks_regroups_duties(seed_report):
    n = row_count(seed_report, T)
    grid = [["新职责", "任务一", "完成一"], ["", "任务二", "完成二"], ["另一职责", "任务三", "完成三"]]
    plan = paste_block(seed_report, T, n, 0, grid)
    before = dump(seed_report)
    _, undo = apply(seed_report, plan.edit)
    assert [d.text for d in seed_report.duties[-2:]] == ["新职责", "另一职责"]
    assert [t.name for t in seed_report.duties[-2].tasks] == ["任务一", "任务二"]
    assert plan.rows_added == 3 and row_count(seed_report, T) == n + 3
    undo.apply(seed_report)
    assert dump(seed_report) == before


def test_pasting_names_only_keeps_the_duties(seed_report):
    plan = paste_block(seed_report, T, 1, 1, [["甲"], ["乙"]])
    apply(seed_report, plan.edit)
    assert [len(d.tasks) for d in seed_report.duties] == [2, 2, 1, 1]
    assert seed_report.duties[0].tasks[1].name == "甲" and seed_report.duties[1].tasks[0].name == "乙"


def test_pasting_a_new_duty_text_on_a_first_row_renames_the_duty(seed_report):
    plan = paste_block(seed_report, T, 2, 0, [["新的职责"]])
    apply(seed_report, plan.edit)
    assert seed_report.duties[1].text == "新的职责" and len(seed_report.duties[1].tasks) == 2


def test_pasting_into_an_empty_table(seed_report):
    empty = Report()
    plan = paste_block(empty, T, 0, 0, [["职责", "任务", "完成"], ["", "任务二", ""]])
    apply(empty, plan.edit)
    assert len(empty.duties) == 1 and [t.name for t in empty.duties[0].tasks] == ["任务", "任务二"]
    plan = paste_block(empty, IND, 0, 2, [["指标甲", "=1个", "1个"]])
    apply(empty, plan.edit)
    assert empty.indicators[0].name == "指标甲" and empty.indicators[0].actual == "1个"


def _rows(count: int) -> list[list[str]]:
    return [["产出指标", "数量指标", f"培训人数{i}", ">=100人", "120人", "年度统计", "", ""] for i in range(count)]


def test_a_long_paste_reports_progress_and_is_cancelled_with_nothing_changed(seed_report):
    before = dump(seed_report)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return len(seen) < 3

    with pytest.raises(PasteCancelled):
        paste_block(seed_report, IND, 0, 0, _rows(5000), progress)
    assert seen == [(0, 5000), (edits.PROGRESS_STEP, 5000), (2 * edits.PROGRESS_STEP, 5000)]
    assert dump(seed_report) == before


def test_added_rows_are_one_insertion_not_a_cell_edit_each(seed_report):
    """20,000 pasted rows used to be 140,000 cell edits on a copy of the report, then on the
    report: half a minute. Rows over existing ones are cell edits; the rest one insertion."""
    n = row_count(seed_report, IND)
    before = dump(seed_report)
    plan = paste_block(seed_report, IND, n - 2, 0, _rows(20_000))
    assert isinstance(plan.edit, Batch) and plan.rows_added == 20_000 - 2
    *cells, insertion = plan.edit.edits
    assert all(isinstance(e, SetValue) and e.ref.row >= n - 2 for e in cells) and len(cells) <= 2 * 7
    assert isinstance(insertion, Splice) and len(insertion.items) == 20_000 - 2
    _, undo = apply(seed_report, plan.edit)
    assert row_count(seed_report, IND) == n + 20_000 - 2
    assert seed_report.indicators[-1].name == "培训人数19999" and seed_report.indicators[-1].target == ">=100人"
    undo.apply(seed_report)
    assert dump(seed_report) == before


def test_blank_rows_that_would_only_be_added_are_left_out(seed_report):
    n = row_count(seed_report, IND)
    grid = [["", "", "名称"], *[[""]] * 10]
    assert rows_to_paste(seed_report, IND, n - 1, grid) == 1
    assert rows_to_paste(seed_report, IND, n - 5, grid) == 5  # blank over existing rows clears them
    assert rows_to_paste(seed_report, IND, n, [[""]] * 500_000) == 0
    plan = paste_block(seed_report, IND, n - 1, 0, grid)
    assert plan.rows_added == 0 and plan.bottom == n - 1


@pytest.mark.parametrize("table", [Table.BUDGET, Table.TASKS, Table.INDICATORS])
def test_no_paste_adds_an_empty_row(seed_report, table):
    n = row_count(seed_report, table)
    name = {Table.BUDGET: 0, Table.TASKS: 1, Table.INDICATORS: 2}[table]
    line = [""] * 3
    first, second = list(line), list(line)
    first[name], second[name] = "新增一", "新增二"
    # over the last row, then below the table with a spacer line and a line of spaces between
    grid = [list(line), first, [" ", ""], [" "] * 3, second]
    plan = paste_block(seed_report, table, n - 1, 0, grid)
    assert plan.rows_added == 2 and plan.bottom == n + 1
    apply(seed_report, plan.edit)
    assert row_count(seed_report, table) == n + 2
    names = [cell_value(seed_report, CellRef(table, row, COLUMNS[table][name])) for row in range(n - 1, n + 2)]
    assert names == ["", "新增一", "新增二"]  # the blank line over the last row cleared it


def test_one_long_value_over_many_cells_is_read_once(seed_report, monkeypatch):
    calls = []
    real = edits._parser

    def counting(report, table, column):
        parse = real(report, table, column)
        return lambda text: calls.append(column) or parse(text)

    monkeypatch.setattr(edits, "_parser", counting)
    text = "说明" * 5000
    plan = paste_block(seed_report, IND, 0, 7, [[text]] * 40)
    assert calls == ["reason"] and plan.edit is not None


def test_a_budget_block_pasted_with_its_header_goes_by_its_headings_and_units():
    """Copied from another template's form in 元: columns by their headings wherever the block
    is pasted, 元 converted, the total and funding rows left out, 基本支出 and 项目支出 to
    their rows, projects from the pasted row on, a blank 追加追减 the difference, scores left."""
    report = Report()
    grid = [
        ["单位：元"],
        ["序号", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "合计", "1,500,000.00", "1,560,000.00", "1,530,000.00", "10", "98.08%", "9.8"],
        ["", "其中：财政拨款", "1,500,000.00", "1,500,000.00", "1,470,000.00", "", "", ""],
        ["1", "项目支出", "500,000.00", "560,000.00", "550,000.00", "", "98.21%", ""],
        ["2", "基本支出", "1,000,000.00", "1,000,000.00", "980,000.00", "", "98.00%", ""],
        ["3", "培训项目", "500,000.00", "560,000.00", "550,000.00", "", "98.21%", ""],
    ]
    plan = paste_block(report, B, 0, 4, grid)  # on the 预算总金额 row, any column
    assert plan.skipped == [] and plan.rows_added == 1
    apply(report, plan.edit)
    budget = report.budget
    assert (budget.basic.initial, budget.basic.adjustment, budget.basic.actual) == (D(100), None, D(98))
    assert (budget.projects_total.initial, budget.projects_total.adjustment, budget.projects_total.actual) == (
        D(50), D(6), D(55))
    assert [(p.name, p.initial, p.adjustment, p.actual) for p in budget.projects] == [("培训项目", D(50), D(6), D(55))]
    said = "\n".join(n.message for n in plan.notes)
    for words in ("粘贴内容带表头，已按表头", "“分值”、“得分” 列是评分", "“序号” 列是序号",
                  "以“元”为单位，已换算为万元（÷10000", "“合计”是合计行", "“其中：财政拨款”是按资金来源的分项",
                  "第3行“项目支出”的“上年度结转及当年预算追加追减数”未填", "计为 6"):
        assert words in said, words
    implied = {(n.table, n.row, n.column) for n in plan.notes if "未填" in n.message}
    assert implied == {(B, 2, "adjustment"), (B, 3, "adjustment")}
    assert (plan.top, plan.bottom) == (1, 3)


def test_an_indicator_block_pasted_with_a_split_target_is_put_together():
    report = Report()
    grid = [
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
         "未完成原因分析"],
        ["产出指标", "数量指标", "办理案件", "≥", "1200", "件", "1265", "10", "10", ""],
        ["", "", "普法活动", "＝", "24", "次", "20", "10", "8", "场地原因"],
    ]
    plan = paste_block(report, IND, 0, 0, grid)
    apply(report, plan.edit)
    assert [(i.group, i.category, i.name, i.target, i.actual, i.reason) for i in report.indicators] == [
        ("产出指标", "数量指标", "办理案件", ">=1200件", "1265件", ""),
        ("产出指标", "数量指标", "普法活动", "=24次", "20次", "场地原因"),
    ]
    assert any("已合为“指标目标值”" in n.message for n in plan.notes)
    assert any("“权重”、“得分” 列是评分" in n.message for n in plan.notes)


def test_a_pasted_header_without_rows_under_it_says_so(seed_report):
    plan = paste_block(seed_report, B, 3, 0, [["项目", "年初预算数", "调整预算数", "实际支出数"]])
    assert plan.edit is None and plan.skipped == ["粘贴的内容中表头以下没有可粘贴的行。"]


def test_a_block_without_a_header_is_pasted_where_it_lands(seed_report):
    """Rows that merely hold figures are pasted cell by cell from the selected cell."""
    plan = paste_block(seed_report, B, 3, 1, [["10", "", "", "9"]])
    assert plan.notes == []
    apply(seed_report, plan.edit)
    assert (seed_report.budget.projects[0].initial, seed_report.budget.projects[0].actual) == (D(10), D(9))


# ---------------------------------------------------------------- change-sets


def test_cells_follow_later_splices():
    earlier = ChangeSet(frozenset({CellRef(IND, 5, "name"), CellRef(IND, 1, "name"), CellRef(IND, 3, "name")}))
    later = ChangeSet(splices=(RowSplice(IND, 2, 2, 1),))
    assert earlier.then(later).cells == {CellRef(IND, 4, "name"), CellRef(IND, 1, "name")}


def test_splices_combine_into_one_region():
    changes = ChangeSet(splices=(RowSplice(IND, 5, 1, 0), RowSplice(IND, 2, 0, 1)))
    # Row 5 removed, then a row inserted at 2: rows 2..5 before are rows 2..5 after.
    assert changes.region(IND) == RowSplice(IND, 2, 4, 4)


# ---------------------------------------------------------------- every edit undoes


def _edits(report: Report, data) -> list:
    table = data.draw(st.sampled_from([B, T, IND]))
    n = row_count(report, table)
    kind = data.draw(st.sampled_from(["insert", "delete", "move", "paste", "clear", "set", "duty"]))
    row = data.draw(st.integers(0, max(n - 1, 0)))
    if kind == "insert":
        edit = insert_rows(report, table, row if n else None, below=data.draw(st.booleans()),
                           count=data.draw(st.integers(1, 3)))
        return [edit.edit] if edit else []
    if kind == "duty":
        tasks = row_count(report, T)
        return [insert_duty(report, min(row, tasks - 1) if tasks else None).edit]
    if kind == "delete":
        last = data.draw(st.integers(row, min(row + 3, max(n - 1, 0))))
        return [delete_rows(report, table, range(row, last + 1))]
    if kind == "move":
        row_edit = move_rows(report, table, row, row, data.draw(st.sampled_from([-1, 1])))
        return [row_edit.edit] if row_edit else []
    if kind == "paste":
        left = data.draw(st.integers(0, 2))
        texts = st.sampled_from(["", "甲", "乙", "12.5", "=1个", "1个", "x"])
        grid = data.draw(st.lists(st.lists(texts, min_size=1, max_size=3), min_size=1, max_size=3))
        return [paste_block(report, table, min(row, n), left, grid).edit]
    if kind == "clear":
        return [clear_cells(report, [CellRef(table, row, "name")])] if n else []
    ref = CellRef(table, row, "name")
    if not is_editable(report, ref):
        return []
    return [set_cell(report, ref, data.draw(st.sampled_from(["甲", "乙", ""])))]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_any_sequence_of_edits_is_undone_by_their_inverses(seed_import, data):
    report = seed_import.report.model_copy(deep=True)
    original = dump(report)
    undo_stack = []
    for _ in range(data.draw(st.integers(1, 6))):
        for edit in _edits(report, data):
            if edit is None:
                continue
            before_rows = {t: row_count(report, t) for t in (B, T, IND)}
            changes, inverse = edit.apply(report)
            for table in (B, T, IND):
                region = changes.region(table)
                grown = 0 if region is None else region.inserted - region.removed
                assert row_count(report, table) == before_rows[table] + grown
            assert all(len(d.tasks) >= 1 for d in report.duties)
            Report.model_validate(report.model_dump())
            undo_stack.append(inverse)
    for inverse in reversed(undo_stack):
        inverse.apply(report)
    assert dump(report) == original


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_a_batch_changes_what_its_parts_change_one_after_the_other(seed_import, data):
    report = seed_import.report.model_copy(deep=True)
    parts = []
    for _ in range(data.draw(st.integers(2, 5))):
        for edit in _edits(report, data):
            if edit is not None:
                parts.append(edit)
                edit.apply(report)
    # From the start again: the parts one by one, then all of them as one batch.
    before = seed_import.report.model_copy(deep=True)
    expected = ChangeSet()
    for part in parts:
        expected = expected.then(part.apply(before)[0])
    again = seed_import.report.model_copy(deep=True)
    assert Batch(tuple(parts)).apply(again)[0] == expected
    assert dump(again) == dump(before)


def test_cell_values_read_back(seed_report):
    assert cell_value(seed_report, CellRef(B, 1, "initial")) == D("785.72")
    assert cell_value(seed_report, CellRef(T, 3, "duty")).startswith("发展志愿者")
    assert cell_value(seed_report, CellRef(OV, None, "goals")).startswith("2023年以来")


# ---------------------------------------------------------------- last year's reference rides with its row


def _marked_next_year(seed_report: Report) -> Report:
    """Next year's report whose every row has a reference of its own (to tell rows apart)."""
    report = next_year_report(seed_report)
    for n, row in enumerate(report.budget.projects):
        assert row.previous is not None
        row.previous.actual = D(n + 1)
    for n, task in enumerate(t for d in report.duties for t in d.tasks):
        task.previous_completion = f"上年{n}"
    for n, indicator in enumerate(report.indicators):
        assert indicator.previous is not None
        indicator.previous.actual = f"{n}个"
    return report


def _references(report: Report) -> dict[str, list]:
    return {
        "budget": [(r.name, r.previous.actual if r.previous else None) for r in report.budget.projects],
        "tasks": [(t.name, t.previous_completion) for d in report.duties for t in d.tasks],
        "indicators": [(i.name, i.previous.actual if i.previous else None) for i in report.indicators],
    }


def test_pasting_over_tasks_keeps_each_rows_reference(seed_report):
    report = _marked_next_year(seed_report)
    before = _references(report)["tasks"]
    grid = [["新职责", "任务甲", "完成甲"], ["", "任务乙", "完成乙"], ["另一职责", "任务丙", "完成丙"]]
    apply(report, paste_block(report, T, 1, 0, grid).edit)
    after = _references(report)["tasks"]
    assert [p for _, p in after] == [p for _, p in before]
    assert [n for n, _ in after][1:4] == ["任务甲", "任务乙", "任务丙"]
    # rows a paste adds at the end are this year's: no reference
    n = row_count(report, T)
    apply(report, paste_block(report, T, n - 1, 1, [["末行"], ["新增行"]]).edit)
    assert _references(report)["tasks"][-1] == ("新增行", None)
    assert _references(report)["tasks"][-2] == ("末行", before[-1][1])


def test_pasting_over_indicator_and_budget_rows_keeps_their_references(seed_report):
    report = _marked_next_year(seed_report)
    apply(report, paste_block(report, IND, 2, 2, [["新指标", ">=1件", "5件"]] * 2).edit)
    assert _references(report)["indicators"][2:4] == [("新指标", "2个"), ("新指标", "3个")]
    apply(report, paste_block(report, B, 3, 0, [["新项目", "1"]]).edit)
    assert _references(report)["budget"][0] == ("新项目", D(1))


def test_moving_deleting_and_undoing_keep_references_with_their_rows(seed_report):
    report = _marked_next_year(seed_report)
    before = _references(report)
    _, undo_move = apply(report, move_rows(report, IND, 3, 4, 1).edit)
    moved = _references(report)["indicators"]
    assert moved[4:6] == before["indicators"][3:5] and moved[3] == before["indicators"][5]
    _, undo_delete = apply(report, delete_rows(report, B, [3, 4]))
    assert _references(report)["budget"] == before["budget"][2:]
    _, undo_insert = apply(report, insert_rows(report, T, 0, below=True).edit)
    assert _references(report)["tasks"][1] == ("", None)
    for undo in (undo_insert, undo_delete, undo_move):
        undo.apply(report)
    assert _references(report) == before


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_no_edit_alters_or_copies_a_reference(seed_import, data):
    """Whatever the clerk does to rows, a reference stays what it was, on one row at most, and
    rows added this year have none; undoing everything puts each back on its row."""
    report = _marked_next_year(seed_import.report.model_copy(deep=True))
    original = _references(report)
    undo = []
    for _ in range(data.draw(st.integers(1, 6))):
        for edit in _edits(report, data):
            if edit is not None:
                undo.append(edit.apply(report)[1])
        for kind, rows in _references(report).items():
            known = {p for _, p in original[kind]}
            present = [p for _, p in rows if p is not None]
            assert set(present) <= known and len(present) == len(set(present))
    for inverse in reversed(undo):
        inverse.apply(report)
    assert _references(report) == original
