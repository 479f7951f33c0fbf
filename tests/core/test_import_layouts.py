"""Forms laid out after other templates (tests/data/layouts/, written by `tests.layout_corpus`):
each imports, as .docx and where the layout allows as .xlsx, to the report written down for
it, with the notes and findings written down for it; what is no report is refused."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_gui.domain.findings import HEADINGS, Table
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import validate
from selfeval_gui.importers import ImportFailed, ImportResult, import_report
from selfeval_gui.importers.assemble import assemble
from selfeval_gui.importers.columns import Source
from selfeval_gui.importers.forms import Forms
from selfeval_gui.storage.projectfile import dumps, loads
from tests.layout_corpus import CORPUS, FORMS, expected_json, write_docx, write_xlsx

CASES = [(form.name, kind) for form in FORMS for kind in form.formats]
_IMPORTED: dict[tuple[str, str], ImportResult] = {}


def _expected(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))


def _imported(name: str, kind: str) -> ImportResult:
    if (name, kind) not in _IMPORTED:
        _IMPORTED[name, kind] = import_report(CORPUS / f"{name}.{kind}")
    return _IMPORTED[name, kind]


def test_the_committed_corpus_is_what_the_corpus_script_writes():
    """The files and expectations under tests/data are those of the reviewed script."""
    writers = {"docx": write_docx, "xlsx": write_xlsx}
    for form in FORMS:
        assert _expected(form.name) == json.loads(json.dumps(expected_json(form), ensure_ascii=False)), form.name
        for kind in form.formats:
            assert form.path(kind).read_bytes() == writers[kind](form), form.path(kind).name


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_each_form_imports_as_its_expected_report(name, kind):
    expected = _expected(name)
    if expected["refused"]:
        with pytest.raises(ImportFailed, match=re.escape(expected["refused"])):
            import_report(CORPUS / f"{name}.{kind}")
        return
    assert _imported(name, kind).report == Report.model_validate(expected["report"])


@pytest.mark.parametrize(("name", "kind"), [c for c in CASES if not _expected(c[0])["refused"]])
def test_each_form_gives_exactly_its_expected_notes(name, kind):
    notes = list(_imported(name, kind).notes)
    for want in _expected(name)["notes"][kind]:
        place = (want["table"], want["row"], want["column"])
        found = [n for n in notes
                 if (n.table and n.table.value, n.row, n.column) == place and want["says"] in n.message]
        assert len(found) == 1, f"{place} “{want['says']}” in {[n.message for n in notes]}"
        notes.remove(found[0])
    assert notes == [], "notes no one expected"


@pytest.mark.parametrize(("name", "kind"), [c for c in CASES if not _expected(c[0])["refused"]])
def test_each_form_gives_its_expected_findings(name, kind):
    findings = sorted((f.code.value, f.table.value, f.row, f.column) for f in validate(_imported(name, kind).report))
    expected = sorted(tuple(f) for f in _expected(name)["findings"])
    assert findings == expected


def test_every_note_says_the_table_row_and_column_it_points_at():
    """A note's message names what its location fields say: the table, `第N行` for its row,
    the column's heading for its column."""
    for name, kind in CASES:
        if _expected(name)["refused"]:
            continue
        for note in _imported(name, kind).notes:
            if note.table in (Table.BUDGET, Table.INDICATORS):
                assert note.table.table_name in note.message, note.message
            if note.row is not None and note.table is not Table.OVERVIEW:
                assert f"第{note.row + 1}行" in note.message, note.message
            if note.column is not None and note.table in (Table.BUDGET, Table.INDICATORS):
                heading = HEADINGS[note.table][note.column].removesuffix("（万元）")
                assert heading in note.message, note.message


# Cells a form of any template may hold where its figures and headings are.
_CELLS = st.one_of(
    st.none(),
    st.sampled_from([
        "", "项目", "年初预算数（元）", "全年预算数", "全年执行数", "执行率", "分值", "得分", "合计", "其中：财政资金",
        "基本支出", "项目支出", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
        "年初指标值", "调整指标值", "偏差原因分析及改进措施", "预期目标", "实际完成情况", "评价标准", "单位：元",
        "≥", "＝", "定量", "%", "个", "1,200,000.00", "99999999999999.9999999", "-3", "—", "健全", "1e400",
        "96.94%", "≥90%", "达成预期指标", "项目名称", "主管部门", "（2023年度）",
    ]),
    st.text(max_size=8),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=9), min_size=1, max_size=12))
def test_any_table_of_any_template_imports_with_notes_or_is_refused(grid):
    """Whatever a table holds, its blocks give a report that saves and loads back, or the
    import is refused with `ImportFailed`: never another exception."""
    notes = []
    forms = Forms(notes)
    try:
        forms.add(grid, Source("第1个表格"))
    except ImportFailed:
        return
    sections = {}
    forms.goals_text(sections)
    report = assemble(city="", year=None, department=forms.department(), sections={s: "\n".join(t) for s, t in
                      sections.items()}, rows=forms.rows, notes=notes, project=forms.project)
    validate(report)
    assert loads(dumps(report)) == report
    assert all(isinstance(n.message, str) and n.message for n in notes)
