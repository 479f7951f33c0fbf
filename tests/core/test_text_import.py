"""Import of the published text layout, checked against the published figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_gui.cli import report_figures
from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.validation import validate
from selfeval_gui.importers import ImportFailed, import_report
from selfeval_gui.importers.text_layout import import_text
from selfeval_gui.resources import sample_report_path, sample_source_path
from selfeval_gui.storage.projectfile import dumps, load_report, loads

# Table 7 as published (名称, 年初, 追加追减, 调整, 实际, 执行率), float artefacts corrected.
PUBLISHED_BUDGET = [
    ("预算总金额", "1075.37", "101.36", "1176.73", "1140.78", "96.94%"),
    ("基本支出", "785.72", "98.02", "883.74", "848.8", "96.05%"),
    ("项目支出", "289.65", "3.34", "292.99", "291.98", "99.66%"),
    ("信息化维护费", "9.11", "", "9.11", "9.11", "100.00%"),
    ("政策法规普及宣传经费", "9.77", "", "9.77", "9.77", "100.00%"),
    ("物业管理费", "24.5", "", "24.5", "24.5", "100.00%"),
    ("专项档案整理保管费", "3", "", "3", "3", "100.00%"),
    ("专项调研调查费", "4.75", "", "4.75", "4.75", "100.00%"),
    ("专项培训费", "29.44", "", "29.44", "29.44", "100.00%"),
    ("专项租赁费", "40", "", "40", "40", "100.00%"),
    ("公益性应急救护培训", "45", "", "45", "45", "100.00%"),
    ("党团活动经费", "2.1", "", "2.1", "2.1", "100.00%"),
    ("办公设备购置", "5", "", "5", "3.99", "79.80%"),
    ("体检疗养费", "4.62", "", "4.62", "4.62", "100.00%"),
    ("伙食经费", "15.81", "", "15.81", "15.81", "100.00%"),
    ("红十字公益服务工作经费", "93.55", "", "93.55", "93.55", "100.00%"),
    ("专设机构工作经费", "3", "", "3", "3", "100.00%"),
]

# Table 9's 偏差情况 column as published, top to bottom.
PUBLISHED_DEVIATIONS = (
    ["0%"] * 7 + ["0.00%"] + ["0%"] * 6 + ["0.00%"] + ["0%"] * 4 + ["0.00%"] * 2 + ["0%"]
    + ["0.00%"] * 5 + ["100%"] * 4 + ["131.41%"] + ["0%"] * 3 + ["5.56%", "5.88%"]
    + ["0.00%"] * 6 + ["20.00%", "-50.00%"]
)


def _two_decimals(text: str) -> str:
    return f"{float(text):.2f}" if text else ""


def test_table_7_comes_back_exactly_as_published(seed_import):
    rows = report_figures(seed_import.report)["budget"]
    assert len(rows) == len(PUBLISHED_BUDGET)
    for row, published in zip(rows, PUBLISHED_BUDGET, strict=True):
        name, initial, adjustment, adjusted, actual, rate = published
        assert (row["name"], row["initial"], row["adjustment"], row["adjusted"], row["actual"], row["rate"]) == (
            name, _two_decimals(initial), _two_decimals(adjustment), _two_decimals(adjusted),
            _two_decimals(actual), rate,
        )


def test_table_9_deviations_come_back_exactly_as_published(seed_import):
    indicators = report_figures(seed_import.report)["indicators"]
    assert [i["deviation"] for i in indicators] == PUBLISHED_DEVIATIONS
    assert len(indicators) == 45
    assert {i["group"] for i in indicators} == {"分解目标"}
    assert [i["category"] for i in indicators].count("过程") == 26


def test_the_float_artefacts_are_reported_as_import_notes(seed_import):
    notes = {(n.table, n.row, n.column): n.message for n in seed_import.notes}
    assert "1176.7299999999998" in notes[(Table.BUDGET, 0, "adjusted")]
    assert "1176.73" in notes[(Table.BUDGET, 0, "adjusted")]
    assert "292.98999999999995" in notes[(Table.BUDGET, 2, "adjusted")]
    # nothing else in table 7 or 9 disagreed with its recomputation
    assert {(t, c) for t, _, c in notes if t in (Table.BUDGET, Table.INDICATORS)} == {
        (Table.BUDGET, "adjusted"), (Table.INDICATORS, "reason"),
    }
    assert "部门整体自评表第45行只有 7 个单元格，缺少的 “原因分析” 按空白处理。" in notes.values()


def test_a_float_artefact_that_disagrees_with_the_sum_is_called_a_disagreement():
    text = sample_source_path().read_text(encoding="utf-8").replace("1176.7299999999998", "1176.8299999999998")
    notes = [n.message for n in import_text(text).notes if (n.table, n.row, n.column) == (Table.BUDGET, 0, "adjusted")]
    assert notes == ["预算信息表第1行“调整预算数（万元）”原为“1176.8299999999998”，"
                     "与年初预算数与追加追减数之和 1176.73 不一致，已按计算值显示。"]


def test_the_structure_of_the_seed(seed_import):
    report = seed_import.report
    assert (report.city, report.year, report.department) == ("苏州市", 2023, "苏州市红十字会")
    assert report.title == "苏州市市级预算部门（单位）整体支出预算绩效自评报告"
    assert [len(d.tasks) for d in report.duties] == [2, 2, 1, 1]
    assert report.duties[0].text.startswith("参与宣传和推动无偿献血")  # leading space dropped
    assert report.duties[1].tasks[1].name == "做好博爱家园建设工作"
    goals = report.overview.goals.split("\n")
    assert [p[:3] for p in goals[1:]] == ["（一）", "（二）", "（三）"]
    assert report.overview.profile.startswith("本单位为苏州市红十字会所属一级预算单位")
    assert report.overview.problems.startswith("存在的问题：")
    assert report.overview.application.endswith("作为重要依据。")


def test_the_bundled_sample_is_the_import_of_the_published_text(seed_import):
    assert load_report(sample_report_path()) == seed_import.report


def test_a_row_of_blank_cells_between_the_rows_adds_nothing(seed_import):
    """Table 7 has six cells a row and table 9 eight: a block of as many blank cells (a row
    emptied before the text was copied) is no row."""
    text = sample_source_path().read_text(encoding="utf-8")
    for before, width in (("\t信息化维护费\n", 6), ("\t分解目标\n\t决策\n\t工作计划制定健全性\n", 8)):
        assert text.count(before) == 1
        text = text.replace(before, "\t \n" * width + "\n" + before)
    result = import_text(text)
    assert result.report == seed_import.report and result.notes == seed_import.notes


def test_windows_chinese_encoding_and_crlf_are_read(tmp_path):
    source = sample_source_path().read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(source.replace("\n", "\r\n").encode("gb18030"))
    assert import_report(path).report == import_report(sample_source_path()).report


def test_full_width_figures_and_symbol_comparators_are_normalised():
    text = sample_source_path().read_text(encoding="utf-8")
    text = text.replace("\t1075.37\n", "\t１，０７５．３７\n").replace("\t>=90%\n", "\t≥９０％\n")
    report = import_text(text).report
    rows = report_figures(report)["budget"]
    assert rows[0]["initial"] == "1075.37"
    assert report.indicators[35].target == ">=90%"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("just some notes\nnothing else\n", "找不到自评报告的结构"),
        ("", "找不到自评报告的结构"),
    ],
)
def test_text_that_is_not_a_report_is_refused(tmp_path, content, says):
    path = tmp_path / "x.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed, match=says):
        import_report(path)


def test_binary_and_unknown_files_are_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ImportFailed):
        import_report(path)
    with pytest.raises(ImportFailed, match="只支持"):
        import_report(tmp_path / "x.odt")
    with pytest.raises(ImportFailed, match=r"PDF.*文本文件"):
        import_report(tmp_path / "x.pdf")
    with pytest.raises(ImportFailed, match="找不到"):
        import_report(tmp_path / "missing.txt")


def test_a_file_that_cannot_be_read_is_explained_in_chinese(tmp_path, monkeypatch):
    path = tmp_path / "报告.txt"
    path.write_bytes(sample_source_path().read_bytes())

    def refused(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(ImportFailed) as caught:
        import_report(path)
    assert str(caught.value) == "无法读取“报告.txt”：文件正被其他程序锁定，或没有读取权限。请关闭使用它的程序后重试。"


def test_unreadable_cells_are_noted_not_guessed():
    text = sample_source_path().read_text(encoding="utf-8").replace("\t848.8\n", "\t八百四十八\n")
    result = import_text(text)
    assert result.report.budget.basic.actual is None
    assert any(n.row == 1 and n.column == "actual" and "八百四十八" in n.message for n in result.notes)


@pytest.mark.parametrize(
    "printed",
    [
        "123456789012345678.0000000001",  # a float's expansion of an amount too large to store
        "1234567890123456789012345.0000000001",  # longer than a decimal's working precision
    ],
)
def test_a_float_artefact_too_large_for_an_amount_is_noted_not_a_crash(printed):
    text = sample_source_path().read_text(encoding="utf-8").replace("\t785.72\n", f"\t{printed}\n", 1)
    result = import_text(text)
    assert result.report.budget.basic.initial is None
    start = f"预算信息表第2行“年初预算数（万元）”：“{printed}”"
    assert any(n.row == 1 and n.column == "initial" and n.message.startswith(start)
               and n.message.endswith("。该格已留空。") for n in result.notes)


@pytest.mark.parametrize("year", ["1900", "0000", "9999"])
def test_a_year_no_report_can_have_is_left_blank_with_a_note(year):
    text = sample_source_path().read_text(encoding="utf-8").replace("（2023年度）", f"（{year}年度）")
    result = import_text(text)
    assert result.report.year is None
    assert any(n.column == "year" and f"“{int(year)}”" in n.message and "年度留空" in n.message for n in result.notes)


def test_numbered_lines_in_a_section_stay_in_it(seed_import):
    """`一、存在的问题` in section 五 is body text: not the department's heading, nor section 二."""
    text = sample_source_path().read_text(encoding="utf-8")
    heading = "五、部门（单位）整体支出绩效中存在问题及改进措施\n"
    parts = "一、存在的问题\n评价标准不够明确。\n二、改进措施\n完善评价标准。\n"
    report = import_text(text.replace(heading, heading + parts, 1)).report
    seed = seed_import.report
    assert report.department == seed.department
    assert report.overview.goals == seed.overview.goals
    assert report.overview.problems == parts + seed.overview.problems


