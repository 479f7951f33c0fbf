"""Where the bundled files (the sample report, icons) are: beside the package in a checkout,
or in PyInstaller's bundle folder in the frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_report_path() -> Path:
    """The bundled sample, the report the app and the command line open when given none."""
    return resources_dir() / "samples" / "suzhou-redcross-2023.jxzp"


def sample_source_path() -> Path:
    """The published text the bundled sample was imported from."""
    return resources_dir() / "samples" / "suzhou-redcross-2023.txt"
