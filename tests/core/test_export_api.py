"""What the editor and the command line call: export by suffix, errors, the pre-export note."""

import errno
import os

import pytest

from selfeval_gui.domain.findings import Code, Finding, Severity, Table
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import validate
from selfeval_gui.exporters import ExportError, export_report, export_summary
from selfeval_gui.exporters.text import prepare
from selfeval_gui.storage.names import default_file_name


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".DOCX"])
def test_export_report_writes_the_format_its_suffix_names(tmp_path, seed_report, suffix):
    path = tmp_path / f"报告{suffix}"
    result = export_report(seed_report, path)
    assert result.path == path
    data = path.read_bytes()
    assert data[:2] == b"PK"
    expected = b"word/document.xml" if suffix.lower() == ".docx" else b"xl/workbook.xml"
    assert expected in data


def test_an_unknown_suffix_is_refused_in_chinese(tmp_path, seed_report):
    with pytest.raises(ExportError, match="只能导出"):
        export_report(seed_report, tmp_path / "报告.pdf")


def test_a_missing_folder_gives_a_clear_message(tmp_path, seed_report):
    with pytest.raises(ExportError, match="不存在"):
        export_report(seed_report, tmp_path / "没有这个文件夹" / "报告.docx")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_file_open_in_another_program_is_left_as_it_was(tmp_path, seed_report, monkeypatch, suffix):
    """Word and WPS lock an open file; replacing it then fails with Windows' sharing
    violation. Linux has no such lock, so the failing rename is simulated; everything else is
    real."""
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(b"last year's upload")

    def locked(src, dst):
        error = PermissionError(errno.EACCES, "Permission denied", str(dst))
        error.winerror = 32  # ERROR_SHARING_VIOLATION
        raise error

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        export_report(seed_report, path)
    message = str(caught.value)
    assert "正被其他程序" in message and path.name in message
    assert path.read_bytes() == b"last year's upload"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no half-written file left


def test_a_folder_in_the_way_is_reported(tmp_path, seed_report):
    (tmp_path / "报告.docx").mkdir()
    with pytest.raises(ExportError, match=r"报告\.docx"):
        export_report(seed_report, tmp_path / "报告.docx")


def test_the_summary_counts_errors_and_warnings_and_lists_the_first(seed_report):
    findings = validate(seed_report)
    text = export_summary(findings, limit=3)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    first_line, *listed = text.split("\n")
    assert f"{errors} 个错误" in first_line and f"{warnings} 个警告" in first_line
    assert "导出不受影响" in first_line
    assert len([line for line in listed if line.startswith("·")]) == 3
    assert listed[0].startswith("· [错误]")  # errors come first
    assert f"另有 {errors + warnings - 3} 条" in listed[-1]


def test_the_summary_of_a_clean_report_says_so():
    info = Finding(Code.IND_TARGET_MISSED, Severity.INFO, Table.INDICATORS, 0, "actual", "未达到目标，已说明原因。")
    assert export_summary([]) == "未发现错误或警告，可以导出。"
    assert export_summary([info]) == "未发现错误或警告（另有 1 条提示），可以导出。"


def test_the_summary_with_warnings_only_does_not_mention_errors():
    warning = Finding(Code.TEXT_REPEATED, Severity.WARNING, Table.OVERVIEW, None, "goals", "同一段文字出现了两次。")
    text = export_summary([warning])
    assert "1 个警告" in text and "错误" not in text.split("\n")[0]
    assert text.split("\n")[1] == "· [警告] 概况 年度履职目标完成情况：同一段文字出现了两次。"


def test_prepare_drops_control_characters_with_a_note_and_trims_paragraphs():
    report = Report(department="红十字会\x07")
    report.overview.goals = "　　第一段。\r\n\r\n  第二段\x0b第三段 \x00"
    report.overview.profile = "\ud800概况"
    prepared, notes = prepare(report)
    assert prepared.department == "红十字会"
    assert prepared.overview.goals == "第一段。\n第二段\n第三段"
    assert prepared.overview.profile == "概况"
    assert [(n.column, "控制字符" in n.message) for n in notes] == [
        ("department", True), ("goals", True), ("profile", True),
    ]
    assert "第二部分" in notes[1].message and "1 个" in notes[1].message
    assert report.overview.goals.startswith("　　")  # the report itself is untouched


def test_the_default_file_name_names_department_and_year_and_is_safe_on_windows(seed_report):
    assert default_file_name(seed_report, ".docx") == "苏州市红十字会2023年度部门整体支出绩效自评报告.docx"
    odd = Report(department='财政局/预算处: "绩效"?\n', year=None)
    assert default_file_name(odd, ".xlsx") == "财政局 预算处 绩效部门整体支出绩效自评报告.xlsx"
