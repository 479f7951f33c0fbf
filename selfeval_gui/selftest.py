"""`selfeval-gui --selftest`: proves that this copy of the app works on this machine.

The build runs it on the frozen app (under Wine for Windows) and again after installing;
support staff can run it on a clerk's PC. It runs offscreen, needs no display and changes
nothing outside a temporary folder.

    selfeval-gui --selftest

Every check runs even when an earlier one failed, so one run names every problem. Each
failure prints `selftest FAILED: <check>: <reason>` on stderr and the exit status is 1. The
last line is `selftest OK` only when every check ran and passed.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: Icon sizes drawn by scripts/make_icons.py; the window and the installer use them.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

#: Chinese text every check of glyphs uses: the report's own title words.
CJK_TEXT = "部门整体支出预算绩效自评报告"

#: The font the editor asks for on each platform (a Chinese face, not the Japanese one).
CJK_FAMILY = {"win32": "Microsoft YaHei"}
CJK_FAMILY_DEFAULT = "Noto Sans CJK SC"

#: Windows' Chinese fonts: the editor's UI fonts first, then the PDF's 仿宋 and 楷体. The
#: offscreen platform reads .ttf and .otf files from the fonts folder by itself but not font
#: collections (.ttc), so these are added.
WINDOWS_CJK_FONT_FILES = ("msyh.ttc", "simsun.ttc", "simhei.ttf", "Deng.ttf", "simfang.ttf", "simkai.ttf")

#: The native windowing plugin a real user's session loads, per platform.
PLATFORM_PLUGIN = {"win32": "qwindows.dll", "linux": "libqxcb.so"}

#: How long the editor may take to open, paint and close (Wine starts slowly).
WINDOW_TIMEOUT_S = 180


class CheckFailed(Exception):
    """A check found something wrong; the message says what, for whoever runs the test."""


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    title: str
    run: Callable[[], str]


def _require(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def _import(module: str, what: str) -> Any:
    """Import `module` or fail the check saying which part of the app is missing."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise CheckFailed(f"{what} is missing from this build: cannot import {module} ({exc})") from None


# --- the checks -------------------------------------------------------------------------

def check_resources() -> str:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QImage

    from selfeval_gui.resources import resources_dir, sample_report_path

    root = resources_dir()
    _require(root.is_dir(), f"the resources folder {root} is missing")
    _require(sample_report_path().is_file(), f"the bundled sample {sample_report_path()} is missing")
    icons = root / "icons"
    for size in ICON_SIZES:
        png = icons / f"selfeval-{size}.png"
        image = QImage(str(png))
        _require(not image.isNull(), f"icon {png} is missing or unreadable")
        _require(image.width() == size, f"icon {png} is {image.width()} px wide, expected {size}")
    ico = icons / "selfeval.ico"
    _require(ico.is_file(), f"the Windows icon {ico} is missing")
    # Reading the .ico needs Qt's `ico` image plugin: this also proves the plugins were bundled.
    _require(not QImage(str(ico)).isNull(), f"{ico} cannot be read: is Qt's ico image-format plugin missing?")

    plugin = PLATFORM_PLUGIN.get(sys.platform)
    if plugin:
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
        _require(
            (plugins / "platforms" / plugin).is_file(),
            f"Qt's platform plugin {plugin} is missing from {plugins / 'platforms'}: the app could not open a window",
        )
    return f"sample, {len(ICON_SIZES)} icons and selfeval.ico, Qt plugins in place"


def check_sample() -> str:
    from selfeval_gui.domain.compute import budget_table
    from selfeval_gui.domain.findings import Code, Table
    from selfeval_gui.domain.money import format_amount, format_percent
    from selfeval_gui.domain.validation import validate
    from selfeval_gui.resources import sample_report_path
    from selfeval_gui.storage.projectfile import ProjectFileError, load_report

    try:
        report = load_report(sample_report_path())
    except ProjectFileError as exc:
        raise CheckFailed(f"the bundled sample does not load: {exc}") from None
    total = budget_table(report.budget)[0]
    figures = (format_amount(total.adjusted), format_percent(total.rate))
    _require(figures == ("1176.73", "96.94%"), f"预算总金额 computes as {figures}, expected 1176.73 and 96.94%")

    findings = validate(report)
    crosschecked = {
        report.indicators[f.row].name
        for f in findings
        if f.code is Code.IND_CROSSCHECK and f.table is Table.INDICATORS and f.row is not None
    }
    # The published report claims 100% for 预算执行率 while its own table gives 96.94%.
    _require(
        "预算执行率" in crosschecked,
        f"validation missed the known IND_CROSSCHECK on 预算执行率 (found {len(findings)} findings)",
    )
    return f"loads; 预算总金额 1176.73, 执行率 96.94%; {len(findings)} findings incl. IND_CROSSCHECK on 预算执行率"


