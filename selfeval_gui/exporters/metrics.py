"""How wide characters are in the report's faces, without any font at hand.

Every Chinese face (仿宋, 黑体, 楷体, 宋体 and the Noto CJK faces that stand in for them)
sets ideographs, kana and full-width punctuation one em wide. Digits and Latin letters are
set in Times New Roman, whose advance widths (and those of Liberation Serif, made to the
same metrics) are these, in 1/2048 em, for the printable ASCII characters from the space
on (regular, then bold). So a line breaks at the same place in Word, in LibreOffice and in
the PDF.
"""

from __future__ import annotations

import unicodedata
from functools import cache

UNITS_PER_EM = 2048

_TIMES_REGULAR = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
    1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
)
_TIMES_BOLD = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593,
    1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024,
    682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024,
    1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065,
)
#: Latin-1 signs and letters beyond ASCII that Chinese reports use, in 1/2048 em.
_TIMES_EXTRA = {"\xa0": 512, "°": 819, "×": 1155, "±": 1124, "÷": 1124, "·": 682, "§": 1024, "¥": 1024, "£": 1024,
                "©": 1556, "®": 1556, "µ": 1180, "²": 614, "³": 614, "¹": 614, "¼": 1536, "½": 1536, "¾": 1536}
#: A character the tables do not hold and that is not East Asian: about half an em.
_OTHER = 0.5
#: From U+2000 (General Punctuation on), characters of ambiguous width are East Asian ones.
_GENERAL_PUNCTUATION = 0x2000


@cache
def is_wide(ch: str) -> bool:
    """Whether `ch` is set in the East Asian face, one em wide: ideographs, kana, full-width
    forms, and the punctuation East Asian and Western text share (“”‘’…—), which a Chinese
    document sets in its Chinese face. Latin, Greek and Cyrillic letters and the signs of
    Latin-1 (°×±·) are set in the Latin face."""
    width = unicodedata.east_asian_width(ch)
    return width in "WF" or (width == "A" and ord(ch) >= _GENERAL_PUNCTUATION)


@cache
def is_ambiguous_wide(ch: str) -> bool:
    """Whether `ch` is set in the East Asian face though Unicode leaves its width open
    (“”‘’…—≥①): a program that picks the face by the text around it may set it in the
    Latin one, so the documents name the face for it."""
    return is_wide(ch) and unicodedata.east_asian_width(ch) == "A"


@cache
def em_width(ch: str, bold: bool = False) -> float:
    """`ch`'s advance in ems."""
    if is_wide(ch):
        return 1.0
    code = ord(ch)
    if 32 <= code <= 126:
        return (_TIMES_BOLD if bold else _TIMES_REGULAR)[code - 32] / UNITS_PER_EM
    return _TIMES_EXTRA.get(ch, _OTHER * UNITS_PER_EM) / UNITS_PER_EM
