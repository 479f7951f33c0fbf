"""Searchable text in the PDF Qt writes: each font's character map, from what was drawn.

    with_text(pdf, glyphs) -> bytes | None

A PDF shows glyphs; a reader finds the text (to search, copy or read aloud) through each font's
ToUnicode map, glyph by glyph. Qt builds that map by asking the font which character comes
first for each glyph: a Chinese face shares one glyph between a unified ideograph and its
radical, so 门 is named ⻔ (U+2EE8) and 十 ⼗ (U+2F17), and a glyph the font reaches only through
a substitution (some digits) is not named at all. Here each font's map is written again from
the characters the painter says it drew (`DrawnGlyph`, in drawing order), matched one by one
with the glyphs of the page content streams; where one glyph showed several characters (门
and ⻔), the one drawn most, a unified ideograph before a radical, names it.

The fonts' names also get the six-letter tag that marks an embedded subset (Qt puts it on the
font descriptor only), so that readers and checkers see the fonts as the subsets they are.

Only PDFs as Qt writes them are read: one classic cross-reference table, indirect objects one
after the other, compressed content streams of `Tf` and `Tj` text. `None` where the file or
its content does not match the glyphs drawn: the caller then keeps Qt's own maps.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple


class DrawnGlyph(NamedTuple):
    #: Which font drew it (family and style): each must be one font of the PDF, and each font
    #: of the PDF one of them.
    font: str
    glyph: int
    char: str


class _Unreadable(Exception):
    """Not a PDF as Qt writes it, or its glyphs are not those drawn."""


_OBJECT_RE = re.compile(rb"(\d+) (\d+) obj")
_REFERENCE = rb"(\d+) 0 R"
_TEXT_RE = re.compile(
    rb"/([^\s/<>\[\]()]+)\s+[-+\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ"
    rb"|(/Span\s*<<\s*/ActualText\s*<>\s*>>\s*BDC)|(\bEMC\b)"
)
_HEX_RE = re.compile(rb"<([0-9A-Fa-f]*)>")


class _Pdf:
    def __init__(self, data: bytes) -> None:
        self.data = data
        start = data.rfind(b"startxref")
        if start < 0:
            raise _Unreadable("no startxref")
        xref = int(data[start + 9:].split()[0])
        if not data.startswith(b"xref", xref):
            raise _Unreadable("no classic cross-reference table")
        lines = data[xref:data.index(b"trailer", xref)].split(b"\n")
        self.offsets: dict[int, int] = {}
        index = 1
        while index < len(lines):
            header = lines[index].split()
            index += 1
            if len(header) != 2:
                continue
            first, count = int(header[0]), int(header[1])
            for number in range(first, first + count):
                entry = lines[index].split()
                index += 1
                if len(entry) == 3 and entry[2] == b"n":
                    self.offsets[number] = int(entry[0])
        trailer_start = data.index(b"trailer", xref) + len(b"trailer")
        self.trailer = data[trailer_start:data.index(b"startxref", trailer_start)].strip()
        self.order = sorted(self.offsets, key=self.offsets.__getitem__)
        self.replaced: dict[int, bytes] = {}

    def raw(self, number: int) -> bytes:
        """Object `number`'s bytes, from `n 0 obj` to `endobj` (its stream skipped by length)."""
        start = self.offsets[number]
        match = _OBJECT_RE.match(self.data, start)
        if match is None or int(match.group(1)) != number:
            raise _Unreadable(f"object {number} not at its offset")
        found = self._stream_at(self.data, match.end())
        if found is None:
            end = self.data.find(b"endobj", match.end())
        else:
            body, length = found
            end = self.data.index(b"endobj", body + length)
        return self.data[start:end + len(b"endobj")]

    def _stream_at(self, data: bytes, after: int) -> tuple[int, int] | None:
        """Where in `data` the stream of the object whose `n 0 obj` ends at `after` begins
        (past the end of line that follows `stream`), and its length; `None` for an object
        without a stream."""
        stream = data.find(b"stream", after)
        if not 0 <= stream < data.find(b"endobj", after):
            return None
        body = stream + len(b"stream")
        return body + (2 if data.startswith(b"\r\n", body) else 1), self.length(data[after:stream])

    def body(self, number: int) -> bytes:
        """The object's value (a dictionary's text; for a stream, its dictionary)."""
        raw = self.raw(number)
        value = raw[raw.index(b" obj") + len(b" obj"):]  # past the `n 0 obj` that `raw` begins with
        stream = value.find(b"stream")
        return (value[:stream] if stream >= 0 else value[:-len(b"endobj")]).strip()

    def length(self, dictionary: bytes) -> int:
        match = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", dictionary)
        if match is None:
            raise _Unreadable("stream without length")
        return int(self.body(int(match.group(1)))) if match.group(2) else int(match.group(1))

    def stream(self, number: int) -> bytes:
        raw = self.raw(number)
        found = self._stream_at(raw, 0)
        if found is None:
            raise _Unreadable(f"object {number} has no stream")
        start, length = found
        data = raw[start:start + length]
        return zlib.decompress(data) if b"/FlateDecode" in raw[:start] else data

    def reference(self, number: int, key: bytes) -> int:
        match = re.search(rb"/" + key + rb"\s+" + _REFERENCE, self.body(number))
        if match is None:
            raise _Unreadable(f"object {number} has no {key.decode()}")
        return int(match.group(1))

    def pages(self) -> list[int]:
        root = re.search(rb"/Root\s+" + _REFERENCE, self.trailer)
        if root is None:
            raise _Unreadable("no catalogue")
        catalog = int(root.group(1))
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", self.body(self.reference(catalog, b"Pages")))
        if kids is None:
            raise _Unreadable("no page list")
        return [int(n) for n in re.findall(_REFERENCE, kids.group(1))]

    def fonts(self, page: int) -> dict[bytes, int]:
        """The page's font resources: name → font object."""
        resources = self.body(self.reference(page, b"Resources"))
        fonts = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        if fonts is None:
            return {}
        return {name: int(n) for name, n in re.findall(rb"/([^\s/]+)\s+" + _REFERENCE, fonts.group(1))}

    def serialize(self) -> bytes:
        header = self.data[:self.offsets[self.order[0]]]
        out = bytearray(header)
        offsets = {}
        for number in self.order:
            offsets[number] = len(out)
            out += self.replaced.get(number) or self.raw(number)
            out += b"\n"
        size = max(self.offsets) + 1
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for number in range(1, size):
            out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        out += b"trailer\n" + self.trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def _shown(content: bytes) -> list[tuple[bytes, int]]:
    """The glyphs a content stream shows as text, in order: (font resource, glyph id). A bold
    that Qt makes up for a face without one draws each glyph again, marked as no text: those
    are left out."""
    shown: list[tuple[bytes, int]] = []
    font = b""
    hidden = False
    for match in _TEXT_RE.finditer(content):
        if match.group(1) is not None:
            font = match.group(1)
            continue
        if match.group(4) is not None or match.group(5) is not None:
            hidden = match.group(4) is not None
            continue
        if hidden:
            continue
        strings = [match.group(2)] if match.group(2) is not None else _HEX_RE.findall(match.group(3))
        for hex_ in strings:
            shown += [(font, int(hex_[i:i + 4], 16)) for i in range(0, len(hex_) - 3, 4)]
    return shown


