"""Small widgets the editor's window is built from."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QStatusBar, QWidget


class ElidedLabel(QLabel):
    """One line of text that gives up room rather than taking it: cut with `…` where the
    space is short, whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(painter, rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), text, self.foregroundRole())


class StatusBar(QStatusBar):
    """A status bar whose messages, like `ElidedLabel`, end in `…` before the boxes on its
    right (Qt cuts them off mid-character under the first) and are whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self.setToolTip)

    def message_area(self) -> QRect:
        """Where the message goes: from Qt's margin to the first box shown beside it (the
        widgets beside the cell's status are hidden while a message shows)."""
        shown = [w.x() for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                 if w.isVisible()]
        return QRect(QPoint(6, 0), QPoint(min(shown, default=self.width() - 12) - 4, self.height() - 1))

    def shown_message(self) -> str:
        """The message as it fits there."""
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideRight,
                                             self.message_area().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.currentMessage():
            return
        # Over Qt's text, cut off mid-character, the same text ending in `…` where room ends.
        painter = QPainter(self)
        area = self.message_area()
        painter.fillRect(QRect(area.topLeft(), QPoint(area.right() + 2, area.bottom())), self.palette().window())
        painter.setPen(self.palette().windowText().color())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.shown_message())


class RowNumberBox(QLineEdit):
    """Ctrl+G's box: a row number, Enter to go there, Escape to go back without moving."""

    #: The row number typed (as the row headers count, from 1).
    go = Signal(int)
    #: Escape: back to the report.
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QIntValidator(1, 999_999, self))
        self.setPlaceholderText("转到行 Ctrl+G")
        self.setAccessibleName("转到第几行")
        self.setToolTip("输入行号后按 Enter，转到当前表格的这一行（Ctrl+G）")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("转到行 Ctrl+G") + 24)
        self.returnPressed.connect(self._go)

    def _go(self) -> None:
        if self.text():
            self.go.emit(int(self.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.left.emit()
            return
        super().keyPressEvent(event)
