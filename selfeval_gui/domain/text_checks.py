"""Free text: a passage repeated within one cell or section (a paste accident), and the
excerpt of a clerk's text that a message quotes."""

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


def repeated_passage(text: str, min_length: int = MIN_REPEATED_PASSAGE) -> str | None:
    """The longest passage of at least `min_length` characters that occurs twice in the
    first `MAX_CHECKED_CHARS` characters of `text` without overlapping itself, or `None`.
    Spaces and line breaks are layout, not content: "救  助" and "救助" are one passage."""
    body = _SPACE.sub("", text[: 4 * MAX_CHECKED_CHARS])[:MAX_CHECKED_CHARS]
    return longest_repeat(body, min_length)


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
