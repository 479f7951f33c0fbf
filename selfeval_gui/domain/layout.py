"""Tables laid out by other templates: their column headings, amount units and row names.

Forms from other cities and provinces (the national 财预〔2020〕10号 forms, provincial
variants) head their columns in other words (`全年预算数` for 调整预算数, `偏差原因分析及改进措施`
for 原因分析), add columns this report has not (分值, 得分, 权重), split a target over three
columns (指标性质 `≥`, 指标值 `50`, 度量单位 `个`), state amounts in 元 and name their total row
`年度资金总额`. The importers and a block pasted with its header row read them through this
one vocabulary. No I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from selfeval_gui.domain.compute import FIXED_BUDGET_ROWS, implied_adjustment
from selfeval_gui.domain.findings import COLUMNS, Note, Table
from selfeval_gui.domain.measure import Comparator, Quantity, parse_comparator, parse_measure
from selfeval_gui.domain.model import BASIC_NAME, PROJECTS_NAME, TOTAL_NAME, ComparatorStyle
from selfeval_gui.domain.money import (
    AmountError,
    amount_text,
    check_amount,
    float_artefact,
    halfwidth,
    parse_amount,
    plain,
    trimmed,
)

#: Columns other templates have beside the report's own (see `findings.COLUMNS`).
NATURE = "nature"  # 指标性质: the comparator (`≥`), or 定量/定性, which this report does not keep
UNIT = "unit"  # 计量单位, 度量单位: the unit of the target and of the actual
INITIAL_TARGET = "initial_target"  # 年初指标值, where 调整指标值 is the target
SCORE = "score"  # 分值, 权重, 得分: scoring, which this report does not have
SERIAL = "serial"  # 序号
#: The 年度总体目标 block of the national form: 预期目标 and 实际完成情况, two texts.
EXPECTED = "expected"
ACHIEVED = "achieved"
#: Keys many columns of one header may have.
_MANY = frozenset({SCORE, SERIAL})

_SCORE_HEADINGS = (
    "分值", "得分", "权重", "得分系数", "指标权重", "指标得分", "是否核心指标", "评价标准", "评分标准",
    "指标说明", "扣分", "扣分原因", "评分",
)
#: The headings of each kind of block, per key; a heading that is one of them exactly matches
#: best, one that contains a longer one better than one that contains a shorter one.
#: `Table.OVERVIEW` is the 年度总体目标 block, whose text goes to section 二.
VOCABULARY: dict[Table, dict[str, tuple[str, ...]]] = {
    Table.BUDGET: {
        "name": ("项目", "项目名称", "名称", "科目", "科目名称", "预算项目", "支出项目", "本年度预算资金", "预算资金",
                 "资金类别", "资金项目"),
        "initial": ("年初预算数", "年初预算", "年初数", "年初批复数", "年初预算金额", "年初批复预算"),
        "adjustment": ("上年度结转及当年预算追加追减数", "追加追减", "追加", "追减", "结转", "预算调整数", "调整数"),
        "adjusted": ("调整预算数", "调整后预算数", "调整后预算", "全年预算数", "全年(调整)预算数", "全年调整预算数",
                     "全年预算", "调整后预算金额"),
        "actual": ("实际支出数", "实际支出", "全年执行数", "预算执行数", "执行数", "支出数", "决算数", "实际执行数"),
        "rate": ("执行率", "预算执行率"),
        SCORE: _SCORE_HEADINGS,
        SERIAL: ("序号",),
    },
    Table.TASKS: {
        "duty": ("对应部门主要职责", "职责", "部门职责", "主要职责"),
        "name": ("任务名称", "任务", "重点任务"),
        "completion": ("完成情况", "完成", "进展", "进展情况"),
        SCORE: _SCORE_HEADINGS,
        SERIAL: ("序号",),
    },
    Table.INDICATORS: {
        "group": ("目标", "一级指标", "分解目标", "绩效目标"),
        "category": ("类别", "二级指标", "类型", "指标类别"),
        "name": ("指标名称", "三级指标", "指标内容"),
        "target": ("指标目标值", "目标值", "年度指标值", "指标值", "调整指标值", "调整后指标值", "全年指标值",
                   "年度目标值", "预期指标值"),
        INITIAL_TARGET: ("年初指标值", "年初目标值"),
        "actual": ("指标完成值", "完成值", "实际完成值", "全年完成值", "实际值", "全年实际值"),
        "source": ("完成值来源", "来源", "数据来源"),
        "deviation": ("偏差情况", "偏差", "偏差率", "偏差度"),
        "reason": ("原因分析", "偏差原因分析及改进措施", "未完成原因分析", "原因分析及改进措施", "原因", "说明",
                   "未完成原因", "偏差原因"),
        NATURE: ("指标性质", "指标方向", "比较符号"),
        UNIT: ("计量单位", "度量单位", "单位"),
        SCORE: _SCORE_HEADINGS,
        SERIAL: ("序号",),
    },
    Table.OVERVIEW: {
        EXPECTED: ("预期目标", "年度预期目标", "年初设定目标"),
        ACHIEVED: ("实际完成情况", "全年实际完成情况", "年度实际完成情况"),
    },
}
#: Key sets a header must have, any one of them, to be that block's header.
REQUIRED: dict[Table, tuple[frozenset[str], ...]] = {
    Table.BUDGET: (frozenset({"initial", "actual"}), frozenset({"adjusted", "actual"})),
    Table.TASKS: (frozenset({"name", "completion"}),),
    Table.INDICATORS: (frozenset({"name", "target", "actual"}), frozenset({"name", INITIAL_TARGET, "actual"})),
    Table.OVERVIEW: (frozenset({EXPECTED, ACHIEVED}),),
}
#: The column a blank first heading is (the published table 9 leaves its goal column so).
BLANK_FIRST = {Table.BUDGET: "name", Table.TASKS: "duty", Table.INDICATORS: "group"}
#: Every heading word for word: a header has two of them at least (see `match_header`).
_ALL_HEADINGS = frozenset(h for keys in VOCABULARY.values() for synonyms in keys.values() for h in synonyms)


def compact(text: str | None) -> str:
    """Text without spaces or line breaks, full-width letters and digits as ASCII."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


