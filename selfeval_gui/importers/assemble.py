"""From cells to a report: what every importer shares once it has found the text and tables.

Each importer (text layout, Word, Excel) finds the title, the sections and the three tables
as rows of cell strings; this module turns them into the model, recomputes what is computed,
and notes every correction and every cell it could not read.

A cell is `None` when the source says it is covered by the merged cell above (Word's
`w:vMerge`, an Excel merged range): it continues that cell. A blank cell under a filled one
also continues it in a report typed by hand, where clerks leave such cells blank instead of
merging them. With `exact=True` (our own export, recognised by its marks) rows are taken as
written: a blank is a blank, no row is skipped, the budget rows are in their fixed order, and
targets and actuals are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from selfeval_gui.domain.compute import FIXED_BUDGET_ROWS, QUALITATIVE_MET, Evaluation, budget_table, evaluate
from selfeval_gui.domain.findings import BUDGET_COLUMNS, Table, budget_label
from selfeval_gui.domain.layout import BudgetPlaces, RowRole, comparator_style_of, implied_from, is_nothing
from selfeval_gui.domain.measure import normalize_measure_text
from selfeval_gui.domain.model import (
    BASIC_NAME,
    FIRST_YEAR,
    LAST_YEAR,
    PROJECTS_NAME,
    Budget,
    BudgetRow,
    ComparatorStyle,
    Duty,
    Indicator,
    KeyTask,
    Report,
    Section,
)
from selfeval_gui.domain.money import (
    ZERO,
    AmountError,
    amount_text,
    as_written,
    check_amount,
    float_artefact,
    format_amount,
    format_percent,
    halfwidth,
    parse_amount,
)
from selfeval_gui.importers import ImportNote

#: A cell's text, or `None` for a cell covered by the merged cell above it.
Cell = str | None
Rows = Sequence[Sequence[Cell]]

_TITLE_RE = re.compile(r"^\s*(?P<city>\S*?)(?:市级)?预算部门（单位）整体支出预算绩效自评报告\s*$")
_YEAR_RE = re.compile(r"[（(]\s*(?P<year>\d{4})\s*年度?\s*[）)]")
_MARKER_RE = re.compile(r"（([一二三四五六七八九十]+)）")
_NUMERALS = "一二三四五六七八九十"


def parse_title(line: str) -> str | None:
    """The city from the report's title line, or `None` if `line` is not the title."""
    match = _TITLE_RE.match(line.replace(" ", ""))
    if match is None:
        return None
    return match.group("city")


def parse_year(line: str) -> int | None:
    match = _YEAR_RE.search(halfwidth(line))
    return int(match.group("year")) if match else None


_YEAR_ONLY_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def year_of(text: str) -> int | None:
    """The year a title states: `（2023年度）`, else `2023年度…`."""
    match = _YEAR_ONLY_RE.search(halfwidth(text))
    return parse_year(text) or (int(match.group(1)) if match else None)


def section_text(lines: Sequence[str], section: Section, notes: list[ImportNote]) -> str:
    """The section's paragraphs, one per line, with （一）（二）… run together split apart."""
    paragraphs: list[str] = []
    split_any = False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        parts = split_numbered_parts(line)
        split_any |= len(parts) > 1
        paragraphs.extend(parts)
    if split_any:
        notes.append(
            ImportNote(
                f"第{section.numeral}部分：原文的（一）（二）…各小节连在同一段里，已在各小节前分段。",
                Table.OVERVIEW,
                None,
                section.value,
            )
        )
    return "\n".join(paragraphs)


def sections_text(
    lines: dict[Section, list[str]], notes: list[ImportNote], *, exact: bool = False, note_missing: bool = True
) -> dict[Section, str]:
    """Each section's text from the lines found under its heading (as written if `exact`);
    unless told not to, a note for each section not found."""
    if note_missing:
        for section in Section:
            if section not in lines:
                notes.append(ImportNote(f"没有找到第{section.numeral}部分“{section.heading}”，已留空。",
                                        Table.OVERVIEW, None, section.value))
    if exact:
        return {s: "\n".join(t.strip() for t in body if t.strip()) for s, body in lines.items()}
    return {s: section_text(body, s, notes) for s, body in lines.items()}


