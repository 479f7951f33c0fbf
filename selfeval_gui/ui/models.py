"""One Qt table model per table of the report, and the model of the findings list.

Each table model keeps the displayed text of every row (a flat cache, rebuilt only for the
rows an edit touched) and answers `data()` with a flat switch over roles. Findings come from
the document: a tint (`BackgroundRole`), their messages (`ToolTipRole`) and the findings
themselves (`Role.FINDINGS`) for the delegate's frame and corner mark.

Tables 7 and 9 of a report made from last year's have last year's reference columns after
their own (`reference_columns`): read-only, drawn apart, never part of the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from selfeval_gui.domain.compute import FIXED_BUDGET_ROWS, budget_figures, evaluate, rate_text
from selfeval_gui.domain.edits import (
    GROUP_COLUMNS,
    CellRef,
    ChangeSet,
    RowSplice,
    cell_value,
    edit_text,
    is_editable,
    merged_runs,
    not_editable_reason,
)
from selfeval_gui.domain.findings import (
    COLUMNS,
    FIXABLE,
    HEADINGS,
    Finding,
    Severity,
    Table,
    finding_text,
    location_label,
)
from selfeval_gui.domain.money import exact_amount_note, format_amount
from selfeval_gui.domain.reference import REFERENCE_COLUMNS, last_year_label, reference_note, reference_texts
from selfeval_gui.ui.document import Document, FindingKey
from selfeval_gui.ui.style import COMPUTED_TINT, REFERENCE_TEXT, REFERENCE_TINT, TINT, fix_icon, severity_icon, worst

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


#: Characters of a cell's text shown (painted, in its tooltip) at most: eight lines of the
#: widest column hold far fewer, and handing a pasted giant (megabytes) to Qt's text layout
#: would take seconds at each repaint. Editing and copying have the whole text.
MAX_SHOWN_CHARS = 4_000


def shown(text: str) -> str:
    """`text` as far as a cell or tooltip shows it."""
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + f"……（共 {len(text):,} 字）"


class Role(IntEnum):
    #: tuple[Finding, ...] at the cell (for a merged cell: at its first row).
    FINDINGS = Qt.ItemDataRole.UserRole + 1
    #: The worst severity at the cell (its `Severity` value, a str), or `None`.
    SEVERITY = Qt.ItemDataRole.UserRole + 2
    #: (first row, last row) of the merged cell this cell belongs to, or `None`.
    MERGED = Qt.ItemDataRole.UserRole + 3
    #: Whether the cell is computed or a fixed label (shown greyed, never typed into).
    COMPUTED = Qt.ItemDataRole.UserRole + 4
    #: The `Finding` of a row of the findings list.
    FINDING = Qt.ItemDataRole.UserRole + 5
    #: The cell's whole text as shown (the display role shows at most `MAX_SHOWN_CHARS`).
    TEXT = Qt.ItemDataRole.UserRole + 6


_FINDING_ROLES: list[int] = [
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, Role.FINDINGS, Role.SEVERITY,
]
#: Headings broken where the published tables break them, so narrow columns stay readable.
_WRAPPED_HEADINGS = {
    (Table.BUDGET, "initial"): "年初预算数\n（万元）",
    (Table.BUDGET, "adjustment"): "上年度结转及当年\n预算追加追减数\n（万元）",
    (Table.BUDGET, "adjusted"): "调整预算数\n（万元）",
    (Table.BUDGET, "actual"): "实际支出数\n（万元）",
    (Table.BUDGET, "rate"): "执行率\n（%）",
    (Table.TASKS, "duty"): "对应部门\n主要职责",
    (Table.BUDGET, "previous_actual"): "上年实际\n支出数\n（万元）",
    (Table.BUDGET, "previous_rate"): "上年\n执行率\n（%）",
    (Table.INDICATORS, "previous_actual"): "上年\n完成值",
    (Table.INDICATORS, "previous_deviation"): "上年\n偏差情况",
}
_FORMULAS = {
    "adjusted": "调整预算数 = 年初预算数 + 上年度结转及当年预算追加追减数（自动计算）",
    "rate": "执行率 = 实际支出数 ÷ 调整预算数 × 100%（自动计算）",
    "deviation": "偏差情况 =（完成值 − 目标值）÷ 目标值 × 100%；定性指标达到为 0%，未达到为“未达到”（自动计算）",
}
#: Text longer than this is also shown whole in the tooltip (the cell may clip it).
_LONG_TEXT = 24


class TableModel(QAbstractTableModel):
    """The shared part: the row cache, findings, merged cells, and edits through the document."""

    table: ClassVar[Table]
    #: Rows whose text changed (so the view fits their height); a list of row numbers.
    rows_changed = Signal(object)

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.columns: tuple[str, ...] = COLUMNS[self.table]
        #: Last year's reference, in columns after the report's own.
        self.reference_columns: tuple[str, ...] = tuple(REFERENCE_COLUMNS.get(self.table, {}))
        self._keys = self.columns + self.reference_columns
        self._group_columns = GROUP_COLUMNS.get(self.table, ())
        self._cache: list[tuple[str, ...]] = []
        self._merged: dict[str, list[tuple[int, int]]] = {}
        self._build()
        document.changed.connect(self._on_changed)
        document.findings_changed.connect(self._on_findings_changed)
        document.reset.connect(self._on_reset)

    # ------------------------------------------------------------ per table

    def _count(self) -> int:
        raise NotImplementedError

    def _display_row(self, row: int) -> tuple[str, ...]:
        raise NotImplementedError

    def _editable(self, row: int, column: str) -> bool:
        return is_editable(self.document.report, CellRef(self.table, row, column))

    def _dependent_rows(self, rows: set[int]) -> set[int]:
        return set()

    def _prepare(self) -> None:
        """Refresh what maps rows to the report before rows are recomputed."""

    def _alignment(self, column: str) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def _font(self, row: int) -> QFont | None:
        return None

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._cache)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def column_index(self, column: str) -> int:
        """The model column of `column`, a column of the report or of the reference."""
        return self._keys.index(column)

    @property
    def group_columns(self) -> tuple[str, ...]:
        """Columns shown merged over equal neighbours."""
        return self._group_columns

    def ref(self, index: AnyIndex) -> CellRef:
        return CellRef(self.table, index.row(), self._keys[index.column()])

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self._editable(index.row(), self._keys[index.column()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        column = self._keys[section]
        if column in self.reference_columns:
            return self._reference_heading(column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _WRAPPED_HEADINGS.get((self.table, column), HEADINGS[self.table][column])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _FORMULAS.get(column, HEADINGS[self.table][column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        if not index.isValid() or row >= len(self._cache):
            return None
        column = self._keys[col]
        if column in self.reference_columns:
            return self._reference_data(row, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(self._cache[row][col])
        if role == Role.TEXT:
            return self._cache[row][col]
        if role == Qt.ItemDataRole.EditRole:
            if self._editable(row, column):
                return edit_text(cell_value(self.document.report, CellRef(self.table, row, column)))
            return self._cache[row][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = worst(f.severity for f in self._findings(row, column))
            if severity is not None:
                return QBrush(TINT[severity])
            if not self._editable(row, column):
                return QBrush(COMPUTED_TINT)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row)
        if role == Role.FINDINGS:
            return self._findings(row, column)
        if role == Role.SEVERITY:
            return worst(f.severity for f in self._findings(row, column))
        if role == Role.MERGED:
            spans = self._merged.get(column)
            if spans is None or row >= len(spans) or spans[row][0] == spans[row][1]:
                return None
            return spans[row]
        if role == Role.COMPUTED:
            return not self._editable(row, column)
        return None

    def _reference_heading(self, column: str, role: int) -> Any:
        heading = REFERENCE_COLUMNS[self.table][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return _WRAPPED_HEADINGS.get((self.table, column), heading)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{heading}：{last_year_label(self.document.report)}的数值，仅供对照，不能修改，"
                    "也不导出到正式表格（视图 → 上年对照 可隐藏）。")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(REFERENCE_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(REFERENCE_TINT)
        return None

    def _reference_data(self, row: int, col: int, role: int) -> Any:
        """Last year's columns: greyed brown on a paper tint, in italics, read-only."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._cache[row][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(REFERENCE_TINT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(REFERENCE_TEXT)
        if role == Qt.ItemDataRole.FontRole:
            font = self._font(row) or QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return reference_note(self.document.report, self.table, row)
        if role == Role.COMPUTED:
            return True
        return None

    def _row_texts(self, row: int) -> tuple[str, ...]:
        """The displayed text of a row: the report's columns, then last year's."""
        if not self.reference_columns:
            return self._display_row(row)
        return self._display_row(row) + reference_texts(self.document.report, self.table, row, self.document.threshold)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.edit(index, "" if value is None else str(value))

    def edit(self, index: AnyIndex, text: str, session: int | None = None) -> bool:
        """Type `text` into the cell (one keystroke of `session`, if given). Never opens a
        dialog: text that cannot go there is refused and the reason goes to the status bar."""
        ref = self.ref(index)
        if not is_editable(self.document.report, ref):
            self.document.message.emit(not_editable_reason(ref))
            return False
        return self.document.edit_cell(ref, text, session)

    # ------------------------------------------------------------ findings

    def _anchor(self, row: int, column: str) -> int:
        spans = self._merged.get(column)
        if spans is not None and row < len(spans):
            return spans[row][0]
        return row

    def _findings(self, row: int, column: str) -> tuple[Finding, ...]:
        return self.document.findings_at(self.table, self._anchor(row, column), column)

    def _tooltip(self, row: int, column: str) -> str | None:
        findings = self._findings(row, column)
        if findings:
            return "\n".join(finding_text(f) for f in findings)
        if column in _FORMULAS:
            return _FORMULAS[column]
        text = self._cache[self._anchor(row, column)][self.columns.index(column)]
        return shown(text) if len(text) > _LONG_TEXT or "\n" in text else None

    def _on_findings_changed(self, keys: frozenset[FindingKey]) -> None:
        rows: set[int] = set()
        for table, row, column in keys:
            if table is not self.table or row is None:
                continue
            spans = self._merged.get(column) if column is not None else None
            if spans is not None and row < len(spans):
                rows.update(range(spans[row][0], spans[row][1] + 1))
            else:
                rows.add(row)
        self._emit_rows(rows, _FINDING_ROLES)

    # ------------------------------------------------------------ changes

    def _build(self) -> None:
        self._prepare()
        self._cache = [self._row_texts(r) for r in range(self._count())]
        self._merged = self._compute_merged()

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()
        self.rows_changed.emit(list(range(len(self._cache))))

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.table not in changes.tables:
            return
        self._prepare()
        changed: set[int] = set()
        region = changes.region(self.table)
        if region is not None:
            changed |= self._apply_region(region)
        rows = {c.row for c in changes.cells if c.table is self.table and c.row is not None}
        rows |= self._dependent_rows(rows)
        for row in rows:
            self._cache[row] = self._row_texts(row)
        changed |= rows
        self._emit_rows(rows, None)
        if self._group_columns:
            # Rows whose merged cell grew or shrank need another height too.
            changed |= self._refresh_merged(region, {c.column for c in changes.cells if c.table is self.table})
        if changed:
            self.rows_changed.emit(sorted(changed))

    def _apply_region(self, region: RowSplice) -> set[int]:
        first, removed, inserted = region.first, region.removed, region.inserted
        if inserted < removed:
            self.beginRemoveRows(_ROOT, first + inserted, first + removed - 1)
            del self._cache[first + inserted : first + removed]
            self._merged = self._compute_merged()
            self.endRemoveRows()
        elif inserted > removed:
            self.beginInsertRows(_ROOT, first + removed, first + inserted - 1)
            new_rows = [self._row_texts(r) for r in range(first + removed, first + inserted)]
            self._cache[first + removed : first + removed] = new_rows
            self._merged = self._compute_merged()
            self.endInsertRows()
        common = range(first, first + min(removed, inserted))
        for row in common:
            self._cache[row] = self._row_texts(row)
        self._emit_rows(common, None)
        return set(range(first, first + inserted))

    def _emit_rows(self, rows: Iterable[int], roles: list[int] | None) -> None:
        """`dataChanged` for each block of consecutive rows, across all columns."""
        last_column = len(self._keys) - 1
        for block in _blocks(r for r in rows if 0 <= r < len(self._cache)):
            top, bottom = self.index(block[0], 0), self.index(block[-1], last_column)
            if roles is None:
                self.dataChanged.emit(top, bottom)
            else:
                self.dataChanged.emit(top, bottom, roles)

    # ------------------------------------------------------------ merged cells

    def _compute_merged(self) -> dict[str, list[tuple[int, int]]]:
        """Per merged column, the (first, last) rows of each row's cell."""
        merged: dict[str, list[tuple[int, int]]] = {}
        for column in self._group_columns:
            spans: list[tuple[int, int]] = []
            for run in merged_runs(self.document.report, self.table, column):
                spans.extend([(run.start, run.stop - 1)] * len(run))
            merged[column] = spans
        return merged

    def _refresh_merged(self, region: RowSplice | None, columns: set[str]) -> set[int]:
        """Recompute the merged cells and repaint them; returns the rows of the merged cells
        that changed (around spliced rows: the merged cells beside them)."""
        if region is None and not columns & set(self._group_columns):
            return set()
        old = self._merged
        self._merged = self._compute_merged()
        if region is not None:
            rows: Iterable[int] = range(max(region.first - 1, 0), len(self._cache))
            edge = range(max(region.first - 1, 0), min(region.first + region.inserted + 1, len(self._cache)))
            spans = {self._merged[column][r] for column in self._group_columns for r in edge}
            resized = {r for first, last in spans for r in range(first, last + 1)}
        else:
            rows = resized = {
                r for column in self._group_columns
                for r in range(len(self._cache)) if old[column][r] != self._merged[column][r]
            }
        first = self.columns.index(self._group_columns[0])
        last = self.columns.index(self._group_columns[-1])
        for block in _blocks(rows):
            self.dataChanged.emit(self.index(block[0], first), self.index(block[-1], last))
        return resized