# ---------------------------------------------------------------- amount units

#: What one amount in each unit is in 万元, the report's unit.
AMOUNT_UNITS: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
}
_UNIT_WORD = "(亿元|万元|千元|元)"
_UNIT_RES = (
    re.compile(rf"单位[:：]?{_UNIT_WORD}"),
    re.compile(rf"\({_UNIT_WORD}\)"),
    re.compile(rf"[/、]{_UNIT_WORD}\)?$"),
)
#: `年初预算数（万元）` → `年初预算数`: units and percent signs say nothing of the column.
_UNIT_PART_RE = re.compile(r"\((?:单位[:：]?)?(?:亿元|万元|千元|元|%)\)|[(/、]?(?:亿元|万元|千元|元|%)\)?$|%")
_NUMBERING_RE = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[、.]|^\((?:\d+|[一二三四五六七八九十]+)\)")


def stated_unit(text: str | None) -> str | None:
    """The amount unit a heading or caption states (`年初预算数（元）`, `单位：万元`), if any."""
    words = compact(text)
    for pattern in _UNIT_RES:
        match = pattern.search(words)
        if match:
            return match.group(1)
    return None


def to_wan(text: str, unit: str) -> Decimal | None:
    """An amount written in `unit` (`10,753,700.00` in 元), in 万元, exactly; `None` when
    blank; `AmountError` (Chinese) when it is no amount or too precise to keep."""
    raw = compact(text)
    if unit != "万元" and raw.endswith(unit) and not raw.endswith("万元"):
        raw = raw[: -len(unit)]
    value = parse_amount(raw)
    if value is None or unit == "万元":
        return value
    return check_amount(trimmed(value * AMOUNT_UNITS[unit]), f"{text}（{unit}）")


#: Amounts in 万元 of a department's budget stay well below this; as many 元 is only
#: 100 万元. A table without a stated unit whose amounts reach it is likely in 元.
YUAN_LIKELY_FROM = Decimal(1_000_000)


