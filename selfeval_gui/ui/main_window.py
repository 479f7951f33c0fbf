"""The main window: four tabs, the findings list and the menus. The file workflow (open, save,
import, export, recovery) is `files.FileController`'s.

The window shows in two steps, so that it is on screen as soon as Qt is: its frame (menus,
tabs, status bar) needs nothing but Qt and this module, which imports nothing that loads the
report model; `attach` then loads the report's parts (the document, the tables, the 概况
page, the findings list, the file workflow, and pydantic under them) and puts them in the
frame. `app.main` paints the frame before attaching; `MainWindow(settings, dialogs, recovery)`
does both at once.

The window is laid out for the screens clerks have, 1366×768 laptops at 150 % included: the
row operations sit beside the tabs, each table's hint in the status bar, and the findings list
takes its share of the height and no more (`_fit_findings`). The status bar says what is wrong
with the cell the cursor is on; F8 goes from the cursor to the next finding.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QCursor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from selfeval_gui.domain.findings import Finding, Severity, Table, column_order, finding_text
from selfeval_gui.ui.settings import Settings
from selfeval_gui.ui.style import fix_icon, severity_icon, worst
from selfeval_gui.ui.widgets import ElidedLabel, RowNumberBox, StatusBar

if TYPE_CHECKING:
    from decimal import Decimal

    from selfeval_gui.domain.edits import CellRef, ChangeSet
    from selfeval_gui.domain.search import Match
    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.autosave import Autosaver
    from selfeval_gui.ui.dialogs import Dialogs
    from selfeval_gui.ui.document import Document
    from selfeval_gui.ui.files import FileController
    from selfeval_gui.ui.find_replace import FindBar
    from selfeval_gui.ui.findings_panel import FindingCounts, FindingsDock
    from selfeval_gui.ui.models import TableModel
    from selfeval_gui.ui.overview import OverviewPage
    from selfeval_gui.ui.sheet import SheetView
    from selfeval_gui.ui.table_page import TablePage

APP_TITLE = "部门整体支出预算绩效自评"

#: The findings list's share of the window's height: what it takes, and at most (dragged).
FINDINGS_SHARE = 0.25
FINDINGS_MAX_SHARE = 0.3
#: Fewer findings than this in its share and the list folds to its title bar.
FINDINGS_MIN_ROWS = 3
FINDINGS_MAX_ROWS = 12
#: Before this place in reading order: the top of a tab whose cursor is nowhere yet.
_TOP = (-2, -2)


def fit_within(rect: QRect, area: QRect) -> QRect:
    """`rect` made no larger than `area` and moved the least to lie within it."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    left = min(max(rect.left(), area.left()), area.left() + area.width() - width)
    top = min(max(rect.top(), area.top()), area.top() + area.height() - height)
    return QRect(left, top, width, height)


