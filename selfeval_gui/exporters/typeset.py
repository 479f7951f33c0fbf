"""The document's layout (`layout.DocumentLayout`) broken into lines and pages.

    typeset(layout) -> Typeset        pages of placed lines and rules, and per table the rows
                                      each page starts with and the merged cells as set

One pass decides every line and page break: the PDF and print paint the pages it returns, and
the Word writer takes from it where a table continues on a new page, to set the merged 职责,
目标 and 类别 labels again at the top of that page. Its rules are those Word and LibreOffice
apply, so that the Word file breaks where the PDF does:

- Lines break as `lines` says.
- Paragraphs keep at least two lines at a page's foot and two at its top (no lone line);
  headings and table titles stay with what follows them.
- A table row is kept on one page unless it is taller than a third of the page, when it may
  break across pages (keeping it whole would leave that much of a page empty); the header
  row is set again at the top of each page; a merged label continuing on a new page is set
  again there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from selfeval_gui.exporters.layout import (
    BORDER,
    Align,
    Cell,
    DocumentLayout,
    Font,
    Page,
    Paragraph,
    Table,
)
from selfeval_gui.exporters.lines import EPS, Piece, Text, cell_text

#: A row taller than this share of the type area may break across pages.
SPLIT_SHARE = 1 / 3

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
class TableFlow:
    """How a table came out on the pages: for each row the merged cells as set (a span, or 0
    where covered; a label continuing on a new page starts a span of its own there) and
    whether the row may break across pages; the rows set again at a page's top."""

    spans: list[list[int]]
    splittable: list[bool]
    page_starts: list[int] = field(default_factory=list)
    #: The page (number) each row begins on.
    row_pages: dict[int, int] = field(default_factory=dict)
    #: (row, column) of labels set again at the top of a page that continues them.
    repeated: set[tuple[int, int]] = field(default_factory=set)


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


class _Flow:
    def __init__(self, layout: DocumentLayout, draw: bool) -> None:
        self.layout = layout
        self.draw = draw
        self.pages: list[PageBox] = []
        self.tables: list[TableFlow] = []
        self.y = 0.0
        self.fresh = True

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

    def fits(self, height: float) -> bool:
        return self.y + height <= self.bottom + EPS

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

    def lead(self, blocks: Sequence[Paragraph | Table], prepared: dict[int, object], index: int) -> float:
        """The height the start of block `index` needs on the page it begins (what a block
        kept with it must find room for too)."""
        if index >= len(blocks):
            return 0.0
        block = blocks[index]
        if isinstance(block, Table):
            heights = prepared[index]
            assert isinstance(heights, _TableRows)
            if block.keep_together:
                return heights.header + sum(heights.rows)
            return heights.header + (heights.rows[0] if heights.rows else 0.0)
        fmt = block.fmt
        lines = len(prepared[index].lines)  # type: ignore[attr-defined]
        pitch = fmt.line or fmt.font.size
        if fmt.keep_next:
            return fmt.before + lines * pitch + fmt.after + self.lead(blocks, prepared, index + 1)
        return fmt.before + min(lines, 2 if fmt.widows else 1) * pitch

    def paragraph(self, paragraph: Paragraph, block: _Block, lead_after: float) -> None:
        fmt = paragraph.fmt
        page = self.page.page
        pitch = fmt.line or fmt.font.size
        n = len(block.lines)
        if fmt.keep_next and not self.fresh and not self.fits(
            fmt.before + n * pitch + fmt.after + lead_after
        ):
            self.new_page()
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

    def table(self, table: Table, heights: _TableRows) -> None:
        page = self.page.page
        flow = TableFlow(
            spans=[[c.span for c in row] for row in table.rows],
            splittable=[h > (page.type_bottom - page.top) * SPLIT_SHARE and not table.keep_together
                        for h in heights.rows],
        )
        self.tables.append(flow)
        first = heights.header + (heights.rows[0] if heights.rows else 0.0)
        whole = heights.header + sum(heights.rows)
        if not self.fresh and not self.fits(whole if table.keep_together else first):
            self.new_page()
        _TableSetter(self, table, heights, flow).set()


class _TableRows:
    """A table's cells broken into lines at their column widths, and the rows' heights."""

    def __init__(self, table: Table) -> None:
        pad = table.padding
        self.vertical = pad.top + pad.bottom + (BORDER if table.grid else 0.0)
        # A cell's text is as wide as the cell less its margins and the grid's line.
        widths = [w - pad.left - pad.right - (BORDER if table.grid else 0.0) for w in table.widths]
        self.header_cells = [_Cell(c, _bold(table.font), w) for c, w in zip(table.header or (), widths, strict=False)]
        self.cells = [[_Cell(c, table.font, w) for c, w in zip(row, widths, strict=True)] for row in table.rows]
        line = table.line
        self.header = self.height(self.header_cells, [1] * len(self.header_cells), line) if table.header else 0.0
        self.rows = [self.height(cells, [c.span for c in row], line) for cells, row in zip(self.cells, table.rows,
                                                                                           strict=True)]
        # A merged label taller than the rows it spans makes the last of them taller, as Word
        # and LibreOffice do.
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell.span > 1:
                    last = r + cell.span - 1
                    short = self.cells[r][c].count * line + self.vertical - sum(self.rows[r:last + 1])
                    self.rows[last] += max(short, 0.0)

    def height(self, cells: Sequence[_Cell], spans: Sequence[int], line: float) -> float:
        lines = max((c.count for c, span in zip(cells, spans, strict=True) if span == 1), default=1)
        return max(lines, 1) * line + self.vertical


