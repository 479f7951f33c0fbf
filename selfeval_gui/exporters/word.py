"""The report as a Word document in the official layout (GB/T 9704-2012, 党政机关公文格式).

    export_docx(report, path) -> ExportResult      writes the file (atomically)
    docx_bytes(report) -> (bytes, notes)           the same document in memory

Everything about the document's look (pages, type, tables, widths, merged cells, the landscape
section of table 9) comes from `layout`, which the PDF and print use too; each table is
written as `typeset` set it on the pages, as in the PDF: a row broken across pages as one row
per page, a merged 职责/目标/类别 label set again at the top of each page that continues it.
Word's own rules are set to agree: fixed line spacing everywhere, no lone lines (widow
control), every row kept on its page, the rows the layout keeps together kept with the next.

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
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from html import escape  # not xml.sax.saxutils: it loads urllib and http with it
from itertools import groupby
from pathlib import Path

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
from docx.shared import Pt
from lxml import etree

from selfeval_gui import __version__
from selfeval_gui.domain.model import Report
from selfeval_gui.exporters import ExportNote, ExportResult, write_export
from selfeval_gui.exporters.layout import (
    BORDER,
    FORMATS,
    SUBHEADING_FACE,
    Cell,
    DocumentLayout,
    Face,
    Font,
    Page,
    Paragraph,
    ParagraphFormat,
    Role,
    Table,
    report_layout,
)
from selfeval_gui.exporters.metrics import is_ambiguous_wide
from selfeval_gui.exporters.text import property_text
from selfeval_gui.exporters.typeset import SetRow, TableFlow, typeset
from selfeval_gui.storage import office_marks as marks

#: Each paragraph role's Word style (style ids; the names shown in Word are Chinese).
STYLES: dict[Role, tuple[str, str]] = {
    Role.TITLE: (marks.STYLE_TITLE, "报告标题"),
    Role.YEAR: (marks.STYLE_YEAR, "报告年度"),
    Role.HEADING: (marks.STYLE_HEADING, "一级标题"),
    Role.BODY: (marks.STYLE_BODY, "Normal"),
    Role.TABLE_TITLE: (marks.STYLE_TABLE_TITLE, "表格标题"),
    Role.TABLE_TEXT: (marks.STYLE_TABLE_TEXT, "表格文字"),
    Role.TABLE_HEADING: (marks.STYLE_TABLE_HEADING, "表头"),
    Role.PAGE_NUMBER: (marks.STYLE_PAGE_NUMBER, "页码"),
    Role.SUBMISSION: (marks.STYLE_SUBMISSION, "填报信息"),
}
_NEXT_STYLE = {Role.TITLE: Role.YEAR, Role.YEAR: Role.HEADING, Role.HEADING: Role.BODY}
_OUTLINE = {Role.HEADING: 0, Role.TABLE_TITLE: 0}

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


def _twips(points: float) -> int:
    return round(points * 20)


def _half_points(points: float) -> int:
    return round(points * 2)


# ---------------------------------------------------------------- XML helpers

_W = {name: qn(f"w:{name}") for name in (
    "p", "pPr", "pStyle", "jc", "ind", "keepNext", "r", "rPr", "rStyle", "rFonts", "b", "bCs",
    "sz", "szCs", "spacing", "t", "tab", "br", "tbl", "tblGrid", "gridCol", "tr", "trPr", "tblHeader",
    "cantSplit", "tc", "tcPr", "tcW", "tcBorders", "bottom", "vMerge", "vAlign", "fldChar", "instrText",
    "val", "w", "type", "ascii", "hAnsi", "eastAsia", "cs", "hint", "left", "right", "fldCharType",
    "space", "color", "trHeight", "hRule",
)}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _W[name])
    for key, value in attrs.items():
        element.set(_W[key], value)
    return element


class _Runs:
    """Run properties built once per font and character style, copied into each run."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Font, str | None], etree._Element] = {}

    def properties(self, font: Font, style: str | None) -> etree._Element:
        key = (font, style)
        cached = self._cache.get(key)
        if cached is None:
            cached = etree.Element(_W["rPr"])
            if style:
                _sub(cached, "rStyle", val=style)
            face = font.face
            _sub(cached, "rFonts", ascii=face.latin, hAnsi=face.latin, eastAsia=face.east_asia,
                 cs=face.latin, hint="eastAsia")
            if font.bold:
                _sub(cached, "b")
                _sub(cached, "bCs")
            if font.spacing:
                _sub(cached, "spacing", val=str(_twips(font.spacing)))
            _sub(cached, "sz", val=str(_half_points(font.size)))
            _sub(cached, "szCs", val=str(_half_points(font.size)))
            self._cache[key] = cached
        return copy.deepcopy(cached)

    def add(self, paragraph: etree._Element, text: str, font: Font, style: str | None = None) -> None:
        """Runs of `text`; tabs and line breaks become Word's own tab and break.

        Marks of ambiguous width (“”…—) are set in the East Asian face, as the layout measures
        them: Word does so by the runs' East Asian hint, LibreOffice only after Chinese text
        (after `5` in `“5·8”`, or opening a paragraph, it takes the Latin face); so they go in
        runs of their own that name the East Asian face in every slot."""
        east_asian = replace(font, face=Face(font.face.east_asia, font.face.east_asia))
        for ambiguous, group in groupby(text, is_ambiguous_wide):
            self._run(paragraph, "".join(group), east_asian if ambiguous else font, style)

    def _run(self, paragraph: etree._Element, text: str, font: Font, style: str | None) -> None:
        run = etree.SubElement(paragraph, _W["r"])
        run.append(self.properties(font, style))
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


