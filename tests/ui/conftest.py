"""GUI tests: every Qt warning fails the test, settings and files are per test, dialogs are
answered by a script instead of a person."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QtMsgType

from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.settings import Settings

pytestmark = pytest.mark.gui

_FAILING = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog) -> Iterator[None]:
    yield
    bad = [r.message for r in qtlog.records if r.type in _FAILING]
    if bad:
        pytest.fail("Qt warnings:\n" + "\n".join(bad))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def recovery_store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


@pytest.fixture
def document(qapp, seed_report) -> Document:
    return Document(seed_report)


@pytest.fixture
def threshold() -> Decimal:
    return Decimal(20)
