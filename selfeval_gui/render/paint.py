"""Typeset pages painted on a paged device (the PDF writer, a printer, the print preview).

Every character goes where `typeset` placed it: the painter positions glyphs itself instead
of letting Qt lay the text out again, so a line holds here exactly what it holds in the Word
file as LibreOffice and Word break it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QMarginsF, QPointF, Qt
from PySide6.QtGui import QGlyphRun, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen, QRawFont

from selfeval_gui.exporters.typeset import PageBox
from selfeval_gui.render.fonts import Fonts

#: Told of every glyph drawn, in drawing order: its font, its index, the character it shows.
GlyphSink = Callable[[QRawFont, int, str], None]


def page_layout(page: PageBox) -> QPageLayout:
    """The device's page for a typeset page: A4, turned as the page is, no margins (the
    typeset page holds its own)."""
    orientation = QPageLayout.Orientation.Landscape if page.page.landscape else QPageLayout.Orientation.Portrait
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0),
                         QPageLayout.Unit.Point)
    # A printer may not print to the paper's edge; the page's own margins keep clear of it.
    layout.setMode(QPageLayout.Mode.FullPageMode)
    return layout


class PagePainter:
    """Paints typeset pages; one instance keeps its fonts for all the pages it paints."""

    def __init__(self) -> None:
        self.fonts = Fonts()

    def paint(self, device: QPagedPaintDevice, pages: Sequence[PageBox], sink: GlyphSink | None = None) -> None:
        """Paint `pages` on `device`, each on a page of its own turned as it is. A page is
        turned before it is begun; once painting has started, a printer lets only the
        orientation change (all pages are A4 without margins)."""
        if not pages:
            return
        device.setPageLayout(page_layout(pages[0]))
        painter = QPainter(device)
        try:
            for index, page in enumerate(pages):
                if index:
                    device.setPageOrientation(page_layout(page).orientation())
                    device.newPage()
                self.paint_page(painter, page, sink)
        finally:
            painter.end()

    def paint_page(self, painter: QPainter, page: PageBox, sink: GlyphSink | None = None, *,
                   scale: float | None = None) -> None:
        """One page from its top-left corner, in points: at the device's resolution, or at
        `scale` device units per point (1 where the painter is already in points)."""
        painter.save()
        if scale is None:
            scale = painter.device().logicalDpiX() / 72
        painter.scale(scale, scale)
        pen = QPen(Qt.GlobalColor.black)
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        for rule in page.rules:
            pen.setWidthF(rule.width)
            painter.setPen(pen)
            painter.drawLine(QLineF(rule.x1, rule.y1, rule.x2, rule.y2))
        painter.setPen(Qt.GlobalColor.black)
        for line in page.lines:
            baseline = line.baseline
            for piece in line.pieces():
                font_glyphs = self.fonts.glyphs(piece.font, piece.wide)
                run_font: QRawFont | None = None
                glyphs: list[int] = []
                positions: list[QPointF] = []
                for ch, x in zip(piece.text, piece.xs, strict=True):
                    raw, glyph = font_glyphs[ch]
                    if run_font is not None and raw != run_font:
                        _draw(painter, run_font, glyphs, positions)
                        glyphs, positions = [], []
                    run_font = raw
                    glyphs.append(glyph)
                    positions.append(QPointF(x, baseline))
                    if sink is not None:
                        sink(raw, glyph, ch)
                if run_font is not None:
                    _draw(painter, run_font, glyphs, positions)
        painter.restore()


def _draw(painter: QPainter, font: QRawFont, glyphs: list[int], positions: list[QPointF]) -> None:
    run = QGlyphRun()
    run.setRawFont(font)
    run.setGlyphIndexes(glyphs)
    run.setPositions(positions)
    painter.drawGlyphRun(QPointF(0, 0), run)