def test_a_missing_table_and_section_are_noted():
    text = sample_source_path().read_text(encoding="utf-8")
    text = text[: text.index("8、 年度重点任务")]
    text = text.replace("六、绩效自评结果拟应用和公开情况", "")
    result = import_text(text)
    assert result.report.duties == [] and result.report.indicators == []
    messages = " ".join(n.message for n in result.notes)
    assert "没有找到第六部分“绩效自评结果拟应用和公开情况”" in messages
    assert "没有找到年度重点任务表" in messages and "没有找到部门整体自评表。" in messages
    assert "表表" not in messages


_SAMPLE_LINES = sample_source_path().read_text(encoding="utf-8").split("\n")
#: Lines a damaged, hand-edited or hostile file may hold where the sample has others.
_ODD_LINES = [
    "", "\t", "\t-", "\t1e400", "\t（1800年度）", "（0000年度）", "\t１２３４５６７８９０１２３４．５",
    "\t99999999999999.9999999999999", "\t" + "9" * 40 + ".00000000001", "\tNaN", "\t(−3.34)",
    "一、", "一、存在的问题", "二、改进措施：", "7、预算信息", "9、部门整体自评表", "（二）", "\t=0%", "\t≥-0%",
    "\t100%以上以下", "\t不低于", "\t>=1e5%", "\t\ud83d", "\t\x00\x1b", "\t" + "长" * 5000,
    "\t" + "9" * 40 + "%", "\t96.9" + "0" * 40 + "1%",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_SAMPLE_LINES) - 1), st.sampled_from(["delete", "insert", "replace"]),
                          st.sampled_from(_ODD_LINES)), min_size=1, max_size=8))
def test_any_damage_to_the_text_imports_with_notes_or_is_refused(edits):
    """Whatever a file holds, import gives a report that saves and loads back, or refuses
    with `ImportFailed`: never another exception."""
    lines = list(_SAMPLE_LINES)
    for index, edit, line in edits:
        index = min(index, len(lines) - 1)
        if edit == "delete" and lines:
            del lines[index]
        elif edit == "insert":
            lines.insert(index, line)
        elif lines:
            lines[index] = line
    try:
        result = import_text("\n".join(lines))
    except ImportFailed:
        return
    validate(result.report)
    assert loads(dumps(result.report)) == result.report
