"""The report as a PDF: the Word export's pages, fonts embedded, text searchable.

    export_pdf(report, path) -> ExportResult      writes the file (atomically)
    pdf_bytes(report) -> (bytes, notes)           the same document in memory

Qt's PDF writer embeds a subset of each font, but names each glyph's character by the first
one the font maps to it, which for a Chinese face is often a Kangxi or CJK radical (⻔ for
门, ⼗ for 十) or nothing at all: copied or searched text would not be what is printed. The
painter therefore tells which character each glyph it draws shows, and `pdftext` writes each
font's character map from that.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPdfWriter, QRawFont

from selfeval_gui import __version__
from selfeval_gui.domain.model import Report
from selfeval_gui.exporters import ExportNote, ExportResult, write_export
from selfeval_gui.exporters.layout import report_layout
from selfeval_gui.exporters.text import property_text
from selfeval_gui.exporters.typeset import typeset
from selfeval_gui.render.paint import PagePainter
from selfeval_gui.render.pdftext import DrawnGlyph, with_text
from selfeval_gui.storage import office_marks as marks

#: Device units per inch of the PDF: fine enough that every position lands where it is set.
RESOLUTION = 1200


#: The application `ensure_application` made, kept for as long as the process runs.
_application: QGuiApplication | None = None


def ensure_application() -> None:
    """A Qt application for the fonts, when the command line asks for a PDF: no window is
    shown, so off Windows it runs offscreen and needs no display."""
    global _application
    if QGuiApplication.instance() is None:
        arguments = ["selfeval"] if sys.platform == "win32" else ["selfeval", "-platform", "offscreen"]
        _application = QGuiApplication(arguments)


class _Recorder:
    """The glyphs drawn, in order: (which font, glyph, character)."""

    def __init__(self) -> None:
        self.glyphs: list[DrawnGlyph] = []

    def __call__(self, font: QRawFont, glyph: int, ch: str) -> None:
        self.glyphs.append(DrawnGlyph(f"{font.familyName()}/{font.styleName()}", glyph, ch))


def pdf_bytes(report: Report) -> tuple[bytes, list[ExportNote]]:
    ensure_application()
    layout, notes = report_layout(report)
    pages = typeset(layout).pages
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(property_text(layout.title))
    writer.setCreator(f"{marks.GENERATOR} {__version__}")
    recorder = _Recorder()
    PagePainter().paint(writer, pages, recorder)
    buffer.close()
    written = bytes(data.data())
    pdf = with_text(written, recorder.glyphs)
    if pdf is None:
        pdf = written
        notes.append(ExportNote(
            "PDF 已生成，但其中个别文字在复制或搜索时可能显示为形近的部首字符（如“⻔”），打印和阅读不受影响。"
        ))
    return pdf, notes


def export_pdf(report: Report, path: Path | str) -> ExportResult:
    """Write `report` as a PDF at `path`, replacing it in one step.

    Raises `ExportError` (Chinese message) when the file cannot be written, for example
    because it is open in a PDF reader that locks it; the old file is then left as it was.
    """
    return write_export(path, pdf_bytes(report))