def note_missing_tables(found: Iterable[Table], notes: list[ImportNote]) -> None:
    for table in (Table.BUDGET, Table.TASKS, Table.INDICATORS):
        if table not in found:
            notes.append(ImportNote(f"没有找到{table.label}表，已留空。", table))


def split_numbered_parts(line: str) -> list[str]:
    """Split before （一）（二）（三）… when they run on in one line, in order from （一）."""
    cuts: list[int] = []
    expected = 0
    for match in _MARKER_RE.finditer(line):
        if expected < len(_NUMERALS) and match.group(1) == _NUMERALS[expected]:
            cuts.append(match.start())
            expected += 1
    if len(cuts) < 2:
        return [line]
    bounds = [0, *[c for c in cuts if c > 0], len(line)]
    return [line[a:b].strip() for a, b in pairwise(bounds) if line[a:b].strip()]


# ---------------------------------------------------------------- table 7


def _cell(row: Sequence[Cell], index: int) -> str:
    value = row[index] if index < len(row) else None
    return value.strip() if value is not None else ""


def _blank(row: Sequence[Cell]) -> bool:
    """A row with nothing in it, and no cell of it covered by a merged cell above: a spacer
    row, or what a stray space typed far below a table brings. No importer makes a row of it,
    not even from our own export (where a blank cell is otherwise taken as written)."""
    return all(cell is not None and not cell.strip() for cell in row)


def _without_blank_rows(rows: Rows) -> list[Sequence[Cell]]:
    """`rows` less the blank ones (`_blank`), but for one that heads a merged cell (a blank
    目标 over the rows below it), which these rows continue."""
    return [row for i, row in enumerate(rows)
            if not _blank(row) or (i + 1 < len(rows) and any(cell is None for cell in rows[i + 1]))]


def _covered(row: Sequence[Cell], index: int) -> bool:
    """Whether the source marks this cell as covered by the merged cell above."""
    return index < len(row) and row[index] is None


def _amount(text: str, notes: list[ImportNote], row: int, column: str, *, exact: bool = False) -> Decimal | None:
    if not exact and is_nothing(text):
        return None
    try:
        intended = float_artefact(halfwidth(text))
        if intended is None:
            return parse_amount(text)
        check_amount(intended, text)
    except AmountError as exc:
        notes.append(ImportNote(f"{_at(row, column)}：{exc}该格已留空。", Table.BUDGET, row, column))
        return None
    notes.append(
        ImportNote(
            f"{_at(row, column)}的“{text}”是浮点运算误差，已按 {format_amount(intended)} 读入。",
            Table.BUDGET, row, column,
        )
    )
    return intended


def _at(row: int, column: str) -> str:
    """`预算信息表第4行“年初预算数（万元）”`: where a note about table 7 is."""
    return f"预算信息表第{row + 1}行“{BUDGET_COLUMNS[column]}”"