class _FileDropsToWindow(QObject):
    """Files dragged onto a text field go to the window (to be opened), never into the text as
    their path; files the window does not take are refused there too."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)  # as are DragEnter and DragMove
        mime = event.mimeData()
        if not any(url.isLocalFile() for url in mime.urls()):
            return False
        if self._window.files.dropped_file(mime) is None:
            event.ignore()
        elif event.type() == QEvent.Type.Drop:
            self._window.dropEvent(event)
        else:
            event.acceptProposedAction()
        return True


class MainWindow(QMainWindow):
    """The editor's window: `MainWindow(settings)` is the frame, for `attach` to fill once it
    is on screen; `MainWindow(settings, dialogs, recovery)` is the whole window at once."""

    # The report's parts, made by `attach`.
    dialogs: Dialogs
    document: Document
    autosaver: Autosaver
    files: FileController
    models: dict[Table, TableModel]
    overview: OverviewPage
    pages: dict[Table, TablePage]
    find_bar: FindBar
    findings_dock: FindingsDock
    counts: FindingCounts

    @overload
    def __init__(self, settings: Settings) -> None: ...

    @overload
    def __init__(self, settings: Settings, dialogs: Dialogs, recovery: RecoveryStore, *,
                 autosave_ms: int | None = None) -> None: ...

    def __init__(self, settings: Settings, dialogs: Dialogs | None = None, recovery: RecoveryStore | None = None,
                 *, autosave_ms: int | None = None) -> None:
        super().__init__()
        self.settings = settings
        #: Whether `attach` has put the report's parts in the frame.
        self.attached = False
        self._shown_once = False
        #: Whether the window was last too short for the findings list (it folds then).
        self._short: bool | None = None
        #: The folded list was unfolded by F4, to fold again when the clerk leaves it.
        self._peeking = False
        self.setWindowTitle(APP_TITLE)
        self._create_menus()
        #: The tabs with blank pages, until the report's tabs take their place.
        self._blank_tabs = self._tab_widget()
        for table in Table:
            self._blank_tabs.addTab(QWidget(self._blank_tabs), table.label)
        self._blank_tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to type into yet
        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self._blank_tabs, 1)
        self.setCentralWidget(central)

        #: What is wrong with the cell the cursor is on, else the table's hint (greyed). Its
        #: text is cut to fit, whole in its tooltip; messages cover it for their moment.
        self.cell_status = ElidedLabel(self)
        self.setStatusBar(StatusBar(self))
        self.statusBar().addWidget(self.cell_status, 1)
        self.statusBar().setSizeGripEnabled(True)
        # Fitted once the window's layout has settled after a resize (before, the layout
        # would undo it).
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._restore_geometry()
        if dialogs is not None and recovery is not None:
            self.attach(dialogs, recovery, autosave_ms=autosave_ms)
        else:
            self.statusBar().showMessage("正在打开……")

    def attach(self, dialogs: Dialogs, recovery: RecoveryStore, *, autosave_ms: int | None = None) -> None:
        """Put the report's parts in the frame: the document with its file workflow and
        autosave (a recovery copy every `autosave_ms`, a minute unless given), the menus'
        commands, the four tabs' pages, the find bar and the findings list. The window then
        shows an empty report until one is opened."""
        # Here, not at the top: these load pydantic and the report model, which the frame is
        # painted without.
        from selfeval_gui.ui.autosave import AUTOSAVE_INTERVAL_MS, Autosaver
        from selfeval_gui.ui.document import Document
        from selfeval_gui.ui.files import FileController
        from selfeval_gui.ui.find_replace import FindBar
        from selfeval_gui.ui.findings_panel import FindingCounts, FindingsDock
        from selfeval_gui.ui.models import BudgetModel, IndicatorsModel, TasksModel
        from selfeval_gui.ui.overview import OverviewPage
        from selfeval_gui.ui.table_page import TablePage

        self.dialogs = dialogs
        self.document = Document(threshold=self.settings.far_exceeded_threshold, parent=self)
        self.autosaver = Autosaver(self.document, recovery,
                                   AUTOSAVE_INTERVAL_MS if autosave_ms is None else autosave_ms, self)
        self.files = FileController(self, self.document, self.settings, dialogs, self.autosaver,
                                    self._finish_cell_editing)
        self._create_actions()
        self.models = {
            Table.BUDGET: BudgetModel(self.document, self),
            Table.TASKS: TasksModel(self.document, self),
            Table.INDICATORS: IndicatorsModel(self.document, self),
        }
        self.overview = OverviewPage(self.document, self, settings=self.settings)
        self.pages = {table: TablePage(model, self) for table, model in self.models.items()}
        self._place_pages()
        self.find_bar = FindBar(self.document, self._current_table, self._current_ref, self._show_match, self)
        self.find_bar.closed.connect(self._back_to_report)
        self.tabs.currentChanged.connect(lambda _index: self.find_bar.refresh())
        self._central_layout.addWidget(self.find_bar)
        self.findings_dock = FindingsDock(self.document, self)
        self._place_findings()
        self._fill_menus()
        self.row_box = RowNumberBox(self)
        self.statusBar().addPermanentWidget(self.row_box)
        self.counts = FindingCounts(self.document, self)
        self.counts.clicked.connect(self._show_severity)
        self.statusBar().addPermanentWidget(self.counts)
        self.recovery_off = QLabel("自动恢复已关闭", self)
        self.recovery_off.hide()
        self.statusBar().addPermanentWidget(self.recovery_off)
        self.autosaver.off_changed.connect(self._show_recovery_off)
        self.row_box.go.connect(self._go_to_row)
        self.row_box.left.connect(self._back_to_report)

        drops = _FileDropsToWindow(self)
        # Drops land on a text editor's viewport.
        for widget in [*self.overview.line_edits.values(), *(e.viewport() for e in self.overview.editors.values())]:
            widget.installEventFilter(drops)
        self.setAcceptDrops(True)
        self._follow_document()
        self.attached = True
        self._apply_reference_visibility()
        self._update_fix_actions()
        self._update_title()
        self._update_tab_icons()
        self._tab_changed(self.tabs.currentIndex())
        self.statusBar().clearMessage()
        if self.isActiveWindow() and QApplication.focusWidget() is None:
            # Activated while the frame had nothing to type into: the keyboard goes where
            # activating a window sends it, to the first field.
            self.focusNextChild()
        self.autosaver.start()

    def _tab_widget(self) -> QTabWidget:
        tabs = QTabWidget(self)
        tabs.setDocumentMode(True)
        return tabs

    def _place_pages(self) -> None:
        """The report's pages in the tabs, in place of the blank ones; the row operations
        beside the tabs rather than on a line of their own (on a short screen every line is a
        row of the table)."""
        row_actions: list[QAction | None] = [self.act_insert_above, self.act_insert_below, None, self.act_delete_rows,
                                             None, self.act_move_up, self.act_move_down]
        for table, page in self.pages.items():
            actions = row_actions if table is not Table.TASKS else [self.act_insert_duty, None, *row_actions]
            page.sheet.dialogs = self.dialogs
            page.sheet.context_actions = [self.act_fix, self.act_fix_all, None, self.act_cut, self.act_copy,
                                          self.act_paste, self.act_clear, None, *actions]
            page.sheet.selectionModel().currentChanged.connect(self._update_fix_actions)
            page.sheet.selectionModel().currentChanged.connect(self._cursor_moved)
        # A tab widget made now, after the pages (Tab goes through the page, then to the tab
        # bar), in place of the frame's, which looks the same.
        self.tabs = self._tab_widget()
        self.tabs.addTab(self.overview, Table.OVERVIEW.label)
        for table, page in self.pages.items():
            self.tabs.addTab(page, table.label)
        self._central_layout.replaceWidget(self._blank_tabs, self.tabs)
        self._blank_tabs.hide()
        self._blank_tabs.deleteLater()
        self.tabs.show()
        self.row_toolbar = QToolBar(self)
        self.row_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.row_toolbar.addActions([self.act_insert_duty, self.act_insert_above, self.act_insert_below])
        self.row_toolbar.addSeparator()
        self.row_toolbar.addAction(self.act_delete_rows)
        self.row_toolbar.addSeparator()
        self.row_toolbar.addActions([self.act_move_up, self.act_move_down])
        self.tabs.setCornerWidget(self.row_toolbar, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _place_findings(self) -> None:
        """The findings list under the report, where the clerk left it last time."""
        dock = self.findings_dock
        dock.chosen.connect(self.show_finding)
        dock.view.left.connect(self._back_to_report)
        dock.add_actions([self.act_fix, self.act_fix_all])
        dock.view.selectionModel().currentChanged.connect(self._update_fix_actions)
        self._fit_timer.timeout.connect(self._fit_findings)
        dock.fold_changed.connect(self._fit_timer.start)
        dock.topLevelChanged.connect(self._fit_timer.start)
        dock.dockLocationChanged.connect(self._fit_timer.start)
        dock.visibilityChanged.connect(self._fit_timer.start)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        state = self.settings.window_state
        if state:
            self.restoreState(QByteArray(state))
        self.act_findings = dock.toggleViewAction()
        self.act_findings.setText("问题列表(&P)")

    def _follow_document(self) -> None:
        """What the window shows follows the document, the file workflow and the focus."""
        self.document.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.document.paste_notes.connect(lambda notes: self.dialogs.show_paste_notes(self, notes))
        self.files.status.connect(self.statusBar().showMessage)
        self.files.started_new.connect(lambda: self.tabs.setCurrentWidget(self.overview))
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.files.read_only_changed.connect(self._update_title)
        self.document.findings_changed.connect(self._update_tab_icons)
        self.document.findings_changed.connect(self._cursor_moved)
        self.document.reset.connect(self._cursor_moved)
        self.document.reset.connect(self._update_tab_icons)
        self.document.reset.connect(self._apply_reference_visibility)
        self.document.findings_changed.connect(self._update_fix_actions)
        self.document.reset.connect(self._update_fix_actions)
        self.tabs.currentChanged.connect(self._update_fix_actions)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        app.focusChanged.connect(self._update_fix_actions)

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
        from selfeval_gui.ui.files import export_title  # loaded with the file workflow (`attach`)

        key = QKeySequence.StandardKey
        files = self.files
        self.act_new = self._action("新建(&N)", files.new_report, QKeySequence(key.New), "新建一份空白报告")
        self.act_open = self._action("打开(&O)…", files.open_dialog, QKeySequence(key.Open), "打开项目文件（.jxzp）")
        self.act_import = self._action("导入(&I)…", files.import_dialog, None, "导入已发布报告的文本等格式")
        self.act_next_year = self._action("由上年报告新建(&L)…", files.next_year_dialog, None,
                                          "以上一年度的报告为基础，新建本年度报告")
        self.act_export_docx = self._action(f"{export_title('.docx')}(&W)…", lambda: files.export(".docx"),
                                            QKeySequence("Ctrl+E"), "导出公文格式的 Word 文档，用于上报")
        self.act_export_xlsx = self._action(f"{export_title('.xlsx')}(&E)…", lambda: files.export(".xlsx"),
                                            QKeySequence("Ctrl+Shift+E"), "导出带公式的 Excel 工作簿，便于复核")
        self.act_export_pdf = self._action(f"{export_title('.pdf')}(&D)…", lambda: files.export(".pdf"), None,
                                           "导出与 Word 文档版式相同的 PDF，用于网上报送")
        self.act_print_preview = self._action("打印预览(&V)…", files.print_preview, None, "逐页查看打印出来的样子")
        self.act_print = self._action("打印(&P)…", files.print_document, QKeySequence(key.Print), "打印报告")
        self.act_save = self._action("保存(&S)", files.save, QKeySequence(key.Save), "保存报告")
        self.act_save_as = self._action("另存为(&A)…", files.save_as, QKeySequence("Ctrl+Shift+S"), "保存到另一个文件")
        self.act_quit = self._action("退出(&X)", self.close, QKeySequence("Ctrl+Q"))
        self.act_undo = self._action("撤销(&U)", self.undo, QKeySequence(key.Undo))
        self.act_redo = self._action("重做(&R)", self.redo, [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_cut = self._action("剪切(&T)", lambda: self._clipboard("cut"), QKeySequence(key.Cut))
        self.act_copy = self._action("复制(&C)", self._copy, QKeySequence(key.Copy))
        self.act_paste = self._action("粘贴(&P)", lambda: self._clipboard("paste"), QKeySequence(key.Paste),
                                      "粘贴从 Excel/WPS 复制的单元格")
        self.act_clear = self._action("清除内容(&D)", self._clear, QKeySequence(key.Delete))
        # Ctrl++ inserts above, as Excel's 插入 does; Ctrl+= (the same key without Shift) below.
        self.act_insert_above = self._action("在上方插入行",
                                             lambda: self._on_sheet(lambda s: s.insert_rows(below=False)),
                                             [QKeySequence("Ctrl++"), QKeySequence("Ctrl+Shift++")],
                                             "在所选行的上方插入空行")
        self.act_insert_below = self._action("在下方插入行",
                                             lambda: self._on_sheet(lambda s: s.insert_rows(below=True)),
                                             QKeySequence("Ctrl+="), "在所选行的下方插入空行")
        self.act_insert_duty = self._action("新增职责", lambda: self._on_sheet(lambda s: s.insert_duty()),
                                            QKeySequence("Ctrl+Shift+D"), "在所选职责之后新增一项职责")
        self.act_delete_rows = self._action("删除行", lambda: self._on_sheet(lambda s: s.delete_rows()),
                                            QKeySequence("Ctrl+-"), "删除所选的行")
        self.act_move_up = self._action("上移", lambda: self._on_sheet(lambda s: s.move_rows(-1)),
                                        QKeySequence("Alt+Up"), "把所选的行上移一行")
        self.act_move_down = self._action("下移", lambda: self._on_sheet(lambda s: s.move_rows(1)),
                                          QKeySequence("Alt+Down"), "把所选的行下移一行")
        self.act_next_finding = self._action("下一个问题(&N)", lambda: self.step_finding(1), QKeySequence("F8"))
        self.act_prev_finding = self._action("上一个问题(&V)", lambda: self.step_finding(-1), QKeySequence("Shift+F8"))
        self.act_focus_findings = self._action("转到问题列表(&L)", self._focus_findings, QKeySequence("F4"))
        self.act_fix = self._action("一键更正(&X)", lambda: self.apply_fix(all_of_kind=False), QKeySequence("Ctrl+."),
                                    "由软件算出正确的值并更正所选的问题（一步，可撤销）")
        self.act_fix_all = self._action("更正全部同类问题(&K)", lambda: self.apply_fix(all_of_kind=True), None,
                                        "一键更正与所选问题同类的全部问题（一步，可撤销）")
        # A disabled action's key does nothing: Ctrl+. still says why there is nothing to fix.
        no_fix = QShortcut(QKeySequence("Ctrl+."), self, lambda: self.apply_fix(all_of_kind=False))
        no_fix.setEnabled(not self.act_fix.isEnabled())
        self.act_fix.enabledChanged.connect(lambda enabled: no_fix.setEnabled(not enabled))
        # Buttons keep a short label; menus say what the fix at hand does (see _update_fix_actions).
        self.act_fix.setIcon(fix_icon())
        self.act_fix.setIconText("一键更正")
        self.act_fix_all.setIconText("更正全部同类")
        self.act_find = self._action("查找(&F)…", lambda: self.open_find(replacing=False), QKeySequence(key.Find),
                                     "在报告的各表格和正文中查找")
        self.act_replace = self._action("替换(&H)…", lambda: self.open_find(replacing=True), QKeySequence("Ctrl+H"),
                                        "在报告中查找并替换文字")
        self.act_find_next = self._action("查找下一个", lambda: self._find_step(1), QKeySequence(key.FindNext))
        self.act_find_previous = self._action("查找上一个", lambda: self._find_step(-1), QKeySequence(key.FindPrevious))
        self.act_show_reference = QAction("上年对照(&R)", self)
        self.act_show_reference.setStatusTip("显示上年的数值和文字（由上年报告新建的报告才有）")
        self.act_show_reference.setCheckable(True)
        self.act_show_reference.setChecked(self.settings.show_reference)
        self.act_show_reference.toggled.connect(self._reference_toggled)
        self.act_options = self._action("选项(&O)…", self.edit_options)
        self.act_about = self._action("关于(&A)", lambda: self.dialogs.about(self))
        self.act_go_to_row = self._action("转到行(&G)…", self._focus_row_box, QKeySequence("Ctrl+G"),
                                          "转到当前表格的某一行")
        self.act_tabs = [
            self._action(f"{table.label}(&{n})", partial(self.go_to_tab, n - 1), QKeySequence(f"Ctrl+{n}"))
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
        """The menu bar's menus, empty until `attach` fills them."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self.edit_menu = bar.addMenu("编辑(&E)")
        self.view_menu = bar.addMenu("视图(&V)")
        self.tools_menu = bar.addMenu("工具(&T)")
        self.help_menu = bar.addMenu("帮助(&H)")

    def _fill_menus(self) -> None:
        file_menu = self.file_menu
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("最近打开的文件(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.act_import, self.act_next_year])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export_docx, self.act_export_pdf, self.act_export_xlsx])
        file_menu.addSeparator()
        file_menu.addActions([self.act_print_preview, self.act_print])
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit_menu = self.edit_menu
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_clear])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_insert_above, self.act_insert_below, self.act_insert_duty, self.act_delete_rows,
                              self.act_move_up, self.act_move_down])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_find, self.act_replace, self.act_find_next, self.act_find_previous])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_fix, self.act_fix_all])

        view_menu = self.view_menu
        view_menu.addActions(self.act_tabs)
        view_menu.addAction(self.act_go_to_row)
        view_menu.addSeparator()
        view_menu.addActions([self.act_findings, self.act_focus_findings, self.act_next_finding, self.act_prev_finding])
        view_menu.addSeparator()
        view_menu.addAction(self.act_show_reference)

        self.tools_menu.addAction(self.act_options)
        self.help_menu.addAction(self.act_about)

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
        self.row_toolbar.setVisible(on_table)
        self.findings_dock.set_current_table(table)
        self._cursor_moved()

    def go_to_tab(self, index: int) -> None:
        """Ctrl+1…4: the tab, with the keyboard in it (its table, or the section being written)."""
        self.tabs.setCurrentIndex(index)
        sheet = self.current_sheet()
        if sheet is not None and not sheet.currentIndex().isValid() and sheet.model().rowCount():
            sheet.setCurrentIndex(sheet.model().index(0, 0))
        self._back_to_report()

    def _current_page(self) -> TablePage | None:
        """The page of the table the tab shown holds (`None` on 概况)."""
        return self.pages.get(self._current_table())

    def current_sheet(self) -> SheetView | None:
        page = self._current_page()
        return page.sheet if page is not None else None

    # ------------------------------------------------------------ editing

    def _finish_cell_editing(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None and sheet.state() == QAbstractItemView.State.EditingState:
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
        if focus is None:
            return None
        return next((p.sheet for p in self.pages.values() if p.sheet is focus or p.sheet.isAncestorOf(focus)), None)

    def _clipboard(self, operation: Literal["cut", "copy", "paste"]) -> bool:
        """Cut, copy or paste where the focus is: a text field, a text box, a cell being edited
        or a table. `False` if the focus is on none of them."""
        focus = QApplication.focusWidget()
        sheet = self._focused_sheet()
        target: QLineEdit | QTextEdit | QPlainTextEdit | SheetView
        if isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit):
            target = focus
        elif sheet is not None:
            target = sheet
        else:
            return False
        {"cut": target.cut, "copy": target.copy, "paste": target.paste}[operation]()
        return True

    def _copy(self) -> None:
        if self._clipboard("copy"):
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
        """Go to a finding's cell (or 概况 field), with the keyboard there."""
        self._finish_cell_editing()
        if finding.table is Table.OVERVIEW:
            self.tabs.setCurrentWidget(self.overview)
            if finding.column:
                self.overview.focus_field(finding.column, finding)
        else:
            page = self.pages[finding.table]
            self.tabs.setCurrentWidget(page)
            columns = page.sheet.table_model().columns
            column = columns.index(finding.column) if finding.column in columns else 0
            page.sheet.focus_cell(finding.row or 0, column)
        self._refold()
        self.statusBar().clearMessage()  # the finding gone to is what the status bar is about
        self._cursor_moved()

    def _cursor_place(self) -> tuple[int, int, float]:
        """Where the cursor is, in reading order: (tab, row, column) as `Finding.sort_key`
        begins (see `SheetView.reading_place`)."""
        index = self.tabs.currentIndex()
        page = self._current_page()
        if page is None:
            return index, -1, column_order(Table.OVERVIEW, self.overview.current_field())
        place = page.sheet.reading_place()
        return (index, *(_TOP if place is None else place))

    def _cursor_findings(self) -> tuple[Finding, ...]:
        """The findings of the cell (or 概况 field) the cursor is on."""
        page = self._current_page()
        if page is None:
            return self.document.findings_at(Table.OVERVIEW, None, self.overview.current_field())
        return page.sheet.current_findings()

    def _cursor_moved(self, *_: object) -> None:
        """The status bar says what is wrong with the cell the cursor is on (and stops saying
        it once the cursor has left it or it has been fixed); the table's hint otherwise."""
        text = "  ".join(finding_text(f) for f in self._cursor_findings())
        page = self._current_page()
        self.cell_status.setEnabled(bool(text))
        self.cell_status.setText(text or (page.hint if page is not None else ""))

    def cell_message(self) -> str:
        """What the status bar says about the cell the cursor is on ("" for nothing)."""
        return self.cell_status.text() if self.cell_status.isEnabled() else ""

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.overview.isAncestorOf(new):
            self._cursor_moved()

    def _step_origin(self, step: int) -> tuple[float | str, ...]:
        """Where F8 (`step` 1) or Shift+F8 (-1) counts from, as a finding's sort key or a prefix
        of one (typed wide for that: the cursor's place is not a sort key itself)."""
        view = self.findings_dock.view
        if view.hasFocus() and view.currentIndex().isValid():
            return self.findings_dock.model.finding(view.currentIndex().row()).sort_key
        place = self._cursor_place()
        # A key sorts after its own prefix: past every finding of the cell going on, before
        # all of them going back.
        return (*place, len(Severity)) if step > 0 else place

    def step_finding(self, step: int) -> None:
        """F8 / Shift+F8: the next or previous finding strictly after or before the cursor's
        cell in reading order, across tabs, among those the list shows, wrapping round (the
        cell's own findings are in the status bar already, also those a fix, an undo or a
        paste has just given it). In the list, from the finding chosen there."""
        findings = self.findings_dock.model.findings
        if not findings:
            self.statusBar().showMessage("未发现问题。" if not self.document.findings else "没有这一级别的问题。", 5000)
            return
        key = self._step_origin(step)
        if step > 0:
            finding = next((f for f in findings if f.sort_key > key), None)
            wrapped = finding is None
            finding = finding or findings[0]
        else:
            finding = next((f for f in reversed(findings) if f.sort_key < key), None)
            wrapped = finding is None
            finding = finding or findings[-1]
        self.findings_dock.select(finding)
        self.show_finding(finding)
        if wrapped:
            where = "最后一个问题之后，从第一个" if step > 0 else "第一个问题之前，从最后一个"
            self.statusBar().showMessage(f"（已到{where}开始）{self.cell_message()}", 5000)

    def _show_severity(self, severity: Severity) -> None:
        self.findings_dock.show()
        self.findings_dock.show_severity(severity)

    def _focus_findings(self) -> None:
        self._peeking = self._peeking or self.findings_dock.folded
        self.findings_dock.focus_list()

    # ------------------------------------------------------------ one-key fixes

    def _fix_target(self) -> Finding | None:
        """The finding Ctrl+. fixes: the one chosen in the findings list when the list has the
        focus, else a finding with a fix at the current cell or field."""
        focus = QApplication.focusWidget()
        view = self.findings_dock.view
        if focus is view:
            index = view.currentIndex()
            return self.findings_dock.model.finding(index.row()) if index.isValid() else None
        return next((f for f in self._cursor_findings() if self.document.fix_for(f) is not None), None)

    def _update_fix_actions(self, *_: object) -> None:
        """The fix actions say what they would do (in the menus and the cell's context menu)."""
        finding = self._fix_target()
        fix = self.document.fix_for(finding) if finding is not None else None
        if fix is None:
            self.act_fix.setToolTip("这里没有软件能自动更正的问题；问题列表中带闪电标记的可以（Ctrl+.）")
            self.act_fix.setText("一键更正(&X)")
            self.act_fix_all.setText("更正全部同类问题(&K)")
            self.act_fix.setEnabled(False)
            self.act_fix_all.setEnabled(False)
            return
        count = len(self.document.fixes_of_kind(fix.finding.code))
        self.act_fix.setText(f"一键更正(&X)：{fix.label}")
        self.act_fix_all.setText(f"更正全部同类问题(&K)（{count} 处）")
        self.act_fix.setToolTip(f"{fix.label}（Ctrl+.）" + (f"\n注意：{fix.caution}" if fix.caution else ""))
        self.act_fix.setEnabled(True)
        self.act_fix_all.setEnabled(True)

    def apply_fix(self, *, all_of_kind: bool) -> None:
        """Ctrl+. (or 更正全部同类问题): apply the fix of the finding at hand, one undo step."""
        self._finish_cell_editing()
        finding = self._fix_target()
        fix = self.document.fix_for(finding) if finding is not None else None
        if fix is None:
            self.statusBar().showMessage("这里没有软件能自动更正的问题（问题列表中带闪电标记的可以）。", 8000)
            return
        fixes = self.document.fixes_of_kind(fix.finding.code) if all_of_kind else [fix]
        self.document.apply_fixes(fixes)
        done = f"已更正 {len(fixes)} 处同类问题" if len(fixes) > 1 else f"已更正：{fix.label}"
        caution = f"注意：{fix.caution}" if fix.caution else ""
        self.statusBar().showMessage(f"{done}。{caution}（按 Ctrl+Z 撤销）", 20_000)

    # ------------------------------------------------------------ find and replace

    def open_find(self, *, replacing: bool) -> None:
        focus = QApplication.focusWidget()
        selected = ""
        if isinstance(focus, QLineEdit) and not self.find_bar.isAncestorOf(focus):
            selected = focus.selectedText()
        elif isinstance(focus, QTextEdit | QPlainTextEdit):
            selected = focus.textCursor().selectedText()
        self._finish_cell_editing()
        self.find_bar.open(replacing=replacing, text=selected)

    def _find_step(self, delta: int) -> None:
        if not self.find_bar.isVisible():
            self.open_find(replacing=False)
            return
        self.find_bar.step(delta)

    def _current_table(self) -> Table:
        return list(Table)[self.tabs.currentIndex()]

    def _current_ref(self) -> CellRef | None:
        page = self._current_page()
        return page.sheet.current_ref() if page is not None else self.overview.current_ref()

    def _show_match(self, match: Match) -> None:
        """Select a match where it is: its cell in its table, or its text in 概况."""
        ref = match.ref
        if ref.table is Table.OVERVIEW:
            self.tabs.setCurrentWidget(self.overview)
            self.overview.select_text(ref.column, match.start, match.end)
            return
        page = self.pages[ref.table]
        self.tabs.setCurrentWidget(page)
        model = page.sheet.table_model()
        index = model.index(ref.row or 0, model.column_index(ref.column))
        page.sheet.setCurrentIndex(index)
        page.sheet.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # ------------------------------------------------------------ last year's reference

    def _reference_toggled(self, checked: bool) -> None:
        self.settings.show_reference = checked
        self._apply_reference_visibility()

    def _apply_reference_visibility(self) -> None:
        """Last year's columns and texts: shown when the report has them and the clerk wants
        them (视图 → 上年对照, remembered)."""
        available = self.document.has_reference
        self.act_show_reference.setEnabled(available)
        visible = available and self.act_show_reference.isChecked()
        for page in self.pages.values():
            page.show_reference(visible)
        self.overview.set_reference_visible(visible)

    def _back_to_report(self) -> None:
        page = self._current_page()
        target = page.sheet if page is not None else self.overview.editors[self.overview.current_section()]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._refold()

    def _focus_row_box(self) -> None:
        self.row_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.row_box.selectAll()

    def _go_to_row(self, number: int) -> None:
        sheet = self.current_sheet()
        if sheet is None:
            self.statusBar().showMessage("“概况”没有行号：请先转到一张表格（Ctrl+2、Ctrl+3、Ctrl+4）。", 5000)
        elif sheet.go_to_row(number):
            self.row_box.clear()

    # ------------------------------------------------------------ dropped files

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.files.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.files.dropped_file(event.mimeData())
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
        """The last session's size and place, within the screen as it is now; on the first
        start, maximised on the screen the window opens on. (Where the findings list was is
        restored with it, by `_place_findings`.)"""
        geometry = self.settings.window_geometry
        # Qt moves a geometry saved on a screen that has gone since onto one that is there;
        # `showEvent` makes sure it fits.
        if geometry and self.restoreGeometry(QByteArray(geometry)):
            return
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        normal = QRect(0, 0, available.width() * 4 // 5, available.height() * 4 // 5)
        normal.moveCenter(available.center())
        self.setGeometry(normal)  # where "restore down" goes
        self.setWindowState(Qt.WindowState.WindowMaximized)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """A window restored larger than its screen's free area, or partly off it (saved on a
        larger monitor, at another scaling), is made to fit, title bar and all."""
        if self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            return
        frame, inner = self.frameGeometry(), self.geometry()
        fitted = fit_within(frame, self.screen().availableGeometry())
        if fitted != frame:
            self.setGeometry(fitted.marginsRemoved(QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                                                            frame.right() - inner.right(),
                                                            frame.bottom() - inner.bottom())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def _fit_findings(self) -> None:
        """The findings list takes its share of the window and no more: a quarter of the
        height under the report (a few lines on a short window), up to 30 % if dragged; too
        short for three lines, it folds to its title bar. Beside the report (dragged there) it
        takes at most a third of the width. Nothing here counts pixels of a font: the share
        is in rows of the list as they are."""
        dock = self.findings_dock
        unlimited = (1 << 24) - 1  # QWIDGETSIZE_MAX
        if dock.isFloating() or not dock.isVisible():
            dock.setMaximumSize(unlimited, unlimited)
            return
        if self.dockWidgetArea(dock) in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea):
            dock.setMaximumSize(self.width() // 3, unlimited)
            return
        height = self.height()
        cap = int(height * FINDINGS_MAX_SHARE)
        short = dock.height_for(FINDINGS_MIN_ROWS) > cap
        if short != self._short:
            self._short = short
            self._peeking = False
            dock.set_folded(short)
        if dock.folded:
            dock.setMaximumSize(unlimited, dock.height_for(0))
            return
        rows = int(height * FINDINGS_SHARE - dock.height_for(0)) // dock.row_height()
        rows = min(max(rows, FINDINGS_MIN_ROWS), FINDINGS_MAX_ROWS)
        dock.setMaximumSize(unlimited, max(cap, dock.height_for(rows)))
        self.resizeDocks([dock], [dock.height_for(rows)], Qt.Orientation.Vertical)

    def _refold(self) -> None:
        """The list unfolded by F4 folds again once the clerk has left it."""
        if self._peeking and not self.findings_dock.view.hasFocus():
            self._peeking = False
            self.findings_dock.set_folded(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:
            # Asked by the window system in the moment the frame is first painted, before the
            # report's parts are there: refused, as closing could not ask about the report.
            # Once the report is shown the window closes as always.
            event.ignore()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        self.settings.sync()
        self.files.close()
        event.accept()
