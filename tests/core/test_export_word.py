"""The Word export: the official layout, read back from the file's XML."""

import io
import zipfile
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn

from selfeval_gui.domain.model import Duty, Indicator, KeyTask, Report
from selfeval_gui.exporters.layout import report_layout, split_subheading
from selfeval_gui.exporters.typeset import typeset
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.importers.word import import_docx
from selfeval_gui.storage import office_marks as marks
from tests.long_report import long_report


@pytest.fixture(scope="module")
def seed_docx(seed_import):
    data, notes = docx_bytes(seed_import.report)
    return data, notes


@pytest.fixture(scope="module")
def seed_document(seed_docx):
    return docx.Document(io.BytesIO(seed_docx[0]))


def _texts(element):
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))]


def _style(p):
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def test_pages_are_a4_with_the_official_margins_and_table_9_landscape(seed_document):
    first, last = seed_document.sections[0], seed_document.sections[-1]
    assert len(seed_document.sections) == 2
    # Word's own A4: 11906 × 16838 twips.
    assert (first.page_width.twips, first.page_height.twips) == (11906, 16838)
    assert [round(m.mm) for m in (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)] == [
        37, 35, 28, 26,
    ]
    assert (last.page_width.twips, last.page_height.twips) == (16838, 11906)
    assert last.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    body = seed_document.element.body
    # Table 9 is the only table after the section break.
    break_paragraph = next(p for p in body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    later_tables = [t for t in break_paragraph.itersiblings() if t.tag == qn("w:tbl")]
    assert len(later_tables) == 1 and "指标名称" in "".join(_texts(later_tables[0])[:8])


def test_page_numbers_are_dashed_and_on_the_outer_side(seed_document):
    section = seed_document.sections[0]
    assert seed_document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer._element.find(qn("w:p"))
        assert p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == side
        assert p.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn(f"w:{side}")) == "280"  # one 4号 character
        assert "".join(t.text for t in p.iter(qn("w:instrText"))).strip() == "PAGE"
        text = "".join(t.text for t in p.iter(qn("w:t")))
        assert text == "— 1 —"
        fonts = p.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
        assert p.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "28"