def _paragraph(style: str, *, jc: str | None = None, keep_next: bool | None = None) -> etree._Element:
    p = etree.Element(_W["p"])
    ppr = _sub(p, "pPr")
    _sub(ppr, "pStyle", val=style)
    if keep_next is not None:
        _sub(ppr, "keepNext", val="1" if keep_next else "0")
    if jc:
        _sub(ppr, "jc", val=jc)
    return p


# ---------------------------------------------------------------- styles and parts


def _rfonts(face: Face) -> str:
    return (
        f'<w:rFonts w:ascii="{face.latin}" w:hAnsi="{face.latin}" w:eastAsia="{face.east_asia}" '
        f'w:cs="{face.latin}" w:hint="eastAsia"/>'
    )


def _run_xml(font: Font) -> str:
    bold = "<w:b/><w:bCs/>" if font.bold else ""
    size = _half_points(font.size)
    return f'{_rfonts(font.face)}{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'


def _paragraph_xml(fmt: ParagraphFormat) -> str:
    """A paragraph format as Word's paragraph properties (children in the schema's order)."""
    keep = "<w:keepNext/>" if fmt.keep_next else ""
    widows = f'<w:widowControl w:val="{int(fmt.widows)}"/>'
    if fmt.line is None:
        spacing = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    else:
        spacing = (f'<w:spacing w:before="{_twips(fmt.before)}" w:after="{_twips(fmt.after)}" '
                   f'w:line="{_twips(fmt.line)}" w:lineRule="exact"/>')
    if fmt.indent:
        chars = round(fmt.indent / fmt.font.size * 100)
        indent = f'<w:ind w:firstLineChars="{chars}" w:firstLine="{_twips(fmt.indent)}"/>'
    else:
        indent = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    # Characters are not pulled onto a document grid: lines hold what the layout says.
    return f'{keep}{widows}<w:snapToGrid w:val="0"/>{spacing}{indent}<w:jc w:val="{fmt.align}"/>'


def _style_xml(role: Role) -> str:
    style_id, name = STYLES[role]
    fmt = FORMATS[role]
    following = _NEXT_STYLE.get(role)
    next_xml = f'<w:next w:val="{STYLES[following][0]}"/>' if following else ""
    outline = f'<w:outlineLvl w:val="{_OUTLINE[role]}"/>' if role in _OUTLINE else ""
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/>{next_xml}<w:qFormat/>'
        f"<w:pPr>{_paragraph_xml(fmt)}{outline}</w:pPr><w:rPr>{_run_xml(fmt.font)}</w:rPr></w:style>"
    )


def _setup_styles(document: DocumentObject) -> None:
    styles = document.styles.element
    body = FORMATS[Role.BODY]
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr_default):
        rpr_default.remove(child)
    for fragment in (_run_xml(body.font), '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'):
        for element in parse_xml(f"<w:x {nsdecls('w')}>{fragment}</w:x>"):
            rpr_default.append(element)
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    for child in normal.findall(qn("w:pPr")) + normal.findall(qn("w:rPr")):
        normal.remove(child)
    normal.extend(list(parse_xml(
        f"<w:x {nsdecls('w')}><w:pPr>{_paragraph_xml(body)}</w:pPr><w:rPr>{_run_xml(body.font)}</w:rPr></w:x>"
    )))
    for role in STYLES:
        if role is not Role.BODY:
            styles.append(parse_xml(_style_xml(role)))
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="{marks.STYLE_SUBHEADING_CHAR}">'
        f'<w:name w:val="二级标题"/><w:rPr>{_rfonts(SUBHEADING_FACE)}</w:rPr></w:style>'
    ))
    for style_id, name in marks.TABLE_MARK_NAMES.items():
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{marks.STYLE_TABLE_TEXT}"/></w:style>'
        ))


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