def build_budget(rows: Rows, notes: list[ImportNote], *, exact: bool = False, project: str = "") -> Budget:
    """Table 7 from its data rows (header excluded): 名称, 年初, 追加追减, 调整, 实际, 执行率.

    The computed columns and the 预算总金额 row are recomputed; where the source's figures
    differ from the recomputed ones, a note says so. With `exact`, the rows are 预算总金额,
    基本支出, 项目支出 and the projects, in that order, whatever their names. Otherwise rows
    are known by their names (`合计`, `年度资金总额` are the total; `其中：本年财政拨款` a
    funding source, left out), a blank 追加追减 beside a stated 调整预算数 is their difference,
    and a table with a total only (a project's form, `project` its name) gives 项目支出.
    """
    budget = Budget()
    stated: dict[int, tuple[str, str]] = {}
    stated_total: list[str] | None = None
    places = BudgetPlaces()
    for position, source_row in enumerate(rows):
        cells = [_cell(source_row, i) for i in range(6)]
        name = cells[0]
        if exact:
            if position == 0:
                stated_total = cells
                continue
            if position >= FIXED_BUDGET_ROWS and _blank(source_row):
                continue
            index = min(position, FIXED_BUDGET_ROWS + len(budget.projects))
        else:
            if not any(cells):
                continue
            place, role, name = places.place(name)
            if role is RowRole.TOTAL:
                if stated_total is None:
                    stated_total = cells
                else:
                    notes.append(ImportNote(f"预算信息表中又一个合计行“{cells[0]}”（{_figures(cells)}）未导入，"
                                            "预算总金额由基本支出与项目支出相加得出。", Table.BUDGET))
                continue
            if place is None:
                notes.append(ImportNote(
                    f"预算信息表中“{cells[0]}”一行（{_figures(cells)}）是按资金来源的分项，"
                    "不是基本支出、项目支出或项目，未导入。", Table.BUDGET))
                continue
            index = place
        row = _budget_row(name, cells, index, notes, exact=exact)
        if index == 1:
            budget.basic = row
        elif index == 2:
            budget.projects_total = row
        else:
            budget.projects.append(row)
        stated[index] = (cells[3], cells[5])
    project_form = False
    if not exact and stated_total is not None and not stated:
        project_form = _total_only(budget, stated, stated_total, project, notes)
        stated_total = None
    for missing, label in ((1, BASIC_NAME), (2, PROJECTS_NAME)):
        if missing not in stated and not project_form:
            notes.append(ImportNote(f"预算信息表中没有“{label}”行，第{missing + 1}行已留空，请补填。",
                                    Table.BUDGET, missing))
    figures = budget_table(budget)
    if stated_total is not None:
        total = figures[0]
        for column, index in (("initial", 1), ("adjustment", 2), ("actual", 4)):
            _compare_amount(stated_total[index], getattr(total, column), notes, 0, column, "基本支出与项目支出之和")
        stated[0] = (stated_total[3], stated_total[5])
    for index, (adjusted_text, rate_text) in stated.items():
        computed = figures[index]
        _compare_amount(adjusted_text, computed.adjusted, notes, index, "adjusted", "年初预算数与追加追减数之和")
        _compare_rate(rate_text, computed.rate, notes, index)
    return budget


def _budget_row(name: str, cells: list[str], index: int, notes: list[ImportNote], *, exact: bool) -> BudgetRow:
    row = BudgetRow(
        name=name,
        initial=_amount(cells[1], notes, index, "initial", exact=exact),
        adjustment=_amount(cells[2], notes, index, "adjustment", exact=exact),
        actual=_amount(cells[4], notes, index, "actual", exact=exact),
    )
    implied = None if exact else implied_from(cells[1], cells[2], cells[3])
    if implied is not None:
        row.adjustment = implied
        adjusted = (row.initial or ZERO) + implied
        notes.append(ImportNote(
            f"{_at(index, 'adjustment')}原表未填，按原表的调整预算数（全年预算数）{amount_text(adjusted)} − 年初预算数 "
            f"{amount_text(row.initial) or '0'} 计为 {amount_text(row.adjustment)}。",
            Table.BUDGET, index, "adjustment",
        ))
    return row


def _figures(cells: list[str]) -> str:
    """`年初预算数 80、调整预算数 96、实际支出数 90`: a row's figures, for a note that leaves it out."""
    shown = [f"{budget_label(key)} {cells[i]}"
             for i, key in ((1, "initial"), (2, "adjustment"), (3, "adjusted"), (4, "actual")) if cells[i]]
    return "、".join(shown) or "没有金额"


