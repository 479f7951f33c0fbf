"""Recovery copies: what the editor writes every minute while a report has unsaved changes,
so that a crash or a power cut loses at most a minute of work.

Each open report has a key. Its copy is `<key>.jxzp` (a normal project file) with
`<key>.json` beside it saying which file it belongs to, when it was written and whose report
it is (the department: how the clerk knows a report never saved), and
`<key>.lock` held by the window writing it. The editor deletes them when the report is saved
or closed; copies whose lock is not held were left by a crash.

Each such copy is judged alone: one that cannot be loaded (damaged, or written by a newer
version) is moved to the `无法恢复` folder beside the others, kept, and reported once with
where it went; a description that cannot be read costs only what it said (the file the copy
belongs to, the time), with a note. No Qt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selfeval_gui.domain.model import Report
from selfeval_gui.domain.submission import time_text
from selfeval_gui.storage.atomic import atomic_write, explain_os_error, fitting_name
from selfeval_gui.storage.lockfile import LockFile, path_key
from selfeval_gui.storage.names import name_part
from selfeval_gui.storage.projectfile import SUFFIX, NewerVersionError, ProjectFileError, dumps, loads

#: Where copies that cannot be loaded are kept, inside the recovery folder.
SET_ASIDE_FOLDER = "无法恢复"
_KEY_RE = re.compile(r"(?:file|untitled)-[0-9a-f]{12,16}")


def key_for(path: Path | None) -> str:
    """The key of a report's recovery copy: from its file's full path, or new for an unsaved one."""
    if path is None:
        return "untitled-" + uuid.uuid4().hex[:12]
    return "file-" + hashlib.sha256(path_key(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _local(moment: datetime) -> datetime:
    """With a time zone: a time written without one is local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


@dataclass(frozen=True, slots=True)
class RecoveryCopy:
    key: str
    copy: Path
    #: The project file the copy belongs to; `None` for a report never saved (or unknown).
    original: Path | None
    saved_at: datetime
    #: What could not be read from the copy's description, for the clerk; `None` if all could.
    note: str | None = None
    #: The department whose report it is, as the description says (`None` if it does not).
    department: str | None = None

    @property
    def newer_than_original(self) -> bool:
        """Whether the copy holds work the file lacks (always, for a report never saved)."""
        if self.original is None:
            return True
        try:
            return self.saved_at.timestamp() > self.original.stat().st_mtime
        except OSError:
            return True

    @property
    def report_name(self) -> str:
        """How the clerk knows the report: its file's name, or for one never saved its
        department's."""
        if self.original is not None:
            return f"“{self.original.name}”"
        return f"“{self.department}”（尚未保存过的报告）" if self.department else "一份尚未保存过的报告"

    @property
    def stem(self) -> str:
        """The report's name for a window's title or a file name: its file's, or its department's."""
        if self.original is not None:
            return self.original.stem
        return name_part(self.department or "") or "未保存的报告"

    @property
    def set_aside_name(self) -> str:
        """Its file's name once set aside: the report's, the local time (as messages say it) and
        a bit of the key."""
        when = self.saved_at.astimezone().strftime("%Y%m%d-%H%M%S")
        return fitting_name(f"{self.stem} {when} {self.key[-6:]}", SUFFIX)

    def load(self) -> Report:
        """The report in the copy; `ProjectFileError` (naming the copy as it is set aside)
        if it is unreadable."""
        try:
            data = self.copy.read_bytes()
        except OSError as exc:
            raise ProjectFileError(explain_os_error(exc, self.copy, "读取")) from None
        return loads(data, self.set_aside_name)


@dataclass(frozen=True, slots=True)
class SetAside:
    """A copy that could not be loaded, moved out of the way and kept (or, where it cannot be
    moved, left where it is and not offered again while the program runs)."""

    path: Path
    copy: RecoveryCopy
    reason: str
    #: Written by a newer version of the program: sound, and readable once it is installed.
    newer: bool = False

    @property
    def moved(self) -> bool:
        """Whether the copy was moved out of the way (it stays where it is when it cannot be)."""
        return self.path != self.copy.copy

    @property
    def message(self) -> str:
        what = f"{self.copy.report_name}的自动恢复副本（自动保存于 {time_text(self.copy.saved_at)}）"
        if not self.moved:
            kept = f"这份副本留在“{self.path}”（无法移走），本次不再提示。"
        elif self.newer:
            kept = f"这份副本已移到“{self.path}”保留，启动时不再提示；升级软件后可以用“文件 → 打开”打开它。"
        else:
            kept = f"这份副本已移到“{self.path}”保留，以后不再提示。"
        return f"{what}无法恢复：{self.reason}\n{kept}"


@dataclass(slots=True)
class Review:
    """Copies left by crashes: those that load, with their reports, and those set aside."""

    usable: list[tuple[RecoveryCopy, Report]]
    set_aside: list[SetAside]


