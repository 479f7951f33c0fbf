"""Importing our Excel export, also after a reviewer changed it in a spreadsheet program."""

import io
from decimal import Decimal

import openpyxl
import pytest

from selfeval_gui.domain.findings import Table
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.importers import ImportFailed, import_report
from selfeval_gui.importers.excel import import_xlsx, number_text

D = Decimal


def _edited(report, edit) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)[0]))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("value", "percent", "text"),
    [(1075.37, False, "1075.37"), (1176.7299999999998, False, "1176.7299999999998"), (3, False, "3"),
     (1e-05, False, "0.00001"), (0.95, True, "95%"), (1, True, "100%"), (0.9694, True, "96.94%")],
)
def test_numbers_read_as_typed(value, percent, text):
    assert number_text(value, percent) == text


def test_a_figure_typed_over_a_formula_is_checked_and_noted(seed_report):
    def edit(workbook):
        workbook["预算信息"]["D6"] = 10  # 信息化维护费's 调整预算数 is 9.11

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report == seed_report
    notes = [n for n in result.notes if n.table is Table.BUDGET]
    assert len(notes) == 1 and notes[0].row == 3 and notes[0].column == "adjusted" and "9.11" in notes[0].message


def test_percentages_typed_in_the_spreadsheet_and_changed_amounts_are_read(seed_report):
    def edit(workbook):
        indicators = workbook["部门整体自评表"]
        indicators["E3"] = 0.95
        indicators["E3"].number_format = "0%"
        indicators["D3"] = ">=90%"  # typed as text by the reviewer
        workbook["预算信息"]["B6"] = 9.5

    report = import_xlsx(_edited(seed_report, edit)).report
    assert (report.indicators[0].target, report.indicators[0].actual) == (">=90%", "95%")
    assert report.budget.projects[0].initial == D("9.5")


def test_a_formula_typed_into_an_amount_without_a_computed_value_is_noted(seed_report):
    def edit(workbook):
        workbook["预算信息"]["E6"] = "=4+5.11"

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report.budget.projects[0].actual is None
    assert any("E6" in n.message and "公式" in n.message for n in result.notes)


def test_blank_rows_and_a_stray_space_far_below_add_nothing(seed_report):
    """Our own workbook is read exactly, a blank cell as a blank; yet a row with nothing in it
    (a spacer a reviewer typed, a space far below a table) is no row of the report."""

    def edit(workbook):
        for name in ("预算信息", "年度重点任务", "部门整体自评表"):
            sheet = workbook[name]
            sheet.cell(sheet.max_row + 2, 2, " ")
            sheet["A1048576"] = " "

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report == seed_report and result.notes == []


def test_a_renamed_sheet_is_found_by_its_header(seed_report):
    def edit(workbook):
        workbook["年度重点任务"].title = "表8"

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report.duties == seed_report.duties


def test_without_its_marks_the_workbook_is_read_like_a_typed_report(seed_report):
    seed_report.indicators[1].group = ""

    def edit(workbook):
        workbook.custom_doc_props.props.clear()

    result = import_xlsx(_edited(seed_report, edit))
    # A blank goal cell under a filled one continues it, as in a report typed by hand.
    assert result.report.indicators[1].group == "分解目标"
    exact = import_xlsx(xlsx_bytes(seed_report)[0])
    assert exact.report.indicators[1].group == ""


def test_a_workbook_that_is_not_ours_is_refused(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "工资表"
    path = tmp_path / "工资.xlsx"
    workbook.save(path)
    with pytest.raises(ImportFailed, match="找不到自评报告的表格"):
        import_report(path)


@pytest.mark.parametrize(("data", "message"), [(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel"),
                                                (b"not a workbook", "已损坏")])
def test_files_that_are_not_xlsx_get_a_chinese_reason(tmp_path, data, message):
    path = tmp_path / "报告.xlsx"
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=message):
        import_report(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_package_that_unpacks_to_far_more_than_a_report_is_refused(tmp_path, seed_report, monkeypatch, suffix):
    """A zip bomb would keep openpyxl or python-docx busy for minutes and gigabytes: both
    formats are measured before they are opened (here against a lowered bound)."""
    import selfeval_gui.importers
    from selfeval_gui.exporters import export_report

    path = tmp_path / f"报告{suffix}"
    export_report(seed_report, path)
    monkeypatch.setattr(selfeval_gui.importers, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(ImportFailed, match=r"解压后有 .* MB，超过了导入的上限"):
        import_report(path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(ImportFailed, match="找不到文件"):
        import_report(tmp_path / "没有.xlsx")


def test_rows_a_reviewer_added_to_the_overview_are_reported(seed_report):
    def edit(workbook):
        sheet = workbook["概况"]
        row = sheet.max_row + 1
        sheet.cell(row, 1, "备注")
        sheet.cell(row, 2, "请于5月底前上报")

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report == seed_report
    assert [n.message for n in result.notes] == ["概况表中 “备注” 不是自评报告的内容，未导入。"]


@pytest.mark.parametrize("typed", ["2024年", "２０２４", "2024年度", " 2024 "])
def test_a_year_a_reviewer_typed_is_read_as_the_editor_reads_it(seed_report, typed):
    def edit(workbook):
        workbook["概况"]["B5"] = typed

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report.year == 2024 and result.notes == []


def test_a_year_no_report_can_have_is_left_blank_with_a_note(seed_report):
    def edit(workbook):
        workbook["概况"]["B5"] = 1800

    result = import_xlsx(_edited(seed_report, edit))
    assert result.report.year is None
    assert [n.column for n in result.notes] == ["year"]