# ---------------------------------------------------------------- headers


def _normal(heading: str) -> str:
    words = _NUMBERING_RE.sub("", compact(heading))
    return _UNIT_PART_RE.sub("", words)


#: A heading is a few words; a longer cell, or a sentence, is text under a header.
_HEADING_LENGTH = 24
_EXACT = 1000


def _score(heading: str, synonyms: Sequence[str]) -> int:
    if len(heading) > _HEADING_LENGTH or "。" in heading:
        return 0
    best = 0
    for synonym in synonyms:
        if heading == synonym:
            return _EXACT + len(synonym)
        if synonym in heading:
            best = max(best, 10 * len(synonym))
    return best


def heading_key(table: Table, heading: str | None) -> str | None:
    """The key a single heading is best taken for in `table`, if any."""
    words = _normal(heading or "")
    if not words:
        return None
    score, key = max((_score(words, synonyms), key) for key, synonyms in VOCABULARY[table].items())
    return key if score else None


def exact_key(table: Table, heading: str | None) -> str | None:
    """The key whose headings include `heading` as it is (units aside), if any: `年初指标值`,
    not `关于指标值的说明`."""
    words = _normal(heading or "")
    return next((key for key, synonyms in VOCABULARY[table].items() if words in synonyms), None)


def is_exact_heading(text: str | None) -> bool:
    """Whether `text` is, as it is, a column heading of some block (`一级指标`, `得分`)."""
    return text is not None and text != "" and _normal(text) in _ALL_HEADINGS


@dataclass(frozen=True, slots=True)
class Header:
    """A header row (or two) read as a block's columns."""

    table: Table
    #: Column index of each key found (the report's columns and NATURE, UNIT, INITIAL_TARGET).
    columns: dict[str, int]
    #: Columns of scores and serial numbers, with their headings: not part of this report.
    dropped: dict[int, str]
    #: Columns with a heading no key matches, with their headings.
    unknown: dict[int, str]
    #: The header's text per column (of a two-row header, the lower row's where it has one).
    headings: list[str]
    #: How well the headings matched: a header of several kinds is the best one's.
    score: int = 0
    #: The amount unit each amount column states in its heading.
    units: dict[str, str] = field(default_factory=dict)

    def unit(self) -> str | None:
        """The unit all headings that state one agree on, if they do (`本年度预算资金（元）`
        over the names states it for the whole table)."""
        stated = {stated_unit(h) for h in self.headings} - {None}
        return stated.pop() if len(stated) == 1 else None


def match_header(table: Table, cells: Sequence[str | None]) -> Header | None:
    """`cells` read as the header of a `table` block, or `None` when they are not one.

    Each heading is taken for the key it matches best, a known heading word for word before
    one that merely contains it, and each key goes to the column that matches it best:
    `偏差原因分析及改进措施` is 原因分析, not 偏差情况; `年初指标值` beside `调整指标值` is the
    initial target.
    """
    vocabulary = VOCABULARY[table]
    headings = [(c or "").strip() for c in cells]
    normal = [_normal(h) for h in headings]
    candidates = sorted(
        (
            (_score(words, synonyms), -index, key)
            for index, words in enumerate(normal)
            if words
            for key, synonyms in vocabulary.items()
        ),
        reverse=True,
    )
    columns: dict[str, int] = {}
    dropped: dict[int, str] = {}
    taken: set[int] = set()
    total = exact = 0
    for score, negative_index, key in candidates:
        index = -negative_index
        if not score or index in taken or (key in columns and key not in _MANY):
            continue
        taken.add(index)
        total += score
        exact += score >= _EXACT and key not in _MANY
        if key in _MANY:
            dropped[index] = headings[index]
        else:
            columns[key] = index
    first_key = BLANK_FIRST.get(table)
    if first_key and first_key not in columns and headings and not normal[0] and 0 not in taken:
        columns[first_key] = 0
    # Two headings at least are a heading word for word: a row of text that merely mentions
    # `任务` and `完成情况` is no header.
    if exact < 2 or not any(required <= columns.keys() for required in REQUIRED[table]):
        return None
    dropped = dict(sorted(dropped.items()))
    unknown = {i: h for i, h in enumerate(headings) if normal[i] and i not in taken}
    units: dict[str, str] = {key: unit for key in ("initial", "adjustment", "adjusted", "actual")
             if key in columns and (unit := stated_unit(headings[columns[key]]))}
    return Header(table, columns, dropped, unknown, headings, total, units)


