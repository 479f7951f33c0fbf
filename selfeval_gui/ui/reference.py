"""Last year's text beside this year's: a read-only pane with 复制 (and, for a task's 完成情况,
填入本年), shown beside a section in 概况 and below table 8 for the current task."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui.domain.edits import CellRef, ChangeSet, set_cell
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.reference import last_year_label
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.style import REFERENCE_TEXT, REFERENCE_TINT

_NONE = "（本年新增，没有上年的文字。）"


def with_reference(this_year: QWidget, pane: ReferencePane, orientation: Qt.Orientation, share: int,
                   parent: QWidget) -> QSplitter:
    """This year's editor and last year's pane in a splitter, the pane taking `share` parts in
    five of the room (the clerk may drag it)."""
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(this_year)
    splitter.addWidget(pane)
    splitter.setChildrenCollapsible(False)
    splitter.setStretchFactor(0, 5 - share)
    splitter.setStretchFactor(1, share)
    return splitter


class ReferencePane(QFrame):
    """A title, last year's text (read-only, on the reference tint) and a 复制 button that
    copies the selected part, or all of it."""

    def __init__(self, document: Document, parent: QWidget | None = None, *, use_label: str | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("reference")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.title.palette()
        palette.setColor(QPalette.ColorRole.WindowText, REFERENCE_TEXT)
        self.title.setPalette(palette)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("上年的文字")
        self.text.setTabChangesFocus(True)
        palette = self.text.palette()
        palette.setColor(QPalette.ColorRole.Base, REFERENCE_TINT)
        palette.setColor(QPalette.ColorRole.Text, REFERENCE_TEXT)
        self.text.setPalette(palette)
        # As tall as it is given (a few lines at least): the table or section beside keeps the room.
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.copy_button = QPushButton("复制(&O)", self)
        self.copy_button.setToolTip("复制上年的文字（选中一部分时只复制选中的部分），再粘贴到本年")
        self.copy_button.clicked.connect(self.copy)
        self.use_button: QPushButton | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.copy_button)
        if use_label is not None:
            self.use_button = QPushButton(use_label, self)
            buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.text, 1)

    def show_text(self, title: str, text: str | None) -> None:
        self.title.setText(title)
        has_text = bool(text and text.strip())
        self.text.setPlainText(text if text and has_text else _NONE)
        self.copy_button.setEnabled(has_text)
        if self.use_button is not None:
            self.use_button.setEnabled(has_text)

    def copy(self) -> None:
        if not self.copy_button.isEnabled():
            return
        selected = self.text.textCursor().selectedText().replace("\u2029", "\n")
        QGuiApplication.clipboard().setText(selected or self.text.toPlainText())
        self.document.message.emit(
            f"已复制上年的文字（{len(selected or self.text.toPlainText())} 字），可粘贴到本年。")


class TaskReference(ReferencePane):
    """Last year's 完成情况 of the task on the current row of table 8; 填入本年 makes it this
    year's draft (one undo step), to be edited until it is no longer last year's."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent, use_label="填入本年(&U)")
        assert self.use_button is not None
        self.use_button.setToolTip("把上年的完成情况填入本年的“完成情况”作为初稿（可撤销），再按本年的情况修改")
        self.use_button.clicked.connect(self.use)
        self.row = -1
        document.changed.connect(self._changed)
        document.reset.connect(self.refresh)

    def follow(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.row = current.row() if current.isValid() else -1
        self.refresh()

    def _changed(self, changes: ChangeSet) -> None:
        if Table.TASKS in changes.tables:
            self.refresh()

    def refresh(self) -> None:
        report = self.document.report
        rows = report.task_rows()
        if not 0 <= self.row < len(rows):
            self.show_text(f"{last_year_label(report)}完成情况", None)
            self.text.setPlainText("选择一项任务，这里显示它上年的完成情况。")
            return
        duty, task = rows[self.row]
        current = report.duties[duty].tasks[task]
        name = f"“{current.name}”" if current.name.strip() else f"第{self.row + 1}行"
        self.show_text(f"{last_year_label(report)}完成情况：任务{name}", current.previous_completion)

    def use(self) -> None:
        report = self.document.report
        rows = report.task_rows()
        if not 0 <= self.row < len(rows):
            return
        duty, task = rows[self.row]
        last_year = report.duties[duty].tasks[task].previous_completion or ""
        edit = set_cell(report, CellRef(Table.TASKS, self.row, "completion"), last_year)
        if self.document.perform(edit, "填入上年完成情况"):
            self.document.message.emit("已填入上年的完成情况，请按本年的情况修改（未修改前提示“沿用上年”）。")
        else:
            self.document.message.emit("本年的完成情况已与上年相同。")
