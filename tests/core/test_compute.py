"""Every example figure of DOMAIN.md, and the rules behind them."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from selfeval_gui.domain.common_indicators import common_indicator
from selfeval_gui.domain.compute import (
    BudgetRowKind,
    Outcome,
    adjusted_budget,
    budget_table,
    evaluate,
    execution_rate,
    qualitative_met,
    rate_text,
    total_row,
)
from selfeval_gui.domain.model import Budget, BudgetRow
from selfeval_gui.domain.money import format_amount, format_percent

D = Decimal


def test_adjusted_budget_is_initial_plus_adjustment_and_blank_adjustment_is_zero():
    assert adjusted_budget(BudgetRow(initial=D("1075.37"), adjustment=D("101.36"))) == D("1176.73")
    assert adjusted_budget(BudgetRow(initial=D("9.11"))) == D("9.11")
    assert adjusted_budget(BudgetRow(initial=D("10"), adjustment=D("-2.5"))) == D("7.5")
    assert adjusted_budget(BudgetRow()) is None


def test_execution_rate_two_decimals_and_undefined_without_budget():
    assert format_percent(execution_rate(D("1140.78"), D("1176.73"))) == "96.94%"
    assert format_percent(execution_rate(D("3.99"), D("5"))) == "79.80%"
    assert format_percent(execution_rate(D("1"), D("0"))) == "—"
    assert execution_rate(None, D("5")) is None


def test_the_rate_is_blank_while_nothing_is_spent_and_a_dash_where_it_is_undefined():
    budget = Budget(
        basic=BudgetRow(initial=D("5"), actual=D("3.99")),
        projects_total=BudgetRow(initial=D("2"), adjustment=D("-2"), actual=D("1")),  # 调整预算数 0
        projects=[BudgetRow(name="未支出", initial=D("9")), BudgetRow(name="无预算", actual=D("1")), BudgetRow()],
    )
    assert [rate_text(row.actual, row.adjusted) for row in budget_table(budget)] == [
        "99.80%", "79.80%", "—", "", "—", ""]
    total = budget_table(Budget(basic=BudgetRow(initial=D("5"))))[0]
    assert rate_text(total.actual, total.adjusted) == ""


def test_total_is_basic_plus_projects_column_by_column():
    budget = Budget(
        basic=BudgetRow(name="基本支出", initial=D("785.72"), adjustment=D("98.02"), actual=D("848.8")),
        projects_total=BudgetRow(name="项目支出", initial=D("289.65"), adjustment=D("3.34"), actual=D("291.98")),
    )
    total = total_row(budget)
    assert (total.initial, total.adjustment, total.actual) == (D("1075.37"), D("101.36"), D("1140.78"))
    rows = budget_table(budget)
    assert [r.kind for r in rows] == [BudgetRowKind.TOTAL, BudgetRowKind.BASIC, BudgetRowKind.PROJECTS]
    assert format_amount(rows[0].adjusted) == "1176.73"
    assert format_percent(rows[1].rate) == "96.05%"
    assert format_percent(rows[2].rate) == "99.66%"


def test_the_common_indicators_from_the_budget_table(seed_report):
    adjustment = common_indicator("预算调整率")
    assert adjustment is not None
    assert format_percent(adjustment.compute(seed_report.budget)) == "8.61%"
    execution = common_indicator(" “预算执行率” ")
    assert execution is not None
    assert format_percent(execution.compute(seed_report.budget)) == "96.94%"
    assert common_indicator("结转结余率") is None


@pytest.mark.parametrize(
    ("target", "actual", "deviation", "outcome"),
    [
        (">=90%", "95%", "5.56%", Outcome.MET),
        (">=85%", "90%", "5.88%", Outcome.MET),
        (">=5000人", "6000人", "20.00%", Outcome.MET),
        ("=2次", "1次", "-50.00%", Outcome.MISSED),
        (">=100%", "231.41%", "131.41%", Outcome.FAR_EXCEEDED),
        ("=100%", "100%", "0.00%", Outcome.MET),
        ("=1个", "1个", "0.00%", Outcome.MET),
        ("=0%", "3.67%", "100%", Outcome.MISSED),
        ("<=0%", "115.53%", "100%", Outcome.MISSED),
        ("=0%", "0%", "0.00%", Outcome.MET),
        # a zero target met never shows 100%: below <=0% is met, above >=0% too
        ("<=0%", "-5.2%", "0.00%", Outcome.MET),
        ("<=0%", "0%", "0.00%", Outcome.MET),
        (">=0%", "12%", "0.00%", Outcome.MET),
        (">=0%", "-1%", "100%", Outcome.MISSED),
        ("=0%", "-3%", "100%", Outcome.MISSED),
        ("<0%", "0%", "100%", Outcome.MISSED),
        ("=0个", "0个", "0.00%", Outcome.MET),
        ("<=100%", "100%", "0.00%", Outcome.MET),
        ("<=100%", "80%", "-20.00%", Outcome.MET),
        ("=8个", "10个", "25.00%", Outcome.MISSED),
        (">90%", "90%", "0.00%", Outcome.MISSED),
        ("<5天", "4天", "-20.00%", Outcome.MET),
        ("100%", "100%", "0.00%", Outcome.MET),
        ("健全", "健全", "0%", Outcome.MET),
        ("较好", "好", "0%", Outcome.MET),
        ("较好", "一般", "未达到", Outcome.MISSED),
        ("健全", "较健全", "未达到", Outcome.MISSED),
        ("公开", "部分公开", "未达到", Outcome.MISSED),
        ("持续健康发展", "持续健康发展", "0%", Outcome.MET),
        ("持续健康发展", "较好", "未达到", Outcome.MISSED),
        ("=1个", "1次", "—", Outcome.INCOMPARABLE),
        # A bare number takes the other side's unit; two different units stay incomparable.
        ("=100%", "100", "0.00%", Outcome.MET),
        (">=50个", "50", "0.00%", Outcome.MET),
        ("<=0", "98.31%", "100%", Outcome.MISSED),
        ("70%", "75", "7.14%", Outcome.MISSED),
        ("健全", "100%", "—", Outcome.INCOMPARABLE),
        ("90%-95%", "92%", "—", Outcome.INVALID),
        (">=90%", "", "", Outcome.EMPTY),
        ("", "95%", "", Outcome.EMPTY),
    ],
)
def test_deviation_and_outcome_as_published(target, actual, deviation, outcome):
    result = evaluate(target, actual)
    assert (result.deviation, result.outcome) == (deviation, outcome)


def test_far_exceeded_is_more_than_the_threshold_and_the_threshold_is_a_setting():
    assert evaluate(">=5000人", "6000人", D(20)).outcome is Outcome.MET  # exactly 20%: not more
    assert evaluate(">=5000人", "6001人", D(20)).outcome is Outcome.FAR_EXCEEDED
    assert evaluate(">=5000人", "6000人", D(10)).outcome is Outcome.FAR_EXCEEDED
    assert evaluate(">=100%", "231.41%", D(200)).outcome is Outcome.MET
    # only a >= (or >) target can be far exceeded; a zero target has no relative excess
    assert evaluate("<=100%", "10%", D(20)).outcome is Outcome.MET
    assert evaluate(">=0%", "50%", D(20)).outcome is Outcome.MET


def test_missed_and_far_exceeded_need_a_reason_met_does_not():
    assert evaluate("=2次", "1次").needs_reason
    assert evaluate(">=100%", "231.41%").needs_reason
    assert not evaluate(">=90%", "95%").needs_reason
    assert not evaluate("=1个", "1次").needs_reason


def test_qualitative_ranks_compare_only_within_one_scale():
    assert qualitative_met("规范", "规范")
    assert qualitative_met("较规范", "规范")
    assert not qualitative_met("规范", "较规范")
    assert not qualitative_met("健全", "好")  # different scales
    assert qualitative_met("基本合规", "合规")
    assert not qualitative_met("有效", "无效")


_MEASURES = st.from_regex(r"\A(>=|<=|=|>|<)?-?[0-9]{1,40}(\.[0-9]{1,40})?(%|人)?\Z")


@given(_MEASURES, _MEASURES)
@example("=1%", "1" + "0" * 30 + "%")
@example("=0.0000000001%", "99999999999999999999%")
def test_any_pair_of_figures_evaluates_without_an_error(target, actual):
    """Live validation runs on every keystroke: a figure of forty digits is a finding
    (unparseable), never an exception."""
    result = evaluate(target, actual)
    if result.outcome in (Outcome.MET, Outcome.MISSED, Outcome.FAR_EXCEEDED):
        assert result.deviation.endswith("%")
