"""Export then import gives the report back: the sample exactly, and generated reports full
of hostile text (formula-like cells, control characters, 10,000-character cells, emoji, rare
CJK) exactly as the document shows them."""

import datetime
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_gui.domain.model import Budget, BudgetRow, Duty, Indicator, KeyTask, Report, Submission
from selfeval_gui.domain.money import round_cents
from selfeval_gui.domain.submission import STANDING_FIELDS
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.importers.excel import import_xlsx
from selfeval_gui.importers.word import import_docx

FORMATS = {"docx": (docx_bytes, import_docx), "xlsx": (xlsx_bytes, import_xlsx)}


@pytest.mark.parametrize("kind", FORMATS)
def test_the_sample_comes_back_equal_and_without_notes(seed_report, kind):
    export, import_ = FORMATS[kind]
    data, _ = export(seed_report)
    result = import_(data)
    assert result.report == seed_report
    assert result.notes == []


# ---------------------------------------------------------------- what the document shows

# The export's contract, restated: line breaks of every kind are `\n`; characters XML cannot
# hold are dropped; a cell loses its outer blanks; a section keeps its non-empty paragraphs,
# each trimmed.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", _BREAKS.sub("\n", text))


def _cell(text: str) -> str:
    return _clean(text).strip()


def _section(text: str) -> str:
    return "\n".join(p.strip() for p in _clean(text).split("\n") if p.strip())


def shown(report: Report) -> Report:
    """`report` as its exported document shows it."""
    out = report.model_copy(deep=True)
    out.city, out.department = _cell(out.city), _cell(out.department)
    for field in ("goals", "profile", "performance", "problems", "application"):
        setattr(out.overview, field, _section(getattr(out.overview, field)))
    for row in (out.budget.basic, out.budget.projects_total, *out.budget.projects):
        row.name = _cell(row.name)
    for duty in out.duties:
        duty.text = _cell(duty.text)
        for task in duty.tasks:
            task.name, task.completion = _cell(task.name), _cell(task.completion)
    for indicator in out.indicators:
        for field in ("group", "category", "name", "target", "actual", "source", "reason"):
            setattr(indicator, field, _cell(getattr(indicator, field)))
    for field in STANDING_FIELDS:
        setattr(out.submission, field, _cell(getattr(out.submission, field)))
    _drop_blank_rows(out)
    return out


_INDICATOR_FIELDS = ("group", "category", "name", "target", "actual", "source", "reason")


def _drop_blank_rows(report: Report) -> None:
    """What the import leaves out: rows with nothing in them, where no merged cell joins them
    to a neighbour. Merged are a duty over its tasks and equal 目标 (类别 within one 目标) of
    neighbouring indicators."""
    report.budget.projects = [p for p in report.budget.projects if p.name or any(
        getattr(p, c) is not None for c in ("initial", "adjustment", "actual"))]
    report.duties = [d for d in report.duties
                     if d.text or len(d.tasks) > 1 or d.tasks[0].name or d.tasks[0].completion]
    groups = [i.group for i in report.indicators]
    neighbours = [groups[max(i - 1, 0) : i] + groups[i + 1 : i + 2] for i in range(len(groups))]
    report.indicators = [indicator for indicator, around in zip(report.indicators, neighbours, strict=True)
                         if any(getattr(indicator, f) for f in _INDICATOR_FIELDS) or "" in around]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _has_illegal(report: Report) -> bool:
    return any(_ILLEGAL.search(text) for text in _strings(report.model_dump()))


# ---------------------------------------------------------------- generated reports

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_RARE = st.sampled_from(["𠀀", "𪚥", "𰻞", "㐀", "䶵", "鿰"])  # CJK extensions B, C, G, A; U+9FF0
_EMOJI = st.sampled_from(["😀", "👨‍👩‍👧", "🇨🇳", "❤️", "✅"])
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_FULLWIDTH = st.sampled_from(list("（）：；，。、“”０１２％＝＋－＠　"))
_CONTROL = st.sampled_from(["\x00", "\x07", "\x1b", "\x1f", "\x0b", "\x0c", "\r", "\r\n", "\x85",
                            "\u2028", "\ufffe", "\ud800", "\t", "\n", " ", "\u3000", "\xa0"])
_CHAR = st.one_of(_CJK, _CJK, _ASCII, _FULLWIDTH, _RARE, _EMOJI, _CONTROL)
_FORMULA_LIKE = st.sampled_from(["=SUM(A1:A9)", "+86 512", "-", "@x", "=1+1", "#N/A", "=HYPERLINK(\"x\")", "'=x"])
_LONG = "长文本" * 3334  # 10,002 characters


@st.composite
def texts(draw, max_size: int = 30) -> str:
    text = "".join(draw(st.lists(_CHAR, max_size=max_size)))
    choice = draw(st.integers(0, 19))
    if choice < 3:
        text = draw(_FORMULA_LIKE) + text
    elif choice == 3:
        text = _LONG + text
    return text


_CITY = st.lists(st.one_of(_CJK, st.sampled_from(list("=+-@ABC市县区"))), max_size=6).map("".join)
_AMOUNT = st.one_of(
    st.none(),
    st.integers(0, 6).flatmap(lambda places: st.decimals(
        min_value=-10**8, max_value=10**8, places=places, allow_nan=False, allow_infinity=False,
    )),
)
_TARGET = st.one_of(st.sampled_from(["=100%", ">=90%", "<=0%", "≥85%", "=1个", ">=5000人", "健全", "较好", ""]),
                    texts(12))