def _custom_properties_xml(comparator_style: str) -> bytes:
    properties = {
        marks.PROPERTY_GENERATOR: f"{marks.GENERATOR} {__version__}",
        marks.PROPERTY_LAYOUT: marks.LAYOUT_VERSION,
        marks.PROPERTY_COMPARATOR_STYLE: comparator_style,
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


def _replace_parts(document: DocumentObject, layout: DocumentLayout, comparator_style: str) -> None:
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
    custom = _custom_properties_xml(comparator_style)
    package.relate_to(
        Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, custom, package), RT.CUSTOM_PROPERTIES,
    )
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    document.settings.odd_and_even_pages_header_footer = True

    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core = document.core_properties
    core.title = property_text(layout.title)
    core.subject = "部门整体支出预算绩效自评报告"
    core.author = core.last_modified_by = property_text(layout.author)
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.language = "zh-CN"
    core.revision = 1
    core.created = core.modified = now


# ---------------------------------------------------------------- page setup


def _page(section: DocxSection, page: Page, layout: DocumentLayout) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(page.width), Pt(page.height)
    section.top_margin, section.bottom_margin = Pt(page.top), Pt(page.bottom)
    section.left_margin, section.right_margin = Pt(page.left), Pt(page.right)
    section.gutter = 0
    section.footer_distance = Pt(layout.page_number.from_bottom(page))
    section.header_distance = Pt(page.top * 0.4)


def _page_numbers(section: DocxSection, layout: DocumentLayout, runs: _Runs) -> None:
    """`— 1 —` at the foot: odd pages on the right, even pages on the left, one character
    in from the edge of the type area."""
    spec = layout.page_number
    style = STYLES[Role.PAGE_NUMBER][0]
    before, _, after = spec.template.partition("{}")
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        p = _paragraph(style, jc=side)
        indent = etree.Element(_W["ind"])
        indent.set(_W[side], str(_twips(spec.inset)))
        alignment = p[0].find(_W["jc"])
        assert alignment is not None  # _paragraph wrote it
        alignment.addprevious(indent)  # w:ind comes before w:jc in w:pPr
        runs.add(p, before, spec.font)
        for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
            run = etree.SubElement(p, _W["r"])
            run.append(runs.properties(spec.font, None))
            if kind == "instr":
                instr = _sub(run, "instrText")
                instr.text = text
                instr.set(_XML_SPACE, "preserve")
            elif kind == "text":
                _sub(run, "t").text = text
            else:
                _sub(run, "fldChar", fldCharType=kind)
        runs.add(p, after, spec.font)
        element.append(p)


# ---------------------------------------------------------------- paragraphs and tables


