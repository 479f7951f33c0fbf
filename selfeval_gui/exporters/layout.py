"""The report's document, described once: page geometry, type, headings, paragraphs, tables.

    report_layout(report) -> (DocumentLayout, notes)

The Word writer (`exporters.word`), the PDF writer and print (`selfeval_gui.render`) all start
from this description, and `typeset` breaks it into lines and pages for all of them, so the
three cannot drift apart: a column's width, a font, a merged cell or a landscape page is
decided here and only here.

GB/T 9704-2012 (党政机关公文格式): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right
26 mm; 22 lines of 28.95 pt; title 2号 方正小标宋简体, on one line (小二, or set a little
closer, where 2号 does not fit), then （2023年度） in 3号 楷体; 一、 headings 3号 黑体;
（一） sub-headings 3号 楷体; body 3号 仿宋, first line indented two characters; digits and
Latin letters Times New Roman; page numbers `— 1 —` 4号 宋体 at the foot, on the outer side.
Tables 五号 仿宋 with fixed line spacing (so that a row is as tall in every program), full
borders, the header row repeated; tables 7 and 8 portrait, table 9 on landscape pages. The
submission block (填报信息), when filled, closes the document.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Literal

from selfeval_gui.domain.compute import BudgetRowKind, budget_table, rate_text
from selfeval_gui.domain.findings import Table as ReportTable
from selfeval_gui.domain.model import DEPARTMENT_HEADING, Report, Section
from selfeval_gui.domain.money import format_amount
from selfeval_gui.domain.submission import SUBMISSION_LABELS, shown_values
from selfeval_gui.exporters import ExportNote
from selfeval_gui.exporters.lines import cell_text
from selfeval_gui.exporters.metrics import em_width
from selfeval_gui.exporters.tables import (
    BUDGET_HEADINGS,
    INDICATOR_HEADINGS,
    TABLE_TITLES,
    TASK_HEADINGS,
    ColumnKind,
    fit_widths,
    indicator_lines,
    task_lines,
)
from selfeval_gui.exporters.text import paragraphs, prepare
from selfeval_gui.storage import office_marks as marks

PT_PER_MM = 72 / 25.4
Align = Literal["left", "center", "right", "both"]


def mm(value: float) -> float:
    return value * PT_PER_MM


# ---------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class Page:
    """A page's size and margins, in points."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def type_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def type_bottom(self) -> float:
        return self.height - self.bottom


PORTRAIT = Page(mm(210), mm(297), mm(37), mm(35), mm(28), mm(26))
#: The same margins turned with the page, so that the binding edge keeps its width.
LANDSCAPE = Page(mm(297), mm(210), mm(28), mm(26), mm(37), mm(35))


# ---------------------------------------------------------------- type


@dataclass(frozen=True, slots=True)
class Face:
    """A typeface as Word names it: the face for Chinese and the one for digits and Latin."""

    east_asia: str
    latin: str = "Times New Roman"


TITLE_FACE = Face("方正小标宋简体")
HEADING_FACE = Face("黑体")
SUBHEADING_FACE = Face("楷体_GB2312")
BODY_FACE = Face("仿宋_GB2312")
PAGE_NUMBER_FACE = Face("宋体", "宋体")


@dataclass(frozen=True, slots=True)
class Font:
    face: Face
    size: float  # points
    bold: bool = False
    #: Extra space after each character, in points (negative sets the characters closer).
    spacing: float = 0.0

    def advance(self, ch: str) -> float:
        return em_width(ch, self.bold) * self.size + self.spacing


# Chinese type sizes in points.
SIZE_2, SIZE_SMALL_2, SIZE_3, SIZE_4, SIZE_5 = 22.0, 18.0, 16.0, 14.0, 10.5
#: 28.95 pt: the 225 mm type area holds 22 lines, as GB/T 9704 sets it.
LINE = 28.95
TABLE_LINE = 15.6


