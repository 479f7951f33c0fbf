"""The Excel export: sheets, formulas, formats, merges and print setup, read back from the file."""

import io
import re
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest

from selfeval_gui.domain.model import BudgetRow, Duty, Indicator, KeyTask, Report
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.storage import office_marks as marks

D = Decimal
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def seed_xlsx(seed_import):
    return xlsx_bytes(seed_import.report)


@pytest.fixture(scope="module")
def workbook(seed_xlsx):
    return openpyxl.load_workbook(io.BytesIO(seed_xlsx[0]))


def test_one_sheet_per_part(workbook, seed_xlsx):
    assert workbook.sheetnames == ["概况", "预算信息", "年度重点任务", "部门整体自评表"]
    assert seed_xlsx[1] == []


def test_the_budget_sheet_computes_with_real_formulas(workbook, seed_import):
    sheet = workbook["预算信息"]
    assert [c.value for c in sheet[2]] == [
        "本年度预算资金（万元）", "年初预算数（万元）", "上年度结转及当年预算追加追减数（万元）",
        "调整预算数（万元）", "实际支出数（万元）", "执行率（%）",
    ]
    assert [sheet.cell(3, c).value for c in range(1, 7)] == [
        "预算总金额", "=B4+B5", "=C4+C5", "=B3+C3", "=E4+E5", '=IF(COUNT(E4:E5)=0,"",IF(D3=0,"—",E3/D3))',
    ]
    assert sheet["A4"].value == "基本支出" and sheet["A5"].value == "项目支出"
    assert (sheet["B4"].value, sheet["C4"].value, sheet["E4"].value) == (785.72, 98.02, 848.8)
    assert sheet["D6"].value == "=B6+C6" and sheet["C6"].value is None  # a blank 追加追减 stays blank
    last = 3 + 2 + len(seed_import.report.budget.projects)
    assert sheet.max_row == last and sheet[f"A{last}"].value == "专设机构工作经费"
    for cell in ("B3", "D3", "E7"):
        assert sheet[cell].number_format == "0.00"
    assert sheet["F3"].number_format == "0.00%"
    assert sheet["B4"].alignment.horizontal == "right"


def test_the_task_sheet_merges_each_duty_over_its_tasks(workbook, seed_import):
    sheet = workbook["年度重点任务"]
    merged = sorted(str(r) for r in sheet.merged_cells.ranges if r.min_col == 1 and r.min_row > 1)
    expected, row = [], 3
    for duty in seed_import.report.duties:
        if len(duty.tasks) > 1:
            expected.append(f"A{row}:A{row + len(duty.tasks) - 1}")
        row += len(duty.tasks)
    assert merged == sorted(expected)
    assert sheet["B3"].value == seed_import.report.duties[0].tasks[0].name


def test_the_indicator_sheet_merges_groups_and_categories_and_keeps_targets_as_text(workbook, seed_import):
    sheet = workbook["部门整体自评表"]
    indicators = seed_import.report.indicators
    assert "A3:A47" in {str(r) for r in sheet.merged_cells.ranges}
    assert "B3:B8" in {str(r) for r in sheet.merged_cells.ranges}  # 决策, six rows
    row = 3 + [i.name for i in indicators].index("绩效管理覆盖率")
    assert sheet.cell(row, 4).value == "=100%" and sheet.cell(row, 4).data_type == "s"
    assert sheet.cell(row, 7).value == "0.00%"
    assert sheet.cell(3 + 31, 7).value == "131.41%"


def test_print_setup_is_a4_fitting_the_width_with_repeated_titles(workbook):
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows in ("$1:$2", "$1:$3")
        assert sheet.freeze_panes is not None
    assert workbook["部门整体自评表"].page_setup.orientation == "landscape"
    assert workbook["概况"].freeze_panes == "A4"


def test_wrapped_text_gets_rows_tall_enough(workbook):
    sheet = workbook["概况"]
    heights = {row: sheet.row_dimensions[row].height for row in range(4, sheet.max_row + 1)}
    long_row = max((r for r in heights if heights[r]), key=heights.get)
    assert len(sheet.cell(long_row, 2).value) > 800 and heights[long_row] > 250
    assert all(h is None or h <= 409 for h in heights.values())
    # Rows of one line keep the default height; their text fits it.
    assert heights[4] is None and sheet["B4"].value == "苏州市"
    assert all(sheet.cell(r, 2).alignment.wrap_text for r in heights)


def test_the_overview_sheet_holds_the_fields_and_a_paragraph_per_row(workbook, seed_import):
    sheet = workbook["概况"]
    report = seed_import.report
    assert sheet["A1"].value == report.title and sheet["A2"].value == "（2023年度）"
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in (4, 5, 6)] == [
        ("城市", "苏州市"), ("年度", 2023), ("一、预算部门名称", "苏州市红十字会"),
    ]
    goals = report.overview.goals.split("\n")
    assert sheet["A7"].value == "二、年度履职目标完成情况"
    assert [sheet.cell(7 + i, 2).value for i in range(len(goals))] == goals
    assert f"A7:A{6 + len(goals)}" in {str(r) for r in sheet.merged_cells.ranges}


