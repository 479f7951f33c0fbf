"""Word reports (.docx): our own export, and last year's report as a clerk typed it.

Our export carries its marks (see `storage.office_marks`) and is read exactly: headings by
their styles, every cell as written. A report typed by hand is read by its words: the title
(`苏州市市级预算部门（单位）…`, on one line or two), the headings `一、预算部门名称：…` to
`六、…` (as paragraphs or inside a table), the tables found by their header rows wherever they
are (`7、预算信息`, `七、预算信息` or a title row inside the table), merged cells taken from
`w:vMerge` (python-docx would repeat a merged duty's text on every row it spans), blank and
repeated header rows skipped, `合计` read as the 预算总金额 row, full-width digits accepted.
What cannot be read is noted, never guessed at silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.layout import caption_unit
from selfeval_gui.domain.model import DEPARTMENT_HEADING, Section, Submission
from selfeval_gui.importers import (
    ImportFailed,
    ImportNote,
    ImportResult,
    beyond_limit,
    check_package,
    read_source,
)
from selfeval_gui.importers.assemble import (
    Cell,
    assemble,
    note_missing_tables,
    parse_title,
    parse_year,
    sections_text,
    year_of,
)
from selfeval_gui.importers.columns import Source, exact_rows, identify, what_else
from selfeval_gui.importers.forms import Forms
from selfeval_gui.importers.headings import section_heading
from selfeval_gui.importers.package import Package, drop
from selfeval_gui.importers.submission import read_submission
from selfeval_gui.storage import office_marks as marks

#: Word's tables have at most 63 columns; a wider span or indent is a damaged file.
MAX_COLUMNS = 63
# Limits (see `importers`): the document is read as a stream, one paragraph or table at a
# time, and refused as soon as it passes one.
#: XML elements of the document (runs, properties, cells …): the sample has 6,700.
MAX_ELEMENTS = 1_000_000
#: Table rows, all tables together: the sample has 71.
MAX_TABLE_ROWS = 5_000
#: Characters of text: the sample has some 20,000.
MAX_TEXT_CHARS = 2_000_000
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_SDT, _W_SDT_CONTENT, _W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_W_T, _W_TAB, _W_PTAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_W_NO_BREAK_HYPHEN, _W_VAL, _W_TYPE = qn("w:noBreakHyphen"), qn("w:val"), qn("w:type")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Subtrees whose text the reader does not see: deleted revisions, text boxes (and the old
#: drawing that repeats them), field codes, properties.
_HIDDEN = {
    qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), _MC_FALLBACK, qn("w:instrText"),
    qn("w:delText"), qn("w:pPr"), qn("w:rPr"), qn("w:fldData"),
}
_CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_W_STYLE, _W_NAME, _W_STYLE_ID = qn("w:style"), qn("w:name"), qn("w:styleId")
#: The relationship type of a document's styles part ends so.
_STYLES = "/styles"


# ---------------------------------------------------------------- reading the XML


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as Word shows it: tracked insertions in, deletions, field codes and
    text boxes out; tabs and line breaks kept."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _HIDDEN:
                continue
            if tag == _W_T:
                parts.append(child.text or "")
            elif tag in (_W_TAB, _W_PTAB):
                parts.append("\t")
            elif tag == _W_BR:
                if child.get(_W_TYPE) in (None, "textWrapping"):
                    parts.append("\n")
            elif tag == _W_CR:
                parts.append("\n")
            elif tag == _W_NO_BREAK_HYPHEN:
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _block_children(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or cell, looking through content controls."""
    for child in container:
        if child.tag in (_W_P, _W_TBL):
            yield child
        elif child.tag == _W_SDT:
            content = child.find(_W_SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag == _W_CUSTOM_XML:
            yield from _block_children(child)


def _row_children(container: etree._Element, tag: str) -> Iterator[etree._Element]:
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in (_W_SDT, _W_CUSTOM_XML):
            inner = child.find(_W_SDT_CONTENT) if child.tag == _W_SDT else child
            if inner is not None:
                yield from _row_children(inner, tag)


#: A document's style ids of our table marks (`office_marks.TABLE_MARK_NAMES`) → our ids.
Marks = dict[str, str]


def _cell_text(tc: etree._Element, table_marks: Marks) -> str:
    lines: list[str] = []
    for block in _block_children(tc):
        if block.tag == _W_P:
            lines.append(paragraph_text(block))
        else:
            lines.extend(cell or "" for row in table_grid(block, table_marks) for cell in row)
    return "\n".join(lines)


def _int_attr(parent: etree._Element | None, tag: str, default: int) -> int:
    element = parent.find(qn(tag)) if parent is not None else None
    value = element.get(_W_VAL) if element is not None else None
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _mark(tc: etree._Element, table_marks: Marks) -> str:
    """Which of our table marks the cell's first paragraph carries, if any."""
    p = tc.find(_W_P)
    style = _style_id(p) if p is not None else ""
    return table_marks.get(style, style)


def mark_styles(package: Package, part: str) -> Marks:
    """Our table marks as the document names them: by their ids, or by their names where a
    program that saved the file renamed the styles (a styles part it cannot read names none)."""
    names = {name: style for style, name in marks.TABLE_MARK_NAMES.items()}
    found = {style: style for style in marks.TABLE_MARK_NAMES}
    for rel in package.relationships(part):
        if not rel.type.endswith(_STYLES) or not package.has(rel.target):
            continue
        try:
            styles = package.xml(rel.target)
        except ImportFailed:
            return found
        for style in styles.iter(_W_STYLE):
            name = style.find(_W_NAME)
            style_id = style.get(_W_STYLE_ID)
            if name is not None and name.get(_W_VAL) in names and style_id:
                found[style_id] = names[name.get(_W_VAL, "")]
    return found


#: How the text of a cell our export marks as going on from the row above joins it.
_GOES_ON = {marks.STYLE_TABLE_TEXT_RUNS_ON: "", marks.STYLE_TABLE_TEXT_GOES_ON: "\n"}


def table_grid(tbl: etree._Element, table_marks: Marks | None = None) -> list[list[Cell]]:
    """The table as a grid: each position's text; `None` where a cell continues a vertical
    merge (or is a merged label our export set again at the top of a page); `""` where a cell
    spanning several columns continues, and where a row starts late. The rows our export
    wrote for the rest of a row broken across pages are joined to it."""
    known = table_marks if table_marks is not None else {style: style for style in marks.TABLE_MARK_NAMES}
    grid: list[list[Cell]] = []
    for tr in _row_children(tbl, _W_TR):
        row: list[Cell] = [""] * min(_int_attr(tr.find(qn("w:trPr")), "w:gridBefore", 0), MAX_COLUMNS)
        joins: list[str | None] = [None] * len(row)
        for tc in _row_children(tr, _W_TC):
            properties = tc.find(qn("w:tcPr"))
            span = min(max(_int_attr(properties, "w:gridSpan", 1), 1), MAX_COLUMNS)
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            continues = merge is not None and merge.get(_W_VAL, "continue") == "continue"
            h_merge = properties.find(qn("w:hMerge")) if properties is not None else None
            mark = _mark(tc, known)
            if h_merge is not None and h_merge.get(_W_VAL, "continue") == "continue":
                row.append("")
            else:
                row.append(None if continues or mark == marks.STYLE_TABLE_LABEL_REPEATED else _cell_text(tc, known))
            joins += [_GOES_ON.get(mark)] + [None] * (span - 1)
            row.extend([""] * (span - 1))
        if grid and any(join is not None for join in joins):
            above = grid[-1]
            for i, (text, join) in enumerate(zip(row, joins, strict=True)):
                if join is not None and text and i < len(above):
                    above[i] = f"{above[i] or ''}{join}{text}"
            continue
        grid.append(row)
    return grid


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str
    style: str


@dataclass(frozen=True, slots=True)
class _Table:
    grid: list[list[Cell]]


def _style_id(p: etree._Element) -> str:
    properties = p.find(qn("w:pPr"))
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    return style.get(_W_VAL, "") if style is not None else ""


_BLOCK_CONTAINERS = {_W_SDT, _W_SDT_CONTENT, _W_CUSTOM_XML}


def _body_level(element: etree._Element) -> bool:
    """Whether a paragraph or table is the body's own (maybe inside content controls), not
    one inside a table cell or a text box."""
    parent = element.getparent()
    while parent is not None and parent.tag in _BLOCK_CONTAINERS:
        parent = parent.getparent()
    return parent is not None and etree.QName(parent).localname == "body"


def _blocks(package: Package, part: str, table_marks: Marks) -> Iterator[_Paragraph | _Table]:
    """The body's paragraphs and tables in order, the document parsed as a stream: each block
    is read into text and dropped, so memory holds one block at a time. `ImportFailed` as
    soon as the document passes one of the limits."""
    elements = rows = chars = 0
    for _, element in package.iterparse(part):
        elements += 1
        if elements > MAX_ELEMENTS:
            raise beyond_limit(package.name, f"文档有超过 {MAX_ELEMENTS:,} 个格式元素", f"{MAX_ELEMENTS:,} 个")
        tag = element.tag
        if tag == _W_TR:
            rows += 1
            if rows > MAX_TABLE_ROWS:
                raise beyond_limit(package.name, f"文档的表格共有超过 {MAX_TABLE_ROWS:,} 行", f"{MAX_TABLE_ROWS:,} 行")
        if tag not in (_W_P, _W_TBL) or not _body_level(element):
            continue
        block = (_Paragraph(paragraph_text(element), _style_id(element)) if tag == _W_P
                 else _Table(table_grid(element, table_marks)))
        chars += len(block.text) if isinstance(block, _Paragraph) else sum(len(c or "") for r in block.grid for c in r)
        if chars > MAX_TEXT_CHARS:
            raise beyond_limit(package.name, f"文档有超过 {MAX_TEXT_CHARS:,} 个字", f"{MAX_TEXT_CHARS:,} 个字")
        drop(element)
        yield block


def custom_properties(package: Package) -> dict[str, str]:
    """docProps/custom.xml as name → text."""
    if not package.has("docProps/custom.xml"):
        return {}
    try:
        root = package.xml("docProps/custom.xml")
    except ImportFailed:
        return {}
    return {
        prop.get("name", ""): "".join(prop.itertext())  # type: ignore[arg-type]  # str from lxml; stubs say bytes too
        for prop in root.iter(f"{_CUSTOM_NS}property")
    }


# ---------------------------------------------------------------- what the document says


@dataclass(slots=True)
class _Found:
    city: str = ""
    year: int | None = None
    department: str = ""
    sections: dict[Section, list[str]] = field(default_factory=dict)
    rows: dict[Table, list[list[Cell]]] = field(default_factory=dict)
    notes: list[ImportNote] = field(default_factory=list)
    #: The project a project's form (项目支出绩效自评表) is about.
    project: str = ""
    submission: Submission | None = None

    def take_submission(self, grid: list[list[Cell]]) -> bool:
        """Read `grid` as the submission block (labels each followed by its value) if it is one."""
        pairs = [(row[i] or "", row[i + 1] or "") for row in grid for i in range(0, len(row) - 1, 2)]
        block = read_submission(pairs, self.notes)
        if block is not None:
            self.submission = block
        return block is not None


def _read_own(blocks: list[_Paragraph | _Table]) -> _Found:
    """Our export: headings are known by their styles, so body text that happens to begin
    with `三、` stays body text."""
    found = _Found()
    current: list[str] | None = None
    department_prefix = f"一、{DEPARTMENT_HEADING}："
    headings = {f"{s.numeral}、{s.heading}": s for s in Section}
    for block in blocks:
        if isinstance(block, _Table):
            table = identify(block.grid)
            if table is not None:
                found.rows.setdefault(table.table, []).extend(exact_rows(table, block.grid))
            else:
                found.take_submission(block.grid)
            current = None
            continue
        text, style = block.text, block.style
        if style == marks.STYLE_TITLE:
            found.city = parse_title(text.replace("\n", "")) or ""
        elif style == marks.STYLE_YEAR:
            found.year = parse_year(text)
        elif style == marks.STYLE_HEADING and text.startswith(department_prefix):
            found.department = text[len(department_prefix):].strip()
            current = None
        elif style == marks.STYLE_HEADING and text.strip() in headings:
            current = found.sections.setdefault(headings[text.strip()], [])
        elif style in (marks.STYLE_HEADING, marks.STYLE_TABLE_TITLE):
            current = None
        elif current is not None:
            current.append(text)
    return found


_TABLE_HEADING_RE = re.compile(
    r"^\s*(?:7|8|9|七|八|九)\s*(?:[、.．,，]|\s)?\s*(?:预算信息|年度重点任务|重点任务|部门整体自评表|整体自评表)"
)
_TITLE_CITY_RE = re.compile(r"^(?P<prefix>.*?)(?:预算部门|部门[（(]单位[）)]|部门整体)")
_LEVEL_SUFFIX_RE = re.compile(r"(?:市级|县级|区级|省级)$")
#: `2023年度部门整体支出绩效自评表`: a year before the title's words names no city.
_YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d{2}年度?")


def _title_city(title: str, notes: list[ImportNote]) -> str:
    match = _TITLE_CITY_RE.match(title)
    if match is None:
        notes.append(ImportNote("没有找到报告标题（……预算部门（单位）整体支出预算绩效自评报告），城市留空，请在概况中填写。",
                                Table.OVERVIEW, None, "city"))
        return ""
    prefix = _LEVEL_SUFFIX_RE.sub("", _YEAR_PREFIX_RE.sub("", match.group("prefix")))
    if not prefix:
        notes.append(ImportNote(f"标题中没有城市（“{title}”），城市留空，请在概况中填写。",
                                Table.OVERVIEW, None, "city"))
        return ""
    if prefix.endswith(("市", "县", "区", "州", "盟", "旗")):
        return prefix
    if "市" in prefix:
        city = prefix[: prefix.index("市") + 1]
        notes.append(ImportNote(f"标题中城市后还有其他文字（“{prefix}”），城市按“{city}”读入，请核对。",
                                Table.OVERVIEW, None, "city"))
        return city
    notes.append(ImportNote(f"无法从标题中认出城市（“{prefix}”），城市留空，请在概况中填写。",
                            Table.OVERVIEW, None, "city"))
    return ""


#: A title line has these words; other lines above the first heading are something else.
_TITLE_WORDS = ("预算部门", "自评报告", "整体支出", "绩效")


def _lines(blocks: list[_Paragraph | _Table], forms: Forms) -> Iterator[str | None]:
    """The text lines of a typed report in order, `None` where a table with data was (its
    blocks are taken aside, the texts of its head rows kept as lines); other tables (an
    overview laid out as a table) are read cell by cell as lines."""
    caption = ""
    tables = 0
    for block in blocks:
        if isinstance(block, _Paragraph):
            yield from block.text.split("\n")
            caption = block.text.strip() or caption
            continue
        tables += 1
        added = forms.add(block.grid, Source(f"第{tables}个表格"), caption_unit=caption_unit([caption]))
        caption = ""
        if added is not None:
            yield from added.head_texts
            yield None
            continue
        for row in block.grid:
            for cell in row:
                if cell:
                    yield from cell.split("\n")


def _read_typed(blocks: list[_Paragraph | _Table]) -> _Found:
    found = _Found()
    notes = found.notes
    forms = Forms(notes)
    blocks = [b for b in blocks if not (isinstance(b, _Table) and found.take_submission(b.grid))]
    title_lines: list[str] = []
    ignored: list[str] = []
    current: list[str] | None = None
    started = want_department = False
    seen_department = False
    for line in _lines(blocks, forms):
        if line is None or _TABLE_HEADING_RE.match(line):
            current, want_department = None, False
            started = True
            continue
        text = line.strip()
        if not text or caption_unit([text]):  # read with its table
            continue
        heading = section_heading(text)
        if heading is not None:
            section, rest = heading
            if section is None and not seen_department:
                seen_department = started = True
                found.department, want_department, current = rest, not rest, None
                continue
            if section is not None and section not in found.sections:
                started, want_department = True, False
                current = found.sections.setdefault(section, [])
                if rest:
                    current.append(rest)
                continue
        if want_department:
            found.department, want_department = text, False
        elif current is not None:
            current.append(text)
        elif not started:
            title_lines.append(text)
        else:
            ignored.append(text)

    title = "".join("".join(t.split()) for t in title_lines if any(w in t for w in _TITLE_WORDS))
    found.city = _title_city(title, notes)
    found.year = year_of("".join(title_lines))
    if found.year is None:
        notes.append(ImportNote("没有找到报告年度（如“（2023年度）”），年度留空，请在概况中填写。",
                                Table.OVERVIEW, None, "year"))
    extra = [t for t in title_lines if not any(w in t for w in _TITLE_WORDS) and year_of(t) is None]
    if extra:
        notes.append(ImportNote(f"标题下的文字未导入：{_quote(extra)}。", Table.OVERVIEW))
    if ignored:
        notes.append(ImportNote(f"以下文字不属于任何部分，未导入：{_quote(ignored)}。", Table.OVERVIEW))
    found.department = found.department or forms.department()
    if not found.department:
        notes.append(ImportNote("没有找到“一、预算部门名称”，部门名称留空，请补填。",
                                Table.OVERVIEW, None, "department"))
    forms.goals_text(found.sections)
    found.rows, found.project = forms.rows, forms.project
    return found


def _quote(texts: list[str], limit: int = 3) -> str:
    shown = "；".join(f"“{t if len(t) <= 30 else t[:30] + '……'}”" for t in texts[:limit])
    return shown + (f" 等 {len(texts)} 段" if len(texts) > limit else "")


# ---------------------------------------------------------------- import


_KIND = "Word 文档（.docx）"
#: Content types of a Word document's main part (document, template, with macros).
_WORD_TYPES = ("wordprocessingml.document.main", "wordprocessingml.template.main", "ms-word.document.macroEnabled",
               "ms-word.template.macroEnabled")


def _open(data: bytes, name: str) -> tuple[Package, str]:
    """The package and its main part, after refusing what is no Word document."""
    if data.startswith(_OLE_SIGNATURE):
        raise ImportFailed(
            f"无法导入“{name}”：这是旧版 Word（.doc）文件，或文件设置了打开密码。"
            "请在 Word 或 WPS 中取消密码并“另存为”Word 文档（.docx）后再导入。"
        )
    package = Package(check_package(data, name, _KIND), name, _KIND)
    part = package.main_part("word/document.xml")
    types = package.xml("[Content_Types].xml") if package.has("[Content_Types].xml") else None
    if types is None:
        raise package.damaged()
    declared = next((o.get("ContentType", "") for o in types.iter("{*}Override")
                     if o.get("PartName", "").lstrip("/") == part), "")
    if not any(kind in declared for kind in _WORD_TYPES):
        raise package.damaged()
    return package, part


def import_docx(data: bytes, name: str = "Word 文档") -> ImportResult:
    """Import a Word report from the bytes of a .docx file."""
    package, part = _open(data, name)
    properties = custom_properties(package)
    exact = marks.is_own_layout(properties)
    blocks = list(_blocks(package, part, mark_styles(package, part)))
    found = _read_own(blocks) if exact else None
    if found is None or not found.sections:
        # Typed by hand, or our export re-saved by a program that renamed its styles.
        exact = False
        try:
            found = _read_typed(blocks)
        except ImportFailed as exc:  # a table that cannot be read: say which file
            raise ImportFailed(f"无法导入“{name}”：{exc}") from None
    notes = found.notes
    if not found.sections and not found.rows:
        what = what_else([b.grid for b in blocks if isinstance(b, _Table)])
        if what is not None:
            raise ImportFailed(f"无法导入“{name}”：这是一份{what}，不是自评报告。请导入自评报告本身。")
        raise ImportFailed(
            f"“{name}”中找不到自评报告的结构（“二、年度履职目标完成情况”等标题和预算信息等表格），无法导入。"
        )
    sections = sections_text(found.sections, notes, exact=exact)
    note_missing_tables(found.rows, notes)
    report = assemble(
        city=found.city,
        year=found.year,
        department=found.department,
        sections=sections,
        rows=found.rows,
        notes=notes,
        exact=exact,
        comparator_style=marks.stated_comparator_style(properties) if exact else None,
        project=found.project,
    )
    if found.submission is not None:
        report.submission = found.submission
    return ImportResult(report, notes)


def import_docx_file(path: Path) -> ImportResult:
    return import_docx(read_source(path), path.name)
