"""Targets (指标目标值) and actuals (指标完成值): parsing, canonical text, qualitative ranks.

A measure is either a quantity (`>=90%`, `=1个`, `6000人`) or a qualitative word (`健全`,
`较好`). Input is accepted in the forms clerks type (`≥９０％`, `＝１个`, `不低于90%`,
`90%以上`, `5,000人`) and written back in the report's comparator style.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from selfeval_gui.domain.model import ComparatorStyle
from selfeval_gui.domain.money import MAX_DECIMALS, MAX_INTEGER_DIGITS, plain
from selfeval_gui.domain.text_checks import excerpt


class Comparator(StrEnum):
    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"

    def written(self, style: ComparatorStyle) -> str:
        return _SYMBOLS[self] if style == "symbol" else self.value

    def holds(self, actual: Decimal, target: Decimal) -> bool:
        match self:
            case Comparator.EQ:
                return actual == target
            case Comparator.GE:
                return actual >= target
            case Comparator.GT:
                return actual > target
            case Comparator.LE:
                return actual <= target
            case Comparator.LT:
                return actual < target


_SYMBOLS = {
    Comparator.EQ: "=",
    Comparator.GE: "≥",
    Comparator.GT: ">",
    Comparator.LE: "≤",
    Comparator.LT: "<",
}


@dataclass(frozen=True, slots=True)
class Quantity:
    comparator: Comparator
    value: Decimal
    unit: str
    #: Whether the text carried a comparator (a bare `100%` target means `=`).
    explicit: bool = True

    def text(self, style: ComparatorStyle, *, with_comparator: bool = True) -> str:
        prefix = self.comparator.written(style) if with_comparator else ""
        return f"{prefix}{plain(self.value)}{self.unit}"


@dataclass(frozen=True, slots=True)
class Quality:
    word: str


@dataclass(frozen=True, slots=True)
class Unparseable:
    text: str
    #: Chinese: what is wrong and what to type instead.
    reason: str


Measure = Quantity | Quality | Unparseable

# Ordered scales, best first. Words on one scale compare by rank.
QUALITATIVE_SCALES: tuple[tuple[str, ...], ...] = (
    ("好", "较好", "一般", "较差", "差"),
    ("健全", "较健全", "不健全"),
    ("完善", "较完善", "不完善"),
    ("规范", "较规范", "不规范"),
    ("合规", "基本合规", "不合规"),
    ("有效", "基本有效", "无效"),
    ("合理", "较合理", "不合理"),
    ("明确", "较明确", "不明确"),
    ("科学", "较科学", "不科学"),
    ("公开", "部分公开", "未公开"),
    ("完成", "基本完成", "未完成"),
    ("达到", "基本达到", "未达到"),
    ("满意", "基本满意", "不满意"),
    ("及时", "基本及时", "不及时"),
)
_RANKS: dict[str, tuple[int, int]] = {
    word: (scale_index, rank)
    for scale_index, scale in enumerate(QUALITATIVE_SCALES)
    for rank, word in enumerate(scale)
}


def rank(word: str) -> tuple[int, int] | None:
    """(scale, rank) of a qualitative word, rank 0 the best; `None` if on no known scale."""
    return _RANKS.get(word)


_SYMBOL_COMPARATORS = (
    (">=", Comparator.GE),
    ("<=", Comparator.LE),
    ("=>", Comparator.GE),
    ("=<", Comparator.LE),
    ("==", Comparator.EQ),
    ("≥", Comparator.GE),
    ("≧", Comparator.GE),
    ("⩾", Comparator.GE),
    ("≤", Comparator.LE),
    ("≦", Comparator.LE),
    ("⩽", Comparator.LE),
    (">", Comparator.GT),
    ("<", Comparator.LT),
    ("=", Comparator.EQ),
)
_WORD_PREFIXES = (
    ("不低于", Comparator.GE),
    ("不少于", Comparator.GE),
    ("不小于", Comparator.GE),
    ("大于等于", Comparator.GE),
    ("大于或等于", Comparator.GE),
    ("不高于", Comparator.LE),
    ("不多于", Comparator.LE),
    ("不大于", Comparator.LE),
    ("不超过", Comparator.LE),
    ("小于等于", Comparator.LE),
    ("小于或等于", Comparator.LE),
    ("大于", Comparator.GT),
    ("高于", Comparator.GT),
    ("超过", Comparator.GT),
    ("小于", Comparator.LT),
    ("低于", Comparator.LT),
    ("等于", Comparator.EQ),
)
_WORD_SUFFIXES = (
    ("及以上", Comparator.GE),
    ("以上", Comparator.GE),
    ("及以下", Comparator.LE),
    ("以下", Comparator.LE),
    ("以内", Comparator.LE),
)
_NUMBER_RE = re.compile(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)", re.DOTALL)
_UNIT_RE = re.compile(r"%|‰|[A-Za-z\u3400-\u9fff\U00020000-\U0003134f·/]{1,8}")
_WORD_RE = re.compile(r"[A-Za-z\u3400-\u9fff\U00020000-\U0003134f、，；·“”\"（）() -]{1,40}")
_DIGIT_RE = re.compile(r"\d")


def _canonical_chars(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # NFKC keeps these; they are the same signs for a reader.
    return text.replace("﹦", "=").replace("\u2212", "-").replace("\uff0d", "-").strip()


#: A target or actual that parses is a few dozen characters (a word has at most 40, a figure
#: its digits and a unit of eight); a text this long is unparseable without normalising all
#: of it (seconds for a pasted giant), whatever spaces it holds.
_LONGEST_MEASURE_TEXT = 1000


@lru_cache(maxsize=8192)
def parse_measure(text: str, *, actual: bool = False) -> Measure | None:
    """A target (or, with `actual=True`, an actual) from its text; `None` when blank."""
    if len(text) > _LONGEST_MEASURE_TEXT:
        return Unparseable(text, _unparseable_reason(text.strip(), actual))
    raw = _canonical_chars(text)
    if not raw:
        return None
    compact = re.sub(r"\s+", "", raw)
    comparator: Comparator | None = None
    for prefix, comp in _SYMBOL_COMPARATORS + _WORD_PREFIXES:
        if compact.startswith(prefix):
            comparator, compact = comp, compact[len(prefix) :]
            break
    if comparator is None:
        for suffix, comp in _WORD_SUFFIXES:
            if compact.endswith(suffix) and _DIGIT_RE.search(compact):
                comparator, compact = comp, compact[: -len(suffix)]
                break
    match = _NUMBER_RE.fullmatch(compact)
    if match is None:
        if comparator is None and not _DIGIT_RE.search(raw) and _WORD_RE.fullmatch(raw):
            return Quality(raw)
        return Unparseable(text, _unparseable_reason(raw, actual))
    number, unit = match.groups()
    if unit and not _UNIT_RE.fullmatch(unit):
        return Unparseable(text, _unparseable_reason(raw, actual))
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return Unparseable(text, _unparseable_reason(raw, actual))
    # As many digits as an amount may have: deviations and cross-checks of such figures stay
    # within the precision of decimal arithmetic.
    decimals = max(-int(value.as_tuple().exponent), 0)
    if decimals > MAX_DECIMALS or value.adjusted() >= MAX_INTEGER_DIGITS:
        what = "完成值" if actual else "目标值"
        return Unparseable(
            text, f"{what}“{text}”的数字位数过多：整数最多 {MAX_INTEGER_DIGITS} 位，小数最多 {MAX_DECIMALS} 位。"
        )
    if actual and comparator not in (None, Comparator.EQ):
        return Unparseable(
            text, f"完成值“{excerpt(text)}”带有比较符号；完成值应填写实际达到的数值，例如 95%。"
        )
    return Quantity(comparator or Comparator.EQ, value, unit, explicit=comparator is not None)


#: 指标方向 as some templates state it: a 正向 indicator should reach its value, a 反向 one
#: stay within it.
_DIRECTIONS = {"正向": Comparator.GE, "正向指标": Comparator.GE, "反向": Comparator.LE, "反向指标": Comparator.LE}


def parse_comparator(text: str | None) -> Comparator | None:
    """The comparator a cell holds by itself (a 指标性质 column: `≥`, `＝`, `不低于`, `正向`);
    `None` for anything else (`定量`, `定性`, a blank)."""
    raw = re.sub(r"\s+", "", _canonical_chars(text or ""))
    for sign, comparator in _SYMBOL_COMPARATORS + _WORD_PREFIXES:
        if raw == sign:
            return comparator
    return _DIRECTIONS.get(raw)


def comparable(target: Quantity, actual: Quantity) -> tuple[Quantity, Quantity]:
    """Target and actual with the unit one of them leaves out taken from the other (`50`
    against `>=50个` is 50个; `<=0` against `98.31%` is `<=0%`). Two different units stay
    different: that is a mismatch to fix, not to guess."""
    if target.unit and not actual.unit:
        return target, Quantity(actual.comparator, actual.value, target.unit, actual.explicit)
    if actual.unit and not target.unit:
        return Quantity(target.comparator, target.value, actual.unit, target.explicit), actual
    return target, actual


def _unparseable_reason(raw: str, actual: bool) -> str:
    what = "完成值" if actual else "目标值"
    example = "95%、6000人、健全" if actual else ">=90%、=1个、<=100%、健全"
    return (
        f"无法识别{what}“{excerpt(raw)}”：请填写“比较符号+数字+单位”或一个定性词语，例如 {example}。"
    )


def normalize_measure_text(text: str, style: ComparatorStyle = "ascii", *, actual: bool = False) -> str:
    """The text to store for what the user typed: canonical when it parses, else as typed.

    A target keeps a comparator only if one was written (a bare `100%` stays bare).
    """
    measure = parse_measure(text, actual=actual)
    if isinstance(measure, Quantity):
        return measure.text(style, with_comparator=measure.explicit and not actual)
    if isinstance(measure, Quality):
        return measure.word
    return text.strip()
