"""The faces the document names (as Word does) found among the fonts this PC has.

On a government PC: 仿宋 (simfang.ttf), 黑体 (simhei.ttf), 楷体 (simkai.ttf), 宋体 (simsun.ttc),
方正小标宋简体 and the _GB2312 faces where installed, Times New Roman. Elsewhere the system's
CJK faces: Noto Serif CJK SC for the 宋/仿宋/楷 family, its bold for the title's 小标宋, Noto Sans
CJK SC for 黑体, and Liberation Serif (Times New Roman's metrics) for digits and Latin letters.
A character none of them has is drawn from whatever font Qt finds for it.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout

from selfeval_gui.exporters.layout import Font

Bold = QFont.Weight.Bold
Normal = QFont.Weight.Normal

#: Word's face name → the families to look for, in order, with the weight to use.
CANDIDATES: dict[str, tuple[tuple[str, QFont.Weight], ...]] = {
    "方正小标宋简体": (("方正小标宋简体", Normal), ("方正小标宋_GBK", Normal), ("SimSun", Normal), ("宋体", Normal),
                 ("Noto Serif CJK SC", Bold), ("Source Han Serif SC", Bold)),
    "仿宋_GB2312": (("仿宋_GB2312", Normal), ("FangSong", Normal), ("仿宋", Normal),
                  ("Noto Serif CJK SC", Normal), ("Source Han Serif SC", Normal)),
    "楷体_GB2312": (("楷体_GB2312", Normal), ("KaiTi", Normal), ("楷体", Normal),
                  ("Noto Serif CJK SC", Normal), ("Source Han Serif SC", Normal)),
    "黑体": (("SimHei", Normal), ("黑体", Normal), ("Noto Sans CJK SC", Normal), ("Source Han Sans SC", Normal),
           ("Microsoft YaHei", Normal)),
    "宋体": (("SimSun", Normal), ("宋体", Normal), ("Noto Serif CJK SC", Normal), ("Source Han Serif SC", Normal)),
    "Times New Roman": (("Times New Roman", Normal), ("Liberation Serif", Normal), ("Tinos", Normal),
                        ("Noto Serif CJK SC", Normal)),
}


@cache
def _families() -> frozenset[str]:
    return frozenset(QFontDatabase.families())


@cache
def family(name: str) -> tuple[str, QFont.Weight]:
    """The installed family for Word's face `name` and the weight to set it in."""
    installed = _families()
    for candidate, weight in CANDIDATES.get(name, ((name, Normal),)):
        if candidate in installed:
            return candidate, weight
    return name, Normal  # Qt's own substitution then decides


class Glyphs(dict[str, tuple[QRawFont, int]]):
    """For one font, each character's raw font and glyph (a character the face lacks comes
    from the font Qt falls back to)."""

    def __init__(self, raw: QRawFont) -> None:
        super().__init__()
        self.raw = raw

    def __missing__(self, ch: str) -> tuple[QRawFont, int]:
        # Glyph 0 is the font's "missing" box. (QRawFont.supportsCharacter misses some
        # characters of large CJK fonts that do have them.)
        indexes = self.raw.glyphIndexesForString(ch)
        found = self[ch] = (self.raw, indexes[0]) if indexes and indexes[0] else _fallback(ch, self.raw)
        return found


class Fonts:
    """The raw fonts of the document's fonts, Chinese face and Latin face, and their glyphs."""

    def __init__(self) -> None:
        self._glyphs: dict[tuple[Font, bool], Glyphs] = {}

    def glyphs(self, font: Font, wide: bool) -> Glyphs:
        key = (font, wide)
        glyphs = self._glyphs.get(key)
        if glyphs is None:
            name, weight = family(font.face.east_asia if wide else font.face.latin)
            qfont = QFont(name)
            qfont.setWeight(Bold if font.bold else weight)
            raw = QRawFont.fromFont(qfont)
            raw.setPixelSize(font.size)
            glyphs = self._glyphs[key] = Glyphs(raw)
        return glyphs


def _fallback(ch: str, primary: QRawFont) -> tuple[QRawFont, int]:
    """The font and glyph Qt itself would draw `ch` with."""
    font = QFont(primary.familyName())
    font.setPixelSize(max(1, round(primary.pixelSize())))
    layout = QTextLayout(ch, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    for run in layout.glyphRuns():
        indexes = run.glyphIndexes()
        if indexes:
            raw = run.rawFont()
            raw.setPixelSize(primary.pixelSize())
            return raw, indexes[0]
    return primary, 0
