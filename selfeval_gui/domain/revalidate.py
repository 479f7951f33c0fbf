"""Validation kept up to date edit by edit: only what an edit touched is checked again.

The result is always exactly `validate(report, options)`. Findings are kept per table, in
`validate`'s order; the indicator grid, the largest table, is kept row by row, so typing in
one indicator rechecks that row only. The grid depends on table 7 through its cross-checks
(预算执行率, 预算调整率): a budget edit rechecks the rows that name such an indicator; and on
the report's year through the years its sources name: a new year rechecks every row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from selfeval_gui.domain.common_indicators import common_indicator
from selfeval_gui.domain.edits import CellRef, ChangeSet
from selfeval_gui.domain.findings import Finding, Table
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import (
    ValidationOptions,
    validate_budget,
    validate_indicator,
    validate_overview,
    validate_tasks,
)

_VALIDATORS: dict[Table, Callable[[Report, ValidationOptions], Iterator[Finding]]] = {
    Table.OVERVIEW: lambda report, _options: validate_overview(report),
    Table.BUDGET: lambda report, _options: validate_budget(report.budget),
    Table.TASKS: lambda report, _options: validate_tasks(report),
}
#: Tables whose findings also depend on another table's content.
DEPENDENTS: dict[Table, frozenset[Table]] = {
    Table.BUDGET: frozenset({Table.INDICATORS}),
    Table.OVERVIEW: frozenset({Table.INDICATORS}),
}
_YEAR = CellRef(Table.OVERVIEW, None, "year")


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


class Revalidator:
    def __init__(self, options: ValidationOptions | None = None) -> None:
        self.options = options or ValidationOptions()
        self._by_table: dict[Table, list[Finding]] = {table: [] for table in Table}
        self._indicator_rows: list[list[Finding]] = []

    def validate(self, report: Report, tables: Iterable[Table] = tuple(Table),
                 changes: ChangeSet | None = None) -> list[Finding]:
        """Check `tables` (and the tables that depend on them) again; with the `changes` of an
        edit, only the indicator rows it touched. Returns every finding, sorted."""
        todo = set(tables)
        for table in list(todo):
            todo |= DEPENDENTS.get(table, frozenset())
        for table in todo:
            if table is Table.INDICATORS:
                self._indicators(report, changes)
            else:
                self._by_table[table] = _sorted(_VALIDATORS[table](report, self.options))
        return self.findings

    def _indicators(self, report: Report, changes: ChangeSet | None) -> None:
        threshold = self.options.far_exceeded_threshold
        indicators = report.indicators
        partial = (
            changes is not None
            and len(self._indicator_rows) == len(indicators)
            and not any(s.table is Table.INDICATORS for s in changes.splices)
            and _YEAR not in changes.cells
        )
        if partial:
            assert changes is not None
            rows = {c.row for c in changes.cells if c.table is Table.INDICATORS and c.row is not None}
            if Table.BUDGET in changes.tables:
                rows |= {r for r, i in enumerate(indicators) if common_indicator(i.name) is not None}
        else:
            self._indicator_rows = [[] for _ in indicators]
            rows = set(range(len(indicators)))
        for row in rows:
            self._indicator_rows[row] = _sorted(validate_indicator(report, row, indicators[row], threshold))
        self._by_table[Table.INDICATORS] = [f for found in self._indicator_rows for f in found]

    @property
    def findings(self) -> list[Finding]:
        return [f for table in Table for f in self._by_table[table]]

    def of(self, table: Table) -> list[Finding]:
        return self._by_table[table]
