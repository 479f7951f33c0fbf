"""The document's layout (`layout.DocumentLayout`) broken into lines and pages.

    typeset(layout) -> Typeset        pages of placed lines and rules, and each table's rows
                                      as set on the pages (`TableFlow`)

One pass decides every line and page break: the PDF and print paint the pages it returns, and
the Word writer writes each table as it was set here (a row broken across pages as one Word
row per page, each kept on its page; the merged labels set again at the top of each page that
continues them; the rows kept together marked so). Its rules are those Word and LibreOffice
apply, so that the Word file breaks where the PDF does:

- Lines break as `lines` says.
- Paragraphs keep at least two lines at a page's foot and two at its top (no lone line);
  headings and table titles stay with what follows them.
- A table row is kept whole on a page: it goes on to the next page rather than break across
  two, unless that would leave more than a third of the page empty (`EMPTY_SHARE`) or the row
  is taller than a page; then it breaks with at least two lines of each of its cells on either
  page, and its part on the next page is set under the merged labels again.
- A table's first two rows stay together (and with its title), and its last two; so do the
  first two and the last two rows of each merged 职责, 目标 and 类别 label (no lone row of a
  label at a page's foot or top), as far as that leaves no more than a third of a page empty.
  Where the row before a table's last cannot go on to the next page whole, it breaks (if it has
  four lines or more), its last lines going on with the last row rather than leave it alone.
- A table kept with what follows it (table 9 before the submission block) ends on the page
  of what follows: where that does not fit under its last row, the last row (or its last
  lines) goes on to the next page with it, by the rules above, and the row left above fills
  its page to the foot, so that Word and LibreOffice find no room for the rows that go on.
- The header row is set again at the top of each page, and so is a merged label that goes on
  there (shortened with …… to the height of its rows on that page, where it is taller); a
  merged label taller than its rows on a page makes the last of them taller, as Word and
  LibreOffice do.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from selfeval_gui.exporters.layout import (
    BORDER,
    Align,
    Cell,
    DocumentLayout,
    Font,
    Page,
    Paragraph,
    ParagraphFormat,
    Table,
)
from selfeval_gui.exporters.lines import EPS, Piece, Text, cell_text

#: A page a table goes on from is left at most this share of its type area empty to keep a
#: row whole or rows together.
EMPTY_SHARE = 1 / 3
#: Ends a merged label shortened to the rows it spans on a page.
ELLIPSIS = "……"
#: Marks that a shortened label does not end with before its ellipsis.
_TRAILING_MARKS = "，、；：。,;:. "

# ---------------------------------------------------------------- pages


@dataclass(slots=True)
class PlacedLine:
    """One line of text on a page: which characters, in what box, at what height."""

    text: Text
    start: int
    end: int
    x: float
    width: float
    align: Align
    last: bool
    top: float
    height: float
    size: float

    @property
    def baseline(self) -> float:
        """The em box centred in the line: 0.88 em above the baseline, 0.12 em below."""
        return self.top + (self.height - self.size) / 2 + 0.88 * self.size

    def pieces(self) -> list[Piece]:
        return self.text.pieces(self.start, self.end, self.x, self.width, self.align, self.last)


@dataclass(frozen=True, slots=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = BORDER


@dataclass(slots=True)
class PageBox:
    page: Page
    number: int
    lines: list[PlacedLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass(slots=True)
class SetRow:
    """A table row as set on one page: all of it, or where it breaks across pages, the lines
    of it on this page (`lines`)."""

    row: int
    top: float
    height: float
    #: Per column: how many set rows the merged cell beginning here spans on this page (1 for
    #: a cell of its own), 0 where a merged cell above covers it.
    spans: list[int] = field(default_factory=list)
    #: Label columns set again here, at the top of a page that continues them, and the text
    #: shown: the label, shortened where the rows it spans on this page are not as tall.
    labels: dict[int, str] = field(default_factory=dict)
    #: Kept on one page with the set row after it.
    keep_next: bool = False
    #: The row's lines on this page, from the first to before the last, where it breaks.
    lines: tuple[int, int] | None = None
    #: Where it breaks: each cell's text on this page (merged labels aside), and whether it
    #: runs on from the cell's text on the page before (else it begins a paragraph).
    parts: dict[int, tuple[str, bool]] = field(default_factory=dict)
    #: The number of the page it is on.
    page: int = 0
    #: Taller than its lines, down to the page's foot: the table's last rows go on to the next
    #: page with what follows the table though they would fit on this one, and a program that
    #: does not keep a table's end with what follows (LibreOffice) must see no room for them.
    fills: bool = False

    @property
    def continued(self) -> bool:
        """The rest of a row begun on a page before."""
        return self.lines is not None and self.lines[0] > 0


@dataclass(slots=True)
class TableFlow:
    """A table as set on the pages, row by row."""

    rows: list[SetRow] = field(default_factory=list)

    def page_starts(self) -> list[SetRow]:
        """The set rows that begin the pages the table goes on to."""
        return [row for before, row in pairwise(self.rows) if row.page != before.page]


@dataclass(slots=True)
class Typeset:
    pages: list[PageBox]
    tables: list[TableFlow]


class _Block:
    """A paragraph or a cell's text with its lines, broken once."""

    __slots__ = ("lines", "text")

    def __init__(self, text: Text, lines: list[tuple[int, int]]) -> None:
        self.text = text
        self.lines = lines


