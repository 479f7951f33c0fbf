"""The findings list (a dock) and the counts in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui.domain.findings import Finding, Severity, SortKey, Table, severity_counts
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.models import FindingsModel
from selfeval_gui.ui.style import severity_icon
from selfeval_gui.ui.widgets import ElidedLabel


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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class FindingsDock(QDockWidget):
    """The findings list under (or beside) the report. Its title bar holds what the list
    shows: all tabs or the tab shown, and which severity. On a short window it folds to that
    title bar; the counts stay in the status bar, and F4 unfolds it."""

    #: A `Finding` the clerk chose: show its cell.
    chosen = Signal(object)
    #: The list folded (`True`) or unfolded.
    fold_changed = Signal(bool)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("问题列表", parent)
        self.setObjectName("findings")
        self.document = document
        self.model = FindingsModel(document, self)
        self._table: Table | None = None

        self.title = QWidget(self)
        self.title.setObjectName("findings-title")
        name = QLabel("问题列表", self.title)
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        self.scope = QComboBox(self.title)
        self.scope.setAccessibleName("显示哪些标签页的问题")
        self.scope.addItem("所有标签页", False)
        self.scope.addItem("当前标签页", True)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        scope_label = QLabel("范围(&R)：", self.title)
        scope_label.setBuddy(self.scope)
        self.filter = QComboBox(self.title)
        # As wide as its counts, which gain digits with the report.
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.setAccessibleName("显示哪一级别的问题")
        self.filter.currentIndexChanged.connect(self._filter_changed)
        label = QLabel("显示(&W)：", self.title)
        label.setBuddy(self.filter)
        self._hint = ElidedLabel(self.title)
        self._hint.setText("单击或按 Enter 跳到问题所在的单元格，Esc 返回表格")
        self._hint.setEnabled(False)
        self.fold_button = QToolButton(self.title)
        self.fold_button.setAutoRaise(True)
        self.fold_button.clicked.connect(lambda: self.set_folded(not self.folded))
        close = QToolButton(self.title)
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("关闭问题列表（视图 → 问题列表 可再打开）")
        close.clicked.connect(self.close)
        top = self._top = QHBoxLayout(self.title)
        top.setContentsMargins(6, 2, 2, 2)
        top.addWidget(name)
        top.addSpacing(8)
        for widget in (scope_label, self.scope, label, self.filter):
            top.addWidget(widget)
        top.addSpacing(8)
        top.addWidget(self._hint, 1)
        top.addWidget(self.fold_button)
        top.addWidget(close)
        self.setTitleBarWidget(self.title)

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
        # 级别 · 位置 · 说明 speak for themselves: the header's line goes to the findings.
        self.view.horizontalHeader().hide()
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

        self.body = QWidget(self)
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(6, 0, 6, 6)
        self._body_layout.addWidget(self.view)
        self.setWidget(self.body)
        feature = QDockWidget.DockWidgetFeature
        self.setFeatures(feature.DockWidgetClosable | feature.DockWidgetMovable | feature.DockWidgetFloatable)
        document.findings_changed.connect(self._refresh_filter)
        document.reset.connect(self._refresh_filter)
        self._refresh_filter()
        self._show_fold_state()
        self._place: SortKey | None = None
        self.model.modelAboutToBeReset.connect(self._remember_place)
        self.model.modelReset.connect(self._restore_place)

    # ------------------------------------------------------------ size

    @property
    def folded(self) -> bool:
        return self.view.isHidden()

    def set_folded(self, folded: bool) -> None:
        """Fold the list to its title bar, or unfold it. (The list is hidden, not its frame:
        without a content the dock would give up its width too.)"""
        if folded == self.folded:
            return
        self.view.setHidden(folded)
        self._show_fold_state()
        self.fold_changed.emit(folded)

    def _show_fold_state(self) -> None:
        folded = self.folded
        self.fold_button.setArrowType(Qt.ArrowType.UpArrow if folded else Qt.ArrowType.DownArrow)
        self.fold_button.setToolTip("展开问题列表（F4）" if folded else "收起问题列表")

    def row_height(self) -> int:
        return self.view.verticalHeader().defaultSectionSize()

    def height_for(self, rows: int) -> int:
        """The dock's height that shows `rows` findings whole (0: the title bar alone)."""
        margins = self._body_layout.contentsMargins()
        strip = self.title.sizeHint().height() + margins.top() + margins.bottom()
        return strip + (2 * self.view.frameWidth() + rows * self.row_height() if rows else 0)

    # ------------------------------------------------------------ what is shown

    def set_current_table(self, table: Table) -> None:
        """The tab shown changed: a list of the current tab's findings follows it."""
        self._table = table
        if self.scope.currentData():
            self.model.set_table(table)
            self._refresh_filter()

    def _scope_changed(self, _row: int) -> None:
        self.model.set_table(self._table if self.scope.currentData() else None)
        self._refresh_filter()

    def add_actions(self, actions: list[QAction]) -> None:
        """Buttons for `actions` (the one-key fixes) in the title bar, before the hint."""
        for action in actions:
            button = QToolButton(self.title)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._top.insertWidget(self._top.indexOf(self._hint), button)

    def _refresh_filter(self, *_: object) -> None:
        counts = severity_counts(self.model.in_scope())
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
        self.set_folded(False)
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
