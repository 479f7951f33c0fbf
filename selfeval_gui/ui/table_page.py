"""A tab of the window that holds one of the report's tables: the table, its column widths,
the hint the status bar shows for it, and last year's reference beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from selfeval_gui.domain.findings import Table
from selfeval_gui.ui.models import TableModel
from selfeval_gui.ui.reference import TaskReference, with_reference
from selfeval_gui.ui.sheet import SheetView

#: Column widths in multiples of the width of 汉, per table.
_COLUMN_WIDTHS: dict[Table, dict[str, float]] = {
    Table.BUDGET: {"name": 16, "initial": 7, "adjustment": 8.5, "adjusted": 7, "actual": 7, "rate": 5.5,
                   "previous_actual": 7, "previous_rate": 5.5},
    Table.TASKS: {"duty": 14, "name": 11, "completion": 34},
    Table.INDICATORS: {"group": 5, "category": 4.5, "name": 13, "target": 6, "actual": 6, "source": 8.5,
                       "deviation": 5, "reason": 12, "previous_actual": 6, "previous_deviation": 5},
}
_HINTS = {
    Table.BUDGET: "金额单位：万元。灰色单元格由软件计算：调整预算数 = 年初预算数 + 追加追减数，"
                  "执行率 = 实际支出数 ÷ 调整预算数。",
    Table.TASKS: "同一职责下的多项任务合并显示；在某项任务下方插入行即为该职责增加任务。",
    Table.INDICATORS: "目标值可写 >=90%、=1个、健全 等；偏差情况自动计算。相同的目标、类别合并显示。",
}


class TablePage(QWidget):
    """A table and its hint (shown in the status bar while the tab is)."""

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = SheetView(model, self)
        self.sheet.setAccessibleName(model.table.label)
        self.hint = _HINTS[model.table]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        #: Last year's 完成情况 of the current task, below table 8.
        self.reference: TaskReference | None = None
        if model.table is Table.TASKS:
            self.reference = TaskReference(model.document, self)
            self.sheet.selectionModel().currentChanged.connect(self.reference.follow)
            layout.addWidget(with_reference(self.sheet, self.reference, Qt.Orientation.Vertical, 1, self), 1)
        else:
            layout.addWidget(self.sheet, 1)
        em = self.sheet.fontMetrics().horizontalAdvance("汉")
        for column, width in _COLUMN_WIDTHS[model.table].items():
            self.sheet.setColumnWidth(model.column_index(column), int(width * em + 16))
        header = self.sheet.horizontalHeader()
        if model.table is Table.INDICATORS:
            # Last year's columns right after this year's figures; 原因分析 stays last and wide.
            header.moveSection(header.visualIndex(model.column_index("reason")), model.columnCount() - 1)
        # Long texts (完成情况, 原因分析) take the room left; table 7 keeps names beside their amounts.
        header.setStretchLastSection(model.table is not Table.BUDGET)

    def show_reference(self, visible: bool) -> None:
        """Show or hide last year's columns (and, below table 8, last year's 完成情况)."""
        model = self.sheet.table_model()
        for column in model.reference_columns:
            self.sheet.setColumnHidden(model.column_index(column), not visible)
        if self.reference is not None:
            self.reference.setVisible(visible)
