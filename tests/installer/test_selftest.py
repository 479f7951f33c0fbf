"""`selfeval-gui --selftest`, run from source: its checks pass on a sound checkout and fail
loudly, naming the problem, when something the app needs is missing or wrong. The frozen and
installed builds run the same module (installer/build-windows.sh, build-linux.sh)."""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path

import pytest

from selfeval_gui import resources, selftest
from selfeval_gui.importers import ImportResult
from selfeval_gui.storage.projectfile import dumps, loads

pytestmark = pytest.mark.gui

CORE_CHECKS = ["resources", "sample", "office", "translator", "cjk-font", "locks"]


def check(name: str) -> selftest.Check:
    return next(c for c in selftest.CHECKS if c.name == name)


@pytest.fixture
def resources_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled resources that the app uses instead of the real ones."""
    copy = tmp_path / "resources"
    shutil.copytree(resources.resources_dir(), copy)
    monkeypatch.setattr(resources, "resources_dir", lambda: copy)
    return copy


@pytest.mark.parametrize("name", CORE_CHECKS)
def test_the_checks_of_the_core_pass_on_this_checkout(qapp, name):
    assert check(name).run()


def test_the_default_runs_every_check_and_only_a_full_pass_says_ok(qapp, monkeypatch, capsys):
    ran = []
    checks = tuple(selftest.Check(n, n, lambda n=n: ran.append(n) or "fine") for n in ("a", "b", "c"))
    monkeypatch.setattr(selftest, "CHECKS", checks)
    monkeypatch.setattr(selftest, "CHECK_NAMES", ("a", "b", "c"))

    assert selftest.run_selftest(["--selftest"]) == selftest.EXIT_OK
    assert ran == ["a", "b", "c"]
    assert capsys.readouterr().out.splitlines()[-1] == "selftest OK"


def test_an_unknown_option_is_a_usage_error(qapp, capsys):
    assert selftest.run_selftest(["--selftest", "--skip", "window"]) == selftest.EXIT_USAGE
    assert "unknown option --skip" in capsys.readouterr().err


def test_a_missing_icon_fails_loudly_and_the_other_checks_still_run(qapp, resources_copy, capsys):
    (resources_copy / "icons" / "selfeval.ico").unlink()

    status = selftest.run_selftest(["--selftest"])

    out, err = capsys.readouterr()
    assert status == selftest.EXIT_FAILED
    assert "selftest FAILED: resources: the Windows icon" in err
    assert "selfeval.ico is missing" in err
    assert "  ok   sample" in out
    assert "selftest OK" not in out


def test_a_damaged_sample_fails_loudly(qapp, resources_copy):
    (resources_copy / "samples" / "suzhou-redcross-2023.jxzp").write_text("{", encoding="utf-8")

    with pytest.raises(selftest.CheckFailed, match="the bundled sample does not load"):
        check("sample").run()


def test_characters_no_font_has_are_reported_as_boxes(qapp, monkeypatch):
    monkeypatch.setattr(selftest, "CJK_TEXT", "自评\U000f0001\U000f0002")

    with pytest.raises(selftest.CheckFailed, match=r"2 of the characters .* have no glyph"):
        check("cjk-font").run()


def test_missing_exporters_fail_loudly(qapp, monkeypatch):
    monkeypatch.setitem(sys.modules, "selfeval_gui.exporters.word", None)

    with pytest.raises(selftest.CheckFailed, match="the Word exporter is missing from this build"):
        check("exports").run()


def stand_in_exporters(monkeypatch: pytest.MonkeyPatch, *, change: str = "") -> None:
    """Exporters and an importer that keep the report as a project file, optionally changing
    the department on the way back, in place of the real Word and Excel ones."""

    def export(report, path):
        Path(path).write_bytes(dumps(report))

    def import_report(path):
        report = loads(Path(path).read_bytes())
        if change:
            report = report.model_copy(update={"department": change})
        return ImportResult(report)

    for name, function in (("word", "export_docx"), ("excel", "export_xlsx")):
        module = types.ModuleType(f"selfeval_gui.exporters.{name}")
        setattr(module, function, export)
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr("selfeval_gui.importers.import_report", import_report)


def test_a_round_trip_that_keeps_the_report_passes(qapp, monkeypatch):
    stand_in_exporters(monkeypatch)

    assert "sample.docx" in check("exports").run()


def test_a_round_trip_that_changes_the_report_names_what_changed(qapp, monkeypatch):
    stand_in_exporters(monkeypatch, change="别的单位")

    with pytest.raises(selftest.CheckFailed, match=r"sample.docx .* differs: report.department: .*'别的单位'"):
        check("exports").run()


def test_an_editor_that_fails_to_start_fails_the_window_check(qapp, monkeypatch):
    monkeypatch.setattr(
        selftest, "_editor_command",
        lambda sample: [sys.executable, "-c", "import sys; print('no display', file=sys.stderr); sys.exit(3)"],
    )

    with pytest.raises(selftest.CheckFailed, match="exited 3: no display"):
        check("window").run()


def test_the_window_check_starts_the_editor_on_the_sample(qapp, monkeypatch, tmp_path):
    seen = tmp_path / "argv.txt"
    script = f"import sys, pathlib; pathlib.Path({str(seen)!r}).write_text(repr(sys.argv[1:]))"
    editor = selftest._editor_command
    monkeypatch.setattr(selftest, "_editor_command",
                        lambda sample: [sys.executable, "-c", script, *editor(sample)[-2:]])

    assert "painted and closed" in check("window").run()
    assert seen.read_text() == repr(["--exit-after-show", str(resources.sample_report_path())])