def _total_only(budget: Budget, stated: dict[int, tuple[str, str]], total: list[str], project: str,
                notes: list[ImportNote]) -> bool:
    """A budget block with a total and nothing under it but funding sources: a project's form
    (项目支出绩效自评表) is all 项目支出, the project its one row. A department's form that does
    not split its total cannot be placed: the figures stay in the note."""
    if not project:
        notes.append(ImportNote(
            f"预算信息表只有合计行（{_figures(total)}），没有基本支出、项目支出：请按基本支出和项目支出分别填写。",
            Table.BUDGET))
        return False
    budget.projects_total = _budget_row(PROJECTS_NAME, total, 2, notes, exact=False)
    budget.projects = [budget.projects_total.model_copy(update={"name": project})]
    stated[2] = stated[FIXED_BUDGET_ROWS] = (total[3], total[5])
    notes.append(ImportNote(
        f"原表是项目“{project}”的自评表：其资金总额（{_figures(total)}）已填入预算信息表第3行“项目支出”，"
        f"并作为第4行项目“{project}”列出；基本支出留空。",
        Table.BUDGET, 2))
    return True


def _compare_amount(
    text: str, computed: Decimal | None, notes: list[ImportNote], row: int, column: str, rule: str
) -> None:
    if not text:
        return
    intended = float_artefact(halfwidth(text))
    if intended is not None and intended == computed:
        notes.append(
            ImportNote(
                f"{_at(row, column)}原为“{text}”（浮点运算误差），已按{rule}重新计算为 "
                f"{format_amount(computed)}。",
                Table.BUDGET, row, column,
            )
        )
        return
    try:
        value = intended if intended is not None else parse_amount(text)
    except AmountError:
        value = None
    if value is None or computed is None or value != computed:
        notes.append(
            ImportNote(
                f"{_at(row, column)}原为“{text}”，与{rule} "
                f"{amount_text(computed) or '（空）'} 不一致，已按计算值显示。",
                Table.BUDGET, row, column,
            )
        )


def _same_rate(text: str, computed: Decimal | None) -> bool:
    """Whether a stated 执行率 (`96.94%`, `96.94`, `100%`, `—`) says the computed rate, to the
    decimals it was written with."""
    stated = halfwidth(text).replace(" ", "").removesuffix("%")
    if computed is None:
        return stated in ("", "—", "-", "/")
    try:
        value = Decimal(stated)
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int):  # NaN or infinity
            return False
        return as_written(value, computed)
    except InvalidOperation:  # not a number, or more decimals than arithmetic keeps
        return False


def _same_deviation(published: str, computed: Evaluation) -> bool:
    """Whether a published 偏差情况 says the computed one: the same words, or the same
    percentage to the decimals it was written with (a spreadsheet shows 0.00% as `0%`)."""
    if published == computed.deviation:
        return True
    value = computed.deviation_value
    if value is None and computed.deviation == QUALITATIVE_MET:
        value = ZERO  # the 0% of a word met
    return value is not None and published.endswith("%") and _same_rate(published, value)


def _compare_rate(text: str, computed: Decimal | None, notes: list[ImportNote], row: int) -> None:
    if not text:
        return
    shown = format_percent(computed)
    if not _same_rate(text, computed):
        notes.append(
            ImportNote(
                f"{_at(row, 'rate')}原为“{text}”，按实际支出数 ÷ 调整预算数重新计算为 {shown}。",
                Table.BUDGET, row, "rate",
            )
        )


# ---------------------------------------------------------------- table 8