def _bold(font: Font) -> Font:
    return replace(font, bold=True)


class _TableSetter:
    """Sets one table's rows on the pages: the header at the top of each, rows kept whole or
    broken, labels merged per page; then draws the page's part of the table."""

    def __init__(self, flow: _Flow, table: Table, rows: _TableRows, record: TableFlow) -> None:
        self.flow = flow
        self.table = table
        self.rows = rows
        self.record = record
        page = flow.page.page
        self.x = [page.left]
        for width in table.widths:
            self.x.append(self.x[-1] + width)
        #: Rows of the current page part: (row, first line, lines or None for all, top, height).
        self.placed: list[tuple[int, int, int | None, float, float]] = []
        self.header_top: float | None = None

    def set(self) -> None:
        flow, table, rows = self.flow, self.table, self.rows
        self._start_part()
        for r, height in enumerate(rows.rows):
            if not flow.fits(height):
                lines = int((flow.bottom - flow.y - rows.vertical + EPS) // table.line)
                if self.record.splittable[r] and lines >= 2:
                    self._place(r, 0, lines, lines * table.line + rows.vertical)
                    self._new_page(r + 1)
                    rest = max(c.count for c in rows.cells[r]) - lines
                    self._place(r, lines, rest, rest * table.line + rows.vertical)
                    continue
                if self.placed:
                    self._new_page(r)
            self._place(r, 0, None, height)
        self._finish_part()

    def _start_part(self) -> None:
        if self.table.header is not None:
            self.header_top = self.flow.y
            self.flow.y += self.rows.header
        self.flow.fresh = False

    def _new_page(self, row: int) -> None:
        """Continue on a new page; `row` is the first row that starts on it (the one after a
        row broken across the pages). A merged label that goes on is set again at `row`."""
        self._finish_part()
        self.flow.new_page()
        self.record.page_starts.append(row)
        spans = self.record.spans
        for c in self.table.label_columns:
            if row < len(spans) and spans[row][c] == 0:
                start = next(s for s in range(row, -1, -1) if spans[s][c] > 0)
                end = start + spans[start][c]
                spans[start][c] = row - start
                spans[row][c] = end - row
                self.record.repeated.add((row, c))
        self._start_part()

    def _place(self, row: int, first: int, count: int | None, height: float) -> None:
        self.record.row_pages.setdefault(row, self.flow.page.number)
        self.placed.append((row, first, count, self.flow.y, height))
        self.flow.y += height

    def _finish_part(self) -> None:
        """Draw the table's part on this page: the header, then each cell's box and text; a
        merged cell once, as tall as the rows it spans here."""
        rows = self.rows
        if not self.flow.draw:
            self.placed, self.header_top = [], None
            return
        if self.header_top is not None:
            for c, cell in enumerate(rows.header_cells):
                self._draw_cell(cell, c, self.header_top, rows.header, 0, None)
        spans = self.record.spans
        for index, (r, first, count, top, height) in enumerate(self.placed):
            for c, span in enumerate(spans[r]):
                if span == 1:
                    self._draw_cell(rows.cells[r][c], c, top, height, first, count)
                elif span > 1:
                    merged = sum(p[4] for p in self.placed[index:] if r <= p[0] < r + span)
                    self._draw_cell(rows.cells[r][c], c, top, merged, 0, None)
                elif index == 0 and first:  # the rest of a row broken across pages, under a merged cell
                    self._draw_cell(rows.cells[r][c], c, top, height, 0, 0)
        self.placed = []
        self.header_top = None

    def _draw_cell(self, cell: _Cell, column: int, top: float, height: float, first: int, count: int | None) -> None:
        page = self.flow.page
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
        lines = cell.flat()
        shown = lines[first:] if count is None else lines[first:first + count]
        line = table.line
        content = len(shown) * line
        inner = height - pad.top - pad.bottom - (BORDER if table.grid else 0.0)
        # Centred in its box, as Word's vertical alignment "center"; the parts of a row broken
        # across pages start at the top.
        y = top + pad.top + (BORDER / 2 if table.grid else 0.0)
        if count is None:
            y += max(inner - content, 0.0) / 2
        for block, index in shown:
            start, end = block.lines[index]
            page.lines.append(PlacedLine(
                block.text, start, end, x1 + pad.left, x2 - x1 - pad.left - pad.right, cell.align,
                index == len(block.lines) - 1, y, line, table.font.size,
            ))
            y += line


def typeset(layout: DocumentLayout, *, draw: bool = True) -> Typeset:
    """The pages of `layout`; without `draw`, only where they break (the tables' flow), for
    the Word file, whose program sets the lines itself."""
    flow = _Flow(layout, draw)
    for section in layout.sections:
        flow.new_page(section.page)
        width = section.page.type_width
        prepared: dict[int, object] = {
            i: _TableRows(block) if isinstance(block, Table) else _paragraph_block(block, width)
            for i, block in enumerate(section.blocks)
        }
        for i, block in enumerate(section.blocks):
            if isinstance(block, Table):
                flow.table(block, prepared[i])  # type: ignore[arg-type]
            else:
                flow.paragraph(block, prepared[i], flow.lead(section.blocks, prepared, i + 1))  # type: ignore[arg-type]
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
