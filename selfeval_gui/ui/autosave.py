"""Autosave: a recovery copy of unsaved work every minute, and finding copies left by a crash.

The copies are written by `storage.recovery`. While a window owns a copy it holds the copy's
lock; a copy whose lock nobody holds was left by a window that no longer runs (a crash or a
power cut) and is offered for recovery. Copies of other windows still running are left
alone. A copy is deleted when its report is saved or closed.

When the recovery folder cannot be written (the disk full, the folder read-only, a file in
its place), the clerk is told once per run of the application, in words that name the
report and the cause, that recovery is off; autosave keeps trying every minute and says so
when it works again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from selfeval_gui.storage.atomic import WriteError, os_error_cause
from selfeval_gui.storage.lockfile import LockFile, path_key
from selfeval_gui.storage.recovery import RecoveryCopy, RecoveryStore, Review, key_for
from selfeval_gui.ui.document import Document

AUTOSAVE_INTERVAL_MS = 60_000


#: Recovery folders this run of the application has told the clerk it cannot write.
_told: set[Path] = set()


class Autosaver(QObject):
    #: Recovery copies cannot be written: the message for the clerk (once per run).
    failed = Signal(str)
    #: Why recovery is off while it is (the message), `""` once copies are written again.
    off_changed = Signal(str)

    def __init__(self, document: Document, store: RecoveryStore, interval_ms: int = AUTOSAVE_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self._key: str | None = None
        self._lock: LockFile | None = None
        self._changes = 0
        self._written = 0
        #: Why the last write failed, while it keeps failing.
        self.failure: str | None = None
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
        try:
            self._ensure_key()
            assert self._key is not None
            self.store.write(self._key, self.document.report, self.document.path)
        except (WriteError, OSError) as exc:
            self._fail(exc)
            return False
        if self.failure is not None:
            self.failure = None
            self.off_changed.emit("")
            self.document.message.emit("自动恢复副本又能正常保存了，自动恢复已重新开启。")
        self._written = self._changes
        return True

    def _fail(self, exc: Exception) -> None:
        first = self.failure is None
        # The cause in words of its own: a WriteError's sentence names the internal copy.
        error = exc.__cause__ if isinstance(exc, WriteError) else exc
        if isinstance(error, OSError):
            where = Path(error.filename) if isinstance(error.filename, str) else self.store.folder
            cause = os_error_cause(error, where)
        else:
            cause = "文件是只读的"
        report = f"“{self.document.display_name}”"
        folder = "" if str(self.store.folder) in cause else f"恢复副本保存在“{self.store.folder}”。"
        self.failure = (
            f"无法为{report}保存自动恢复副本：{cause.rstrip('。')}。\n\n"
            f"在问题解决之前，自动恢复已关闭：程序意外关闭时，未保存的修改会丢失，请随时保存（Ctrl+S）。"
            f"报告本身没有受到影响。{folder}"
        )
        if first:
            self.off_changed.emit(self.failure)
        if first and self.store.folder not in _told:
            _told.add(self.store.folder)
            self.failed.emit(self.failure)

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
        lock = self.store.lock(key)
        if lock.acquire() is not None:
            # The same file is open in another window: keep a copy of our own.
            key = key_for(None)
            lock = self.store.lock(key)
            lock.acquire()
        self._key, self._lock = key, lock

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
        self._key, self._lock = None, None

    # ------------------------------------------------------------ crash-left copies

    def orphans(self) -> list[RecoveryCopy]:
        """Copies left by windows that no longer run, newest first."""
        return self.store.orphans(besides=self._key)

    def review(self, copies: list[RecoveryCopy]) -> Review:
        """Each copy loaded alone; those that cannot be are set aside (see `RecoveryStore`)."""
        return self.store.review(copies)

    def orphan_for(self, path: Path) -> RecoveryCopy | None:
        key = path_key(path)
        return next((c for c in self.orphans() if c.original is not None and path_key(c.original) == key), None)

    def forget(self, copy: RecoveryCopy) -> None:
        self.store.forget(copy)