def best_header(cells: Sequence[str | None], tables: Sequence[Table] = tuple(VOCABULARY)) -> Header | None:
    """The kind of block `cells` head, the best matching one, if any."""
    if sum(1 for cell in cells if is_exact_heading(cell)) < 2:
        return None  # most rows are data: told apart at a glance
    found = [h for t in tables if (h := match_header(t, cells)) is not None]
    return max(found, key=lambda h: h.score, default=None)


def joined_header(first: Sequence[str | None], second: Sequence[str | None]) -> list[str]:
    """Two header rows as one: `指标值` over `年初指标值 | 调整指标值` gives each column the
    lower, more particular heading, and the upper one where the lower row has none."""
    width = max(len(first), len(second))
    cells: list[str] = []
    for index in range(width):
        upper = (first[index] if index < len(first) else "") or ""
        lower = (second[index] if index < len(second) else "") or ""
        cells.append(lower if lower.strip() else upper)
    return cells


Rows = Sequence[Sequence[str | None]]


def texts(row: Sequence[str | None]) -> list[str]:
    """A row's distinct texts, in order (a cell spanning several columns counts once)."""
    seen: list[str] = []
    for cell in row:
        text = (cell or "").strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def has_text(row: Sequence[str]) -> bool:
    """Whether a row holds anything but blanks."""
    return any(cell.strip() for cell in row)


#: A caption stating the unit (`单位：元`, `金额单位：万元`) is this short.
_CAPTION_LENGTH = 20


def caption_unit(row: Sequence[str | None]) -> str | None:
    """The unit a row that is nothing but a caption (`单位：元`) states, if it is one."""
    found = texts(row)
    return stated_unit(found[0]) if len(found) == 1 and len(found[0]) <= _CAPTION_LENGTH else None


def repeats(row: Sequence[str | None], header: Sequence[str | None]) -> bool:
    """Whether `row` is the header again (a table repeats it where it breaks across pages)."""
    return len(row) == len(header) and any(row) and all(
        compact(a) == compact(b) for a, b in zip(row, header, strict=True)
    )


def is_number(text: str | None) -> bool:
    try:
        return parse_amount(text) is not None
    except AmountError:
        return False


def header_at(rows: Rows, index: int, tables: Sequence[Table] = tuple(VOCABULARY)) -> tuple[Header, int] | None:
    """The header starting at row `index`, if it is one, and the rows it takes: two when the
    row below holds nothing but headings of the same block (`年初指标值 | 调整指标值` under
    `指标值`)."""
    header = best_header(rows[index], tables)
    if header is None:
        return None
    if index + 1 < len(rows):
        below = texts(rows[index + 1])
        if below and all(exact_key(header.table, t) for t in below):
            joined = match_header(header.table, joined_header(rows[index], rows[index + 1]))
            if joined is not None:
                return joined, 2
    return header, 1


# ---------------------------------------------------------------- budget rows


class RowRole(StrEnum):
    TOTAL = "total"
    BASIC = "basic"
    PROJECTS = "projects"
    #: A row of the funding-source breakdown (其中：本年财政拨款 / 上年结转资金 / 其他资金):
    #: another cut of the total, not 基本支出, 项目支出 or a project.
    FUNDING = "funding"
    PROJECT = "project"


_TOTAL_NAMES = frozenset({
    "合计", "总计", "合计数", "总计数", "总额", "年度资金总额", "资金总额", "预算总额", "预算总金额", "总金额",
    "预算资金总额", "资金合计", "预算合计", "支出合计", "总支出", TOTAL_NAME,
})
_FUNDING_NAMES = frozenset({
    "本年财政拨款", "财政拨款", "财政拨款资金", "财政拨款收入", "财政资金", "财政专户管理资金", "单位资金", "其他资金",
    "上年结转资金", "上年结转", "结转资金", "自有资金", "一般公共预算", "一般公共预算资金", "一般公共预算拨款",
    "政府性基金", "政府性基金预算", "国有资本经营预算", "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入",
    "其他收入",
})
_SUBTOTAL_RE = re.compile(r"(?:合计|小计)$")
_OF_WHICH_RE = re.compile(r"^其中[:：、,，]?")


