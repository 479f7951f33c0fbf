"""Cell editors and cell painting for the report's tables. The delegate only edits and paints.

Editing is live, as the clerk types: each keystroke goes to the model (one undo step per
editing session), so computed columns and findings follow the typing. Keys work as in Excel:
Enter/Shift+Enter and Tab/Shift+Tab commit and move; in a cell opened by typing the arrow keys
commit and move too, F2 switches to moving the caret; Escape restores the cell; Alt+Enter is a
line break in a text cell; Ctrl+Enter puts the text into every selected cell. An amount that
is not a number is never committed: the editor stays open, framed red, and the reason is in
the status bar.

Painting adds what the style does not draw: grid lines, merged-looking groups (目标, 类别,
职责), and for a cell with a finding a frame and a corner mark whose shape tells error from
warning without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from selfeval_gui.domain.edits import AMOUNT_COLUMNS, CellError, cell_value, parse_cell
from selfeval_gui.domain.findings import Severity, Table
from selfeval_gui.ui.document import new_session
from selfeval_gui.ui.models import Role, TableModel
from selfeval_gui.ui.style import GRID, draw_cell_marker

if TYPE_CHECKING:
    from selfeval_gui.ui.sheet import SheetView

Index = QModelIndex | QPersistentModelIndex
#: Columns edited in a multi-line editor (long free text).
LONG_TEXT_COLUMNS = {
    Table.TASKS: {"duty", "name", "completion"},
    Table.INDICATORS: {"name", "reason"},
}
#: Rows grow to fit their text up to this many lines; the rest is in the tooltip.
MAX_ROW_LINES = 8

_INVALID_STYLE = "border: 2px solid #c62828; background: #fff5f5;"


class _EditorState:
    """What the delegate remembers about an open editor."""

    def __init__(self, editor: LineEditor | TextEditor, index: Index, session: int, original: object,
                 typing: bool) -> None:
        self.editor = editor
        self.index = QPersistentModelIndex(index)
        self.session = session
        self.original = original
        #: Opened by typing (Excel's "Enter" mode): arrow keys commit and move.
        self.typing = typing
        self.loaded = False
        self.valid = True


class LineEditor(QLineEdit):
    def text_value(self) -> str:
        return self.text()

    def set_text_value(self, text: str) -> None:
        self.setText(text)
        self.end(False)


class TextEditor(QPlainTextEdit):
    """A multi-line cell editor: wraps, no frame, Tab leaves it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        # It may reach over the rows below: a frame shows where it ends.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("TextEditor { border: 1px solid palette(highlight); }")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def text_value(self) -> str:
        return self.toPlainText()

    def set_text_value(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)


