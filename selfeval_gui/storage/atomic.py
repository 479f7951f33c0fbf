"""Writing a file so that a crash, a full disk or a locked file never leaves it half-written.

The bytes go to a temporary file `~selfeval-<host>-<pid>-<random>.tmp` in the same folder (a
short name, whatever the length of the file's own), which is then renamed over the file. A
save killed half-way leaves only such a temporary file; the next save into that folder
removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
import stat
from pathlib import Path

from selfeval_gui.storage.processes import file_age, process_tag, tag_is_stale

if os.name == "posix":
    # mkstemp creates files readable by the owner only; a saved report should get the
    # permissions any other file the user creates gets. Read once: os.umask can only be read
    # by setting it.
    _UMASK = os.umask(0)
    os.umask(_UMASK)

TEMP_PREFIX = "~selfeval-"
TEMP_SUFFIX = ".tmp"
#: A temporary file older than this is left over whatever its process (on another host, or
#: a pid in use again); a save takes well under a second.
STALE_TEMP_AGE_S = 3600.0
#: Longest file name: NTFS counts UTF-16 units, Linux file systems bytes of UTF-8.
MAX_NAME = 255


class WriteError(Exception):
    """A file could not be written; `str(error)` is the Chinese message for the user."""


class ReadOnlyError(WriteError):
    """The file to replace is marked read-only: it is replaced only when asked to."""


def name_fits(name: str) -> bool:
    if os.name == "nt":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_NAME
    return len(os.fsencode(name)) <= MAX_NAME


def fitting_name(name: str, suffix: str) -> str:
    """`name + suffix` if the file system takes it; otherwise `name` shortened, with a few
    hex digits of the whole name so that two long names do not meet (`报告…-1a2b3c.bak`)."""
    if name_fits(name + suffix):
        return name + suffix
    tail = "-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:6] + suffix
    cut = name
    while cut and not name_fits(cut + "…" + tail):
        cut = cut[:-1]
    return cut + "…" + tail


def disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "winerror", None) in (39, 112)


def in_use(exc: OSError) -> bool:
    """Windows: another program has the file open (sharing or lock violation)."""
    return getattr(exc, "winerror", None) in (32, 33)


def _denied(exc: OSError) -> bool:
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) == 5


def _system_words(exc: OSError) -> str:
    """The system's own description where it is Chinese (Windows in Chinese says why in
    Chinese); otherwise the error's code, which a technician can look up."""
    words = exc.strerror or ""
    if any("\u4e00" <= ch <= "\u9fff" for ch in words):
        return words
    code = errno.errorcode.get(exc.errno or 0) if exc.errno else None
    winerror = getattr(exc, "winerror", None)
    return f"错误代码 {code or winerror or exc.errno or type(exc).__name__}"


def os_error_cause(exc: OSError, path: Path, *, reading: bool = False) -> str:
    """Why writing (or `reading`) `path` failed, in a few Chinese words, for a sentence that
    names what was being done."""
    if disk_full(exc):
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "所在的磁盘是只读的"
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return "文件名或路径太长"
    if in_use(exc):
        return "文件正被其他程序占用"
    if _denied(exc):
        return "没有读取权限" if reading else f"没有写入“{path.parent}”的权限"
    if isinstance(exc, FileExistsError):
        return f"“{exc.filename or path}”是一个文件，不是文件夹"
    if isinstance(exc, FileNotFoundError):
        return f"文件夹“{path.parent}”不存在"
    if isinstance(exc, IsADirectoryError):
        return f"“{path}”是一个文件夹"
    if isinstance(exc, NotADirectoryError):
        return f"路径“{path.parent}”中有一段不是文件夹"
    return _system_words(exc)


