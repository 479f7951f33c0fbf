"""Next year's report from this year's: structure kept, results cleared and kept beside it as
last year's reference, year moved on."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from selfeval_gui.domain.compute import adjusted_budget, budget_table, evaluate, previous_evaluation, previous_figures
from selfeval_gui.domain.findings import Code, Severity, Table
from selfeval_gui.domain.fixes import apply_fixes
from selfeval_gui.domain.model import (
    LAST_YEAR,
    BudgetRow,
    PreviousBudget,
    PreviousIndicator,
    PreviousYear,
    Report,
    Submission,
)
from selfeval_gui.domain.money import format_percent
from selfeval_gui.domain.nextyear import next_year_report
from selfeval_gui.domain.validation import validate
from selfeval_gui.domain.years import replace_years
from selfeval_gui.exporters import export_report
from selfeval_gui.importers import import_report
from selfeval_gui.resources import sample_source_path
from selfeval_gui.storage.projectfile import load_report, save_report
from tests.core.strategies import reports


@given(reports)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_the_structure_stays_and_the_results_go(report):
    following = next_year_report(report)
    assert following.year == (report.year + 1 if report.year and report.year < LAST_YEAR else None)
    assert (following.city, following.department) == (report.city, report.department)
    assert [(d.text, [t.name for t in d.tasks]) for d in following.duties] == [
        (d.text, [t.name for t in d.tasks]) for d in report.duties
    ]
    assert all(not t.completion for d in following.duties for t in d.tasks)
    assert [(i.group, i.category, i.name, i.target) for i in following.indicators] == [
        (i.group, i.category, i.name, i.target) for i in report.indicators
    ]
    moved = following.year is not None
    assert [i.source for i in following.indicators] == [
        replace_years(i.source, lambda y: y + 1) if moved else i.source for i in report.indicators
    ]
    assert all(i.previous == PreviousIndicator(target=i.target, actual=last.actual)
               for i, last in zip(following.indicators, report.indicators, strict=True))
    assert all(not i.actual and not i.reason for i in following.indicators)
    rows = [following.budget.basic, following.budget.projects_total, *following.budget.projects]
    assert [r.name for r in rows] == [
        r.name for r in (report.budget.basic, report.budget.projects_total, *report.budget.projects)
    ]
    assert all(r.initial is None and r.adjustment is None and r.actual is None for r in rows)


def test_the_last_year_a_report_may_have_has_no_next_year():
    assert next_year_report(Report(year=LAST_YEAR)).year is None


# ---------------------------------------------------------------- last year as a reference


def test_the_sample_next_year_keeps_every_reference_on_its_row(seed_report):
    following = next_year_report(seed_report)
    this_rows = [seed_report.budget.basic, seed_report.budget.projects_total, *seed_report.budget.projects]
    next_rows = [following.budget.basic, following.budget.projects_total, *following.budget.projects]
    for last, row in zip(this_rows, next_rows, strict=True):
        assert row.name == last.name
        assert row.previous == PreviousBudget(adjusted=adjusted_budget(last), actual=last.actual)
    # 上年执行率 from last year's figures, row by row; the total adds up 基本支出 and 项目支出.
    for index, figures in enumerate(budget_table(seed_report.budget)):
        previous = previous_figures(following.budget, index)
        assert previous is not None
        assert (previous.adjusted, previous.actual, previous.rate) == (figures.adjusted, figures.actual, figures.rate)
    assert format_percent(previous_figures(following.budget, 0).rate) == "96.94%"
    for last, indicator in zip(seed_report.indicators, following.indicators, strict=True):
        assert (indicator.name, indicator.target) == (last.name, last.target)
        assert indicator.previous == PreviousIndicator(target=last.target, actual=last.actual)
        assert previous_evaluation(indicator).deviation == evaluate(last.target, last.actual).deviation
    last_tasks = [t for d in seed_report.duties for t in d.tasks]
    next_tasks = [t for d in following.duties for t in d.tasks]
    assert [(t.name, t.previous_completion) for t in next_tasks] == [(t.name, t.completion) for t in last_tasks]
    assert following.previous == PreviousYear(year=2023, overview=seed_report.overview)


def test_sections_three_and_six_come_over_as_drafts(seed_report):
    following = next_year_report(seed_report)
    overview = following.overview
    assert overview.profile == seed_report.overview.profile
    assert overview.application == seed_report.overview.application
    assert overview.goals == overview.performance == overview.problems == ""
    carried = [f for f in validate(following) if f.code is Code.TEXT_CARRIED]
    assert [(f.table, f.column, f.severity) for f in carried] == [
        (Table.OVERVIEW, "profile", Severity.INFO), (Table.OVERVIEW, "application", Severity.INFO),
    ]
    assert "2023年度" in carried[0].message
    following.overview.profile = following.overview.profile.replace("2023年底", "2024年底")
    assert [f.column for f in validate(following) if f.code is Code.TEXT_CARRIED] == ["application"]


def test_the_years_of_the_sources_move_on_with_the_report(seed_report):
    sources = [i.source for i in next_year_report(seed_report).indicators]
    assert sources.count("2024年度部门决算") == 17 and sources.count("2024年部门总结") == 13
    assert not any("2023" in s for s in sources)
    assert "部门预算公开" in sources
    assert not [f for f in validate(next_year_report(seed_report)) if f.code is Code.IND_SOURCE_YEAR]


def test_years_in_chinese_numerals_and_context_years_move_on_too(seed_report):
    seed_report.indicators[0].source = "二〇二三年度决算"
    seed_report.indicators[1].source = "2023年部门总结（含2022年结转）"
    following = next_year_report(seed_report)
    assert [i.source for i in following.indicators[:2]] == ["二〇二四年度决算", "2024年部门总结（含2023年结转）"]
    assert not [f for f in validate(following) if f.code is Code.IND_SOURCE_YEAR]


def test_next_years_blank_figures_say_what_to_fill_in_and_an_empty_row_can_go(seed_report):
    seed_report.budget.projects.append(BudgetRow())
    following = next_year_report(seed_report)
    findings = [f for f in validate(following) if f.table is Table.BUDGET]
    rows = range(1, len(budget_table(following.budget)) - 1)
    assert [(f.code, f.row, f.column) for f in findings] == [
        *[(Code.TEXT_REQUIRED, row, column) for row in rows for column in ("initial", "actual")],
        (Code.TEXT_REQUIRED, rows.stop, "name"),
    ]
    assert findings[1].message == "“基本支出”的实际支出数未填写，请填写（没有支出的填 0）。"
    apply_fixes(following)
    assert len(following.budget.projects) == len(seed_report.budget.projects) - 1


def test_the_year_after_next_keeps_only_last_years_reference(seed_report):
    following = next_year_report(seed_report)
    following.budget.basic.initial = Decimal("800")
    following.budget.basic.actual = Decimal("790")
    following.indicators[0].actual = "较健全"
    after = next_year_report(following)
    assert after.year == 2025 and after.previous.year == 2024
    assert after.budget.basic.previous == PreviousBudget(adjusted=Decimal("800"), actual=Decimal("790"))
    assert after.indicators[0].previous == PreviousIndicator(target="健全", actual="较健全")
    assert after.indicators[20].source == "2025年度部门决算"


def test_the_submission_block_is_kept_but_not_its_date(seed_report):
    seed_report.submission = Submission(unit="苏州市红十字会", preparer="张三", date=datetime.date(2024, 3, 1))
    submission = next_year_report(seed_report).submission
    assert (submission.unit, submission.preparer, submission.date) == ("苏州市红十字会", "张三", None)


@pytest.mark.parametrize("kind", ["jxzp", "docx", "xlsx", "txt"])
def test_the_reference_is_kept_from_every_kind_of_last_years_report(seed_report, tmp_path, kind):
    """Last year's report may be our project file, a Word report, our Excel export or the
    published text: each gives the same reference."""
    path = tmp_path / f"2023.{kind}"
    if kind == "jxzp":
        save_report(seed_report, path)
        last_year = load_report(path)
    else:
        if kind == "txt":
            path = sample_source_path()
        else:
            export_report(seed_report, path)
        last_year = import_report(path).report
    following = next_year_report(last_year)
    expected = next_year_report(seed_report)
    assert [r.previous for r in following.budget.projects] == [r.previous for r in expected.budget.projects]
    assert following.budget.basic.previous == expected.budget.basic.previous
    assert [i.previous for i in following.indicators] == [i.previous for i in expected.indicators]
    assert [t.previous_completion for d in following.duties for t in d.tasks] == [
        t.previous_completion for d in expected.duties for t in d.tasks
    ]
    assert following.previous == expected.previous


def test_the_word_document_holds_this_year_only(seed_report):
    """Last year's reference is never part of the official document."""
    import io

    from docx import Document as WordDocument

    from selfeval_gui.exporters.word import docx_bytes

    report = next_year_report(seed_report)
    document = WordDocument(io.BytesIO(docx_bytes(report)[0]))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    for last_year in ("848.80", "1140.78", "231.41%", "小血滴献血宣传项目", "2023年以来", "上年完成值", "上年执行率"):
        assert last_year not in text
    assert "2024年度部门决算" in cells and "信息化维护费" in cells
