"""Amounts in 万元 and percentages: exact decimals, parsed as clerks type them.

Money is never a binary float here. Amounts are `Decimal`; what the user typed is parsed
leniently (thousands separators, full-width digits, a trailing 万元, accounting brackets for
negatives) and anything else is rejected with a Chinese message that says what to type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: Largest number of digits an amount may carry (before and after the point together).
MAX_DIGITS = 18
#: Largest number of decimals an amount may carry.
MAX_DECIMALS = 6
#: Largest number of digits before the point: the model keeps room for every decimal.
MAX_INTEGER_DIGITS = MAX_DIGITS - MAX_DECIMALS

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

_MINUS_SIGNS = "\u2212\u2012\u2013\u2014\ufe63\uff0d"
_AMOUNT_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED_RE = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


class AmountError(ValueError):
    """Text that is not an amount; `str(error)` is the Chinese message for the user."""


def halfwidth(text: str) -> str:
    """Full-width digits, signs and punctuation as their ASCII forms (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def halfwidth_char(ch: str, then: Callable[[str], str] | None = None) -> str:
    """One character as `halfwidth` writes it (and as `then` makes that), where that is one
    character, else as it is: a text folded so keeps the positions of what is found in it."""
    folded = unicodedata.normalize("NFKC", ch)
    if then is not None:
        folded = then(folded)
    return folded if len(folded) == 1 else ch


def parse_amount(text: str | None) -> Decimal | None:
    """An amount in 万元 from what a clerk typed; `None` for a blank cell.

    Accepts `1075.37`, `1,075.37`, `１０７５．３７`, `1075.37万元`, `-3.34`, `(3.34)`.
    Raises `AmountError` with a Chinese message for anything else.
    """
    if text is None:
        return None
    raw = halfwidth(str(text)).strip()
    for sign in _MINUS_SIGNS:
        raw = raw.replace(sign, "-")
    raw = raw.replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1]
        if raw.startswith(("-", "+")):  # (−3.34): which sign was meant cannot be told
            raise AmountError(f"“{text}”既有括号又有正负号，请只用一种方式表示负数，例如 -3.34。")
    if raw.endswith("万元"):
        raw = raw[: -len("万元")]
    elif raw.endswith("万"):
        raw = raw[:-1]
    elif raw.endswith("元"):
        raise AmountError(f"“{text}”的单位是元，本表金额以万元为单位，请换算为万元后填写。")
    if _GROUPED_RE.fullmatch(raw):
        raw = raw.replace(",", "")
    if not _AMOUNT_RE.fullmatch(raw):
        raise AmountError(f"“{text}”不是金额，请填写数字（单位：万元），例如 1075.37。")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid literals
        raise AmountError(f"“{text}”不是金额。") from exc
    if negative:
        value = -value
    return check_amount(value, text)


def check_amount(value: Decimal, shown: object = None) -> Decimal:
    """`value` if it fits the digits an amount may have (what the model stores), else
    `AmountError`."""
    label = shown if shown is not None else value
    if not value.is_finite():
        raise AmountError(f"“{label}”不是有限的数字。")
    exponent = value.as_tuple().exponent
    decimals = max(-int(exponent), 0)
    if decimals > MAX_DECIMALS:
        raise AmountError(f"“{label}”的小数位过多，金额最多保留 {MAX_DECIMALS} 位小数。")
    integer_digits = max(value.adjusted() + 1, 1) if value else 1
    if integer_digits > MAX_INTEGER_DIGITS:
        raise AmountError(f"“{label}”过大，请检查是否多输入了数字。")
    return value


def float_artefact(text: str) -> Decimal | None:
    """The intended value of a number such as `1176.7299999999998`, which a binary float
    printed; `None` for an ordinary number.

    A float prints about seventeen significant digits; what it meant has a few decimals.
    """
    raw = text.strip()
    if "." not in raw or len(raw.split(".", 1)[1]) < 10:
        return None
    try:
        intended = Decimal(raw).quantize(Decimal("1e-8"), rounding=ROUND_HALF_UP).normalize()
    except InvalidOperation:  # not a number, or too long to be a float's
        return None
    exponent = int(intended.as_tuple().exponent)
    if exponent < -4:
        return None
    return intended.quantize(CENT) if exponent >= -2 else intended


def round_cents(value: Decimal) -> Decimal:
    """Rounded to two decimals, halves away from zero (as Excel's ROUND does); what rounds
    to zero is zero, not `-0.00`."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def format_amount(value: Decimal | None) -> str:
    """`1176.73`; a blank for no amount. Two decimals, no thousands separators: how the
    report's tables show an amount (the editor, Word, Excel's `0.00`), also one with more
    decimals (9.11105 万元, converted from 91,110.50 元), which stays exact where it is
    stored, edited and computed with (see `exact_amount_note`)."""
    if value is None:
        return ""
    return f"{round_cents(value):f}"


def amount_text(value: Decimal | None) -> str:
    """`1176.73`: two decimals, as published; more only when the amount really has them
    (`9.111`), so that no figure, and no difference between figures, that a message or the
    command line states is other than it is."""
    if value is None:
        return ""
    if round_cents(value) == value:
        return format_amount(value)
    return f"{value.normalize():f}"


def exact_amount_note(value: Decimal | None) -> str:
    """What a table showing `value` with two decimals leaves out, in a sentence: empty for an
    amount in cents."""
    if value is None or round_cents(value) == value:
        return ""
    return f"显示为 {format_amount(value)}，实际为 {amount_text(value)} 万元（表格显示两位小数，计算和保存用实际值）。"


def amount_or_blank(value: Decimal | None) -> str:
    """`amount_text`, or `（空）` for a blank figure, where a message shows what a cell holds."""
    return amount_text(value) or "（空）"


def format_percent(value: Decimal | None, *, undefined: str = "—") -> str:
    """`96.94%` from 96.94; `undefined` when there is no value (division by zero)."""
    if value is None:
        return undefined
    return f"{round_cents(value):f}%"


def as_written(written: Decimal, value: Decimal) -> bool:
    """Whether `value` is `written` at the decimals `written` has, halves rounded up: 97 and
    96.9 say 96.94, 96.95 does not (a clerk writes a figure to the precision they mean)."""
    places = Decimal(1).scaleb(min(int(written.as_tuple().exponent), 0))
    return value.quantize(places, rounding=ROUND_HALF_UP) == written


def trimmed(value: Decimal) -> Decimal:
    """`value` without zeros after its last decimal (`70.000` is 70, `1075.3700` 1075.37), so
    that a computed amount is shown and stored as a clerk would type it."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def plain(value: Decimal) -> str:
    """A decimal as written, without exponent: `Decimal('1E+2')` is `100`; a negative zero
    is written without its sign."""
    return f"{value.copy_abs() if value.is_zero() else value:f}"
