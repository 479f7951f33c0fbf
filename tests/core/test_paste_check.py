"""A pasted block's computed figures (调整预算数, 执行率, the 预算总金额 row) compared with the
computed ones, and how long the notes about them last."""

from selfeval_gui.domain.edits import CellRef, ChangeSet, RowSplice, paste_block
from selfeval_gui.domain.findings import Code, Severity, Table
from selfeval_gui.domain.paste_check import computed_differences, notes_after

B = Table.BUDGET
#: 年初预算数 · 追加追减 · 调整预算数 · 实际支出数 · 执行率, pasted on 信息化维护费 (row 3: 9.11, blank, 9.11).
COLUMNS_FROM_INITIAL = 1


def pasted(report, top: int, left: int, grid: list[list[str]]):
    """The notes of a block pasted as the editor pastes it: the block applied, then compared."""
    plan = paste_block(report, B, top, left, grid)
    if plan.edit is not None:
        plan.edit.apply(report)
    return computed_differences(report, B, plan.top, plan.left, plan.written)


def test_figures_that_agree_give_no_note(seed_report):
    assert pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.11", "", "9.11", "9.11", "100.00%"]]) == []


def test_a_differing_adjusted_budget_is_a_note_on_its_cell(seed_report):
    [note] = pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.11", "", "9.21", "9.11", "100%"]])
    assert (note.code, note.severity, note.table, note.row, note.column) == (
        Code.PASTE_COMPUTED, Severity.INFO, B, 3, "adjusted")
    assert "9.21" in note.message and "9.11" in note.message and "年初预算数 + 上年度结转及追加追减数" in note.message


def test_figures_are_compared_at_the_precision_they_were_written_with(seed_report):
    # 9.11 of 9.50 is 95.89…%: 95.9% and 96% agree, 95.8% does not.
    grid = [["9.50", "", "", "9.11", "95.9%"]]
    assert pasted(seed_report, 3, COLUMNS_FROM_INITIAL, grid) == []
    assert pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.50", "", "", "9.11", "96%"]]) == []
    [note] = pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.50", "", "", "9.11", "95.8%"]])
    assert note.column == "rate" and "95.80%" in note.message and "95.89%" in note.message


def test_a_float_artefact_is_read_as_the_figure_it_meant(seed_report):
    # The published 预算总金额 shows 1176.7299999999998 for 1176.73 (785.72 + 98.02 + 289.65 + 3.34).
    grid = [["预算总金额", "1075.37", "101.36", "1176.7299999999998", "1140.78", "96.94%"]]
    assert pasted(seed_report, 0, 0, grid) == []


def test_the_total_row_is_checked_against_the_rows_it_adds_up(seed_report):
    grid = [["预算总金额", "1075.37", "98.02", "1173.39", "1140.78", "97.22%"]]
    notes = pasted(seed_report, 0, 0, grid)
    assert [(n.row, n.column) for n in notes] == [(0, "adjustment"), (0, "adjusted"), (0, "rate")]
    assert "基本支出 + 项目支出" in notes[0].message


def test_a_figure_the_program_cannot_compute_is_said_so(seed_report):
    [note] = pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["0", "", "0", "1", "100%"]])
    assert note.column == "rate" and "无法计算" in note.message


def test_dashes_blanks_and_words_state_no_figure(seed_report):
    assert pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.11", "", "—", "9.11", "/"]]) == []
    assert pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.11", "", "", "9.11", "全部"]]) == []


def test_a_block_with_its_header_row_is_checked_where_it_was_written(seed_report):
    # Pasted on the total row, the project goes below 项目支出 by its name; its blank 追加追减 is
    # worked out from the pasted 调整预算数, so only the pasted 执行率 is left to disagree.
    header = ["项目", "年初预算数", "上年度结转及当年预算追加追减数", "调整预算数", "实际支出数", "执行率"]
    [note] = pasted(seed_report, 0, 0, [header, ["信息化维护费", "9.11", "", "9.21", "9.11", "100%"]])
    assert (note.row, note.column) == (3, "rate") and "98.91%" in note.message


def test_other_tables_have_no_computed_figures_to_check(seed_report):
    assert computed_differences(seed_report, Table.INDICATORS, 0, 6, [["50%"]]) == []


def test_a_note_lasts_while_its_amounts_stand_and_moves_with_its_row(seed_report):
    [note] = pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.11", "", "9.21"]])
    elsewhere = ChangeSet(frozenset({CellRef(B, 4, "initial"), CellRef(B, 3, "name")}))
    assert notes_after([note], elsewhere) == [note]
    [moved] = notes_after([note], ChangeSet(splices=(RowSplice(B, 3, 0, 2),)))  # two rows above it
    assert (moved.row, moved.column, moved.message) == (5, "adjusted", note.message)
    assert notes_after([note], ChangeSet(frozenset({CellRef(B, 3, "adjustment")}))) == []
    assert notes_after([note], ChangeSet(splices=(RowSplice(B, 3, 1, 0),))) == []  # its row deleted


def test_a_note_on_the_total_row_ends_when_basic_or_project_spending_is_edited(seed_report):
    notes = pasted(seed_report, 0, 0, [["预算总金额", "1075.37", "98.02"]])
    assert notes_after(notes, ChangeSet(frozenset({CellRef(B, 4, "initial")}))) == notes
    assert notes_after(notes, ChangeSet(frozenset({CellRef(B, 2, "adjustment")}))) == []


def test_the_note_writes_figures_as_the_table_shows_them(seed_report):
    [note] = pasted(seed_report, 3, COLUMNS_FROM_INITIAL, [["9.11", "", "9.2"]])
    assert "粘贴的调整预算数为 9.20，与按 年初预算数 + 上年度结转及追加追减数 计算的 9.11 不同" in note.message