class Role(Enum):
    """What a paragraph is; each has one format (`FORMATS`) and one Word style."""

    TITLE = "title"
    YEAR = "year"
    HEADING = "heading"
    BODY = "body"
    TABLE_TITLE = "table_title"
    TABLE_TEXT = "table_text"
    TABLE_HEADING = "table_heading"
    PAGE_NUMBER = "page_number"
    SUBMISSION = "submission"


@dataclass(frozen=True, slots=True)
class ParagraphFormat:
    font: Font
    align: Align
    #: Exact line pitch in points; `None` for the font's own (single) spacing.
    line: float | None
    before: float = 0.0
    after: float = 0.0
    indent: float = 0.0  # first line, points
    keep_next: bool = False
    #: No lone first or last line of the paragraph at a page's foot or top.
    widows: bool = True

    @property
    def pitch(self) -> float:
        """The distance from one line to the next, in points."""
        return self.line or self.font.size


_TWO_CHARACTERS = 2 * SIZE_3
FORMATS: dict[Role, ParagraphFormat] = {
    Role.TITLE: ParagraphFormat(Font(TITLE_FACE, SIZE_2), "center", 35.0, keep_next=True),
    Role.YEAR: ParagraphFormat(Font(SUBHEADING_FACE, SIZE_3), "center", LINE, after=LINE, keep_next=True),
    Role.HEADING: ParagraphFormat(Font(HEADING_FACE, SIZE_3), "both", LINE, indent=_TWO_CHARACTERS, keep_next=True),
    Role.BODY: ParagraphFormat(Font(BODY_FACE, SIZE_3), "both", LINE, indent=_TWO_CHARACTERS),
    Role.TABLE_TITLE: ParagraphFormat(Font(HEADING_FACE, SIZE_3), "left", LINE, before=LINE / 2,
                                      indent=_TWO_CHARACTERS, keep_next=True),
    Role.TABLE_TEXT: ParagraphFormat(Font(BODY_FACE, SIZE_5), "left", TABLE_LINE, widows=False),
    Role.TABLE_HEADING: ParagraphFormat(Font(BODY_FACE, SIZE_5, bold=True), "center", TABLE_LINE,
                                        keep_next=True, widows=False),
    Role.PAGE_NUMBER: ParagraphFormat(Font(PAGE_NUMBER_FACE, SIZE_4), "left", None, widows=False),
    Role.SUBMISSION: ParagraphFormat(Font(BODY_FACE, SIZE_3), "left", LINE, widows=False),
}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    font: Font
    #: Word character style the run carries (the importer knows sub-headings by it).
    style: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    role: Role
    runs: tuple[Run, ...]
    #: The format, when it differs from its role's (the title set to fit one line).
    format: ParagraphFormat | None = None

    @property
    def fmt(self) -> ParagraphFormat:
        return self.format or FORMATS[self.role]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Cell:
    text: str = ""
    align: Align = "left"
    #: Rows the cell covers downwards (a vertical merge); 0 on the rows it covers, which keep
    #: the merged cell's text.
    span: int = 1
    #: A line to write or sign on (the submission block), instead of the table's grid.
    underline: bool = False


@dataclass(frozen=True, slots=True)
class Padding:
    top: float
    bottom: float
    left: float
    right: float


#: Cell margins: 1.5 mm each side, about 0.8 mm above and below.
TABLE_PADDING = Padding(2.25, 2.25, 4.25, 4.25)
#: The grid's lines, in points (Word's ½ pt).
BORDER = 0.5