def _paragraph_block(paragraph: Paragraph, width: float) -> _Block:
    text = Text([(run.text, run.font) for run in paragraph.runs])
    return _Block(text, text.lines(width, paragraph.fmt.indent))


class _Cell:
    """A table cell's lines (all its paragraphs), ready to be set in rows and parts of rows."""

    __slots__ = ("align", "blocks", "count", "text_cell")

    def __init__(self, cell: Cell, font: Font, width: float) -> None:
        self.text_cell = cell
        self.align = cell.align
        texts = [cell_text(paragraph, font) for paragraph in cell.text.split("\n")]
        self.blocks = [_Block(text, text.lines(width, hanging=False)) for text in texts]
        self.count = sum(len(b.lines) for b in self.blocks)

    def flat(self) -> list[tuple[_Block, int]]:
        return [(block, index) for block in self.blocks for index in range(len(block.lines))]

    def part(self, first: int, end: int) -> tuple[str, bool]:
        """The text of lines `first` to `end` (paragraphs apart as in the cell), and whether
        it runs on from the text before (it begins inside a paragraph, or is empty)."""
        shown = self.flat()[first:end]
        return _joined(shown), not shown or shown[0][1] > 0

    def shortened(self, lines: int, font: Font, width: float) -> str:
        """The text on at most `lines` lines: all of it, or its first lines ending in ……."""
        if self.count <= lines:
            return self.text_cell.text
        kept = self.flat()[:max(lines, 1)]
        block, index = kept[-1]
        start, stop = block.lines[index]
        line = block.text.chars[start:stop]
        while line and (line[-1] in _TRAILING_MARKS
                        or len(Text([(line + ELLIPSIS, font)]).lines(width, hanging=False)) > 1):
            line = line[:-1]
        text = _joined(kept)  # ends with the last line, cut here to leave room for the ellipsis
        return text[: len(text) - (stop - start)] + line + ELLIPSIS


def _joined(lines: Sequence[tuple[_Block, int]]) -> str:
    """Lines of a cell as its text: lines of a paragraph run on, paragraphs apart."""
    paragraphs: list[str] = []
    for block, index in lines:
        start, stop = block.lines[index]
        if index == 0 or not paragraphs:
            paragraphs.append("")
        paragraphs[-1] += block.text.chars[start:stop]
    return "\n".join(paragraphs)


