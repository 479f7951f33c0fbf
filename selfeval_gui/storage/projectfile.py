"""The project file `.jxzp`: one report as UTF-8 JSON, versioned, saved atomically.

    {"format": "selfeval-gui/report", "schema_version": 2, "app_version": "0.1.0",
     "report": {... amounts as decimal strings ...}}

Loading either returns a whole, valid report or raises `ProjectFileError` with one Chinese
sentence; it never returns half a report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfeval_gui import __version__
from selfeval_gui.domain.model import Report
from selfeval_gui.storage.atomic import (
    ReadOnlyError,
    WriteError,
    atomic_write,
    explain_os_error,
    fitting_name,
)
from selfeval_gui.storage.identity import FileIdentity

FORMAT = "selfeval-gui/report"
SCHEMA_VERSION = 2
SUFFIX = ".jxzp"
BACKUP_SUFFIX = ".bak"
#: A report is some hundred kilobytes; anything this large is not one.
MAX_BYTES = 64 * 1024 * 1024



def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 added last year's reference (`previous` on the report and its rows) and the
    submission block; a schema-1 report has neither, which their defaults say."""
    return {**document, "schema_version": 2}


#: Upgrades of the JSON document, keyed by the version they upgrade from; each returns the
#: document at the next version. Applied in order on load.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


_PROBLEMS = {
    "missing": "缺少必需的内容",
    "extra_forbidden": "含有无法识别的字段",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "数字位数过多",
    "finite_number": "应为有限的数字",
    "list_type": "应为列表",
    "model_type": "应为对象",
    "dict_type": "应为对象",
    "too_short": "不能为空",
    "greater_than_equal": "超出允许范围",
    "less_than_equal": "超出允许范围",
    "literal_error": "取值无效",
    "value_error": "取值无效",
}


class ProjectFileError(Exception):
    """A project file that cannot be read or written; `str(error)` is for the user."""


class NewerVersionError(ProjectFileError):
    """The file was written by a newer version of the program: it is sound, this one cannot
    read it."""


class ReadOnlyProjectError(ProjectFileError):
    """The project file is read-only and was not replaced (`replace_read_only=False`)."""


def backup_path(path: Path) -> Path:
    """`<name>.bak` beside the file, shortened where the name is too long to take it."""
    return path.with_name(fitting_name(path.name, BACKUP_SUFFIX))


def dumps(report: Report) -> bytes:
    document = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "report": report.model_dump(mode="json"),
    }
    try:
        return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (half an emoji from a damaged file or a clipboard) has no UTF-8
        # form; JSON's \u escapes keep it, and loading gives it back.
        return (json.dumps(document, ensure_ascii=True, indent=1) + "\n").encode("ascii")


def loads(data: bytes, name: str = "文件", *, backup: Path | None = None) -> Report:
    """A report from the bytes of a project file; `ProjectFileError` if they are not one.
    `backup` is the file's backup, to be named where the file was cut short (only one that
    exists)."""
    if len(data) > MAX_BYTES:
        raise ProjectFileError(
            f"“{name}”有 {len(data) // (1024 * 1024)} MB，远大于任何自评报告，不是本软件的项目文件。"
        )
    if not data.strip():
        raise ProjectFileError(f"“{name}”是空文件，没有可打开的内容。")
    advice = f"可以尝试打开同一文件夹中的备份文件“{backup.name}”。" if backup is not None else ""
    truncated = ProjectFileError(f"“{name}”不完整，可能在保存时被中断。{advice}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and data.lstrip().startswith(b"{"):
            raise truncated from None
        raise ProjectFileError(f"“{name}”不是本软件的项目文件（不是 UTF-8 文本）。") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        looks_like_ours = text.lstrip().startswith("{") and FORMAT in text[:200]
        if looks_like_ours and not text.rstrip().endswith("}"):
            raise truncated from None
        raise ProjectFileError(
            f"“{name}”已损坏（第 {exc.lineno} 行第 {exc.colno} 列格式错误），无法打开。"
        ) from None
    except (ValueError, RecursionError):
        raise ProjectFileError(f"“{name}”已损坏，不是本软件能读取的项目文件。") from None
    return _from_document(document, name)


def _from_document(document: object, name: str) -> Report:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ProjectFileError(f"“{name}”不是本软件的项目文件（缺少格式标识）。")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(f"“{name}”的版本号无效，无法打开。")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"“{name}”由较新版本的软件（{document.get('app_version', '未知版本')}）保存，"
            f"当前版本 {__version__} 无法打开，请升级软件。"
        )
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
    try:
        return Report.model_validate(document.get("report"))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in ("report", *first["loc"]))
        problem = _PROBLEMS.get(first["type"], "内容无效")
        raise ProjectFileError(
            f"“{name}”的内容结构不正确（{where}：{problem}），无法打开。"
        ) from None
    except RecursionError:
        raise ProjectFileError(f"“{name}”的结构嵌套过深，不是本软件的项目文件。") from None


def load_report(path: Path | str) -> Report:
    return load_project(path)[0]


def load_project(path: Path | str) -> tuple[Report, FileIdentity]:
    """The report in a project file and what the file was when read (to notice, before
    saving, that another window or program changed it)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_size > MAX_BYTES:
                raise ProjectFileError(
                    f"“{path.name}”有 {status.st_size // (1024 * 1024)} MB，远大于任何自评报告，不是本软件的项目文件。"
                )
            data = handle.read()
    except FileNotFoundError:
        raise ProjectFileError(f"找不到文件“{path}”。") from None
    except OSError as exc:
        # Windows says "permission denied" for a folder; `os.path.isdir` (unlike
        # `Path.is_dir`) never raises, whatever is wrong with the name.
        if os.path.isdir(path):
            raise ProjectFileError(f"“{path}”是一个文件夹，不是项目文件。") from None
        raise ProjectFileError(explain_os_error(exc, path, "读取")) from None
    backup = backup_path(path)
    return loads(data, path.name, backup=backup if backup.is_file() else None), FileIdentity.of(data, status)


def save_report(report: Report, path: Path | str, *, keep_backup: bool = True,
                replace_read_only: bool = False) -> FileIdentity:
    """Save atomically; the previous file, if any, is kept as `<name>.bak` beside it. A
    read-only file is replaced only with `replace_read_only` (`ReadOnlyProjectError`).
    Returns what the file is now."""
    path = Path(path)
    data = dumps(report)
    try:
        atomic_write(path, data, backup=backup_path(path) if keep_backup else None,
                     replace_read_only=replace_read_only)
    except ReadOnlyError as exc:
        raise ReadOnlyProjectError(str(exc)) from exc
    except WriteError as exc:
        raise ProjectFileError(str(exc)) from exc
    return FileIdentity.written(path, data)
