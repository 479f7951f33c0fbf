"""The Word export printed by LibreOffice against the pages the layout typeset, and the PDF
export beside it, for the sample and for a long report: the same pages with the same text,
merged labels at the top of the pages that continue them, a table's last page with more than
its last row; project names on one line, table 9 landscape, the submission block last; the
PDF's fonts embedded and its text searchable as typed."""

from __future__ import annotations

import datetime
import re
import subprocess
from collections import Counter

import pytest

from selfeval_gui.cli import main
from selfeval_gui.domain.model import Section, Submission
from selfeval_gui.exporters.layout import report_layout
from selfeval_gui.exporters.typeset import typeset
from selfeval_gui.storage.projectfile import save_report
from tests.long_report import long_report
from tests.office.libreoffice import to_pdf, words

#: Closing marks that hang past a line's end: LibreOffice prints them but leaves some out of
#: the PDF's text.
HANGING = "，。、；：？！"
SUBMISSION = Submission(unit="苏州市红十字会", head="张三", finance_head="李四", preparer="王五",
                        phone="0512-65230000", date=datetime.date(2024, 3, 15))


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace() and ch not in HANGING)


def _exported(report, folder):
    """`report` exported to Word and PDF by the command line, its layout typeset, and the Word
    file printed by LibreOffice."""
    project = folder / "report.jxzp"
    save_report(report, project)
    docx, pdf = folder / "report.docx", folder / "report.pdf"
    assert main(["export", str(project), "--docx", str(docx), "--pdf", str(pdf)]) == 0
    layout, _ = report_layout(report)
    return report, layout, typeset(layout), to_pdf(docx, folder / "lo"), pdf


