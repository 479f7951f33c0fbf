"""Saving that loses nothing: saves killed at random moments, names of any length, temporary
files left by a killed save, read-only files, what a file was when loaded, and messages true
to the cause."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import sys
import time
from pathlib import Path

import pytest

from selfeval_gui.storage import atomic
from selfeval_gui.storage.atomic import TEMP_PREFIX, explain_os_error, os_error_cause
from selfeval_gui.storage.identity import FileIdentity
from selfeval_gui.storage.processes import host_tag
from selfeval_gui.storage.projectfile import (
    ProjectFileError,
    ReadOnlyProjectError,
    backup_path,
    dumps,
    load_project,
    load_report,
    save_report,
)

#: The suite keeps at least this many killed saves.
KILLED_SAVES = 200


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a save at a random moment")
def test_a_save_killed_at_any_moment_leaves_the_old_file_or_the_new_one_byte_for_byte(tmp_path, seed_report,
                                                                                    trials):
    """A child process saves two versions in turn, as fast as it can; it is killed with
    SIGKILL after a random delay. Each time the file is one of the versions exactly, so is
    its backup, and the next save removes what the killed one left."""
    path = tmp_path / "报告.jxzp"
    versions = []
    for name in ("版本甲", "版本乙"):
        report = seed_report.model_copy(deep=True)
        report.department = name
        report.overview.goals *= 3  # some hundred kilobytes: a save takes a few writes
        versions.append(report)
    whole = {dumps(v) for v in versions}
    save_report(versions[1], path)
    save_report(versions[0], path)  # and a backup
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    left_behind = 0
    for _ in range(KILLED_SAVES):
        pid = os.fork()
        if pid == 0:  # the child: save, save, save … until killed
            try:
                i = 0
                while True:
                    save_report(versions[i % 2], path)
                    i += 1
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert path.read_bytes() in whole, f"seed {seed}"
        assert backup_path(path).read_bytes() in whole, f"seed {seed}"
        left = _temps(tmp_path)
        left_behind += bool(left)
        assert all(f"{host_tag()}-{pid}-" in p.name for p in left)
        save_report(versions[0], path)  # the next save clears what the killed one left
        assert _temps(tmp_path) == []
    trials(f"saves killed at random moments (seed {seed}), {left_behind} of them mid-write", KILLED_SAVES)
    assert left_behind > 0, "no kill landed inside a save: the test tried nothing"
    assert load_report(path) == versions[0]


@pytest.mark.parametrize("name_bytes", [240, 253])
def test_a_long_name_saves_again_and_again_and_its_backup_fits(tmp_path, seed_report, name_bytes):
    """A name of 240 bytes used to save once and then fail: the backup's temporary name was
    longer than a file name may be. One of 253 bytes leaves no room even for `.bak`: the
    backup's name is shortened."""
    stem = "苏" * ((name_bytes - len(".jxzp")) // 3)
    stem += "x" * (name_bytes - len(".jxzp") - len(os.fsencode(stem)))
    path = tmp_path / f"{stem}.jxzp"
    assert len(os.fsencode(path.name)) == name_bytes
    for department in ("第一次", "第二次", "第三次"):
        seed_report.department = department
        save_report(seed_report, path)
    backup = backup_path(path)
    assert len(os.fsencode(backup.name)) <= 255 and backup.name.endswith(".bak")
    assert (backup.name == path.name + ".bak") == (name_bytes + 4 <= 255)
    assert load_report(backup).department == "第二次"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup.name])


def test_two_long_names_get_two_backups(tmp_path):
    first, second = (tmp_path / ("苏" * 82 + tail + ".jxzp") for tail in ("甲", "乙"))
    assert backup_path(first) != backup_path(second)


def test_a_name_too_long_for_the_disk_is_explained_in_chinese(tmp_path, seed_report):
    path = tmp_path / ("报" * 90 + ".jxzp")  # 275 bytes
    with pytest.raises(ProjectFileError) as caught:
        save_report(seed_report, path)
    message = str(caught.value)
    assert "文件名或路径太长" in message
    assert not any("a" <= ch.lower() <= "z" for ch in message.replace("jxzp", ""))


