"""The files the package carries: the sample report (and the published text it was imported
from) and the icons. They are package data, found through `importlib.resources` wherever the
package is: a checkout, an installed wheel, PyInstaller's bundle."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resources_dir() -> Path:
    """The folder of the bundled files. Every way the program is installed keeps them as files
    on disk (pip unpacks wheels; PyInstaller collects data files as files), which Qt and the
    file dialogs need: a package imported from a zip archive is refused here, loudly."""
    folder = files(__name__)
    if not isinstance(folder, Path):
        raise RuntimeError(f"selfeval_gui's bundled files are not files on disk: {folder}")
    return folder


def sample_report_path() -> Path:
    """The bundled sample, the report the app and the command line open when given none."""
    return resources_dir() / "samples" / "suzhou-redcross-2023.jxzp"


def sample_source_path() -> Path:
    """The published text the bundled sample was imported from."""
    return resources_dir() / "samples" / "suzhou-redcross-2023.txt"
