"""`selfeval-gui [FILE]`: the desktop editor.

    selfeval-gui                       the bundled sample report, so a first look shows a whole report
    selfeval-gui 报告.jxzp              that report (how the Windows file association opens files)
    selfeval-gui --exit-after-window   paint the window's frame once and exit 0 (start-up measurement)
    selfeval-gui --exit-after-show F   open F, validate, paint the window once and exit 0 (start-up
                                       measurement and smoke test; exit 2 if F cannot be opened)
    selfeval-gui --selftest            the packaged application's self-test (selfeval_gui.selftest)

Qt's own options (`-platform offscreen`, `-style fusion`) pass through to Qt.

The window is on screen before the report model loads: its frame (menus, tabs, status bar)
is painted first, with nothing but Qt loaded; then pydantic, the report model and the
editor's modules load and fill it, in the same window (`MainWindow.attach`).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval_gui import without_pydantic_plugins

if TYPE_CHECKING:  # PySide6 is imported when the application starts, after the arguments
    from PySide6.QtWidgets import QApplication, QWidget

APP_USER_MODEL_ID = "selfeval.selfeval-gui"
#: How long the start waits for the window system to show the window before going on (s).
FIRST_PAINT_WAIT_S = 2


def _parse(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="selfeval-gui", description="部门整体支出预算绩效自评报告编辑器。", add_help=True)
    parser.add_argument("file", nargs="?", type=Path, help="要打开的报告（.jxzp），或可导入的文件")
    parser.add_argument("--exit-after-window", action="store_true",
                        help="显示一次窗口框架后退出（用于测量启动时间）")
    parser.add_argument("--exit-after-show", action="store_true",
                        help="打开、校验并显示一次窗口后退出（用于测量启动时间与冒烟测试）")
    return parser.parse_known_args(list(argv))


def create_application(qt_args: Sequence[str]) -> QApplication:
    """The QApplication, set up once: names, HiDPI, style, Chinese font and translation, icon."""
    from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
    from PySide6.QtGui import QFont, QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from selfeval_gui import __version__
    from selfeval_gui.resources import resources_dir
    from selfeval_gui.ui.settings import APPLICATION, ORGANIZATION

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    # Settings in an INI file under %APPDATA%\selfeval (not the registry): one folder holds
    # everything the user's copy keeps, which the uninstaller can offer to remove.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    existing = QApplication.instance()
    if existing is not None:
        assert isinstance(existing, QApplication)  # the program makes no other kind
        app = existing
    else:
        # Fractional scaling (125 %, 150 %) as Windows asks, not rounded to whole steps.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        if sys.platform == "win32":
            _set_windows_app_id()
        app = QApplication([sys.argv[0] if sys.argv else "selfeval-gui", *qt_args])
    if sys.platform != "win32":
        app.setStyle("Fusion")  # on Windows Qt's native style (windows11 / windowsvista) fits in
    if app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        app.styleHints().setColorScheme(Qt.ColorScheme.Light)  # the tints of findings are made for light
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    font = QFont(app.font())
    if sys.platform == "win32":
        families = ["Microsoft YaHei UI", "Microsoft YaHei", "SimSun"]
    else:
        families = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
    font.setFamilies([*families, *font.families()])
    app.setFont(font)
    install_translator(app)
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("selfeval-*.png")):
        icon.addFile(str(png))
    app.setWindowIcon(icon)
    return app


def install_translator(app: QApplication) -> bool:
    """Qt's own Chinese (standard buttons, file dialogs); `False` if it is missing."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False
    return app.installTranslator(translator)


def _set_windows_app_id() -> None:
    # The taskbar groups and shows our icon, not python's, when run from a checkout.
    import ctypes

    with contextlib.suppress(AttributeError, OSError):
        # Windows only (its caller checks); mypy checks the code as on Linux, where ctypes lacks windll.
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)  # type: ignore[attr-defined]


def recovery_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"


def _paint_once(app: QApplication, window: QWidget, timeout: float = 10) -> None:
    """Show the window and return once it has been painted on screen (or, if the window
    system has not shown it within `timeout` seconds, without waiting longer). Keys and clicks
    wait in the queue meanwhile: they go to the window once it has its report."""
    from PySide6.QtCore import QEventLoop

    pending = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    window.show()  # creates the native window: windowHandle() is set from here on
    handle = window.windowHandle()
    deadline = time.monotonic() + timeout
    while not handle.isExposed() and time.monotonic() < deadline:
        app.processEvents(pending)
    window.repaint()
    app.processEvents(pending)


def main(argv: Sequence[str] | None = None) -> int:
    without_pydantic_plugins()
    args = list(sys.argv[1:] if argv is None else argv)
    if "--selftest" in args:
        from selfeval_gui.selftest import run_selftest

        return run_selftest(args)
    options, qt_args = _parse(args)
    app = create_application(qt_args)

    from selfeval_gui.ui.main_window import MainWindow
    from selfeval_gui.ui.settings import Settings

    window = MainWindow(Settings())
    measuring = options.exit_after_window or options.exit_after_show
    # Seen at once, even where the rest takes a few seconds to load; a window the system does
    # not show soon (started minimised) is not waited for.
    _paint_once(app, window, timeout=10 if measuring else FIRST_PAINT_WAIT_S)
    if options.exit_after_window:
        window.hide()
        return _leaving(0)

    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.dialogs import Dialogs, NonInteractiveDialogs, QtDialogs
    from selfeval_gui.ui.errors import install_excepthook

    dialogs: Dialogs = NonInteractiveDialogs() if options.exit_after_show else QtDialogs()
    window.attach(dialogs, RecoveryStore(recovery_folder()))
    install_excepthook(recovery_folder().parent / "error.log", lambda text: dialogs.error(window, "出错了", text))
    files = window.files
    if options.exit_after_show:
        opened = files.open_path(options.file.resolve(), ask=False) if options.file else files.open_sample()
        _paint_once(app, window)
        window.files.close()
        window.hide()
        return _leaving(0 if opened else 2)
    # The window stays as first painted while the start asks about a copy left by a crash (or
    # says why a file cannot be opened): no empty report and its findings behind the question.
    window.setUpdatesEnabled(False)
    if not files.start(options.file) and options.file:
        files.new_report()
    window.setUpdatesEnabled(True)
    return _leaving(app.exec())


def _leaving(status: int) -> int:
    """Everything is saved and closed: spare the interpreter's last garbage collections over
    the report model and the Qt wrappers (about 50 ms of a closing window)."""
    gc.freeze()
    return status


if __name__ == "__main__":
    sys.exit(main())