def _describe(key: str, meta: Path, copy: Path) -> RecoveryCopy:
    """The copy with the original, the time and the department from its description; what
    cannot be read is replaced (no original, the copy's own time) and said in the note."""
    problems: list[str] = []
    try:
        description = json.loads(meta.read_text(encoding="utf-8"))
        if not isinstance(description, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        description, problems = {}, ["缺少说明文件"]
    except (OSError, ValueError):
        description, problems = {}, ["说明文件已损坏"]
    raw_original = description.get("original")
    original = Path(raw_original) if isinstance(raw_original, str) and raw_original else None
    if raw_original is not None and original is None:
        problems.append("所属文件的记录无效")
    saved_at: datetime | None = None
    raw_time = description.get("saved_at")
    if isinstance(raw_time, str):
        with contextlib.suppress(ValueError):
            saved_at = _local(datetime.fromisoformat(raw_time))
    if saved_at is None:
        if description:
            problems.append("保存时间的记录无效")
        try:
            saved_at = datetime.fromtimestamp(copy.stat().st_mtime).astimezone()
        except OSError:
            saved_at = datetime.now().astimezone()
    raw_department = description.get("department")
    department = (raw_department.strip() or None) if isinstance(raw_department, str) else None
    if not problems:
        return RecoveryCopy(key, copy, original, saved_at, None, department)
    consequences = []
    if original is None and key.startswith("file-"):
        consequences.append("不知道它属于哪个文件，恢复后请另存")
    if not description or "保存时间的记录无效" in problems:
        consequences.append("保存时间按副本文件的修改时间计")
    note = f"这份自动恢复副本的记录不完整（{'、'.join(problems)}）"
    note += f"：{'；'.join(consequences)}。" if consequences else "。"
    return RecoveryCopy(key, copy, original, saved_at, note, department)


class RecoveryStore:
    """The folder that holds recovery copies (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        #: Keys of copies found unloadable but impossible to move: reported once per run.
        self._unmovable: set[str] = set()

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}{SUFFIX}", self.folder / f"{key}.json"

    def lock(self, key: str) -> LockFile:
        return LockFile(self.folder / f"{key}.lock")

    def write(self, key: str, report: Report, original: Path | None) -> None:
        """Write the copy, then its description; `WriteError` (or `OSError` where the folder
        cannot be made) if the disk refuses."""
        self.folder.mkdir(parents=True, exist_ok=True)
        copy, meta = self._paths(key)
        atomic_write(copy, dumps(report))
        description = {
            "original": str(original) if original is not None else None,
            "saved_at": datetime.now().astimezone().isoformat(),
            "department": report.department,
        }
        atomic_write(meta, json.dumps(description, ensure_ascii=False).encode("utf-8"))

    def discard(self, key: str) -> None:
        for path in self._paths(key):
            with contextlib.suppress(OSError):
                path.unlink()

    def forget(self, copy: RecoveryCopy) -> None:
        """A copy left by a crash is recovered or declined: it goes, and its stale lock."""
        self.discard(copy.key)
        self.lock(copy.key).remove_if_stale()

    def copies(self) -> list[RecoveryCopy]:
        """Every copy in the folder, newest first, whatever its description says (a
        description without its copy is of no use and ignored)."""
        try:
            entries = [p for p in self.folder.iterdir() if p.suffix == SUFFIX and _KEY_RE.fullmatch(p.stem)]
        except OSError:
            return []
        found = [_describe(copy.stem, copy.with_suffix(".json"), copy) for copy in entries]
        found.sort(key=lambda c: c.saved_at, reverse=True)
        return found

    def orphans(self, *, besides: str | None = None) -> list[RecoveryCopy]:
        """Copies no running window holds (left by a crash), newest first; `besides` is the
        caller's own key."""
        return [c for c in self.copies() if c.key != besides and self.lock(c.key).holder() is None]

    def review(self, copies: list[RecoveryCopy]) -> Review:
        """Load each copy: those that load are usable, the others are set aside."""
        review = Review([], [])
        for copy in copies:
            if copy.key in self._unmovable:
                continue
            try:
                review.usable.append((copy, copy.load()))
            except ProjectFileError as exc:
                review.set_aside.append(self._set_aside(copy, exc))
        return review

    def _set_aside(self, copy: RecoveryCopy, error: ProjectFileError) -> SetAside:
        folder = self.folder / SET_ASIDE_FOLDER
        target = folder / copy.set_aside_name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.replace(copy.copy, target)
        except OSError:
            target = copy.copy  # cannot be moved: it stays, and is not offered again this run
            self._unmovable.add(copy.key)
        meta = copy.copy.with_suffix(".json")
        with contextlib.suppress(OSError):
            if target != copy.copy:
                os.replace(meta, target.with_suffix(".json"))
        self.lock(copy.key).remove_if_stale()
        return SetAside(target, copy, str(error), newer=isinstance(error, NewerVersionError))

    def copy_for(self, path: Path) -> RecoveryCopy | None:
        key = key_for(path)
        return next((c for c in self.copies() if c.key == key), None)
