"""The 概况 tab: city, year and department, and sections 二 to 六 as roomy text editors.

The sections are listed on the left (with their length and a mark where there is a finding);
the chosen one fills the rest of the page, because section 二 runs to thousands of characters.
In a report made from last year's, last year's text of the section is shown beside it.
Typing goes to the document as it happens; a burst of typing in one field is one undo step,
and Ctrl+Z is the document's undo, not the widget's.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QPixmap, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui.domain.edits import CellError, CellRef, ChangeSet, cell_value, edit_text, parse_cell
from selfeval_gui.domain.findings import OVERVIEW_FIELDS, Finding, Severity, Table, finding_text
from selfeval_gui.domain.model import Section
from selfeval_gui.domain.reference import last_year_label
from selfeval_gui.domain.submission import field_of
from selfeval_gui.domain.text_checks import repeated_span
from selfeval_gui.ui.document import Document, FindingKey, new_session
from selfeval_gui.ui.reference import ReferencePane, with_reference
from selfeval_gui.ui.settings import Settings
from selfeval_gui.ui.style import field_frame, severity_icon, worst
from selfeval_gui.ui.submission import SubmissionForm

#: Keystrokes further apart than this (seconds) start a new undo step.
TYPING_PAUSE = 2.0

_FIELD_LABELS = {"city": "城市(&C)", "year": "年度(&Y)", "department": "预算部门名称(&D)"}


class TypingSessions:
    """Groups keystrokes into undo steps: one per field per burst of typing."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._field: str | None = None
        self._last = 0.0
        self._session = 0

    def session(self, field: str) -> int:
        now = self._clock()
        if field != self._field or now - self._last > TYPING_PAUSE:
            self._field, self._session = field, new_session()
        self._last = now
        return self._session

    def break_(self) -> None:
        """The next keystroke starts a new step (the field lost focus, the user undid)."""
        self._field = None


class SectionEditor(QTextEdit):
    """A section's text: plain text only (pasting from Word brings no formatting), laid out
    for reading long passages, with room between paragraphs and between lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)  # the document's undo stack is the one
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(10)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)

    def setPlainText(self, text: str) -> None:
        super().setPlainText(text)
        self.format_paragraphs()

    def format_paragraphs(self) -> None:
        block = QTextBlockFormat()
        block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(self.fontMetrics().height() * 0.5)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)


class UndoKeysToWindow(QObject):
    """Lets Ctrl+Z/Ctrl+Y reach the window's undo actions instead of the text widget's own."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()
            return True
        return False


