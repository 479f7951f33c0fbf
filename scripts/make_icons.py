"""Draws the application icon and writes selfeval_gui/resources/icons/selfeval-<size>.png and selfeval.ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py

The icon: a red seal-like square with a white report sheet and a check mark.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 24, 32, 48, 64, 128, 256)
OUT = Path(__file__).resolve().parent.parent / "selfeval_gui" / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#b3261e"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 40 * s, 40 * s)
    sheet = QPainterPath()
    sheet.moveTo(64 * s, 40 * s)
    sheet.lineTo(160 * s, 40 * s)
    sheet.lineTo(196 * s, 76 * s)
    sheet.lineTo(196 * s, 216 * s)
    sheet.lineTo(64 * s, 216 * s)
    sheet.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(sheet)
    p.setBrush(QColor("#f1c9c5"))
    fold = QPainterPath()
    fold.moveTo(160 * s, 40 * s)
    fold.lineTo(160 * s, 76 * s)
    fold.lineTo(196 * s, 76 * s)
    fold.closeSubpath()
    p.drawPath(fold)
    if size >= 32:
        p.setPen(QPen(QColor("#d9a6a1"), max(1.0, 10 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for y in (96, 124):
            p.drawLine(QPointF(86 * s, y * s), QPointF(174 * s, y * s))
    p.setPen(QPen(QColor("#b3261e"), max(2.0, 22 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    check = QPainterPath()
    check.moveTo(92 * s, 164 * s)
    check.lineTo(120 * s, 190 * s)
    check.lineTo(172 * s, 138 * s)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    return bytes(data.data())


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """An .ico whose entries are PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, data in images.items():
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    path.write_bytes(header + entries + payload)


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    images = {}
    for size in SIZES:
        data = png_bytes(draw(size))
        (OUT / f"selfeval-{size}.png").write_bytes(data)
        images[size] = data
    write_ico(OUT / "selfeval.ico", images)
    print(f"wrote {len(SIZES)} PNG sizes and selfeval.ico to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
