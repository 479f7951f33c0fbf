"""The report as a Word document in the official layout (GB/T 9704-2012, 党政机关公文格式).

    export_docx(report, path) -> ExportResult      writes the file (atomically)
    docx_bytes(report) -> (bytes, notes)           the same document in memory

Page: A4, margins 37/35/28/26 mm, 22 lines of 28.95 pt. Title 2号 方正小标宋简体; 一、 headings
3号 黑体; （一） sub-headings 3号 楷体_GB2312; body 3号 仿宋_GB2312, first line indented two
characters; digits and Latin letters Times New Roman; page numbers `— 1 —` 4号 宋体 at the
foot, on the outer side (odd pages right, even pages left). Tables 7 and 8 stay portrait;
table 9, eight columns wide, gets a landscape section of its own.

Fonts: the names a government PC has (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are set on the
styles and on every run, for the East-Asian and the Latin slots, so that no theme font
overrides them. Where such a font is missing, Word and WPS substitute the font table's
alternate name, and the exporter writes one for each (宋体, 仿宋, 楷体): the document then
falls back to the plain Windows face of the same family instead of to whatever the
application picks.
"""

from __future__ import annotations

import copy
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section as DocxSection
from docx.shared import Mm
from lxml import etree

from selfeval_gui import __version__
from selfeval_gui.domain.compute import BudgetRowKind, budget_table, rate_text
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import DEPARTMENT_HEADING, Report, Section
from selfeval_gui.domain.money import amount_text
from selfeval_gui.exporters import ExportNote, ExportResult, write_export
from selfeval_gui.exporters.tables import (
    BUDGET_HEADINGS,
    INDICATOR_HEADINGS,
    TABLE_TITLES,
    TASK_HEADINGS,
    indicator_lines,
    task_lines,
)
from selfeval_gui.exporters.text import paragraphs, prepare, property_text
from selfeval_gui.storage import office_marks as marks

# ---------------------------------------------------------------- page and type

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
#: GB/T 9704 margins, top, bottom, left, right (mm).
PORTRAIT_MARGINS = (37, 35, 28, 26)
#: The same margins turned with the page, so that the binding edge keeps its width.
LANDSCAPE_MARGINS = (28, 26, 37, 35)
#: The page number's line sits 7 mm below the type area (35 mm from the foot); its middle
#: is then about 25 mm above the page's bottom edge.
FOOTER_DISTANCE = Mm(25)

TWIPS_PER_MM = 1440 / 25.4
#: 28.95 pt: the 225 mm type area holds 22 lines, as GB/T 9704 sets it.
LINE_PITCH = 579
TITLE_LINE = 700

# Sizes in half-points: 2号, 3号, 4号, 五号.
SIZE_TITLE, SIZE_BODY, SIZE_PAGE_NUMBER, SIZE_FIVE = 44, 32, 28, 21

LATIN = "Times New Roman"


@dataclass(frozen=True, slots=True)
class Face:
    east_asia: str
    latin: str = LATIN


TITLE_FACE = Face("方正小标宋简体")
HEADING_FACE = Face("黑体")
SUBHEADING_FACE = Face("楷体_GB2312")
BODY_FACE = Face("仿宋_GB2312")
PAGE_NUMBER_FACE = Face("宋体", "宋体")

#: Font-table entries: name → (alternate Word and WPS use when the font is missing,
#: panose, family, pitch). GB2312 charset (86) for all, so the fallback is a Chinese face.
FONT_TABLE = {
    "方正小标宋简体": ("宋体", "02000000000000000000", "script", "fixed"),
    "仿宋_GB2312": ("仿宋", "02010609030101010101", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "02010609030101010101", "modern", "fixed"),
    "黑体": ("SimHei", "02010609060101010101", "modern", "fixed"),
    "宋体": ("SimSun", "02010600030101010101", "auto", "variable"),
    "仿宋": ("FangSong", "02010609060101010101", "modern", "fixed"),
    "楷体": ("KaiTi", "02010609060101010101", "modern", "fixed"),
}


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# ---------------------------------------------------------------- XML helpers

