"""`selfeval export`, `selfeval import` of Word and Excel files, and `selfeval check`."""

import io
import json
import shutil
import sys

import openpyxl
import pytest

from selfeval_gui.cli import main
from selfeval_gui.domain.model import Report
from selfeval_gui.exporters.batch import CheckedReport, check_paths
from selfeval_gui.exporters.summary import summary_workbook
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report, save_report


def run(*argv):
    out = io.StringIO()
    code = main([str(a) for a in argv], out)
    return code, out.getvalue()


def test_export_writes_both_files_after_the_summary_of_findings(tmp_path):
    docx, xlsx = tmp_path / "报告.docx", tmp_path / "报告.xlsx"
    code, out = run("export", sample_report_path(), "--docx", docx, "--xlsx", xlsx)
    assert code == 0
    assert out.startswith("报告中还有 9 个错误、8 个警告")
    assert f"已导出 Word 文档“{docx}”" in out and f"已导出 Excel 工作簿“{xlsx}”" in out
    assert "小标题" in out  # the Word export's notes are shown
    assert docx.read_bytes()[:2] == xlsx.read_bytes()[:2] == b"PK"


def test_export_needs_an_output_and_the_right_suffix(tmp_path, capsys):
    assert run("export", sample_report_path())[0] == 2
    assert "--docx、--xlsx 或 --pdf" in capsys.readouterr().err
    assert run("export", sample_report_path(), "--docx", tmp_path / "报告.xlsx")[0] == 2
    assert "应以 .docx 结尾" in capsys.readouterr().err
    assert run("export", sample_report_path(), "--pdf", tmp_path / "报告.docx")[0] == 2
    assert "应以 .pdf 结尾" in capsys.readouterr().err


def test_export_pdf_where_qt_cannot_load_says_so_and_writes_nothing(tmp_path, capsys, monkeypatch):
    """The PDF needs Qt, which the command line loads for --pdf alone: where it is missing
    (an installation without PySide6), the clerk reads why, in Chinese, and no file is half done."""
    monkeypatch.setitem(sys.modules, "selfeval_gui.render.pdf", None)  # importing it fails
    docx, pdf = tmp_path / "报告.docx", tmp_path / "报告.pdf"
    code, out = run("export", sample_report_path(), "--docx", docx, "--pdf", pdf)
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert "无法导出 PDF" in err and "PySide6" in err and "Word 和 Excel 不需要它" in err and "Traceback" not in err
    assert not docx.exists() and not pdf.exists()


def test_export_of_an_unreadable_project_exits_2_with_the_reason(tmp_path, capsys):
    bad = tmp_path / "坏.jxzp"
    bad.write_text("{", encoding="utf-8")
    assert run("export", bad, "--docx", tmp_path / "x.docx")[0] == 2
    err = capsys.readouterr().err
    assert err.startswith("selfeval: ") and "坏.jxzp" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_export_to_an_unwritable_place_still_writes_the_other_file_and_exits_2(tmp_path, capsys):
    xlsx = tmp_path / "报告.xlsx"
    code, _ = run("export", sample_report_path(), "--docx", tmp_path / "无此文件夹" / "报告.docx", "--xlsx", xlsx)
    assert code == 2 and xlsx.exists()
    assert "不存在" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_import_reads_word_and_excel(tmp_path, suffix):
    exported = tmp_path / f"报告{suffix}"
    run("export", sample_report_path(), f"--{suffix[1:]}", exported)
    project = tmp_path / "导入.jxzp"
    code, out = run("import", exported, "-o", project)
    assert code == 0 and f"已导入“{exported.name}”" in out
    assert load_report(project) == load_report(sample_report_path())


def _folder_of_reports(tmp_path, count=3):
    folder = tmp_path / "各部门"
    (folder / "二级单位").mkdir(parents=True)
    report = load_report(sample_report_path())
    for index in range(count):
        report.department = f"部门{index}"
        save_report(report, folder / ("二级单位" if index % 2 else "") / f"{index}.jxzp", keep_backup=False)
    (folder / "损坏.jxzp").write_bytes(b"\x00\x01")
    (folder / "说明.txt").write_text("不是项目文件", encoding="utf-8")
    return folder


