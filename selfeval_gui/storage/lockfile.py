"""Lock files: a small file saying which process uses something (a report being edited, a
recovery copy being written), so that another window is told who, and a lock left by a
crash is recognised as such.

    .~lock.报告.jxzp#        beside a report open in an editor window
    <key>.lock               beside a recovery copy, in the recovery folder

The file holds the user, the host, the pid and when that process started (JSON). A lock
whose process no longer runs on this host is stale and taken over; a lock of another host
cannot be checked and counts as held. A folder where no lock can be written (read-only, a
CD) gives no lock: nothing is refused for that.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selfeval_gui import __version__
from selfeval_gui.domain.submission import time_text
from selfeval_gui.storage.atomic import fitting_name
from selfeval_gui.storage.processes import ProcessId, file_age, host_name, user_name

#: A lock file being written by its creator is empty or partial for a moment; one that is
#: still unreadable after this long was left by a crash.
_UNREADABLE_GRACE_S = 10.0
#: Locks this process holds (normalised paths): another window of the same process that
#: holds one is running, one this process does not hold was left by a process before it.
_HELD: set[str] = set()


def path_key(path: Path) -> str:
    """A path as the file system compares it (absolute; case-blind on Windows)."""
    return os.path.normcase(os.path.abspath(path))


def edit_lock_path(project: Path) -> Path:
    """The lock beside a report open for editing (hidden on Linux by its dot, on Windows by
    its attribute)."""
    return project.with_name(fitting_name(".~lock." + project.name, "#"))


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a lock."""

    user: str
    host: str
    pid: int
    started: float | None
    since: datetime | None
    app: str = ""

    @property
    def process(self) -> ProcessId:
        return ProcessId(self.host, self.pid, self.started)

    @property
    def here(self) -> bool:
        """Held on this computer (by another window, or another user of it)."""
        return self.host == host_name()

    def describe(self) -> str:
        """`用户“张三”在电脑“PC-01”上（2024年5月3日 9:12 起）`, or for this computer's own
        windows `本机的另一个窗口（…起）`."""
        when = f"（{time_text(self.since)} 起）" if self.since else ""
        if self.here and self.user == user_name():
            return f"本机的另一个窗口{when}"
        who = f"用户“{self.user}”" if self.user else "其他用户"
        return f"{who}在电脑“{self.host}”上{when}" if self.host else f"{who}{when}"

    def to_json(self) -> dict[str, object]:
        return {
            "user": self.user, "host": self.host, "pid": self.pid, "started": self.started,
            "since": self.since.isoformat() if self.since else None, "app": self.app,
        }

    @classmethod
    def from_json(cls, data: object) -> Holder:
        """A holder from a lock file's JSON; `ValueError` if it is not one."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        pid, started, since = data.get("pid"), data.get("started"), data.get("since")
        if not isinstance(pid, int) or isinstance(pid, bool):
            raise ValueError("no pid")
        when = None
        if isinstance(since, str):
            with contextlib.suppress(ValueError):
                when = datetime.fromisoformat(since)
                when = when if when.tzinfo else when.astimezone()
        return cls(
            user=str(data.get("user") or ""),
            host=str(data.get("host") or ""),
            pid=pid,
            started=float(started) if isinstance(started, int | float) and not isinstance(started, bool) else None,
            since=when,
            app=str(data.get("app") or ""),
        )


def _me() -> Holder:
    process = ProcessId.current()
    return Holder(user_name(), process.host, process.pid, process.started,
                  datetime.now().astimezone(), f"selfeval-gui {__version__}")


def _hide(path: Path) -> None:
    if os.name == "nt":
        import ctypes

        file_attribute_hidden = 0x2
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
        kernel32.SetFileAttributesW(str(path), file_attribute_hidden)


class LockFile:
    """A lock file at `path`, taken by `acquire` and given back by `release`."""

    def __init__(self, path: Path, *, hidden: bool = False) -> None:
        self.path = Path(path)
        self.hidden = hidden
        self.held = False

    def holder(self) -> Holder | None:
        """Who holds the lock now; `None` if nobody does (no file, or one left by a crash)."""
        if self.held:
            return None
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return Holder("", "", 0, None, None)  # there, but unreadable: someone's
        try:
            holder = Holder.from_json(json.loads(data.decode("utf-8")))
        except ValueError:
            if file_age(self.path) > _UNREADABLE_GRACE_S:
                return None
            return Holder("", "", 0, None, None)
        me = ProcessId.current()
        if holder.host == me.host and holder.pid == me.pid:
            return holder if path_key(self.path) in _HELD else None
        return holder if holder.process.running() else None

    def acquire(self) -> Holder | None:
        """Take the lock; `None` when taken (or when no lock can be written there), else who
        holds it."""
        if self.held:
            return None
        for _ in range(3):
            data = json.dumps(_me().to_json(), ensure_ascii=False).encode("utf-8")
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is not None:
                    return holder
                try:  # left by a crash: take it over
                    self._unlink()
                except FileNotFoundError:
                    pass
                except OSError:
                    return None
                continue
            except OSError:
                return None  # no lock possible here; nothing is refused for that
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            if self.hidden:
                _hide(self.path)
            self.held = True
            _HELD.add(path_key(self.path))
            return None
        return None

    def _unlink(self) -> None:
        try:
            self.path.unlink()
        except PermissionError:
            if os.name != "nt":
                raise
            os.chmod(self.path, 0o666)  # a read-only flag a copy program kept
            self.path.unlink()

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        _HELD.discard(path_key(self.path))
        with contextlib.suppress(OSError):
            self._unlink()

    def remove_if_stale(self) -> None:
        """Delete a lock file left by a crash (nothing if it is held)."""
        if not self.held and self.holder() is None:
            with contextlib.suppress(OSError):
                self._unlink()
