"""GUI tests: every Qt warning fails the test, settings and files are per test, dialogs are
answered by a script instead of a person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QtMsgType

from selfeval_gui.storage.recovery import RecoveryStore
from selfeval_gui.ui.document import Document
from selfeval_gui.ui.main_window import MainWindow
from selfeval_gui.ui.settings import Settings
from tests.ui.helpers import ScriptedDialogs

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.gui)

_FAILING = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
#: What the offscreen platform (used by the tests) says about features only real windowing
#: systems have; it is about the test platform, not about the editor.
_OFFSCREEN_LIMITS = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog) -> Iterator[None]:
    yield
    bad = [r.message for r in qtlog.records if r.type in _FAILING and r.message not in _OFFSCREEN_LIMITS]
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
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def make_window(qtbot, settings, dialogs, recovery_store):
    """A main window as `app.main` makes it, with this test's settings, dialogs and folder."""
    windows: list[MainWindow] = []

    def make(**kwargs) -> MainWindow:
        window = MainWindow(settings, dialogs, recovery_store, **kwargs)
        windows.append(window)
        return window

    yield make
    unexpected = list(dialogs.unexpected)
    for window in windows:
        window.document.undo_stack.setClean()  # closing need not ask
        window.close()
        window.deleteLater()
    assert unexpected == [], "the editor asked questions the test did not expect"


@pytest.fixture
def window(qtbot, make_window) -> MainWindow:
    """The editor showing the bundled sample, as a first-time user sees it."""
    window = make_window()
    window.files.open_sample()
    window.show()
    qtbot.waitExposed(window)
    return window
