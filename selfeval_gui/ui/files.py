"""The editor's file workflow: new, open, save, import, export, next year and recovery.

It sits beside the main window, not inside it: the window owns menus and views and calls the
controller; the controller owns the questions (through `Dialogs`), the files and what the
status bar says about them. Nothing here paints or lays out widgets.
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
from selfeval_gui.domain.nextyear import NEXT_YEAR_SUMMARY, next_year_report
from selfeval_gui.exporters import DOCUMENT_FORMATS, ExportError, export_report, export_summary
from selfeval_gui.importers import CONVERT_FIRST, IMPORTABLE, ImportFailed, import_report, read_last_year
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.atomic import explain_os_error
from selfeval_gui.storage.names import default_file_name
from selfeval_gui.storage.projectfile import SUFFIX, ProjectFileError, load_report, save_report
from selfeval_gui.ui.autosave import Autosaver
from selfeval_gui.ui.dialogs import PROJECT_FILTER, Dialogs
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from selfeval_gui.exporters.typeset import PageBox

SAMPLE_NAME = "示例报告（苏州市红十字会 2023 年度）"
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

    def __init__(self, window: QWidget, document: Document, settings: Settings, dialogs: Dialogs,
                 autosaver: Autosaver, commit_edits: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self.document = document
        self.settings = settings
        self.dialogs = dialogs
        self.autosaver = autosaver
        self._commit_edits = commit_edits
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
        self.document.replace(Report(year=datetime.date.today().year - 1), None, name=UNTITLED)
        self.started_new.emit()
        self.status.emit("已新建空白报告。", 5000)
        return True

    def open_sample(self) -> bool:
        try:
            report = load_report(sample_report_path())
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "无法打开示例报告", str(exc))
            self.document.replace(Report(), None)
            return False
        self.document.replace(report, None, name=SAMPLE_NAME)
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
            report = load_report(path)
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "无法打开", str(exc))
            return False
        orphan = self.autosaver.orphan_for(path)
        if orphan is not None and orphan.newer_than_original and self.dialogs.ask_recover(self._window, orphan):
            try:
                self.document.replace(orphan.load(), path, saved=False)
                self.autosaver.forget(orphan)
                self.status.emit(f"已恢复“{path.name}”未保存的内容，请检查后保存。", 10_000)
                self.settings.add_recent_file(path)
                return True
            except ProjectFileError as exc:
                self.dialogs.error(self._window, "无法恢复", str(exc))
        if orphan is not None:
            self.autosaver.forget(orphan)
        self.document.replace(report, path)
        self.settings.add_recent_file(path)
        self.status.emit(f"已打开“{path.name}”。", 5000)
        return True

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        self._commit_edits()
        if self.document.path is not None:
            suggested = str(self.document.path)
        else:
            suggested = str(Path(self.folder()) / default_file_name(self.document.report, SUFFIX))
        path = self.dialogs.save_path(self._window, "另存为", suggested, PROJECT_FILTER)
        if path is None:
            return False
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        self._commit_edits()
        try:
            save_report(self.document.report, path)
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "保存失败", str(exc))
            return False
        if path != self.document.path:
            self.document.set_path(path)
        self.document.undo_stack.setClean()
        self.settings.add_recent_file(path)
        self.status.emit(f"已保存到“{path}”。", 5000)
        return True

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
        self.document.replace(result.report, None, saved=False, name=f"{path.stem}（导入）")
        self._source_folder = path.parent
        self.settings.last_folder = str(path.parent)
        self.status.emit(f"已导入“{path.name}”，请检查后保存为项目文件。", 10_000)
        if result.notes:
            self.dialogs.show_import_notes(self._window, path.name, result.notes)
        return True

    def next_year_dialog(self) -> None:
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
        year = f"{report.year} 年度" if report.year else "新年度"
        self.document.replace(report, None, saved=False, name=f"{report.department}{year}（由上年报告生成）")
        self._source_folder = path.parent
        self.status.emit(f"已由“{path.name}”生成{year}报告：{NEXT_YEAR_SUMMARY}", 20_000)

    def export(self, suffix: str) -> bool:
        """Export to Word, Excel or PDF: the outstanding findings first (never blocking), then
        where to write; a locked or unwritable file is explained and nothing is lost."""
        self._commit_edits()
        what = DOCUMENT_FORMATS[suffix]
        counts = self.document.counts()
        outstanding = counts[Severity.ERROR] + counts[Severity.WARNING]
        if outstanding and not self.dialogs.confirm_export(self._window, what,
                                                           export_summary(self.document.findings)):
            return False
        exported = self.settings.export_folder
        folder = exported if exported and Path(exported).is_dir() else self.folder()
        suggested = str(Path(folder) / default_file_name(self.document.report, suffix))
        path = self.dialogs.save_path(self._window, f"导出{what}", suggested, f"{what} (*{suffix})")
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
        self.dialogs.preview(self._window, self._pages(), self.print_document)

    def print_document(self) -> bool:
        """Print, after the print dialog (printer, pages, copies); `False` if cancelled."""
        from PySide6.QtPrintSupport import QPrinter

        from selfeval_gui.render.paint import PagePainter

        pages = self._pages()
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
        if self.offer_recovery():
            if path is not None and path.resolve() != self.document.path:
                self.status.emit(f"已恢复上次未保存的内容，请检查后保存；“{path.name}”尚未打开。", 15_000)
            return True
        return self.open_path(path.resolve(), ask=False) if path is not None else self.open_sample()

    def offer_recovery(self) -> bool:
        """Offer the newest copy left by a crash (older ones are offered next time); `True`
        if it was recovered."""
        orphans = [c for c in self.autosaver.orphans() if c.newer_than_original]
        if not orphans:
            return False
        copy = orphans[0]
        if not self.dialogs.ask_recover(self._window, copy):
            self.autosaver.forget(copy)
            return False
        if self.document.modified and not self.maybe_save():
            return False
        try:
            report = copy.load()
        except ProjectFileError as exc:
            self.dialogs.error(self._window, "无法恢复", str(exc))
            return False
        self.document.replace(report, copy.original, saved=False,
                              name="恢复的报告" if copy.original is None else copy.original.name)
        self.autosaver.forget(copy)
        self.status.emit("已恢复上次未保存的内容，请检查后保存。", 10_000)
        return True


def documents_folder() -> str:
    """The clerk's Documents (我的文档), or their home folder where there is none (a dialog
    given a folder that does not exist starts in the program's)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())