def test_check_prints_a_line_per_report_and_writes_the_summary(tmp_path):
    folder = _folder_of_reports(tmp_path)
    summary = tmp_path / "汇总.xlsx"
    code, out = run("check", folder, "--summary", summary)
    assert code == 0
    lines = out.strip().split("\n")
    assert lines[-2] == "共 4 个文件：3 份报告已校验，1 个无法读取；错误 27 条，警告 24 条。"
    assert lines[-1] == f"汇总表已写入“{summary}”。"
    assert "0.jxzp：部门0 2023年度，错误 9，警告 8，提示 0，预算执行率 96.94%" in lines
    assert any(line.startswith("损坏.jxzp：无法读取。") for line in lines)

    workbook = openpyxl.load_workbook(summary)
    rows = list(workbook["汇总"].iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "文件", "预算部门")
    by_file = {row[1]: row for row in rows[1:]}
    assert set(by_file) == {"0.jxzp", "2.jxzp", "二级单位/1.jxzp", "损坏.jxzp"}
    assert by_file["0.jxzp"][2:8] == ("部门0", "苏州市", 2023, 9, 8, 0)
    assert by_file["0.jxzp"][10] == pytest.approx(0.9694, abs=5e-5)
    assert by_file["损坏.jxzp"][11].startswith("无法读取：")
    findings = list(workbook["问题清单"].iter_rows(values_only=True))
    assert len(findings) == 1 + 3 * 17
    assert findings[1][1:5] == ("0.jxzp", "部门0", "错误", "BUDGET_ITEMS_SUM")


def test_check_strict_and_json(tmp_path):
    folder = _folder_of_reports(tmp_path, count=1)
    code, out = run("check", folder, "--json", "--strict")
    assert code == 1
    data = json.loads(out)
    assert [d["file"].endswith(name) for d, name in zip(data, ("0.jxzp", "损坏.jxzp"), strict=True)] == [True, True]
    assert data[0]["execution_rate"] == "96.94%" and data[1]["problem"]


def test_the_summary_must_be_a_workbook_and_is_asked_for_before_checking(tmp_path, capsys):
    folder = _folder_of_reports(tmp_path, count=1)
    code, out = run("check", folder, "--summary", tmp_path / "汇总.csv")
    assert code == 2 and out == ""
    assert "应以 .xlsx 结尾" in capsys.readouterr().err
    assert not (tmp_path / "汇总.csv").exists()


def test_ctrl_c_during_a_check_stops_it_without_a_traceback(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr("selfeval_gui.exporters.batch.check_paths", interrupted)
    assert run("check", _folder_of_reports(tmp_path, count=1))[0] == 130
    assert capsys.readouterr().err == "selfeval: 已中断。\n"


def test_check_with_nothing_to_check_exits_2(tmp_path, capsys):
    assert run("check", tmp_path)[0] == 2
    assert "没有找到项目文件" in capsys.readouterr().err


def test_a_summary_that_cannot_be_written_exits_2_after_checking(tmp_path, capsys):
    folder = _folder_of_reports(tmp_path, count=1)
    code, out = run("check", folder, "--summary", tmp_path / "无此文件夹" / "汇总.xlsx")
    assert code == 2 and "0.jxzp" in out
    assert "不存在" in capsys.readouterr().err


def test_hostile_department_names_stay_text_in_the_summary(tmp_path):
    report = Report(department="=HYPERLINK(\"http://x\",\"点我\")\x07", city="@x")
    result = CheckedReport(tmp_path / "a.jxzp", report, ())
    workbook = openpyxl.load_workbook(io.BytesIO(summary_workbook([result])))
    cell = workbook["汇总"]["C2"]
    # The bell shows as its escape, as the command line shows it.
    assert cell.value == "=HYPERLINK(\"http://x\",\"点我\")\\u0007" and cell.data_type == "s"
    assert workbook["汇总"]["K2"].value == "—"


def test_folders_are_searched_in_name_order_and_missing_paths_are_results(tmp_path):
    folder = _folder_of_reports(tmp_path)
    shutil.copy(sample_report_path(), folder / "二级单位" / "a.jxzp")
    results = list(check_paths([folder, tmp_path / "无.jxzp"]))
    names = [str(r.path.relative_to(tmp_path)) for r in results]
    assert names == ["各部门/0.jxzp", "各部门/2.jxzp", "各部门/二级单位/1.jxzp", "各部门/二级单位/a.jxzp",
                     "各部门/损坏.jxzp", "无.jxzp"]
    assert results[-1].problem.startswith("找不到文件或文件夹")