class _Writer:
    def __init__(self, document: DocumentObject) -> None:
        self.body = document.element.body
        self.runs = _Runs()

    def add(self, element: etree._Element) -> None:
        # Everything goes before the body's closing section properties.
        self.body.sectPr.addprevious(element)

    def paragraph(self, paragraph: Paragraph) -> None:
        base = FORMATS[paragraph.role]
        fmt = paragraph.fmt
        keep = fmt.keep_next if fmt.keep_next != base.keep_next else None
        p = _paragraph(STYLES[paragraph.role][0], keep_next=keep)
        for run in paragraph.runs:
            self.runs.add(p, run.text, run.font, run.style)
        self.add(p)

    def table(self, table: Table, flow: TableFlow) -> None:
        tbl = etree.Element(_W["tbl"])
        total = sum(_twips(w) for w in table.widths)
        pad = table.padding
        edges = ("top", "left", "bottom", "right", "insideH", "insideV")
        line = "single" if table.grid else "nil"
        borders = "".join(
            f'<w:{e} w:val="{line}" w:sz="{round(BORDER * 8)}" w:space="0" w:color="000000"/>' for e in edges
        )
        sides = ("top", "left", "bottom", "right")
        margins = "".join(f'<w:{side} w:w="{_twips(getattr(pad, side))}" w:type="dxa"/>' for side in sides)
        tbl.append(parse_xml(
            f'<w:tblPr {nsdecls("w")}><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{margins}</w:tblCellMar>"
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="0"/></w:tblPr>'
        ))
        grid = _sub(tbl, "tblGrid")
        widths = [_twips(w) for w in table.widths]
        for width in widths:
            _sub(grid, "gridCol", w=str(width))
        if table.header is not None:
            self._row(tbl, [(cell, None) for cell in table.header], widths, Role.TABLE_HEADING, header=True)
        for row in flow.rows:
            # A row that fills its page (`SetRow.fills`) at least that tall, less a point that
            # the program's rounding cannot push it on to the next page.
            height = _twips(row.height - 1) if row.fills else None
            self._row(tbl, _cells(table, row), widths, table.role, spans=row.spans, keep_next=row.keep_next,
                      height=height)
        self.add(tbl)

    def _row(self, tbl: etree._Element, cells: Sequence[tuple[Cell, str | None]], widths: Sequence[int],
             role: Role, *, header: bool = False, spans: Sequence[int] | None = None, keep_next: bool = False,
             height: int | None = None) -> None:
        """A row kept on its page (a row the layout breaks across pages comes as one row per
        page); a cell's first paragraph takes the style that marks it, if any."""
        tr = _sub(tbl, "tr")
        trpr = _sub(tr, "trPr")
        _sub(trpr, "cantSplit")
        if height is not None:
            _sub(trpr, "trHeight", val=str(height), hRule="atLeast")
        if header:
            _sub(trpr, "tblHeader")
        font = FORMATS[role].font
        for c, ((cell, mark), width) in enumerate(zip(cells, widths, strict=True)):
            span = spans[c] if spans is not None else 1
            tc = _sub(tr, "tc")
            tcpr = _sub(tc, "tcPr")
            _sub(tcpr, "tcW", w=str(width), type="dxa")  # children in the schema's order
            if span > 1:
                _sub(tcpr, "vMerge", val="restart")
            elif span == 0:
                _sub(tcpr, "vMerge")
            if cell.underline:
                edges = _sub(tcpr, "tcBorders")
                _sub(edges, "bottom", val="single", sz=str(round(BORDER * 8)), space="0", color="000000")
            _sub(tcpr, "vAlign", val="bottom" if cell.underline else "center")
            for index, line in enumerate(("" if span == 0 else cell.text).split("\n")):
                style = mark if mark is not None and index == 0 else STYLES[role][0]
                p = _paragraph(style, jc=cell.align, keep_next=True if keep_next else None)
                if line:
                    self.runs.add(p, line, font)
                tc.append(p)


def _cells(table: Table, row: SetRow) -> list[tuple[Cell, str | None]]:
    """A set row's cells as Word gets them, each with the style that marks it for the
    importer: a merged label set again at the top of a page (the same cell as the one above),
    the rest of a row broken across pages (its text goes on from the row above: within the
    paragraph, or as a paragraph of its own)."""
    cells: list[tuple[Cell, str | None]] = []
    for c, cell in enumerate(table.rows[row.row]):
        if c in row.labels:
            cells.append((replace(cell, text=row.labels[c]), marks.STYLE_TABLE_LABEL_REPEATED))
        elif c in row.parts:
            text, runs_on = row.parts[c]
            mark = None if not row.continued else (
                marks.STYLE_TABLE_TEXT_RUNS_ON if runs_on else marks.STYLE_TABLE_TEXT_GOES_ON)
            cells.append((replace(cell, text=text), mark))
        else:
            cells.append((cell, None))
    return cells


# ---------------------------------------------------------------- the document


def build_document(report: Report) -> tuple[DocumentObject, list[ExportNote]]:
    """The Word document for `report` and the notes of the export."""
    layout, notes = report_layout(report)
    flows = iter(typeset(layout, draw=False).tables)
    document = Document()
    _replace_parts(document, layout, report.comparator_style)
    _setup_styles(document)
    writer = _Writer(document)
    for index, section in enumerate(layout.sections):
        if index == 0:
            docx_section = document.sections[0]
            _page(docx_section, section.page, layout)
            _page_numbers(docx_section, layout, writer.runs)
        else:
            _page(document.add_section(WD_SECTION.NEW_PAGE), section.page, layout)
        for block in section.blocks:
            if isinstance(block, Table):
                writer.table(block, next(flows))
            else:
                writer.paragraph(block)
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
