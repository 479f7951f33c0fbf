"""Validation kept up to date edit by edit: only the tables an edit touched are checked again.

The result is always exactly `validate(report, options)`: findings are kept per table, each
table's list in `validate`'s order, and the indicator grid is rechecked with the budget
because its cross-checks (预算执行率, 预算调整率) read table 7.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from selfeval_gui.domain.findings import Finding, Table
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import (
    ValidationOptions,
    validate_budget,
    validate_indicators,
    validate_overview,
    validate_tasks,
)

_VALIDATORS: dict[Table, Callable[[Report, ValidationOptions], Iterator[Finding]]] = {
    Table.OVERVIEW: lambda report, _options: validate_overview(report),
    Table.BUDGET: lambda report, _options: validate_budget(report.budget),
    Table.TASKS: lambda report, _options: validate_tasks(report),
    Table.INDICATORS: validate_indicators,
}
#: Tables whose findings also depend on another table's content.
DEPENDENTS: dict[Table, frozenset[Table]] = {Table.BUDGET: frozenset({Table.INDICATORS})}


class Revalidator:
    def __init__(self, options: ValidationOptions | None = None) -> None:
        self.options = options or ValidationOptions()
        self._by_table: dict[Table, list[Finding]] = {table: [] for table in Table}

    def validate(self, report: Report, tables: Iterable[Table] = tuple(Table)) -> list[Finding]:
        """Check `tables` (and the tables that depend on them) again; every finding, sorted."""
        todo = set(tables)
        for table in list(todo):
            todo |= DEPENDENTS.get(table, frozenset())
        for table in todo:
            found = list(_VALIDATORS[table](report, self.options))
            found.sort(key=lambda f: f.sort_key)
            self._by_table[table] = found
        return self.findings

    @property
    def findings(self) -> list[Finding]:
        return [f for table in Table for f in self._by_table[table]]

    def of(self, table: Table) -> list[Finding]:
        return self._by_table[table]
