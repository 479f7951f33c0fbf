"""Other templates' headings, units and row names, read by one vocabulary (domain.layout)."""

from decimal import Decimal

import pytest

from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.layout import (
    INITIAL_TARGET,
    NATURE,
    UNIT,
    RowRole,
    best_header,
    budget_row_role,
    describe,
    joined_header,
    match_header,
    read_block,
    split_target,
    stated_unit,
    to_wan,
)
from selfeval_gui.domain.money import AmountError

D = Decimal


def test_the_best_match_wins_not_the_first():
    """`偏差原因分析及改进措施` mentions 偏差 but is the reason column, beside 偏差情况 or not."""
    header = match_header(Table.INDICATORS, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                             "偏差情况", "偏差原因分析及改进措施"])
    assert header is not None
    assert header.columns == {"group": 0, "category": 1, "name": 2, "target": 3, "actual": 4, "deviation": 5,
                              "reason": 6}
    alone = match_header(Table.INDICATORS, ["三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"])
    assert alone is not None and alone.columns["reason"] == 3 and "deviation" not in alone.columns
    for reason in ("未完成原因分析", "原因分析及改进措施", "原因"):
        found = match_header(Table.INDICATORS, ["指标名称", "指标值", "完成值", reason])
        assert found is not None and found.columns["reason"] == 3, reason


@pytest.mark.parametrize(
    ("headings", "columns"),
    [
        (["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
         {"name": 0, "initial": 1, "adjusted": 2, "actual": 3, "rate": 4}),
        (["项目", "年初预算", "调整后预算数", "预算执行数", "预算执行率"],
         {"name": 0, "initial": 1, "adjusted": 2, "actual": 3, "rate": 4}),
        (["本年度预算资金（万元）", "年初预算数（万元）", "上年度结转及当年预算追加追减数(万元）", "调整预算数（万元）",
          "实际支出数（万元）", "执行率（%)"],
         {"name": 0, "initial": 1, "adjustment": 2, "adjusted": 3, "actual": 4, "rate": 5}),
        (["项目", "年初预算数", "全年（调整）预算数", "全年执行数"],
         {"name": 0, "initial": 1, "adjusted": 2, "actual": 3}),
    ],
)
def test_budget_headings_of_other_templates(headings, columns):
    header = match_header(Table.BUDGET, headings)
    assert header is not None and header.columns == columns


def test_scores_and_serial_numbers_are_columns_to_drop_and_unknown_ones_are_named():
    header = match_header(Table.BUDGET, ["序号", "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
                                         "得分", "备注"])
    assert header is not None
    assert header.dropped == {0: "序号", 5: "分值", 7: "得分"} and header.unknown == {8: "备注"}


def test_the_split_target_columns_and_the_initial_target_are_known():
    header = match_header(Table.INDICATORS, ["三级指标", "指标性质", "指标值", "度量单位", "完成值"])
    assert header is not None and (header.columns[NATURE], header.columns["target"], header.columns[UNIT]) == (1, 2, 3)
    two_rows = joined_header(["指标名称", "指标值", "", "全年完成值"], [None, "年初指标值", "调整指标值", None])
    header = match_header(Table.INDICATORS, two_rows)
    assert header is not None and (header.columns[INITIAL_TARGET], header.columns["target"]) == (1, 2)


@pytest.mark.parametrize(
    "row",
    [
        ["二、年度履职目标完成情况", "完成了重点任务，开展了各项工作。"],  # words, not headings
        ["基本支出", "785.72", "98.02", "883.74", "848.8", "96.05%"],
        ["年初预算数"],  # one heading is no header
    ],
)
def test_rows_that_are_no_header(row):
    assert best_header(row) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [("年初预算数（元）", "元"), ("单位：元", "元"), ("金额单位：万元", "万元"), ("项目资金(万元)", "万元"),
     ("年初预算数", None), ("单元", None), ("执行率（%）", None), ("本年度预算资金/元", "元")],
)
def test_the_unit_a_heading_or_caption_states(text, unit):
    assert stated_unit(text) == unit


def test_amounts_in_yuan_are_converted_exactly():
    assert to_wan("10,753,700.00", "元") == D("1075.37")
    assert to_wan("12,345.67元", "元") == D("1.234567")
    assert to_wan("1.5", "亿元") == D(15000)
    assert to_wan("1,075.37", "万元") == D("1075.37")
    assert to_wan("", "元") is None
    with pytest.raises(AmountError):
        to_wan("12345.678", "元")  # 1.2345678 万元 has more decimals than an amount keeps


