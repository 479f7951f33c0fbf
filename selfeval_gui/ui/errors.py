"""An unexpected error never shows the clerk a traceback: it is written to a log file and the
clerk is told, in Chinese, what to do (save, reopen, send the log)."""

from __future__ import annotations

import datetime
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from selfeval_gui import __version__

#: The log keeps the newest errors; older text is dropped beyond this many characters.
MAX_LOG_CHARS = 512 * 1024


def write_log(log: Path, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> bool:
    """Append the error to `log`; `False` if even that is impossible (a full disk)."""
    entry = (
        f"==== {datetime.datetime.now().isoformat(timespec='seconds')} selfeval-gui {__version__}\n"
        + "".join(traceback.format_exception(exc_type, exc, tb))
    )
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        old = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        log.write_text((old + entry)[-MAX_LOG_CHARS:], encoding="utf-8")
    except OSError:
        return False
    return True


def install_excepthook(log: Path, tell: Callable[[str], None]) -> None:
    """Errors that escape an event handler go to `log`, and `tell` shows the clerk a message."""
    telling = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal telling
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logged = write_log(log, exc_type, exc, tb)
        if sys.stderr is not None:
            traceback.print_exception(exc_type, exc, tb)
        if telling:  # an error while the message is open: logged, not shown twice
            return
        telling = True
        try:
            where = f"详细信息已记录在“{log}”，可发给技术支持。" if logged else ""
            tell("程序遇到了一个意外的问题，刚才的操作可能没有完成。"
                 f"建议先保存报告（可另存为新文件），再重新打开程序。{where}")
        finally:
            telling = False

    sys.excepthook = hook
