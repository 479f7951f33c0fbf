"""Years named in free text: `2023年度部门决算`, `2023年部门总结`, `２０２３年`.

A 完成值来源 names the year of the document it comes from; a report made from last year's
moves those years on, and the rules notice a source that names another year than the report's.
Only a four-digit year followed by 年 counts (`2023部门` and a count such as `5000年` do not),
and a span of years (`2021-2025年`, `2021年至2025年`, a plan's period) is not one year.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from selfeval_gui.domain.model import FIRST_YEAR, LAST_YEAR

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)(?=\s*年)")
_SPAN_MARK = r"\s*(?:年度?)?\s*[-~至到—–]\s*"
_SPAN_AFTER = re.compile(_SPAN_MARK + r"\d{4}")
_SPAN_BEFORE = re.compile(r"\d{4}" + _SPAN_MARK + r"$")


@dataclass(frozen=True, slots=True)
class YearMention:
    """A year at `text[start:end]`."""

    start: int
    end: int
    year: int


def _ascii_digits(text: str) -> str:
    """Full-width digits and dashes as ASCII, one character for one, so positions stay."""
    return "".join(
        folded if len(folded := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in text
    )


@lru_cache(maxsize=4096)
def year_mentions(text: str) -> tuple[YearMention, ...]:
    """Every single year `text` names, in order."""
    folded = _ascii_digits(text)
    mentions = []
    for match in _YEAR.finditer(folded):
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        if _SPAN_AFTER.match(folded, match.end()) or _SPAN_BEFORE.search(folded, 0, match.start()):
            continue
        mentions.append(YearMention(match.start(), match.end(), year))
    return tuple(mentions)


def other_years(text: str, year: int) -> list[int]:
    """The years `text` names other than `year`, each once, in order."""
    return list(dict.fromkeys(m.year for m in year_mentions(text) if m.year != year))


def replace_years(text: str, new_year: Callable[[int], int | None]) -> str:
    """`text` with each year it names replaced by `new_year(year)` (kept where that is
    `None` or outside the years a report may have)."""
    parts, last = [], 0
    for mention in year_mentions(text):
        year = new_year(mention.year)
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR or year == mention.year:
            continue
        parts += [text[last : mention.start], str(year)]
        last = mention.end
    return "".join(parts) + text[last:] if parts else text
