"""Test doubles and helpers for driving the editor like a user."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from selfeval_gui.domain.findings import Note
from selfeval_gui.exporters.typeset import PageBox
from selfeval_gui.storage.recovery import RecoveryCopy
from selfeval_gui.ui.dialogs import ConflictAnswer, ExportFollowUp, InUseAnswer, ReadOnlyAnswer, SaveAnswer
from selfeval_gui.ui.preview import PreviewDialog
from selfeval_gui.ui.sheet import SheetView

T = TypeVar("T")


class ScriptedDialogs:
    """Answers the editor's questions from a script and records what it was asked."""

    def __init__(self) -> None:
        self.save_answers: list[SaveAnswer] = []
        self.open_paths: list[Path | None] = []
        self.save_paths: list[Path | None] = []
        self.recover_answers: list[bool] = []
        self.options: list[Decimal | None] = []
        self.errors: list[tuple[str, str]] = []
        self.asked: list[str] = []
        self.import_notes: list[tuple[str, list[Note]]] = []
        self.paste_notes: list[list[Note]] = []
        self.export_confirmations: list[bool] = []
        self.export_follow_ups: list[ExportFollowUp] = []
        self.export_summaries: list[str] = []
        #: The titles of the save and export dialogs, in order.
        self.titles: list[str] = []
        self.export_notes: list[tuple[Path, list[str]]] = []
        self.warnings: list[tuple[str, str]] = []
        self.conflict_answers: list[ConflictAnswer] = []
        self.in_use_answers: list[InUseAnswer] = []
        self.read_only_answers: list[ReadOnlyAnswer] = []
        self.large_paste_answers: list[bool] = []
        #: Progress of long tasks: the steps shown, and after how many steps to cancel.
        self.progress_steps: list[tuple[int, int]] = []
        self.cancel_after: int | None = None
        #: Print dialogs: where the scripted "printer" writes (a PDF file), with the pages
        #: chosen (`(path, first, last)`), or `None` to cancel.
        self.print_to: list[Path | tuple[Path, int, int] | None] = []
        #: Each preview shown (not run: a modal dialog would wait for a person).
        self.previews: list[PreviewDialog] = []
        #: Questions asked with no scripted answer (an exception inside a Qt event handler
        #: would take the process down, so they are recorded and checked after the test).
        self.unexpected: list[str] = []

    def _next(self, answers: list[T], question: str, fallback: T) -> T:
        if answers:
            return answers.pop(0)
        self.unexpected.append(question)
        return fallback

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        self.asked.append(f"save:{name}")
        return self._next(self.save_answers, f"save:{name}", "cancel")

    def open_path(self, parent: QWidget, title: str, folder: str, filters: str) -> Path | None:
        self.asked.append(f"open:{title}:{filters}")
        return self._next(self.open_paths, f"open:{title}", None)

    def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        self.asked.append(f"save_as:{suggested}")
        self.titles.append(title)
        return self._next(self.save_paths, f"save_as:{suggested}", None)

    def error(self, parent: QWidget, title: str, text: str) -> None:
        self.errors.append((title, text))

    def warning(self, parent: QWidget, title: str, text: str) -> None:
        self.warnings.append((title, text))

    def ask_changed_on_disk(self, parent: QWidget, name: str, backup: str) -> ConflictAnswer:
        self.asked.append(f"changed_on_disk:{name}:{backup}")
        return self._next(self.conflict_answers, f"changed_on_disk:{name}", "cancel")

    def ask_in_use(self, parent: QWidget, name: str, holder: str) -> InUseAnswer:
        self.asked.append(f"in_use:{name}:{holder}")
        return self._next(self.in_use_answers, f"in_use:{name}", "cancel")

    def ask_read_only_file(self, parent: QWidget, name: str) -> ReadOnlyAnswer:
        self.asked.append(f"read_only:{name}")
        return self._next(self.read_only_answers, f"read_only:{name}", "cancel")

    def confirm_large_paste(self, parent: QWidget, rows: int, characters: int) -> bool:
        self.asked.append(f"large_paste:{rows}:{characters}")
        return self._next(self.large_paste_answers, f"large_paste:{rows}", False)

    def progress(self, parent: QWidget, title: str, label: str) -> ScriptedProgress:
        return ScriptedProgress(self)

    def ask_recover(self, parent: QWidget, copy: RecoveryCopy) -> bool:
        self.asked.append(f"recover:{copy.original}")
        return self._next(self.recover_answers, f"recover:{copy.original}", False)

    def show_import_notes(self, parent: QWidget, source: str, notes: list[Note]) -> None:
        self.import_notes.append((source, notes))

    def show_paste_notes(self, parent: QWidget, notes: list[Note]) -> None:
        self.paste_notes.append(notes)

    def confirm_export(self, parent: QWidget, title: str, summary: str) -> bool:
        self.export_summaries.append(summary)
        self.titles.append(title)
        return self._next(self.export_confirmations, f"confirm_export:{title}", False)

    def export_done(self, parent: QWidget, path: Path, notes: list[str]) -> ExportFollowUp:
        self.export_notes.append((path, notes))
        return self._next(self.export_follow_ups, f"export_done:{path}", "close")

    def edit_options(self, parent: QWidget, threshold: Decimal) -> Decimal | None:
        self.asked.append(f"options:{threshold}")
        return self._next(self.options, f"options:{threshold}", None)

    def about(self, parent: QWidget) -> None:
        self.asked.append("about")

    def choose_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        self.asked.append(f"print:{pages}")
        target = self._next(self.print_to, f"print:{pages}", None)
        if target is None:
            return False
        if isinstance(target, tuple):
            target, first, last = target
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    def preview(self, parent: QWidget, pages: Sequence[PageBox], print_: Callable[[], bool]) -> None:
        self.previews.append(PreviewDialog(pages, print_, parent))