def budget_row_role(name: str) -> tuple[RowRole, str]:
    """What a row of a budget block is, by its name, and the name to keep (`基 本 支 出` is
    基本支出; `其中：本年财政拨款` a funding row; `项目支出小计` 项目支出)."""
    words = _OF_WHICH_RE.sub("", _NUMBERING_RE.sub("", compact(name)))
    if words in _TOTAL_NAMES:
        return RowRole.TOTAL, TOTAL_NAME
    if words in _FUNDING_NAMES:
        return RowRole.FUNDING, words
    fixed = _SUBTOTAL_RE.sub("", words)
    if fixed == BASIC_NAME:
        return RowRole.BASIC, BASIC_NAME
    if fixed == PROJECTS_NAME:
        return RowRole.PROJECTS, PROJECTS_NAME
    return RowRole.PROJECT, _OF_WHICH_RE.sub("", name.strip()).strip()


class BudgetPlaces:
    """Where the rows of a budget block go in table 7, one after another, by their names: a
    total or funding-source row nowhere (the total is computed, funding sources are another
    cut of it), the first 基本支出 and 项目支出 to rows 1 and 2, any other row (a second
    基本支出 too) to the next project row from `first_project` on. The import and a paste
    with its header row both place rows so; each says in its own words what it did."""

    def __init__(self, first_project: int = FIXED_BUDGET_ROWS) -> None:
        self._next_project = first_project
        self._fixed: set[int] = set()

    def place(self, written: str) -> tuple[int | None, RowRole, str]:
        """The row of table 7 a row named `written` goes to (`None`: left out), what it is and
        the name to keep (see `budget_row_role`)."""
        role, name = budget_row_role(written)
        if role in (RowRole.TOTAL, RowRole.FUNDING):
            return None, role, name
        row = {RowRole.BASIC: 1, RowRole.PROJECTS: 2}.get(role)
        if row is None or row in self._fixed:
            row, self._next_project = self._next_project, self._next_project + 1
        else:
            self._fixed.add(row)
        return row, role, name


def implied_from(initial: str, adjustment: str, adjusted: str) -> Decimal | None:
    """上年度结转及追加追减数 of a row that leaves it blank beside a stated 调整预算数 (全年预算数):
    调整预算数 − 年初预算数 (see `compute.implied_adjustment`); `None` where it is given, where
    there is no difference, and where a figure cannot be read (that is said where it is read)."""
    if (adjustment.strip() and not is_nothing(adjustment)) or not adjusted.strip() or is_nothing(adjusted):
        return None
    try:
        start = None if not initial.strip() or is_nothing(initial) else _written(initial)
        value = implied_adjustment(start, check_amount(_written(adjusted)))
        return None if value is None else check_amount(value)
    except AmountError:
        return None


def _written(text: str) -> Decimal:
    """An amount as written, a float's artefact (`292.98999999999995`) read as meant."""
    value = float_artefact(halfwidth(text))
    if value is not None:
        return value
    parsed = parse_amount(text)
    if parsed is None:
        raise AmountError(text)
    return parsed


# ---------------------------------------------------------------- targets split over columns

#: What clerks write in a cell that has nothing: no unit, no amount.
NOTHING = frozenset({"-", "—", "——", "－", "/", "／", "无", "－－", "--", "\\"})


def is_nothing(text: str | None) -> bool:
    return compact(text) in NOTHING


