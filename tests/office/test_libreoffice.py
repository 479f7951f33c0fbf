"""The exported Word and Excel files of the sample, opened and printed by LibreOffice: every
page A4, and the headings and figures a reader looks for present as text."""

import re
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest

from selfeval_gui.domain.compute import budget_table, rate_text
from selfeval_gui.domain.model import Budget, BudgetRow, Duty, KeyTask, Report
from selfeval_gui.exporters import export_report
from selfeval_gui.importers import import_report
from tests.long_report import long_report
from tests.office.libreoffice import resave, to_pdf, words

A4 = (595.3, 841.9)


def _is_a4(size):
    width, height = size
    return sorted((round(width, 1), round(height, 1))) == sorted(A4)


def _compact(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory, seed_import):
    folder = tmp_path_factory.mktemp("render")
    pdfs = {}
    for suffix in (".docx", ".xlsx"):
        path = folder / f"sample{suffix}"
        export_report(seed_import.report, path)
        pdfs[suffix] = to_pdf(path, folder / suffix[1:])
    return pdfs


def test_the_word_document_prints_on_a4_with_table_9_landscape(sample_pdfs):
    pages = sample_pdfs[".docx"].pages
    assert len(pages) >= 10 and all(_is_a4(p) for p in pages)
    portrait = [w < h for w, h in pages]
    # Text and tables 7, 8 portrait, then table 9 on landscape pages to the end.
    first_landscape = portrait.index(False)
    assert all(portrait[:first_landscape]) and not any(portrait[first_landscape:])


def test_the_word_document_shows_the_headings_and_figures(sample_pdfs):
    text = _compact(sample_pdfs[".docx"].text)
    for expected in (
        "苏州市市级预算部门（单位）整体支出预算绩效自评报告", "（2023年度）",
        "一、预算部门名称：苏州市红十字会", "五、部门（单位）整体支出绩效中存在问题及改进措施",
        "7、预算信息", "8、年度重点任务", "9、部门整体自评表",
        "预算总金额", "1075.37", "1176.73", "1140.78", "96.94%", "79.80%", "131.41%", "—1—",
    ):
        assert expected in text, expected
    assert "1176.7299999999998" not in text


def test_the_workbook_prints_on_a4_and_libreoffice_computes_its_formulas(sample_pdfs):
    pdf = sample_pdfs[".xlsx"]
    assert all(_is_a4(p) for p in pdf.pages)
    text = _compact(pdf.text)
    for expected in ("苏州市红十字会", "7、预算信息", "预算总金额", "1176.73", "96.94%", "292.99", "99.66%",
                     "部门整体自评表", "131.41%", "=100%"):
        assert expected in text, expected


def test_hostile_text_prints_as_typed_never_computed(tmp_path):
    formula = "=1111+2222"
    report = Report(
        city="苏州市", year=2024, department="@某局",
        duties=[Duty(text="+86 512", tasks=[KeyTask(name=formula, completion="-5+5" + "长" * 200)])],
    )
    for suffix in (".xlsx", ".docx"):
        path = tmp_path / f"hostile{suffix}"
        export_report(report, path)
        text = _compact(to_pdf(path, tmp_path / suffix[1:]).text)
        assert formula in text and "@某局" in text and "+86512" in text and "-5+5" in text
        assert "3333" not in text


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_file_resaved_by_libreoffice_imports_back_equal(tmp_path, seed_import, suffix):
    """A reviewer opens the export and saves it: LibreOffice rewrites the whole package (its
    own styles part, shared strings, computed values of the formulas); the report survives."""
    path = tmp_path / f"sample{suffix}"
    export_report(seed_import.report, path)
    resaved = resave(path, tmp_path)
    assert resaved.read_bytes() != path.read_bytes()
    result = import_report(resaved)
    assert result.report == seed_import.report
    assert result.notes == []


def test_an_amount_typed_as_a_formula_is_read_from_the_value_libreoffice_computed(tmp_path, seed_import):
    path = tmp_path / "sample.xlsx"
    export_report(seed_import.report, path)
    workbook = openpyxl.load_workbook(path)
    workbook["预算信息"]["E6"] = "=4+5.11"  # 信息化维护费's 实际支出数, typed as a sum
    workbook.save(path)
    result = import_report(resave(path, tmp_path))
    assert result.report.budget.projects[0].actual == Decimal("9.11")
    assert result.notes == []


@pytest.mark.parametrize("budget", [
    Budget(
        basic=BudgetRow(initial=Decimal(5), actual=Decimal("3.99")),
        projects_total=BudgetRow(initial=Decimal(2), adjustment=Decimal(-2), actual=Decimal(1)),
        projects=[
            BudgetRow(name="未支出", initial=Decimal(9)), BudgetRow(name="无预算", actual=Decimal(1)), BudgetRow(),
        ],
    ),
    Budget(basic=BudgetRow(initial=Decimal(5)), projects_total=BudgetRow(adjustment=Decimal(0))),
], ids=["each case", "nothing spent at all"])
def test_the_workbook_computes_the_rate_as_the_editor_and_word_show_it(tmp_path, budget):
    """执行率's formula, computed by LibreOffice, gives what `rate_text` gives: a percentage,
    `—`, or blank while nothing is spent."""
    path = tmp_path / "rates.xlsx"
    export_report(Report(budget=budget), path)
    sheet = openpyxl.load_workbook(resave(path, tmp_path), data_only=True)["预算信息"]
    computed = []
    for row in range(3, 3 + len(budget_table(budget))):
        value = sheet.cell(row, 6).value
        computed.append(f"{Decimal(str(value)) * 100:.2f}%" if isinstance(value, int | float) else value or "")
    assert computed == [rate_text(figures.actual, figures.adjusted) for figures in budget_table(budget)]


def _title_rows(sheet) -> list[str]:
    """The texts of the rows `sheet` prints at the top of each page (its print titles)."""
    first, last = (int(n) for n in re.findall(r"\d+", sheet.print_title_rows))
    return [str(cell.value) for row in sheet.iter_rows(min_row=first, max_row=last) for cell in row
            if isinstance(cell.value, str) and cell.value.strip()]


def test_every_printed_page_of_a_sheet_repeats_its_title_and_headings_and_has_all_its_columns(tmp_path):
    """A long report's workbook printed by LibreOffice: each sheet takes several pages, and each
    page holds the sheet's title and every column heading (the print titles), so no column is
    printed on a page of its own (fitted to the page's width) and no page lacks the headings."""
    path = tmp_path / "long.xlsx"
    export_report(long_report(), path)
    titles = {sheet.title: _title_rows(sheet) for sheet in openpyxl.load_workbook(path)}
    pdf = to_pdf(path, tmp_path / "xlsx")
    assert all(_is_a4(p) for p in pdf.pages)
    printed: dict[str, int] = {}
    for number in range(1, len(pdf.pages) + 1):
        page = words(pdf.path, number)
        text = _compact("".join(word.text for word in page))
        sheet = next((name for name, rows in titles.items() if rows[0] in text), None)
        assert sheet is not None, f"page {number} shows no sheet's title"
        printed[sheet] = printed.get(sheet, 0) + 1
        missing = [heading for heading in titles[sheet] if not Counter(_compact(heading)) <= Counter(text)]
        assert missing == [], (number, sheet)
    assert printed.keys() == titles.keys()
    assert all(printed[name] >= 2 for name in ("年度重点任务", "部门整体自评表")), printed
