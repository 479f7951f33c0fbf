"""Fixtures every test layer shares: the published sample and reports built from it, and the
count of random trials (printed at the end of the run); and in every test, a Qt warning fails
it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from selfeval_gui.domain.model import Report
from selfeval_gui.importers import ImportResult
from selfeval_gui.importers.text_layout import import_text_file
from selfeval_gui.resources import sample_source_path

#: What the offscreen platform (used by the tests) says about features only real windowing
#: systems have; it is about the test platform, not about the editor.
_OFFSCREEN_LIMITS = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")


@pytest.fixture(autouse=True)
def _qt_warnings_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Any Qt warning, critical or fatal message fails the test during which it came, GUI test
    or not. The core tests also run where neither Qt nor pytest-qt is installed: nothing to
    watch there."""
    if not request.config.pluginmanager.has_plugin("pytest-qt"):
        yield
        return
    from PySide6.QtCore import QtMsgType

    qtlog = request.getfixturevalue("qtlog")
    yield
    failing = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
    bad = [r.message for r in qtlog.records if r.type in failing and r.message not in _OFFSCREEN_LIMITS]
    if bad:
        pytest.fail("Qt warnings:\n" + "\n".join(bad))


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