def test_title_year_and_headings_in_order(seed_document, seed_import):
    paragraphs = [p for p in seed_document.element.body if p.tag == qn("w:p")]
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    styles = [_style(p) for p in paragraphs]
    assert texts[0] == "苏州市市级预算部门（单位）整体支出预算绩效自评报告" and styles[0] == marks.STYLE_TITLE
    # One line, as published: no break, and its 25 characters at their size and spacing fit
    # the 156 mm type area (2号 would not: 小二, set a little closer).
    title = paragraphs[0]
    assert title.findall(f".//{qn('w:br')}") == []
    rpr = title.find(f"{qn('w:r')}/{qn('w:rPr')}")
    size = int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2
    spacing = int(rpr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert size == 18 and -1.8 <= spacing < 0
    assert len(texts[0]) * (size + spacing) <= 156 * 72 / 25.4
    assert texts[1] == "（2023年度）" and styles[1] == marks.STYLE_YEAR
    headings = [t for t, s in zip(texts, styles, strict=True) if s in (marks.STYLE_HEADING, marks.STYLE_TABLE_TITLE)]
    assert headings == [
        "一、预算部门名称：苏州市红十字会",
        "二、年度履职目标完成情况",
        "三、部门（单位）概况",
        "四、部门（单位）整体支出绩效实现情况",
        "五、部门（单位）整体支出绩效中存在问题及改进措施",
        "六、绩效自评结果拟应用和公开情况",
        "7、预算信息",
        "8、年度重点任务",
        "9、部门整体自评表",
    ]
    # Section 二's text is split into its paragraphs, each a body paragraph.
    goals = seed_import.report.overview.goals.split("\n")
    start = texts.index("二、年度履职目标完成情况") + 1
    assert texts[start:start + len(goals)] == goals
    assert set(styles[start:start + len(goals)]) == {"Normal"}


def test_east_asian_fonts_are_explicit_on_styles_runs_and_defaults(seed_docx):
    archive = zipfile.ZipFile(io.BytesIO(seed_docx[0]))
    styles = archive.read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert "Theme" not in defaults and 'w:eastAsia="仿宋_GB2312"' in defaults
    assert 'w:eastAsia="zh-CN"' in defaults
    for style_id, font in (
        (marks.STYLE_TITLE, "方正小标宋简体"),
        (marks.STYLE_HEADING, "黑体"),
        ("Normal", "仿宋_GB2312"),
        (marks.STYLE_SUBHEADING_CHAR, "楷体_GB2312"),
    ):
        start = styles.index(f'w:styleId="{style_id}"')
        assert f'w:eastAsia="{font}"' in styles[start:styles.index("</w:style>", start)]
    document = archive.read("word/document.xml").decode()
    runs = document.count("<w:r>")
    assert runs > 100 and document.count("w:eastAsia=") >= runs - 10  # field-code runs aside
    assert 'w:ascii="Times New Roman"' in document
    fonts = archive.read("word/fontTable.xml").decode()
    for name, alternate in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        start = fonts.index(f'w:name="{name}"')
        assert f'<w:altName w:val="{alternate}"/>' in fonts[start:fonts.index("</w:font>", start)]


def test_body_is_3hao_fangsong_indented_two_characters_with_fixed_line_spacing(seed_document):
    normal = seed_document.styles["Normal"]
    assert normal.font.size.pt == 16
    pf = normal.paragraph_format
    assert pf.line_spacing.pt == pytest.approx(28.95) and pf.first_line_indent.pt == 32
    assert seed_document.styles["报告标题"].font.size.pt == 22
    assert seed_document.styles["一级标题"].font.size.pt == 16


def test_an_amount_converted_from_yuan_shows_two_decimals(seed_report):
    seed_report.budget.projects[0].initial = Decimal("9.11105")  # 91,110.50 元
    document = docx.Document(io.BytesIO(docx_bytes(seed_report)[0]))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[4] == ["信息化维护费", "9.11", "", "9.11", "9.11", "99.99%"]
    assert rows[1][1] == "1075.37"  # the total of the exact amounts (1075.37105), rounded once


def test_tables_have_borders_repeated_bold_headers_and_right_aligned_amounts(seed_document):
    tables = seed_document.element.body.findall(f".//{qn('w:tbl')}")
    assert len(tables) == 3
    for table in tables:
        borders = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        assert {b.tag.split("}")[1] for b in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
        first = table.find(qn("w:tr"))
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in first.iter(qn("w:r")))
    budget = docx.table.Table(tables[0], seed_document)
    rows = [[c.text for c in row.cells] for row in budget.rows]
    assert rows[1] == ["预算总金额", "1075.37", "101.36", "1176.73", "1140.78", "96.94%"]
    assert rows[4] == ["信息化维护费", "9.11", "", "9.11", "9.11", "100.00%"]
    assert rows[6][1] == "24.50"
    for cell in budget.rows[1].cells[1:]:
        assert cell.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def _vmerges(table, column):
    values = []
    for tr in table.findall(qn("w:tr"))[1:]:
        tc = tr.findall(qn("w:tc"))[column]
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        values.append(None if merge is None else merge.get(qn("w:val"), "continue"))
    return values


def _label_cells(table, column):
    """Each data row's (merge, style, text) in `column`."""
    cells = []
    for tr in table.findall(qn("w:tr"))[1:]:
        tc = tr.findall(qn("w:tc"))[column]
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        p = tc.find(qn("w:p"))
        text = "".join(t.text for t in tc.iter(qn("w:t")))
        cells.append((None if merge is None else merge.get(qn("w:val"), "continue"), _style(p), text))
    return cells


def _set_tables(document, report):
    """Tables 8 and 9 of the document, each with its layout and its rows as set on the pages."""
    layout, _ = report_layout(report)
    flows = typeset(layout, draw=False).tables
    tables = document.element.body.findall(f".//{qn('w:tbl')}")
    return list(zip(tables[1:3], layout.tables()[1:3], flows[1:3], strict=True))


def test_duty_group_and_category_cells_are_merged_down(seed_document, seed_import):
    """Merged down over their rows on each page; a label that goes on at the top of a new page
    is set again there, marked so that the importer reads it as the same cell."""
    report = seed_import.report
    repeated = 0
    for tbl, table, flow in _set_tables(seed_document, report):
        assert len(tbl.findall(qn("w:tr"))) == 1 + len(flow.rows)  # the header, then a row per set row
        for c in table.label_columns:
            for (merge, style, text), row in zip(_label_cells(tbl, c), flow.rows, strict=True):
                assert merge == {0: "continue", 1: None}.get(row.spans[c], "restart")
                if c in row.labels:
                    repeated += 1
                    assert style == marks.STYLE_TABLE_LABEL_REPEATED and text == row.labels[c]
                elif row.spans[c]:
                    assert (style, text) == (marks.STYLE_TABLE_TEXT, table.rows[row.row][c].text)
    assert repeated  # tables 8 and 9 both go on over pages
    categories = ["决策", "过程", "效益", "满意度", "履职"]
    indicators = seed_document.element.body.findall(f".//{qn('w:tbl')}")[2]
    for column, labels in ((0, ["分解目标"]), (1, categories)):
        own = [text for merge, style, text in _label_cells(indicators, column)
               if merge != "continue" and style == marks.STYLE_TABLE_TEXT]
        assert own == labels


@pytest.fixture(scope="module")
def long_docx():
    report = long_report()
    data, _ = docx_bytes(report)
    return report, docx.Document(io.BytesIO(data)), data


def test_every_row_is_kept_on_its_page_and_a_row_broken_across_pages_is_a_row_per_page(long_docx):
    report, document, _ = long_docx
    continued = 0
    for tbl, table, flow in _set_tables(document, report):
        rows = tbl.findall(qn("w:tr"))
        assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows)
        for tr, row in zip(rows[1:], flow.rows, strict=True):
            cells = tr.findall(qn("w:tc"))
            for c, tc in enumerate(cells):
                if c in table.label_columns:
                    continue
                text = "\n".join("".join(t.text for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p")))
                style = _style(tc.find(qn("w:p")))
                if row.continued:
                    continued += 1
                    runs_on = row.parts[c][1]
                    assert style == (marks.STYLE_TABLE_TEXT_RUNS_ON if runs_on else marks.STYLE_TABLE_TEXT_GOES_ON)
                if row.lines is not None:
                    assert text == row.parts[c][0]
                else:
                    assert text == table.rows[row.row][c].text
    assert continued


def test_rows_kept_together_ask_word_to_keep_them_with_the_next(long_docx):
    report, document, _ = long_docx
    kept = 0
    for tbl, _table, flow in _set_tables(document, report):
        for tr, row in zip(tbl.findall(qn("w:tr"))[1:], flow.rows, strict=True):
            keeps = {p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in tr.iter(qn("w:p"))}
            assert keeps == {row.keep_next}
            kept += row.keep_next
    assert kept


def test_a_report_with_rows_broken_across_pages_imports_back_as_it_was(long_docx):
    report, _, data = long_docx
    back = import_docx(data)
    assert back.report.duties == report.duties
    assert back.report.indicators == report.indicators
    assert back.notes == []


def test_marks_of_ambiguous_width_name_the_chinese_face_in_every_slot(seed_document):
    """“5·8”: LibreOffice sets a mark after a digit in the face of the run's Latin slot; the
    layout measures it in the Chinese face, as Word sets it."""
    runs = [r for r in seed_document.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    quoted = [r for r in runs if "".join(t.text for t in r.iter(qn("w:t"))) in ("“", "”")]
    assert quoted
    for run in quoted:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia")} <= {"仿宋_GB2312", "楷体_GB2312"}
    assert any("".join(t.text for t in r.iter(qn("w:t"))) == "5·8" for r in runs)


def test_the_file_carries_its_marks_and_no_template_leftovers(seed_docx):
    archive = zipfile.ZipFile(io.BytesIO(seed_docx[0]))
    names = set(archive.namelist())
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names
    custom = archive.read("docProps/custom.xml").decode()
    assert marks.PROPERTY_GENERATOR in custom and marks.PROPERTY_COMPARATOR_STYLE in custom
    core = archive.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "苏州市红十字会" in core
    assert "Macintosh" not in archive.read("docProps/app.xml").decode()


def test_the_seed_s_run_on_subheadings_are_set_as_body_text_with_a_note(seed_docx):
    notes = seed_docx[1]
    assert {n.column for n in notes} == {"goals", "performance"}
    assert all("句号" in n.message for n in notes)


@pytest.mark.parametrize(
    ("text", "heading", "rest"),
    [
        ("（一）加强预算管理", "（一）加强预算管理", ""),
        ("（二）加强预算管理。一是完善制度。", "（二）加强预算管理。", "一是完善制度。"),
        ("（三）存在的问题：一是评价标准不明确。", "（三）存在的问题：", "一是评价标准不明确。"),
    ],
)
def test_a_subheading_is_the_phrase_up_to_its_stop(text, heading, rest):
    sub = split_subheading(text)
    assert (sub.heading, sub.rest) == (heading, rest)


@pytest.mark.parametrize(
    "text",
    [
        "（一）关注群众健康，救援救护守护公共安全坚持围绕全市经济社会发展大局，做强红十字会主责主业。",
        "（一）全面实施预算项目绩效目标管理一是将部门预算项目全面纳入绩效管理。",
        "一是增强应急救援能力。",
    ],
)
def test_no_subheading_is_guessed_where_its_end_cannot_be_told(text):
    assert split_subheading(text) is None


def test_subheadings_are_set_in_kaiti(tmp_path):
    report = Report(city="苏州市", year=2024, department="某局")
    report.overview.goals = "（一）加强预算管理。一是完善制度。"
    data, notes = docx_bytes(report)
    document = docx.Document(io.BytesIO(data))
    p = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert [r.text for r in p.runs] == ["（一）加强预算管理。", "一是完善制度。"]
    assert p.runs[0].style.name == "二级标题"
    assert p.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert p.runs[1]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert notes == []


def test_an_empty_report_exports(tmp_path):
    data, _ = docx_bytes(Report())
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[1].text == "（    年度）"
    assert len(document.tables) == 3


def test_a_single_task_duty_and_distinct_neighbour_groups_are_not_merged():
    report = Report(
        duties=[Duty(text="甲", tasks=[KeyTask(name="一")]), Duty(text="甲", tasks=[KeyTask(name="二")])],
        indicators=[Indicator(group="A", category="决策"), Indicator(group="B", category="决策")],
    )
    document = docx.Document(io.BytesIO(docx_bytes(report)[0]))
    tasks, indicators = document.element.body.findall(f".//{qn('w:tbl')}")[1:]
    assert _vmerges(tasks, 0) == [None, None]  # equal texts, two duties
    assert _vmerges(indicators, 1) == [None, None]  # equal 类别 in different goal groups
