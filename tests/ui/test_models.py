"""The table models: what they show, what may be typed, findings, and the Qt model contract
(`qtmodeltester`) through edits, undo and row operations."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from selfeval_gui.domain.edits import CellRef, delete_rows, insert_duty, insert_rows, move_rows
from selfeval_gui.domain.findings import Severity, Table
from selfeval_gui.ui.models import BudgetModel, FindingsModel, IndicatorsModel, Role, TasksModel
from selfeval_gui.ui.style import TINT

MODELS = [BudgetModel, TasksModel, IndicatorsModel]


@pytest.mark.parametrize("model_class", MODELS)
def test_every_model_keeps_the_qt_contract_through_edits(qtmodeltester, document, model_class):
    model = model_class(document)
    qtmodeltester.check(model)
    table = model.table
    row_edit = insert_rows(document.report, table, 3, below=True, count=2)
    document.perform(row_edit.edit, "插入行")
    document.perform(move_rows(document.report, table, 4, 5, 1).edit, "下移")
    document.perform(delete_rows(document.report, table, [3, 4, 6]), "删除行")
    if table is Table.TASKS:
        document.perform(insert_duty(document.report, 0).edit, "插入职责")
    for _ in range(4):
        document.undo_stack.undo()
    for _ in range(4):
        document.undo_stack.redo()
    qtmodeltester.check(model)


def test_findings_model_keeps_the_qt_contract(qtmodeltester, document):
    model = FindingsModel(document)
    qtmodeltester.check(model)
    model.set_severity(Severity.ERROR)
    assert all(model.finding(r).severity is Severity.ERROR for r in range(model.rowCount()))
    qtmodeltester.check(model)


def test_budget_rows_show_computed_figures(document):
    model = BudgetModel(document)
    assert [model.index(0, c).data() for c in range(6)] == [
        "预算总金额", "1075.37", "101.36", "1176.73", "1140.78", "96.94%"]
    assert model.index(1, 3).data(Role.COMPUTED) and not model.index(1, 1).data(Role.COMPUTED)
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(3, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(3, 1).data(Qt.ItemDataRole.EditRole) == "9.11"


def test_setdata_recomputes_the_row_and_the_total(document, qtbot):
    model = BudgetModel(document)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(1, 1), "1,000")
    assert model.index(1, 3).data() == "1098.02"
    assert model.index(0, 1).data() == "1289.65"


def test_an_amount_with_more_decimals_shows_two_and_keeps_and_tells_the_exact_value(document):
    """91,110.50 元 is 9.11105 万元: shown 9.11 as the exports show it, edited, stored and
    computed with exactly, and its tooltip says so."""
    model = BudgetModel(document)
    assert model.setData(model.index(3, 1), "9.11105")
    assert document.report.budget.projects[0].initial == Decimal("9.11105")
    assert [model.index(3, c).data() for c in (1, 3, 4)] == ["9.11", "9.11", "9.11"]
    assert model.index(3, 1).data(Qt.ItemDataRole.EditRole) == "9.11105"
    assert "实际为 9.11105 万元" in model.index(3, 1).data(Qt.ItemDataRole.ToolTipRole)
    adjusted = model.index(3, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "年初预算数" in adjusted and "实际为 9.11105 万元" in adjusted  # the formula, then the value
    assert model.index(3, 4).data(Qt.ItemDataRole.ToolTipRole) is None  # 实际支出数 9.11 exactly
    assert model.index(3, 5).data() == "99.99%"  # 9.11 ÷ 9.11105


def test_setdata_refuses_what_is_not_an_amount_and_says_why(document, qtbot):
    model = BudgetModel(document)
    with qtbot.waitSignal(document.message) as blocker:
        assert not model.setData(model.index(3, 1), "九点一一")
    assert "不是金额" in blocker.args[0]
    assert document.report.budget.projects[0].initial == Decimal("9.11")
    assert not document.modified


def test_cells_with_findings_are_tinted_and_explained(document):
    model = BudgetModel(document)
    index = model.index(2, model.columns.index("actual"))
    assert index.data(Role.SEVERITY) == Severity.ERROR
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == TINT[Severity.ERROR]
    assert "3.34" in index.data(Qt.ItemDataRole.ToolTipRole)
    indicators = IndicatorsModel(document)
    reason = indicators.index(27, indicators.columns.index("reason"))
    assert reason.data(Role.SEVERITY) == Severity.ERROR


def test_deviation_is_recomputed_live(document):
    model = IndicatorsModel(document)
    actual, deviation = model.columns.index("actual"), model.columns.index("deviation")
    assert model.index(35, deviation).data() == "5.56%"
    assert model.setData(model.index(35, actual), "９９％")
    assert document.report.indicators[35].actual == "99%"
    assert model.index(35, deviation).data() == "10.00%"


def test_groups_show_merged(document):
    model = IndicatorsModel(document)
    category = model.columns.index("category")
    assert model.index(0, category).data(Role.MERGED) == (0, 5)
    assert model.index(6, category).data(Role.MERGED) == (6, 31)
    tasks = TasksModel(document)
    assert tasks.index(1, 0).data(Role.MERGED) == (0, 1)
    assert tasks.index(4, 0).data(Role.MERGED) is None  # a duty with one task


def test_typing_a_merged_category_changes_the_whole_group_as_one_step(document):
    model = IndicatorsModel(document)
    category = model.columns.index("category")
    assert model.setData(model.index(3, category), "决策类")
    assert {i.category for i in document.report.indicators[:6]} == {"决策类"}
    document.undo_stack.undo()
    assert {i.category for i in document.report.indicators[:6]} == {"决策"}


def test_keystrokes_of_one_session_are_one_undo_step_and_escape_removes_it(document):
    model = BudgetModel(document)
    index = model.index(3, 1)
    ref = CellRef(Table.BUDGET, 3, "initial")
    for text in ("1", "12", "12.", "12.5"):
        model.edit(index, text, session=77)
    assert document.undo_stack.count() == 1 and document.report.budget.projects[0].initial == Decimal("12.5")
    document.restore_cell(ref, Decimal("9.11"), 77)
    assert document.undo_stack.count() == 0 and not document.modified
    assert model.index(3, 1).data() == "9.11"
