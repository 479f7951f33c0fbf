"""Hypothesis strategies for whole reports, hostile text included."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from selfeval_gui.domain.model import (
    Budget,
    BudgetRow,
    Duty,
    Indicator,
    KeyTask,
    Overview,
    PreviousBudget,
    PreviousIndicator,
    PreviousYear,
    Report,
    Submission,
)

# Any text at all: controls, and lone surrogates too (half an emoji from a damaged file); the
# project file is JSON, which escapes them.
text = st.text(st.characters(), max_size=40)
cjk_text = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30)
any_text = st.one_of(text, cjk_text, st.sampled_from(["=SUM(A1)", "+86", "-", "@x", "🚀", "𠀀"]))

amounts = st.one_of(
    st.none(),
    st.decimals(
        min_value=Decimal("-999999999"), max_value=Decimal("999999999"), places=2,
        allow_nan=False, allow_infinity=False,
    ),
)

budget_rows = st.builds(
    BudgetRow, name=any_text, initial=amounts, adjustment=amounts, actual=amounts,
    previous=st.one_of(st.none(), st.builds(PreviousBudget, adjusted=amounts, actual=amounts)),
)
tasks = st.builds(KeyTask, name=any_text, completion=any_text, previous_completion=st.one_of(st.none(), any_text))
duties = st.builds(Duty, text=any_text, tasks=st.lists(tasks, min_size=1, max_size=3))
indicators = st.builds(
    Indicator, group=any_text, category=any_text, name=any_text,
    target=st.one_of(any_text, st.sampled_from([">=90%", "=1个", "健全", "<=100%"])),
    actual=st.one_of(any_text, st.sampled_from(["95%", "1个", "较健全"])),
    source=any_text, reason=any_text,
    previous=st.one_of(st.none(), st.builds(PreviousIndicator, target=any_text, actual=any_text)),
)
overviews = st.builds(Overview, goals=any_text, profile=any_text, performance=any_text,
                      problems=any_text, application=any_text)
years = st.one_of(st.none(), st.integers(1949, 2999))
reports = st.builds(
    Report,
    city=any_text,
    year=years,
    department=any_text,
    overview=overviews,
    budget=st.builds(Budget, basic=budget_rows, projects_total=budget_rows,
                     projects=st.lists(budget_rows, max_size=5)),
    duties=st.lists(duties, max_size=4),
    indicators=st.lists(indicators, max_size=6),
    comparator_style=st.sampled_from(["ascii", "symbol"]),
    previous=st.one_of(st.none(), st.builds(PreviousYear, year=years, overview=overviews)),
    submission=st.builds(
        Submission, unit=any_text, head=any_text, finance_head=any_text, preparer=any_text, phone=any_text,
        date=st.one_of(st.none(), st.dates(datetime.date(1949, 1, 1), datetime.date(2999, 12, 31))),
    ),
)