class _Flow:
    def __init__(self, draw: bool) -> None:
        self.draw = draw
        self.pages: list[PageBox] = []
        self.tables: list[TableFlow] = []
        self.y = 0.0
        self.fresh = True
        #: The top of the headings and titles kept with what follows, just set (`None` where
        #: they begin a page: they cannot go on to the next with it).
        self.anchor: float | None = None
        self.keeping = False

    # ------------------------------------------------------------ pages

    @property
    def page(self) -> PageBox:
        return self.pages[-1]

    @property
    def bottom(self) -> float:
        return self.page.page.type_bottom

    def new_page(self, page: Page | None = None) -> None:
        self.pages.append(PageBox(page or self.page.page, len(self.pages) + 1))
        self.y = self.page.page.top
        self.fresh = True

    def _line(self, block: _Block, index: int, x: float, width: float, align: Align, pitch: float,
              size: float, indent: float = 0.0) -> None:
        if not self.draw:
            return
        start, end = block.lines[index]
        first = index == 0 and indent
        self.page.lines.append(PlacedLine(
            block.text, start, end, x + (indent if first else 0.0), width - (indent if first else 0.0), align,
            index == len(block.lines) - 1, self.y, pitch, size,
        ))

    # ------------------------------------------------------------ paragraphs

    def begins(self, blocks: Sequence[Paragraph | Table], prepared: dict[int, _TableRows | _Block], index: int,
               y: float, anchor: float | None) -> bool:
        """Whether block `index` can begin at `y` on this page, with what it keeps with;
        `anchor` is the top of the headings before it that would go on to the next page with
        it (`None` where they begin the page)."""
        if index >= len(blocks):
            return True
        block = blocks[index]
        if isinstance(block, Table):
            rows = prepared[index]
            assert isinstance(rows, _TableRows)
            planner = _Planner(block, rows, self.page.page, _kept_after(blocks, prepared, index))
            return planner.plan(y, anchor, first_page_only=True) is not None
        fmt = block.fmt
        paragraph = prepared[index]
        assert isinstance(paragraph, _Block)
        lines = len(paragraph.lines)
        if fmt.keep_next:
            end = _paragraph_end(fmt, lines, y)
            return end <= self.bottom + EPS and self.begins(blocks, prepared, index + 1, end, anchor)
        return _first_lines_end(fmt, lines, y) <= self.bottom + EPS

    def paragraph(self, paragraph: Paragraph, block: _Block, keeps_with_next: bool) -> None:
        """Set a paragraph; one kept with the next block (`keep_next`) goes on to a new page
        where `keeps_with_next` (what follows cannot begin after it) is false."""
        fmt = paragraph.fmt
        page = self.page.page
        pitch = fmt.pitch
        n = len(block.lines)
        if fmt.keep_next and not self.fresh and not keeps_with_next:
            self.new_page()
        if fmt.keep_next and not self.keeping:
            self.anchor = None if self.fresh else self.y
        self.keeping = fmt.keep_next
        self.y += fmt.before
        i = 0
        while i < n:
            room = int((self.bottom - self.y + EPS) // pitch)
            take = n - i
            if take > room:
                take = room
                if fmt.widows:
                    take = min(take, n - i - 2)
                    if take < 2:
                        take = 0
                if take <= 0:
                    if self.fresh:
                        take = max(room, 1)
                    else:
                        self.new_page()
                        continue
            for index in range(i, i + take):
                self._line(block, index, page.left, page.type_width, fmt.align, pitch, fmt.font.size, fmt.indent)
                self.y += pitch
            self.fresh = False
            i += take
            if i < n:
                self.new_page()
        self.y += fmt.after

    # ------------------------------------------------------------ tables

    def table(self, table: Table, rows: _TableRows, tail: float) -> None:
        """Set a table; `tail` is the height of what follows that goes on its last page."""
        anchor = (self.anchor if self.keeping else self.y) if not self.fresh else None
        self.keeping = False
        planner = _Planner(table, rows, self.page.page, tail)
        pages = planner.plan(self.y, anchor)
        if pages is None:  # its first rows (and the title kept with them) go on to the next page
            self.new_page()
            pages = planner.plan(self.y, None)
            assert pages is not None  # from a page's top a table always begins
        flow = TableFlow()
        self.tables.append(flow)
        for index, part in enumerate(pages):
            if index:
                self.new_page()
            for row in part:
                row.page = self.page.number
            flow.rows += part
            if self.draw:
                _TableDrawer(self.page, table, rows).draw(part, self.y)
            self.y = part[-1].top + part[-1].height if part else self.y + rows.header
        self.fresh = False


class _TableRows:
    """A table's cells broken into lines at their column widths: per row the lines of its
    tallest cell (merged labels aside), and the heights of rows and labels."""

    def __init__(self, table: Table) -> None:
        pad = table.padding
        self.line = table.line
        self.vertical = pad.top + pad.bottom + (BORDER if table.grid else 0.0)
        # A cell's text is as wide as the cell less its margins: the grid's lines take none of
        # it (a row's height they do), as LibreOffice and Word measure them.
        self.widths = [w - pad.left - pad.right for w in table.widths]
        self.header_cells = [_Cell(c, _bold(table.font), w)
                             for c, w in zip(table.header or (), self.widths, strict=False)]
        self.cells = [[_Cell(c, table.font, w) for c, w in zip(row, self.widths, strict=True)] for row in table.rows]
        self.header = self.height(max((c.count for c in self.header_cells), default=1)) if table.header else 0.0
        labels = set(table.label_columns)
        self.lines = [max((cell.count for c, cell in enumerate(cells) if c not in labels), default=1)
                      for cells in self.cells]

    def height(self, lines: int) -> float:
        return max(lines, 1) * self.line + self.vertical

    def total(self) -> float:
        """The whole table's height on one page."""
        return self.header + sum(self.height(lines) for lines in self.lines)


def _kept_after(blocks: Sequence[Paragraph | Table], prepared: Mapping[int, object], index: int) -> float:
    """The height of what goes on the page of table `index`'s last row with it (what follows a
    table kept with the next block): the paragraphs kept with the next, then the first lines
    of the next paragraph or the next table whole, if it is kept together (else its header and
    first row)."""
    table = blocks[index]
    if not isinstance(table, Table) or not table.keep_next:
        return 0.0
    height = 0.0
    for block, lines in ((blocks[i], prepared[i]) for i in range(index + 1, len(blocks))):
        if isinstance(block, Table):
            assert isinstance(lines, _TableRows)
            return height + (lines.total() if block.keep_together else lines.header + lines.height(lines.lines[0]))
        assert isinstance(lines, _Block)
        fmt = block.fmt
        if not fmt.keep_next:
            return _first_lines_end(fmt, len(lines.lines), height)
        height += _paragraph_end(fmt, len(lines.lines), 0.0)
    return height


def _paragraph_end(fmt: ParagraphFormat, lines: int, y: float) -> float:
    """Where a paragraph of `lines` lines set from `y` ends, its space after included."""
    return y + fmt.before + lines * fmt.pitch + fmt.after


def _first_lines_end(fmt: ParagraphFormat, lines: int, y: float) -> float:
    """Where the first lines of a paragraph set from `y` end: those that cannot be parted
    from it, two of them with widow control."""
    return y + fmt.before + min(lines, 2 if fmt.widows else 1) * fmt.pitch


def _bold(font: Font) -> Font:
    return replace(font, bold=True)


#: The merged labels open on a page: column → (the height its label needs, the height of
#: the rows it spans so far).
_Merges = dict[int, tuple[float, float]]


class _Planner:
    """Decides which rows, or parts of rows, go on each page a table takes: their heights,
    the merged cells on each page and the rows kept together (see the module's rules)."""

    def __init__(self, table: Table, rows: _TableRows, page: Page, tail: float) -> None:
        self.table = table
        self.rows = rows
        #: What follows the last row on its page (`_kept_after`).
        self.tail = tail
        self.bottom = page.type_bottom
        self.top = page.top + rows.header
        self.capacity = self.bottom - self.top
        self.whole = table.keep_together
        self.limit = math.inf if self.whole else EMPTY_SHARE * (page.type_bottom - page.top)
        n = len(table.rows)
        self.labels = table.label_columns
        #: Per label column, each row's label: the rows from its first to its last.
        self.groups: dict[int, list[tuple[int, int]]] = {}
        for c in self.labels:
            spans = [row[c].span for row in table.rows]
            groups: list[tuple[int, int]] = []
            for r, span in enumerate(spans):
                groups.append((r, r + max(span, 1) - 1) if span or not groups else groups[-1])
            self.groups[c] = groups
        edges = {(0, n - 1)} | {group for groups in self.groups.values() for group in groups}
        self.keep = [(self.whole and r < n - 1) or (table.keep_next and r == n - 1) for r in range(n)]
        for first, last in edges:
            if last > first:
                self.keep[first] = self.keep[last - 1] = True

    # ------------------------------------------------------------ heights

    def _measure(self, merges: _Merges, r: int, lines: tuple[int, int], opens_page: bool
                 ) -> tuple[float, float, _Merges]:
        """A set row's height where the merged labels go on below it, its height where the
        page ends after it, and the merged labels open after it."""
        first, end = lines
        height = self.rows.height(end - first)
        merges = dict(merges)
        whole_end = end == self.rows.lines[r]
        for c in self.labels:
            group_first = self.groups[c][r][0]
            if opens_page or (r == group_first and first == 0):
                own = r == group_first and first == 0
                merges[c] = (self._label_height(r, c) if own else 0.0, 0.0)
        closing = [c for c in merges if whole_end and self.groups[c][r][1] == r]
        for c in closing:
            need, spanned = merges[c]
            height = max(height, need - spanned)
        at_foot = max([height] + [need - spanned for need, spanned in merges.values()])
        after = {c: (need, spanned + height) for c, (need, spanned) in merges.items() if c not in closing}
        return height, at_foot, after

    def _label_height(self, r: int, c: int) -> float:
        return self.rows.height(self.rows.cells[r][c].count)

    # ------------------------------------------------------------ breaking a row

    def _may_break(self, r: int, first: int, free: float) -> bool:
        """A row breaks across pages where keeping it whole would leave more than
        `EMPTY_SHARE` of the page empty, or where no page could hold it (the last row with
        what follows it)."""
        if self.whole:
            return False
        return free > self.limit + EPS or self._moving(r, first) > self.capacity + EPS

    def _moving(self, r: int, first: int) -> float:
        """The height row `r` from line `first` on takes to the next page: the last row with
        what follows it."""
        return self.rows.height(self.rows.lines[r] - first) + (self.tail if r == len(self.table.rows) - 1 else 0.0)

    def _break(self, merges: _Merges, r: int, first: int, free: float, opens_page: bool) -> int | None:
        """The line before which the row breaks to fill `free`: at least two lines of each
        cell that goes on are left on either page; `None` where no line will do."""
        rows = self.rows
        total = rows.lines[r]
        counts = [cell.count for c, cell in enumerate(rows.cells[r]) if c not in self.labels]
        fit = first + int((free - rows.vertical + EPS) // rows.line)
        for end in range(min(fit, total - 2), first + 1, -1):
            if any(end < count < end + 2 for count in counts):
                continue  # one line of that cell alone on the next page
            if self._measure(merges, r, (first, end), opens_page)[1] <= free + EPS:
                return end
        return None

    def _kept(self, part: list[SetRow], height: float, anchor: float | None) -> int:
        """Where the rows that go on to the next page begin, when a row `height` tall does not
        fit on this one: the rows kept with it go too, as far as that leaves no more than
        `EMPTY_SHARE` of the page empty and they fit on the next. The page's first row stays
        unless it is the table's first and `anchor` says where what goes with it begins."""
        moving = height
        j = len(part)
        while j and part[j - 1].keep_next and part[j - 1].lines is None:
            top = part[j - 1].top if j > 1 else anchor
            if top is None:
                break
            moving += part[j - 1].height
            if self.bottom - top > self.limit + EPS or moving > self.capacity + EPS:
                break
            j -= 1
        return j

    # ------------------------------------------------------------ the pages

    def plan(self, y: float, anchor: float | None, *, first_page_only: bool = False) -> list[list[SetRow]] | None:
        """The set rows of each page, the first page's from `y` down. `anchor` is where what
        goes on to the next page with the table's first row begins (its title), `None`
        where nothing can (the top of a page). `None` when the table cannot begin on this
        page."""
        rows, table = self.rows, self.table
        n = len(table.rows)
        pages: list[list[SetRow]] = [[]]
        feet: list[float] = []  # each set row's height should the page end after it
        states: list[_Merges] = []  # the merged labels open before each set row
        merges: _Merges = {}
        y += rows.header
        r = first = 0
        while r < n:
            part = pages[-1]
            total = rows.lines[r]
            height, foot, after = self._measure(merges, r, (first, total), not part)
            # The last row would fit, but not with what follows it: the page ends before it.
            fills = y + foot <= self.bottom + EPS
            if y + foot + (self.tail if r == n - 1 else 0.0) <= self.bottom + EPS:
                part.append(SetRow(r, y, height, keep_next=self.keep[r], lines=(first, total) if first else None))
                feet.append(foot)
                states.append(merges)
                merges, y, r, first = after, y + height, r + 1, 0
                continue
            free = self.bottom - y
            # Nothing of the table on this page yet, and nothing can go to the next page first.
            at_top = not part and (len(pages) > 1 or anchor is None)
            if self._may_break(r, first, free) or at_top:
                end = self._break(merges, r, first, free, not part)
                if end is None and at_top:
                    # Taller than a page and no break that leaves two lines: break where it must.
                    end = min(first + int((free - rows.vertical + EPS) // rows.line), total - 1)
                if end is not None and end > first:
                    height = self._measure(merges, r, (first, end), not part)[1]
                    part.append(SetRow(r, y, height, lines=(first, end)))
                    feet.append(height)
                    if fills:
                        self._fill(part[-1])
                    if first_page_only:
                        return pages
                    pages.append([])
                    feet, states, merges, y, first = [], [], {}, self.top, end
                    continue
                if at_top:  # not a line fits on a page: set it anyway
                    part.append(SetRow(r, y, foot, lines=(first, total) if first else None))
                    feet.append(foot)
                    states.append(merges)
                    merges, y, r, first = after, y + foot, r + 1, 0
                    continue
            # The row goes on to the next page, with the rows kept with it.
            j = self._kept(part, self._moving(r, first), anchor if len(pages) == 1 else None)
            if j == 0:
                return None
            stays = part[j - 1]
            if j == len(part) and stays.keep_next and r == n - 1 and not first:
                # The table's last row would stand alone on the next page: the row before it
                # breaks instead, its last lines going on to the next page with the last row.
                begin = stays.lines[0] if stays.lines else 0
                end = self._break(states[-1], stays.row, begin, self.bottom - stays.top, len(part) == 1)
                if end is not None:
                    part[-1] = SetRow(stays.row, stays.top, 0.0, lines=(begin, end))
                    feet[-1] = self._measure(states[-1], stays.row, (begin, end), len(part) == 1)[1]
                    r, first = stays.row, end
            elif j < len(part):
                r, first = part[j].row, 0
            part[j - 1].keep_next = False
            del part[j:]
            part[-1].height = feet[j - 1]
            if fills:
                self._fill(part[-1])
            if first_page_only:
                return pages
            merges = {}
            del feet[:], states[:]
            pages.append([])
            y = self.top
        for part in pages:
            self._merge(part)
        return pages

    def _fill(self, row: SetRow) -> None:
        row.height = self.bottom - row.top
        row.fills = True

    def _merge(self, part: list[SetRow]) -> None:
        """The merged cells of a page's rows: each label from the page's first row or its own
        first row to its last or the page's last; a label set again at the page's top is
        shortened to the height of its rows there."""
        rows = self.rows
        count = len(self.table.widths)
        for row in part:
            row.spans = [1] * count
        for c in self.labels:
            begins = [i for i, row in enumerate(part)
                      if i == 0 or (self.groups[c][row.row][0] == row.row and not row.continued)]
            for i, j in pairwise([*begins, len(part)]):
                part[i].spans[c] = j - i
                for k in range(i + 1, j):
                    part[k].spans[c] = 0
            head = part[0] if part else None
            if head is not None and (self.groups[c][head.row][0] != head.row or head.continued):
                spanned = sum(row.height for row in part[: head.spans[c]])
                lines = int((spanned - rows.vertical + EPS) // rows.line)
                cell = rows.cells[head.row][c]
                head.labels[c] = cell.shortened(lines, self.table.font, rows.widths[c])
        for row in part:
            if row.lines is not None:
                row.parts = {c: rows.cells[row.row][c].part(*row.lines)
                             for c in range(count) if c not in self.labels}


class _TableDrawer:
    """Draws a table's part on a page: the header, then each cell's box and text; a merged
    cell once, as tall as the rows it spans here."""

    def __init__(self, page: PageBox, table: Table, rows: _TableRows) -> None:
        self.page = page
        self.table = table
        self.rows = rows
        self.x = table.edges(page.page.left)

    def draw(self, part: list[SetRow], y: float) -> None:
        rows, table = self.rows, self.table
        if table.header is not None:
            top = part[0].top - rows.header if part else y
            for c, cell in enumerate(rows.header_cells):
                self._cell(cell, c, top, rows.header, None)
        for index, row in enumerate(part):
            for c, span in enumerate(row.spans):
                if span == 0:
                    continue
                cell = rows.cells[row.row][c]
                height = sum(r.height for r in part[index:index + span])
                if c in row.labels:
                    cell = _Cell(replace(cell.text_cell, text=row.labels[c]), table.font, rows.widths[c])
                    self._cell(cell, c, row.top, height, None)
                elif c in table.label_columns or row.lines is None:
                    self._cell(cell, c, row.top, height, None)
                else:
                    self._cell(cell, c, row.top, height, row.lines)

    def _cell(self, cell: _Cell, column: int, top: float, height: float, lines: tuple[int, int] | None) -> None:
        page = self.page
        table = self.table
        pad = table.padding
        x1, x2 = self.x[column], self.x[column + 1]
        if table.grid:
            page.rules.extend((
                Rule(x1, top, x2, top), Rule(x1, top + height, x2, top + height),
                Rule(x1, top, x1, top + height), Rule(x2, top, x2, top + height),
            ))
        elif cell.text_cell.underline:
            page.rules.append(Rule(x1 + 2, top + height - 3, x2 - 2, top + height - 3))
        shown = cell.flat() if lines is None else cell.flat()[lines[0]:lines[1]]
        line = table.line
        inner = height - pad.top - pad.bottom - (BORDER if table.grid else 0.0)
        # Centred in its box, as Word's vertical alignment "center".
        y = top + pad.top + (BORDER / 2 if table.grid else 0.0) + max(inner - len(shown) * line, 0.0) / 2
        for block, index in shown:
            start, end = block.lines[index]
            page.lines.append(PlacedLine(
                block.text, start, end, x1 + pad.left, x2 - x1 - pad.left - pad.right, cell.align,
                index == len(block.lines) - 1, y, line, table.font.size,
            ))
            y += line


def typeset(layout: DocumentLayout, *, draw: bool = True) -> Typeset:
    """The pages of `layout`; without `draw`, only where they break (the tables' rows as set),
    for the Word file, whose program sets the lines itself."""
    flow = _Flow(draw)
    for section in layout.sections:
        flow.new_page(section.page)
        width = section.page.type_width
        prepared: dict[int, _TableRows | _Block] = {
            i: _TableRows(block) if isinstance(block, Table) else _paragraph_block(block, width)
            for i, block in enumerate(section.blocks)
        }
        for i, block in enumerate(section.blocks):
            block_lines = prepared[i]
            if isinstance(block, Table):
                assert isinstance(block_lines, _TableRows)
                flow.table(block, block_lines, _kept_after(section.blocks, prepared, i))
                continue
            assert isinstance(block_lines, _Block)
            anchor = flow.anchor if flow.keeping else flow.y
            keeps = (not block.fmt.keep_next or flow.fresh
                     or flow.begins(section.blocks, prepared, i, flow.y, anchor))
            flow.paragraph(block, block_lines, keeps)
    if draw:
        _page_numbers(flow.pages, layout)
    return Typeset(flow.pages, flow.tables)


def _page_numbers(pages: list[PageBox], layout: DocumentLayout) -> None:
    spec = layout.page_number
    font = spec.font
    for box in pages:
        page = box.page
        text = Text([(spec.text(box.number), font)])
        _, natural = text.natural(0, len(text.chars))
        odd = box.number % 2 == 1
        x = page.left + page.type_width - spec.inset - natural if odd else page.left + spec.inset
        box.lines.append(PlacedLine(text, 0, len(text.chars), x, natural, "left", True, spec.top(page), spec.line,
                                    font.size))
