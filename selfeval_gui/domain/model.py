"""The report as the clerk edits it: what is typed, never what is computed.

Computed figures (调整预算数, 执行率, 预算总金额, 偏差情况) are not stored; `compute` derives
them, so they can never disagree with the figures they come from.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from selfeval_gui.domain.money import MAX_DECIMALS, MAX_DIGITS, check_amount

Amount = Annotated[
    Decimal,
    Field(max_digits=MAX_DIGITS, decimal_places=MAX_DECIMALS),
    AfterValidator(check_amount),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


class Section(StrEnum):
    """The text sections 二 to 六 (一 is the department's name, a field of its own)."""

    GOALS = "goals"
    PROFILE = "profile"
    PERFORMANCE = "performance"
    PROBLEMS = "problems"
    APPLICATION = "application"

    @property
    def numeral(self) -> str:
        return _SECTION_NUMERALS[self]

    @property
    def heading(self) -> str:
        return _SECTION_HEADINGS[self]


_SECTION_NUMERALS = {
    Section.GOALS: "二",
    Section.PROFILE: "三",
    Section.PERFORMANCE: "四",
    Section.PROBLEMS: "五",
    Section.APPLICATION: "六",
}
_SECTION_HEADINGS = {
    Section.GOALS: "年度履职目标完成情况",
    Section.PROFILE: "部门（单位）概况",
    Section.PERFORMANCE: "部门（单位）整体支出绩效实现情况",
    Section.PROBLEMS: "部门（单位）整体支出绩效中存在问题及改进措施",
    Section.APPLICATION: "绩效自评结果拟应用和公开情况",
}
DEPARTMENT_HEADING = "预算部门名称"


class Overview(_Model):
    """Sections 二 to 六 as plain text; paragraphs are separated by newlines."""

    goals: str = ""
    profile: str = ""
    performance: str = ""
    problems: str = ""
    application: str = ""

    def text(self, section: Section) -> str:
        text: str = getattr(self, section.value)
        return text


class PreviousBudget(_Model):
    """Last year's figures of a row of table 7, kept beside this year's as a reference (上年实际
    支出数, and 上年执行率 computed from them). Never part of this year's tables."""

    adjusted: Amount | None = None
    actual: Amount | None = None


class BudgetRow(_Model):
    """One row of table 7 as typed; a blank amount is `None` (a blank 追加追减 counts as 0).
    `previous` is last year's row in a report made from last year's; rows added this year
    have none."""

    name: str = ""
    initial: Amount | None = None
    adjustment: Amount | None = None
    actual: Amount | None = None
    previous: PreviousBudget | None = None


BASIC_NAME = "基本支出"
PROJECTS_NAME = "项目支出"
TOTAL_NAME = "预算总金额"


class Budget(_Model):
    """Table 7: 基本支出 and 项目支出 as typed, then the project rows; 预算总金额 is computed."""

    basic: BudgetRow = Field(default_factory=lambda: BudgetRow(name=BASIC_NAME))
    projects_total: BudgetRow = Field(default_factory=lambda: BudgetRow(name=PROJECTS_NAME))
    projects: list[BudgetRow] = Field(default_factory=list)


class KeyTask(_Model):
    """One row of table 8. `previous_completion` is last year's 完成情况 of the task, as a
    reference (`None` for a task added this year)."""

    name: str = ""
    completion: str = ""
    previous_completion: str | None = None


class Duty(_Model):
    """One 部门主要职责 and the key tasks under it (at least one, which may be blank)."""

    text: str = ""
    tasks: list[KeyTask] = Field(default_factory=lambda: [KeyTask()], min_length=1)


class PreviousIndicator(_Model):
    """Last year's target and actual of an indicator (上年完成值, and last year's 偏差情况
    computed from them), kept as a reference."""

    target: str = ""
    actual: str = ""


class Indicator(_Model):
    """One row of table 9. Group and 类别 are stored on every row; equal neighbours are
    shown merged. Target and actual are the normalised text (see `measure`). `previous` is
    last year's row, as a reference (`None` for an indicator added this year)."""

    group: str = ""
    category: str = ""
    name: str = ""
    target: str = ""
    actual: str = ""
    source: str = ""
    reason: str = ""
    previous: PreviousIndicator | None = None


ComparatorStyle = Literal["ascii", "symbol"]

#: The years a report may be for.
FIRST_YEAR, LAST_YEAR = 1949, 2999
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


class PreviousYear(_Model):
    """What a report made from last year's keeps of it beyond its rows: the year and the text
    of each section, shown beside this year's for reference."""

    year: Year | None = None
    overview: Overview = Field(default_factory=Overview)


class Submission(_Model):
    """The submission block (填报信息) that closes the submitted document; every field is
    optional and the block is printed only when something is filled in."""

    unit: str = ""  # 填报单位（盖章）
    head: str = ""  # 单位负责人
    finance_head: str = ""  # 财务负责人
    preparer: str = ""  # 填报人
    phone: str = ""  # 联系电话
    date: datetime.date | None = None  # 填报日期

    @property
    def filled(self) -> bool:
        return self.date is not None or any((self.unit, self.head, self.finance_head, self.preparer, self.phone))


class Report(_Model):
    """A whole 部门整体支出预算绩效自评报告."""

    city: str = ""
    year: Year | None = None
    department: str = ""
    overview: Overview = Field(default_factory=Overview)
    budget: Budget = Field(default_factory=Budget)
    duties: list[Duty] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    #: How comparators are written back: `>=` (the usual template) or `≥`.
    comparator_style: ComparatorStyle = "ascii"
    #: Last year's report, where this one was made from it (its rows carry their own part).
    previous: PreviousYear | None = None
    submission: Submission = Field(default_factory=Submission)

    @property
    def title(self) -> str:
        return f"{self.city}市级预算部门（单位）整体支出预算绩效自评报告"

    @property
    def year_line(self) -> str:
        return f"（{self.year}年度）" if self.year else "（    年度）"

    def task_rows(self) -> list[tuple[int, int]]:
        """(duty index, task index) of each row of table 8, in order."""
        return [(d, t) for d, duty in enumerate(self.duties) for t in range(len(duty.tasks))]
