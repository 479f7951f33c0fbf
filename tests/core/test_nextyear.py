"""Next year's report from this year's: structure kept, results cleared, year moved on."""

from hypothesis import HealthCheck, given, settings

from selfeval_gui.domain.model import LAST_YEAR, Report
from selfeval_gui.domain.nextyear import next_year_report
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
    assert [(i.group, i.category, i.name, i.target, i.source) for i in following.indicators] == [
        (i.group, i.category, i.name, i.target, i.source) for i in report.indicators
    ]
    assert all(not i.actual and not i.reason for i in following.indicators)
    rows = [following.budget.basic, following.budget.projects_total, *following.budget.projects]
    assert [r.name for r in rows] == [
        r.name for r in (report.budget.basic, report.budget.projects_total, *report.budget.projects)
    ]
    assert all(r.initial is None and r.adjustment is None and r.actual is None for r in rows)


def test_the_last_year_a_report_may_have_has_no_next_year():
    assert next_year_report(Report(year=LAST_YEAR)).year is None
