"""The open report: its file, its undo stack and its findings, kept current edit by edit.

Every change goes through `Document.perform` as an undo command that applies a domain edit
(`domain.edits`). After each change the document revalidates the tables it touched and tells
the views exactly what changed (`changed`), then which cells' findings changed
(`findings_changed`), so each view refreshes only that.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from selfeval_gui.domain.edits import (
    Batch,
    CellError,
    CellRef,
    ChangeSet,
    Edit,
    PastePlan,
    Progress,
    SetValue,
    cell_value,
    fill_cells,
    merged_rows,
    paste_block,
    set_cell,
)
from selfeval_gui.domain.findings import DEFAULT_FAR_EXCEEDED_THRESHOLD, Code, Finding, Severity, Table, severity_counts
from selfeval_gui.domain.fixes import Fix, combined_edit, fix_for, fixes_of_kind
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.paste_check import computed_differences, notes_after
from selfeval_gui.domain.reference import has_reference
from selfeval_gui.domain.revalidate import Revalidator
from selfeval_gui.domain.validation import ValidationOptions

#: Where a finding is shown: (table, row, column); row is `None` in 概况.
FindingKey = tuple[Table, int | None, str | None]

_TYPING = 1  # QUndoCommand id shared by the keystrokes of one editing session
_sessions = itertools.count(1)


def new_session() -> int:
    """A fresh editing-session id: keystrokes with the same id are one undo step."""
    return next(_sessions)


def _assignments(edit: Edit) -> dict[CellRef, object] | None:
    """The cells an edit sets and their values, if it only sets cells."""
    if isinstance(edit, SetValue):
        return {edit.ref: edit.value}
    if isinstance(edit, Batch):
        values: dict[CellRef, object] = {}
        for part in edit.edits:
            sub = _assignments(part)
            if sub is None:
                return None
            values.update(sub)
        return values
    return None


class EditCommand(QUndoCommand):
    """One undo step: a domain edit and, once applied, the edit that undoes it."""

    def __init__(self, document: Document, edit: Edit, text: str, session: int | None = None) -> None:
        super().__init__(text)
        self._document = document
        self._forward: Edit = edit
        self._backward: Edit | None = None
        self.session = session

    def redo(self) -> None:
        self._backward = self._document._apply(self._forward)

    def undo(self) -> None:
        assert self._backward is not None
        self._forward = self._document._apply(self._backward)

    def id(self) -> int:
        return _TYPING if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.session != self.session or self.session is None:
            return False
        before = _assignments(self._backward) if self._backward else None
        after = _assignments(other._forward)
        if before is None or after is None:
            return False
        if not set(after) <= set(before):
            # The typing filled into other cells (Ctrl+Enter): undone first, then the typing.
            assert other._backward is not None and self._backward is not None
            self._forward = Batch((self._forward, other._forward))
            self._backward = Batch((other._backward, self._backward))
            self.setText(other.text())
            return True
        # The merged step undoes to the value before the session and redoes to the latest.
        self._forward = Batch((self._forward, other._forward))
        self.setObsolete(all(before[ref] == value for ref, value in after.items()) and set(after) == set(before))
        return True


class PasteCommand(EditCommand):
    """A paste, and the notes on the computed figures it brought (`paste_check`): they come
    with the paste, on redo too, and go when it is undone."""

    def __init__(self, document: Document, edit: Edit, check: Callable[[], list[Finding]]) -> None:
        super().__init__(document, edit, "粘贴")
        self._check = check
        self.notes: list[Finding] = []

    def redo(self) -> None:
        super().redo()
        self.notes = self._check()
        self._document._add_notes(self.notes)

    def undo(self) -> None:
        self._document._drop_notes(self.notes)
        super().undo()


class Document(QObject):
    #: A domain `ChangeSet`: the report changed there.
    changed = Signal(object)
    #: A frozenset of `FindingKey`: the findings at these places changed.
    findings_changed = Signal(object)
    #: A whole new report was loaded: views rebuild.
    reset = Signal()
    path_changed = Signal()
    #: A sentence for the status bar (why an input was refused, what a paste did).
    message = Signal(str)
    #: How a block pasted with its header row was read: a list of `Note`, to show the clerk.
    paste_notes = Signal(object)

    def __init__(self, report: Report | None = None, path: Path | None = None, parent: QObject | None = None,
                 threshold: Decimal = DEFAULT_FAR_EXCEEDED_THRESHOLD) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.report = report if report is not None else Report()
        self.path = path
        #: A title for a report that has no file yet (the sample, an import).
        self.untitled_name = "未命名"
        self._checker = Revalidator(ValidationOptions(far_exceeded_threshold=threshold))
        self._index: dict[FindingKey, tuple[Finding, ...]] = {}
        #: Info findings about pastes, which validation cannot find again (`paste_check`).
        self._notes: list[Finding] = []
        self._session_rows: dict[int, list[int]] = {}
        #: What the last edit applied (done, undone or redone) changed.
        self.last_changes = ChangeSet()
        self._revalidate(tuple(Table))

    # ------------------------------------------------------------ state

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in reading order: the rules' and the notes on pastes."""
        if not self._notes:
            return self._checker.findings
        return sorted([*self._checker.findings, *self._notes], key=lambda f: f.sort_key)

    def findings_at(self, table: Table, row: int | None, column: str | None) -> tuple[Finding, ...]:
        return self._index.get((table, row, column), ())

    def findings_of(self, table: Table) -> list[Finding]:
        notes = [n for n in self._notes if n.table is table]
        if not notes:
            return self._checker.of(table)
        return sorted([*self._checker.of(table), *notes], key=lambda f: f.sort_key)

    def counts(self) -> dict[Severity, int]:
        return severity_counts(self.findings)

    @property
    def has_reference(self) -> bool:
        """Whether the report carries last year's figures and texts beside its own."""
        return has_reference(self.report)

    def fix_for(self, finding: Finding) -> Fix | None:
        """What the program would change to put `finding` right, if it knows."""
        return fix_for(self.report, finding)

    def fixes_of_kind(self, code: Code) -> list[Fix]:
        """The fixes of every finding with `code`."""
        return fixes_of_kind(self.report, self.findings, code)

    @property
    def threshold(self) -> Decimal:
        return self._checker.options.far_exceeded_threshold

    def set_threshold(self, threshold: Decimal) -> None:
        if threshold == self.threshold:
            return
        self._checker.options = ValidationOptions(far_exceeded_threshold=threshold)
        self._revalidate((Table.INDICATORS,))

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else self.untitled_name

    def replace(self, report: Report, path: Path | None, *, saved: bool = True, name: str = "未命名") -> None:
        """Show another report. `saved=False` for one that is in no file yet (an import, a
        recovered copy): it counts as modified until saved."""
        self.undo_stack.clear()
        self.report = report
        self.path = path
        self.untitled_name = name
        self._session_rows.clear()
        self._notes = []
        self._checker.validate(report)
        self._index = self._build_index(self.findings)
        if saved:
            self.undo_stack.setClean()
        else:
            self.undo_stack.resetClean()
        self.reset.emit()
        self.path_changed.emit()

    def set_path(self, path: Path) -> None:
        self.path = path
        self.path_changed.emit()

    # ------------------------------------------------------------ edits

    def perform(self, edit: Edit | None, text: str) -> bool:
        """Apply `edit` as one undo step; `False` if there was nothing to do."""
        if edit is None:
            return False
        self.undo_stack.push(EditCommand(self, edit, text))
        return True

    def apply_fixes(self, fixes: Sequence[Fix]) -> bool:
        """Apply `fixes` as one undo step (一键更正)."""
        return self.perform(combined_edit(fixes), "一键更正")

    def edit_cell(self, ref: CellRef, text: str, session: int | None = None) -> bool:
        """Type `text` into a cell or 概况 field. Keystrokes of one session are one undo step.
        Returns `False`, with the reason on `message`, when the text cannot go there."""
        rows = None
        if session is not None and ref.row is not None and ref.table is Table.INDICATORS:
            # A merged 类别 keeps the rows it had when typing began, even if the text being
            # typed passes through its neighbour's value.
            if session not in self._session_rows:
                self._session_rows[session] = list(merged_rows(self.report, ref.table, ref.row, ref.column))
            rows = self._session_rows[session]
        try:
            edit = set_cell(self.report, ref, text, rows=rows)
        except CellError as exc:
            self.message.emit(str(exc))
            return False
        if edit is not None:
            self.undo_stack.push(EditCommand(self, edit, "输入", session))
        return True

    def restore_cell(self, ref: CellRef, value: object, session: int) -> None:
        """Escape while typing: back to `value`, the cell's value when the session began."""
        rows = self._session_rows.get(session, [ref.row])
        refs = [CellRef(ref.table, r, ref.column) for r in rows]
        edits = [SetValue(r, value) for r in refs if cell_value(self.report, r) != value]
        if edits:
            self.undo_stack.push(EditCommand(self, Batch(tuple(edits)), "输入", session))

    def fill(self, refs: Sequence[CellRef], text: str, session: int | None = None) -> list[str]:
        """Ctrl+Enter: `text` into every cell of `refs`, one undo step together with the typing
        of `session` (the cell it was typed in). Returns why some cells could not take it."""
        edit, refused = fill_cells(self.report, refs, text)
        if edit is not None:
            self.undo_stack.push(EditCommand(self, edit, "填充", session))
        return refused

    def end_session(self, session: int) -> None:
        self._session_rows.pop(session, None)

    def paste(self, table: Table, top: int, left: int, grid: Sequence[Sequence[str]],
              progress: Progress | None = None) -> tuple[PastePlan, list[Finding]]:
        """Paste a block as one undo step; also returns the notes on its computed figures
        that differ from the computed ones (shown as info findings while the paste stands).
        `progress` as `paste_block` takes it (a cancelled paste raises `PasteCancelled` and
        changes nothing)."""
        plan = paste_block(self.report, table, top, left, grid, progress)

        def check() -> list[Finding]:
            return computed_differences(self.report, table, plan.top, plan.left, plan.written)

        if plan.edit is None:
            notes = check()
            self._add_notes(notes)
        else:
            command = PasteCommand(self, plan.edit, check)
            self.undo_stack.push(command)
            notes = command.notes
        if plan.notes:
            self.paste_notes.emit(plan.notes)
        return plan, notes

    def _apply(self, edit: Edit) -> Edit:
        changes, inverse = edit.apply(self.report)
        self.last_changes = changes
        self.changed.emit(changes)
        if self._notes:
            self._notes = notes_after(self._notes, changes)
        self._revalidate(changes.tables, changes)
        return inverse

    def _add_notes(self, notes: list[Finding]) -> None:
        fresh = [n for n in notes if n not in self._notes]
        if fresh:
            self._notes.extend(fresh)
            self._reindex()

    def _drop_notes(self, notes: list[Finding]) -> None:
        if any(n in self._notes for n in notes):
            self._notes = [n for n in self._notes if n not in notes]
            self._reindex()

    # ------------------------------------------------------------ findings

    @staticmethod
    def _build_index(findings: Sequence[Finding]) -> dict[FindingKey, tuple[Finding, ...]]:
        index: dict[FindingKey, list[Finding]] = {}
        for f in findings:
            index.setdefault((f.table, f.row, f.column), []).append(f)
        return {key: tuple(value) for key, value in index.items()}

    def _revalidate(self, tables: Sequence[Table] | frozenset[Table], changes: ChangeSet | None = None) -> None:
        if not tables:
            return
        self._checker.validate(self.report, tables, changes)
        self._reindex()

    def _reindex(self) -> None:
        """Index the findings by place and say where they changed."""
        index = self._build_index(self.findings)
        keys = frozenset(k for k in set(index) | set(self._index) if index.get(k) != self._index.get(k))
        self._index = index
        if keys:
            self.findings_changed.emit(keys)