_W = {name: qn(f"w:{name}") for name in (
    "p", "pPr", "pStyle", "jc", "ind", "keepNext", "r", "rPr", "rStyle", "rFonts", "b", "bCs",
    "sz", "szCs", "t", "tab", "br", "tbl", "tblPr", "tblW", "tblLayout", "tblBorders",
    "tblCellMar", "tblGrid", "gridCol", "tr", "trPr", "tblHeader", "cantSplit", "tc", "tcPr",
    "tcW", "vMerge", "vAlign", "fldChar", "instrText", "val", "w", "type", "ascii", "hAnsi",
    "eastAsia", "cs", "hint", "left", "right", "firstLine", "firstLineChars", "fldCharType",
)}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _W[name])
    for key, value in attrs.items():
        element.set(_W[key], value)
    return element


class _Runs:
    """Run properties built once per face, size and weight, copied into each run."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Face, int | None, bool, str | None], etree._Element] = {}

    def properties(self, face: Face, size: int | None, bold: bool, char_style: str | None) -> etree._Element:
        key = (face, size, bold, char_style)
        cached = self._cache.get(key)
        if cached is None:
            cached = etree.Element(_W["rPr"])
            if char_style:
                _sub(cached, "rStyle", val=char_style)
            _sub(cached, "rFonts", ascii=face.latin, hAnsi=face.latin, eastAsia=face.east_asia,
                 cs=face.latin, hint="eastAsia")
            if bold:
                _sub(cached, "b")
                _sub(cached, "bCs")
            if size:
                _sub(cached, "sz", val=str(size))
                _sub(cached, "szCs", val=str(size))
            self._cache[key] = cached
        return copy.deepcopy(cached)

    def add(
        self, paragraph: etree._Element, text: str, face: Face, size: int | None = None,
        *, bold: bool = False, char_style: str | None = None,
    ) -> None:
        """A run of `text`; tabs and line breaks become Word's own tab and break."""
        run = etree.SubElement(paragraph, _W["r"])
        run.append(self.properties(face, size, bold, char_style))
        for index, line in enumerate(text.split("\n")):
            if index:
                etree.SubElement(run, _W["br"])
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    etree.SubElement(run, _W["tab"])
                if part:
                    t = etree.SubElement(run, _W["t"])
                    t.text = part
                    if part[0].isspace() or part[-1].isspace():
                        t.set(_XML_SPACE, "preserve")


def _paragraph(style: str, *, jc: str | None = None, keep_next: bool = False) -> etree._Element:
    p = etree.Element(_W["p"])
    ppr = _sub(p, "pPr")
    _sub(ppr, "pStyle", val=style)
    if keep_next:
        _sub(ppr, "keepNext")
    if jc:
        _sub(ppr, "jc", val=jc)
    return p


# ---------------------------------------------------------------- styles and parts


def _rfonts(face: Face) -> str:
    return (
        f'<w:rFonts w:ascii="{face.latin}" w:hAnsi="{face.latin}" w:eastAsia="{face.east_asia}" '
        f'w:cs="{face.latin}" w:hint="eastAsia"/>'
    )


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


_NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
_INDENT_TWO = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * SIZE_BODY * 10}"/>'
_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'


def _paragraph_style(style_id: str, name: str, ppr: str, rpr: str, *, next_: str | None = None,
                     outline: int | None = None) -> str:
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    next_xml = f'<w:next w:val="{next_}"/>' if next_ else ""
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/>{next_xml}<w:qFormat/>'
        f"<w:pPr>{ppr}{outline_xml}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


