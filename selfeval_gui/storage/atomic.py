"""Writing a file so that a crash, a full disk or a locked file never leaves it half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

if os.name == "posix":
    # mkstemp creates files readable by the owner only; a saved report should get the
    # permissions any other file the user creates gets. Read once: os.umask can only be read
    # by setting it.
    _UMASK = os.umask(0)
    os.umask(_UMASK)


class WriteError(Exception):
    """A file could not be written; `str(error)` is the Chinese message for the user."""


def explain_os_error(exc: OSError, path: Path, action: str = "保存") -> str:
    """A Chinese sentence for an `OSError` met while writing or reading `path`."""
    name = path.name
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "winerror", None) in (39, 112):
        return f"磁盘空间不足，无法{action}“{name}”。请清理磁盘或换一个位置，原文件未受影响。"
    if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in (5, 32, 33):
        if action == "读取":
            return f"无法读取“{name}”：文件正被其他程序锁定，或没有读取权限。请关闭使用它的程序后重试。"
        return (
            f"无法{action}“{name}”：文件正被其他程序（如 Word、Excel、WPS）打开，或没有写入权限。"
            "请关闭该文件或换一个位置后重试。"
        )
    if isinstance(exc, FileNotFoundError):
        return f"无法{action}“{name}”：文件夹“{path.parent}”不存在。"
    if isinstance(exc, IsADirectoryError):
        return f"无法{action}“{name}”：这是一个文件夹。"
    if isinstance(exc, NotADirectoryError):
        return f"无法{action}“{name}”：路径“{path.parent}”中有一段不是文件夹。"
    # Anything rarer: the system's own words (in the system's language), after ours.
    return f"无法{action}“{name}”（系统提示：{exc.strerror or exc}）。"


def _fsync_directory(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync; NTFS journals renames.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, backup: Path | None = None) -> None:
    """Replace `path` with `data` all at once.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and then
    renamed over `path`; the old content, if any, is first copied to `backup`. On any failure
    the original file is untouched and the temporary file is removed.
    """
    path = Path(path)
    folder = path.parent
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is not None and path.exists():
            _replace_backup(path, Path(backup))
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_directory(folder)
    except OSError as exc:
        raise WriteError(explain_os_error(exc, path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or those of a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _replace_backup(source: Path, backup: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=backup.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        if os.name == "posix":
            # As readable as the file, not mkstemp's owner-only. (On Windows the mode is only
            # the read-only flag, which on the backup would make the next save fail.)
            shutil.copymode(source, tmp)
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