def _blocks(rows: Iterable[int]) -> list[list[int]]:
    blocks: list[list[int]] = []
    for row in sorted(set(rows)):
        if blocks and blocks[-1][-1] == row - 1:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class BudgetModel(TableModel):
    """Table 7: 预算总金额 (computed), 基本支出, 项目支出, then the projects."""

    table = Table.BUDGET

    def _count(self) -> int:
        return FIXED_BUDGET_ROWS + len(self.document.report.budget.projects)

    def _display_row(self, row: int) -> tuple[str, ...]:
        f = budget_figures(self.document.report.budget, row)
        # Two decimals, as the exports show them; an amount with more says so in its tooltip.
        return (f.name, format_amount(f.initial), format_amount(f.adjustment), format_amount(f.adjusted),
                format_amount(f.actual), rate_text(f.actual, f.adjusted))

    def _tooltip(self, row: int, column: str) -> str | None:
        tip = super()._tooltip(row, column)
        if column not in ("initial", "adjustment", "adjusted", "actual"):
            return tip
        exact = exact_amount_note(getattr(budget_figures(self.document.report.budget, row), column))
        return "\n".join(t for t in (tip, exact) if t) or None

    def _dependent_rows(self, rows: set[int]) -> set[int]:
        return {0} if rows & {1, 2} else set()

    def _alignment(self, column: str) -> Qt.AlignmentFlag:
        return _LEFT if column == "name" else _RIGHT

    def _font(self, row: int) -> QFont | None:
        if row >= FIXED_BUDGET_ROWS:
            return None
        font = QFont()
        font.setBold(True)
        return font