def split_target(
    nature: str, value: str, unit: str, style: ComparatorStyle, *, actual: bool = False
) -> str:
    """A target from 指标性质 (`≥`, `正向`), 指标值 (`50`) and 度量单位 (`个`): `>=50个`; an
    actual (`48`) with the unit: `48个`. A value that carries its own comparator or unit, or
    is a word (`健全`), keeps them."""
    text = value.strip()
    measure = parse_measure(text, actual=actual)
    if not isinstance(measure, Quantity):
        return text
    comparator = measure.comparator if measure.explicit else (None if actual else parse_comparator(nature))
    unit_text = measure.unit or ("" if is_nothing(unit) else compact(unit))
    number = Quantity(comparator or Comparator.EQ, measure.value, unit_text)
    return number.text(style, with_comparator=comparator is not None and not actual)


# ---------------------------------------------------------------- a block's rows

#: Amount columns of table 7.
AMOUNT_KEYS = ("initial", "adjustment", "adjusted", "actual")
#: A row of an indicator block is an indicator by one of these (a row with a 一级指标 only is
#: a label, or a 总分 row).
_ESSENTIAL = {Table.INDICATORS: frozenset({"name", "target", "actual", INITIAL_TARGET})}
#: Columns a label row of an indicator block may have its one text in.
_LABELS = frozenset({"group", "category"})


def block_keys(table: Table) -> tuple[str, ...]:
    """The keys a block's rows are read in: the report's columns, and for table 9 the columns
    a split target comes in."""
    if table is Table.OVERVIEW:
        return (EXPECTED, ACHIEVED)
    if table is Table.INDICATORS:
        return (*COLUMNS[table], NATURE, UNIT, INITIAL_TARGET)
    return COLUMNS[table]


@dataclass(slots=True)
class BlockRead:
    """A block's rows in the report's columns, and what reading them took: what the importer
    notes and a paste says."""

    header: Header
    #: Each key's column (the names' column as found).
    columns: dict[str, int]
    #: The rows read, in the report's columns (`COLUMNS[table]`; 预期目标, 实际完成情况 for
    #: the 年度总体目标), with the index of the data row each came from.
    rows: list[list[str | None]] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    #: Data rows left out that held more than a label (`总分 … 100 … 98`), with their index.
    skipped_rows: list[tuple[int, Sequence[str | None]]] = field(default_factory=list)
    #: The column the budget's names were taken from when no heading named it.
    name_column: int | None = None
    #: Amount columns converted to 万元, by the unit they were in.
    converted: dict[str, list[str]] = field(default_factory=dict)
    #: The largest amount of a table that states no unit, when it looks like 元.
    yuan_like: Decimal | None = None
    #: The columns put together into the target (指标性质, 指标值, 度量单位), if any.
    combined: list[str] = field(default_factory=list)
    #: Whether 指标性质 held 定量/定性 (not kept) rather than comparators.
    nature_dropped: bool = False
    #: (row, 调整指标值, 年初指标值) where both are given and differ: the first is the target.
    target_choices: list[tuple[int, str, str]] = field(default_factory=list)
    #: Whether rows with a blank 调整指标值 took 年初指标值.
    fell_back: bool = False

    #: Headings of columns of no known kind that hold something in the rows read.
    unknown: list[str] = field(default_factory=list)

    @property
    def table(self) -> Table:
        return self.header.table

    def heading(self, key: str) -> str:
        index = self.columns[key]
        headings = self.header.headings
        return " ".join(headings[index].split()) if index < len(headings) else ""


def read_block(header: Header, data: Rows, *, unit: str | None = None) -> BlockRead:
    """The data rows under `header` in the report's columns: amounts in 万元 (columns headed 元,
    or under a caption `unit`, converted exactly), a target split over 指标性质, 指标值 and 度量单位
    put back together, the target taken from 调整指标值 where given, else 年初指标值."""
    read = BlockRead(header, dict(header.columns))
    table = header.table
    if table is Table.BUDGET:
        _find_names(read, data)
    keys = block_keys(table)
    essential = _ESSENTIAL.get(table, frozenset(keys))
    for index, row in enumerate(data):
        if repeats(row, header.headings):
            continue  # the header again, where the table breaks across pages
        cells = [row[i] if (i := read.columns.get(key)) is not None and i < len(row) else "" for key in keys]
        if any((cell or "").strip() for key, cell in zip(keys, cells, strict=True) if key in essential):
            read.rows.append(cells)
            read.sources.append(index)
        elif len(texts(row)) > 1 or any((cell or "").strip() for key, cell in zip(keys, cells, strict=True)
                                        if key not in _LABELS):
            # More than a label spanning the row (`产出指标`): a 总分 row, a reason on its own.
            read.skipped_rows.append((index, row))
    used = set(read.columns.values())
    read.unknown = [h for i, h in header.unknown.items()
                    if i not in used and any(_text(data[r], i) for r in read.sources)]
    if table is Table.BUDGET:
        _amounts_in_wan(read, unit)
    elif table is Table.INDICATORS:
        _targets(read)
    width = len(COLUMNS[table]) if table in COLUMNS else len(keys)
    read.rows = [row[:width] for row in read.rows]
    return read


