"""The zip packages .docx and .xlsx files are (Open Packaging Conventions), read safely: parts
found through their relationships, XML parsed without entities, DTDs or network, and large
parts parsed as a stream so that memory holds one piece at a time."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from selfeval_gui.importers import ImportFailed

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "/officeDocument"


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    type: str
    #: The part it points to, as named in the package (`xl/worksheets/sheet1.xml`).
    target: str


class Package:
    """A package's parts, for the file called `name` that should be a `kind`."""

    def __init__(self, archive: zipfile.ZipFile, name: str, kind: str) -> None:
        self.archive = archive
        self.name = name
        self.kind = kind

    def damaged(self) -> ImportFailed:
        return ImportFailed(f"无法导入“{self.name}”：文件已损坏，或不是 {self.kind}。")

    def has(self, part: str) -> bool:
        try:
            self.archive.getinfo(part)
        except KeyError:
            return False
        return True

    def read(self, part: str) -> bytes:
        try:
            return self.archive.read(part)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error):
            raise self.damaged() from None

    def xml(self, part: str) -> etree._Element:
        """A small part (relationships, the workbook's sheet list), parsed whole."""
        try:
            return etree.fromstring(self.read(part), _safe_parser())
        except etree.XMLSyntaxError:
            raise self.damaged() from None

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of `part` (`""` for the package's own), targets resolved."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if not self.has(rels):
            return []
        found = []
        for rel in self.xml(rels).iter(f"{_RELS_NS}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found.append(Relationship(rel.get("Id", ""), rel.get("Type", ""), posixpath.normpath(resolved)))
        return found

    def main_part(self, fallback: str) -> str:
        """The package's main document (`word/document.xml`, `xl/workbook.xml`)."""
        for rel in self.relationships(""):
            if rel.type.endswith(OFFICE_DOCUMENT) and self.has(rel.target):
                return rel.target
        if self.has(fallback):
            return fallback
        raise self.damaged()

    def iterparse(self, part: str, tag: str | tuple[str, ...] | None = None,
                  events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, etree._Element]]:
        """The events of a part parsed as a stream; `ImportFailed` if it is not XML."""
        try:
            with self.archive.open(part) as stream:
                # No entities, DTDs or network: XML cannot reach outside the file or multiply
                # itself ("billion laughs").
                yield from etree.iterparse(stream, events=events, tag=tag, remove_comments=True,
                                           resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        except KeyError:
            raise self.damaged() from None
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error):
            raise self.damaged() from None


def _safe_parser() -> etree.XMLParser:
    """A parser that keeps XML from reaching outside the file (external entities) or
    multiplying itself (entity expansion, "billion laughs")."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def drop(element: etree._Element) -> None:
    """Free a parsed element and the siblings before it (streaming keeps them otherwise)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
