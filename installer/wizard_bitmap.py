"""Draws the picture on the left of the installer's welcome and finish pages: the app's icon
on a light ground edged in the icon's red, 164 × 314 pixels as NSIS's Modern UI wants it, as a
24-bit BMP.

    python wizard_bitmap.py ICON.png OUT.bmp

build-windows.sh runs it with the build's Windows Python (PySide6), offscreen.
"""

import os
import sys

WIDTH, HEIGHT = 164, 314


def main(icon_path: str, out_path: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

    app = QGuiApplication(sys.argv[:1])
    icon = QImage(icon_path)
    if icon.isNull():
        print(f"cannot read {icon_path}", file=sys.stderr)
        return 1
    red = icon.pixelColor(icon.width() // 16, icon.height() // 2)  # the icon's border, outside the page

    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB888)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, HEIGHT)
    gradient.setColorAt(0, QColor("#ffffff"))
    gradient.setColorAt(1, QColor("#eceff1"))
    painter.fillRect(image.rect(), gradient)
    painter.fillRect(QRect(WIDTH - 4, 0, 4, HEIGHT), red)
    painter.drawImage(QPoint((WIDTH - 4 - icon.width()) // 2, 56), icon)
    painter.end()
    saved = image.save(out_path, "BMP")
    del app
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
