"""The `selfeval` command: what a script or a finance bureau relies on."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from selfeval_gui.cli import main
from selfeval_gui.resources import sample_report_path, sample_source_path
from selfeval_gui.storage.projectfile import load_report
from tests.core.test_validation import SEED_DEFECTS

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_import_then_validate_reports_every_real_defect(tmp_path):
    target = tmp_path / "x.jxzp"
    code, printed = run("import", str(sample_source_path()), "-o", str(target))
    assert code == 0
    assert "1176.7299999999998" in printed and "1176.73" in printed
    code, printed = run("validate", str(target), "--json")
    assert code == 0
    findings = json.loads(printed)
    assert {(f["code"], f["table"], f["row"], f["column"]) for f in findings} == {
        (c.value, t.value, r, col) for c, t, r, col in SEED_DEFECTS
    }
    assert all(set(f) == {"code", "severity", "table", "row", "column", "message"} for f in findings)
    assert {f["severity"] for f in findings} == {"error", "warning"}


def test_validate_in_words_and_strict(tmp_path):
    code, printed = run("validate", str(sample_report_path()))
    assert code == 0
    assert "[错误] 预算信息 第3行 实际支出数（万元）" in printed
    assert run("validate", str(sample_report_path()), "--strict")[0] == 1


def test_the_threshold_option_changes_far_exceeded(tmp_path):
    _, printed = run("validate", str(sample_report_path()), "--json", "--threshold", "200")
    codes = {f["code"] for f in json.loads(printed)}
    assert "IND_FAR_EXCEEDED" not in codes


def test_show_prints_every_computed_figure():
    code, printed = run("show", str(sample_report_path()), "--json")
    assert code == 0
    data = json.loads(printed)
    assert data["budget"][0] == {
        "kind": "total", "name": "预算总金额", "initial": "1075.37", "adjustment": "101.36",
        "adjusted": "1176.73", "actual": "1140.78", "rate": "96.94%", "previous": None,
    }
    assert data["indicators"][31]["deviation"] == "131.41%"
    assert data["indicators"][31]["outcome"] == "far_exceeded"
    assert data["common_indicators"] == {"预算执行率": "96.94%", "预算调整率": "8.61%"}
    _, text = run("show", str(sample_report_path()))
    assert "苏州市市级预算部门（单位）整体支出预算绩效自评报告" in text
    assert "预算总金额" in text and "1176.73" in text and "96.94%" in text


def test_show_gives_amounts_as_typed_not_rounded(tmp_path):
    from selfeval_gui.storage.projectfile import save_report

    report = load_report(sample_report_path())
    report.budget.projects[0].initial = Decimal("9.105")
    path = tmp_path / "r.jxzp"
    save_report(report, path)
    row = json.loads(run("show", str(path), "--json")[1])["budget"][3]
    assert (row["name"], row["initial"], row["adjusted"], row["rate"]) == ("信息化维护费", "9.105", "9.105", "100.05%")


def test_next_year_clears_results_and_keeps_the_structure(tmp_path):
    target = tmp_path / "2024.jxzp"
    code, _ = run("next-year", str(sample_report_path()), "-o", str(target))
    assert code == 0
    report = load_report(target)
    assert report.year == 2024 and report.department == "苏州市红十字会"
    assert [i.target for i in report.indicators][:3] == ["健全", "健全", "合理"]
    assert all(not i.actual and not i.reason for i in report.indicators)
    assert all(r.initial is None and r.actual is None for r in report.budget.projects)
    assert report.budget.projects[0].name == "信息化维护费"


def test_next_year_then_validate_finds_no_source_of_last_year(tmp_path):
    target = tmp_path / "2024.jxzp"
    assert run("next-year", str(sample_report_path()), "-o", str(target))[0] == 0
    codes = [f["code"] for f in json.loads(run("validate", str(target), "--json")[1])]
    assert "IND_SOURCE_YEAR" not in codes
    assert codes.count("TEXT_CARRIED") == 2


def test_show_json_includes_last_years_reference(tmp_path):
    target = tmp_path / "2024.jxzp"
    run("next-year", str(sample_report_path()), "-o", str(target))
    data = json.loads(run("show", str(target), "--json")[1])
    assert data["budget"][0]["previous"] == {"adjusted": "1176.73", "actual": "1140.78", "rate": "96.94%"}
    assert data["budget"][0]["actual"] == "" and data["budget"][0]["rate"] == ""  # nothing spent yet
    assert data["budget"][3]["previous"] == {"adjusted": "9.11", "actual": "9.11", "rate": "100.00%"}
    assert data["indicators"][31]["previous"] == {"target": ">=100%", "actual": "231.41%", "deviation": "131.41%"}
    assert data["indicators"][31]["actual"] == "" and data["indicators"][31]["source"] == "2024年度部门决算"
    assert data["tasks"][1]["previous_completion"].startswith("小血滴献血宣传项目")
    assert data["previous"]["year"] == 2023
    assert data["previous"]["overview"]["goals"].startswith("2023年以来")
    assert json.loads(run("show", str(sample_report_path()), "--json")[1])["previous"] is None


def test_fix_turns_the_samples_computable_findings_into_none(tmp_path):
    target = tmp_path / "fixed.jxzp"
    code, printed = run("fix", str(sample_report_path()), "-o", str(target))
    assert code == 0
    assert "已更正 6 处" in printed and "完成值 100% 改为 96.94%" in printed
    assert "无法判断哪一行有误" in printed
    before = {(c.value, r, col) for c, _t, r, col in SEED_DEFECTS}
    after = {(f["code"], f["row"], f["column"]) for f in json.loads(run("validate", str(target), "--json")[1])}
    fixable = {"IND_CROSSCHECK", "BUDGET_ITEMS_SUM", "TEXT_REPEATED"}
    assert not {code for code, *_ in after} & fixable
    # the other defects stay as they were; 预算执行率 now misses its =100% target, which needs a reason
    assert after - before == {("IND_TARGET_MISSED", 26, "actual"), ("IND_REASON_MISSING", 26, "reason")}
    assert {d for d in before if d[0] not in fixable} <= after


def test_fix_only_the_codes_asked_for(tmp_path):
    target = tmp_path / "fixed.jxzp"
    code, printed = run("fix", str(sample_report_path()), "-o", str(target), "--code", "TEXT_REPEATED")
    assert code == 0 and "已更正 2 处" in printed
    codes = [f["code"] for f in json.loads(run("validate", str(target), "--json")[1])]
    assert "TEXT_REPEATED" not in codes and codes.count("BUDGET_ITEMS_SUM") == 2
    assert run("fix", str(target), "-o", str(tmp_path / "again.jxzp"), "--code", "TEXT_REPEATED")[1].startswith(
        "没有可以自动更正的问题")


def test_fix_refuses_to_write_over_what_it_reads(tmp_path, capsys):
    this_year = tmp_path / "2023.jxzp"
    this_year.write_bytes(sample_report_path().read_bytes())
    assert run("fix", str(this_year), "-o", str(this_year))[0] == 2
    assert this_year.read_bytes() == sample_report_path().read_bytes()
    assert "就是要读取的文件" in capsys.readouterr().err


def test_import_and_next_year_write_only_new_project_files(tmp_path, capsys):
    """`import 报告.docx -o 报告.docx` would replace the Word document with JSON; `next-year
    r.jxzp -o r.jxzp` would replace this year's report with next year's."""
    source = tmp_path / "报告.txt"
    source.write_bytes(sample_source_path().read_bytes())
    assert run("import", str(source), "-o", str(source))[0] == 2
    assert source.read_bytes() == sample_source_path().read_bytes()
    assert "应以 .jxzp 结尾" in capsys.readouterr().err
    this_year = tmp_path / "2023.jxzp"
    this_year.write_bytes(sample_report_path().read_bytes())
    assert run("next-year", str(this_year), "-o", str(tmp_path / "." / "2023.jxzp"))[0] == 2
    assert this_year.read_bytes() == sample_report_path().read_bytes()
    assert "就是要读取的文件" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.jxzp", "报告.txt"]


@pytest.mark.parametrize("content", [b"", b"{not json", b"\x00\x01\x02", b'{"format": "x"}'])
def test_unreadable_files_exit_2_with_the_reason_on_stderr(tmp_path, content):
    bad = tmp_path / "bad.jxzp"
    bad.write_bytes(content)
    for command in ("validate", "show"):
        done = subprocess.run(
            [sys.executable, "-m", "selfeval_gui.cli", command, str(bad), "--json"],
            capture_output=True, text=True, encoding="utf-8", check=False,
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert "bad.jxzp" in done.stderr and "Traceback" not in done.stderr


def test_text_the_console_encoding_lacks_prints_as_question_marks(tmp_path):
    """Redirected output on Chinese Windows is GBK: an emoji or a rare character in the
    report must not stop `validate` or `show` with a traceback."""
    from selfeval_gui.storage.projectfile import save_report

    report = load_report(sample_report_path())
    report.indicators[0].name = "🚀指标𠀀"
    report.indicators[0].target = ""
    path = tmp_path / "r.jxzp"
    save_report(report, path)
    for command in ("validate", "show"):
        done = subprocess.run(
            [sys.executable, "-m", "selfeval_gui.cli", command, str(path)],
            capture_output=True, check=False, env={**os.environ, "PYTHONIOENCODING": "gbk"},
        )
        assert done.returncode == 0 and b"Traceback" not in done.stderr
        assert "?指标?".encode("gbk") in done.stdout


def test_an_unwritable_output_exits_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "selfeval_gui.cli", "import", str(sample_source_path()),
         "-o", str(tmp_path / "no-such-folder" / "x.jxzp")],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert done.returncode == 2 and "不存在" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_source_exits_2(tmp_path):
    assert run("import", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "x.jxzp"))[0] == 2


# ---------------------------------------------------------------- other people's files


ESCAPES = "\x1b]0;已被接管\x07\x1b[2J\x9b31m\u202e"


def _hostile_report(tmp_path):
    from selfeval_gui.storage.projectfile import save_report

    report = load_report(sample_report_path())
    report.department = f"红十字会{ESCAPES}"
    report.overview.goals = f"第一段\n第二段{ESCAPES}"
    report.indicators[0].name = f"指标{ESCAPES}"
    report.duties[0].tasks[0].name = f"任务{ESCAPES}"
    report.duties[0].tasks[0].completion = ""  # a finding that quotes the task's name
    path = tmp_path / "报告\x1b[2J.jxzp"
    save_report(report, path)
    return path


_RAW = "\x1b\x07\x9b\u202e"


@pytest.mark.parametrize("command", ["show", "validate", "check"])
def test_control_characters_from_a_report_are_printed_as_escapes(tmp_path, command):
    """Text with terminal escapes from a department's file would retitle or clear the finance
    bureau's terminal: every command prints it as visible escapes."""
    path = _hostile_report(tmp_path)
    code, printed = run(command, str(tmp_path if command == "check" else path))
    assert code == 0
    assert not any(ch in printed for ch in _RAW)
    assert "\\u001b]0;已被接管\\u0007\\u001b[2J\\u009b31m\\u202e" in printed
    if command == "check":
        assert "报告\\u001b[2J.jxzp" in printed  # the file's own name too


