"""Every question the editor asks the clerk, behind one small service (tests replace it)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui import __version__
from selfeval_gui.domain.findings import DEFAULT_FAR_EXCEEDED_THRESHOLD, Note, Table
from selfeval_gui.domain.submission import time_text
from selfeval_gui.storage.recovery import RecoveryCopy

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from selfeval_gui.exporters.typeset import PageBox

SaveAnswer = Literal["save", "discard", "cancel"]
#: Before saving over a file another window or program changed since it was opened.
ConflictAnswer = Literal["copy", "overwrite", "reload", "cancel"]
#: On opening a report another window has open.
InUseAnswer = Literal["read_only", "copy", "edit", "cancel"]
#: On saving over a file marked read-only.
ReadOnlyAnswer = Literal["copy", "overwrite", "cancel"]
#: After an export: open the folder, open the file, or nothing.
ExportFollowUp = Literal["folder", "file", "close"]
PROJECT_FILTER = "自评报告项目文件 (*.jxzp)"
#: Export notes shown in the message itself; the rest behind “显示详情”.
_NOTES_SHOWN = 5


class Progress(Protocol):
    """A long task's progress, shown while it runs, with a way to cancel it."""

    def step(self, done: int, total: int) -> bool:
        """Show `done` of `total`; `False` once the clerk has cancelled."""
        ...

    def close(self) -> None: ...


class Dialogs(Protocol):
    """Every question the editor asks. The real dialogs (`QtDialogs`), the answers of a run
    that nobody watches (`NonInteractiveDialogs`) and the tests' scripted answers all
    satisfy it; the type checker holds them to it."""

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer: ...

    def open_path(self, parent: QWidget, title: str, folder: str, filters: str) -> Path | None: ...

    def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None: ...

    def error(self, parent: QWidget, title: str, text: str) -> None: ...

    def warning(self, parent: QWidget, title: str, text: str) -> None: ...

    def ask_recover(self, parent: QWidget, copy: RecoveryCopy) -> bool: ...

    def ask_changed_on_disk(self, parent: QWidget, name: str, backup: str) -> ConflictAnswer:
        """The file was changed by another window or program since it was opened or saved;
        saving over it would keep the other version only as `backup`."""
        ...

    def ask_in_use(self, parent: QWidget, name: str, holder: str) -> InUseAnswer:
        """The report is open for editing elsewhere (`holder` says who and since when)."""
        ...

    def ask_read_only_file(self, parent: QWidget, name: str) -> ReadOnlyAnswer: ...

    def confirm_large_paste(self, parent: QWidget, rows: int, characters: int) -> bool:
        """A paste far larger than any report's table: go on?"""
        ...

    def progress(self, parent: QWidget, title: str, label: str) -> Progress: ...

    def show_import_notes(self, parent: QWidget, source: str, notes: list[Note]) -> None: ...

    def show_paste_notes(self, parent: QWidget, notes: list[Note]) -> None: ...

    def confirm_export(self, parent: QWidget, title: str, summary: str) -> bool:
        """The outstanding findings before an export (`title`: `导出 Word 文档`); informative,
        the clerk may go on."""
        ...

    def export_done(self, parent: QWidget, path: Path, notes: list[str]) -> ExportFollowUp: ...

    def edit_options(self, parent: QWidget, threshold: Decimal) -> Decimal | None: ...

    def about(self, parent: QWidget) -> None: ...

    def choose_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        """The print dialog (printer, which of the `pages`, copies); `False` if cancelled."""
        ...

    def preview(self, parent: QWidget, pages: Sequence[PageBox], print_: Callable[[], bool]) -> None:
        """The print preview of `pages`; `print_` prints them from there."""
        ...


