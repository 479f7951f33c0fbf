from decimal import Decimal

import pytest

from selfeval_gui.domain.measure import (
    Comparator,
    Quality,
    Quantity,
    Unparseable,
    normalize_measure_text,
    parse_measure,
)


@pytest.mark.parametrize(
    ("typed", "comparator", "value", "unit"),
    [
        ("=100%", Comparator.EQ, "100", "%"),
        ("<=100%", Comparator.LE, "100", "%"),
        (">=90%", Comparator.GE, "90", "%"),
        ("=1个", Comparator.EQ, "1", "个"),
        (">=5000人", Comparator.GE, "5000", "人"),
        ("=0%", Comparator.EQ, "0", "%"),
        ("＝１００％", Comparator.EQ, "100", "%"),
        ("﹦2次", Comparator.EQ, "2", "次"),
        ("≥９０％", Comparator.GE, "90", "%"),
        ("≤100%", Comparator.LE, "100", "%"),
        ("＞0", Comparator.GT, "0", ""),
        ("＜5天", Comparator.LT, "5", "天"),
        ("> = 85 %", Comparator.GE, "85", "%"),
        ("不低于90%", Comparator.GE, "90", "%"),
        ("不超过100%", Comparator.LE, "100", "%"),
        ("5000人以上", Comparator.GE, "5000", "人"),
        ("10天以内", Comparator.LE, "10", "天"),
        (">=5,000人", Comparator.GE, "5000", "人"),
        ("100%", Comparator.EQ, "100", "%"),
        ("-5%", Comparator.EQ, "-5", "%"),
    ],
)
def test_quantitative_targets_in_every_written_form(typed, comparator, value, unit):
    measure = parse_measure(typed)
    assert measure == Quantity(comparator, Decimal(value), unit, explicit=typed != "100%" and typed != "-5%")


@pytest.mark.parametrize("word", ["健全", "较好", "持续健康发展", "合规", "部分公开"])
def test_qualitative_words(word):
    assert parse_measure(word) == Quality(word)


@pytest.mark.parametrize("text", ["90%-95%", ">=", "约90%左右的", "1次2次", "100%；95%", "=健全", "3.6.7%"])
def test_text_that_is_neither_is_unparseable_with_advice(text):
    measure = parse_measure(text)
    assert isinstance(measure, Unparseable)
    assert "比较符号" in measure.reason and "例如" in measure.reason


@pytest.mark.parametrize("text", ["1000000000000人", "=0.0000001%", "1" + "0" * 30 + "%"])
def test_a_figure_with_more_digits_than_an_amount_is_unparseable(text):
    measure = parse_measure(text)
    assert isinstance(measure, Unparseable) and "位数过多" in measure.reason


def test_an_actual_with_a_comparator_other_than_equals_is_not_an_actual():
    assert isinstance(parse_measure(">=95%", actual=True), Unparseable)
    assert parse_measure("=95%", actual=True) == Quantity(Comparator.EQ, Decimal(95), "%")


def test_blank_is_no_measure():
    assert parse_measure("") is None
    assert parse_measure("  ") is None


@pytest.mark.parametrize(
    ("typed", "ascii_form", "symbol_form"),
    [
        ("≥９０％", ">=90%", "≥90%"),
        ("＜＝１００％", "<=100%", "≤100%"),
        ("＝１个", "=1个", "=1个"),
        ("不低于 85%", ">=85%", "≥85%"),
        ("健全", "健全", "健全"),
        ("100%", "100%", "100%"),
        ("90%-95%", "90%-95%", "90%-95%"),
    ],
)
def test_targets_are_written_back_in_the_templates_style(typed, ascii_form, symbol_form):
    assert normalize_measure_text(typed, "ascii") == ascii_form
    assert normalize_measure_text(typed, "symbol") == symbol_form


def test_actuals_are_written_without_comparator():
    assert normalize_measure_text("＝９５％", actual=True) == "95%"
    assert normalize_measure_text("６，０００人", actual=True) == "6000人"