def check_office() -> str:
    docx = _import("docx", "python-docx")
    openpyxl = _import("openpyxl", "openpyxl")
    try:
        # Document() opens python-docx's default template and a first footer reads its footer
        # template: data files a frozen build only has when they were collected.
        document = docx.Document()
        document.sections[0].footer.paragraphs[0].text = "— 1 —"
    except Exception as exc:
        raise CheckFailed(f"python-docx cannot read its templates: {type(exc).__name__}: {exc}") from None
    document.add_paragraph(CJK_TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    _require(docx.Document(io.BytesIO(buffer.getvalue())).paragraphs[-1].text == CJK_TEXT,
             "a Word document written by python-docx reads back different")

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = CJK_TEXT
    buffer = io.BytesIO()
    workbook.save(buffer)
    _require(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active["A1"].value == CJK_TEXT,
             "an Excel workbook written by openpyxl reads back different")
    return f"python-docx {docx.__version__} with its templates, openpyxl {openpyxl.__version__}"


def check_translator() -> str:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QDialogButtonBox

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(QCoreApplication.instance())
    _require(translator.load("qtbase_zh_CN", folder), f"Qt's qtbase_zh_CN translation is missing from {folder}")
    QCoreApplication.installTranslator(translator)
    try:
        yes = QCoreApplication.translate("QPlatformTheme", "&Yes")
        _require(yes == "是(&Y)", f"qtbase_zh_CN translates “&Yes” as “{yes}”, expected “是(&Y)”")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
        _require(cancel == "取消", f"a standard Cancel button reads “{cancel}”, expected “取消”")
    finally:
        QCoreApplication.removeTranslator(translator)
    return "qtbase_zh_CN loaded: 是(&Y), 取消"


def _windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def check_cjk_font() -> str:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QTextLayout

    if sys.platform == "win32":
        for name in WINDOWS_CJK_FONT_FILES:
            if (_windows_fonts_dir() / name).is_file():
                QFontDatabase.addApplicationFont(str(_windows_fonts_dir() / name))
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    # Laying out text with no font at all crashes Qt: say so instead.
    _require(chinese, f"no font for Chinese on this machine (Qt sees {len(QFontDatabase.families())} fonts in all)")

    wanted = CJK_FAMILY.get(sys.platform, CJK_FAMILY_DEFAULT)
    font = QFont(QGuiApplication.font())
    font.setFamilies([wanted])
    font.setPixelSize(24)
    layout = QTextLayout(CJK_TEXT, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()

    # Each glyph run says which font really draws its characters after fallback; glyph 0 is
    # the font's "missing" box, so any 0 means some character would show as tofu.
    runs = layout.glyphRuns()
    families = sorted({run.rawFont().familyName() for run in runs})
    drawn = sum(len(run.glyphIndexes()) for run in runs)
    missing = sum(1 for run in runs for glyph in run.glyphIndexes() if glyph == 0)
    _require(runs and drawn >= len(CJK_TEXT),
             f"“{CJK_TEXT}” lays out to {drawn} glyphs with fonts {families}: no Chinese font?")
    _require(missing == 0,
             f"{missing} of the characters of “{CJK_TEXT}” have no glyph in {families} (they show as boxes)")

    image = QImage(int(line.naturalTextWidth()) + 8, int(line.height()) + 8, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(Qt.GlobalColor.black)
    layout.draw(painter, QPointF(4, 4))
    painter.end()
    inked = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).lightness() < 128
    )
    # Fourteen drawn characters at 24 px leave well over a thousand dark pixels.
    _require(inked > 40 * len(CJK_TEXT),
             f"drawing “{CJK_TEXT}” left only {inked} dark pixels: the glyphs do not rasterise")
    return f"asked for {wanted}, drawn with {', '.join(families)}"


def _first_difference(before: Any, after: Any, where: str = "report") -> str | None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            found = _first_difference(before.get(key), after.get(key), f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return f"{where}: {len(before)} items before, {len(after)} after"
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            found = _first_difference(b, a, f"{where}[{i}]")
            if found:
                return found
        return None
    return None if before == after else f"{where}: {before!r} became {after!r}"


def check_exports() -> str:
    from selfeval_gui.resources import sample_report_path
    from selfeval_gui.storage.projectfile import load_report

    word = _import("selfeval_gui.exporters.word", "the Word exporter")
    excel = _import("selfeval_gui.exporters.excel", "the Excel exporter")
    importers = _import("selfeval_gui.importers", "the importers")

    report = load_report(sample_report_path())
    sizes = []
    with tempfile.TemporaryDirectory(prefix="selfeval-selftest-") as folder:
        for export, name in ((word.export_docx, "sample.docx"), (excel.export_xlsx, "sample.xlsx")):
            path = Path(folder) / name
            export(report, path)
            _require(path.is_file() and path.stat().st_size > 0, f"{export.__name__} wrote no {name}")
            try:
                imported = importers.import_report(path).report
            except importers.ImportFailed as exc:
                raise CheckFailed(f"the exported {name} cannot be imported again: {exc}") from None
            # Equal as the model defines it (1.5 and 1.50 are the same amount); the first
            # difference is named for whoever reads the failure.
            _require(imported == report, f"{name} exported and imported again differs: "
                     f"{_first_difference(report.model_dump(), imported.model_dump())}")
            sizes.append(f"{name} {path.stat().st_size // 1024} KB")
    return "exported and re-imported unchanged: " + ", ".join(sizes)


def check_locks() -> str:
    from selfeval_gui.storage.lockfile import LockFile
    from selfeval_gui.storage.processes import ProcessId

    # What tells a second window who has a report open, through this system's own calls
    # (on Windows: process handles and the hidden attribute).
    me = ProcessId.current()
    _require(me.running(), f"this process (pid {me.pid}) is not seen as running")
    with tempfile.TemporaryDirectory(prefix="selfeval-selftest-") as folder:
        path = Path(folder) / ".~lock.报告.jxzp#"
        first, second = LockFile(path, hidden=True), LockFile(path, hidden=True)
        _require(first.acquire() is None and first.held, f"cannot take a lock in {folder}")
        holder = second.acquire()
        _require(holder is not None and holder.pid == me.pid, "a second window would not be told who has the report")
        first.release()
        _require(not path.exists(), "a lock given back stays on disk")
    started = "read" if me.started else "unknown"
    return f"a lock is taken, seen by a second window and given back; process start time {started}"


def check_pdf() -> str:
    import re

    from selfeval_gui.exporters.layout import report_layout
    from selfeval_gui.exporters.typeset import typeset
    from selfeval_gui.resources import sample_report_path
    from selfeval_gui.storage.projectfile import load_report

    pdf = _import("selfeval_gui.render.pdf", "the PDF exporter")
    report = load_report(sample_report_path())
    data, notes = pdf.pdf_bytes(report)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    expected = len(typeset(report_layout(report)[0], draw=False).pages)
    _require(data.startswith(b"%PDF-") and pages == expected, f"the PDF has {pages} pages, not {expected}")
    # The text maps are rewritten only where every glyph drawn is found in the file: a note
    # says when they could not be (the text would not search as printed).
    _require(not any("部首" in note.message for note in notes),
             "the PDF's text could not be matched with its glyphs (copied text would show radicals)")
    fonts = sorted({name.decode() for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/]+)", data)})
    return f"{pages} pages, {len(data) // 1024} KB, fonts {', '.join(fonts)}"


def _editor_command(sample: Path) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "--exit-after-show", str(sample)]
    return [sys.executable, "-m", "selfeval_gui", "--exit-after-show", str(sample)]


def check_window() -> str:
    from selfeval_gui.resources import sample_report_path

    # The editor's own start-up path, in a process of its own as a user starts it: it opens
    # the sample, validates it, paints the window once and exits 0.
    command = _editor_command(sample_report_path())
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, stdin=subprocess.DEVNULL, timeout=WINDOW_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"the editor did not close within {WINDOW_TIMEOUT_S} s of `--exit-after-show`") from None
    except OSError as exc:
        raise CheckFailed(f"cannot start the editor ({' '.join(command)}): {exc}") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-8:]
        raise CheckFailed(
            f"`--exit-after-show` with the sample exited {done.returncode}: " + (" | ".join(tail) or "no message")
        )
    return f"the editor opened the sample, painted and closed in {time.perf_counter() - started:.1f} s"


