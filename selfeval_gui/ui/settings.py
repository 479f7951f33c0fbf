"""Every setting the editor keeps, in one typed registry over `QSettings`.

Each option names its key, its type and its default once; nothing else in the editor reads
`QSettings` directly. Preferences (the far-exceeded threshold) are kept apart from the state
the window restores (geometry, recent files).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from selfeval_gui.domain.findings import DEFAULT_FAR_EXCEEDED_THRESHOLD
from selfeval_gui.domain.money import plain

T = TypeVar("T")

ORGANIZATION = "selfeval"
APPLICATION = "selfeval-gui"
MAX_RECENT_FILES = 10


class Option(Generic[T]):
    """One setting: a key, a default, and how its value is stored."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, settings: None, owner: type) -> Option[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...

    def __get__(self, settings: Settings | None, owner: type) -> Option[T] | T:
        if settings is None:
            return self
        raw = settings.store.value(self.key)
        if raw is None:
            return self.default
        try:
            return self.decode(raw)
        except (TypeError, ValueError, InvalidOperation):  # json.JSONDecodeError is a ValueError
            return self.default  # a hand-edited or damaged value: fall back quietly

    def __set__(self, settings: Settings, value: T) -> None:
        settings.store.setValue(self.key, self.encode(value))

    def decode(self, raw: Any) -> T:
        """The value from what `QSettings` gives back; `TypeError` or `ValueError` if it is
        not one."""
        raise NotImplementedError

    def encode(self, value: T) -> Any:
        return value


class StrListOption(Option[list[str]]):
    def decode(self, raw: Any) -> list[str]:
        # INI files give back a single-item list as a plain string.
        items = [raw] if isinstance(raw, str) else list(raw)
        return [str(item) for item in items if str(item)]

    def encode(self, value: list[str]) -> Any:
        return list(value)


class BoolOption(Option[bool]):
    def decode(self, raw: Any) -> bool:
        # INI files give back "true"/"false" as text.
        if isinstance(raw, str):
            if raw.lower() not in ("true", "false"):
                raise ValueError(raw)
            return raw.lower() == "true"
        return bool(raw)


class StrOption(Option[str]):
    def decode(self, raw: Any) -> str:
        return str(raw)


class BytesOption(Option[bytes]):
    def decode(self, raw: Any) -> bytes:
        if isinstance(raw, QByteArray):
            return bytes(raw.data())
        if isinstance(raw, bytes | bytearray):
            return bytes(raw)
        raise TypeError(raw)

    def encode(self, value: bytes) -> Any:
        return QByteArray(value)


class DefaultsOption(Option[dict[str, dict[str, str]]]):
    """Named sets of text fields, stored as one JSON object."""

    def decode(self, raw: Any) -> dict[str, dict[str, str]]:
        value = json.loads(str(raw))
        if not isinstance(value, dict):
            raise ValueError(raw)
        return {
            str(name): {str(k): str(v) for k, v in fields.items()}
            for name, fields in value.items() if isinstance(fields, dict)
        }

    def encode(self, value: dict[str, dict[str, str]]) -> Any:
        return json.dumps(value, ensure_ascii=False)


class PercentOption(Option[Decimal]):
    def __init__(self, key: str, default: Decimal, *, maximum: Decimal) -> None:
        super().__init__(key, default)
        self.maximum = maximum

    def decode(self, raw: Any) -> Decimal:
        value = Decimal(str(raw))
        if not value.is_finite() or not 0 <= value <= self.maximum:
            raise ValueError(raw)
        return value

    def encode(self, value: Decimal) -> Any:
        return plain(value)


class Settings:
    """The editor's settings; tests pass their own `QSettings` (an INI file in a temp folder)."""

    # Preferences
    far_exceeded_threshold = PercentOption(
        "validation/far_exceeded_threshold", DEFAULT_FAR_EXCEEDED_THRESHOLD, maximum=Decimal(1000)
    )
    #: Last year's reference beside this year's (视图 → 上年对照), for a report made from last year's.
    show_reference = BoolOption("view/show_reference", True)
    # State the window restores
    #: The submission block last filled in for each department (all but the date), offered
    #: for that department's next report.
    submission_defaults = DefaultsOption("report/submission_defaults", {})
    recent_files = StrListOption("files/recent", [])
    last_folder = StrOption("files/last_folder", "")
    export_folder = StrOption("files/export_folder", "")
    window_geometry = BytesOption("window/geometry", b"")
    window_state = BytesOption("window/state", b"")

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    def add_recent_file(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        self.recent_files = [entry, *(p for p in self.recent_files if p != entry)][:MAX_RECENT_FILES]
        self.last_folder = str(Path(entry).parent)

    def remove_recent_file(self, path: str) -> None:
        self.recent_files = [p for p in self.recent_files if p != path]

    def submission_for(self, department: str) -> dict[str, str]:
        """What the submission block last held for `department` (empty if nothing)."""
        return self.submission_defaults.get(" ".join(department.split()), {})

    def remember_submission(self, department: str, fields: dict[str, str]) -> None:
        """Keep `fields` for `department`'s next report; blank fields are not kept."""
        key = " ".join(department.split())
        kept = {name: value for name, value in fields.items() if value.strip()}
        if not key or not kept or self.submission_for(key) == kept:
            return
        self.submission_defaults = {**self.submission_defaults, key: kept}

    def sync(self) -> None:
        self.store.sync()