_CUSTOM_STYLES = (
    _paragraph_style(
        marks.STYLE_TITLE, "报告标题", f'<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="{TITLE_LINE}" '
        f'w:lineRule="exact"/>{_NO_INDENT}<w:jc w:val="center"/>',
        _rfonts(TITLE_FACE) + _size(SIZE_TITLE), next_=marks.STYLE_YEAR,
    ),
    _paragraph_style(
        marks.STYLE_YEAR, "报告年度", f'<w:keepNext/><w:spacing w:before="0" w:after="{LINE_PITCH}" '
        f'w:line="{LINE_PITCH}" w:lineRule="exact"/>{_NO_INDENT}<w:jc w:val="center"/>',
        _rfonts(SUBHEADING_FACE) + _size(SIZE_BODY), next_=marks.STYLE_HEADING,
    ),
    _paragraph_style(
        marks.STYLE_HEADING, "一级标题", "<w:keepNext/>", _rfonts(HEADING_FACE), next_="Normal", outline=0,
    ),
    _paragraph_style(
        marks.STYLE_TABLE_TITLE, "表格标题",
        f'<w:keepNext/><w:spacing w:before="{LINE_PITCH // 2}" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>',
        _rfonts(HEADING_FACE), outline=0,
    ),
    _paragraph_style(
        marks.STYLE_TABLE_TEXT, "表格文字", f'{_SINGLE}{_NO_INDENT}<w:jc w:val="left"/>',
        _rfonts(BODY_FACE) + _size(SIZE_FIVE),
    ),
    _paragraph_style(
        marks.STYLE_TABLE_HEADING, "表头", f'<w:keepNext/>{_SINGLE}{_NO_INDENT}<w:jc w:val="center"/>',
        _rfonts(BODY_FACE) + "<w:b/><w:bCs/>" + _size(SIZE_FIVE),
    ),
    _paragraph_style(
        marks.STYLE_PAGE_NUMBER, "页码", f"{_SINGLE}{_NO_INDENT}",
        _rfonts(PAGE_NUMBER_FACE) + _size(SIZE_PAGE_NUMBER),
    ),
    f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{marks.STYLE_SUBHEADING_CHAR}">'
    f'<w:name w:val="二级标题"/><w:rPr>{_rfonts(SUBHEADING_FACE)}</w:rPr></w:style>',
)


def _setup_styles(document: DocumentObject) -> None:
    styles = document.styles.element
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr_default):
        rpr_default.remove(child)
    for fragment in (_rfonts(BODY_FACE), _size(SIZE_BODY), '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'):
        for element in parse_xml(f"<w:x {nsdecls('w')}>{fragment}</w:x>"):
            rpr_default.append(element)
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    for child in normal.findall(qn("w:pPr")) + normal.findall(qn("w:rPr")):
        normal.remove(child)
    body = parse_xml(
        f"<w:x {nsdecls('w')}><w:pPr><w:widowControl w:val='0'/>{_EXACT}{_INDENT_TWO}<w:jc w:val='both'/></w:pPr>"
        f"<w:rPr>{_rfonts(BODY_FACE)}{_size(SIZE_BODY)}</w:rPr></w:x>"
    )
    normal.extend(list(body))
    for xml in _CUSTOM_STYLES:
        styles.append(parse_xml(xml))


def _font_table_xml() -> bytes:
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, (alt, panose, family, pitch) in FONT_TABLE.items()
    )
    latin = (
        '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:fonts {nsdecls('w')}>{latin}{fonts}</w:fonts>"
    ).encode()


def _custom_properties_xml(report: Report) -> bytes:
    properties = {
        marks.PROPERTY_GENERATOR: f"{marks.GENERATOR} {__version__}",
        marks.PROPERTY_LAYOUT: marks.LAYOUT_VERSION,
        marks.PROPERTY_COMPARATOR_STYLE: report.comparator_style,
    }
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


def _app_properties_xml() -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{marks.GENERATOR} {__version__}</Application><DocSecurity>0</DocSecurity>"
        "</Properties>"
    ).encode()


#: Word 2010's copy of the styles with effects; Word rebuilds it when it needs one.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _replace_parts(document: DocumentObject, report: Report) -> None:
    """Leave out what the library's template carries for its own sake (a preview image of an
    empty page, Word 2010 style effects, a bibliography store, a Macintosh font table and
    application name) and add our own font table, application name and custom properties."""
    main = document.part
    package = main.package
    for rId, rel in list(main.rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML, RT.FONT_TABLE):
            main.drop_rel(rId)
    for rId, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            package.rels.pop(rId)
    main.relate_to(Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, _font_table_xml(), package),
                   RT.FONT_TABLE)
    package.relate_to(
        Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _app_properties_xml(), package),
        RT.EXTENDED_PROPERTIES,
    )
    package.relate_to(
        Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, _custom_properties_xml(report), package),
        RT.CUSTOM_PROPERTIES,
    )
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    document.settings.odd_and_even_pages_header_footer = True

    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core = document.core_properties
    core.title = property_text(report.title)
    core.subject = "部门整体支出预算绩效自评报告"
    core.author = core.last_modified_by = property_text(report.department)
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.language = "zh-CN"
    core.revision = 1
    core.created = core.modified = now


