"""The PDF's text, read back by poppler, is what the report holds: characters whose glyph a
Chinese face shares with a radical (门 ⻔, 十 ⼗, 支 ⽀, 言 ⾔), digits, Latin letters, rare
characters; and its fonts are the embedded subsets they are."""

from __future__ import annotations

import re
import subprocess

import pytest

from selfeval_gui.domain.model import Duty, Indicator, KeyTask, Report
from selfeval_gui.render.pdf import pdf_bytes
from selfeval_gui.render.pdftext import DrawnGlyph, _Pdf, with_text

# The editor's application, as the other GUI tests share it (the PDF would make a bare one).
pytestmark = pytest.mark.usefixtures("qapp")

SHARED = "部门支出十分重要，言行一致，走访调研，长期见效，黄金比例，风雨无阻，马到成功，高山流水"


def _text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_characters_sharing_a_glyph_with_a_radical_are_searchable_as_typed(tmp_path):
    report = Report(
        city="苏州市", year=2024, department="某某部门",
        overview={"goals": f"{SHARED}。全年培训19.7万人，CPR+AED课程100%完成。"},
        duties=[Duty(text="部门职责", tasks=[KeyTask(name="走访门店", completion="完成十次")])],
        indicators=[Indicator(group="产出", category="数量", name="门诊量", target=">=10次", actual="12次")],
    )
    path = tmp_path / "shared.pdf"
    path.write_bytes(pdf_bytes(report)[0])
    text = _text(path)
    flat = re.sub(r"\s+", "", text)
    assert SHARED in flat
    assert "全年培训19.7万人，CPR+AED课程100%完成。" in flat
    for expected in ("走访门店", "完成十次", "门诊量", ">=10次", "某某部门"):
        assert expected in flat
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]


def test_a_radical_typed_as_such_stays_a_radical_where_the_ideograph_is_not_drawn(tmp_path):
    report = Report(city="苏州市", year=2024, department="⻔")
    path = tmp_path / "radical.pdf"
    path.write_bytes(pdf_bytes(report)[0])
    assert "一、预算部门名称：⻔" in re.sub(r"\s+", "", _text(path))


def test_glyphs_that_do_not_match_what_was_drawn_leave_the_pdf_to_qt(tmp_path):
    data, _ = pdf_bytes(Report(city="苏州市", year=2024, department="某部门"))
    assert with_text(data, [DrawnGlyph("Noto Serif CJK SC/Regular", 1, "某")]) is None  # too few glyphs
    assert with_text(b"not a pdf", []) is None


def test_a_bold_the_face_lacks_is_made_up_and_its_text_read_once(tmp_path, monkeypatch):
    """仿宋 has no bold: Qt draws the table headers' bold by drawing each glyph twice, the
    second time marked as no text. The text is read once, as typed."""
    from selfeval_gui.render import fonts

    face = "Droid Sans Fallback"  # one weight only, as 仿宋 on Windows
    monkeypatch.setitem(fonts.CANDIDATES, "仿宋_GB2312", ((face, fonts.Normal),))
    fonts.family.cache_clear()
    try:
        report = Report(city="苏州市", year=2024, department="某部门",
                        duties=[Duty(text="部门职责", tasks=[KeyTask(name="走访门店", completion="完成十次")])])
        data, notes = pdf_bytes(report)
    finally:
        fonts.family.cache_clear()
    pdf = _Pdf(data)
    contents = b"".join(pdf.stream(pdf.reference(page, b"Contents")) for page in pdf.pages())
    assert b"/ActualText <>" in contents  # the made-up bold is there
    assert not any("部首" in note.message for note in notes)
    path = tmp_path / "bold.pdf"
    path.write_bytes(data)
    flat = re.sub(r"\s+", "", _text(path))
    assert flat.count("对应部门主要职责") == 1 and "走访门店" in flat
