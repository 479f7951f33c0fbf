"""Importing Word reports as clerks type them: built here with python-docx, not our exporter."""

import io
from decimal import Decimal

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from selfeval_gui.domain.findings import Table
from selfeval_gui.importers import ImportFailed, import_report
from selfeval_gui.importers.word import import_docx

D = Decimal


def _table(document, rows, merges=()):
    """A table as typed: `rows` of cell texts, then vertical merges (column, first, last)
    done the way Word does them (python-docx writes w:vMerge)."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for cells, values in zip((row.cells for row in table.rows), rows, strict=True):
        for cell, value in zip(cells, values, strict=False):
            cell.text = value
    for column, first, last in merges:
        table.cell(first, column).merge(table.cell(last, column))
    return table


def typed_report() -> bytes:
    """Last year's report as a clerk typed it in Word."""
    d = docx.Document()
    for line in ("苏州市市级预算部门（单位）", "整体支出预算绩效自评报告", "（２０２３年度）"):
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("")
    d.add_paragraph("一、预算部门名称：苏州市红十字会")
    d.add_paragraph("二、年度履职目标完成情况：")
    d.add_paragraph("　　2023年以来，红十字会推动各项工作取得新进展。")
    d.add_paragraph("　　（一）关注群众健康。一是增强应急救援能力。")
    d.add_paragraph("")
    d.add_paragraph("三、部门(单位)概况")
    d.add_paragraph("本单位为一级预算单位，有参公人员16人。")
    d.add_paragraph("四、部门（单位）整体支出绩效实现情况：全面实施预算绩效管理。")
    d.add_paragraph("五、部门（单位）整体支出绩效中存在问题及改进措施")
    d.add_paragraph("存在的问题：评价标准不明确。")
    d.add_paragraph("二、改进措施：进一步明确工作职责。")  # body text, not heading 二
    d.add_paragraph("六、绩效自评结果拟应用和公开情况")
    d.add_paragraph("将自评价结果作为编制预算的重要依据。")

    d.add_paragraph("七、预算信息")
    _table(d, [
        ["项目", "年初预算数(万元)", "上年结转及追加追减(万元)", "调整后预算数", "实际支出数", "执行率(%)"],
        ["基 本 支 出", "７８５．７２", "98.02", "883.74", "848.80", "96.05%"],
        ["项目支出", "289.65", "3.34", "292.99", "291.98", "99.66%"],
        ["", "", "", "", "", ""],
        ["信息化维护费", "9.11", "—", "9.11", "9.11", "100%"],
        ["物业管理费", "24.5", "/", "24.5", "24.5", "100.00%"],
        ["办公设备购置", "约5万", "", "5", "3.99", "79.80%"],
        ["合  计", "1,075.37", "101.36", "1176.7299999999998", "1140.78", "96.94%"],
    ])
    # Table 8: the title sits in the table's first row, a 序号 column, duties merged down.
    _table(d, [
        ["8、年度重点任务", "", "", ""],
        ["序号", "对应部门主要职责", "任务名称", "完成情况"],
        ["1", "宣传和推动无偿献血与造血干细胞捐献工作", "组织开展骨髓捐献者日活动", "新增采样入库2748人。"],
        ["2", "", "宣传无偿献血", "开展专项宣传活动7次。"],
        ["3", "组织开展群众性初级救护训练", "开展应急救护培训", "全年共培训19.7万人。"],
        ["4", "", "", ""],
    ], merges=[(1, 2, 3)])
    d.tables[-1].cell(0, 0).merge(d.tables[-1].cell(0, 3))

    d.add_paragraph("9、部门整体自评表")
    _table(d, [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成值来源", "偏差情况", "原因分析"],
        ["分解目标", "决策", "工作计划制定健全性", "健全", "健全", "部门预算公开", "0%", ""],
        ["", "", "绩效目标合理性", "合理", "较合理", "部门预算公开", "0%", ""],
        ["", "满意度", "公益性救护培训人员满意度", "≥９０％", "９５％", "2023年部门总结", "5.56%", ""],
        ["", "", "支持博爱家园建设，服务对象满意度", "≥85%", "90%", "2023年部门总结", "5.88%", ""],
        ["", "履职", "红十字应急救援队综合演练", "=2次", "1次", "2023年部门总结", "-50.00%", "天气原因取消一次。"],
    ], merges=[(0, 1, 5), (1, 1, 2), (1, 3, 4)])
    d.add_paragraph("填表人：张三    联系电话：12345678")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def typed():
    return import_docx(typed_report(), "2023年自评报告.docx")