class TasksModel(TableModel):
    """Table 8: one row per task; a duty's text shows merged over its tasks."""

    table = Table.TASKS

    def __init__(self, document: Document, parent: Any = None) -> None:
        self._positions: list[tuple[int, int]] = []
        super().__init__(document, parent)

    def _prepare(self) -> None:
        self._positions = self.document.report.task_rows()

    def _count(self) -> int:
        return len(self._positions)

    def _display_row(self, row: int) -> tuple[str, ...]:
        d, t = self._positions[row]
        duty = self.document.report.duties[d]
        task = duty.tasks[t]
        return (duty.text, task.name, task.completion)


class IndicatorsModel(TableModel):
    """Table 9: 目标 and 类别 merged over equal neighbours; 偏差情况 computed live."""

    table = Table.INDICATORS

    def _count(self) -> int:
        return len(self.document.report.indicators)

    def _display_row(self, row: int) -> tuple[str, ...]:
        i = self.document.report.indicators[row]
        deviation = evaluate(i.target, i.actual, self.document.threshold).deviation
        return (i.group, i.category, i.name, i.target, i.actual, i.source, deviation, i.reason)

    def _alignment(self, column: str) -> Qt.AlignmentFlag:
        if column in ("target", "actual", "deviation"):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class FindingsModel(QAbstractTableModel):
    """The findings list: 级别 · 位置 · 说明; all of them or one tab's (the scope), and
    optionally only one severity."""

    HEADINGS = ("级别", "位置", "说明")

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self._severity: Severity | None = None
        self._table: Table | None = None
        self._rows: list[Finding] = self._visible()
        #: Each row's fix label once asked for (painting asks often, twice a row): a label
        #: depends on the report, so it is forgotten whenever the report or the rows change.
        self._fix_labels: dict[int, str] = {}
        document.changed.connect(lambda _changes: self._fix_labels.clear())
        document.findings_changed.connect(self._refresh)
        document.reset.connect(self._refresh)

    def set_severity(self, severity: Severity | None) -> None:
        self._severity = severity
        self._refresh()

    def set_table(self, table: Table | None) -> None:
        """Show only the findings of `table` (one tab), or of all tables (`None`)."""
        self._table = table
        self._refresh()

    def in_scope(self) -> list[Finding]:
        """The findings of the tab shown (or of all), whatever their severity."""
        return self.document.findings if self._table is None else self.document.findings_of(self._table)

    def _visible(self) -> list[Finding]:
        return [f for f in self.in_scope() if self._severity is None or f.severity is self._severity]

    def _refresh(self, *_: object) -> None:
        self._fix_labels.clear()
        rows = self._visible()
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._rows[row]

    def _fix_label(self, row: int) -> str:
        """What the row's one-key fix does, or nothing when it has none."""
        label = self._fix_labels.get(row)
        if label is None:
            finding = self._rows[row]
            fix = self.document.fix_for(finding) if finding.code in FIXABLE else None
            label = self._fix_labels[row] = fix.label if fix is not None else ""
        return label

    @property
    def findings(self) -> list[Finding]:
        """The findings shown (all, or those of the chosen severity), in order."""
        return self._rows

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        finding = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (finding.severity.label, location_label(finding), finding.message)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return severity_icon(finding.severity)
        if role == Qt.ItemDataRole.DecorationRole and col == 2 and self._fix_label(index.row()):
            return fix_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            label = self._fix_label(index.row())
            return f"{finding.message}\n\n可一键更正（Ctrl+.）：{label}" if label else finding.message
        if role == Role.FINDING:
            return finding
        return None
