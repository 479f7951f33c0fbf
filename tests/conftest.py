"""Fixtures every test layer shares: the published sample and reports built from it, and
the count of random trials (printed at the end of the run)."""

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


#: (test, what was tried, how many times) for tests that try random moments or inputs.
_TRIALS: list[tuple[str, str, int]] = []


@pytest.fixture
def trials(request: pytest.FixtureRequest):
    """`trials(what, count)` records how many random trials a test ran, for the summary."""

    def record(what: str, count: int) -> None:
        _TRIALS.append((request.node.name, what, count))

    return record


def pytest_terminal_summary(terminalreporter) -> None:
    if _TRIALS:
        terminalreporter.section("random trials")
        for test, what, count in _TRIALS:
            terminalreporter.write_line(f"{test}: {count} {what}")
