"""Years named in free text: `2023年度部门决算`, `2023年部门总结`, `２０２３年`, `二〇二三年度决算`.

A 完成值来源 names the year of the document it comes from; a report made from last year's
moves those years on, and the rules notice a source about another year than the report's.
Only four digits followed by 年 count (`2023部门` and a count such as `5000年` do not), in
Arabic, full-width or Chinese numerals (二〇二三年, 二零二三年), and a span of years
(`2021-2025年`, `2021年至2025年`, a plan's period) is not one year. A year put in place of
another is written in the numerals of the one it replaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from selfeval_gui.domain.model import FIRST_YEAR, LAST_YEAR
from selfeval_gui.domain.money import halfwidth_char

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)(?=\s*年)")
_SPAN_MARK = r"\s*(?:年度?)?\s*[-~至到—–]\s*"
_SPAN_AFTER = re.compile(_SPAN_MARK + r"\d{4}")
_SPAN_BEFORE = re.compile(r"\d{4}" + _SPAN_MARK + r"$")
#: Chinese numerals as years are written with them: 二〇二三 (also with ○ or 零 for the zero).
_CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_CHINESE_WRITTEN = "〇一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class YearMention:
    """A year at `text[start:end]`."""

    start: int
    end: int
    year: int


def _fold(ch: str) -> str:
    """One character of a text as an ASCII digit where it is one in any numerals (full-width,
    Chinese), so that positions stay."""
    return str(_CHINESE_DIGITS[ch]) if ch in _CHINESE_DIGITS else halfwidth_char(ch)


def _one_kind(written: str) -> bool:
    """Whether four digits are written in one kind of numerals (`2〇23` is no year)."""
    chinese = [ch in _CHINESE_DIGITS for ch in written]
    return all(chinese) or not any(chinese)


@lru_cache(maxsize=4096)
def year_mentions(text: str) -> tuple[YearMention, ...]:
    """Every single year `text` names, in order."""
    folded = "".join(_fold(ch) for ch in text)
    mentions = []
    for match in _YEAR.finditer(folded):
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR or not _one_kind(text[match.start() : match.end()]):
            continue
        if _SPAN_AFTER.match(folded, match.end()) or _SPAN_BEFORE.search(folded, 0, match.start()):
            continue
        mentions.append(YearMention(match.start(), match.end(), year))
    return tuple(mentions)


def years_off(text: str, year: int) -> list[int]:
    """The years `text` names, each once, in order, when none of them is `year`: a source
    about another year. Empty when it names `year` (other years beside it are context:
    `2024年部门总结（含2023年结转）`) or no year at all."""
    named = list(dict.fromkeys(m.year for m in year_mentions(text)))
    return [] if year in named else named


def written_like(year: int, like: str) -> str:
    """`year` in the numerals of `like` (four digits as a text wrote a year): `2024`,
    `２０２４`, or `二〇二四` with the zero `like` uses (〇, ○ or 零)."""
    digits = f"{year:04d}"
    if like and like[0] in _CHINESE_DIGITS:
        zero = next((ch for ch in like if _CHINESE_DIGITS[ch] == 0), "〇")
        return "".join(zero if d == "0" else _CHINESE_WRITTEN[int(d)] for d in digits)
    if like and like[0] != _fold(like[0]):  # full-width digits
        return "".join(chr(ord("０") + int(d)) for d in digits)
    return digits


def replace_years(text: str, new_year: Callable[[int], int | None]) -> str:
    """`text` with each year it names replaced by `new_year(year)`, in the same numerals
    (kept where that is `None` or outside the years a report may have)."""
    parts, last = [], 0
    for mention in year_mentions(text):
        year = new_year(mention.year)
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR or year == mention.year:
            continue
        parts += [text[last : mention.start], written_like(year, text[mention.start : mention.end])]
        last = mention.end
    return "".join(parts) + text[last:] if parts else text