@dataclass(slots=True)
class Table:
    widths: tuple[float, ...]
    rows: list[tuple[Cell, ...]]
    #: The cells' paragraph format (font, line pitch).
    role: Role
    header: tuple[Cell, ...] | None = None
    #: Merged columns whose label is set again at the top of a page that continues it.
    label_columns: tuple[int, ...] = ()
    grid: bool = True
    padding: Padding = TABLE_PADDING
    #: On one page, never broken (the submission block).
    keep_together: bool = False
    #: Its last row kept on one page with what follows (the submission block after table 9):
    #: what follows is never alone on a page.
    keep_next: bool = False

    @property
    def font(self) -> Font:
        return FORMATS[self.role].font

    @property
    def line(self) -> float:
        return FORMATS[self.role].pitch

    def edges(self, left: float) -> list[float]:
        """Where the columns begin, from `left`, and where the last ends."""
        edges = [left]
        for width in self.widths:
            edges.append(edges[-1] + width)
        return edges


@dataclass(slots=True)
class DocumentSection:
    """Pages of one geometry; a new section starts on a new page."""

    page: Page
    blocks: list[Paragraph | Table] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageNumber:
    """`— 1 —` at the foot, on the outer side: odd pages right, even pages left, `inset` in
    from the type area's edge; its line's top `gap` below the type area (GB/T 9704: the
    page number's dash 7 mm under the type area), on every page whichever way it is turned."""

    template: str = "— {} —"
    font: Font = Font(PAGE_NUMBER_FACE, SIZE_4)
    inset: float = SIZE_4
    gap: float = mm(7)

    @property
    def line(self) -> float:
        """The number's line: single spacing, as Word and LibreOffice set 宋体."""
        return 1.3 * self.font.size

    def text(self, number: int) -> str:
        return self.template.format(number)

    def top(self, page: Page) -> float:
        return page.type_bottom + self.gap

    def from_bottom(self, page: Page) -> float:
        """Where Word measures a footer from: the page's bottom edge to the line's foot."""
        return page.height - self.top(page) - self.line


@dataclass(slots=True)
class DocumentLayout:
    sections: list[DocumentSection]
    page_number: PageNumber = field(default_factory=PageNumber)
    title: str = ""
    author: str = ""

    def tables(self) -> list[Table]:
        return [block for section in self.sections for block in section.blocks if isinstance(block, Table)]


# ---------------------------------------------------------------- the title


def title_format(title: str, width: float = PORTRAIT.type_width) -> ParagraphFormat:
    """The title on one line, as published: 2号 where it fits; else 小二, set closer by up to
    a tenth of a character where needed (the characters' ink stays apart); a title too long
    even for that is 小二 over two lines."""
    base = FORMATS[Role.TITLE]
    length = sum(em_width(ch) for ch in title)
    for size in (SIZE_2, SIZE_SMALL_2):
        natural = length * size
        if natural <= width:
            return replace(base, font=Font(base.font.face, size))
        closer = (natural - width) / max(len(title), 1)
        if size == SIZE_SMALL_2 and closer <= size / 10:
            # In whole twentieths of a point (Word's unit), rounded so that the line still fits.
            return replace(base, font=Font(base.font.face, size, spacing=-math.ceil(closer * 20) / 20))
    return replace(base, font=Font(base.font.face, SIZE_SMALL_2))


# ---------------------------------------------------------------- body text

_SUBHEADING_RE = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
_SENTENCE_END_RE = re.compile(r"[。：！？]")
#: A sub-heading is a short phrase; a paragraph longer than this after （一） has run on.
SUBHEADING_MAX = 25


@dataclass(frozen=True, slots=True)
class Subheading:
    """How a paragraph that opens with （一） is set: the part in 楷体 and the rest."""

    heading: str
    rest: str


def split_subheading(text: str) -> Subheading | None:
    """The sub-heading at the start of a paragraph, or `None` when the paragraph has none or
    it cannot be told where it ends.

    `（一）加强预算管理` alone is a sub-heading; `（一）加强预算管理。一是…` runs into its
    paragraph, the heading ending at the first full stop (or colon). Published text often
    lost that stop (`（一）关注群众健康，救援救护守护公共安全坚持围绕…`): the heading's end cannot
    be told, and the paragraph is set as body text rather than guessed at.
    """
    match = _SUBHEADING_RE.match(text)
    if match is None:
        return None
    if len(text) <= SUBHEADING_MAX and not _SENTENCE_END_RE.search(text[:-1]):
        return Subheading(text, "")
    end = _SENTENCE_END_RE.search(text, match.end())
    if end is not None and end.end() <= SUBHEADING_MAX:
        return Subheading(text[: end.end()], text[end.end():])
    return None