@pytest.mark.parametrize("command", ["show", "validate", "check"])
def test_json_output_is_escaped_and_gives_the_text_back(tmp_path, command):
    """Printed as UTF-8 (where JSON would leave C1 and bidirectional controls raw)."""
    path = _hostile_report(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "selfeval_gui.cli", command, str(tmp_path if command == "check" else path), "--json"],
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=True,
    )
    printed = done.stdout.decode("utf-8")
    assert not any(ch in printed for ch in _RAW) and "红十字会" in printed
    def strings(value):
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    # The JSON escapes decode to the report's own text.
    assert any(ESCAPES in text for text in strings(json.loads(printed)))


def test_the_reason_on_stderr_is_escaped_too(tmp_path, capsys):
    bad = tmp_path / "坏\x1b[2J.jxzp"
    bad.write_bytes(b"{not json")
    assert run("validate", str(bad))[0] == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\u001b[2J" in err


def test_import_and_next_year_keep_an_existing_file_unless_forced(tmp_path, capsys):
    existing = tmp_path / "已有.jxzp"
    existing.write_bytes(sample_report_path().read_bytes())
    before = existing.read_bytes()
    assert run("import", str(sample_source_path()), "-o", str(existing))[0] == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err
    assert run("next-year", str(sample_report_path()), "-o", str(existing))[0] == 2
    assert existing.read_bytes() == before
    assert run("next-year", str(sample_report_path()), "-o", str(existing), "--force")[0] == 0
    assert load_report(existing).year == 2024
    assert (tmp_path / "已有.jxzp.bak").read_bytes() == before  # what --force replaced is kept
    assert run("import", str(sample_source_path()), "-o", str(existing), "--force")[0] == 0
    assert load_report(existing).year == 2023


def test_check_lists_every_unreadable_folder_and_strict_fails_on_it(tmp_path, monkeypatch):
    """(Simulated: permissions do not stop root, and tests may run as root.)"""
    folder = tmp_path / "各部门"
    for name in ("甲局", "乙局", "丙局"):
        (folder / name).mkdir(parents=True)
        (folder / name / "报告.jxzp").write_bytes(sample_report_path().read_bytes())
    locked = folder / "乙局"
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, printed = run("check", str(folder))
    assert code == 0
    assert "乙局：无法读取。无法读取文件夹" in printed and "没有读取权限" in printed
    assert printed.count("苏州市红十字会") == 2
    assert "共 3 个文件：2 份报告已校验，1 个无法读取" in printed
    code, _ = run("check", str(folder), "--strict", "--threshold", "1000")
    assert code == 1


_LOADED_OFFICE_LIBRARIES = """
import sys
from selfeval_gui.cli import main
status = main(sys.argv[1:], out=open("/dev/null", "w", encoding="utf-8"))
print(status, sorted({m.split(".")[0] for m in sys.modules} & {"docx", "openpyxl", "lxml", "PySide6"}))
"""


@pytest.mark.parametrize(("command", "loaded"), [
    (["validate", "{sample}"], []),
    (["show", "{sample}", "--json"], []),
    (["check", "{folder}"], []),
    (["export", "{sample}", "--docx", "{folder}/a.docx"], ["docx", "lxml"]),
    (["export", "{sample}", "--xlsx", "{folder}/a.xlsx"], ["lxml", "openpyxl"]),  # openpyxl's lxml
    (["check", "{folder}", "--summary", "{folder}/summary.xlsx"], ["lxml", "openpyxl"]),
])
def test_each_command_loads_only_the_office_libraries_it_writes_with(tmp_path, command, loaded):
    """`validate` pays for no Word or Excel library, `export --docx` for no Excel one: each
    costs a command's start a tenth of a second or more."""
    (tmp_path / "a.jxzp").write_bytes(sample_report_path().read_bytes())
    args = [a.format(sample=tmp_path / "a.jxzp", folder=tmp_path) for a in command]
    done = subprocess.run([sys.executable, "-c", _LOADED_OFFICE_LIBRARIES, *args],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split(maxsplit=1) == ["0", f"{loaded}\n"]


_LOADED_MODULES = """
import sys
from selfeval_gui.cli import main
watched = sys.argv[1].split(",")
status = main(sys.argv[2:], out=open("/dev/null", "w", encoding="utf-8"))
print(status, sorted(set(watched) & set(sys.modules)))
"""


def test_validate_loads_the_rules_and_not_the_fixes_importers_or_exporters():
    """The check a finance bureau runs report by report pays for the rules alone."""
    watched = ["selfeval_gui.domain.validation", "selfeval_gui.domain.fixes", "selfeval_gui.domain.edits",
               "selfeval_gui.domain.layout", "selfeval_gui.importers", "selfeval_gui.exporters.batch"]
    done = subprocess.run([sys.executable, "-c", _LOADED_MODULES, ",".join(watched), "validate",
                           str(sample_report_path())],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split(maxsplit=1) == ["0", "['selfeval_gui.domain.validation']\n"]


#: `selfeval` as its script runs it, noting every search of the installed distributions'
#: entry points (pydantic's for plugins).
_ENTRY_POINT_SEARCHES = """
import importlib.metadata, sys
searched = []
search = importlib.metadata.entry_points
importlib.metadata.entry_points = lambda **kw: searched.append(kw) or search(**kw)
from selfeval_gui.cli import script
sys.argv[0] = "selfeval"
status = script()
print(status, searched)
"""


def test_the_program_spares_the_search_for_pydantic_plugins_it_would_not_use():
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run([sys.executable, "-c", _ENTRY_POINT_SEARCHES, "validate", str(sample_report_path())],
                          capture_output=True, text=True, check=True, env={**env, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split("\n")[-2] == "0 []"


def test_export_adds_the_reference_sheet_unless_asked_not_to(tmp_path):
    import openpyxl

    target = tmp_path / "2024.jxzp"
    run("next-year", str(sample_report_path()), "-o", str(target))
    with_reference, without = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("export", str(target), "--xlsx", str(with_reference))[0] == 0
    assert run("export", str(target), "--xlsx", str(without), "--no-reference")[0] == 0
    assert openpyxl.load_workbook(with_reference).sheetnames[-1] == "上年对照"
    assert "上年对照" not in openpyxl.load_workbook(without).sheetnames


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_next_year_from_last_years_word_or_excel_report(tmp_path, suffix):
    from selfeval_gui.exporters import export_report

    last = tmp_path / f"2023{suffix}"
    export_report(load_report(sample_report_path()), last)
    target = tmp_path / "2024.jxzp"
    assert run("next-year", str(last), "-o", str(target))[0] == 0
    report = load_report(target)
    assert report.year == 2024 and report.previous.year == 2023
    assert report.budget.basic.previous.actual == Decimal("848.80")
    assert report.indicators[44].previous.actual == "1次"


def test_next_year_from_a_file_that_is_no_report_exits_2(tmp_path, capsys):
    last = tmp_path / "2023.docx"
    last.write_bytes(b"not a zip")
    assert run("next-year", str(last), "-o", str(tmp_path / "2024.jxzp"))[0] == 2
    assert "2023.docx" in capsys.readouterr().err
