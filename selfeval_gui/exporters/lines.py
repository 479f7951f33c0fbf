"""Lines of text: how wide each character is, where a line may break, where lines end.

    Text(runs).lines(width, indent) -> [(start, end), ...]

Lines break as LibreOffice and Word break Chinese text (the line-breaking rules of Unicode
UAX #14 with the zh-CN forbidden characters), so that the Word file, the PDF and print fill
the same lines:

- anywhere between Chinese characters; never inside a number or a Latin word;
- never before a closing mark （，。、）》”…, the character before it moving down with it,
  except that one of ，。、；：？！ may hang past the end of a line of body text (never in a
  table's cell, whose text stays inside its borders); in a cell, nor after one of them but
  ；：？！ where a Latin word or a number follows (`、CPR+AED` moves down whole);
- never after an opening mark （《“, which moves down with what follows;
- a little space (`AUTOSPACE`) where Chinese characters meet Latin letters or digits.
Characters are as wide as `metrics` says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from selfeval_gui.exporters.metrics import is_wide

if TYPE_CHECKING:
    from selfeval_gui.exporters.layout import Align, Font

#: Rounding slack when comparing positions, in points.
EPS = 0.01
#: The space set between a Chinese character and a Latin letter or digit next to it, in ems
#: (LibreOffice's; Word's is about the same).
AUTOSPACE = 0.2

# ---------------------------------------------------------------- characters

_SPACE, _IDEO, _OPEN, _CLOSE, _QUOTE, _ALNUM, _DASH, _A_OPEN, _A_CLOSE, _STOP = range(10)
_OPENING = frozenset("（《「『【〔〈［｛〖〘〝￥＄“‘")
_CLOSING = frozenset("，。、）》」』】〕〉］｝〗〙〞％‰℃°・ー々〻ゝゞヽヾ〜～”’")
#: Closing marks that end a clause: unlike the others, a Latin word or number may begin the
#: next line after them.
_STOPS = frozenset("；：？！")
#: Closing marks that may hang past the line's end rather than push the character before
#: them down (one per line, and only where the next line may start after it).
_HANGING = frozenset("，。、；：？！")
_QUOTES = frozenset("\"'")
_DASHES = frozenset("—―…‥")
_ASCII_OPENING = frozenset("([{$")
_ASCII_CLOSING = frozenset(")]},.;:!?%")


@cache
def _class(ch: str) -> int:
    if ch.isspace():
        return _SPACE
    if ch in _QUOTES:
        return _QUOTE
    if ch in _ASCII_OPENING:
        return _A_OPEN
    if ch in _ASCII_CLOSING:
        return _A_CLOSE
    if ch in _OPENING:
        return _OPEN
    if ch in _CLOSING:
        return _CLOSE
    if ch in _STOPS:
        return _STOP
    if ch in _DASHES:
        return _DASH
    return _IDEO if is_wide(ch) else _ALNUM


def _may_break(before: int, after: int, cell: bool = False) -> bool:
    """Whether a line may break between characters of these classes (in a table's cell,
    where LibreOffice keeps a closing mark with a Latin word or number after it)."""
    if after == _SPACE:
        return False
    if before == _SPACE:
        return True
    if after == _A_CLOSE:  # `%`, `)` stay with a number or word, not with a Chinese character
        return before == _IDEO
    if before in (_OPEN, _A_OPEN, _QUOTE) or after in (_CLOSE, _STOP, _QUOTE):
        return False
    if before == _ALNUM and after in (_ALNUM, _A_OPEN):
        return False
    if before == _CLOSE and after == _ALNUM:
        return not cell  # `、CPR+AED` stays together in a cell
    return not ((before == _A_CLOSE and after == _ALNUM) or (before == _DASH and after == _DASH))


_BREAKS = tuple(tuple(_may_break(b, a) for a in range(10)) for b in range(10))
_CELL_BREAKS = tuple(tuple(_may_break(b, a, cell=True) for a in range(10)) for b in range(10))


class _Advances(dict[str, float]):
    """A font's advance per character, worked out once."""

    def __init__(self, font: Font) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> float:
        advance = self[ch] = self.font.advance(" ") * 2 if ch == "\t" else self.font.advance(ch)
        return advance


_ADVANCES: dict[Font, _Advances] = {}
#: Per character: its break class, whether it is a Chinese character, whether a Latin
#: letter or digit.
_INFO: dict[str, tuple[int, bool, bool]] = {}


def _info(ch: str) -> tuple[int, bool, bool]:
    cls = _class(ch)
    info = _INFO[ch] = (cls, cls == _IDEO, not is_wide(ch) and ch.isalnum())
    return info


@dataclass(frozen=True, slots=True)
class Piece:
    """Characters of one font and script on a line, with the x of each (points)."""

    text: str
    font: Font
    #: Set in the East Asian face (else in the Latin one).
    wide: bool
    xs: tuple[float, ...]


@lru_cache(maxsize=4096)
def cell_text(text: str, font: Font) -> Text:
    """A one-font paragraph as `Text`, made once for a document's column widths and its pages
    (`layout.report_layout` empties the cache for each document)."""
    return Text([(text, font)])


