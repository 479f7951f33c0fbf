"""Rendering exported files with LibreOffice (headless), as a reader's office suite would."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from selfeval_gui.exporters.word import FONT_TABLE

#: LibreOffice's first start in a fresh profile takes a while on a small machine.
CONVERT_TIMEOUT = 240


@dataclass(frozen=True)
class Pdf:
    path: Path
    #: (width, height) of every page in points.
    pages: list[tuple[float, float]]
    text: str


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: run scripts/setup.sh (it installs LibreOffice and poppler-utils)")
    return found


_FILTERS = {".docx": "docx:MS Word 2007 XML", ".xlsx": "xlsx:Calc MS Excel 2007 XML"}

#: The faces our Word files name that a government PC has, as the Noto CJK faces that
#: scripts/setup.sh installs: a mark LibreOffice sets in the Latin slot of a run naming 仿宋
#: (a quotation mark after a digit) then gets a Chinese face as it would there, not
#: fontconfig's Latin default.
_SANS = {"黑体", "SimHei"}


def _environment(workdir: Path) -> dict[str, str]:
    names = set(FONT_TABLE) | {alternate for alternate, *_ in FONT_TABLE.values()}
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>'
        f'{"Noto Sans CJK SC" if name in _SANS else "Noto Serif CJK SC"}</family></prefer></alias>'
        for name in sorted(names)
    )
    config = workdir / "fonts.conf"
    workdir.mkdir(parents=True, exist_ok=True)
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def resave(source: Path, workdir: Path) -> Path:
    """Open `source` in LibreOffice and save it again in its own format, as a reviewer who
    opens the file and saves it would; the new file's path."""
    soffice = _tool("soffice")
    outdir = workdir / "resaved"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless",
         "--convert-to", _FILTERS[source.suffix], "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=CONVERT_TIMEOUT, env=_environment(workdir),
    )
    saved = outdir / source.name
    assert saved.exists(), f"LibreOffice did not save {source.name}"
    return saved


@dataclass(frozen=True)
class Word:
    x: float
    y: float
    text: str


def words(pdf: Path, page: int) -> list[Word]:
    """The words poppler finds on `page` of `pdf`, with their top-left corners (points)."""
    out = subprocess.run([_tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [Word(float(x), float(y), html.unescape(text))
            for x, y, text in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)]


def to_pdf(source: Path, workdir: Path) -> Pdf:
    """Convert `source` to PDF with LibreOffice in a throw-away profile; pages and text."""
    soffice, pdfinfo, pdftotext = _tool("soffice"), _tool("pdfinfo"), _tool("pdftotext")
    profile = workdir / "profile"
    outdir = workdir / "pdf"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=CONVERT_TIMEOUT, env=_environment(workdir),
    )
    pdf = outdir / f"{source.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {source.name}"
    info = subprocess.run([pdfinfo, "-l", "-1", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return Pdf(pdf, pages, text)