def build_duties(rows: Rows, notes: list[ImportNote], *, exact: bool = False) -> list[Duty]:
    """Table 8 from its data rows: 职责, 任务名称, 完成情况. A covered 职责 cell continues the
    duty above; so, unless `exact`, does a blank one or one repeating the duty above."""
    duties: list[Duty] = []
    row = 0  # the task's row in the imported table (blank source rows are skipped)
    for source_row in _without_blank_rows(rows) if exact else rows:
        duty_text, name, completion = (_cell(source_row, i) for i in range(3))
        if not exact and not (duty_text or name or completion):
            continue
        task = KeyTask(name=name, completion=completion)
        continued = bool(duties) and (
            _covered(source_row, 0) or (not exact and (not duty_text or duty_text == duties[-1].text))
        )
        if continued:
            if duty_text and not _covered(source_row, 0):
                notes.append(ImportNote(
                    f"年度重点任务表第{row + 1}行的职责与上一行相同，已把该任务归入同一职责。",
                    Table.TASKS, row, "duty",
                ))
            duties[-1].tasks.append(task)
        else:
            if not duty_text and not exact:
                notes.append(ImportNote("年度重点任务表第一行没有填写对应的部门职责。", Table.TASKS, row, "duty"))
            duties.append(Duty(text=duty_text, tasks=[task]))
        row += 1
    return duties


# ---------------------------------------------------------------- table 9


def build_indicators(
    rows: Rows, style: ComparatorStyle, notes: list[ImportNote], *, exact: bool = False
) -> list[Indicator]:
    """Table 9 from its data rows: 目标, 类别, 名称, 目标值, 完成值, 来源, 偏差, 原因.

    Covered 目标 and 类别 cells continue the cell above (merged cells), and so, unless
    `exact`, do blank ones. Targets and actuals are normalised (kept as written if `exact`);
    a published 偏差情况 that differs from the recomputed one is noted.
    """
    indicators: list[Indicator] = []
    group = category = ""
    for source_row in _without_blank_rows(rows) if exact else rows:
        cells = [_cell(source_row, i) for i in range(8)]
        if not exact and not any(cells):
            continue
        if exact:
            group = group if _covered(source_row, 0) else cells[0]
            category = category if _covered(source_row, 1) else cells[1]
        else:
            group = cells[0] or group
            category = cells[1] or category
        indicator = Indicator(
            group=group,
            category=category,
            name=cells[2],
            target=cells[3] if exact else normalize_measure_text(cells[3], style),
            actual=cells[4] if exact else normalize_measure_text(cells[4], style, actual=True),
            source=cells[5],
            reason=cells[7],
        )
        row = len(indicators)
        indicators.append(indicator)
        published = halfwidth(cells[6]).replace(" ", "")
        evaluation = evaluate(indicator.target, indicator.actual)
        if published and not _same_deviation(published, evaluation):
            notes.append(
                ImportNote(
                    f"部门整体自评表第{row + 1}行“{indicator.name}”的“偏差情况”原为“{cells[6]}”，"
                    f"按目标值与完成值重新计算为“{evaluation.deviation or '（空）'}”。",
                    Table.INDICATORS, row, "deviation",
                )
            )
    return indicators


def assemble(
    *,
    city: str,
    year: int | None,
    department: str,
    sections: dict[Section, str],
    rows: Mapping[Table, Rows],
    notes: list[ImportNote],
    exact: bool = False,
    comparator_style: ComparatorStyle | None = None,
    project: str = "",
) -> Report:
    """The report from what an importer found: the sections' text and the data rows of the
    tables it found. `comparator_style`, when the source states it, wins over the style
    guessed from the targets; `project` names the project of a project's form."""
    indicator_rows = rows.get(Table.INDICATORS, [])
    style = comparator_style or comparator_style_of([_cell(r, 3) for r in indicator_rows])
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        notes.append(ImportNote(f"报告年度“{year}”不是有效的年份，年度留空，请在概况中填写。",
                                Table.OVERVIEW, None, "year"))
        year = None
    report = Report(
        city=city,
        year=year,
        department=department,
        overview={section.value: sections.get(section, "") for section in Section},
        budget=build_budget(rows.get(Table.BUDGET, []), notes, exact=exact, project=project),
        duties=build_duties(rows.get(Table.TASKS, []), notes, exact=exact),
        indicators=build_indicators(indicator_rows, style, notes, exact=exact),
        comparator_style=style,
    )
    # Table by table, as the clerk checks them; in the order found within a table.
    notes.sort(key=lambda note: -1 if note.table is None else list(Table).index(note.table))
    return report