def _body(text: str) -> tuple[Paragraph, bool]:
    """A body paragraph, and whether it opens with a sub-heading that runs on unmarked."""
    body = FORMATS[Role.BODY].font
    sub = split_subheading(text)
    if sub is None:
        return Paragraph(Role.BODY, (Run(text, body),)), bool(_SUBHEADING_RE.match(text))
    runs = [Run(sub.heading, Font(SUBHEADING_FACE, SIZE_3), marks.STYLE_SUBHEADING_CHAR)]
    if sub.rest:
        runs.append(Run(sub.rest, body))
    return Paragraph(Role.BODY, tuple(runs)), False


def _section_blocks(report: Report, section: Section, notes: list[ExportNote]) -> list[Paragraph]:
    heading = FORMATS[Role.HEADING].font
    blocks = [Paragraph(Role.HEADING, (Run(f"{section.numeral}、{section.heading}", heading),))]
    run_on = 0
    for text in paragraphs(report.overview.text(section)):
        paragraph, unmarked = _body(text)
        run_on += unmarked
        blocks.append(paragraph)
    if run_on:
        notes.append(ExportNote(
            f"第{section.numeral}部分有 {run_on} 个（一）（二）……小标题直接连着正文、中间没有句号，"
            "无法判断小标题在哪里结束，已按正文排版。如需按公文格式以楷体排出小标题，"
            "请在小标题后加句号，或把小标题单独成段。",
            ReportTable.OVERVIEW, None, section.value,
        ))
    return blocks


# ---------------------------------------------------------------- tables 7, 8, 9


def _table_title(table: ReportTable) -> Paragraph:
    return Paragraph(Role.TABLE_TITLE, (Run(TABLE_TITLES[table], FORMATS[Role.TABLE_TITLE].font),))


def _table(
    page: Page, headings: Sequence[str], kinds: Sequence[ColumnKind],
    rows: Sequence[tuple[Cell, ...]], label_columns: tuple[int, ...] = (),
) -> Table:
    table = Table((), list(rows), Role.TABLE_TEXT, tuple(Cell(h, "center") for h in headings), label_columns)
    table.widths = fit_widths(
        page.type_width, kinds, headings, [[c.text for c in row] for row in rows],
        [[c.span for c in row] for row in rows], table.font, table.line,
        # Half a point more than the margins: what is set on one line keeps a little room.
        TABLE_PADDING.left + TABLE_PADDING.right + BORDER, bold_header=True,
    )
    return table


def _budget(report: Report) -> Table:
    rows = [
        (
            Cell(f.name, "center" if f.kind is not BudgetRowKind.PROJECT else "left"),
            Cell(format_amount(f.initial), "right"),
            Cell(format_amount(f.adjustment), "right"),
            Cell(format_amount(f.adjusted), "right"),
            Cell(format_amount(f.actual), "right"),
            Cell(rate_text(f.actual, f.adjusted), "right"),
        )
        for f in budget_table(report.budget)
    ]
    kinds = (ColumnKind.TEXT, *[ColumnKind.FIGURE] * 5)
    return _table(PORTRAIT, BUDGET_HEADINGS, kinds, rows)


def _tasks(report: Report) -> Table:
    """Table 8. Table text is set flush left, not justified: a long Latin token (CPR+AED、)
    that does not fit a narrow column would otherwise spread the line before it apart."""
    rows = [
        (Cell(line.duty, "left", line.duty_rows), Cell(line.name), Cell(line.completion))
        for line in task_lines(report)
    ]
    kinds = (ColumnKind.LABEL, ColumnKind.TEXT, ColumnKind.TEXT)
    return _table(PORTRAIT, TASK_HEADINGS, kinds, rows, label_columns=(0,))