def _name_of(chars: Counter[str]) -> str:
    """The character a glyph stands for: the one drawn most; a unified ideograph before a
    radical or a compatibility form of the same glyph."""
    return max(chars, key=lambda ch: (chars[ch], unicodedata.normalize("NFKC", ch) == ch, -ord(ch[0])))


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def cmap(names: dict[int, str]) -> bytes:
    """A ToUnicode character map naming each glyph id."""
    entries = sorted(names.items())
    blocks = []
    for start in range(0, len(entries), 100):
        block = entries[start:start + 100]
        lines = "\n".join(f"<{cid:04X}> <{_utf16(text)}>" for cid, text in block)
        blocks.append(f"{len(block)} beginbfchar\n{lines}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def _stream_object(number: int, data: bytes) -> bytes:
    packed = zlib.compress(data)
    return b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj" % (
        number, len(packed), packed,
    )


def _rename(pdf: _Pdf, number: int, name: bytes) -> None:
    raw = pdf.replaced.get(number) or pdf.raw(number)
    pdf.replaced[number] = re.sub(rb"/BaseFont\s*/[^\s/<>\[\]]+", b"/BaseFont /" + name, raw, count=1)


def with_text(data: bytes, glyphs: Sequence[DrawnGlyph]) -> bytes | None:
    """`data` (a PDF Qt wrote) with each font's ToUnicode map written from `glyphs`, and its
    subset fonts tagged as such; `None` if the PDF's glyphs are not those drawn."""
    try:
        return _with_text(data, glyphs)
    except (_Unreadable, ValueError, IndexError, KeyError, zlib.error):
        return None


def _with_text(data: bytes, glyphs: Sequence[DrawnGlyph]) -> bytes:
    pdf = _Pdf(data)
    shown: list[tuple[int, int]] = []
    for page in pdf.pages():
        fonts = pdf.fonts(page)
        content = pdf.stream(pdf.reference(page, b"Contents"))
        shown += [(fonts[name], cid) for name, cid in _shown(content)]
    if len(shown) != len(glyphs):
        raise _Unreadable(f"{len(shown)} glyphs shown, {len(glyphs)} drawn")
    names: dict[int, dict[int, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    drawn_by: dict[int, str] = {}
    for (font, cid), drawn in zip(shown, glyphs, strict=True):
        if drawn_by.setdefault(font, drawn.font) != drawn.font:
            raise _Unreadable(f"font {font} shows glyphs of two fonts")
        names[font][cid][drawn.char] += 1
    if len(set(drawn_by.values())) != len(drawn_by):
        raise _Unreadable("one font drawn became two fonts of the PDF")
    for font, cids in names.items():
        to_unicode = pdf.reference(font, b"ToUnicode")
        pdf.replaced[to_unicode] = _stream_object(to_unicode, cmap({
            cid: _name_of(chars) for cid, chars in cids.items() if cid
        }))
        descendant = re.search(rb"/DescendantFonts\s*\[\s*" + _REFERENCE, pdf.body(font))
        if descendant is None:
            raise _Unreadable(f"font {font} without its glyphs")
        cid_font = int(descendant.group(1))
        descriptor = pdf.body(pdf.reference(cid_font, b"FontDescriptor"))
        tagged = re.search(rb"/FontName\s*/([A-Z]{6}\+[^\s/<>\[\]]+)", descriptor)
        if tagged is not None:
            _rename(pdf, font, tagged.group(1))
            _rename(pdf, cid_font, tagged.group(1))
    return pdf.serialize()