class Text:
    """A paragraph's characters with their fonts, widths and the places a line may break."""

    __slots__ = ("_cell_breaks", "advances", "breaks", "chars", "classes", "fonts", "spaces")

    def __init__(self, runs: Sequence[tuple[str, Font]]) -> None:
        chars: list[str] = []
        fonts: list[Font] = []
        advances: list[float] = []
        for text, font in runs:
            table = _ADVANCES.get(font)
            if table is None:
                table = _ADVANCES[font] = _Advances(font)
            advances += [table[ch] for ch in text]
            chars.append(text)
            fonts += [font] * len(text)
        self.chars = "".join(chars)
        self.fonts = fonts
        self.advances = advances
        infos = [_INFO.get(ch) or _info(ch) for ch in self.chars]
        self.classes = classes = [info[0] for info in infos]
        self.breaks = [False] + [_BREAKS[a][b] for a, b in pairwise(classes)]
        self._cell_breaks: list[bool] | None = None
        # The space where Chinese characters meet Latin letters or digits (a `%` or `)` after
        # them counts with them); none next to punctuation of either. Dropped at a line's start.
        self.spaces = spaces = [0.0] * len(classes)
        latin_before = bool(infos) and infos[0][2]
        for i in range(1, len(infos)):
            _, chinese, latin = infos[i]
            latin = latin or (classes[i] == _A_CLOSE and latin_before)
            before_chinese = infos[i - 1][1]
            if (before_chinese and latin) or (latin_before and chinese):
                spaces[i] = AUTOSPACE * fonts[i].size
            latin_before = latin

    def lines(self, width: float, indent: float = 0.0, *, hanging: bool = True) -> list[tuple[int, int]]:
        """Where the lines begin and end, in a box `width` wide whose first line is indented.
        With `hanging`, a closing mark may hang past the end of a line; without, the text is
        a table cell's, which stays inside its borders and breaks by the cells' rules."""
        n = len(self.chars)
        if not n:
            return [(0, 0)]
        advances, classes, spaces, chars = self.advances, self.classes, self.spaces, self.chars
        breaks = self.breaks if hanging else self.cell_breaks()
        result = []
        start, x, avail = 0, 0.0, width - indent
        last, x_last = -1, 0.0
        i = 0
        while i < n:
            if i > start and breaks[i]:
                last, x_last = i, x
            advance = advances[i] + (spaces[i] if i > start else 0.0)
            if x + advance > avail + EPS and classes[i] != _SPACE:
                if (hanging and chars[i] in _HANGING and i > start and x <= avail + EPS
                        and (i + 1 == n or breaks[i + 1])):
                    result.append((start, i + 1))  # the mark hangs past the line's end
                    x, start, avail, last = 0.0, i + 1, width, -1
                    i += 1
                    continue
                if last > start:
                    result.append((start, last))
                    # The space before `last` was counted if `last` is already on the line.
                    x -= x_last + (spaces[last] if last < i else 0.0)
                    start = last
                elif i > start:
                    result.append((start, i))
                    x, start = 0.0, i
                else:  # a character wider than the line: it stands alone
                    x += advance
                    i += 1
                    continue
                avail, last = width, -1
                continue
            x += advance
            i += 1
        if start < n:
            result.append((start, n))
        return result

    def natural(self, start: int, end: int) -> tuple[int, float]:
        """The end of the line without its trailing spaces, and the line's width."""
        while end > start and self.classes[end - 1] == _SPACE:
            end -= 1
        return end, sum(self.advances[start:end]) + sum(self.spaces[start + 1:end])

    @property
    def width(self) -> float:
        """The whole text on one line."""
        return self.natural(0, len(self.chars))[1]

    def cell_breaks(self) -> list[bool]:
        """Where a line may break in a table's cell."""
        if self._cell_breaks is None:
            self._cell_breaks = [False] + [_CELL_BREAKS[a][b] for a, b in pairwise(self.classes)]
        return self._cell_breaks

    def longest_unit(self) -> float:
        """The widest stretch that no line of a table's cell may break: a number, a Latin
        word, a character with the marks that cling to it."""
        longest = unit = 0.0
        breaks = self.cell_breaks()
        for i, advance in enumerate(self.advances):
            if breaks[i]:
                longest, unit = max(longest, unit), 0.0
            if self.classes[i] != _SPACE:
                unit += advance + (self.spaces[i] if unit else 0.0)
        return max(longest, unit)

    def pieces(self, start: int, end: int, x: float, width: float, align: Align, last: bool) -> list[Piece]:
        """The line's characters placed in a box from `x`, `width` wide (the indent taken off):
        aligned, and justified unless it is the paragraph's last line."""
        end, natural = self.natural(start, end)
        if end <= start:
            return []
        if natural > width + EPS and self.chars[end - 1] in _HANGING:
            natural -= self.advances[end - 1]  # a hanging mark takes no room in the line
        spare = width - natural
        gap = 0.0
        if align == "center":
            x += spare / 2
        elif align == "right":
            x += spare
        elif align == "both" and not last and spare > 0:
            gaps = sum(
                1 for j in range(start + 1, end)
                if not (self.classes[j - 1] == _ALNUM and self.classes[j] == _ALNUM)
            )
            gap = spare / gaps if gaps else 0.0
        pieces: list[Piece] = []
        chars, fonts, advances, classes = self.chars, self.fonts, self.advances, self.classes
        run_start, xs = start, [x]
        spaces = self.spaces
        for j in range(start, end):
            if j > start:
                x += spaces[j]
                if not (classes[j - 1] == _ALNUM and classes[j] == _ALNUM):
                    x += gap
                if fonts[j] != fonts[j - 1] or is_wide(chars[j]) != is_wide(chars[j - 1]):
                    pieces.append(Piece(chars[run_start:j], fonts[run_start], is_wide(chars[run_start]), tuple(xs)))
                    run_start, xs = j, [x]
                else:
                    xs.append(x)
            x += advances[j]
        pieces.append(Piece(chars[run_start:end], fonts[run_start], is_wide(chars[run_start]), tuple(xs)))
        return pieces
