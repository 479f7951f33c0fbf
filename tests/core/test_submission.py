"""The submission block (填报信息): typed as clerks write dates, kept in the project file,
written into Word and Excel and read back, carried to next year's report without its date."""

from __future__ import annotations

import datetime
import io

import docx
import openpyxl
import pytest

from selfeval_gui.domain.edits import CellError, CellRef, set_cell
from selfeval_gui.domain.findings import OVERVIEW_FIELDS, Table
from selfeval_gui.domain.model import Submission
from selfeval_gui.domain.nextyear import next_year_report
from selfeval_gui.domain.submission import DateError, column, date_text, parse_date, shown_values, time_text
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.importers.excel import import_xlsx
from selfeval_gui.importers.word import import_docx
from selfeval_gui.storage.projectfile import load_report, save_report

BLOCK = Submission(unit="苏州市红十字会", head="张三", finance_head="李四", preparer="王五",
                   phone="0512-65230000", date=datetime.date(2024, 3, 15))


@pytest.mark.parametrize("text", ["2024年3月15日", "2024-3-15", "2024-03-15", "2024.3.15", "2024/03/15",
                                  "20240315", "２０２４年３月１５日", " 2024 年 3 月 15 日 "])
def test_a_date_as_clerks_write_it(text):
    assert parse_date(text) == datetime.date(2024, 3, 15)


@pytest.mark.parametrize("text", ["2024-2-30", "三月十五日", "2024", "15/3/2024", "2024年13月1日"])
def test_what_is_not_a_date_is_said_in_chinese(text):
    with pytest.raises(DateError, match="不是日期"):
        parse_date(text)


def test_the_date_is_written_as_gb_t_9704_2012_writes_it():
    assert date_text(datetime.date(2024, 3, 5)) == "2024年3月5日"  # Arabic numerals, no leading zero
    assert time_text(datetime.datetime(2024, 3, 5, 9, 7)) == "2024年3月5日 9:07"  # a moment told, alike
    assert time_text(datetime.datetime(2024, 12, 25, 23, 59)) == "2024年12月25日 23:59"
    assert shown_values(BLOCK)["date"] == "2024年3月15日"
    assert list(shown_values(BLOCK)) == ["unit", "head", "finance_head", "preparer", "phone", "date"]
    assert shown_values(Submission())["date"] == ""


def test_the_block_is_typed_like_the_other_fields_of_the_overview(seed_report):
    ref = CellRef(Table.OVERVIEW, None, column("date"))
    assert OVERVIEW_FIELDS[column("date")] == "填报日期"
    set_cell(seed_report, ref, "2024.3.15").apply(seed_report)
    assert seed_report.submission.date == datetime.date(2024, 3, 15)
    with pytest.raises(CellError, match="不是日期"):
        set_cell(seed_report, ref, "明天")
    _, undo = set_cell(seed_report, CellRef(Table.OVERVIEW, None, column("head")), " 张三 ").apply(seed_report)
    assert seed_report.submission.head == "张三"
    undo.apply(seed_report)
    assert seed_report.submission.head == ""


def test_the_block_is_kept_in_the_project_file(seed_report, tmp_path):
    seed_report.submission = BLOCK
    save_report(seed_report, tmp_path / "r.jxzp")
    assert load_report(tmp_path / "r.jxzp").submission == BLOCK


@pytest.mark.parametrize(("export", "import_"), [(docx_bytes, import_docx), (xlsx_bytes, import_xlsx)])
def test_the_block_comes_back_from_word_and_excel(seed_report, export, import_):
    seed_report.submission = BLOCK
    result = import_(export(seed_report)[0])
    assert result.report == seed_report
    assert result.notes == []


@pytest.mark.parametrize(("export", "import_"), [(docx_bytes, import_docx), (xlsx_bytes, import_xlsx)])
def test_a_partly_filled_block_comes_back_as_it_was(seed_report, export, import_):
    seed_report.submission = Submission(preparer="王五", date=datetime.date(2024, 1, 2))
    assert import_(export(seed_report)[0]).report.submission == seed_report.submission


def test_an_empty_block_is_not_written(seed_report):
    document = docx.Document(io.BytesIO(docx_bytes(seed_report)[0]))
    assert len(document.tables) == 3
    assert not any("填报单位" in p.text for p in document.paragraphs)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(seed_report)[0]))["概况"]
    assert not any(c.value == "填报单位（盖章）" for row in sheet.iter_rows() for c in row)
    seed_report.submission = Submission(phone="0512")
    document = docx.Document(io.BytesIO(docx_bytes(seed_report)[0]))
    assert len(document.tables) == 4 and document.tables[3].cell(2, 2).text == "联系电话："


def test_next_years_report_keeps_the_block_but_its_date(seed_report):
    seed_report.submission = BLOCK
    following = next_year_report(seed_report)
    assert following.submission == BLOCK.model_copy(update={"date": None})