def test_temporary_files_of_gone_processes_are_removed_others_kept(tmp_path, seed_report):
    dead = os.fork() if hasattr(os, "fork") else None
    if dead == 0:
        os._exit(0)
    if dead is not None:
        os.waitpid(dead, 0)
    leftover = tmp_path / f"{TEMP_PREFIX}{host_tag()}-{dead or 999999}-a1b2c3.tmp"
    running = tmp_path / f"{TEMP_PREFIX}{host_tag()}-{os.getpid()}-d4e5f6.tmp"
    other_host = tmp_path / f"{TEMP_PREFIX}ffffff-123-abcdef.tmp"
    old_other_host = tmp_path / f"{TEMP_PREFIX}eeeeee-123-abcdef.tmp"
    office = tmp_path / "~$报告.docx"  # Word's own, never ours
    for file in (leftover, running, other_host, old_other_host, office):
        file.write_bytes(b"half a report")
    two_hours_ago = time.time() - 7200
    os.utime(old_other_host, (two_hours_ago, two_hours_ago))
    save_report(seed_report, tmp_path / "报告.jxzp")
    assert not leftover.exists() and not old_other_host.exists()
    assert running.exists() and other_host.exists() and office.exists()


def test_a_read_only_file_is_not_replaced_unless_asked(tmp_path, seed_report):
    path = tmp_path / "定稿.jxzp"
    save_report(seed_report, path)
    before = path.read_bytes()
    path.chmod(0o444)
    seed_report.department = "改过"
    with pytest.raises(ReadOnlyProjectError, match="只读"):
        save_report(seed_report, path)
    assert path.read_bytes() == before and _temps(tmp_path) == []
    save_report(seed_report, path, replace_read_only=True)
    assert load_report(path).department == "改过"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # still read-only
    assert backup_path(path).read_bytes() == before


def test_what_a_file_was_when_loaded_tells_a_change_from_a_touch(tmp_path, seed_report):
    path = tmp_path / "报告.jxzp"
    saved = save_report(seed_report, path)
    report, loaded = load_project(path)
    assert loaded == saved and loaded.sha256 == FileIdentity.read(path).sha256
    assert loaded.still(path) == loaded
    later = time.time() + 60
    os.utime(path, (later, later))  # copied back, or touched: the same content
    touched = loaded.still(path)
    assert touched is not None and touched.mtime_ns != loaded.mtime_ns
    report.department = "另一个窗口的修改"
    save_report(report, path)
    assert loaded.still(path) is None
    path.unlink()
    assert loaded.still(path) is None


@pytest.mark.parametrize(
    ("error", "says", "never"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足", "Word"),
        (OSError(errno.EROFS, "Read-only file system"), "只读", "Word"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "文件名或路径太长", "File name"),
        (OSError(errno.EIO, "Input/output error"), "EIO", "Input/output"),
    ],
)
def test_messages_say_the_true_cause_in_chinese(tmp_path, error, says, never):
    message = explain_os_error(error, tmp_path / "报告.jxzp", kept=True)
    assert says in message and never not in message


def test_a_file_in_use_on_windows_is_blamed_on_the_other_program(tmp_path):
    error = PermissionError(errno.EACCES, "Permission denied")
    error.winerror = 32
    assert "其他程序" in explain_os_error(error, tmp_path / "报告.jxzp")
    assert "占用" in os_error_cause(error, tmp_path / "报告.jxzp")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_folder_without_permission_is_not_blamed_on_word(tmp_path):
    message = explain_os_error(PermissionError(errno.EACCES, "Permission denied"), tmp_path / "报告.jxzp")
    assert "权限" in message and "Word" not in message


def test_the_temporary_file_name_is_short_whatever_the_name(tmp_path, monkeypatch):
    names = []
    real = atomic._new_temp

    def spy(folder):
        fd, path = real(folder)
        names.append(path.name)
        return fd, path

    monkeypatch.setattr(atomic, "_new_temp", spy)
    atomic.atomic_write(tmp_path / ("长" * 80 + ".docx"), b"x")
    assert names and all(len(name) < 60 for name in names)
