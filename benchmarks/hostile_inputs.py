"""Hostile inputs, made here rather than stored: workbooks with a stray far cell, a merged
range over a whole sheet or a million rows; Word documents that unpack to far more than they
weigh; text files of newlines; a clipboard of 100,000 rows. The benchmark measures them
(`bench_hostile`) and the tests use smaller ones of the same making."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape

from selfeval_gui.domain.model import Report
from selfeval_gui.exporters.excel import xlsx_bytes
from selfeval_gui.exporters.word import docx_bytes
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report


def sample() -> Report:
    return load_report(sample_report_path())


def _rewrite(package: bytes, part: str, change: Callable[[bytes], bytes | Iterator[bytes]]) -> bytes:
    """The package with one part replaced by `change` of it (streamed into the zip when
    `change` yields pieces, so that a part of hundreds of megabytes needs no such memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != part:
                target.writestr(info, data)
                continue
            new = change(data)
            if isinstance(new, bytes):
                target.writestr(info.filename, new)
            else:
                with target.open(info.filename, "w", force_zip64=True) as stream:
                    for piece in new:
                        stream.write(piece)
    return out.getvalue()


def _sheet_part(package: bytes, title: str = "预算信息") -> str:
    """The part of the worksheet called `title` in our export."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = re.findall(rb'<sheet [^>]*name="([^"]+)"', archive.read("xl/workbook.xml"))
    index = [n.decode() for n in names].index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def xlsx_with_stray_cell(coordinate: str = "XFD1048576") -> bytes:
    """The sample's workbook, with one cell typed far away (a space at the bottom of a sheet)."""
    package, _ = xlsx_bytes(sample())
    part = _sheet_part(package)
    row = coordinate.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    stray = f'<row r="{row}"><c r="{coordinate}" t="inlineStr"><is><t> </t></is></c></row>'.encode()
    return _rewrite(package, part, lambda xml: xml.replace(b"</sheetData>", stray + b"</sheetData>"))


def xlsx_with_shared_string(coordinate: str, text: str) -> bytes:
    """The sample's workbook with `text` typed at `coordinate` (below the tables) as Excel and
    WPS keep a text: in the shared strings, the cell holding its index (our export writes
    texts in their cells)."""
    package, _ = xlsx_bytes(sample())
    row = coordinate.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cell = f'<row r="{row}"><c r="{coordinate}" t="s"><v>0</v></c></row>'.encode()
    package = _rewrite(package, _sheet_part(package), lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"))
    package = _rewrite(package, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace(b"</Relationships>", (
        b'<Relationship Id="rIdShared" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        b"</Relationships>")))
    package = _rewrite(package, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            f'<si><t xml:space="preserve">{escape(text)}</t></si></sst>').encode())
    return out.getvalue()


def xlsx_with_merge(ref: str = "A1:XFD1048576") -> bytes:
    """The sample's workbook with a merged range over `ref` (by default the whole sheet)."""
    package, _ = xlsx_bytes(sample())
    part = _sheet_part(package)

    def merge(xml: bytes) -> bytes:
        xml = re.sub(rb"<mergeCells.*?</mergeCells>", b"", xml, flags=re.S)
        return xml.replace(b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
                           .encode(), 1)

    return _rewrite(package, part, merge)


def xlsx_with_rows(rows: int = 1_000_000, *, values: bool = True) -> bytes:
    """The sample's workbook with `rows` more rows in table 7 (a number in each, or empty
    rows with only a height when not `values`)."""
    package, _ = xlsx_bytes(sample())
    part = _sheet_part(package)

    def grow(xml: bytes) -> Iterator[bytes]:
        head, tail = xml.split(b"</sheetData>", 1)
        head = re.sub(rb'<dimension ref="[^"]*"/>', b"", head)
        yield head
        start = 100
        chunk: list[str] = []
        for r in range(start, start + rows):
            chunk.append(f'<row r="{r}"><c r="B{r}"><v>{r % 1000}</v></c></row>' if values
                         else f'<row r="{r}" ht="15" customHeight="1"/>')
            if len(chunk) == 10_000:
                yield "".join(chunk).encode()
                chunk = []
        yield "".join(chunk).encode()
        yield b"</sheetData>" + tail

    return _rewrite(package, part, grow)


def docx_bomb(unpacked_bytes: int, *, where: str = "table") -> bytes:
    """The sample's Word document grown to about `unpacked_bytes` when unpacked, weighing a
    few megabytes at most: `table` grows table 7 by identical rows (the XML read), `media`
    adds a picture of zeros (a part never read)."""
    package, _ = docx_bytes(sample())
    if where == "media":
        out = io.BytesIO(package)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, \
                archive.open("word/media/image1.png", "w", force_zip64=True) as stream:
            block = bytes(1024 * 1024)
            for _ in range(unpacked_bytes // len(block)):
                stream.write(block)
        return out.getvalue()

    def grow(xml: bytes) -> Iterator[bytes]:
        rows = re.findall(rb"<w:tr\b.*?</w:tr>", xml, flags=re.S)
        row = rows[-1]
        position = xml.index(row) + len(row)
        yield xml[:position]
        count = max((unpacked_bytes - len(xml)) // len(row), 0)
        for done in range(0, count, 1000):
            yield row * min(1000, count - done)
        yield xml[position:]

    return _rewrite(package, "word/document.xml", grow)


def newlines_text(size: int = 50 * 1024 * 1024) -> bytes:
    """The published sample's text followed by `size` bytes of blank lines."""
    return sample_text() + b"\n" * size


def sample_text() -> bytes:
    return (sample_report_path().parent / "suzhou-redcross-2023.txt").read_bytes()


def clipboard_rows(rows: int, columns: int = 8) -> str:
    """Tab-separated rows as Excel puts them on the clipboard: indicators of table 9."""
    line = "\t".join(["产出指标", "数量指标", "培训人数{}", ">=100人", "120人", "年度统计", "", "超额完成"][:columns])
    return "\n".join(line.format(i) for i in range(rows)) + "\n"