class QtDialogs:
    """The real dialogs. Texts are Chinese; standard buttons come from Qt's zh_CN translation."""

    def __init__(self) -> None:
        self._notes: NotesDialog | None = None

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        # Alt+S / Alt+D answer it, as in Word and WPS.
        return _choose(
            parent, "保存修改", f"“{name}”有尚未保存的修改，是否保存？", "不保存，本次的修改将会丢失。",
            [("保存(&S)", _ACCEPT, "save"), ("不保存(&D)", _DESTRUCTIVE, "discard")],
            default="save", cancel="cancel")

    def open_path(self, parent: QWidget, title: str, folder: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def error(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def warning(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def ask_recover(self, parent: QWidget, copy: RecoveryCopy) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的内容",
                          f"上次程序意外关闭时，{copy.report_name}还有未保存的修改"
                          f"（自动保存于 {time_text(copy.saved_at)}）。"
                          "\n\n是否恢复这些内容？", parent=parent)
        recover = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        note = f"{copy.note}\n\n" if copy.note else ""
        box.setInformativeText(f"{note}恢复后请检查内容并保存。放弃后这份自动保存的内容将被删除。")
        box.exec()
        return box.clickedButton() is recover

    def ask_changed_on_disk(self, parent: QWidget, name: str, backup: str) -> ConflictAnswer:
        return _choose(
            parent, "文件已被修改", f"“{name}”在本窗口打开之后，已被其他窗口或程序修改并保存。",
            f"直接保存会覆盖那边的修改（那个版本会留作备份文件“{backup}”）。建议另存为副本，再对照两份报告合并修改。",
            [("另存为副本…", _ACCEPT, "copy"), ("覆盖保存", _DESTRUCTIVE, "overwrite"),
             ("重新载入（放弃本窗口的修改）", QMessageBox.ButtonRole.ResetRole, "reload")],
            default="copy", cancel="cancel")

    def ask_in_use(self, parent: QWidget, name: str, holder: str) -> InUseAnswer:
        return _choose(
            parent, "报告正在编辑中", f"“{name}”已由{holder}打开编辑。",
            "两处同时修改同一份报告，后保存的会覆盖先保存的。可以只读打开（修改后只能另存为新文件），"
            "或打开一份副本。确定那边已经不再使用时，才选“仍要编辑”。",
            [("只读打开", _ACCEPT, "read_only"), ("打开副本", _ACCEPT, "copy"), ("仍要编辑", _DESTRUCTIVE, "edit")],
            default="read_only", cancel="cancel")

    def ask_read_only_file(self, parent: QWidget, name: str) -> ReadOnlyAnswer:
        return _choose(
            parent, "只读文件", f"“{name}”是只读文件，可能是有意设为只读、防止被改动的定稿。",
            "可以另存为新文件；也可以仍然保存到这个文件（保存后它仍是只读的）。",
            [("另存为…", _ACCEPT, "copy"), ("仍然保存", _DESTRUCTIVE, "overwrite")],
            default="copy", cancel="cancel")

    def confirm_large_paste(self, parent: QWidget, rows: int, characters: int) -> bool:
        return _choose(
            parent, "粘贴大量内容",
            f"剪贴板中有 {rows:,} 行、{characters:,} 个字符，远多于一份自评报告的表格（通常几十到几百行）。",
            "可能是复制时多选了内容。粘贴需要一些时间，其间可以取消。确定要粘贴吗？",
            [("粘贴", _ACCEPT, True)], default=None, cancel=False, icon=QMessageBox.Icon.Question)

    def progress(self, parent: QWidget, title: str, label: str) -> Progress:
        return _ProgressDialog(parent, title, label)

    def show_import_notes(self, parent: QWidget, source: str, notes: list[Note]) -> None:
        self._show_notes(NotesDialog(
            parent, f"导入说明 — {source}",
            f"已导入“{source}”。导入时做了以下 {len(notes)} 处换算、更正或假设，请对照各表逐条核对。"
            "核对时可以不关闭本窗口。", notes,
        ))

    def show_paste_notes(self, parent: QWidget, notes: list[Note]) -> None:
        self._show_notes(NotesDialog(
            parent, "粘贴说明",
            f"粘贴的内容带有表头，已按表头读入，做了以下 {len(notes)} 处对应、换算或省略，请核对。", notes,
        ))

    def _show_notes(self, dialog: NotesDialog) -> None:
        """Notes in a window that may stay open beside the report while the clerk checks them;
        the next notes replace it."""
        if self._notes is not None:
            self._notes.close()
        dialog.destroyed.connect(self._forget_notes)
        self._notes = dialog
        dialog.show()

    def _forget_notes(self) -> None:
        self._notes = None

    def confirm_export(self, parent: QWidget, title: str, summary: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, summary, parent=parent)
        go = box.addButton("继续导出", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("返回修改", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.exec()
        return box.clickedButton() is go

    def export_done(self, parent: QWidget, path: Path, notes: list[str]) -> ExportFollowUp:
        box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"已导出到“{path}”。", parent=parent)
        if notes:
            shown = notes[:_NOTES_SHOWN]
            more = f"\n……另有 {len(notes) - len(shown)} 条，见“显示详情”。" if len(notes) > len(shown) else ""
            box.setInformativeText("导出时做了以下处理，请核对：\n" + "\n".join(f"· {n}" for n in shown) + more)
            if more:
                box.setDetailedText("\n".join(notes))
        folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        document = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close)
        box.exec()
        clicked = box.clickedButton()
        return "folder" if clicked is folder else "file" if clicked is document else "close"

    def edit_options(self, parent: QWidget, threshold: Decimal) -> Decimal | None:
        dialog = OptionsDialog(threshold, parent)
        return dialog.threshold() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog  # printing loads when asked for, not at start

        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, pages)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def preview(self, parent: QWidget, pages: Sequence[PageBox], print_: Callable[[], bool]) -> None:
        from selfeval_gui.ui.preview import PreviewDialog  # printing loads when asked for, not at start

        dialog = PreviewDialog(pages, print_, parent)
        screen = parent.screen().availableGeometry()
        dialog.resize(int(screen.width() * 0.75), int(screen.height() * 0.9))
        dialog.exec()

    def about(self, parent: QWidget) -> None:
        QMessageBox.about(
            parent, "关于",
            f"<b>部门整体支出预算绩效自评报告</b><br>版本 {__version__}<br><br>"
            "编写年度自评报告：自动计算调整预算数、执行率与偏差情况，实时检查并说明问题。",
        )


_ACCEPT, _DESTRUCTIVE = QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.DestructiveRole
A = TypeVar("A")


def _choose(parent: QWidget, title: str, text: str, informative: str,
            choices: list[tuple[str, QMessageBox.ButtonRole, A]], *, default: A | None, cancel: A,
            icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> A:
    """A question with a button per answer and 取消; `default` is the answer of the button
    that Enter presses (取消 when `None`)."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setInformativeText(informative)
    answers = {box.addButton(label, role): answer for label, role, answer in choices}
    cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(next((b for b, answer in answers.items() if answer == default), cancel_button))
    box.exec()
    clicked = box.clickedButton()
    return next((answer for button, answer in answers.items() if button is clicked), cancel)


class _ProgressDialog:
    """A modal progress dialog with 取消; the window stays painted while the task runs."""

    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        self._dialog = QProgressDialog(label, "取消", 0, 0, parent)
        self._dialog.setWindowTitle(title)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(0)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.show()
        QApplication.processEvents()

    def step(self, done: int, total: int) -> bool:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))
        QApplication.processEvents()
        return not self._dialog.wasCanceled()

    def close(self) -> None:
        self._dialog.close()
        self._dialog.deleteLater()


class OptionsDialog(QDialog):
    def __init__(self, threshold: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("选项")
        self.spin = QDoubleSpinBox(self)
        self.spin.setRange(0, 1000)
        self.spin.setDecimals(2)
        self.spin.setSuffix(" %")
        self.spin.setValue(float(threshold))
        self.spin.setAccessibleName("大幅超出目标的阈值")
        explain = QLabel(
            "完成值超过“≥”类目标值的幅度大于此阈值时，视为“大幅超出目标”，"
            "按规定（财预〔2020〕10号）需在“原因分析”中说明。默认 "
            f"{DEFAULT_FAR_EXCEEDED_THRESHOLD}%。", self)
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow("大幅超出目标的阈值(&T)：", self.spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.spin.setValue(float(DEFAULT_FAR_EXCEEDED_THRESHOLD)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def threshold(self) -> Decimal:
        return Decimal(f"{self.spin.value():.2f}").normalize()


class NotesDialog(QDialog):
    """What an import (or a paste with a header row) converted, assumed or left out, table by
    table; 复制全部 puts the list on the clipboard (for a colleague, or a note to self)."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, notes: list[Note]) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.groups = _by_table(notes)
        for part, messages in self.groups:
            heading = QListWidgetItem(f"{part}（{len(messages)} 条）")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            heading.setForeground(self.palette().text())
            self.list.addItem(heading)
            for message in messages:
                self.list.addItem(f"• {message}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("复制全部(&C)", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        # As wide as reads well, as high as the notes need, within the screen.
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        width = min(860, int(screen.width() * 0.7))
        text_width = width - 60  # less the margins, the frame and a scroll bar
        rows = sum(
            QFontMetrics(item.font()).boundingRect(QRect(0, 0, text_width, 10_000), Qt.TextFlag.TextWordWrap,
                                                   item.text()).height() + 2 * self.list.spacing() + 4
            for item in (self.list.item(i) for i in range(self.list.count()))
        )
        chrome = self.sizeHint().height() - self.list.sizeHint().height()
        self.resize(width, max(240, min(chrome + rows, int(screen.height() * 0.75))))

    def text(self) -> str:
        """The notes as plain text, table by table."""
        return "\n\n".join(f"{part}\n" + "\n".join(f"- {m}" for m in messages) for part, messages in self.groups)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def _by_table(notes: list[Note]) -> list[tuple[str, list[str]]]:
    """The notes' messages grouped by the part of the report they are about, in its order."""
    groups: dict[str, list[str]] = {}
    for note in notes:
        title = note.table.label if note.table is not None else "文件"
        groups.setdefault(title, []).append(note.message)
    order = ["文件", *(t.label for t in Table)]
    return sorted(groups.items(), key=lambda group: order.index(group[0]))


class NonInteractiveDialogs:
    """For `--exit-after-show` (start-up measurement, smoke tests of builds): nothing waits
    for a person. Errors go to stderr; every question gets the answer that changes nothing."""

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        return "discard"

    def open_path(self, parent: QWidget, title: str, folder: str, filters: str) -> Path | None:
        return None

    def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        return None

    def error(self, parent: QWidget, title: str, text: str) -> None:
        if sys.stderr is not None:
            print(f"selfeval-gui: {title}：{text}", file=sys.stderr)

    def warning(self, parent: QWidget, title: str, text: str) -> None:
        self.error(parent, title, text)

    def ask_recover(self, parent: QWidget, copy: RecoveryCopy) -> bool:
        return False

    def ask_changed_on_disk(self, parent: QWidget, name: str, backup: str) -> ConflictAnswer:
        return "cancel"

    def ask_in_use(self, parent: QWidget, name: str, holder: str) -> InUseAnswer:
        return "read_only"

    def ask_read_only_file(self, parent: QWidget, name: str) -> ReadOnlyAnswer:
        return "cancel"

    def confirm_large_paste(self, parent: QWidget, rows: int, characters: int) -> bool:
        return False

    def progress(self, parent: QWidget, title: str, label: str) -> Progress:
        return _Unwatched()

    def show_import_notes(self, parent: QWidget, source: str, notes: list[Note]) -> None:
        pass

    def show_paste_notes(self, parent: QWidget, notes: list[Note]) -> None:
        pass

    def confirm_export(self, parent: QWidget, what: str, summary: str) -> bool:
        return False

    def export_done(self, parent: QWidget, path: Path, notes: list[str]) -> ExportFollowUp:
        return "close"

    def edit_options(self, parent: QWidget, threshold: Decimal) -> Decimal | None:
        return None

    def about(self, parent: QWidget) -> None:
        pass

    def choose_printer(self, parent: QWidget, printer: QPrinter, pages: int) -> bool:
        return False

    def preview(self, parent: QWidget, pages: Sequence[PageBox], print_: Callable[[], bool]) -> None:
        pass


class _Unwatched:
    """Progress nobody watches: never cancelled."""

    def step(self, done: int, total: int) -> bool:
        return True

    def close(self) -> None:
        pass
