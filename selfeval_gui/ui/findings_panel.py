"""The findings list (a dock) and the counts in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui.domain.findings import Finding, Severity
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.models import FindingsModel
from selfeval_gui.ui.style import severity_icon


class FindingsView(QTableView):
    """Enter, like a click, jumps to the finding's cell; Escape goes back to the report."""

    chosen = Signal(object)
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clicked.connect(self._choose)
        self.activated.connect(self._choose)

    def _choose(self, index: QModelIndex) -> None:
        model = self.model()
        if index.isValid() and isinstance(model, FindingsModel):
            self.chosen.emit(model.finding(index.row()))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class FindingsDock(QDockWidget):
    #: A `Finding` the clerk chose: show its cell.
    chosen = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("问题列表", parent)
        self.setObjectName("findings")
        self.document = document
        self.model = FindingsModel(document, self)

        self.filter = QComboBox(self)
        self.filter.setAccessibleName("显示哪些问题")
        self.filter.currentIndexChanged.connect(self._filter_changed)
        label = QLabel("显示(&W)：", self)
        label.setBuddy(self.filter)
        hint = QLabel("单击或按 Enter 跳到问题所在的单元格", self)
        hint.setEnabled(False)

        self.view = FindingsView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("问题列表")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setIconSize(QSize(16, 16))
        self.view.verticalHeader().hide()
        # Fixed widths: sizing columns to their contents would read every finding on every
        # keystroke.
        header = self.view.horizontalHeader()
        em = self.view.fontMetrics().horizontalAdvance("汉")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, em * 4 + 28)
        self.view.setColumnWidth(1, em * 25)
        header.setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().lineSpacing() + 8)
        self.view.chosen.connect(self.chosen)

        body = QWidget(self)
        top = self._top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(hint)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.setWidget(body)
        feature = QDockWidget.DockWidgetFeature
        self.setFeatures(feature.DockWidgetClosable | feature.DockWidgetMovable | feature.DockWidgetFloatable)
        document.findings_changed.connect(self._refresh_filter)
        document.reset.connect(self._refresh_filter)
        self._refresh_filter()
        self._place: tuple | None = None
        self.model.modelAboutToBeReset.connect(self._remember_place)
        self.model.modelReset.connect(self._restore_place)

    def add_actions(self, actions: list[QAction]) -> None:
        """Buttons for `actions` (the one-key fixes) in the list's top line, before the hint."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._top.insertWidget(self._top.count() - 2, button)

    def _refresh_filter(self, *_: object) -> None:
        counts = self.document.counts()
        entries = [("全部", None, sum(counts.values()))] + [(s.label, s, counts[s]) for s in Severity]
        if self.filter.count() == 0:
            for label, severity, _count in entries:
                if severity is None:
                    self.filter.addItem(label, None)
                else:
                    self.filter.addItem(severity_icon(severity), label, severity.value)
        for row, (label, _severity, count) in enumerate(entries):
            self.filter.setItemText(row, f"{label}（{count}）")

    def _remember_place(self) -> None:
        index = self.view.currentIndex()
        self._place = self.model.finding(index.row()).sort_key if index.isValid() else None

    def _restore_place(self) -> None:
        """The list is rebuilt as findings come and go (each keystroke may change them): the
        chosen finding stays chosen, or the one after it when it has been fixed."""
        if self._place is None:
            return
        row = next((r for r in range(self.model.rowCount()) if self.model.finding(r).sort_key >= self._place), None)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _filter_changed(self, row: int) -> None:
        severity = self.filter.itemData(row)
        self.model.set_severity(Severity(severity) if severity else None)

    def show_severity(self, severity: Severity | None) -> None:
        self.filter.setCurrentIndex(0 if severity is None else list(Severity).index(severity) + 1)

    def select(self, finding: Finding) -> None:
        for row in range(self.model.rowCount()):
            if self.model.finding(row) == finding:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return

    def focus_list(self) -> None:
        self.show()
        self.raise_()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.selectRow(0)


class FindingCounts(QWidget):
    """错误 n · 警告 n · 提示 n in the status bar; a click shows those findings."""

    clicked = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: dict[Severity, QToolButton] = {}
        for severity in Severity:
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"显示全部“{severity.label}”")
            button.clicked.connect(lambda _checked=False, s=severity: self.clicked.emit(s))
            layout.addWidget(button)
            self.buttons[severity] = button
        document.findings_changed.connect(self.refresh)
        document.reset.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        for severity, count in self.document.counts().items():
            self.buttons[severity].setText(f"{severity.label} {count}")

    def text(self) -> str:
        return " ".join(b.text() for b in self.buttons.values())