def _indicators(report: Report) -> Table:
    rows = []
    for line in indicator_lines(report):
        i = line.indicator
        rows.append((
            Cell(i.group, "center", line.group_rows),
            Cell(i.category, "center", line.category_rows),
            Cell(i.name),
            Cell(i.target, "center"),
            Cell(i.actual, "center"),
            Cell(i.source, "center"),
            Cell(line.deviation, "right"),
            Cell(i.reason),
        ))
    kinds = (ColumnKind.LABEL, ColumnKind.LABEL, ColumnKind.TEXT, ColumnKind.FIGURE, ColumnKind.FIGURE,
             ColumnKind.TEXT, ColumnKind.FIGURE, ColumnKind.TEXT)
    return _table(LANDSCAPE, INDICATOR_HEADINGS, kinds, rows, label_columns=(0, 1))


# ---------------------------------------------------------------- the submission block

#: The block's lines: (label, field) pairs, two to a line.
SUBMISSION_ROWS = (("unit", "date"), ("head", "finance_head"), ("preparer", "phone"))


def _submission(report: Report, page: Page) -> list[Paragraph | Table]:
    """The block as a form under the last table, a blank line above it: each label beside a
    line to write or sign on, filled where the clerk has filled it in; a blank field stays a
    line to fill by hand."""
    fmt = FORMATS[Role.SUBMISSION]
    values = shown_values(report.submission)
    rows = [
        tuple(
            cell
            for name in pair
            for cell in (Cell(f"{SUBMISSION_LABELS[name]}：", "right"), Cell(values[name], "center", underline=True))
        )
        for pair in SUBMISSION_ROWS
    ]

    def label_width(column: int) -> float:
        """The longest label of the column, and a character's room before it."""
        return 1 + max(sum(em_width(ch) for ch in f"{SUBMISSION_LABELS[pair[column]]}：") for pair in SUBMISSION_ROWS)

    first, second = (label_width(c) * fmt.font.size for c in (0, 1))
    value = (page.type_width - first - second) / 2
    spacer = Paragraph(Role.BODY, (), replace(FORMATS[Role.BODY], keep_next=True))
    form = Table((first, value, second, value), rows, Role.SUBMISSION, grid=False, padding=Padding(0, 0, 0, 0),
                 keep_together=True)
    return [spacer, form]


# ---------------------------------------------------------------- the document


def report_layout(report: Report) -> tuple[DocumentLayout, list[ExportNote]]:
    """The document for `report` (in the form `text.prepare` gives it) and the notes."""
    cell_text.cache_clear()  # the cells' text is measured once for this document, not kept from the last
    report, notes = prepare(report)
    fitted = title_format(report.title)
    title = Paragraph(Role.TITLE, (Run(report.title, fitted.font),), fitted)
    year = Paragraph(Role.YEAR, (Run(report.year_line, FORMATS[Role.YEAR].font),))
    department = Paragraph(Role.HEADING, (
        Run(f"一、{DEPARTMENT_HEADING}：", FORMATS[Role.HEADING].font),
        Run(report.department, FORMATS[Role.BODY].font),
    ), replace(FORMATS[Role.HEADING], keep_next=False))
    portrait = DocumentSection(PORTRAIT, [title, year, department])
    for section in Section:
        portrait.blocks += _section_blocks(report, section, notes)
    portrait.blocks += [_table_title(ReportTable.BUDGET), _budget(report),
                        _table_title(ReportTable.TASKS), _tasks(report)]
    indicators = _indicators(report)
    landscape = DocumentSection(LANDSCAPE, [_table_title(ReportTable.INDICATORS), indicators])
    if report.submission.filled:
        indicators.keep_next = True
        landscape.blocks += _submission(report, LANDSCAPE)
    return DocumentLayout([portrait, landscape], title=report.title, author=report.department), notes

