"""How findings look: tints, colours and severity icons that also differ in shape, so that
errors and warnings are told apart without colour (red-green colour blindness is common), and
the line of text a finding is shown as."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from selfeval_gui.domain.findings import Severity

#: Cell background for each severity (light, so text stays readable) and the marker colour.
TINT = {
    Severity.ERROR: QColor("#fde3e1"),
    Severity.WARNING: QColor("#fff1c7"),
    Severity.INFO: QColor("#e4eefc"),
}
MARK = {
    Severity.ERROR: QColor("#c62828"),
    Severity.WARNING: QColor("#b26a00"),
    Severity.INFO: QColor("#2f6fbf"),
}
#: Cells the clerk cannot type into (computed columns, the total row).
COMPUTED_TINT = QColor("#f1f3f5")
GRID = QColor("#d0d4d9")
#: Last year's reference: a paper tint and a brown-grey text, apart from this year's cells,
#: from computed ones and from every finding's tint.
REFERENCE_TINT = QColor("#f7f1e3")
REFERENCE_TEXT = QColor("#6d5a3a")
#: The mark of a finding the program can fix by itself.
FIX_COLOUR = QColor("#2e7d32")
#: A line field's frame for each severity: solid, dashed, dotted, so that it too is told
#: apart without colour.
_FRAME = {
    Severity.ERROR: "QLineEdit {{ border: 2px solid {0}; }}",
    Severity.WARNING: "QLineEdit {{ border: 2px dashed {0}; }}",
    Severity.INFO: "QLineEdit {{ border: 1px dotted {0}; }}",
}


def field_frame(severity: Severity) -> str:
    """The style sheet that frames a line field holding a finding of `severity`."""
    return _FRAME[severity].format(MARK[severity].name())


def worst(severities: Iterable[Severity]) -> Severity | None:
    return min(severities, key=lambda s: s.order, default=None)


def _draw_symbol(painter: QPainter, severity: Severity, rect: QRectF) -> None:
    """Error: a circle with a cross; warning: a triangle with `!`; info: a square with `i`."""
    colour = MARK[severity]
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    r = rect.adjusted(1, 1, -1, -1)
    if severity is Severity.ERROR:
        painter.drawEllipse(r)
        pen = QPen(QColor("white"), max(r.width() / 7, 1.2), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        inset = r.width() * 0.32
        inner = r.adjusted(inset, inset, -inset, -inset)
        painter.drawLine(inner.topLeft(), inner.bottomRight())
        painter.drawLine(inner.topRight(), inner.bottomLeft())
        return
    if severity is Severity.WARNING:
        triangle = QPolygonF([QPointF(r.center().x(), r.top()), r.bottomRight(), r.bottomLeft()])
        painter.drawPolygon(triangle)
        pen = QPen(QColor("white"), max(r.width() / 8, 1.2), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        x = r.center().x()
        painter.drawLine(QPointF(x, r.top() + r.height() * 0.38), QPointF(x, r.top() + r.height() * 0.68))
        painter.drawPoint(QPointF(x, r.top() + r.height() * 0.83))
        return
    painter.drawRoundedRect(r, r.width() * 0.18, r.width() * 0.18)
    pen = QPen(QColor("white"), max(r.width() / 8, 1.2), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x = r.center().x()
    painter.drawPoint(QPointF(x, r.top() + r.height() * 0.27))
    painter.drawLine(QPointF(x, r.top() + r.height() * 0.45), QPointF(x, r.top() + r.height() * 0.77))


@cache
def severity_icon(severity: Severity) -> QIcon:
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        _draw_symbol(painter, severity, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def draw_cell_marker(painter: QPainter, severity: Severity, rect: QRectF, cell: QRectF) -> None:
    """The frame and corner mark of a cell with a finding: an error gets a solid frame and a
    filled corner, a warning a dashed frame and a corner outline, a note a dotted frame.

    `rect` is the (possibly merged) cell; `cell` the part being painted now.
    """
    painter.save()
    painter.setClipRect(cell)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    colour = MARK[severity]
    style = {
        Severity.ERROR: Qt.PenStyle.SolidLine,
        Severity.WARNING: Qt.PenStyle.DashLine,
        Severity.INFO: Qt.PenStyle.DotLine,
    }[severity]
    pen = QPen(colour, 2 if severity is not Severity.INFO else 1, style)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(1, 1, -2, -2))
    if severity is not Severity.INFO:
        size = 8.0
        corner = QPainterPath()
        corner.moveTo(rect.right() - size, rect.top())
        corner.lineTo(rect.right(), rect.top())
        corner.lineTo(rect.right(), rect.top() + size)
        corner.closeSubpath()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if severity is Severity.ERROR:
            painter.fillPath(corner, colour)
        else:
            painter.setPen(QPen(colour, 1.2))
            painter.drawPath(corner)
    painter.restore()


@cache
def fix_icon() -> QIcon:
    """A lightning bolt: the program can put this right by itself (one key, Ctrl+.)."""
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FIX_COLOUR)
        s = size / 16
        bolt = [(9.5, 0.5), (2.5, 9), (7.5, 9), (6, 15.5), (13.5, 6.5), (8.5, 6.5), (10.5, 0.5)]
        painter.drawPolygon(QPolygonF([QPointF(x * s, y * s) for x, y in bolt]))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
