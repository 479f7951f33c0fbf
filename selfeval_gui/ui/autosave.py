"""Autosave: a recovery copy of unsaved work every minute, and finding copies left by a crash.

The copies are written by `storage.recovery`. While a window owns a copy it holds a lock file
beside it; a copy whose lock can be taken was left by a window that no longer runs (a crash
or a power cut), and is offered for recovery. Copies of other windows still running are left
alone. A copy is deleted when its report is saved or closed.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from selfeval_gui.storage.atomic import WriteError
from selfeval_gui.storage.recovery import RecoveryCopy, RecoveryStore, key_for
from selfeval_gui.ui.document import Document

AUTOSAVE_INTERVAL_MS = 60_000


def _same_file(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


class Autosaver(QObject):
    def __init__(self, document: Document, store: RecoveryStore, interval_ms: int = AUTOSAVE_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self._key: str | None = None
        self._lock: QLockFile | None = None
        self._changes = 0
        self._written = 0
        self._failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        document.changed.connect(self._on_changed)
        document.reset.connect(self._on_reset)
        document.path_changed.connect(self._on_path_changed)
        document.undo_stack.cleanChanged.connect(self._on_clean_changed)

    @property
    def key(self) -> str | None:
        return self._key

    def start(self) -> None:
        self.timer.start()

    # ------------------------------------------------------------ writing

    def save_now(self) -> bool:
        """Write the recovery copy if there are changes not yet in it; `True` if written."""
        if not self.document.modified or self._written == self._changes:
            return False
        self._ensure_key()
        assert self._key is not None
        try:
            self.store.write(self._key, self.document.report, self.document.path)
        except (WriteError, OSError) as exc:
            if not self._failed:
                self.document.message.emit(f"自动保存失败：{exc}")
            self._failed = True
            return False
        self._failed = False
        self._written = self._changes
        return True

    def discard(self) -> None:
        if self._key is not None:
            self.store.discard(self._key)
        self._written = self._changes

    def close(self) -> None:
        """The report is closed (saved or deliberately not): its copy and lock go."""
        self.timer.stop()
        self.discard()
        self._release()

    def _on_changed(self, *_: object) -> None:
        self._changes += 1

    def _on_reset(self) -> None:
        # Another report replaced the old one: the old copy is of no use any more.
        self.discard()
        self._release()
        self._changes += 1
        if not self.document.modified:
            self._written = self._changes  # a report as saved: nothing to recover

    def _on_path_changed(self) -> None:
        if self._key is not None and self._key != self._preferred_key():
            self.store.discard(self._key)
            self._release()
            self._written = 0 if self.document.modified else self._changes

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    # ------------------------------------------------------------ keys and locks

    def _preferred_key(self) -> str:
        return key_for(self.document.path) if self.document.path is not None else (self._key or key_for(None))

    def _ensure_key(self) -> None:
        if self._key is not None:
            return
        self.store.folder.mkdir(parents=True, exist_ok=True)
        key = self._preferred_key()
        lock = QLockFile(str(self.store.lock_path(key)))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            # The same file is open in another window: keep a copy of our own.
            key = key_for(None)
            lock = QLockFile(str(self.store.lock_path(key)))
            lock.setStaleLockTime(0)
            lock.tryLock(0)
        self._key, self._lock = key, lock

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
        self._key, self._lock = None, None

    # ------------------------------------------------------------ crash-left copies

    def orphans(self) -> list[RecoveryCopy]:
        """Copies left by windows that no longer run, newest first."""
        found = []
        for copy in self.store.copies():
            if copy.key == self._key:
                continue
            lock = QLockFile(str(self.store.lock_path(copy.key)))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                lock.unlock()
                found.append(copy)
        return found

    def orphan_for(self, path: Path) -> RecoveryCopy | None:
        return next((c for c in self.orphans() if c.original is not None and _same_file(c.original, path)), None)

    def forget(self, copy: RecoveryCopy) -> None:
        self.store.discard(copy.key)