def test_the_title_year_department_and_sections(typed):
    report = typed.report
    assert (report.city, report.year, report.department) == ("苏州市", 2023, "苏州市红十字会")
    overview = report.overview
    assert overview.goals == "2023年以来，红十字会推动各项工作取得新进展。\n（一）关注群众健康。一是增强应急救援能力。"
    assert overview.profile == "本单位为一级预算单位，有参公人员16人。"
    assert overview.performance == "全面实施预算绩效管理。"
    assert overview.problems == "存在的问题：评价标准不明确。\n二、改进措施：进一步明确工作职责。"
    assert overview.application == "将自评价结果作为编制预算的重要依据。"


def test_the_budget_table_with_fullwidth_digits_dashes_blank_rows_and_a_total_row(typed):
    budget = typed.report.budget
    assert (budget.basic.name, budget.basic.initial, budget.basic.adjustment) == ("基本支出", D("785.72"), D("98.02"))
    assert budget.projects_total.actual == D("291.98")
    assert [p.name for p in budget.projects] == ["信息化维护费", "物业管理费", "办公设备购置"]
    assert budget.projects[0].adjustment is None and budget.projects[1].adjustment is None
    assert budget.projects[2].initial is None  # “约5万” is no amount: left blank, and noted
    notes = [n for n in typed.notes if n.table is Table.BUDGET]
    unreadable = [n for n in notes if n.column == "initial"]
    assert len(unreadable) == 1 and "约5万" in unreadable[0].message and unreadable[0].row == 5
    # The stated total (合计) agrees with the computed one except for the float artefact.
    assert any("1176.7299999999998" in n.message for n in notes)


def test_a_merged_duty_is_one_duty_and_the_extra_column_and_blank_row_are_dropped(typed):
    duties = typed.report.duties
    assert [(d.text, [t.name for t in d.tasks]) for d in duties] == [
        ("宣传和推动无偿献血与造血干细胞捐献工作", ["组织开展骨髓捐献者日活动", "宣传无偿献血"]),
        ("组织开展群众性初级救护训练", ["开展应急救护培训"]),
    ]
    assert duties[0].tasks[1].completion == "开展专项宣传活动7次。"
    assert any("序号" in n.message for n in typed.notes if n.table is Table.TASKS)


def test_merged_groups_and_categories_and_fullwidth_targets(typed):
    indicators = typed.report.indicators
    assert [(i.group, i.category, i.name) for i in indicators] == [
        ("分解目标", "决策", "工作计划制定健全性"),
        ("分解目标", "决策", "绩效目标合理性"),
        ("分解目标", "满意度", "公益性救护培训人员满意度"),
        ("分解目标", "满意度", "支持博爱家园建设，服务对象满意度"),
        ("分解目标", "履职", "红十字应急救援队综合演练"),
    ]
    assert (indicators[2].target, indicators[2].actual) == ("≥90%", "95%")
    assert typed.report.comparator_style == "symbol"  # written back the way this template writes them
    assert indicators[4].reason == "天气原因取消一次。"
    # 较合理 misses 合理: the published 0% is recomputed, and the note says so.
    deviation = [n for n in typed.notes if n.table is Table.INDICATORS and n.column == "deviation"]
    assert len(deviation) == 1 and deviation[0].row == 1 and "未达到" in deviation[0].message


def test_text_outside_the_report_is_reported_not_dropped_silently(typed):
    ignored = [n.message for n in typed.notes if "未导入" in n.message and n.table is Table.OVERVIEW]
    assert len(ignored) == 1 and "填表人：张三" in ignored[0]


