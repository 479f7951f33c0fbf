"""What a file was when the editor loaded or saved it, to tell before the next save whether
another window or program has changed it since."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileIdentity:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, status: os.stat_result) -> FileIdentity:
        """The identity of a file whose bytes are `data` and whose `stat()` is `status`."""
        return cls(len(data), status.st_mtime_ns, hashlib.sha256(data).hexdigest())

    @classmethod
    def written(cls, path: Path, data: bytes) -> FileIdentity:
        """The identity of the file just written with `data` (its time unknown if it cannot
        be read back: the next check then compares the content)."""
        try:
            return cls.of(data, path.stat())
        except OSError:
            return cls(len(data), -1, hashlib.sha256(data).hexdigest())

    @classmethod
    def read(cls, path: Path) -> FileIdentity | None:
        """The identity of the file now; `None` if it is gone or cannot be read."""
        try:
            with path.open("rb") as handle:
                status = os.fstat(handle.fileno())
                return cls.of(handle.read(), status)
        except OSError:
            return None

    def still(self, path: Path) -> FileIdentity | None:
        """The file's identity if its content is still this one (with the time it has now:
        a file copied back or touched is the same file), `None` if it changed or is gone.
        Size and time alone decide when they are unchanged, so most checks read nothing."""
        try:
            status = path.stat()
        except OSError:
            return None
        if status.st_size == self.size and status.st_mtime_ns == self.mtime_ns:
            return self
        current = FileIdentity.read(path)
        return current if current is not None and current.sha256 == self.sha256 else None