@pytest.mark.parametrize(
    ("name", "role", "kept"),
    [
        ("合计", RowRole.TOTAL, "预算总金额"), ("总 计", RowRole.TOTAL, "预算总金额"),
        ("总额", RowRole.TOTAL, "预算总金额"),
        ("年度资金总额", RowRole.TOTAL, "预算总金额"), ("基 本 支 出", RowRole.BASIC, "基本支出"),
        ("项目支出小计", RowRole.PROJECTS, "项目支出"), ("其中：本年财政拨款", RowRole.FUNDING, "本年财政拨款"),
        ("上年结转资金", RowRole.FUNDING, "上年结转资金"), ("其中：信息化维护费", RowRole.PROJECT, "信息化维护费"),
        ("合计支出调研", RowRole.PROJECT, "合计支出调研"),
    ],
)
def test_budget_rows_by_their_names(name, role, kept):
    assert budget_row_role(name) == (role, kept)


@pytest.mark.parametrize(
    ("nature", "value", "unit", "style", "target"),
    [
        ("≥", "50", "个", "ascii", ">=50个"), ("≥", "50", "个", "symbol", "≥50个"),
        ("＝", "100", "%", "ascii", "=100%"),
        ("", "100", "%", "ascii", "100%"), ("定量", "95", "%", "ascii", "95%"), ("正向", "90", "%", "ascii", ">=90%"),
        ("反向", "5", "天", "ascii", "<=5天"), ("≤", "≥90%", "%", "ascii", ">=90%"), ("=", "健全", "", "ascii", "健全"),
        ("≥", "3", "—", "ascii", ">=3"),
    ],
)
def test_a_target_split_over_three_columns_is_put_back_together(nature, value, unit, style, target):
    assert split_target(nature, value, unit, style) == target


def test_an_actual_takes_the_unit_column_but_no_comparator():
    assert split_target("≥", "48", "个", "ascii", actual=True) == "48个"
    assert split_target("", "达成预期指标", "个", "ascii", actual=True) == "达成预期指标"


def _budget_read(headings, rows, unit=None):
    header = match_header(Table.BUDGET, headings)
    assert header is not None
    return read_block(header, rows, unit=unit)


def test_a_table_without_a_unit_whose_amounts_look_like_yuan_is_read_in_wan_and_said():
    read = _budget_read(["项目", "年初预算数", "调整预算数", "实际支出数"],
                        [["基本支出", "7,857,200.00", "8,837,400.00", "8,488,000.00"]])
    assert read.rows[0][1] == "7,857,200.00" and read.converted == {}
    assert read.yuan_like == D("8837400.00")
    (note,) = describe(read, "第1个表格", str, "导入")
    assert "没有注明金额单位" in note.message and "8837400.00" in note.message and note.table is Table.BUDGET
    in_wan = _budget_read(["项目", "年初预算数", "调整预算数", "实际支出数"],
                          [["基本支出", "785.72", "883.74", "848.8"]])
    assert in_wan.yuan_like is None


def test_a_caption_gives_the_unit_of_columns_whose_headings_state_none():
    read = _budget_read(["项目", "年初预算数（万元）", "调整预算数", "实际支出数"],
                        [["基本支出", "785.72", "8,837,400", "—"]], unit="元")
    assert read.rows[0][1:5] == ["785.72", "", "883.74", ""]  # 调整 converted; 年初 stays 万元; `—` blank
    assert read.converted == {"元": ["adjusted", "actual"]}


def test_a_label_row_is_passed_over_but_a_row_with_anything_else_is_said_to_be_left_out():
    headings = ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "原因分析"]
    header = match_header(Table.INDICATORS, headings)
    assert header is not None
    read = read_block(header, [
        ["产出指标", "", "", "", "", "", ""],  # a label spanning the row
        ["产出指标", "数量指标", "培训人数", "≥5000人", "5230人", "10", ""],
        ["", "", "", "", "", "", "原因写在了下一行"],
        ["总分", "", "", "", "", "100", ""],
    ])
    assert [r[2] for r in read.rows] == ["培训人数"]
    assert [index for index, _ in read.skipped_rows] == [2, 3]
