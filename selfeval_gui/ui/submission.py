"""The submission block (填报信息) in 概况: who submits the report, who signs it, and when.

A button that shows or hides the six fields (`toggle`, which the page places beside its other
fields; its tip says what the block holds); the fields, typed into the document like every
other field of 概况 (one undo step per field); and, where the block is still empty, the block
last filled in for the same department, offered in one click. What is filled in is remembered
for that department's next report (all but the date).
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from selfeval_gui.domain.edits import CellError, CellRef, ChangeSet, SetValue, batch, parse_cell
from selfeval_gui.domain.findings import Severity, Table
from selfeval_gui.domain.submission import (
    STANDING_FIELDS,
    SUBMISSION_LABELS,
    column,
    date_text,
    field_of,
    shown_values,
)
from selfeval_gui.ui.document import Document, new_session
from selfeval_gui.ui.settings import Settings
from selfeval_gui.ui.style import field_frame

_PLACEHOLDERS = {
    "unit": "盖章单位的全称", "head": "姓名", "finance_head": "姓名", "preparer": "姓名",
    "phone": "例如：0512-65230000", "date": "例如：2024年3月15日",
}
#: Fields per line of the form.
_PER_LINE = 3


class SubmissionForm(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None, *, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self._sessions: dict[str, int] = {}

        self.toggle = QToolButton(self)
        self.toggle.setObjectName("submission_toggle")
        self.toggle.setText("填报信息(&B)")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._show_fields)
        self.toggle.clicked.connect(self._clicked)
        #: Where the keyboard was when the clerk opened the block, to go back there on closing.
        self._came_from: QWidget | None = None

        self.body = QWidget(self)
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        self.fields: dict[str, QLineEdit] = {}
        for index, (name, label) in enumerate(SUBMISSION_LABELS.items()):
            edit = QLineEdit(self.body)
            edit.setObjectName(column(name))
            edit.setAccessibleName(label)
            edit.setPlaceholderText(_PLACEHOLDERS[name])
            caption = QLabel(label, self.body)
            caption.setBuddy(edit)
            line, place = divmod(index, _PER_LINE)
            grid.addWidget(caption, line, place * 2)
            if name == "date":
                holder = QHBoxLayout()
                holder.setSpacing(2)
                holder.addWidget(edit, 1)
                holder.addWidget(self._calendar_button(), 0)
                grid.addLayout(holder, line, place * 2 + 1)
                edit.editingFinished.connect(self._date_finished)
            else:
                grid.addWidget(edit, line, place * 2 + 1)
                edit.textEdited.connect(lambda text, n=name: self._typed(n, text))
                edit.editingFinished.connect(lambda n=name: self._sessions.pop(n, None))
            self.fields[name] = edit
        for place in range(_PER_LINE):
            grid.setColumnStretch(place * 2 + 1, 2 if place == 0 else 1)

        self.offer = QLabel(self)
        self.offer.setTextFormat(Qt.TextFormat.PlainText)
        self.offer.setWordWrap(True)
        self.fill = QPushButton("填入(&F)", self)
        self.fill.setObjectName("submission_fill")
        self.fill.clicked.connect(self.fill_remembered)

        offer = QHBoxLayout()
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(self.offer, 1)
        offer.addWidget(self.fill)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.body)
        layout.addLayout(offer)
        self._offer_row = (self.offer, self.fill)

        document.changed.connect(self._on_changed)
        document.reset.connect(self.load)
        self.load()

    # ------------------------------------------------------------ the calendar

    def _calendar_button(self) -> QToolButton:
        button = QToolButton(self.body)
        button.setObjectName("submission_calendar")
        button.setText("…")
        button.setToolTip("从日历中选择填报日期")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        self._calendar_menu = menu
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._calendar_opens)
        button.setMenu(menu)
        return button

    def _calendar_opens(self) -> None:
        date = self.document.report.submission.date
        self.calendar.setSelectedDate(QDate(date.year, date.month, date.day) if date else QDate.currentDate())

    def _picked(self, day: QDate) -> None:
        self._calendar_menu.close()
        picked = datetime.date(day.year(), day.month(), day.day())
        self.document.edit_cell(CellRef(Table.OVERVIEW, None, column("date")), date_text(picked))

    # ------------------------------------------------------------ from the document

    def load(self) -> None:
        # Shown with setText, which does not count as typing (textEdited is the clerk's alone).
        for name in SUBMISSION_LABELS:
            self._show_value(name)
        self._sessions.clear()
        self.toggle.setChecked(self.document.report.submission.filled)
        self._show_fields(self.toggle.isChecked())
        self._refresh()

    def _show_value(self, name: str) -> None:
        edit = self.fields[name]
        submission = self.document.report.submission
        if name == "date":
            edit.setText(shown_values(submission)["date"])
            edit.setStyleSheet("")
            edit.setToolTip("")
        elif self._value(name, edit.text()) != getattr(submission, name):
            position = edit.cursorPosition()
            edit.setText(getattr(submission, name))
            edit.setCursorPosition(min(position, len(edit.text())))

    def _value(self, name: str, text: str) -> object:
        try:
            return parse_cell(self.document.report, CellRef(Table.OVERVIEW, None, column(name)), text)
        except CellError:
            return None

    def _on_changed(self, changes: ChangeSet) -> None:
        cells = {c.column for c in changes.cells if c.table is Table.OVERVIEW}
        names = [n for n in (field_of(c) for c in cells) if n is not None]
        if names:
            for name in names:
                self._show_value(name)
            self._remember()
        if names or "department" in cells:
            self._refresh()

    def _refresh(self) -> None:
        """The summary beside the header, and the offer of the department's last block."""
        submission = self.document.report.submission
        values = shown_values(submission)
        parts = [values["unit"], *(f"{SUBMISSION_LABELS[n]} {values[n]}"
                                   for n in ("head", "finance_head", "preparer") if values[n]),
                 values["phone"], values["date"]]
        shown = " · ".join(p for p in parts if p)
        self.toggle.setToolTip(
            f"填报信息：{shown if shown else '未填写'}\n"
            "填报单位、负责人、填报人、联系电话和日期，填写后附在 Word/PDF 文末和 Excel 概况表中（可选）。"
        )
        remembered = self._remembered()
        visible = bool(remembered) and not any(getattr(submission, n) for n in STANDING_FIELDS)
        if visible:
            department = self.document.report.department.strip()
            self.offer.setText(f"“{department}”上次的填报信息：" + "，".join(remembered[n] for n in STANDING_FIELDS
                                                                         if n in remembered))
        for widget in self._offer_row:
            widget.setVisible(visible)
        self._show_fields(self.toggle.isChecked())

    def _remembered(self) -> dict[str, str]:
        if self.settings is None:
            return {}
        remembered = self.settings.submission_for(self.document.report.department)
        return {n: remembered[n] for n in STANDING_FIELDS if remembered.get(n)}

    def _remember(self) -> None:
        if self.settings is None:
            return
        submission = self.document.report.submission
        self.settings.remember_submission(self.document.report.department,
                                          {n: getattr(submission, n) for n in STANDING_FIELDS})

    # ------------------------------------------------------------ typing

    def _typed(self, name: str, text: str) -> None:
        session = self._sessions.setdefault(name, new_session())
        self.document.edit_cell(CellRef(Table.OVERVIEW, None, column(name)), text, session)

    def _date_finished(self) -> None:
        edit = self.fields["date"]
        current = self.document.report.submission.date
        try:
            value = parse_cell(self.document.report, CellRef(Table.OVERVIEW, None, column("date")), edit.text())
        except CellError as exc:
            edit.setStyleSheet(field_frame(Severity.ERROR))
            edit.setToolTip(str(exc))
            self.document.message.emit(str(exc))
            return
        if value != current:
            self.document.edit_cell(CellRef(Table.OVERVIEW, None, column("date")), edit.text())
        else:
            self._show_value("date")

    def finish_editing(self) -> None:
        """Store a date still being typed (saving or exporting by shortcut leaves it focused)."""
        if self.fields["date"].hasFocus():
            self._date_finished()

    def fill_remembered(self) -> None:
        """Fill the empty block with the department's last one, as one undo step."""
        remembered = self._remembered()
        edits = [
            SetValue(CellRef(Table.OVERVIEW, None, column(name)), value) for name, value in remembered.items()
        ]
        if self.document.perform(batch(edits), "填入填报信息"):
            self.toggle.setChecked(True)

    # ------------------------------------------------------------ showing

    def _show_fields(self, shown: bool) -> None:
        focus = QApplication.focusWidget()
        leaving = not shown and focus is not None and self.body.isAncestorOf(focus)
        self.body.setVisible(shown)
        self.setVisible(shown or any(w.isVisibleTo(self) for w in self._offer_row))
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        # Closed with the keyboard in it: back where the keyboard was before, not to whatever
        # Qt finds after the hidden fields.
        came_from, self._came_from = self._came_from, None
        if leaving and came_from is not None and came_from.isVisible():
            came_from.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clicked(self, opened: bool) -> None:
        """The clerk opens the block (Alt+B or a click): the keyboard goes to its first field,
        and goes back where it was when the block closes (see `_show_fields`)."""
        if opened:
            focus = QApplication.focusWidget()
            self._came_from = focus if focus is not None and not self.isAncestorOf(focus) else None
            self.fields["unit"].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_field(self, column_name: str) -> None:
        name = field_of(column_name)
        if name is None:
            return
        self.toggle.setChecked(True)
        self.fields[name].setFocus(Qt.FocusReason.OtherFocusReason)
        self.fields[name].selectAll()

    def select_text(self, column_name: str, start: int, end: int) -> None:
        """Show the block with `start`..`end` of a field's text selected, leaving the focus
        where it is (in the find bar, when it asks)."""
        name = field_of(column_name)
        if name is None:
            return
        self.toggle.setChecked(True)
        self.fields[name].setSelection(start, end - start)
