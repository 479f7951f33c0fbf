"""The editor, the Word document and the Excel workbook merge the same cells of tables 8 and 9,
blank and repeated 目标, 类别 and 职责 cells included."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.model import Duty, Indicator, KeyTask, Report
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.models import IndicatorsModel, Role, TableModel, TasksModel

Runs = list[tuple[int, int]]


def _indicators(*cells: tuple[str, str]) -> list[Indicator]:
    return [Indicator(group=group, category=category, name=f"指标{n}") for n, (group, category) in enumerate(cells)]


def _duties(*duties: tuple[str, int]) -> list[Duty]:
    return [Duty(text=text, tasks=[KeyTask(name=f"任务{n}") for n in range(count)]) for text, count in duties]


REPORTS = {
    "blank goals over several rows, then a goal": Report(indicators=_indicators(
        ("", "决策"), ("", "决策"), ("", "过程"), ("分解目标", "过程"), ("分解目标", "过程"))),
    "blank categories inside and across goals": Report(indicators=_indicators(
        ("甲", ""), ("甲", ""), ("甲", "产出"), ("乙", ""), ("乙", ""), ("", ""), ("", ""))),
    "one category repeated over a change of goal": Report(indicators=_indicators(
        ("甲", "效益"), ("甲", "效益"), ("乙", "效益"), ("乙", "效益"), ("甲", "效益"))),
    "the same text with and without spaces": Report(indicators=_indicators(
        ("甲", "满意度"), (" 甲", "满意度 "), ("甲 ", " 满意度"), ("乙", "满意度"))),
    "duties of equal or blank text stay apart": Report(duties=_duties(
        ("宣传", 2), ("宣传", 1), ("", 3), ("", 1), ("救护", 1), ("救护", 2))),
    "everything blank": Report(duties=_duties(("", 2), ("", 2)), indicators=_indicators(("", ""), ("", ""), ("", ""))),
}
#: Per table, the merged columns and their column number in both documents (0-based).
COLUMNS = {Table.TASKS: {"duty": 0}, Table.INDICATORS: {"group": 0, "category": 1}}


def _runs_from_first_rows(firsts: list[bool]) -> Runs:
    """Runs of rows from whether each row starts a cell."""
    starts = [row for row, first in enumerate(firsts) if first]
    return [(start, end - 1) for start, end in zip(starts, [*starts[1:], len(firsts)], strict=False)]


def _editor(model: TableModel, column: str) -> Runs:
    col = model.columns.index(column)
    firsts = []
    for row in range(model.rowCount()):
        merged = model.index(row, col).data(Role.MERGED)
        firsts.append(merged is None or merged[0] == row)
    return _runs_from_first_rows(firsts)


def _word(document: docx.document.Document, table: Table, column: int) -> Runs:
    element = document.element.body.findall(f".//{qn('w:tbl')}")[list(COLUMNS).index(table) + 1]
    firsts = []
    for tr in element.findall(qn("w:tr"))[1:]:  # below the heading row
        merge = tr.findall(qn("w:tc"))[column].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        firsts.append(merge is None or merge.get(qn("w:val")) == "restart")
    return _runs_from_first_rows(firsts)


def _excel(workbook: openpyxl.Workbook, table: Table, column: int, rows: int) -> Runs:
    sheet = workbook[{Table.TASKS: "年度重点任务", Table.INDICATORS: "部门整体自评表"}[table]]
    first_row = 3  # below the title and the headings
    covered = {
        row - first_row: r.min_row - first_row
        for r in sheet.merged_cells.ranges if r.min_col == column + 1 and r.min_row >= first_row
        for row in range(r.min_row, r.max_row + 1)
    }
    return _runs_from_first_rows([covered.get(row, row) == row for row in range(rows)])


@pytest.mark.parametrize("name", REPORTS)
def test_the_editor_and_both_documents_merge_the_same_cells(qapp, name):
    report = REPORTS[name]
    word = docx.Document(io.BytesIO(docx_bytes(report)[0]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)[0]))
    document = Document(report.model_copy(deep=True))
    models: dict[Table, TableModel] = {Table.TASKS: TasksModel(document), Table.INDICATORS: IndicatorsModel(document)}
    for table, columns in COLUMNS.items():
        model = models[table]
        for column, number in columns.items():
            editor = _editor(model, column)
            assert _word(word, table, number) == editor, (table, column)
            assert _excel(workbook, table, number, model.rowCount()) == editor, (table, column)


def test_blank_and_repeated_cells_merge_as_word_merges_them(qapp):
    """What the editor shows for the cases above (so that agreeing is not agreeing on nothing)."""
    document = Document(REPORTS["blank goals over several rows, then a goal"].model_copy(deep=True))
    model = IndicatorsModel(document)
    assert _editor(model, "group") == [(0, 2), (3, 4)]
    assert _editor(model, "category") == [(0, 1), (2, 2), (3, 4)]
    model = IndicatorsModel(Document(REPORTS["one category repeated over a change of goal"].model_copy(deep=True)))
    assert _editor(model, "category") == [(0, 1), (2, 3), (4, 4)]
    model = IndicatorsModel(Document(REPORTS["the same text with and without spaces"].model_copy(deep=True)))
    assert _editor(model, "group") == [(0, 2), (3, 3)]
    tasks = TasksModel(Document(REPORTS["duties of equal or blank text stay apart"].model_copy(deep=True)))
    assert _editor(tasks, "duty") == [(0, 1), (2, 2), (3, 5), (6, 6), (7, 7), (8, 9)]