class ScriptedProgress:
    """Records the steps of a long task; cancels it after `cancel_after` steps if set."""

    def __init__(self, dialogs: ScriptedDialogs) -> None:
        self._dialogs = dialogs
        self.closed = False

    def step(self, done: int, total: int) -> bool:
        steps = self._dialogs.progress_steps
        steps.append((done, total))
        return self._dialogs.cancel_after is None or len(steps) <= self._dialogs.cancel_after

    def close(self) -> None:
        self.closed = True


def cell_editor(sheet: SheetView):
    """The editor open in the sheet's current cell."""
    editor = sheet.indexWidget(sheet.currentIndex())
    assert isinstance(editor, QLineEdit | QPlainTextEdit), f"no editor open at {sheet.currentIndex()}"
    return editor


def click_cell(qtbot, sheet: SheetView, row: int, column: int) -> None:
    index = sheet.model().index(row, column)
    sheet.scrollTo(index)
    rect = sheet.visualRect(index)
    qtbot.mouseClick(sheet.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 5, rect.y() + 5))
    assert sheet.currentIndex() == index


def commit_text(widget, text: str, *, compose: bool = True) -> None:
    """What an input method sends: the composition (pinyin being chosen), then the commit."""
    if compose:
        QApplication.sendEvent(widget, QInputMethodEvent(text, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a Chinese clerk does: ASCII as key presses, Chinese (and full-width) text as
    the input method composes and commits it (QTest can press keys of ASCII only)."""
    for is_ascii, chars in itertools.groupby(text, key=lambda ch: ch.isascii()):
        run = "".join(chars)
        if is_ascii:
            qtbot.keyClicks(widget, run)
        else:
            commit_text(widget, run)


def type_into_cell(qtbot, sheet: SheetView, row: int, column: int, text: str, finish=Qt.Key.Key_Return) -> None:
    """Select a cell and type into it, as a user does: the first key (or the first syllable
    from the input method) opens the editor."""
    click_cell(qtbot, sheet, row, column)
    sheet.setFocus()
    # The first key, or the first run of Chinese the input method commits, opens the editor.
    first = 1 if text[0].isascii() else next((i for i, ch in enumerate(text) if ch.isascii()), len(text))
    type_text(qtbot, sheet, text[:first])
    editor = cell_editor(sheet)
    type_text(qtbot, editor, text[first:])
    if finish is not None:
        qtbot.keyClick(editor, finish)


def set_clipboard(text: str) -> None:
    QApplication.clipboard().setText(text)


def clipboard() -> str:
    return QApplication.clipboard().text()
