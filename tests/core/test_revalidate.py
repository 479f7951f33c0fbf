"""Validation edit by edit gives exactly what validating the whole report gives."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_gui.domain.edits import CellError, CellRef, delete_rows, insert_rows, move_rows, row_count, set_cell
from selfeval_gui.domain.findings import COLUMNS, Table
from selfeval_gui.domain.revalidate import Revalidator
from selfeval_gui.domain.validation import ValidationOptions, validate

TEXTS = ["", "2024", "2023年度部门决算",
         "12.5", "-3", "96.94%", "=100%", ">=90%", "95%", "1次", "健全", "较好", "x1", "预算执行率",
         "重复的内容重复的内容重复的内容重复的内容重复的内容重复的内容重复的内容"]


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_revalidating_the_touched_tables_equals_validate(seed_import, data):
    report = seed_import.report.model_copy(deep=True)
    options = ValidationOptions(far_exceeded_threshold=Decimal(data.draw(st.sampled_from([10, 20, 50]))))
    checker = Revalidator(options)
    assert checker.validate(report) == validate(report, options)
    for _ in range(data.draw(st.integers(1, 8))):
        table = data.draw(st.sampled_from(list(Table)))
        column = data.draw(st.sampled_from(COLUMNS[table]))
        if table is not Table.OVERVIEW and row_count(report, table) == 0:
            continue
        row = None if table is Table.OVERVIEW else data.draw(st.integers(0, row_count(report, table) - 1))
        kind = data.draw(st.sampled_from(["type", "type", "type", "insert", "delete", "move"]))
        try:
            if kind == "type" or table is Table.OVERVIEW:
                edit = set_cell(report, CellRef(table, row, column), data.draw(st.sampled_from(TEXTS)))
            elif kind == "insert":
                edit = insert_rows(report, table, row, below=True).edit
            elif kind == "delete":
                edit = delete_rows(report, table, [row])
            else:
                moved = move_rows(report, table, row, row, data.draw(st.sampled_from([-1, 1])))
                edit = moved.edit if moved else None
        except CellError:
            continue
        if edit is None:
            continue
        changes, _ = edit.apply(report)
        assert checker.validate(report, changes.tables, changes) == validate(report, options)


def test_a_budget_edit_rechecks_the_indicator_crosscheck(seed_report):
    checker = Revalidator()
    checker.validate(seed_report)
    assert any(f.code == "IND_CROSSCHECK" for f in checker.of(Table.INDICATORS))
    # 实际支出数 of 基本支出 raised so that the execution rate becomes 100%.
    changes, _ = set_cell(seed_report, CellRef(Table.BUDGET, 1, "actual"), "884.74").apply(seed_report)
    checker.validate(seed_report, changes.tables, changes)
    assert not any(f.code == "IND_CROSSCHECK" for f in checker.of(Table.INDICATORS))


def test_a_new_year_rechecks_the_years_every_source_names(seed_report):
    checker = Revalidator()
    checker.validate(seed_report)
    changes, _ = set_cell(seed_report, CellRef(Table.OVERVIEW, None, "year"), "2024").apply(seed_report)
    found = checker.validate(seed_report, changes.tables, changes)
    assert found == validate(seed_report)
    assert sum(f.code == "IND_SOURCE_YEAR" for f in found) == 30