def test_hostile_text_is_never_a_formula_in_the_file():
    hostile = ["=SUM(A1:A9)", "+86 512 0000", "-", "@x", "=HYPERLINK(\"http://x\")", "#N/A", "=1+1"]
    report = Report(
        city="=cmd|' /C calc'!A0",
        department="@SUM(1)",
        budget={"projects": [BudgetRow(name=h) for h in hostile]},
        duties=[Duty(text=hostile[0], tasks=[KeyTask(name=h, completion=h) for h in hostile])],
        indicators=[Indicator(group=h, category=h, name=h, target=h, actual=h, source=h, reason=h) for h in hostile],
    )
    data, _ = xlsx_bytes(report)
    archive = zipfile.ZipFile(io.BytesIO(data))
    formulas = []
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            root = ElementTree.fromstring(archive.read(name))
            formulas += [f.text for f in root.iter(f"{SHEET_NS}f")]
    # Only the budget sheet's own arithmetic: adjusted, rate, and the total row.
    own = re.compile(r'[BCDE]\d+\+[BCE]\d+|IF\(COUNT\(E\d+(:E\d+)?\)=0,"",IF\(D\d+=0,"—",E\d+/D\d+\)\)')
    assert len(formulas) == 2 * (3 + len(hostile)) + 3
    assert all(own.fullmatch(f) for f in formulas)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    tasks = workbook["年度重点任务"]
    assert [tasks.cell(r, 2).value for r in range(3, 3 + len(hostile))] == hostile
    assert all(tasks.cell(r, 2).data_type == "s" for r in range(3, 3 + len(hostile)))
    assert tasks["B3"].quotePrefix and tasks["B4"].quotePrefix and not tasks["B8"].quotePrefix
    assert workbook["概况"]["B4"].value == "=cmd|' /C calc'!A0"


def test_amounts_beyond_excel_precision_and_over_long_cells_are_noted():
    report = Report(
        budget={"basic": BudgetRow(name="基本支出", initial="123456789012.123456")},
        duties=[Duty(text="职", tasks=[KeyTask(name="任务", completion="长" * 40000)])],
    )
    data, notes = xlsx_bytes(report)
    messages = [n.message for n in notes]
    assert any("18 位有效数字" in m for m in messages)
    assert any("40000 字" in m and "32767" in m for m in messages)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert len(workbook["年度重点任务"]["C3"].value) == 32767


def test_the_workbook_carries_its_marks_and_recalculates_on_opening(workbook):
    properties = {p.name: p.value for p in workbook.custom_doc_props}
    assert properties[marks.PROPERTY_LAYOUT] == marks.LAYOUT_VERSION
    assert properties[marks.PROPERTY_COMPARATOR_STYLE] == "ascii"
    assert workbook.calculation.fullCalcOnLoad
    assert workbook.properties.creator == "苏州市红十字会"


# ---------------------------------------------------------------- 上年对照


def test_a_report_made_from_last_years_gets_a_reference_sheet_after_the_official_ones(seed_report):
    from selfeval_gui.domain.nextyear import next_year_report
    from selfeval_gui.exporters.excel import REFERENCE_TITLE

    report = next_year_report(seed_report)
    report.budget.basic.initial = D("800")
    report.budget.basic.actual = D("790.5")
    report.indicators[31].actual = "150%"
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)[0]))
    assert workbook.sheetnames == ["概况", "预算信息", "年度重点任务", "部门整体自评表", "上年对照"]
    # the official tables hold this year only
    official = [c.value for s in workbook.worksheets[:4] for row in s.iter_rows() for c in row]
    assert not {"1140.78", "848.8", "231.41%", "小血滴献血宣传项目"} & {str(v)[:9] for v in official}
    sheet = workbook["上年对照"]
    assert sheet["A1"].value == REFERENCE_TITLE
    # this year's figures come from the 预算信息 sheet, row for row; last year's are values
    assert [sheet.cell(4, c).value for c in range(1, 8)] == [
        "基本支出", "=IF('预算信息'!D4=\"\",\"\",'预算信息'!D4)", "=IF('预算信息'!E4=\"\",\"\",'预算信息'!E4)",
        "=IF('预算信息'!F4=\"\",\"\",'预算信息'!F4)", 883.74, 848.8, '=IF(COUNT(F4)=0,"",IF(E4=0,"—",F4/E4))',
    ]
    assert (sheet["E3"].value, sheet["F3"].value) == (1176.73, 1140.78)
    assert sheet["G3"].number_format == "0.00%"
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    row = rows["非税收入预算完成率"]
    assert [sheet.cell(row, c).value for c in range(2, 8)] == [
        ">=100%", "150%", "50.00%", ">=100%", "231.41%", "131.41%",
    ]
    # a row added this year has nothing beside it
    report.budget.projects.append(BudgetRow(name="新项目", initial=D(1)))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)[0]))["上年对照"]
    assert [sheet.cell(3 + 3 + len(report.budget.projects) - 1, c).value for c in (1, 5, 6, 7)] == [
        "新项目", None, None, None,
    ]


def test_the_reference_sheet_is_optional_and_absent_without_a_reference(seed_report):
    from selfeval_gui.domain.nextyear import next_year_report

    report = next_year_report(seed_report)
    assert "上年对照" not in openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report, reference=False)[0])).sheetnames
    assert "上年对照" not in openpyxl.load_workbook(io.BytesIO(xlsx_bytes(seed_report)[0])).sheetnames


def test_importing_a_workbook_with_the_reference_sheet_reads_the_report_only(seed_report):
    from selfeval_gui.domain.nextyear import next_year_report
    from selfeval_gui.importers.excel import import_xlsx

    report = next_year_report(seed_report)
    result = import_xlsx(xlsx_bytes(report)[0])
    assert result.notes == []
    assert result.report.budget.basic.name == "基本支出" and result.report.indicators[0].target == "健全"
    assert result.report.overview.profile == report.overview.profile


def test_an_amount_converted_from_yuan_is_exact_in_the_cell_and_shows_two_decimals(seed_report):
    seed_report.budget.projects[0].initial = Decimal("9.11105")  # 91,110.50 元
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(seed_report)[0]))[marks.SHEET_BUDGET]
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "信息化维护费")
    assert Decimal(str(cell.value)) == Decimal("9.11105") and cell.number_format == "0.00"
