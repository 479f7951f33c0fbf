"""The .jxzp project file: round trips, atomic saves, and every kind of bad file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from selfeval_gui.domain.model import Report
from selfeval_gui.storage import atomic
from selfeval_gui.storage.projectfile import (
    FORMAT,
    MAX_BYTES,
    MIGRATIONS,
    SCHEMA_VERSION,
    ProjectFileError,
    backup_path,
    dumps,
    load_report,
    loads,
    save_report,
)
from tests.core.strategies import reports


@given(reports)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_save_then_load_gives_back_an_equal_report(report):
    assert loads(dumps(report)) == report


def test_a_lone_surrogate_read_from_a_file_saves_and_loads_back(tmp_path):
    path = tmp_path / "r.jxzp"
    path.write_bytes(b'{"format": "selfeval-gui/report", "schema_version": 1, "report": {"department": "\\ud83dx"}}')
    report = load_report(path)
    assert report.department == "\ud83dx"
    save_report(report, path)
    assert load_report(path) == report


def test_the_seed_survives_a_disk_round_trip(tmp_path, seed_report):
    path = tmp_path / "红十字会 2023.jxzp"
    save_report(seed_report, path)
    assert load_report(path) == seed_report


def test_amounts_are_stored_as_decimal_strings(seed_report):
    document = json.loads(dumps(seed_report))
    assert document["format"] == FORMAT and document["schema_version"] == SCHEMA_VERSION
    assert document["report"]["budget"]["basic"]["initial"] == "785.72"
    assert "1176.7299999999998" not in dumps(seed_report).decode()


def test_saving_keeps_the_previous_version_as_a_backup(tmp_path, seed_report):
    path = tmp_path / "r.jxzp"
    save_report(seed_report, path)
    first = path.read_bytes()
    seed_report.department = "改过的名称"
    save_report(seed_report, path)
    assert backup_path(path).read_bytes() == first
    assert load_report(path).department == "改过的名称"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_save_leaves_the_file_as_it_was(tmp_path, seed_report, monkeypatch):
    path = tmp_path / "r.jxzp"
    save_report(seed_report, path)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    seed_report.department = "不会被保存"
    with pytest.raises(ProjectFileError, match="磁盘空间不足"):
        save_report(seed_report, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jxzp"]


def test_a_missing_folder_gives_a_clear_message(tmp_path, seed_report):
    with pytest.raises(ProjectFileError, match="不存在"):
        save_report(seed_report, tmp_path / "missing-folder" / "r.jxzp")


def test_a_folder_without_write_permission_gives_a_clear_message(tmp_path, seed_report, monkeypatch):
    """(Simulated: the tests run as root, whom permissions do not stop.)"""
    def refused(folder):
        raise PermissionError(13, "Permission denied", str(folder / "~selfeval-x.tmp"))

    monkeypatch.setattr(atomic, "_new_temp", refused)
    with pytest.raises(ProjectFileError, match=f"没有写入“{tmp_path}”的权限"):
        save_report(seed_report, tmp_path / "r.jxzp")


def test_a_locked_target_is_explained(tmp_path, seed_report, monkeypatch):
    path = tmp_path / "r.jxzp"
    save_report(seed_report, path)
    before = path.read_bytes()

    def locked(src, dst):
        error = PermissionError(13, "Permission denied")
        error.winerror = 32  # Windows' sharing violation: Word has the file open
        raise error

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ProjectFileError, match="其他程序"):
        save_report(seed_report, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "bad.jxzp"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "空文件"),
        (b"   \n", "空文件"),
        (b"\xff\xfe\x00garbage\x00\x01", "UTF-8"),
        (b"PK\x03\x04 this is a zip", "UTF-8|已损坏"),
        (b"hello, world}", "已损坏"),
        (b"[1, 2, 3]", "缺少格式标识"),
        (b'{"format": "other", "schema_version": 1}', "缺少格式标识"),
        (b'{"format": "selfeval-gui/report", "schema_version": "1"}', "版本号无效"),
        (b'{"format": "selfeval-gui/report", "schema_version": 0, "report": {}}', "版本号无效"),
        (b'{"format": "selfeval-gui/report", "schema_version": 99, "app_version": "9.0"}', "较新版本.*9.0.*升级"),
        (b'{"format": "selfeval-gui/report", "schema_version": 1, "report": {"year": "two"}}', "report.year：应为整数"),
        (b'{"format": "selfeval-gui/report", "schema_version": 1, "report": {"duties": [{"tasks": []}]}}', "不能为空"),
        (b'{"format": "selfeval-gui/report", "schema_version": 1, "report": {"bogus": 1}}', "无法识别的字段"),
        (b'{"format": "selfeval-gui/report", "schema_version": 1, "report": {"budget": {"basic": '
         b'{"initial": "NaN"}}}}', "有限的数字"),
        (b'{"format": "selfeval-gui/report", "schema_version": 1, "report": {"budget": {"basic": '
         b'{"initial": "1e30"}}}}', "位数过多"),
        (b'{"format": "selfeval-gui/report", "schema_version": 1, "report": null}', "应为对象"),
        (b"[" * 100000 + b"]" * 100000, "嵌套过深|已损坏|缺少格式标识"),
        (b'{"a": 1' + b"9" * 5000 + b"}", "已损坏"),
    ],
)
def test_every_kind_of_bad_file_gives_one_clear_error(tmp_path, data, says):
    with pytest.raises(ProjectFileError, match=says):
        load_report(_write(tmp_path, data))


@pytest.mark.parametrize("kept", [0.1, 0.33, 0.5, 0.9, 0.999])
def test_a_truncated_file_points_to_the_backup(tmp_path, seed_report, kept):
    data = dumps(seed_report)
    (tmp_path / "bad.jxzp.bak").write_bytes(data)
    with pytest.raises(ProjectFileError, match=r"不完整.*“bad\.jxzp\.bak”"):
        load_report(_write(tmp_path, data[: int(len(data) * kept)]))


def test_a_truncated_file_without_a_backup_points_to_none(tmp_path, seed_report):
    data = dumps(seed_report)
    with pytest.raises(ProjectFileError, match="不完整") as error:
        load_report(_write(tmp_path, data[: len(data) // 2]))
    assert "备份" not in str(error.value) and ".bak" not in str(error.value)


def test_an_absurdly_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.jxzp"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ProjectFileError, match="MB"):
        load_report(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectFileError, match="找不到"):
        load_report(tmp_path / "nope.jxzp")
    with pytest.raises(ProjectFileError, match="文件夹"):
        load_report(tmp_path)


def test_a_name_too_long_to_open_is_explained(tmp_path):
    with pytest.raises(ProjectFileError, match="文件名或路径太长"):
        load_report(tmp_path / ("报" * 300 + ".jxzp"))


def test_a_byte_order_mark_is_accepted(seed_report):
    assert loads(b"\xef\xbb\xbf" + dumps(seed_report)) == seed_report


def test_older_files_are_migrated_in_order(monkeypatch, seed_report):
    """With a next schema whose migration renames a field, a file of today's schema loads
    through it."""
    monkeypatch.setattr("selfeval_gui.storage.projectfile.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    calls = []

    def rename_department(doc):
        calls.append(doc["schema_version"])
        doc["report"]["department"] = doc["report"].pop("department_name")
        return doc

    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION, rename_department)
    document = json.loads(dumps(seed_report))
    document["schema_version"] = SCHEMA_VERSION
    document["report"]["department_name"] = document["report"].pop("department")
    report = loads(json.dumps(document).encode())
    assert isinstance(report, Report) and report.department == seed_report.department
    assert calls == [SCHEMA_VERSION]


def test_every_older_schema_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_a_schema_1_file_opens_with_no_reference_and_no_submission(seed_report):
    """The bundled sample as version 0.1 saved it (schema 1), kept as a fixture."""
    path = Path(__file__).parent.parent / "data" / "schema-1" / "suzhou-redcross-2023.jxzp"
    assert json.loads(path.read_bytes())["schema_version"] == 1
    report = load_report(path)
    assert report == seed_report
    assert report.previous is None and not report.submission.filled
    assert all(row.previous is None for row in report.budget.projects)
    assert all(i.previous is None for i in report.indicators)
    assert all(t.previous_completion is None for d in report.duties for t in d.tasks)


def test_a_saved_file_gets_ordinary_permissions_and_keeps_changed_ones(tmp_path, seed_report):
    path = tmp_path / "r.jxzp"
    save_report(seed_report, path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    save_report(seed_report, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == 0o640


def test_a_path_through_a_file_is_explained_in_chinese(tmp_path, seed_report):
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="不是文件夹"):
        save_report(seed_report, tmp_path / "not-a-folder" / "r.jxzp")
