"""Who is running: this process as a lock or a temporary file names it, and whether a process
named that way still runs.

A process is named by its host, its pid and when it started: a pid alone is reused (Windows
hands out small pids again soon after a reboot), so a lock left by a crash could otherwise
look held by whatever process got that pid next. A process on another host cannot be
asked; callers treat it as running.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import socket
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Two readings of one process's start time differ by rounding only.
_START_TOLERANCE_S = 2.0


@cache
def host_name() -> str:
    return socket.gethostname() or "localhost"


@cache
def host_tag() -> str:
    """Six hex digits for this host, short enough for a file name."""
    return hashlib.sha256(host_name().encode("utf-8", "surrogatepass")).hexdigest()[:6]


@cache
def user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USERNAME, no passwd entry
        return ""


@dataclass(frozen=True, slots=True)
class ProcessId:
    host: str
    pid: int
    #: Seconds since the epoch; `None` where the system does not tell.
    started: float | None

    @classmethod
    def current(cls) -> ProcessId:
        return cls(host_name(), os.getpid(), started_at(os.getpid()))

    def running(self) -> bool:
        """Whether the process still runs; a process on another host counts as running."""
        if self.host != host_name():
            return True
        if not alive(self.pid):
            return False
        if self.started is None:
            return True
        now = started_at(self.pid)
        return now is None or abs(now - self.started) <= _START_TOLERANCE_S


def alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return False
    return not _linux_zombie(pid)


def _linux_zombie(pid: int) -> bool:
    """A process that has ended but was not yet reaped by its parent (in a container whose
    first process reaps nothing, it may stay so for long): it runs no more."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode("ascii", "replace")
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:][:1] in ("Z", "X")


def started_at(pid: int) -> float | None:
    """When the process started, in seconds since the epoch, or `None` if unknown."""
    if os.name == "nt":
        return _windows_started(pid)
    return _linux_started(pid)


def _linux_started(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode("ascii", "replace")
        with open("/proc/stat", "rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        # The command name (field 2) may hold spaces and parentheses: count from its end.
        fields = stat[stat.rindex(")") + 2:].split()
        ticks = int(fields[19])
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


# Windows: the kernel's process handles, through ctypes (no extra package).
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5
#: Windows file times count 100 ns steps from 1601-01-01.
_EPOCH_AS_FILETIME = 116444736000000000


def _windows_open(pid: int) -> tuple[Any, int, int]:
    """kernel32, a handle to the process (0 if none) and the error of opening it."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]  # Windows only
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    return kernel32, handle, ctypes.get_last_error()  # type: ignore[attr-defined]  # Windows only


def _windows_alive(pid: int) -> bool:
    import ctypes

    kernel32, handle, error = _windows_open(pid)
    if not handle:
        return error == _ERROR_ACCESS_DENIED  # exists, but belongs to someone else
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == _STILL_ACTIVE)
    finally:
        kernel32.CloseHandle(handle)


def _windows_started(pid: int) -> float | None:
    import ctypes

    kernel32, handle, _ = _windows_open(pid)
    if not handle:
        return None
    try:
        times = [ctypes.c_ulonglong() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        return (times[0].value - _EPOCH_AS_FILETIME) / 10_000_000
    finally:
        kernel32.CloseHandle(handle)


def process_tag() -> str:
    """This process in a file name: host tag and pid (`3fa2c1-4312`)."""
    return f"{host_tag()}-{os.getpid()}"


def tag_is_stale(tag: str, age_s: float, max_age_s: float) -> bool:
    """Whether a file named with `process_tag()` was left by a process gone: one of this host
    that no longer runs, or any older than `max_age_s`."""
    if age_s > max_age_s:
        return True
    host, _, pid = tag.partition("-")
    if host != host_tag() or not pid.isdigit():
        return False
    return int(pid) != os.getpid() and not alive(int(pid))


def file_age(path: os.PathLike[str] | str) -> float:
    """Seconds since the file was last written (0 if that cannot be read)."""
    with contextlib.suppress(OSError):
        return max(time.time() - os.stat(path).st_mtime, 0.0)
    return 0.0