@pytest.fixture(scope="module")
def sample(tmp_path_factory, seed_import, qapp):  # the editor's application, as the other GUI tests share it
    report = seed_import.report.model_copy(deep=True)
    report.submission = SUBMISSION
    return _exported(report, tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def long(tmp_path_factory, qapp):
    """The long report (tests/long_report.py): rows taller than a page, rows broken to fill one,
    labels set again over a few lines."""
    return _exported(long_report(), tmp_path_factory.mktemp("long"))


def _submission_squeezed(report, indicator: int, moved: bool):
    """`report` with its submission block, the reason of its indicator `indicator` made long
    enough that the block no longer fits under table 9: table 9's last row breaks, its last
    lines going on to the block's page, or (`moved`) its last rows go there whole."""
    report.submission = SUBMISSION
    corpus = "".join(task.completion for duty in report.duties for task in duty.tasks)
    for length in range(0, 400, 10):
        report.indicators[indicator].reason = corpus[:length]
        rows = typeset(report_layout(report)[0]).tables[2].rows
        if any(row.fills for row in rows) and rows[-1].continued != moved:
            return report
    pytest.fail("no reason length leaves the submission block without room under table 9")


@pytest.fixture(scope="module")
def tight(tmp_path_factory, seed_import, qapp):
    report = _submission_squeezed(seed_import.report.model_copy(deep=True), -1, moved=False)
    return _exported(report, tmp_path_factory.mktemp("tight"))


@pytest.fixture(scope="module")
def moved(tmp_path_factory, seed_import, qapp):
    report = _submission_squeezed(seed_import.report.model_copy(deep=True), -6, moved=True)
    return _exported(report, tmp_path_factory.mktemp("moved"))


def _page_text(pdf, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("document", ["sample", "long", "tight", "moved"])
def test_libreoffice_breaks_every_page_where_the_layout_does(document, request):
    _, _, result, word, pdf = request.getfixturevalue(document)
    assert len(word.pages) == len(result.pages)
    for box in result.pages:
        typeset_text = "".join("".join(p.text for p in line.pieces()) for line in box.lines)
        assert _chars(_page_text(word.path, box.number)) == _chars(typeset_text), f"page {box.number}"
        assert _chars(_page_text(pdf, box.number)) == _chars(typeset_text), f"page {box.number}"


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_merged_label_is_shown_on_each_page_that_continues_it(document, request):
    """At the top of each page a table goes on to, in the Word file as LibreOffice prints it
    and in the PDF: the label set again (shortened where its rows there are not as tall), above
    the rest of a row broken across the pages as above a whole row."""
    _, layout, result, word, pdf = request.getfixturevalue(document)
    seen = 0
    for table, flow in zip(layout.tables(), result.tables, strict=True):
        if not table.label_columns:
            continue
        assert flow.page_starts()
        edges = table.edges(result.pages[flow.rows[0].page - 1].page.left)
        for row in flow.page_starts():
            page_rows = [r for r in flow.rows if r.page == row.page]
            for path in (word.path, pdf):
                found = words(path, row.page)
                for column in table.label_columns:
                    label = re.sub(r"\s+", "", row.labels.get(column, table.rows[row.row][column].text))
                    merged = page_rows[: row.spans[column]]
                    shown = "".join(w.text for w in found if edges[column] <= w.x < edges[column + 1]
                                    and merged[0].top - 2 <= w.y < merged[-1].top + merged[-1].height)
                    assert label[:4] in shown, (path.name, row.page, label[:10])
                    seen += 1
    assert seen


@pytest.mark.parametrize("document", ["sample", "long"])
def test_a_table_ends_on_a_page_with_more_than_its_last_row(document, request):
    """The last page of a table that takes several shows (the end of) the row before its last,
    in the Word file as LibreOffice prints it and in the PDF."""
    _, layout, result, word, pdf = request.getfixturevalue(document)
    for table, flow in zip(layout.tables(), result.tables, strict=True):
        last_page = flow.rows[-1].page
        if last_page == flow.rows[0].page or flow.rows[-1].continued:
            continue  # on one page, or a last row too tall for one
        before = [r for r in flow.rows if r.page == last_page][-2]
        assert before.row == len(table.rows) - 2
        last_column = len(table.widths) - 1
        text = before.parts[last_column][0] if before.lines else table.rows[before.row][last_column].text
        for path in (word.path, pdf):
            assert re.sub(r"\s+", "", text)[-6:] in re.sub(r"\s+", "", _page_text(path, last_page)), path.name


def test_each_project_name_is_on_one_line(sample):
    report, _layout, result, word, _ = sample
    number = next(box.number for box in result.pages if any(line.text.chars == "预算总金额" for line in box.lines))
    found = {w.text for page in (number, number + 1) for w in words(word.path, page)}
    for project in report.budget.projects:
        assert project.name in found, project.name


def test_table_9_prints_on_landscape_pages_in_both(sample):
    _, _, result, word, pdf = sample
    expected = [box.page.landscape for box in result.pages]
    assert [w > h for w, h in word.pages] == expected
    info = subprocess.run(["pdfinfo", "-l", "-1", str(pdf)], check=True, capture_output=True, text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    assert [w > h for w, h in sizes] == expected
    assert all(sorted((round(w), round(h))) == [595, 842] for w, h in sizes)  # A4


def test_the_pdf_has_the_pages_of_the_word_document_its_fonts_embedded(sample):
    _, _, result, word, pdf = sample
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert abs(pages - len(word.pages)) <= 1 and pages == len(result.pages)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        name, emb, sub = line.split()[0], line.split()[-5], line.split()[-4]
        assert (emb, sub) == ("yes", "yes") and re.match(r"[A-Z]{6}\+", name), line


def test_the_pdf_text_holds_every_heading_and_indicator_name_as_typed(sample):
    report, _, _, _, pdf = sample
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]  # no radicals for 门, 十, 支
    headings = ["苏州市市级预算部门（单位）整体支出预算绩效自评报告", "（2023年度）",
                "一、预算部门名称：苏州市红十字会", *(f"{s.numeral}、{s.heading}" for s in Section),
                "7、预算信息", "8、年度重点任务", "9、部门整体自评表"]
    for heading in headings:
        assert heading in flat, heading
    for indicator in report.indicators:
        assert re.sub(r"\s+", "", indicator.name) in flat, indicator.name
    for figure in ("1075.37", "1176.73", "96.94%", "131.41%", "—1—"):
        assert figure in flat


@pytest.mark.parametrize("document", ["sample", "tight", "moved"])
def test_the_submission_block_closes_both_documents_on_the_page_of_table_9s_end(document, request):
    report, _, result, word, pdf = request.getfixturevalue(document)
    last = len(result.pages)
    last_row = result.tables[2].rows[-1]  # all of table 9's last row, or its last lines
    end = max((text for text, _ in last_row.parts.values()), key=len) if last_row.parts else report.indicators[-1].name
    end = re.sub(r"\s+", "", end)
    for path in (word.path, pdf):
        text = re.sub(r"\s+", "", _page_text(path, last))
        assert end in text, (path.name, end)
        for expected in ("填报单位（盖章）", "苏州市红十字会", "单位负责人", "张三", "财务负责人", "李四",
                         "填报人", "王五", "联系电话", "0512-65230000", "填报日期", "2024年3月15日"):
            assert expected in text, (path.name, expected)