class CellDelegate(QStyledItemDelegate):
    #: Move the current cell by (rows, columns) after an editor closed with Enter, Tab or an arrow.
    navigate = Signal(int, int)
    #: Ctrl+Enter closed an editor: (its text, its editing session) go into every selected cell.
    fill = Signal(str, int)

    def __init__(self, view: SheetView) -> None:
        super().__init__(view)
        self._view = view
        self._states: dict[QWidget, _EditorState] = {}

    # ------------------------------------------------------------ editors

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        assert isinstance(model, TableModel)
        column = model.columns[index.column()]
        editor: LineEditor | TextEditor
        if column in LONG_TEXT_COLUMNS.get(model.table, ()):
            editor = TextEditor(parent)
            editor.textChanged.connect(lambda e=editor: self._typed(e))
        else:
            editor = LineEditor(parent)
            editor.setFrame(False)
            editor.textEdited.connect(lambda _text, e=editor: self._typed(e))
        typing = self._view.take_typing_start()
        original = cell_value(model.document.report, model.ref(index))
        self._states[editor] = _EditorState(editor, index, new_session(), original, typing)
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        state = self._states.pop(editor, None)
        model = index.model()
        if state is not None and isinstance(model, TableModel):
            model.document.end_session(state.session)
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        state = self._states.get(editor)
        if state is None or state.loaded:
            return  # the model echoes each keystroke back; the editor already shows it
        state.loaded = True
        text = "" if state.typing else str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.blockSignals(True)
        state.editor.set_text_value(text)
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        state = self._states.get(editor)
        if state is None or not isinstance(model, TableModel):
            return
        model.edit(index, state.editor.text_value(), state.session)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        viewport = self._view.viewport().rect()
        if isinstance(editor, TextEditor):
            # The whole (merged) cell where it is visible, with room for a few lines.
            rect = self._cell_rect(option, index).intersected(viewport)
            lines = editor.fontMetrics().lineSpacing()
            rect.setHeight(min(max(rect.height(), lines * 4 + 8), viewport.height()))
            if rect.bottom() > viewport.bottom():
                rect.moveBottom(viewport.bottom())
        else:
            rect = QRect(option.rect)  # one line, on the row the clerk is on
            rect.setHeight(max(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)

    def _typed(self, editor: QWidget) -> None:
        state = self._states.get(editor)
        if state is None or not state.loaded or not state.index.isValid():
            return
        model = state.index.model()
        assert isinstance(model, TableModel)
        index = model.index(state.index.row(), state.index.column())
        text = state.editor.text_value()
        ref = model.ref(index)
        if ref.table is Table.BUDGET and ref.column in AMOUNT_COLUMNS:
            try:
                parse_cell(model.document.report, ref, text)
            except CellError:
                self._mark_invalid(editor, state, True)
                return  # not a number yet (or at all): nothing is committed
            self._mark_invalid(editor, state, False)
        model.edit(index, text, state.session)

    @staticmethod
    def _mark_invalid(editor: QWidget, state: _EditorState, invalid: bool) -> None:
        if state.valid == (not invalid):
            return
        state.valid = not invalid
        editor.setStyleSheet(_INVALID_STYLE if invalid else "")

    def _finish(self, editor: QWidget, rows: int, columns: int) -> bool:
        """Commit, close and move; `False` (editor kept open) if the text cannot be stored."""
        state = self._states.get(editor)
        if state is not None and not state.valid:
            model = state.index.model()
            assert isinstance(model, TableModel)
            # Say why in the status bar; the clerk corrects it or presses Escape.
            index = model.index(state.index.row(), state.index.column())
            model.edit(index, state.editor.text_value(), state.session)
            return False
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if rows or columns:
            self.navigate.emit(rows, columns)
        return True

    def _revert(self, editor: QWidget) -> None:
        state = self._states.get(editor)
        if state is not None and state.index.isValid():
            model = state.index.model()
            assert isinstance(model, TableModel)
            model.document.restore_cell(model.ref(state.index), state.original, state.session)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget) and editor in self._states:
            assert isinstance(event, QKeyEvent)
            if self._key(editor, event):
                return True
        if event.type() == QEvent.Type.FocusOut and isinstance(editor, QWidget) and editor in self._states:
            state = self._states[editor]
            if not state.valid:
                # Leaving a cell with text that is not an amount: the cell keeps what it had.
                model = state.index.model()
                assert isinstance(model, TableModel)
                text = state.editor.text_value()
                self._revert(editor)
                model.document.message.emit(f"“{text}”不是金额，单元格保留原来的内容。")
                return True
        return super().eventFilter(editor, event)

    def _key(self, editor: QWidget, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        state = self._states[editor]
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.AltModifier:
                if isinstance(editor, TextEditor):
                    editor.insertPlainText("\n")
                return True
            if mods & Qt.KeyboardModifier.ControlModifier:
                text = state.editor.text_value()
                if self._finish(editor, 0, 0):
                    self.fill.emit(text, state.session)
                return True
            self._finish(editor, -1 if shift else 1, 0)
            return True
        if key == Qt.Key.Key_Tab:
            self._finish(editor, 0, 1)
            return True
        if key == Qt.Key.Key_Backtab:
            self._finish(editor, 0, -1)
            return True
        if key == Qt.Key.Key_Escape:
            self._revert(editor)
            return True
        if key == Qt.Key.Key_F2:
            state.typing = False  # now the arrow keys move the caret
            return True
        arrows: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
        }
        if state.typing and key in arrows and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self._finish(editor, *arrows[key])
            return True
        return False

    # ------------------------------------------------------------ painting

    def _cell_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        """The cell's rectangle, or the whole merged cell's."""
        merged = index.data(Role.MERGED)
        if not merged:
            return QRect(option.rect)
        model = index.model()
        top = self._view.visualRect(model.index(merged[0], index.column()))
        bottom = self._view.visualRect(model.index(merged[1], index.column()))
        return top.united(bottom)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        merged = index.data(Role.MERGED)
        rect = self._cell_rect(option, index) if merged else QRect(option.rect)
        if merged:
            self._paint_merged(painter, option, index, rect)
        else:
            super().paint(painter, option, index)
        painter.save()
        painter.setPen(QPen(GRID, 1))
        cell = option.rect
        painter.drawLine(cell.topRight(), cell.bottomRight())
        if not merged or index.row() == merged[1]:
            painter.drawLine(cell.bottomLeft(), cell.bottomRight())
        painter.restore()
        severity = index.data(Role.SEVERITY)
        if severity:
            draw_cell_marker(painter, Severity(severity), QRectF(rect), QRectF(cell))

    def _paint_merged(self, painter: QPainter, option: QStyleOptionViewItem, index: Index,
                      rect: QRect) -> None:
        # Each row of a merged cell paints its slice of the whole: background, then the text
        # laid out over the whole (from the top of its visible part), clipped to this row.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        painter.save()
        painter.setClipRect(option.rect)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, opt.palette.brush(QPalette.ColorRole.Highlight))
        elif opt.backgroundBrush.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(option.rect, opt.backgroundBrush)
        visible = rect.intersected(self._view.viewport().rect()) if rect.height() > option.rect.height() else rect
        text_rect = visible.adjusted(4, 3, -4, -3)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(text_rect, int(flags), opt.text)
        if opt.state & QStyle.StateFlag.State_HasFocus:
            focus = QPen(opt.palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            painter.setPen(focus)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        if index.data(Role.MERGED):
            return QSize(hint.width(), line + 8)  # spread over the merged rows, not in one
        return QSize(hint.width(), min(hint.height() + 6, line * MAX_ROW_LINES + 8))
