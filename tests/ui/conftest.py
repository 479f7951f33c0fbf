"""GUI tests: the application as `selfeval-gui` sets it up, settings and files are per test,
dialogs are answered by a script instead of a person (and, as in every test, a Qt warning
fails the test: tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from selfeval_gui.app import create_application
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


@pytest.fixture(scope="session")
def qapp():
    """pytest-qt's application, made by `create_application`: the production font, style,
    locale and translator, so that layouts and texts are tested as a clerk sees them."""
    return create_application([])


@pytest.fixture(autouse=True)
def _no_key_held(qapp) -> None:
    """No modifier held over from an earlier test's last key: Qt keeps the modifiers of the last
    key event as the keyboard's state, and a view's `setCurrentIndex` reads it (a Ctrl left from
    Ctrl+Shift+E adds the cell to the selection instead of selecting it)."""
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyRelease(QWidget(), Qt.Key.Key_Control)
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


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
def make_window(
    qtbot: QtBot, settings: Settings, dialogs: ScriptedDialogs, recovery_store: RecoveryStore,
) -> Iterator[Callable[..., MainWindow]]:
    """A main window as `app.main` makes it, with this test's settings, dialogs and folder
    (the scripted dialogs stand in for the real ones: the type checker holds them to
    `Dialogs`)."""
    windows: list[MainWindow] = []

    def make(**kwargs: Any) -> MainWindow:
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