@st.composite
def budget_rows(draw, name=None) -> BudgetRow:
    return BudgetRow(name=name if name is not None else draw(texts(12)),
                     initial=draw(_AMOUNT), adjustment=draw(_AMOUNT), actual=draw(_AMOUNT))


@st.composite
def reports(draw) -> Report:
    groups = draw(st.lists(texts(6), min_size=1, max_size=3))
    categories = draw(st.lists(texts(4), min_size=1, max_size=3))
    return Report(
        city=draw(_CITY),
        year=draw(st.one_of(st.none(), st.integers(1949, 2999))),
        department=draw(texts(20)),
        overview={f: "\n".join(draw(st.lists(texts(60), max_size=4)))
                  for f in ("goals", "profile", "performance", "problems", "application")},
        budget=Budget(
            basic=draw(budget_rows(draw(st.sampled_from(["基本支出", "基本支出（含人员）"])))),
            projects_total=draw(budget_rows("项目支出")),
            projects=draw(st.lists(budget_rows(), max_size=5)),
        ),
        duties=draw(st.lists(
            st.builds(Duty, text=texts(40), tasks=st.lists(
                st.builds(KeyTask, name=texts(15), completion=texts(80)), min_size=1, max_size=3)),
            max_size=4,
        )),
        indicators=draw(st.lists(
            st.builds(
                Indicator, group=st.sampled_from(groups), category=st.sampled_from(categories),
                name=texts(15), target=_TARGET, actual=_TARGET, source=texts(10), reason=texts(20),
            ),
            max_size=8,
        )),
        comparator_style=draw(st.sampled_from(["ascii", "symbol"])),
        submission=draw(st.one_of(st.builds(Submission), st.builds(
            Submission, unit=texts(15), head=texts(4), finance_head=texts(4), preparer=texts(4), phone=texts(13),
            date=st.one_of(st.none(), st.dates(datetime.date(1949, 1, 1), datetime.date(2999, 12, 31))),
        ))),
    )


@pytest.mark.parametrize("kind", FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=reports())
def test_generated_reports_come_back_as_their_document_shows_them(kind, report):
    export, import_ = FORMATS[kind]
    if kind == "docx":
        # Word shows amounts in cents (an Excel cell holds the exact value): those drawn here
        # are in cents, as a sum of rounded amounts may be a cent off the rounded sum, which
        # the import would note.
        for row in (report.budget.basic, report.budget.projects_total, *report.budget.projects):
            for column in ("initial", "adjustment", "actual"):
                if (value := getattr(row, column)) is not None:
                    setattr(row, column, round_cents(value))
    data, export_notes = export(report)
    result = import_(data)
    expected = shown(report)
    assert result.report == expected
    assert result.notes == []
    dropped = [n for n in export_notes if "控制字符" in n.message]
    assert bool(dropped) == _has_illegal(report)
    assert all("控制字符" in n.message or "小标题" in n.message for n in export_notes)


def test_a_report_already_in_its_shown_form_comes_back_identical():
    report = Report(
        city="苏州市", year=2024, department="=某局",
        overview={"goals": "第一段。\n@第二段\n+第三段"},
        duties=[Duty(text="-", tasks=[KeyTask(name="=SUM(A1)", completion="𠀀😀\n\n第二行")])],
        indicators=[Indicator(group="", category="决策", name="指标", target="≥90%", actual="95%")],
        budget=Budget(projects=[BudgetRow(name="", initial=Decimal("0.01"))]),
        comparator_style="symbol",
    )
    assert shown(report) == report
    for export, import_ in FORMATS.values():
        assert import_(export(report)[0]).report == report


@pytest.mark.parametrize("kind", FORMATS)
def test_blank_rows_do_not_come_back_unless_a_merged_cell_joins_them(kind):
    blank = Indicator()
    report = Report(
        budget=Budget(projects=[BudgetRow(name="甲"), BudgetRow(name=" "), BudgetRow(name="乙")]),
        duties=[Duty(text="职责", tasks=[KeyTask(name="任务")]), Duty(tasks=[KeyTask()]),
                Duty(tasks=[KeyTask(), KeyTask(name="空职责下的任务")])],
        indicators=[Indicator(group="目标", name="一"), blank, Indicator(group="目标", name="二"),
                    blank, Indicator(name="三")],
    )
    export, import_ = FORMATS[kind]
    back = import_(export(report)[0]).report
    assert [p.name for p in back.budget.projects] == ["甲", "乙"]
    assert [(d.text, [t.name for t in d.tasks]) for d in back.duties] == [
        ("职责", ["任务"]), ("", ["", "空职责下的任务"]),
    ]
    assert [i.name for i in back.indicators] == ["一", "二", "", "三"]  # the last blank 目标 is merged
    assert back == shown(report)


@pytest.mark.parametrize("kind", FORMATS)
def test_an_empty_report_comes_back_empty(kind):
    export, import_ = FORMATS[kind]
    result = import_(export(Report())[0])
    assert result.report == Report() and result.notes == []
