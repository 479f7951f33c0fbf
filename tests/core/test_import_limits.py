"""Imports whose work is bounded: hostile workbooks, documents and text files are read within
a bounded memory (or refused with a Chinese message before the work), never minutes and
gigabytes. Each hostile file is imported in a child process whose address space is capped
at 1 GB: reading a file beyond its limits would end there in a MemoryError, not pass."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from benchmarks import hostile_inputs as hostile
from selfeval_gui.cli import main
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.importers import ImportFailed, import_report
from selfeval_gui.importers.excel import MAX_COLUMNS, import_xlsx
from selfeval_gui.importers.text_layout import import_text

resource = pytest.importorskip("resource", reason="address-space limits are POSIX")

ROOT = Path(__file__).resolve().parent.parent.parent
BOUNDED_IMPORT = """
import resource, sys
limit = 1024 ** 3
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
resource.setrlimit(resource.RLIMIT_CPU, (120, 120))
from pathlib import Path
from selfeval_gui.importers import ImportFailed, import_report
try:
    result = import_report(Path(sys.argv[1]))
except ImportFailed as exc:
    print("refused:", exc)
else:
    print("imported:", len(result.report.budget.projects), "projects")
"""


def _bounded_import(path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", BOUNDED_IMPORT, str(path)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


_PROJECTS = len(hostile.sample().budget.projects)
#: What importing the sample's own export gives: its projects, all of them (and at most the
#: stray cell's row as one more).
WHOLE = rf"imported: ({_PROJECTS}|{_PROJECTS + 1}) projects"
CASES = {
    "stray cell at A1048576": (lambda: hostile.xlsx_with_stray_cell("A1048576"), ".xlsx", WHOLE),
    "stray cell at XFD1048576": (lambda: hostile.xlsx_with_stray_cell("XFD1048576"), ".xlsx", WHOLE),
    "a merged range over the whole sheet": (hostile.xlsx_with_merge, ".xlsx", "合并单元格（或超链接）覆盖了超过"),
    "a million empty rows": (lambda: hostile.xlsx_with_rows(1_000_000, values=False), ".xlsx",
                             "文字和表格（XML）解压后有"),
    "20,000 rows": (lambda: hostile.xlsx_with_rows(20_000), ".xlsx", "一张工作表有超过 5,000 行"),
    "a zip bomb below the size limit": (lambda: hostile.docx_bomb(31 * 1024 * 1024), ".docx",
                                        "文档的表格共有超过 5,000 行"),
    "500 MB of pictures": (lambda: hostile.docx_bomb(500 * 1024 * 1024, where="media"), ".docx",
                           WHOLE),
    "50 MB of newlines": (hostile.newlines_text, ".txt", "文件有 50 MB，超过了导入的上限"),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_files_are_read_in_bounded_memory_or_refused_first(tmp_path, case):
    make, suffix, expected = CASES[case]
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(make())
    out = _bounded_import(path)
    assert re.search(expected, out), out
    if out.startswith("refused"):
        assert "超过了导入的上限" in out and "MemoryError" not in out


def test_the_command_line_refuses_with_exit_2_and_a_chinese_reason(tmp_path, capsys):
    source = tmp_path / "合并.xlsx"
    source.write_bytes(hostile.xlsx_with_merge("A1:Z10000"))
    assert main(["import", str(source), "-o", str(tmp_path / "out.jxzp")]) == 2
    assert "超过了导入的上限" in capsys.readouterr().err
    assert not (tmp_path / "out.jxzp").exists()


def test_whole_rows_and_columns_merged_are_refused(tmp_path):
    for ref in ("A:A", "1:1"):
        with pytest.raises(ImportFailed, match="合并单元格"):
            import_xlsx(hostile.xlsx_with_merge(ref))


def test_text_beyond_the_widest_table_is_noted_not_read():
    package, _ = xlsx_bytes(hostile.sample())
    workbook = load_workbook(io.BytesIO(package))
    workbook["预算信息"].cell(row=5, column=MAX_COLUMNS + 1, value="远处的批注")
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_xlsx(buffer.getvalue(), "带批注.xlsx")
    assert any(f"第 {MAX_COLUMNS} 列以后" in note.message for note in result.notes)
    assert "远处的批注" not in str(result.report.model_dump())


@pytest.mark.parametrize(("text", "noted"), [("   ", False), ("远处的批注", True)])
def test_a_shared_string_beyond_the_widest_table_is_noted_by_its_text(text, noted):
    """Excel and WPS keep texts in the shared strings, the cell holding an index (`0`): a
    blank one far right is no content, a written one is."""
    far = f"{get_column_letter(MAX_COLUMNS + 1)}500"
    result = import_xlsx(hostile.xlsx_with_shared_string(far, text), "共享字符串.xlsx")
    assert any(f"第 {MAX_COLUMNS} 列以后" in note.message for note in result.notes) is noted


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_notepad_unicode_text_is_read(tmp_path, encoding):
    """Notepad's "Unicode" and "Unicode big endian": UTF-16 with its byte-order mark."""
    text = hostile.sample_text().decode("utf-8")
    path = tmp_path / "记事本.txt"
    path.write_bytes("\ufeff".encode(encoding) + text.encode(encoding))
    assert import_report(path).report == import_text(text).report


def test_too_many_lines_are_refused_before_reading_them():
    with pytest.raises(ImportFailed, match="行，超过了导入的上限"):
        import_text(hostile.sample_text().decode("utf-8") + "\n" * 60_000)