def explain_os_error(exc: OSError, path: Path, action: str = "保存", *, kept: bool = False) -> str:
    """A Chinese sentence for an `OSError` met while writing or reading `path` (the clerk's
    own file, which Word or WPS may hold open); `kept` when an earlier version of the file
    is there and stays as it was."""
    name = path.name
    unchanged = "原文件未受影响。" if kept else ""
    if disk_full(exc):
        return f"磁盘空间不足，无法{action}“{name}”。请清理磁盘或换一个位置。{unchanged}"
    if exc.errno == errno.EROFS:
        return f"无法{action}“{name}”：所在的磁盘或文件夹是只读的（如光盘、写保护的 U 盘）。请换一个位置。"
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return f"无法{action}“{name}”：文件名或路径太长。请换一个短一些的文件名或文件夹。"
    if in_use(exc):
        return f"无法{action}“{name}”：文件正被其他程序（如 Word、Excel、WPS）打开。请关闭该文件后重试。{unchanged}"
    if _denied(exc):
        if action == "读取":
            return f"无法读取“{name}”：文件正被其他程序锁定，或没有读取权限。请关闭使用它的程序后重试。"
        if os.name == "nt":  # Windows says "access denied" for a file open elsewhere too
            return (
                f"无法{action}“{name}”：文件正被其他程序（如 Word、Excel、WPS）打开，或没有写入权限。"
                f"请关闭该文件或换一个位置后重试。{unchanged}"
            )
        return f"无法{action}“{name}”：没有写入“{path.parent}”的权限。请换一个位置。{unchanged}"
    return f"无法{action}“{name}”：{os_error_cause(exc, path)}。{unchanged}"


def is_read_only(path: Path) -> bool:
    """Whether an existing file is marked read-only (Windows' attribute, or no write
    permission for anyone) or may not be written by this user."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_IMODE(mode) & 0o222 == 0 or not os.access(path, os.W_OK)


def _fsync_directory(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync; NTFS journals renames.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_temp(folder: Path) -> tuple[int, Path]:
    """A new temporary file in `folder`, opened for writing."""
    while True:
        path = folder / f"{TEMP_PREFIX}{process_tag()}-{secrets.token_hex(3)}{TEMP_SUFFIX}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue


def stale_temp_files(folder: Path) -> list[Path]:
    """Temporary files of ours in `folder` left by saves whose process is gone."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
                continue
            tag = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)].rpartition("-")[0]
            if tag_is_stale(tag, file_age(entry.path), STALE_TEMP_AGE_S):
                found.append(Path(entry.path))
    return found


def remove_stale_temp_files(folder: Path) -> None:
    for path in stale_temp_files(folder):
        with contextlib.suppress(OSError):
            path.unlink()


def atomic_write(path: Path, data: bytes, *, backup: Path | None = None, replace_read_only: bool = False) -> None:
    """Replace `path` with `data` all at once.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and then
    renamed over `path`; the old content, if any, is first copied to `backup`. On any failure
    the original file is untouched and the temporary file is removed. A read-only `path` is
    refused (`ReadOnlyError`) unless `replace_read_only`; replaced, it stays read-only.
    """
    path = Path(path)
    folder = path.parent
    existed = os.path.lexists(path)  # False, not an error, for a name too long to exist
    read_only = existed and is_read_only(path)
    if read_only and not replace_read_only:
        raise ReadOnlyError(
            f"“{path.name}”是只读文件，没有覆盖它。请换一个文件名保存，或在文件属性中取消“只读”后重试。"
        )
    tmp: Path | None = None
    try:
        remove_stale_temp_files(folder)
        fd, tmp = _new_temp(folder)
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is not None and existed:
            _replace_backup(path, Path(backup))
        if read_only and os.name == "nt":
            # Windows will not rename over a read-only file: lift the flag, then set it again.
            os.chmod(path, stat.S_IWRITE)
        os.replace(tmp, path)
        tmp = None
        if read_only and os.name == "nt":
            os.chmod(path, stat.S_IREAD)
        _fsync_directory(folder)
    except OSError as exc:
        raise WriteError(explain_os_error(exc, path, kept=existed)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or those of a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _replace_backup(source: Path, backup: Path) -> None:
    fd, tmp = _new_temp(backup.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        if os.name == "posix":
            # As readable as the file, not owner-only. (On Windows the mode is only the
            # read-only flag, which on the backup would make the next save fail.)
            shutil.copymode(source, tmp)
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