CHECKS = (
    Check("resources", "bundled sample, icons and Qt plugins", check_resources),
    Check("sample", "the sample loads and validates as published", check_sample),
    Check("office", "python-docx and openpyxl with their data files", check_office),
    Check("translator", "Qt's Chinese translation", check_translator),
    Check("cjk-font", "Chinese text draws with real glyphs", check_cjk_font),
    Check("exports", "Word and Excel export of the sample, imported back unchanged", check_exports),
    Check("pdf", "PDF export of the sample: its pages, embedded fonts and searchable text", check_pdf),
    Check("locks", "a second window is told who has a report open", check_locks),
    Check("window", "the editor opens the sample and paints", check_window),
)
CHECK_NAMES = tuple(check.name for check in CHECKS)


# --- running ----------------------------------------------------------------------------

def _check_arguments(argv: Sequence[str]) -> None:
    """`--selftest` takes no options; anything else is a mistake worth saying."""
    unknown = [arg for arg in argv if arg.startswith("-") and arg != "--selftest"]
    if unknown:
        raise ValueError(f"unknown option {', '.join(unknown)}")


def _utf8(stream: TextIO | None) -> TextIO | None:
    """Piped output of a Windows process uses the ANSI code page; make it UTF-8 so Chinese
    messages reach a build log intact (a console is written in Unicode anyway)."""
    if stream is None:
        return None
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and not stream.isatty():
        reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


