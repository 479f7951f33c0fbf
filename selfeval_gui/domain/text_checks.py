"""Free text: a passage repeated within one cell or section (a paste accident), text carried
over from last year unchanged, and the excerpt of a clerk's text that a message quotes."""

from __future__ import annotations

import re
from functools import lru_cache

#: Shorter repeats are ordinary phrasing ("开展救护培训" recurs in any report).
MIN_REPEATED_PASSAGE = 16
#: The check reads this many characters of a text at most (spaces aside): a section of a
#: report has a few thousand, and a pasted giant is judged by its beginning, so that
#: validating it takes milliseconds, not the minutes its whole would.
MAX_CHECKED_CHARS = 50_000
_SPACE = re.compile(r"\s+")
#: A message quotes at most this many characters of a clerk's text.
MAX_QUOTED_CHARS = 40


def excerpt(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """`text` as a message quotes it: whole if short, else its beginning and `……` (a pasted
    giant in a message would make every list and printout that shows it as large)."""
    return text if len(text) <= limit else text[:limit] + "……"


def _significant(text: str) -> str:
    # Spaces and line breaks are layout, not content: "救  助" and "救助" are one passage.
    return _SPACE.sub("", text)


# Asked for each fix offered as the current cell moves: the same text, once.
@lru_cache(maxsize=8)
def significant_length(text: str) -> int:
    """How many characters `text` has, spaces and line breaks aside."""
    return len(_significant(text))


def repeated_passage(text: str, min_length: int = MIN_REPEATED_PASSAGE) -> str | None:
    """The longest passage of at least `min_length` characters that occurs twice in the
    first `MAX_CHECKED_CHARS` characters of `text` (spaces aside) without overlapping itself,
    or `None`."""
    body = _significant(_checked_part(text))[:MAX_CHECKED_CHARS]
    return longest_repeat(body, min_length)


def _checked_part(text: str) -> str:
    """The beginning of `text` the repetition check reads (its spaces included)."""
    return text[: 4 * MAX_CHECKED_CHARS]


@lru_cache(maxsize=16384)
def longest_repeat(body: str, min_length: int) -> str | None:
    """Linear in the text: every window of `min_length` characters is remembered with its
    first position; a second, non-overlapping occurrence is then grown to its full length."""
    if len(body) < 2 * min_length:
        return None
    first_seen: dict[str, int] = {}
    best: str | None = None
    start, last = 0, len(body) - min_length
    while start <= last:
        earlier = first_seen.setdefault(body[start : start + min_length], start)
        if earlier == start or start - earlier < min_length:
            start += 1
            continue
        length = min_length
        while (
            start + length < len(body)
            and earlier + length < start
            and body[earlier + length] == body[start + length]
        ):
            length += 1
        if best is None or length > len(best):
            best = body[start : start + length]
        # The windows inside this repeat are repeats of the same passage: skip them.
        for inner in range(start + 1, start + length - min_length + 1):
            first_seen.setdefault(body[inner : inner + min_length], inner)
        start += length - min_length + 1
    return best


def repeated_span(text: str) -> tuple[int, int] | None:
    """Where in `text` the second occurrence of its repeated passage is (start, end), the
    passage being compared without spaces and line breaks, as the check does."""
    passage = repeated_passage(text)
    if passage is None:
        return None
    positions = [i for i, ch in enumerate(_checked_part(text)) if not ch.isspace()]
    body = "".join(text[i] for i in positions)
    first = body.find(passage)
    second = body.find(passage, first + len(passage))
    if second < 0:
        return None
    return positions[second], positions[second + len(passage) - 1] + 1


# A fix is worked out at each move of the current cell: the same text, once.
@lru_cache(maxsize=8)
def without_repeats(text: str) -> str:
    """`text` with every repeated passage taken out, second occurrences first, until none is
    left (a cell pasted into itself several times holds several). In a giant text, within
    the part the check reads; what follows is kept as it is (and checked once this is fixed)."""
    head, tail = _checked_part(text), text[len(_checked_part(text)):]
    while (span := repeated_span(head)) is not None:
        head = head[: span[0]] + head[span[1] :]
    return head + tail


def is_carried(text: str, last_year: str | None) -> bool:
    """Whether `text` is last year's text unchanged (spaces and line breaks aside): carried
    over and not yet edited this year.

    Judged by comparison, not by a flag kept on the report: it holds however the text got
    there (made from last year's report, pasted from the reference), ends as soon as the clerk
    changes it, and an undo that brings last year's text back brings the finding back too."""
    if not last_year or not last_year.strip():
        return False
    return _significant(text) == _significant(last_year)