def _text(row: Sequence[str | None], column: int) -> str:
    return (row[column] or "").strip() if column < len(row) else ""


def _find_names(read: BlockRead, data: Rows) -> None:
    """A budget block's names: under the heading that says so; else in the column before the
    amounts that holds them (headed `年度预算数（万元）`, or not at all)."""
    named = read.columns.get("name")
    if named is not None and any(_text(row, named) for row in data):
        return
    first_amount = min((read.columns[k] for k in AMOUNT_KEYS if k in read.columns), default=0)
    taken = (set(read.columns.values()) | set(read.header.dropped)) - {named}
    filled = [(sum(1 for row in data if _text(row, i)), i) for i in range(first_amount) if i not in taken]
    count, index = max(filled, default=(0, 0))
    if count:
        read.columns["name"] = read.name_column = index


def _amounts_in_wan(read: BlockRead, caption: str | None) -> None:
    header = read.header
    table_unit = caption or header.unit()
    units = {key: header.units.get(key) or table_unit for key in AMOUNT_KEYS if key in read.columns}
    at = {key: COLUMNS[Table.BUDGET].index(key) for key in units}
    for row in read.rows:  # `—`, `/` in an amount or rate cell: nothing
        for index in (*at.values(), COLUMNS[Table.BUDGET].index("rate")):
            if is_nothing(row[index]):
                row[index] = ""
    for key, unit in units.items():
        if unit in (None, "万元"):
            continue
        read.converted.setdefault(unit, []).append(key)
        for row in read.rows:
            text = row[at[key]] or ""
            if text.strip() and not is_nothing(text):
                try:
                    value = to_wan(text, unit)
                except AmountError:
                    continue  # left as written: reading the amount says why it cannot be
                row[at[key]] = plain(value) if value is not None else ""
    amounts = [abs(value) for key, unit in units.items() if unit is None for row in read.rows
               if (value := _amount(row[at[key]])) is not None]
    if amounts and max(amounts) >= YUAN_LIKELY_FROM:
        read.yuan_like = max(amounts)


def _amount(text: str | None) -> Decimal | None:
    try:
        return parse_amount(text)
    except AmountError:
        return None


def _targets(read: BlockRead) -> None:
    keys = block_keys(Table.INDICATORS)
    at = {key: keys.index(key) for key in keys}
    columns = read.columns
    natures = [row[at[NATURE]] or "" for row in read.rows]
    comparators = NATURE in columns and any(parse_comparator(n) for n in natures)
    read.nature_dropped = NATURE in columns and not comparators and any(n.strip() for n in natures)
    style = comparator_style_of([*natures, *(row[at["target"]] or "" for row in read.rows)])
    split = comparators or UNIT in columns
    for number, row in enumerate(read.rows):
        target, initial = (row[at["target"]] or "").strip(), (row[at[INITIAL_TARGET]] or "").strip()
        if not target and initial:
            read.fell_back |= "target" in columns
            target = initial
        elif initial and compact(initial) != compact(target):
            read.target_choices.append((number, target, initial))
        row[at["target"]] = target
        if split:
            unit = row[at[UNIT]] or ""
            row[at["target"]] = split_target(row[at[NATURE]] or "" if comparators else "", target, unit, style)
            row[at["actual"]] = split_target("", row[at["actual"]] or "", unit, style, actual=True)
    if split:
        read.combined = [k for k in (NATURE, "target", UNIT) if k in columns and (k != NATURE or comparators)]


