"""Recovery copies: what the editor writes every minute while a report has unsaved changes,
so that a crash or a power cut loses at most a minute of work.

Each open report has a key. Its copy is `<key>.jxzp` (a normal project file) with
`<key>.json` beside it saying which file it belongs to and when it was written. The editor
deletes both when the report is saved or closed; copies that remain were left by a crash.
No Qt (the editor decides, with a lock file, whether another window still owns a copy).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selfeval_gui.domain.model import Report
from selfeval_gui.storage.atomic import atomic_write
from selfeval_gui.storage.projectfile import dumps, load_report


def key_for(path: Path | None) -> str:
    """The key of a report's recovery copy: from its file's full path, or new for an unsaved one."""
    if path is None:
        return "untitled-" + uuid.uuid4().hex[:12]
    normalized = os.path.normcase(os.path.abspath(path))
    return "file-" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RecoveryCopy:
    key: str
    copy: Path
    #: The project file the copy belongs to; `None` for a report never saved.
    original: Path | None
    saved_at: datetime

    @property
    def newer_than_original(self) -> bool:
        """Whether the copy holds work the file lacks (always, for a report never saved)."""
        if self.original is None:
            return True
        try:
            return self.saved_at.timestamp() > self.original.stat().st_mtime
        except OSError:
            return True

    def load(self) -> Report:
        """The report in the copy; `ProjectFileError` if it is unreadable."""
        return load_report(self.copy)


class RecoveryStore:
    """The folder that holds recovery copies (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.jxzp", self.folder / f"{key}.json"

    def lock_path(self, key: str) -> Path:
        return self.folder / f"{key}.lock"

    def write(self, key: str, report: Report, original: Path | None) -> None:
        """Write the copy, then its description; `WriteError` if the disk refuses."""
        self.folder.mkdir(parents=True, exist_ok=True)
        copy, meta = self._paths(key)
        atomic_write(copy, dumps(report))
        description = {
            "original": str(original) if original is not None else None,
            "saved_at": datetime.now().astimezone().isoformat(),
        }
        atomic_write(meta, json.dumps(description, ensure_ascii=False).encode("utf-8"))

    def discard(self, key: str) -> None:
        for path in self._paths(key):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def copies(self) -> list[RecoveryCopy]:
        """Every complete copy in the folder, newest first. A description without its copy
        (or one that cannot be read) is ignored."""
        found: list[RecoveryCopy] = []
        if not self.folder.is_dir():
            return found
        for meta in self.folder.glob("*.json"):
            key = meta.stem
            copy = meta.with_suffix(".jxzp")
            try:
                description = json.loads(meta.read_text(encoding="utf-8"))
                saved_at = datetime.fromisoformat(description["saved_at"])
                original = description.get("original")
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if not copy.is_file():
                continue
            found.append(RecoveryCopy(key, copy, Path(original) if original else None, saved_at))
        found.sort(key=lambda c: c.saved_at, reverse=True)
        return found

    def copy_for(self, path: Path) -> RecoveryCopy | None:
        key = key_for(path)
        return next((c for c in self.copies() if c.key == key), None)
