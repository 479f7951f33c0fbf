"""The main window: four tabs, the findings list and the menus. The file workflow (open, save,
import, export, recovery) is `files.FileController`'s."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui.domain.edits import ChangeSet
from selfeval_gui.domain.findings import Finding, Severity, Table
from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.autosave import AUTOSAVE_INTERVAL_MS, Autosaver
from selfeval_gui.ui.dialogs import Dialogs
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.files import FileController
from selfeval_gui.ui.findings_panel import FindingCounts, FindingsDock
from selfeval_gui.ui.models import BudgetModel, IndicatorsModel, TableModel, TasksModel
from selfeval_gui.ui.overview import OverviewPage
from selfeval_gui.ui.settings import Settings
from selfeval_gui.ui.sheet import SheetView
from selfeval_gui.ui.style import severity_icon, worst

APP_TITLE = "部门整体支出预算绩效自评"

#: Column widths in multiples of the width of 汉, per table.
_COLUMN_WIDTHS = {
    Table.BUDGET: {"name": 16, "initial": 7, "adjustment": 8.5, "adjusted": 7, "actual": 7, "rate": 5.5},
    Table.TASKS: {"duty": 14, "name": 11, "completion": 34},
    Table.INDICATORS: {"group": 5, "category": 4.5, "name": 13, "target": 6, "actual": 6, "source": 8.5,
                       "deviation": 5, "reason": 12},
}
_HINTS = {
    Table.BUDGET: "金额单位：万元。灰色单元格由软件计算：调整预算数 = 年初预算数 + 追加追减数，"
                  "执行率 = 实际支出数 ÷ 调整预算数。",
    Table.TASKS: "同一职责下的多项任务合并显示；在某项任务下方插入行即为该职责增加任务。",
    Table.INDICATORS: "目标值可写 >=90%、=1个、健全 等；偏差情况自动计算。相同的目标、类别合并显示。",
}


def _finding_text(finding: Finding) -> str:
    return f"【{finding.severity.label}】{finding.message}"


class TablePage(QWidget):
    """A table with its toolbar of row operations and a hint line."""

    def __init__(self, model: TableModel, actions: list[QAction | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = SheetView(model, self)
        self.sheet.setAccessibleName(model.table.label)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in actions:
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        hint = QLabel(_HINTS[model.table], self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.sheet, 1)
        layout.addWidget(hint)
        em = self.sheet.fontMetrics().horizontalAdvance("汉")
        for column, width in _COLUMN_WIDTHS[model.table].items():
            self.sheet.setColumnWidth(model.columns.index(column), int(width * em + 16))
        # Long texts (完成情况, 原因分析) take the room left; table 7 keeps names beside their amounts.
        self.sheet.horizontalHeader().setStretchLastSection(model.table is not Table.BUDGET)


class _FileDropsToWindow(QObject):
    """Files dragged onto a text field go to the window (to be opened), never into the text as
    their path; files the window does not take are refused there too."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDragMoveEvent | QDropEvent)  # DragEnter is a DragMove
        mime = event.mimeData()
        if mime is None or not any(url.isLocalFile() for url in mime.urls()):
            return False
        if FileController.dropped_file(mime) is None:
            event.ignore()
        elif isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            self._window.dropEvent(event)
        else:
            event.acceptProposedAction()
        return True


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, dialogs: Dialogs, recovery: RecoveryStore, *,
                 autosave_ms: int = AUTOSAVE_INTERVAL_MS) -> None:
        super().__init__()
        self.settings = settings
        self.dialogs = dialogs
        self.document = Document(threshold=settings.far_exceeded_threshold, parent=self)
        self.autosaver = Autosaver(self.document, recovery, autosave_ms, self)
        self.files = FileController(self, self.document, settings, dialogs, self.autosaver, self._finish_cell_editing)
        self._shown_finding: Finding | None = None

        self._create_actions()
        self.models: dict[Table, TableModel] = {
            Table.BUDGET: BudgetModel(self.document, self),
            Table.TASKS: TasksModel(self.document, self),
            Table.INDICATORS: IndicatorsModel(self.document, self),
        }
        self.overview = OverviewPage(self.document, self)
        row_actions: list[QAction | None] = [self.act_insert_above, self.act_insert_below, None, self.act_delete_rows,
                                             None, self.act_move_up, self.act_move_down]
        self.pages: dict[Table, TablePage] = {}
        for table, model in self.models.items():
            actions = row_actions if table is not Table.TASKS else [self.act_insert_duty, None, *row_actions]
            page = TablePage(model, actions, self)
            page.sheet.dialogs = dialogs
            page.sheet.context_actions = [self.act_cut, self.act_copy, self.act_paste, self.act_clear, None,
                                          *(a for a in actions if a is not None)]
            self.pages[table] = page
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, Table.OVERVIEW.label)
        for table, page in self.pages.items():
            self.tabs.addTab(page, table.label)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

        self.findings_dock = FindingsDock(self.document, self)
        self.findings_dock.chosen.connect(self.show_finding)
        self.findings_dock.view.left.connect(self._back_to_report)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.act_findings = self.findings_dock.toggleViewAction()
        self.act_findings.setText("问题列表(&P)")
        self._create_menus()

        self.counts = FindingCounts(self.document, self)
        self.counts.clicked.connect(self._show_severity)
        self.statusBar().addPermanentWidget(self.counts)
        self.recovery_off = QLabel("自动恢复已关闭", self)
        self.recovery_off.hide()
        self.statusBar().addPermanentWidget(self.recovery_off)
        self.autosaver.off_changed.connect(self._show_recovery_off)
        self.statusBar().setSizeGripEnabled(True)

        drops = _FileDropsToWindow(self)
        # Drops land on a text editor's viewport.
        for widget in [*self.overview.line_edits.values(), *(e.viewport() for e in self.overview.editors.values())]:
            widget.installEventFilter(drops)
        self.setAcceptDrops(True)

        self.document.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.files.status.connect(self.statusBar().showMessage)
        self.files.started_new.connect(lambda: self.tabs.setCurrentWidget(self.overview))
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.files.read_only_changed.connect(self._update_title)
        self.document.findings_changed.connect(self._update_tab_icons)
        self.document.findings_changed.connect(self._forget_fixed_finding)
        self.document.reset.connect(self._update_tab_icons)
        self._update_title()
        self._update_tab_icons()
        self._tab_changed(0)
        self._restore_geometry()
        self.autosaver.start()

    # ------------------------------------------------------------ actions and menus

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | str | list[QKeySequence] | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）"
                              if not action.shortcut().isEmpty() else tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        files = self.files
        self.act_new = self._action("新建(&N)", files.new_report, QKeySequence(key.New), "新建一份空白报告")
        self.act_open = self._action("打开(&O)…", files.open_dialog, QKeySequence(key.Open), "打开项目文件（.jxzp）")
        self.act_import = self._action("导入(&I)…", files.import_dialog, None, "导入已发布报告的文本等格式")
        self.act_next_year = self._action("由上年报告新建(&L)…", files.next_year_dialog, None,
                                          "以上一年度的报告为基础，新建本年度报告")
        self.act_export_docx = self._action("导出 Word(&W)…", lambda: files.export(".docx"), QKeySequence("Ctrl+E"),
                                            "导出公文格式的 Word 文档，用于上报")
        self.act_export_xlsx = self._action("导出 Excel(&E)…", lambda: files.export(".xlsx"),
                                            QKeySequence("Ctrl+Shift+E"), "导出带公式的 Excel 工作簿，便于复核")
        self.act_save = self._action("保存(&S)", files.save, QKeySequence(key.Save), "保存报告")
        self.act_save_as = self._action("另存为(&A)…", files.save_as, QKeySequence("Ctrl+Shift+S"), "保存到另一个文件")
        self.act_quit = self._action("退出(&X)", self.close, QKeySequence("Ctrl+Q"))
        self.act_undo = self._action("撤销(&U)", self.undo, QKeySequence(key.Undo))
        self.act_redo = self._action("重做(&R)", self.redo, [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_cut = self._action("剪切(&T)", lambda: self._clipboard(QLineEdit.cut, QTextEdit.cut, SheetView.cut),
                                    QKeySequence(key.Cut))
        self.act_copy = self._action("复制(&C)", self._copy, QKeySequence(key.Copy))
        self.act_paste = self._action("粘贴(&P)",
                                      lambda: self._clipboard(QLineEdit.paste, QTextEdit.paste, SheetView.paste),
                                      QKeySequence(key.Paste), "粘贴从 Excel/WPS 复制的单元格")
        self.act_clear = self._action("清除内容(&D)", self._clear, QKeySequence(key.Delete))
        # Ctrl++ inserts above, as Excel's 插入 does; Ctrl+= (the same key without Shift) below.
        self.act_insert_above = self._action("在上方插入行",
                                             lambda: self._on_sheet(lambda s: s.insert_rows(below=False)),
                                             [QKeySequence("Ctrl++"), QKeySequence("Ctrl+Shift++")],
                                             "在所选行的上方插入空行")
        self.act_insert_below = self._action("在下方插入行",
                                             lambda: self._on_sheet(lambda s: s.insert_rows(below=True)),
                                             QKeySequence("Ctrl+="), "在所选行的下方插入空行")
        self.act_insert_duty = self._action("新增职责", lambda: self._on_sheet(SheetView.insert_duty),
                                            QKeySequence("Ctrl+Shift+D"), "在所选职责之后新增一项职责")
        self.act_delete_rows = self._action("删除行", lambda: self._on_sheet(SheetView.delete_rows),
                                            QKeySequence("Ctrl+-"), "删除所选的行")
        self.act_move_up = self._action("上移", lambda: self._on_sheet(lambda s: s.move_rows(-1)),
                                        QKeySequence("Alt+Up"), "把所选的行上移一行")
        self.act_move_down = self._action("下移", lambda: self._on_sheet(lambda s: s.move_rows(1)),
                                          QKeySequence("Alt+Down"), "把所选的行下移一行")
        self.act_next_finding = self._action("下一个问题(&N)", lambda: self.step_finding(1), QKeySequence("F8"))
        self.act_prev_finding = self._action("上一个问题(&V)", lambda: self.step_finding(-1), QKeySequence("Shift+F8"))
        self.act_focus_findings = self._action("转到问题列表(&L)", self._focus_findings, QKeySequence("F4"))
        self.act_options = self._action("选项(&O)…", self.edit_options)
        self.act_about = self._action("关于(&A)", lambda: self.dialogs.about(self))
        self.act_tabs = [
            self._action(f"{table.label}(&{n})", lambda i=n - 1: self.tabs.setCurrentIndex(i),
                         QKeySequence(f"Ctrl+{n}"))
            for n, table in enumerate(Table, start=1)
        ]
        stack = self.document.undo_stack
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.act_undo.setText(f"撤销 {text}(&U)" if text else "撤销(&U)"))
        stack.redoTextChanged.connect(lambda text: self.act_redo.setText(f"重做 {text}(&R)" if text else "重做(&R)"))
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("最近打开的文件(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.act_import, self.act_next_year])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export_docx, self.act_export_xlsx])
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_clear])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_insert_above, self.act_insert_below, self.act_insert_duty, self.act_delete_rows,
                              self.act_move_up, self.act_move_down])

        view_menu = bar.addMenu("视图(&V)")
        view_menu.addActions(self.act_tabs)
        view_menu.addSeparator()
        view_menu.addActions([self.act_findings, self.act_focus_findings, self.act_next_finding, self.act_prev_finding])

        tools_menu = bar.addMenu("工具(&T)")
        tools_menu.addAction(self.act_options)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.act_about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for n, path in enumerate(recent, start=1):
            label = f"&{n} {Path(path).name}" if n < 10 else Path(path).name
            action = self.recent_menu.addAction(label)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.files.open_recent(p))
        if not recent:
            empty = self.recent_menu.addAction("（无）")
            empty.setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表", lambda: setattr(self.settings, "recent_files", []))

    # ------------------------------------------------------------ state shown

    def _update_title(self, *_: object) -> None:
        read_only = "（只读）" if self.files.read_only else ""
        self.setWindowTitle(f"{self.document.display_name}{read_only}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.modified)

    def _show_recovery_off(self, why: str) -> None:
        self.recovery_off.setToolTip(why)
        self.recovery_off.setVisible(bool(why))

    def _update_tab_icons(self, *_: object) -> None:
        for i, table in enumerate(Table):
            severities = [f.severity for f in self.document.findings_of(table) if f.severity is not Severity.INFO]
            severity = worst(severities)
            self.tabs.setTabIcon(i, severity_icon(severity) if severity else QIcon())
            self.tabs.setTabToolTip(i, f"{len(severities)} 处需要处理" if severities else "未发现问题")

    def _tab_changed(self, index: int) -> None:
        table = list(Table)[index]
        on_table = table is not Table.OVERVIEW
        for action in (self.act_insert_above, self.act_insert_below, self.act_delete_rows, self.act_move_up,
                       self.act_move_down):
            action.setEnabled(on_table)
        self.act_insert_duty.setEnabled(table is Table.TASKS)
        self.act_insert_duty.setVisible(table is Table.TASKS)

    def current_sheet(self) -> SheetView | None:
        page = self.tabs.currentWidget()
        return page.sheet if isinstance(page, TablePage) else None

    # ------------------------------------------------------------ editing

    def _finish_cell_editing(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None and sheet.state() == SheetView.State.EditingState:
            sheet.setFocus(Qt.FocusReason.OtherFocusReason)  # the open editor commits and closes
        self.overview.finish_editing()

    def undo(self) -> None:
        self._finish_cell_editing()
        if self.document.undo_stack.canUndo():
            self.document.undo_stack.undo()
            self._reveal(self.document.last_changes)

    def redo(self) -> None:
        self._finish_cell_editing()
        if self.document.undo_stack.canRedo():
            self.document.undo_stack.redo()
            self._reveal(self.document.last_changes)

    def _reveal(self, changes: ChangeSet) -> None:
        """Show what an undo or redo changed, which may be on another tab: its cells, or the
        rows it put back."""
        tables = changes.tables
        if not tables:
            return
        order = list(Table)
        current = order[self.tabs.currentIndex()]
        table = current if current in tables else min(tables, key=order.index)
        cells = [c for c in changes.cells if c.table is table]
        if table is Table.OVERVIEW:
            self.tabs.setCurrentWidget(self.overview)
            self.overview.focus_field(min(c.column for c in cells))
            return
        page = self.pages[table]
        self.tabs.setCurrentWidget(page)
        sheet = page.sheet
        if cells:
            columns = sheet.table_model().columns
            rows = [c.row for c in cells if c.row is not None]
            indexes = [columns.index(c.column) for c in cells]
            sheet.select_block(min(rows), min(indexes), max(rows), max(indexes))
        else:
            region = changes.region(table)
            count = sheet.model().rowCount()
            if region is not None and count:
                first = min(region.first, count - 1)
                sheet.select_rows(first, min(region.first + max(region.inserted, 1), count) - 1)
        sheet.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_sheet(self, operation: Callable[[SheetView], object]) -> None:
        """A row operation on the table of the current tab, once any open cell editor has
        committed."""
        sheet = self.current_sheet()
        if sheet is None:
            return
        self._finish_cell_editing()
        operation(sheet)

    def _focused_sheet(self) -> SheetView | None:
        """The table that has the keyboard focus (or its open cell editor), if any."""
        focus = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, SheetView):
            focus = focus.parentWidget()
        return focus

    def _clipboard(self, on_line: Callable[[QLineEdit], None], on_text: Callable[[QTextEdit], None],
                   on_sheet: Callable[[SheetView], None]) -> bool:
        """Cut or paste where the focus is: a text field, a text box or a table. `False` if the
        focus is on none of them."""
        focus = QApplication.focusWidget()
        sheet = self._focused_sheet()
        if isinstance(focus, QLineEdit):
            on_line(focus)
        elif isinstance(focus, QPlainTextEdit):
            on_text(focus)  # type: ignore[arg-type]  # QPlainTextEdit has the same slots
        elif isinstance(focus, QTextEdit):
            on_text(focus)
        elif sheet is not None:
            on_sheet(sheet)
        else:
            return False
        return True

    def _copy(self) -> None:
        if self._clipboard(QLineEdit.copy, QTextEdit.copy, SheetView.copy):
            return
        focus = QApplication.focusWidget()
        if focus is self.findings_dock.view:
            index = self.findings_dock.view.currentIndex()
            if index.isValid():
                QApplication.clipboard().setText(self.findings_dock.model.finding(index.row()).message)

    def _clear(self) -> None:
        focus = QApplication.focusWidget()
        sheet = self._focused_sheet()
        if isinstance(focus, QLineEdit):
            focus.del_()
        elif isinstance(focus, QPlainTextEdit | QTextEdit):
            focus.textCursor().deleteChar()
        elif sheet is not None:
            sheet.clear_selection()

    # ------------------------------------------------------------ findings

    def show_finding(self, finding: Finding) -> None:
        self._finish_cell_editing()
        self._shown_finding = finding
        if finding.table is Table.OVERVIEW:
            self.tabs.setCurrentWidget(self.overview)
            if finding.column:
                self.overview.focus_field(finding.column, finding)
            return
        page = self.pages[finding.table]
        self.tabs.setCurrentWidget(page)
        columns = page.sheet.table_model().columns
        column = columns.index(finding.column) if finding.column in columns else 0
        page.sheet.focus_cell(finding.row or 0, column)
        self.statusBar().showMessage(_finding_text(finding), 15_000)

    def _forget_fixed_finding(self, *_: object) -> None:
        """The status bar stops showing a finding as soon as the clerk has fixed it."""
        shown = self._shown_finding
        if (shown is not None and self.statusBar().currentMessage() == _finding_text(shown)
                and shown not in self.document.findings):
            self.statusBar().clearMessage()

    def step_finding(self, step: int) -> None:
        """F8 / Shift+F8: the finding after or before the one last shown (chosen in the list or
        by F8), among those the list shows, wrapping round. By place, not by number: findings
        come and go as the clerk fixes them."""
        findings = self.findings_dock.model.findings
        if not findings:
            self.statusBar().showMessage("未发现问题。" if not self.document.findings else "没有这一级别的问题。", 5000)
            return
        shown = self._shown_finding
        if shown is None:
            finding = findings[0] if step > 0 else findings[-1]
        elif step > 0:
            finding = next((f for f in findings if f.sort_key > shown.sort_key), findings[0])
        else:
            finding = next((f for f in reversed(findings) if f.sort_key < shown.sort_key), findings[-1])
        self.findings_dock.select(finding)
        self.show_finding(finding)

    def _show_severity(self, severity: Severity) -> None:
        self.findings_dock.show()
        self.findings_dock.show_severity(severity)

    def _focus_findings(self) -> None:
        self.findings_dock.focus_list()

    def _back_to_report(self) -> None:
        page = self.tabs.currentWidget()
        target = page.sheet if isinstance(page, TablePage) else self.overview.editors[self.overview.current_section()]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------ dropped files

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if FileController.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if FileController.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = FileController.dropped_file(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        self.files.open_path(path)

    # ------------------------------------------------------------ options, closing

    def edit_options(self) -> None:
        threshold = self.dialogs.edit_options(self, self.document.threshold)
        if threshold is None:
            return
        self.apply_threshold(threshold)

    def apply_threshold(self, threshold: Decimal) -> None:
        self.settings.far_exceeded_threshold = threshold
        self.document.set_threshold(threshold)

    def _restore_geometry(self) -> None:
        geometry = self.settings.window_geometry
        if not geometry or not self.restoreGeometry(QByteArray(geometry)):
            screen = QApplication.primaryScreen().availableGeometry()
            self.resize(min(1360, int(screen.width() * 0.9)), min(860, int(screen.height() * 0.9)))
        state = self.settings.window_state
        if not state or not self.restoreState(QByteArray(state)):
            # Twelve lines of findings, but never more than 30 % of the window: at 150 % or 200 %
            # scaling a laptop's window is short, and the report needs the room.
            height = min(self.fontMetrics().lineSpacing() * 12, int(self.height() * 0.3))
            self.resizeDocks([self.findings_dock], [height], Qt.Orientation.Vertical)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.window_geometry = self.saveGeometry().data()
        self.settings.window_state = self.saveState().data()
        self.settings.sync()
        self.files.close()
        event.accept()