def comparator_style_of(texts: Sequence[str]) -> ComparatorStyle:
    """The style a source writes comparators in: `≥`/`≤` if most do, else `>=`/`<=`."""
    symbols = sum(1 for t in texts if any(s in t for s in "≥≤≧≦"))
    ascii_ = sum(1 for t in texts if ">=" in t or "<=" in t)
    return "symbol" if symbols > ascii_ else "ascii"


def _quoted(headings: Sequence[str]) -> str:
    return "、".join(f"“{' '.join(h.split())}”" for h in headings)


_FACTORS = {"元": "÷10000", "千元": "÷10", "亿元": "×10000"}


def describe(read: BlockRead, place: str, row_place: Callable[[int], str], verb: str, *,
             first_row: int = 0) -> list[Note]:
    """What reading a block converted, put together or left out, each naming the table, rows
    and columns, what changes figures first: `place` names the block (`第2个表格第1–8行（部门整体
    自评表）`), `row_place` one of its data rows, `verb` what is done with it (`导入`, `粘贴`);
    `first_row` is the report's row the block's first row becomes."""
    table, header = read.table, read.header
    notes: list[Note] = []
    for unit, keys in read.converted.items():
        notes.append(Note(f"{place}的 {_quoted([read.heading(k) for k in keys])} 列金额以“{unit}”为单位，"
                          f"已换算为万元（{_FACTORS[unit]}，未四舍五入）。", table, None, keys[0]))
    if read.yuan_like is not None:
        notes.append(Note(
            f"{place}没有注明金额单位，已按万元{verb}；但金额很大（最大 {amount_text(read.yuan_like)}），"
            f"像是以“元”为单位。如原表以元为单位，请在表头注明“（元）”后重新{verb}。", table, None, "initial"))
    if read.name_column is not None:
        heading = read.heading("name")
        said = f"表头为“{heading}”" if heading else "表头空白"
        notes.append(Note(f"{place}的项目名称取自第{read.name_column + 1}列（{said}）。", table, None, "name"))
    if read.combined:
        with_unit = "，“指标完成值”带上其中的单位" if UNIT in read.combined else ""
        notes.append(Note(f"{place}的 {_quoted([read.heading(k) for k in read.combined])} 列已合为“指标目标值”"
                          f"（如“≥50个”）{with_unit}。", table, None, "target"))
    for number, target, initial in read.target_choices:
        row = first_row + number
        notes.append(Note(
            f"{table.table_name}第{row + 1}行（{row_place(read.sources[number])}）的“指标目标值”取"
            f"“{read.heading('target')}”的“{target}”（“{read.heading(INITIAL_TARGET)}”为“{initial}”）。",
            table, row, "target"))
    if read.fell_back:
        notes.append(Note(f"{place}中“{read.heading('target')}”空白的行，“指标目标值”取"
                          f"“{read.heading(INITIAL_TARGET)}”。", table, None, "target"))
    scores = [h for h in header.dropped.values() if heading_key(table, h) == SCORE]
    serials = [h for h in header.dropped.values() if heading_key(table, h) != SCORE]
    if scores:
        notes.append(Note(f"{place}的 {_quoted(scores)} 列是评分，本报告不设评分，未{verb}。", table))
    if serials:
        notes.append(Note(f"{place}的 {_quoted(serials)} 列是序号，未{verb}。", table))
    if read.nature_dropped:
        nature = _quoted([read.heading(NATURE)])
        notes.append(Note(f"{place}的 {nature} 列（定量、定性）本报告不单列，未{verb}。", table))
    if read.unknown:
        notes.append(Note(f"{place}的 {_quoted(read.unknown)} 列不属于本表，未{verb}。", table))
    label = "年度总体目标" if table is Table.OVERVIEW else table.table_name
    notes += [Note(f"{row_place(i)}（{_quoted(texts(row)[:4])}）不是{label}的内容，未{verb}。", table)
              for i, row in read.skipped_rows]
    return notes
