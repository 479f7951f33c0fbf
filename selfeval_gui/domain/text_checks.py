"""Checks on free text: a passage repeated within one cell or section (a paste accident), and
text carried over from last year unchanged."""

from __future__ import annotations

from functools import lru_cache

#: Shorter repeats are ordinary phrasing ("开展救护培训" recurs in any report).
MIN_REPEATED_PASSAGE = 16


def _significant(text: str) -> str:
    # Spaces and line breaks are layout, not content: "救  助" and "救助" are one passage.
    return "".join(ch for ch in text if not ch.isspace())


@lru_cache(maxsize=16384)
def repeated_passage(text: str, min_length: int = MIN_REPEATED_PASSAGE) -> str | None:
    """The longest passage of at least `min_length` characters that occurs twice in `text`
    without overlapping itself, or `None`.

    Linear in the text: every window of `min_length` characters is remembered with its first
    position; a second, non-overlapping occurrence is then grown to its full length.
    """
    body = _significant(text)
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
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    body = "".join(text[i] for i in positions)
    first = body.find(passage)
    second = body.find(passage, first + len(passage))
    if second < 0:
        return None
    return positions[second], positions[second + len(passage) - 1] + 1


def without_repeats(text: str) -> str:
    """`text` with every repeated passage taken out, second occurrences first, until none is
    left (a cell pasted into itself several times holds several)."""
    while (span := repeated_span(text)) is not None:
        text = text[: span[0]] + text[span[1] :]
    return text


def is_carried(text: str, last_year: str | None) -> bool:
    """Whether `text` is last year's text unchanged (spaces and line breaks aside): carried
    over and not yet edited this year.

    Judged by comparison, not by a flag kept on the report: it holds however the text got
    there (made from last year's report, pasted from the reference), ends as soon as the clerk
    changes it, and an undo that brings last year's text back brings the finding back too."""
    if not last_year or not last_year.strip():
        return False
    return _significant(text) == _significant(last_year)