# ---------------------------------------------------------------- page setup


def _page(section: DocxSection, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        top, bottom, left, right = LANDSCAPE_MARGINS
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        top, bottom, left, right = PORTRAIT_MARGINS
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.gutter = 0
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)


def _type_width(landscape: bool) -> int:
    """Width of the type area in twips."""
    _, _, left, right = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    page = 297 if landscape else 210
    return _twips(page - left - right)


def _page_numbers(section: DocxSection, runs: _Runs) -> None:
    """`— 1 —` at the foot: odd pages on the right, even pages on the left, one character
    in from the edge of the type area."""
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        p = _paragraph(marks.STYLE_PAGE_NUMBER, jc=jc)
        indent = etree.Element(_W["ind"])
        indent.set(_W[side], str(SIZE_PAGE_NUMBER * 10))
        alignment = p[0].find(_W["jc"])
        assert alignment is not None  # _paragraph wrote it
        alignment.addprevious(indent)  # w:ind comes before w:jc in w:pPr
        runs.add(p, "— ", PAGE_NUMBER_FACE, SIZE_PAGE_NUMBER)
        for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
            run = etree.SubElement(p, _W["r"])
            run.append(runs.properties(PAGE_NUMBER_FACE, SIZE_PAGE_NUMBER, False, None))
            if kind == "instr":
                instr = _sub(run, "instrText")
                instr.text = text
                instr.set(_XML_SPACE, "preserve")
            elif kind == "text":
                _sub(run, "t").text = text
            else:
                _sub(run, "fldChar", fldCharType=kind)
        runs.add(p, " —", PAGE_NUMBER_FACE, SIZE_PAGE_NUMBER)
        element.append(p)


# ---------------------------------------------------------------- body text

_SUBHEADING_RE = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
_SENTENCE_END_RE = re.compile(r"[。：！？]")
#: A sub-heading is a short phrase; a paragraph longer than this after （一） has run on.
SUBHEADING_MAX = 25


def _title_lines(title: str) -> str:
    """The title in two balanced lines, broken after （单位）, as published titles are."""
    head, marker, tail = title.partition("（单位）")
    return f"{head}{marker}\n{tail}" if marker and tail else title


@dataclass(frozen=True, slots=True)
class _Subheading:
    """How a paragraph that opens with （一） is set: the part in 楷体 and the rest."""

    heading: str
    rest: str


def split_subheading(text: str) -> _Subheading | None:
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
        return _Subheading(text, "")
    end = _SENTENCE_END_RE.search(text, match.end())
    if end is not None and end.end() <= SUBHEADING_MAX:
        return _Subheading(text[: end.end()], text[end.end():])
    return None


class _Builder:
    def __init__(self, document: DocumentObject, notes: list[ExportNote]) -> None:
        self.document = document
        self.body = document.element.body
        self.runs = _Runs()
        self.notes = notes

    def add(self, element: etree._Element) -> None:
        # Everything goes before the body's closing section properties.
        self.body.sectPr.addprevious(element)

    def title(self, report: Report) -> None:
        p = _paragraph(marks.STYLE_TITLE)
        self.runs.add(p, _title_lines(report.title), TITLE_FACE)
        self.add(p)
        p = _paragraph(marks.STYLE_YEAR)
        self.runs.add(p, report.year_line, SUBHEADING_FACE)
        self.add(p)

    def department(self, department: str) -> None:
        p = _paragraph(marks.STYLE_HEADING, keep_next=False)
        self.runs.add(p, f"一、{DEPARTMENT_HEADING}：", HEADING_FACE)
        self.runs.add(p, department, BODY_FACE)
        self.add(p)

    def section(self, report: Report, section: Section) -> None:
        p = _paragraph(marks.STYLE_HEADING)
        self.runs.add(p, f"{section.numeral}、{section.heading}", HEADING_FACE)
        self.add(p)
        run_on = 0
        for text in paragraphs(report.overview.text(section)):
            p = _paragraph(marks.STYLE_BODY)
            sub = split_subheading(text)
            if sub is not None:
                self.runs.add(p, sub.heading, SUBHEADING_FACE, char_style=marks.STYLE_SUBHEADING_CHAR)
                if sub.rest:
                    self.runs.add(p, sub.rest, BODY_FACE)
            else:
                run_on += bool(_SUBHEADING_RE.match(text))
                self.runs.add(p, text, BODY_FACE)
            self.add(p)
        if run_on:
            self.notes.append(ExportNote(
                f"第{section.numeral}部分有 {run_on} 个（一）（二）……小标题直接连着正文、中间没有句号，"
                "无法判断小标题在哪里结束，已按正文排版。如需按公文格式以楷体排出小标题，"
                "请在小标题后加句号，或把小标题单独成段。",
                Table.OVERVIEW, None, section.value,
            ))

    def table_title(self, table: Table) -> None:
        p = _paragraph(marks.STYLE_TABLE_TITLE, keep_next=True)
        self.runs.add(p, TABLE_TITLES[table], HEADING_FACE)
        self.add(p)

    def section_break(self, *, landscape: bool) -> None:
        _page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)


# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str = ""
    align: str = "left"
    #: "restart" opens a vertical merge, "continue" is a cell it covers.
    merge: str | None = None


@dataclass(frozen=True, slots=True)
class _Column:
    heading: str
    #: Relative width; the columns share the type area's width in these proportions (mm).
    width_mm: float


_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)
#: Cell margins: 1.5 mm each side, about 0.8 mm above and below.
_TABLE_PROPERTIES = (
    f'<w:tblPr {nsdecls("w")}><w:tblW w:w="0" w:type="dxa"/><w:jc w:val="center"/>'
    f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
    '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
    'w:noHBand="0" w:noVBand="0"/></w:tblPr>'
)
#: Rows estimated at more lines than this may break across pages: holding them together
#: would leave most of a page empty.
KEEP_TOGETHER_LINES = 10


def _display_width(text: str) -> float:
    """Width in ems: CJK characters one, Latin letters and digits about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _lines(text: str, width_twips: int, size: int) -> int:
    per_line = max((width_twips - 170) / (size * 10), 1.0)
    return sum(max(math.ceil(_display_width(line) / per_line), 1) for line in text.split("\n"))


class _TableWriter:
    def __init__(self, builder: _Builder, columns: Sequence[_Column], size: int, type_width: int) -> None:
        self.builder = builder
        self.runs = builder.runs
        self.size = size
        total_mm = sum(c.width_mm for c in columns)
        widths = [round(type_width * c.width_mm / total_mm) for c in columns]
        widths[-1] += type_width - sum(widths)
        self.widths = widths
        self.columns = columns
        self.table = etree.Element(_W["tbl"])
        properties = parse_xml(_TABLE_PROPERTIES)
        table_width = properties.find(qn("w:tblW"))
        assert table_width is not None  # in _TABLE_PROPERTIES
        table_width.set(qn("w:w"), str(type_width))
        self.table.append(properties)
        grid = _sub(self.table, "tblGrid")
        for width in widths:
            _sub(grid, "gridCol", w=str(width))
        self._row([_Cell(c.heading, "center") for c in columns], header=True)

    def _row(self, cells: Sequence[_Cell], *, header: bool = False) -> None:
        tr = _sub(self.table, "tr")
        trpr = _sub(tr, "trPr")
        lines = max(
            (_lines(c.text, w, self.size) for c, w in zip(cells, self.widths, strict=True) if c.merge != "continue"),
            default=1,
        )
        if header or lines <= KEEP_TOGETHER_LINES:
            _sub(trpr, "cantSplit")
        if header:
            _sub(trpr, "tblHeader")
        style = marks.STYLE_TABLE_HEADING if header else marks.STYLE_TABLE_TEXT
        for cell, width in zip(cells, self.widths, strict=True):
            tc = _sub(tr, "tc")
            tcpr = _sub(tc, "tcPr")
            _sub(tcpr, "tcW", w=str(width), type="dxa")
            if cell.merge == "restart":
                _sub(tcpr, "vMerge", val="restart")
            elif cell.merge == "continue":
                _sub(tcpr, "vMerge")
            _sub(tcpr, "vAlign", val="center")
            for line in cell.text.split("\n") if cell.merge != "continue" else [""]:
                p = _paragraph(style, jc=cell.align)
                if line:
                    self.runs.add(p, line, BODY_FACE, self.size, bold=header)
                tc.append(p)

    def row(self, cells: Sequence[_Cell]) -> None:
        self._row(cells)

    def finish(self) -> None:
        self.builder.add(self.table)


def _merged(text: str, span: int, align: str = "center") -> _Cell:
    if span == 0:
        return _Cell("", align, "continue")
    return _Cell(text, align, "restart" if span > 1 else None)


def _budget_table(builder: _Builder, report: Report) -> None:
    columns = [_Column(h, w) for h, w in zip(BUDGET_HEADINGS, (40, 22, 30, 22, 22, 20), strict=True)]
    writer = _TableWriter(builder, columns, SIZE_FIVE, _type_width(False))
    for figures in budget_table(report.budget):
        writer.row([
            _Cell(figures.name, "center" if figures.kind is not BudgetRowKind.PROJECT else "left"),
            _Cell(amount_text(figures.initial), "right"),
            _Cell(amount_text(figures.adjustment), "right"),
            _Cell(amount_text(figures.adjusted), "right"),
            _Cell(amount_text(figures.actual), "right"),
            _Cell(rate_text(figures.actual, figures.adjusted), "right"),
        ])
    writer.finish()


def _task_table(builder: _Builder, report: Report) -> None:
    """Table 8. Table text is set flush left, not justified: a long Latin token (CPR+AED、)
    that does not fit a narrow column would otherwise spread the line before it apart."""
    columns = [_Column(h, w) for h, w in zip(TASK_HEADINGS, (48, 30, 78), strict=True)]
    writer = _TableWriter(builder, columns, SIZE_FIVE, _type_width(False))
    for line in task_lines(report):
        writer.row([
            _merged(line.duty, line.duty_rows, "left"),
            _Cell(line.name, "left"),
            _Cell(line.completion, "left"),
        ])
    writer.finish()


def _indicator_table(builder: _Builder, report: Report) -> None:
    widths = (18, 16, 44, 25, 25, 36, 20, 41)
    columns = [_Column(h, w) for h, w in zip(INDICATOR_HEADINGS, widths, strict=True)]
    writer = _TableWriter(builder, columns, SIZE_FIVE, _type_width(True))
    for line in indicator_lines(report):
        i = line.indicator
        writer.row([
            _merged(i.group, line.group_rows),
            _merged(i.category, line.category_rows),
            _Cell(i.name, "left"),
            _Cell(i.target, "center"),
            _Cell(i.actual, "center"),
            _Cell(i.source, "center"),
            _Cell(line.deviation, "right"),
            _Cell(i.reason, "left"),
        ])
    writer.finish()


# ---------------------------------------------------------------- the document


def build_document(report: Report) -> tuple[DocumentObject, list[ExportNote]]:
    """The Word document for `report` (in the form `text.prepare` gives it) and the notes."""
    report, notes = prepare(report)
    document = Document()
    _replace_parts(document, report)
    _setup_styles(document)
    first = document.sections[0]
    _page(first, landscape=False)
    builder = _Builder(document, notes)
    _page_numbers(first, builder.runs)

    builder.title(report)
    builder.department(report.department)
    for section in Section:
        builder.section(report, section)
    builder.table_title(Table.BUDGET)
    _budget_table(builder, report)
    builder.table_title(Table.TASKS)
    _task_table(builder, report)
    builder.section_break(landscape=True)
    builder.table_title(Table.INDICATORS)
    _indicator_table(builder, report)
    return document, notes


def docx_bytes(report: Report) -> tuple[bytes, list[ExportNote]]:
    document, notes = build_document(report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), notes


def export_docx(report: Report, path: Path | str) -> ExportResult:
    """Write `report` as a Word document at `path`, replacing it in one step.

    Raises `ExportError` (Chinese message) when the file cannot be written, for example
    because it is open in Word or WPS; the old file is then left as it was.
    """
    return write_export(path, docx_bytes(report))