class OverviewPage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sessions = TypingSessions(clock)
        self._undo_keys = UndoKeysToWindow(self)
        self._updating = False
        self._typing = False
        self._reference_visible = True

        fields = self._build_fields()
        splitter = self._build_splitter(self._build_section_list(), self._build_section_pane())
        self._build_submission(fields, settings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(fields)
        layout.addWidget(self.submission)
        layout.addWidget(splitter, 1)
        self._set_tab_order()

        document.changed.connect(self._on_changed)
        document.findings_changed.connect(self._on_findings)
        document.reset.connect(self.load)
        document.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.load()
        self.sections.setCurrentRow(0)

    # ------------------------------------------------------------ building the page

    def _build_fields(self) -> QGridLayout:
        """城市, 年度 and 预算部门名称 on one line above the sections."""
        self.line_edits: dict[str, QLineEdit] = {}
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        for col, field in enumerate(("city", "year", "department")):
            edit = QLineEdit(self)
            edit.setObjectName(field)
            edit.setAccessibleName(OVERVIEW_FIELDS[field])
            edit.installEventFilter(self._undo_keys)
            edit.textEdited.connect(lambda text, f=field: self._typed(f, text))
            edit.editingFinished.connect(lambda f=field: self._line_finished(f))
            label = QLabel(_FIELD_LABELS[field], self)
            label.setBuddy(edit)
            form.addWidget(label, 0, col * 2)
            form.addWidget(edit, 0, col * 2 + 1)
            self.line_edits[field] = edit
        self.line_edits["city"].setPlaceholderText("例如：苏州市")
        self.line_edits["year"].setPlaceholderText("例如：2023")
        self.line_edits["year"].setMaximumWidth(self.fontMetrics().horizontalAdvance("0000年度") + 24)
        self.line_edits["city"].setMaximumWidth(self.fontMetrics().horizontalAdvance("苏州市") * 3)
        self.line_edits["department"].setPlaceholderText("预算部门（单位）全称")
        form.setColumnStretch(5, 1)
        return form

    def _build_section_list(self) -> QWidget:
        """The left side: the sections 二 to 六 under their label, each marked where there is
        a finding."""
        self.sections = QListWidget(self)
        self.sections.setObjectName("sections")
        self.sections.setAccessibleName("各部分")
        self.sections.setWordWrap(True)
        self.sections.setIconSize(QSize(16, 16))
        self.sections.setSpacing(2)
        for section in Section:
            item = QListWidgetItem(f"{section.numeral}、{section.heading}")
            item.setData(Qt.ItemDataRole.UserRole, section.value)
            self.sections.addItem(item)
        self.sections.currentRowChanged.connect(self._show_section)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        sections_label = QLabel("报告正文(&S)", left)
        sections_label.setBuddy(self.sections)
        left_layout.addWidget(sections_label)
        left_layout.addWidget(self.sections, 1)
        left.setMinimumWidth(self.fontMetrics().horizontalAdvance("五、部门（单位）整体支出绩效") + 48)
        return left

    def _build_editors(self) -> QStackedWidget:
        """A text editor per section, one shown at a time."""
        self.editors: dict[Section, SectionEditor] = {}
        self.stack = QStackedWidget(self)
        for section in Section:
            editor = SectionEditor(self)
            editor.setObjectName(section.value)
            editor.setAccessibleName(f"{section.numeral}、{section.heading}")
            editor.installEventFilter(self._undo_keys)
            editor.setPlaceholderText(f"在此填写“{section.heading}”。")
            editor.textChanged.connect(lambda s=section: self._section_typed(s))
            editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.editors[section] = editor
            self.stack.addWidget(editor)
        return self.stack

    def _build_section_pane(self) -> QWidget:
        """The right side: the section's heading and length, its editor with last year's text
        beside it, and what is wrong with it below."""
        editors = self._build_editors()
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.length = QLabel(self)
        self.length.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.reference = ReferencePane(self.document, self)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.length)
        right_layout.addLayout(head)
        right_layout.addWidget(with_reference(editors, self.reference, Qt.Orientation.Horizontal, 2, self), 1)
        right_layout.addWidget(self.notes)
        return right

    def _build_splitter(self, left: QWidget, right: QWidget) -> QSplitter:
        """The list and the section side by side; the section takes the room."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([left.minimumWidth() + 40, 900])
        return splitter

    def _build_submission(self, fields: QGridLayout, settings: Settings | None) -> None:
        """The submission block (填报信息), shown and hidden by its button at the end of the
        fields' line."""
        self.submission = SubmissionForm(self.document, self, settings=settings)
        fields.addWidget(self.submission.toggle, 0, 6)
        for edit in self.submission.fields.values():
            edit.installEventFilter(self._undo_keys)

    def _set_tab_order(self) -> None:
        """Tab goes along the fields and the submission block, to the list, then into the
        section shown."""
        QWidget.setTabOrder(self.line_edits["city"], self.line_edits["year"])
        QWidget.setTabOrder(self.line_edits["year"], self.line_edits["department"])
        chain = [self.line_edits["department"], self.submission.toggle, *self.submission.fields.values(),
                 self.sections]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        for editor in self.editors.values():
            QWidget.setTabOrder(self.sections, editor)

    # ------------------------------------------------------------ from the document

    def load(self) -> None:
        self._updating = True
        try:
            for field, edit in self.line_edits.items():
                edit.setText(self._value_text(field))
                edit.setStyleSheet("")
            for section, editor in self.editors.items():
                editor.setPlainText(self._value_text(section.value))
        finally:
            self._updating = False
        self._refresh_findings()
        self._refresh_lengths()
        self._show_reference()

    def set_reference_visible(self, visible: bool) -> None:
        """Show or hide last year's text beside the section (视图 → 上年对照)."""
        self._reference_visible = visible
        self._show_reference()

    def _show_reference(self) -> None:
        report = self.document.report
        visible = self._reference_visible and self.document.has_reference
        self.reference.setVisible(visible)
        if visible and report.previous is not None:
            section = self.current_section()
            self.reference.show_text(f"{last_year_label(report)}：{section.numeral}、{section.heading}",
                                     report.previous.overview.text(section))

    def _value_text(self, field: str) -> str:
        return edit_text(cell_value(self.document.report, CellRef(Table.OVERVIEW, None, field)))

    def _on_changed(self, changes: ChangeSet) -> None:
        # The submission block's fields are the submission form's.
        fields = {c.column for c in changes.cells if c.table is Table.OVERVIEW and field_of(c.column) is None}
        if not fields:
            return
        self._updating = True
        try:
            for field in fields:
                value = self._value_text(field)
                if field in self.line_edits:
                    edit = self.line_edits[field]
                    if self._line_value(field, edit.text()) != self._line_value(field, value):
                        position = edit.cursorPosition()
                        edit.setText(value)
                        edit.setCursorPosition(min(position, len(value)))
                else:
                    editor = self.editors[Section(field)]
                    if editor.toPlainText() != value:
                        _replace_changed_part(editor, value)
        finally:
            self._updating = False
        self._refresh_lengths()

    def _undo_index_changed(self, _index: int) -> None:
        if not self._typing:  # undo, redo or an edit elsewhere: typing here starts a new step
            self.sessions.break_()

    def _type(self, field: str, text: str, session: int | None) -> None:
        self._typing = True
        try:
            self.document.edit_cell(CellRef(Table.OVERVIEW, None, field), text, session)
        finally:
            self._typing = False

    def _line_value(self, field: str, text: str) -> object:
        try:
            return parse_cell(self.document.report, CellRef(Table.OVERVIEW, None, field), text)
        except CellError:
            return text

    def _on_findings(self, keys: frozenset[FindingKey]) -> None:
        if any(table is Table.OVERVIEW for table, _row, _column in keys):
            self._refresh_findings()

    def _findings(self, field: str) -> tuple[Finding, ...]:
        return self.document.findings_at(Table.OVERVIEW, None, field)

    def _refresh_findings(self) -> None:
        for field, edit in self.line_edits.items():
            findings = self._findings(field)
            severity = worst(f.severity for f in findings)
            if edit.property("invalid"):
                continue
            edit.setStyleSheet(field_frame(severity) if severity else "")
            edit.setToolTip("\n".join(f.message for f in findings))
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            findings = self._findings(item.data(Qt.ItemDataRole.UserRole))
            severity = worst(f.severity for f in findings)
            item.setIcon(severity_icon(severity) if severity else _blank_icon())
            item.setToolTip("\n".join(f.message for f in findings))
        self._show_notes()

    def _refresh_lengths(self) -> None:
        section = self.current_section()
        self.length.setText(f"{len(self.editors[section].toPlainText())} 字")

    def _show_notes(self) -> None:
        findings = self._findings(self.current_section().value)
        self.notes.setText("\n".join(finding_text(f) for f in findings))
        self.notes.setVisible(bool(findings))

    # ------------------------------------------------------------ typing

    def _typed(self, field: str, text: str) -> None:
        if self._updating:
            return
        edit = self.line_edits[field]
        try:
            parse_cell(self.document.report, CellRef(Table.OVERVIEW, None, field), text)
        except CellError as exc:
            edit.setProperty("invalid", True)
            edit.setStyleSheet(field_frame(Severity.ERROR))
            edit.setToolTip(str(exc))
            return
        if edit.property("invalid"):
            edit.setProperty("invalid", False)
            self._refresh_findings()
        if field != "year":  # a year is stored when complete (Enter or leaving the field)
            self._type(field, text, self.sessions.session(field))

    def finish_editing(self) -> None:
        """Store a year still being typed (it is stored when its field is left, and saving or
        exporting by shortcut leaves it focused)."""
        edit = self.line_edits["year"]
        if edit.hasFocus() and self._line_value("year", edit.text()) != self.document.report.year:
            self._line_finished("year")
        self.submission.finish_editing()

    def _line_finished(self, field: str) -> None:
        edit = self.line_edits[field]
        ref = CellRef(Table.OVERVIEW, None, field)
        if edit.property("invalid"):
            # A year that is not one: say why and show the stored value again.
            self.document.edit_cell(ref, edit.text())
            self._updating = True
            edit.setText(self._value_text(field))
            self._updating = False
            edit.setProperty("invalid", False)
            self._refresh_findings()
        elif field == "year":
            self.document.edit_cell(ref, edit.text())
        self.sessions.break_()

    def _section_typed(self, section: Section) -> None:
        if self._updating:
            return
        text = self.editors[section].toPlainText()
        self._type(section.value, text, self.sessions.session(section.value))
        self._refresh_lengths()

    # ------------------------------------------------------------ navigation

    def current_section(self) -> Section:
        row = max(self.sections.currentRow(), 0)
        return Section(self.sections.item(row).data(Qt.ItemDataRole.UserRole))

    def _show_section(self, row: int) -> None:
        if row < 0:
            return
        section = self.current_section()
        self.stack.setCurrentWidget(self.editors[section])
        self.heading.setText(f"{section.numeral}、{section.heading}")
        self.sessions.break_()
        self._refresh_lengths()
        self._show_notes()
        self._show_reference()

    def current_field(self) -> str:
        """The field the clerk is in: a line that has the focus, else the section shown."""
        for field, edit in self.line_edits.items():
            if edit.hasFocus():
                return field
        return self.current_section().value

    def current_ref(self) -> CellRef:
        """The field the clerk is in, as a place in the report."""
        return CellRef(Table.OVERVIEW, None, self.current_field())

    def select_text(self, field: str, start: int, end: int) -> None:
        """Show `field` with `start`..`end` of its text selected, leaving the focus where it is
        (in the find bar, when it asks)."""
        if field_of(field) is not None:
            self.submission.select_text(field, start, end)
            return
        if field in self.line_edits:
            self.line_edits[field].setSelection(start, end - start)
            return
        section = Section(field)
        self.sections.setCurrentRow(list(Section).index(section))
        editor = self.editors[section]
        cursor = editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()

    def focus_field(self, field: str, finding: Finding | None = None) -> None:
        """Show and focus a field; for a repeated passage, select its second occurrence."""
        if field_of(field) is not None:
            self.submission.focus_field(field)
            return
        if field in self.line_edits:
            self.line_edits[field].setFocus(Qt.FocusReason.OtherFocusReason)
            self.line_edits[field].selectAll()
            return
        section = Section(field)
        self.sections.setCurrentRow(list(Section).index(section))
        editor = self.editors[section]
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if finding is not None and finding.code == "TEXT_REPEATED":
            span = repeated_span(editor.toPlainText())
            if span is not None:
                self.select_text(field, *span)


def _replace_changed_part(editor: QTextEdit, value: str) -> None:
    """Put `value` in the editor by replacing only the part that differs, so the caret and the
    scroll position stay where they were (undo/redo of typing elsewhere)."""
    old = editor.toPlainText()
    start = 0
    while start < min(len(old), len(value)) and old[start] == value[start]:
        start += 1
    end_old, end_new = len(old), len(value)
    while end_old > start and end_new > start and old[end_old - 1] == value[end_new - 1]:
        end_old -= 1
        end_new -= 1
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    cursor.setPosition(end_old, QTextCursor.MoveMode.KeepAnchor)
    editor.blockSignals(True)
    cursor.insertText(value[start:end_new])
    editor.blockSignals(False)
    caret = editor.textCursor()
    caret.setPosition(start + (end_new - start))
    editor.setTextCursor(caret)


@cache
def _blank_icon() -> QIcon:
    """Keeps the section titles aligned whether or not they have a finding's icon."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