def test_an_overview_laid_out_as_a_table_with_the_heading_numbered_7_dot():
    d = docx.Document()
    d.add_paragraph("苏州市市级预算部门（单位）整体支出预算绩效自评报告（2022年度）")
    _table(d, [
        ["一、预算部门名称", "苏州市档案馆"],
        ["二、年度履职目标完成情况", "完成了档案数字化任务。\n开展了档案宣传。"],
        ["三、部门（单位）概况", "公益一类事业单位。"],
        ["四、部门（单位）整体支出绩效实现情况", "较好。"],
        ["五、部门（单位）整体支出绩效中存在问题及改进措施", "无。"],
        ["六、绩效自评结果拟应用和公开情况", "按规定公开。"],
    ])
    d.add_paragraph("7.预算信息")
    _table(d, [
        ["本年度预算资金（万元）", "年初预算数（万元）", "上年度结转及当年预算追加追减数（万元）",
         "调整预算数（万元）", "实际支出数（万元）", "执行率（%）"],
        ["预算总金额", "10", "", "10", "8", "80.00%"],
        ["基本支出", "6", "", "6", "5", "83.33%"],
        ["项目支出", "4", "", "4", "3", "75.00%"],
    ])
    buffer = io.BytesIO()
    d.save(buffer)
    result = import_docx(buffer.getvalue())
    report = result.report
    assert (report.city, report.year, report.department) == ("苏州市", 2022, "苏州市档案馆")
    assert report.overview.goals == "完成了档案数字化任务。\n开展了档案宣传。"
    assert report.overview.application == "按规定公开。"
    assert report.budget.basic.actual == D(5) and report.budget.projects == []
    assert not [n for n in result.notes if n.table is Table.BUDGET]
    assert {n.table for n in result.notes if "没有找到" in n.message} == {Table.TASKS, Table.INDICATORS}


def test_the_department_on_the_line_below_its_heading():
    d = docx.Document()
    for line in ("苏州市市级预算部门（单位）整体支出预算绩效自评报告", "（2023年度）", "一、预算部门名称",
                 "苏州市红十字会", "二、年度履职目标完成情况", "正文。"):
        d.add_paragraph(line)
    buffer = io.BytesIO()
    d.save(buffer)
    report = import_docx(buffer.getvalue()).report
    assert report.department == "苏州市红十字会" and report.overview.goals == "正文。"


def test_text_after_a_heading_and_a_space_is_kept():
    """A heading in other words, its text on the same line after a space: the text is the
    section's (it was dropped); the rest of a heading typed with a space in it is not."""
    d = docx.Document()
    for line in ("苏州市市级预算部门（单位）整体支出预算绩效自评报告", "（2023年度）",
                 "一、预算部门名称　苏州市红十字会", "三、单位概况　本单位为一级预算单位。",
                 "六、绩效自评结果应用 公开情况", "将结果作为编制预算的依据。"):
        d.add_paragraph(line)
    buffer = io.BytesIO()
    d.save(buffer)
    report = import_docx(buffer.getvalue()).report
    assert report.department == "苏州市红十字会"
    assert report.overview.profile == "本单位为一级预算单位。"
    assert report.overview.application == "将结果作为编制预算的依据。"


def test_a_document_that_is_no_report_is_refused(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于召开年度工作会议的通知")
    buffer = io.BytesIO()
    d.save(buffer)
    with pytest.raises(ImportFailed, match="找不到自评报告的结构"):
        import_docx(buffer.getvalue(), "通知.docx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Word"),
        (b"PK\x03\x04 not really a zip", "已损坏"),
        (b"", "已损坏"),
    ],
)
def test_files_that_are_not_docx_get_a_chinese_reason(tmp_path, data, message):
    path = tmp_path / "报告.docx"
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=message):
        import_report(path)


def test_a_workbook_renamed_to_docx_is_refused(tmp_path, seed_report):
    from selfeval_gui.exporters.excel import xlsx_bytes

    path = tmp_path / "报告.docx"
    path.write_bytes(xlsx_bytes(seed_report)[0])
    with pytest.raises(ImportFailed, match="不是 Word 文档"):
        import_report(path)


@pytest.mark.parametrize(("suffix", "advice"), [(".doc", "另存为"), (".wps", "WPS"), (".xls", ".xlsx")])
def test_old_formats_are_refused_with_what_to_do(tmp_path, suffix, advice):
    with pytest.raises(ImportFailed, match=advice):
        import_report(tmp_path / f"报告{suffix}")


