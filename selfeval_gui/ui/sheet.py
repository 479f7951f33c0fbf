"""A table of the report that behaves like a spreadsheet: Enter and Tab move, typing starts
editing, Delete clears, and blocks are copied and pasted as Excel and WPS do (tab-separated
text), a paste longer than the table adding rows. Row operations act on the selected rows.

Moving is Excel's too: Ctrl+arrows jump to the edge of the data (with Shift they select up to
it), Ctrl+Home / Ctrl+End go to the first / last cell, and text typed into one cell of a
selection goes into all of them with Ctrl+Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QToolTip,
    QWidget,
)

from selfeval_gui.domain import edits, tsv
from selfeval_gui.domain.findings import Finding, Table
from selfeval_gui.domain.paste_check import differences_summary
from selfeval_gui.ui.delegate import MAX_ROW_LINES, CellDelegate
from selfeval_gui.ui.dialogs import Dialogs, Progress
from selfeval_gui.ui.models import Role, TableModel

#: Longer tables fit each row's height to its text when the row comes into view: fitting a
#: hundred thousand rows at once takes a minute.
FIT_ALL_ROWS = 2_000
#: A paste of more rows or characters than this is far beyond any report's table: the clerk
#: is asked first, and it runs with a progress dialog that can cancel it.
PASTE_ASK_ROWS = 1_000
PASTE_ASK_CHARACTERS = 1_000_000
#: Clipboard text longer than this is not even read into cells.
PASTE_MAX_CHARACTERS = 50_000_000
#: A pasted block larger than this is not selected whole afterwards, only its first cell.
SELECT_PASTED_CELLS = 20_000
_EMPTY_HINT = "表格中还没有内容：点击工具栏的“插入行”，或从 Excel/WPS 复制后按 Ctrl+V 粘贴。"
_CursorAction = QAbstractItemView.CursorAction
#: Cursor moves that Ctrl turns into jumps to the edge of the data: (rows, columns) per step.
_STEPS = {
    _CursorAction.MoveUp: (-1, 0),
    _CursorAction.MoveDown: (1, 0),
    _CursorAction.MoveLeft: (0, -1),
    _CursorAction.MoveRight: (0, 1),
}
_MOVE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End}


def data_edge(filled: Callable[[int], bool], start: int, step: int, count: int) -> int:
    """Where Excel's Ctrl+arrow goes from cell `start` of a row or column of `count` cells:
    from a filled cell with a filled neighbour, to the last filled cell before a blank one;
    otherwise to the next filled cell, or to the end."""
    end = count - 1 if step > 0 else 0
    nxt = start + step
    if not 0 <= nxt < count:
        return start
    if filled(start) and filled(nxt):
        while 0 <= nxt + step < count and filled(nxt + step):
            nxt += step
        return nxt
    while 0 <= nxt < count and not filled(nxt):
        nxt += step
    return nxt if 0 <= nxt < count else end


@dataclass(frozen=True, slots=True)
class _Tip:
    """The tooltip shown for a cell: where, saying what, and whether only while the cell has
    findings (the keyboard's) or whatever the cell's tooltip is (the mouse's)."""

    index: QPersistentModelIndex
    where: QPoint
    text: str
    findings_only: bool


def _tip_text(index: QModelIndex | QPersistentModelIndex, findings_only: bool) -> str | None:
    """The tooltip of the cell at `index`; with `findings_only`, only while it has findings."""
    if not index.isValid() or (findings_only and not index.data(Role.FINDINGS)):
        return None
    text: str | None = index.data(Qt.ItemDataRole.ToolTipRole)
    return text


def _some(reasons: list[str]) -> str:
    """The first few of `reasons`, for the status bar."""
    return "；".join(reasons[:3]) + ("……" if len(reasons) > 3 else "")


class SheetView(QTableView):
    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.document = model.document
        self._typing_start = False
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.navigate.connect(self.move_current)
        self.delegate.fill.connect(self.fill_selection)
        self.setShowGrid(False)  # the delegate draws the grid, leaving merged cells open
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)  # Tab moves between cells (see keyPressEvent), as in Excel
        self.setCornerButtonEnabled(True)
        line = self.fontMetrics().lineSpacing()
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        vertical.setDefaultSectionSize(line + 12)
        vertical.setMinimumSectionSize(line + 8)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(True)
        header.setMinimumSectionSize(40)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(120)
        self._fit_timer.timeout.connect(self.fit_all_rows)
        self._fit_pending = True
        #: Rows of a long table already fitted (a short one fits all its rows at once).
        self._fitted: set[int] = set()
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        model.rows_changed.connect(self._fit_rows)
        self.verticalScrollBar().valueChanged.connect(self._fit_visible)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.context_actions: list[QAction | None] = []
        #: Who is asked before a paste far larger than a report (set by the window); without
        #: anybody to ask, such a paste is not made.
        self.dialogs: Dialogs | None = None
        self._tip: _Tip | None = None
        self.document.findings_changed.connect(self._follow_tip)
        self.document.reset.connect(self._follow_tip)

    @property
    def table(self) -> Table:
        return self._model.table

    def table_model(self) -> TableModel:
        return self._model

    # ------------------------------------------------------------ rows fit their text

    def fit_all_rows(self) -> None:
        if not self.isVisible():
            self._fit_pending = True  # done when the table is first shown
            return
        self._fit_pending = False
        self._fitted.clear()
        if self._model.rowCount() > FIT_ALL_ROWS:
            self._fit_visible()
            return
        self.resizeRowsToContents()
        self._fit_merged(range(self._model.rowCount()))

    def _fit_rows(self, rows: list[int]) -> None:
        if len(rows) > 50 or not self.isVisible():
            self.fit_all_rows()
            return
        rows = [row for row in rows if row < self._model.rowCount()]
        self._fitted.difference_update(rows)
        for row in rows:
            self.resizeRowToContents(row)
        self._fit_merged(rows)
        if self.currentIndex().row() in rows:
            self.scrollTo(self.currentIndex())  # a row grown past the bottom stays in view

    def _fit_visible(self, *_: object) -> None:
        """A long table fits the rows in view (and a screenful below), as they come into view."""
        count = self._model.rowCount()
        if count <= FIT_ALL_ROWS or not self.isVisible():
            return
        height = self.viewport().height()
        first = max(self.rowAt(0), 0)
        # Rows grow as they are fitted: repeat until those in view are all done.
        for _attempt in range(4):
            last = self.rowAt(height * 2)
            last = count - 1 if last < 0 else last
            rows = [r for r in range(first, last + 1) if r not in self._fitted]
            if not rows:
                return
            for row in rows:
                self.resizeRowToContents(row)
            self._fitted.update(rows)
            self._fit_merged(rows)

    def _fit_merged(self, rows: Iterable[int]) -> None:
        """A merged cell's text is laid out over all its rows: where they are too short for
        it, the last one grows."""
        model = self._model
        metrics = self.fontMetrics()
        cap = metrics.lineSpacing() * MAX_ROW_LINES * 2
        for column in model.group_columns:
            col = model.columns.index(column)
            width = max(self.columnWidth(col) - 8, 20)
            done: set[tuple[int, int]] = set()
            for row in rows:
                merged = model.index(row, col).data(Role.MERGED)
                if not merged or tuple(merged) in done:
                    continue
                first, last = merged
                done.add((first, last))
                text = model.index(first, col).data() or ""
                flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
                need = min(metrics.boundingRect(QRect(0, 0, width, cap * 4), flags, text).height() + 8, cap)
                have = sum(self.rowHeight(r) for r in range(first, last + 1))
                if need > have:
                    self.setRowHeight(last, self.rowHeight(last) + need - have)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self.fit_all_rows()

    # ------------------------------------------------------------ keys

    def take_typing_start(self) -> bool:
        """Whether the editor being opened was opened by typing (the delegate asks once)."""
        typing, self._typing_start = self._typing_start, False
        return typing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        modifier = Qt.KeyboardModifier
        plain = not mods & (modifier.ControlModifier | modifier.AltModifier | modifier.MetaModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.move_current(-1 if shift else 1, 0)
            return
        if key == Qt.Key.Key_Tab and plain:
            self.move_current(0, -1 if shift else 1)
            return
        if key == Qt.Key.Key_Backtab:
            self.move_current(0, -1)
            return
        if key == Qt.Key.Key_F2 and plain:
            if self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, event):
                self._caret_to_end()
            return
        if event.matches(QKeySequence.StandardKey.Delete) or (key == Qt.Key.Key_Delete and plain):
            self.clear_selection()
            return
        if key == Qt.Key.Key_Backspace and plain:
            if self._refuse_typing():
                return
            # As in Excel: the cell is emptied and editing starts.
            self._typing_start = True
            if not self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                self._typing_start = False
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Cut):
            self.cut()
            return
        text = event.text()
        if plain and text and text.isprintable():
            if self._refuse_typing():
                return
            self._typing_start = True
            super().keyPressEvent(event)
            if self.state() != QAbstractItemView.State.EditingState:
                self._typing_start = False
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        if self.state() == QAbstractItemView.State.EditingState:
            self._caret_to_end()

    def _caret_to_end(self) -> None:
        """F2 and double-click edit the content (as in Excel), rather than replace it."""
        editor = self.indexWidget(self.currentIndex())
        if isinstance(editor, QLineEdit):
            editor.deselect()
            editor.end(False)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # Chinese input: the first syllable typed into a cell starts editing it, replacing it.
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.commitString() and self._refuse_typing():
            return
        if not editing and event.commitString() and not event.preeditString():
            # Text committed with no composition first (full-width punctuation, an input
            # method in direct mode): Qt opens the editor but would drop the text.
            self._typing_start = True
            if self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                editor = self.indexWidget(self.currentIndex())
                if editor is not None:
                    QApplication.sendEvent(editor, event)
                    editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            self._typing_start = False
        elif not editing and event.preeditString():
            self._typing_start = True
        super().inputMethodEvent(event)
        if self.state() != QAbstractItemView.State.EditingState:
            self._typing_start = False

    def _refuse_typing(self) -> bool:
        """Typing into a computed cell or a fixed label: say why, and stay (Qt would search
        the rows for the typed text and jump to another cell)."""
        current = self.currentIndex()
        if not current.isValid() or current.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        self.document.message.emit(edits.not_editable_reason(self._model.ref(current)))
        return True

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        step = _STEPS.get(action)
        current = self.currentIndex()
        if step is None or not modifiers & Qt.KeyboardModifier.ControlModifier or not current.isValid():
            return super().moveCursor(action, modifiers)
        rows, columns = step
        model = self._model
        if rows:
            row = data_edge(lambda r: bool(model.index(r, current.column()).data()), current.row(), rows,
                            model.rowCount())
            return model.index(row, current.column())
        # Along the columns as shown: last year's may sit between this year's, or be hidden.
        header = self.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())
                 if not header.isSectionHidden(header.logicalIndex(v))]
        if current.column() not in shown:
            return super().moveCursor(action, modifiers)
        edge = data_edge(lambda p: bool(model.index(current.row(), shown[p]).data()),
                         shown.index(current.column()), columns, len(shown))
        return model.index(current.row(), shown[edge])

    def selectionCommand(self, index: QModelIndex | QPersistentModelIndex,
                         event: QEvent | None = None) -> QItemSelectionModel.SelectionFlag:
        # Qt moves the current cell without selecting it on Ctrl+arrow; Excel selects it, or
        # with Shift selects up to it.
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in _MOVE_KEYS):
            flag = QItemSelectionModel.SelectionFlag
            return flag.SelectCurrent if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else flag.ClearAndSelect
        return super().selectionCommand(index, event)

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex,
                       previous: QModelIndex | QPersistentModelIndex) -> None:
        super().currentChanged(current, previous)
        if self.hasFocus() and QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self.show_cell_tip()

    def current_findings(self) -> tuple[Finding, ...]:
        """The findings of the cell the cursor is on (of a merged cell: at its first row)."""
        current = self.currentIndex()
        return (current.data(Role.FINDINGS) or ()) if current.isValid() else ()

    def current_ref(self) -> edits.CellRef | None:
        """The cell the cursor is on, as a place in the report; `None` with no cursor."""
        current = self.currentIndex()
        return self._model.ref(current) if current.isValid() else None

    def reading_place(self) -> tuple[int, float] | None:
        """Where the cursor is in reading order, as `Finding.sort_key` has it: (row, column),
        the row of a merged cell being its first; in a column of last year's, just after the
        report's column shown before it. `None` with no cursor."""
        current = self.currentIndex()
        if not current.isValid():
            return None
        merged = current.data(Role.MERGED)
        row = merged[0] if merged else current.row()
        columns = len(self._model.columns)
        if current.column() < columns:
            return row, current.column()
        header = self.horizontalHeader()
        before = [c for c in range(columns) if header.visualIndex(c) < header.visualIndex(current.column())]
        return row, max(before, key=header.visualIndex, default=-1) + 0.5

    # ------------------------------------------------------------ the cell's tooltip

    def show_cell_tip(self) -> None:
        """What is wrong with the current cell, in its tooltip, where the eyes are: for a cell
        reached by keyboard (the mouse gets the same tooltip by hovering)."""
        current = self.currentIndex()
        text = _tip_text(current, findings_only=True)
        if text:
            where = self.viewport().mapToGlobal(self.visualRect(current).bottomLeft())
            self._show_tip(_Tip(QPersistentModelIndex(current), where, text, findings_only=True))
        else:
            self._tip = None
            QToolTip.hideText()

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # The tooltip Qt has just shown for the cell under the mouse, to follow it too.
            index = self.indexAt(event.pos())
            text = index.data(Qt.ItemDataRole.ToolTipRole)
            shown = bool(text) and QToolTip.isVisible() and QToolTip.text() == text
            self._tip = None
            if shown:
                self._tip = _Tip(QPersistentModelIndex(index), event.globalPos(), text, findings_only=False)
        return handled

    def _follow_tip(self, *_: object) -> None:
        """A cell's tooltip follows its findings: it says what is wrong now, or goes when
        nothing is, rather than repeating for seconds what a paste or a keystroke has put
        right."""
        tip = self._tip
        if tip is None:
            return
        if not QToolTip.isVisible() or QToolTip.text() != tip.text:
            self._tip = None  # gone already, or another widget's now
            return
        text = _tip_text(tip.index, tip.findings_only)
        if text == tip.text:
            return
        if text:
            self._show_tip(_Tip(tip.index, tip.where, text, tip.findings_only))
        else:
            self._tip = None
            QToolTip.hideText()

    def _show_tip(self, tip: _Tip) -> None:
        QToolTip.showText(tip.where, tip.text, self.viewport(), self.visualRect(tip.index))
        self._tip = tip

    def move_current(self, rows: int, columns: int) -> None:
        """Move the current cell, as Enter and Tab do in Excel; a merged cell is one step."""
        model = self._model
        if model.rowCount() == 0:
            return
        current = self.currentIndex()
        row = current.row() if current.isValid() else 0
        col = current.column() if current.isValid() else 0
        if rows:
            merged = model.index(row, col).data(Role.MERGED)
            if rows > 0:
                row = (merged[1] if merged else row) + 1
            else:
                above = model.index(row - 1, col).data(Role.MERGED) if row > 0 else None
                row = above[0] if above else row - 1
            row = min(max(row, 0), model.rowCount() - 1)
        if columns:
            # Through the report's columns only: last year's, after them, are for looking at.
            count = len(model.columns)
            col = min(col, count - 1) + columns
            if col >= count:
                col, row = 0, min(row + 1, model.rowCount() - 1)
            elif col < 0:
                col, row = count - 1, max(row - 1, 0)
        self.setCurrentIndex(model.index(row, col))

    # ------------------------------------------------------------ selection

    def selected_block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) around the selection, or the current cell."""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.selectionModel().selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self._model
        bottom = min(bottom, model.rowCount() - 1)
        right = min(right, model.columnCount() - 1)
        if bottom < top or right < left:
            return
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.setCurrentIndex(model.index(top, left))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(model.index(top, left))

    def select_rows(self, first: int, last: int) -> None:
        column = max(self.currentIndex().column(), 0)
        self.select_block(first, column, last, column)

    # ------------------------------------------------------------ clipboard

    def copy(self) -> None:
        block = self.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        selected = {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()} or {(top, left)}
        # The report's columns, as the official table has them (so that the block pastes back
        # and into Excel as it is); last year's columns only when nothing else is selected.
        model = self._model
        own = len(model.columns)
        columns = [c for c in range(left, right + 1) if c < own] or list(range(left, right + 1))
        selected = {(r, c) for r, c in selected if c in columns}
        grid = [
            [model.index(r, c).data(Role.TEXT) or "" if (r, c) in selected else "" for c in columns]
            for r in range(top, bottom + 1)
        ]
        QGuiApplication.clipboard().setText(tsv.format_cells(grid))
        cells = len(selected)
        self.document.message.emit(f"已复制 {cells} 个单元格。")

    def cut(self) -> None:
        self.copy()
        self.clear_selection("剪切")

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if len(text) > PASTE_MAX_CHARACTERS:
            self.document.message.emit(
                f"剪贴板中有 {len(text):,} 个字符，超过了一次最多可粘贴的 {PASTE_MAX_CHARACTERS:,} 个，没有粘贴。")
            return
        grid = tsv.parse(text)
        if not grid:
            self.document.message.emit("剪贴板中没有可粘贴的文字。")
            return
        block = self.selected_block()
        top, left, bottom, right = block if block is not None else (self._model.rowCount(), 0, 0, 0)
        if left >= len(self._model.columns):
            self.document.message.emit(edits.not_editable_reason(self._model.ref(self._model.index(top, left))))
            return
        if len(grid) == 1 and len(grid[0]) == 1 and block is not None and (bottom > top or right > left):
            # One value onto a selection fills it, as in Excel.
            grid = [[grid[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
        rows = edits.rows_to_paste(self.document.report, self.table, top, grid)
        characters = sum(len(cell) for row in grid[:rows] for cell in row)
        if rows == 0:
            self.document.message.emit("剪贴板中只有空行，没有可粘贴的内容。")
            return
        if rows > edits.MAX_PASTE_ROWS:
            self.document.message.emit(
                f"剪贴板中有 {rows:,} 行，超过了一次最多可粘贴的 {edits.MAX_PASTE_ROWS:,} 行，没有粘贴。"
                "一份自评报告的表格通常只有几十到几百行，请检查复制的内容。")
            return
        progress: Progress | None = None
        if rows > PASTE_ASK_ROWS or characters > PASTE_ASK_CHARACTERS:
            if self.dialogs is None or not self.dialogs.confirm_large_paste(self, rows, characters):
                self.document.message.emit("没有粘贴。")
                return
            progress = self.dialogs.progress(self, "粘贴", f"正在粘贴 {rows:,} 行……")
        try:
            plan, notes = self.document.paste(self.table, top, left, grid, progress.step if progress else None)
        except edits.PasteCancelled:
            self.document.message.emit("已取消粘贴，表格没有改变。")
            return
        finally:
            if progress is not None:
                progress.close()
        cells = (plan.bottom - plan.top + 1) * (plan.right - plan.left + 1)
        if cells > SELECT_PASTED_CELLS:
            # Selecting a hundred thousand cells costs seconds of checks on each: the first will do.
            self.select_block(plan.top, plan.left, plan.top, plan.left)
        else:
            self.select_block(plan.top, plan.left, plan.bottom, plan.right)
        pasted = plan.bottom - plan.top + 1
        message = f"已粘贴 {pasted:,} 行" + (f"，新增 {plan.rows_added:,} 行" if plan.rows_added else "") + "。"
        if rows < len(grid):
            message += f"末尾的 {len(grid) - rows:,} 个空行没有粘贴。"
        if plan.edit is None and not plan.skipped:
            message = f"粘贴的 {cells} 个单元格与原内容相同。"
        if plan.notes:  # a block with its header row: how it was read is listed in a window
            message += f"粘贴内容带表头，已按表头读入（说明 {len(plan.notes)} 条，见“粘贴说明”窗口）。"
        if notes:
            message += differences_summary(notes)
        if plan.skipped:
            message += f"有 {len(plan.skipped)} 处未粘贴：" + _some(plan.skipped)
        self.document.message.emit(message)

    def fill_selection(self, text: str, session: int) -> None:
        """Ctrl+Enter in a cell being typed in: the text goes into every selected cell, one undo
        step with the typing."""
        indexes = self.selectionModel().selectedIndexes()
        if len(indexes) < 2:
            return
        refs = [self._model.ref(i) for i in sorted(indexes, key=lambda i: (i.row(), i.column()))]
        refused = self.document.fill(refs, text, session)
        message = f"已填充所选的 {len(indexes)} 个单元格。"
        if refused:
            message += f"有 {len(refused)} 处未填充：" + _some(refused)
        self.document.message.emit(message)

    def go_to_row(self, number: int) -> bool:
        """Ctrl+G: the cell of row `number` (as the row headers count) in the current column."""
        count = self._model.rowCount()
        if not 1 <= number <= count:
            self.document.message.emit(f"“{self.table.table_name}”共 {count} 行，没有第 {number} 行。")
            return False
        self.focus_cell(number - 1, max(self.currentIndex().column(), 0))
        return True

    def clear_selection(self, text: str = "清除内容") -> None:
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        refs = [self._model.ref(i) for i in indexes if i.isValid()]
        if not self.document.perform(edits.clear_cells(self.document.report, refs), text):
            self.document.message.emit("所选单元格没有可清除的内容（灰色单元格由软件计算）。")

    # ------------------------------------------------------------ rows

    def insert_rows(self, *, below: bool) -> None:
        rows = self.selected_rows()
        anchor = (rows[-1] if below else rows[0]) if rows else None
        # As many rows as are selected, as in Excel.
        row_edit = edits.insert_rows(self.document.report, self.table, anchor, below=below, count=max(len(rows), 1))
        if row_edit is not None and self.document.perform(row_edit.edit, "插入行"):
            self.select_rows(row_edit.first, row_edit.last)

    def insert_duty(self) -> None:
        rows = self.selected_rows()
        row_edit = edits.insert_duty(self.document.report, rows[-1] if rows else None, below=True)
        if self.document.perform(row_edit.edit, "插入职责"):
            self.select_block(row_edit.first, 0, row_edit.first, 0)

    def delete_rows(self) -> None:
        rows = self.selected_rows()
        edit = edits.delete_rows(self.document.report, self.table, rows)
        if edit is None:
            fixed = self.table is Table.BUDGET and rows
            why = "“预算总金额”“基本支出”“项目支出”三行不能删除。" if fixed else "请先选择要删除的行。"
            self.document.message.emit(why)
            return
        current = self.currentIndex()
        self.document.perform(edit, "删除行")
        if self._model.rowCount():
            row = min(rows[0], self._model.rowCount() - 1)
            self.setCurrentIndex(self._model.index(row, max(current.column(), 0)))

    def move_rows(self, delta: int) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        row_edit = edits.move_rows(self.document.report, self.table, rows[0], rows[-1], delta)
        if row_edit is None:
            contiguous = len(rows) == rows[-1] - rows[0] + 1
            self.document.message.emit("已经到头了，不能再移动。" if contiguous else "请选择连续的行再移动。")
            return
        if self.document.perform(row_edit.edit, "上移" if delta < 0 else "下移"):
            self.select_rows(row_edit.first, row_edit.last)

    # ------------------------------------------------------------ look

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dy and self._model.group_columns:
            # Merged cells keep their text at the top of what is visible: repaint them whole.
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(rect, int(flags), _EMPTY_HINT)
            painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.context_actions:
            return
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(event.globalPos())

    def focus_cell(self, row: int, column: int) -> None:
        index = self._model.index(row, column)
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_cell_tip()
