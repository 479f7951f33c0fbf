"""The find and replace bar (Ctrl+F, Ctrl+H) under the tabs.

The search itself is `domain.search`; the bar only asks for it and shows the result: how many
matches, which one is current, and that one selected in its table or section. Enter finds the
next match, Shift+Enter the previous one; replacing one or all is one undo step each. The
matches follow the report: after any edit they are found again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from selfeval_gui.domain.edits import CellRef
from selfeval_gui.domain.findings import Table, column_order
from selfeval_gui.domain.search import Match, find, replace
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.overview import UndoKeysToWindow

#: Where a match or a cell is in reading order: table, row, column, position in the text.
Place = tuple[int, int, int, int]


def place(ref: CellRef, position: int = 0) -> Place:
    return (list(Table).index(ref.table), -1 if ref.row is None else ref.row,
            column_order(ref.table, ref.column), position)


class _FieldKeys(QObject):
    """Enter and Shift+Enter in the bar's fields: next or previous (in the replacement field,
    replace and go on); Escape closes the bar."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if watched is self._bar.replacement and not backwards:
                self._bar.replace_one()
            else:
                self._bar.step(-1 if backwards else 1)
            return True
        if key == Qt.Key.Key_Escape:
            self._bar.close_bar()
            return True
        return False


class FindBar(QFrame):
    """Find (and replace) in this tab or in the whole report.

    `current_table` tells the tab shown, `current_ref` the cell or field the clerk is on (the
    search goes on from there), `show_match` selects a match where it is."""

    #: The bar was closed: the window gives the focus back to the report.
    closed = Signal()

    def __init__(self, document: Document, current_table: Callable[[], Table],
                 current_ref: Callable[[], CellRef | None], show_match: Callable[[Match], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document = document
        self._current_table = current_table
        self._current_ref = current_ref
        self._show_match = show_match
        self.matches: list[Match] = []
        self.current: int | None = None

        self.needle = QLineEdit(self)
        self.needle.setAccessibleName("查找内容")
        self.needle.setPlaceholderText("查找的文字")
        self.needle.setClearButtonEnabled(True)
        self.needle.textEdited.connect(self._needle_edited)
        self.count = QLabel(self)
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("第 999 / 999 处") + 8)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("上一个")
        self.previous_button.setToolTip("上一个（Shift+Enter）")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setText("下一个")
        self.next_button.setToolTip("下一个（Enter 或 F3）")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("查找范围")
        self.scope.addItem("本页", "tab")
        self.scope.addItem("全部", "all")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh(go=True))
        scope_label = QLabel("范围(&G)：", self)
        scope_label.setBuddy(self.scope)
        self.exact = QCheckBox("区分大小写和全半角", self)
        self.exact.toggled.connect(lambda _on: self.refresh(go=True))
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("关闭（Esc）")
        close.clicked.connect(self.close_bar)

        self.replacement = QLineEdit(self)
        self.replacement.setAccessibleName("替换为")
        self.replacement.setPlaceholderText("替换成的文字")
        self.replacement_label = QLabel("替换为(&I)：", self)
        self.replacement_label.setBuddy(self.replacement)
        self.replace_button = QPushButton("替换(&R)", self)
        self.replace_button.setToolTip("替换当前这一处，并转到下一处（在“替换为”中按 Enter 亦可）")
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button = QPushButton("全部替换(&A)", self)
        self.replace_all_button.setToolTip("替换范围内的每一处（一步，可撤销）")
        self.replace_all_button.clicked.connect(self.replace_all)

        keys = _FieldKeys(self)
        undo_keys = UndoKeysToWindow(self)  # Ctrl+Z undoes a replacement, as everywhere
        for field in (self.needle, self.replacement):
            field.installEventFilter(keys)
            field.installEventFilter(undo_keys)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(QLabel("查找：", self), 0, 0)
        grid.addWidget(self.needle, 0, 1)
        find_row = QHBoxLayout()
        widgets: tuple[QWidget, ...] = (self.count, self.previous_button, self.next_button)
        for widget in widgets:
            find_row.addWidget(widget)
        find_row.addSpacing(16)
        widgets = (scope_label, self.scope, self.exact)
        for widget in widgets:
            find_row.addWidget(widget)
        find_row.addStretch(1)
        find_row.addWidget(close)
        grid.addLayout(find_row, 0, 2)
        grid.addWidget(self.replacement_label, 1, 0)
        grid.addWidget(self.replacement, 1, 1)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        replace_row.addStretch(1)
        grid.addLayout(replace_row, 1, 2)
        grid.setColumnStretch(2, 1)
        # Tab goes from what to find to what to put instead, then on to the buttons.
        QWidget.setTabOrder(self.needle, self.replacement)
        QWidget.setTabOrder(self.replacement, self.replace_button)
        em = self.fontMetrics().horizontalAdvance("汉")
        for field in (self.needle, self.replacement):
            field.setMinimumWidth(em * 12)
            field.setMaximumWidth(em * 24)

        document.changed.connect(lambda _changes: self.refresh())
        document.reset.connect(self.refresh)
        self.hide()

    # ------------------------------------------------------------ opening and closing

    def open(self, *, replacing: bool, text: str = "") -> None:
        """Ctrl+F (`replacing` False) or Ctrl+H: the bar, with `text` (a selection) to find."""
        for widget in (self.replacement_label, self.replacement, self.replace_button, self.replace_all_button):
            widget.setVisible(replacing)
        self.show()
        if text and "\n" not in text:
            self.needle.setText(text)
        self.needle.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.needle.selectAll()
        self.refresh(go=bool(text))

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    # ------------------------------------------------------------ matches

    def tables(self) -> tuple[Table, ...]:
        return tuple(Table) if self.scope.currentData() == "all" else (self._current_table(),)

    def refresh(self, *, go: bool = False) -> None:
        """Find the matches again (the report, the text or the scope changed). The current
        match stays current (or the next one, if it was replaced); with `go`, the first match
        from where the clerk is becomes current and is shown."""
        if not self.isVisible():
            return
        before = self.matches[self.current] if self.current is not None and self.current < len(self.matches) else None
        self.matches = find(self.document.report, self.needle.text(), self.tables(), exact=self.exact.isChecked())
        if go:
            ref = self._current_ref()
            self.current = self._from(place(ref) if ref is not None else (0, -1, -1, 0)) if self.matches else None
            if self.current is not None:
                self._show_match(self.matches[self.current])
        elif before is not None:
            self.current = self._from(place(before.ref, before.start)) if self.matches else None
        else:
            self.current = None
        self._show_count()

    def _from(self, start: Place) -> int:
        """The first match at or after `start`, wrapping round to the first."""
        return next((i for i, m in enumerate(self.matches) if place(m.ref, m.start) >= start), 0)

    def _needle_edited(self, _text: str) -> None:
        self.refresh(go=True)

    def _show_count(self) -> None:
        n = len(self.matches)
        if not self.needle.text():
            self.count.setText("")
        elif not n:
            self.count.setText("未找到")
        elif self.current is None:
            self.count.setText(f"共 {n} 处")
        else:
            self.count.setText(f"第 {self.current + 1} / {n} 处")
        for button in (self.previous_button, self.next_button, self.replace_button, self.replace_all_button):
            button.setEnabled(bool(n))

    def step(self, delta: int) -> None:
        """The next (`delta` 1) or previous (−1) match, wrapping round, selected where it is."""
        if not self.matches:
            needle = self.needle.text()
            self.document.message.emit(f"未找到“{needle}”。" if needle else "请输入要查找的文字。")
            return
        n = len(self.matches)
        if self.current is None:
            ref = self._current_ref()
            start = place(ref) if ref is not None else (0, -1, -1, 0)
            first = self._from(start)
            self.current = first if delta > 0 else (first - 1) % n
        else:
            self.current = (self.current + delta) % n
            if (delta > 0 and self.current == 0) or (delta < 0 and self.current == n - 1):
                self.document.message.emit("已查找到末尾，从头开始。" if delta > 0 else "已查找到开头，从末尾开始。")
        self._show_match(self.matches[self.current])
        self._show_count()

    # ------------------------------------------------------------ replacing

    def replace_one(self) -> None:
        """Replace the current match and go on to the next; with none current, find it first."""
        if self.current is None or self.current >= len(self.matches):
            self.step(1)
            return
        match = self.matches[self.current]
        result = replace(self.document.report, [match], self.replacement.text())
        if result.skipped:
            self.document.message.emit("未替换：" + result.skipped[0])
            self.step(1)
            return
        self.document.perform(result.edit, "替换")
        # Go on after what was put in, so that a replacement holding the text is not found again.
        after = place(match.ref, match.start + len(self.replacement.text()))
        self.current = self._from(after) if self.matches else None
        if self.current is not None:
            self._show_match(self.matches[self.current])
        self._show_count()

    def replace_all(self) -> None:
        if not self.matches:
            self.step(1)
            return
        needle = self.needle.text()
        result = replace(self.document.report, self.matches, self.replacement.text())
        self.document.perform(result.edit, f"全部替换“{needle}”")
        message = f"已替换 {result.replaced} 处“{needle}”。" if result.replaced else "没有替换任何内容。"
        if result.skipped:
            message += f"有 {len(result.skipped)} 处未替换：" + "；".join(result.skipped[:2])
        self.document.message.emit(message)