def _say(stream: TextIO | None, line: str) -> None:
    # A windowed Windows exe started without redirection has no stdout; the exit status is
    # then the result.
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()


def run_selftest(argv: Sequence[str] | None = None) -> int:
    out, err = _utf8(sys.stdout), _utf8(sys.stderr)
    try:
        _check_arguments(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        _say(err, f"selftest: {exc}")
        return EXIT_USAGE

    # Before any QApplication exists. Under Wine, QT_* variables do not reach the process, so
    # this is also what makes a frozen Windows build run headless there.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.platform == "win32":
        # Offscreen Qt on Windows has no fonts unless told where they are (the window check's
        # editor process inherits this too).
        os.environ.setdefault("QT_QPA_FONTDIR", str(_windows_fonts_dir()))
    from PySide6.QtWidgets import QApplication

    _application = QApplication.instance() or QApplication(["selfeval-gui"])  # for the checks that follow
    from selfeval_gui import __version__

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    platform = QApplication.platformName()
    _say(out, f"selftest of selfeval-gui {__version__} ({frozen}, {sys.platform}, Qt platform {platform})")

    failures: list[str] = []
    for check in CHECKS:
        started = time.perf_counter()
        try:
            detail = check.run()
        except CheckFailed as exc:
            failures.append(f"{check.name}: {exc}")
            _say(out, f"  FAIL {check.name}: {exc}")
            continue
        except Exception as exc:
            failures.append(f"{check.name}: unexpected {type(exc).__name__}: {exc}")
            _say(out, f"  FAIL {check.name}: unexpected {type(exc).__name__}: {exc}")
            _say(err, traceback.format_exc().rstrip())
            continue
        _say(out, f"  ok   {check.name} ({time.perf_counter() - started:.2f} s): {detail}")

    if failures:
        for failure in failures:
            _say(err, f"selftest FAILED: {failure}")
        return EXIT_FAILED
    _say(out, "selftest OK")
    return EXIT_OK
