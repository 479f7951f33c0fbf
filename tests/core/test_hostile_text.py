"""Hostile text in every field exports to Word and Excel without a crash and without a formula."""

import io
import zipfile
from xml.etree import ElementTree

import docx
import openpyxl
import pytest

from selfeval_gui.domain.model import Budget, BudgetRow, Duty, Indicator, KeyTask, Report
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.importers.word import table_grid

HOSTILE = {
    "formula": "=SUM(A1:A9)",
    "plus": "+86 0512 6666",
    "minus": "-",
    "at": "@cmd",
    "error": "#DIV/0!",
    "dde": "=cmd|' /C calc'!A0",
    "emoji": "完成😀👍🏻🇨🇳",
    "rare": "𠀀𪚥𰻞鿰",
    "long": "很长的完成情况。" * 1250,  # 10,000 characters
}
CONTROL = "前\x00\x01\x08\x1b\x1f\ufffe后"


def _report(text: str) -> Report:
    return Report(
        city="苏州市",
        year=2024,
        department=text,
        overview={"goals": text, "profile": text},
        budget=Budget(projects=[BudgetRow(name=text)]),
        duties=[Duty(text=text, tasks=[KeyTask(name=text, completion=text)])],
        indicators=[Indicator(**dict.fromkeys(("group", "category", "name", "target", "actual", "source", "reason"),
                                              text))],
    )


@pytest.mark.parametrize("kind", HOSTILE)
def test_word_shows_hostile_text_as_typed(kind):
    text = HOSTILE[kind]
    data, notes = docx_bytes(_report(text))
    document = docx.Document(io.BytesIO(data))
    # As a reader follows them: the parts of a row broken across pages joined.
    cells = [cell for table in document.tables for row in table_grid(table._tbl) for cell in row]
    assert cells.count(text) >= 10  # project name, duty, task, completion, seven indicator fields
    assert any(p.text == text for p in document.paragraphs)
    assert notes == []


@pytest.mark.parametrize("kind", HOSTILE)
def test_excel_keeps_hostile_text_as_text(kind):
    text = HOSTILE[kind]
    data, notes = xlsx_bytes(_report(text))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    found = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value == text]
    assert len(found) >= 13
    assert all(cell.data_type == "s" for cell in found)
    archive = zipfile.ZipFile(io.BytesIO(data))
    namespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    formulas = [
        f.text
        for name in archive.namelist() if name.startswith("xl/worksheets/")
        for f in ElementTree.fromstring(archive.read(name)).iter(f"{namespace}f")
    ]
    assert not [f for f in formulas if "SUM" in f or "cmd" in f or "86" in f]
    assert len(formulas) == 2 * 4 + 3  # the budget sheet's own: 调整预算数 and 执行率 per row, the total row
    assert notes == []


def test_control_characters_are_dropped_everywhere_with_a_note_per_field():
    report = _report(CONTROL)
    for export in (docx_bytes, xlsx_bytes):
        _, notes = export(report)
        # Department, two sections, the project's name, the duty, the task's two cells, seven
        # indicator cells: one note each, naming the place.
        assert len(notes) == 14
        assert all("控制字符" in n.message and "6 个" in n.message for n in notes)
        assert len({(n.table, n.row, n.column) for n in notes}) == 14
    document = docx.Document(io.BytesIO(docx_bytes(report)[0]))
    assert document.tables[1].rows[1].cells[0].text == "前后"
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)[0]))
    assert workbook["年度重点任务"]["A3"].value == "前后"