def test_tracked_changes_and_field_codes_read_as_shown():
    d = docx.Document()
    d.add_paragraph("苏州市市级预算部门（单位）整体支出预算绩效自评报告（2023年度）")
    d.add_paragraph("一、预算部门名称：苏州市红十字会")
    p = d.add_paragraph("二、年度履职目标完成情况：")
    body = d.add_paragraph("完成")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body._p.append(docx.oxml.parse_xml(
        f'<w:del xmlns:w="{w}" w:id="1" w:author="a"><w:r><w:delText>删除的字</w:delText></w:r></w:del>'
    ))
    body._p.append(docx.oxml.parse_xml(
        f'<w:ins xmlns:w="{w}" w:id="2" w:author="a"><w:r><w:t>了任务</w:t></w:r></w:ins>'
    ))
    body._p.append(docx.oxml.parse_xml(f'<w:r xmlns:w="{w}"><w:instrText> PAGE </w:instrText></w:r>'))
    assert p is not None
    buffer = io.BytesIO()
    d.save(buffer)
    assert import_docx(buffer.getvalue()).report.overview.goals == "完成了任务"


def test_our_export_resaved_with_other_style_names_is_read_by_its_words(seed_report):
    """A program that renames the styles (WPS can; LibreOffice calls them Style1, Style2…)
    leaves the headings without their marks: the document is then read as a typed one, and
    still comes back whole, the rows broken across pages joined by the marks' names."""
    from selfeval_gui.exporters.word import docx_bytes
    from selfeval_gui.storage import office_marks as marks

    document = docx.Document(io.BytesIO(docx_bytes(seed_report)[0]))
    qn = docx.oxml.ns.qn
    renamed = (marks.STYLE_HEADING, marks.STYLE_TABLE_TITLE, marks.STYLE_TITLE, marks.STYLE_YEAR,
               *marks.TABLE_MARK_NAMES)
    assert document.element.body.xpath(f'.//w:pStyle[@w:val="{marks.STYLE_TABLE_TEXT_RUNS_ON}"]')
    for style in renamed:
        document.styles.element.xpath(f'w:style[@w:styleId="{style}"]')[0].set(qn("w:styleId"), style + "1")
        for p in document.element.body.xpath(f'.//w:pStyle[@w:val="{style}"]'):
            p.set(qn("w:val"), style + "1")
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_docx(buffer.getvalue())
    assert result.report == seed_report


@pytest.mark.parametrize(("layout", "exact"), [("1", True), ("2", True), ("3", False)])
def test_our_earlier_layouts_are_read_exactly_a_later_one_by_its_words(seed_report, layout, exact):
    import zipfile

    from selfeval_gui.exporters.word import docx_bytes
    from selfeval_gui.storage import office_marks as marks

    source = zipfile.ZipFile(io.BytesIO(docx_bytes(seed_report)[0]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/custom.xml":
                data = data.replace(f">{marks.LAYOUT_VERSION}<".encode(), f">{layout}<".encode())
                assert f">{layout}<".encode() in data
            target.writestr(info, data)
    assert marks.is_own_layout({marks.PROPERTY_GENERATOR: marks.GENERATOR, marks.PROPERTY_LAYOUT: layout}) == exact
    assert import_docx(buffer.getvalue()).report == seed_report


@pytest.mark.parametrize(("attribute", "value"), [("gridSpan", "1000000000"), ("gridBefore", "1000000000")])
def test_a_damaged_span_reads_no_wider_than_word_allows(attribute, value):
    """A span of a billion columns (a damaged or hostile file) is no billion-cell row."""
    from selfeval_gui.importers.word import MAX_COLUMNS, table_grid

    d = docx.Document()
    table = _table(d, [["年初预算数", "实际支出数"], ["1", "2"]])
    if attribute == "gridSpan":
        table.cell(1, 0)._tc.get_or_add_tcPr().append(docx.oxml.parse_xml(
            f'<w:gridSpan {docx.oxml.ns.nsdecls("w")} w:val="{value}"/>'))
    else:
        table.rows[1]._tr.get_or_add_trPr().append(docx.oxml.parse_xml(
            f'<w:gridBefore {docx.oxml.ns.nsdecls("w")} w:val="{value}"/>'))
    grid = table_grid(table._tbl)
    assert len(grid[1]) <= MAX_COLUMNS + 2  # the span or indent, and the row's two cells
