"""Fixtures every test layer shares: the published sample and reports built from it."""

from __future__ import annotations

import pytest

from selfeval_gui.domain.model import Report
from selfeval_gui.importers import ImportResult
from selfeval_gui.importers.text_layout import import_text_file
from selfeval_gui.resources import sample_source_path


@pytest.fixture(scope="session")
def seed_import() -> ImportResult:
    return import_text_file(sample_source_path())


@pytest.fixture
def seed_report(seed_import: ImportResult) -> Report:
    """A fresh copy of the published 2023 report of 苏州市红十字会, per test."""
    return seed_import.report.model_copy(deep=True)
