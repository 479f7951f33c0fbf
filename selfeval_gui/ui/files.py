"""The editor's file workflow: new, open, save, import, export, next year and recovery.

It sits beside the main window, not inside it: the window owns menus and views and calls the
controller; the controller owns the questions (through `Dialogs`), the files and what the
status bar says about them. Nothing here paints or lays out widgets.

Nothing is lost between windows: a report open for editing holds a lock file beside it, so
that a second window opening it is told who has it open (and may open it read-only or as a
copy); before each save the file on disk is compared with what was loaded or last saved,
and if another window or program changed it the clerk chooses (a copy, overwrite, reload);
a read-only file is replaced only when the clerk says so.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from selfeval_gui.domain.findings import Severity
from selfeval_gui.domain.model import Report
from selfeval_gui.importers import CONVERT_FIRST, IMPORTABLE, ImportFailed, import_report, read_last_year
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.atomic import explain_os_error
from selfeval_gui.storage.identity import FileIdentity
from selfeval_gui.storage.lockfile import LockFile, edit_lock_path, path_key
from selfeval_gui.storage.names import DOCUMENT_FORMATS, default_file_name
from selfeval_gui.storage.projectfile import (
    SUFFIX,
    ProjectFileError,
    ReadOnlyProjectError,
    backup_path,
    load_project,
    load_report,
    save_report,
)
from selfeval_gui.storage.recovery import RecoveryCopy, SetAside
from selfeval_gui.ui.autosave import Autosaver
from selfeval_gui.ui.dialogs import PROJECT_FILTER, Dialogs
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from selfeval_gui.exporters.typeset import PageBox

SAMPLE_NAME = "示例报告（苏州市红十字会2023年度）"
UNTITLED = "未命名"


class FileController(QObject):
    """Opens, saves, imports and exports the window's document, asking through `dialogs`.

    `commit_edits` is called before anything reads the report, so that a cell still being
    typed in is part of what is saved or exported.
    """

    #: A sentence for the status bar and how long to show it (ms).
    status = Signal(str, int)
    #: A new, empty report was started (the window shows 概况 for it).
    started_new = Signal()
    #: The report was opened read-only, or is no longer (the window's title says so).
    read_only_changed = Signal()

    def __init__(self, window: QWidget, document: Document, settings: Settings, dialogs: Dialogs,
                 autosaver: Autosaver, commit_edits: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self.document = document
        self.settings = settings
        self.dialogs = dialogs
        self.autosaver = autosaver
        self._commit_edits = commit_edits
        #: What the report's file was when loaded or last saved here (`None` without a file).
        self._identity: FileIdentity | None = None
        #: The lock this window holds on the report's file while it is open for editing.
        self._lock: LockFile | None = None
        #: Opened read-only (another window edits it): saving goes to another file.
        self.read_only = False
        #: A read-only file the clerk chose to save over: not asked again while it is open.
        self._overwrite_read_only: Path | None = None
        autosaver.failed.connect(lambda text: self.dialogs.warning(self._window, "自动恢复已关闭", text))
        #: The folder of the file the open report was made from (last year's, an import).
        self._source_folder: Path | None = None
        document.reset.connect(self._forget_source)

    def _forget_source(self) -> None:
        self._source_folder = None

    # ------------------------------------------------------------ asking first

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; `False` if the clerk cancelled."""
        self._commit_edits()
        if not self.document.modified:
            return True
        answer = self.dialogs.ask_save_changes(self._window, self.document.display_name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def folder(self) -> str:
        """Where file dialogs start: the open report's folder; for a report not saved yet that
        was made from a file (last year's report, an import), that file's folder; else the
        folder last used, else the clerk's Documents (never the program's folder, where a
        dialog with no folder would start)."""
        if self.document.path is not None:
            return str(self.document.path.parent)
        if self._source_folder is not None:
            return str(self._source_folder)
        last = self.settings.last_folder
        return last if last and Path(last).is_dir() else documents_folder()

    # ------------------------------------------------------------ new and open

    def new_report(self) -> bool:
        if not self.maybe_save():
            return False
        self._show(Report(year=datetime.date.today().year - 1), None, name=UNTITLED)
        self.started_new.emit()
        self.status.emit("已新建空白报告。", 5000)
        return True

    def open_sample(self) -> bool:
        try:
            report = load_report(sample_report_path())
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "无法打开示例报告", str(exc))
            self._show(Report(), None)
            return False
        self._show(report, None, name=SAMPLE_NAME)
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.dialogs.open_path(self._window, "打开报告", self.folder(), f"{PROJECT_FILTER};;所有文件 (*)")
        if path is not None:
            self.open_path(path, ask=False)

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.dialogs.error(self._window, "无法打开",
                               f"找不到文件“{path}”，可能已被移动或删除。已从最近打开的列表中移除。")
            self.settings.remove_recent_file(path)
            return
        self.open_path(Path(path))

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open a project file (or import a file of another format). `ask=False` when the
        clerk has already been asked about unsaved changes."""
        if path.suffix.lower() in CONVERT_FIRST:
            return self.import_path(path)  # refused with advice, the open report stays: nothing to save
        if ask and not self.maybe_save():
            return False
        if path.suffix.lower() != SUFFIX and path.suffix.lower() in IMPORTABLE:
            return self.import_path(path)
        try:
            report, identity = load_project(path)
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "无法打开", str(exc))
            return False
        mode, lock = self._claim(path)
        if mode == "cancel":
            return False
        if mode == "copy":
            self._show(report, None, saved=False, name=f"{path.stem}（副本）")
            self.status.emit(f"已打开“{path.name}”的副本，请另存为新的文件。", 10_000)
            return True
        orphan = self.autosaver.orphan_for(path)
        recovered = self._recover_one(orphan) if orphan is not None and orphan.newer_than_original else None
        if orphan is not None and recovered is None:
            self.autosaver.forget(orphan)
        self._show(report if recovered is None else recovered, path, identity=identity, lock=lock,
                   read_only=mode == "read_only", saved=recovered is None)
        if orphan is not None and recovered is not None:
            self.autosaver.forget(orphan)
            self.status.emit(f"已恢复“{path.name}”未保存的内容，请检查后保存。", 10_000)
        else:
            self.status.emit(f"已打开“{path.name}”{'（只读）' if self.read_only else ''}。", 5000)
        self.settings.add_recent_file(path)
        return True

    def _claim(self, path: Path) -> tuple[str, LockFile | None]:
        """Take the lock of the report at `path` for this window: `("edit", lock)` when it is
        ours (the lock `None` where none can be written), else what the clerk chose when told
        who has it open: `read_only`, `copy`, `edit` (without the lock) or `cancel`."""
        lock = LockFile(edit_lock_path(path), hidden=True)
        if self._lock is not None and self._lock.path == lock.path:
            return "edit", self._lock  # this window has it open already
        holder = lock.acquire()
        if holder is None:
            return "edit", lock if lock.held else None
        return self.dialogs.ask_in_use(self._window, path.name, holder.describe()), None

    def _show(self, report: Report, path: Path | None, *, identity: FileIdentity | None = None,
              lock: LockFile | None = None, read_only: bool = False, saved: bool = True,
              name: str = UNTITLED) -> None:
        """Show `report` (from `path`, if any), giving up the old file's lock."""
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock, self._identity = lock, identity
        self._overwrite_read_only = None
        self.document.replace(report, path, saved=saved, name=name)
        self._set_read_only(read_only)

    def _set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            self.read_only_changed.emit()

    def close(self) -> None:
        """The window closes: the recovery copy goes, and the lock on the report's file."""
        self.autosaver.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        if self.read_only:
            self.status.emit("这份报告是只读打开的（另一个窗口正在编辑它），只能另存为新的文件。", 10_000)
            return self.save_as(self._copy_name(self.document.path))
        return self._save_to(self.document.path)

    def save_as(self, suggested: Path | None = None) -> bool:
        self._commit_edits()
        if suggested is None and self.document.path is not None:
            suggested = self.document.path
        elif suggested is None:
            suggested = Path(self.folder()) / default_file_name(self.document.report, SUFFIX)
        path = self.dialogs.save_path(self._window, "另存为", str(suggested), PROJECT_FILTER)
        if path is None:
            return False
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._save_to(path)

    @staticmethod
    def _copy_name(path: Path) -> Path:
        return path.with_name(f"{path.stem}（副本）{SUFFIX}")

    def _save_to(self, path: Path) -> bool:
        self._commit_edits()
        same = self.document.path is not None and path_key(path) == path_key(self.document.path)
        if same and self._identity is not None:
            current = self._identity.still(path)
            if current is None and path.exists():
                answer = self.dialogs.ask_changed_on_disk(self._window, path.name, backup_path(path).name)
                if answer == "copy":
                    return self.save_as(self._copy_name(path))
                if answer == "reload":
                    return self._reload(path)
                if answer == "cancel":
                    return False
            elif current is not None:
                self._identity = current
        try:
            identity = save_report(self.document.report, path, replace_read_only=path == self._overwrite_read_only)
        except ReadOnlyProjectError:
            answer = self.dialogs.ask_read_only_file(self._window, path.name)
            if answer == "copy":
                return self.save_as(self._copy_name(path))
            if answer == "cancel":
                return False
            self._overwrite_read_only = path
            return self._save_to(path)
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "保存失败", str(exc))
            return False
        if not same:
            self._moved_to(path)
        self._identity = identity
        self.document.undo_stack.setClean()
        self.settings.add_recent_file(path)
        self.status.emit(f"已保存到“{path}”。", 5000)
        return True

    def _moved_to(self, path: Path) -> None:
        """Saved as another file: the report is that file's now, and the lock moves there."""
        if self._lock is not None:
            self._lock.release()
        lock = LockFile(edit_lock_path(path), hidden=True)
        holder = lock.acquire()
        self._lock = lock if lock.held else None
        self._overwrite_read_only = None
        self.document.set_path(path)
        self._set_read_only(False)
        if holder is not None:
            self.status.emit(f"已保存。注意：“{path.name}”也由{holder.describe()}打开着。", 15_000)

    def _reload(self, path: Path) -> bool:
        """The file as it is on disk replaces this window's version (its changes dropped)."""
        try:
            report, identity = load_project(path)
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "无法重新载入", str(exc))
            return False
        self._show(report, path, identity=identity, lock=self._lock, read_only=self.read_only)
        self.status.emit(f"已重新载入“{path.name}”，本窗口未保存的修改已放弃。", 10_000)
        return False

    # ------------------------------------------------------------ import, next year, export

    def import_dialog(self) -> None:
        if not self.maybe_save():
            return
        patterns = " ".join(f"*{suffix}" for suffix in IMPORTABLE)
        filters = ";;".join([f"可导入的文件 ({patterns})",
                             *(f"{label} (*{suffix})" for suffix, label in IMPORTABLE.items())])
        path = self.dialogs.open_path(self._window, "导入", self.folder(), filters)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> bool:
        try:
            result = import_report(path)
        except ImportFailed as exc:
            self.dialogs.error(self._window, "无法导入", str(exc))
            return False
        except OSError as exc:
            self.dialogs.error(self._window, "无法导入", explain_os_error(exc, path, "读取"))
            return False
        self._show(result.report, None, saved=False, name=f"{path.stem}（导入）")
        self._source_folder = path.parent
        self.settings.last_folder = str(path.parent)
        self.status.emit(f"已导入“{path.name}”，请检查后保存为项目文件。", 10_000)
        if result.notes:
            self.dialogs.show_import_notes(self._window, path.name, result.notes)
        return True

    def next_year_dialog(self) -> None:
        from selfeval_gui.domain.nextyear import NEXT_YEAR_SUMMARY, next_year_report  # loaded when asked for

        if not self.maybe_save():
            return
        # Last year's report may be a project file or, in the first year with the editor, a
        # Word report (or our Excel export, or the published text).
        patterns = " ".join(f"*{suffix}" for suffix in (SUFFIX, *IMPORTABLE))
        path = self.dialogs.open_path(self._window, "选择上一年度的报告", self.folder(),
                                      f"上一年度的报告 ({patterns});;{PROJECT_FILTER}")
        if path is None:
            return
        try:
            last_year = read_last_year(path)
        except (ProjectFileError, ImportFailed) as exc:
            self.dialogs.error(self._window, "无法打开", str(exc))
            return
        report = next_year_report(last_year)
        year = f"{report.year}年度" if report.year else "新年度"
        self._show(report, None, saved=False, name=f"{report.department}{year}（由上年报告生成）")
        self._source_folder = path.parent
        self.status.emit(f"已由“{path.name}”生成{year}报告：{NEXT_YEAR_SUMMARY}", 20_000)

    def export(self, suffix: str) -> bool:
        """Export to Word, Excel or PDF: the outstanding findings first (never blocking), then
        where to write; a locked or unwritable file is explained and nothing is lost."""
        from selfeval_gui.exporters import ExportError, export_report, export_summary

        self._commit_edits()
        what = DOCUMENT_FORMATS[suffix]
        title = export_title(suffix)
        counts = self.document.counts()
        outstanding = counts[Severity.ERROR] + counts[Severity.WARNING]
        if outstanding and not self.dialogs.confirm_export(self._window, title,
                                                           export_summary(self.document.findings)):
            return False
        exported = self.settings.export_folder
        folder = exported if exported and Path(exported).is_dir() else self.folder()
        suggested = str(Path(folder) / default_file_name(self.document.report, suffix))
        path = self.dialogs.save_path(self._window, title, suggested, f"{what} (*{suffix})")
        if path is None:
            return False
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            if suffix == ".pdf":
                from selfeval_gui.render.pdf import export_pdf  # as printing: loaded when asked for

                result = export_pdf(self.document.report, path)
            else:
                # Last year's figures go along (a 上年对照 sheet) when the clerk has them shown.
                result = export_report(self.document.report, path, reference=self.settings.show_reference)
        except ExportError as exc:
            self.dialogs.error(self._window, "导出失败", str(exc))
            return False
        self.settings.export_folder = str(path.parent)
        self.status.emit(f"已导出到“{path}”。", 10_000)
        follow_up = self.dialogs.export_done(self._window, path, [note.message for note in result.notes])
        if follow_up != "close":
            target = path.parent if follow_up == "folder" else path
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return True

    # ------------------------------------------------------------ print
    # Printing (the layout, the typesetting, Qt's print support) loads when it is asked for,
    # not with the window: the window is on screen sooner.

    def _pages(self) -> list[PageBox]:
        """The report's pages as they print."""
        from selfeval_gui.exporters.layout import report_layout
        from selfeval_gui.exporters.typeset import typeset

        self._commit_edits()
        layout, _ = report_layout(self.document.report)
        return typeset(layout).pages

    def _printer(self) -> QPrinter:
        """A printer for the report, at the printer's full resolution."""
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setDocName(default_file_name(self.document.report, ""))
        return printer

    def print_preview(self) -> None:
        """The pages as they will print, with printing from there."""
        pages = self._pages()
        # The preview is modal: the report cannot change under it, so it prints what it shows.
        self.dialogs.preview(self._window, pages, lambda: self._print_pages(pages))

    def print_document(self) -> bool:
        """Print, after the print dialog (printer, pages, copies); `False` if cancelled."""
        return self._print_pages(self._pages())

    def _print_pages(self, pages: list[PageBox]) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        from selfeval_gui.render.paint import PagePainter

        printer = self._printer()
        if not self.dialogs.choose_printer(self._window, printer, len(pages)):
            return False
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            pages = pages[printer.fromPage() - 1:printer.toPage() or len(pages)]
        PagePainter().paint(printer, pages)
        where = printer.outputFileName() or printer.printerName()
        self.status.emit(f"已发送 {len(pages)} 页到“{where}”。", 10_000)
        return True

    # ------------------------------------------------------------ dropped files, recovery

    @staticmethod
    def dropped_file(mime: QMimeData | None) -> Path | None:
        """The report file among dropped ones: a project file, one to import, or one of the
        formats people try (PDF, old Word) that the import explains."""
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() == SUFFIX or path.suffix.lower() in IMPORTABLE | CONVERT_FIRST:
                    return path
        return None

    def start(self, path: Path | None) -> bool:
        """What the editor opens with: a copy left by a crash if the clerk takes it, offered
        before anything is opened (never over the sample); otherwise `path`, or the bundled
        sample. `False` if `path` could not be opened."""
        recovered = self.offer_recovery()
        if recovered is not None:
            if path is not None and path.resolve() != self.document.path:
                self.status.emit(f"已恢复{recovered.report_name}上次未保存的内容，请检查后保存；"
                                 f"“{path.name}”尚未打开。", 15_000)
            return True
        return self.open_path(path.resolve(), ask=False) if path is not None else self.open_sample()

    def offer_recovery(self) -> RecoveryCopy | None:
        """Offer the copies left by a crash, newest first, until one is recovered (the others
        wait for the next start); copies that cannot be loaded are set aside and said once.
        The copy recovered, if one was."""
        copies = [c for c in self.autosaver.orphans() if c.newer_than_original]
        review = self.autosaver.review(copies)
        self._tell_set_aside(review.set_aside)
        for index, (copy, report) in enumerate(review.usable):
            if not self.dialogs.ask_recover(self._window, copy):
                self.autosaver.forget(copy)
                continue
            if self.document.modified and not self.maybe_save():
                return None
            path = copy.original
            mode, lock = self._claim(path) if path is not None else ("edit", None)
            if mode == "cancel":
                return None
            if mode == "copy":
                path = None
            identity = FileIdentity.read(path) if path is not None else None
            self._show(report, path, identity=identity, lock=lock, read_only=mode == "read_only", saved=False,
                       name=f"{copy.stem}（恢复）")
            self.autosaver.forget(copy)
            left = len(review.usable) - index - 1
            more = f"还有 {left} 份自动保存的内容，下次启动时再提示。" if left else ""
            self.status.emit(f"已恢复{copy.report_name}上次未保存的内容，请检查后保存。{more}", 15_000)
            return copy
        return None

    def _recover_one(self, copy: RecoveryCopy) -> Report | None:
        """The report in a crash-left copy of the file being opened, if it loads and the clerk
        wants it; one that cannot be loaded is set aside and said."""
        review = self.autosaver.review([copy])
        self._tell_set_aside(review.set_aside)
        if review.usable and self.dialogs.ask_recover(self._window, copy):
            return review.usable[0][1]
        return None

    def _tell_set_aside(self, set_aside: list[SetAside]) -> None:
        if set_aside:
            self.dialogs.warning(self._window, "无法恢复", "\n\n".join(s.message for s in set_aside))


def export_title(suffix: str) -> str:
    """`导出 Word 文档`: the menu's and the dialogs' name for an export."""
    return f"导出 {DOCUMENT_FORMATS[suffix]}"


def documents_folder() -> str:
    """The clerk's Documents (我的文档), or their home folder where there is none (a dialog
    given a folder that does not exist starts in the program's)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())
