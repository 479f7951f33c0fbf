from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from selfeval_gui.domain.compute import evaluate
from selfeval_gui.domain.model import Budget, BudgetRow, Report
from selfeval_gui.domain.money import (
    AmountError,
    check_amount,
    float_artefact,
    format_amount,
    format_percent,
    parse_amount,
    plain,
    round_cents,
)
from selfeval_gui.storage.projectfile import dumps, loads


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1075.37", "1075.37"),
        ("1,075.37", "1075.37"),
        ("１，０７５．３７", "1075.37"),
        ("1075.37万元", "1075.37"),
        (" 1,075.37 万元 ", "1075.37"),
        ("98.02万", "98.02"),
        ("-3.34", "-3.34"),
        ("−3.34", "-3.34"),
        ("(3.34)", "-3.34"),
        ("（3.34）", "-3.34"),
        (".5", "0.5"),
        ("1234567", "1234567"),
    ],
)
def test_amounts_are_accepted_as_clerks_type_them(typed, value):
    assert parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize("blank", ["", "   ", None, "\u3000"])
def test_a_blank_cell_is_no_amount(blank):
    assert parse_amount(blank) is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("12元", "万元"),
        ("abc", "不是金额"),
        ("1,23.4", "不是金额"),
        ("1e5", "不是金额"),
        ("1.1234567", "小数位过多"),
        ("12345678901234567890", "过大"),
        ("1234567890123", "过大"),
        ("6222021234567890", "过大"),  # a bank card number pasted into an amount
        ("NaN", "不是金额"),
        ("(−3.34)", "括号又有正负号"),  # was read as +3.34
        ("（+3.34）", "括号又有正负号"),
    ],
)
def test_what_is_not_an_amount_is_rejected_in_chinese(typed, says):
    with pytest.raises(AmountError, match=says):
        parse_amount(typed)


@given(st.decimals(allow_nan=False, allow_infinity=False))
@example(Decimal("1234567890123"))
@example(Decimal("123456789012.123456"))
@example(Decimal("1E+12"))
def test_every_amount_accepted_is_one_a_project_file_holds(value):
    """What parsing accepts the model stores and the saved file gives back: a typed amount
    never makes a project file that cannot be opened again."""
    try:
        check_amount(value)
    except AmountError:
        return
    report = Report(budget=Budget(projects=[BudgetRow(initial=value)]))
    assert loads(dumps(report)).budget.projects[0].initial == value


@pytest.mark.parametrize(
    ("printed", "meant"),
    [
        ("1176.7299999999998", "1176.73"),
        ("292.98999999999995", "292.99"),
        ("0.30000000000000004", "0.30"),
    ],
)
def test_binary_float_artefacts_are_recognised(printed, meant):
    assert float_artefact(printed) == Decimal(meant)
    assert format_amount(float_artefact(printed)) == meant


@pytest.mark.parametrize(
    "ordinary", ["848.8", "1176.73", "1.2345678901234", "3", "12.3456", "1234567890123456789012345.0000000001"]
)
def test_ordinary_numbers_are_not_artefacts(ordinary):
    assert float_artefact(ordinary) is None


def test_amounts_show_two_decimals_and_rates_a_percent_sign():
    assert format_amount(Decimal("848.8")) == "848.80"
    assert format_amount(None) == ""
    assert format_percent(Decimal("96.9444")) == "96.94%"
    assert format_percent(None) == "—"


@pytest.mark.parametrize("zero", ["-0", "-0.00", "-0.004", "-0.0000001"])
def test_what_rounds_to_zero_shows_without_a_sign(zero):
    assert format_amount(Decimal(zero)) == "0.00"
    assert format_percent(Decimal(zero)) == "0.00%"


def test_a_negative_zero_is_written_without_its_sign():
    assert [plain(Decimal(z)) for z in ("-0", "-0.0", "-0.00", "-0E+3")] == ["0", "0.0", "0.00", "0"]


def test_a_deviation_that_rounds_to_zero_shows_without_a_sign():
    assert evaluate(">=100%", "99.999%").deviation == "0.00%"


def test_rounding_is_half_away_from_zero_like_excel():
    assert round_cents(Decimal("2.675")) == Decimal("2.68")
    assert round_cents(Decimal("-2.675")) == Decimal("-2.68")
    assert round_cents(Decimal("2.674999")) == Decimal("2.67")
