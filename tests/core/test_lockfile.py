"""Lock files: who holds a report, and locks left by crashes recognised as such."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from selfeval_gui.storage.lockfile import Holder, LockFile, edit_lock_path
from selfeval_gui.storage.processes import ProcessId, host_name, user_name

TAKE_AND_DIE = """
import os, sys
from pathlib import Path
from selfeval_gui.storage.lockfile import LockFile
assert LockFile(Path(sys.argv[1])).acquire() is None
os.kill(os.getpid(), 9)
"""


def _write_lock(path: Path, **fields) -> None:
    me = ProcessId.current()
    data = {"user": "张三", "host": me.host, "pid": me.pid, "started": me.started,
            "since": datetime.now().astimezone().isoformat(), "app": "selfeval-gui", **fields}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_lock_beside_a_report_is_hidden_and_fits_a_long_name(tmp_path):
    assert edit_lock_path(tmp_path / "报告.jxzp") == tmp_path / ".~lock.报告.jxzp#"
    long = tmp_path / ("报" * 83 + ".jxzp")
    assert len(os.fsencode(edit_lock_path(long).name)) <= 255


def test_a_second_window_is_told_who_holds_the_report(tmp_path):
    first, second = LockFile(tmp_path / "a.lock"), LockFile(tmp_path / "a.lock")
    assert first.acquire() is None and first.held
    holder = second.acquire()
    assert isinstance(holder, Holder) and not second.held
    assert holder.pid == os.getpid() and holder.host == host_name() and holder.user == user_name()
    assert holder.describe().startswith("本机的另一个窗口")
    first.release()
    assert not (tmp_path / "a.lock").exists()
    assert second.acquire() is None and second.held
    second.release()


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path):
    path = tmp_path / "a.lock"
    died = subprocess.run([sys.executable, "-c", TAKE_AND_DIE, str(path)], timeout=60)
    assert died.returncode == -9 and path.exists()
    lock = LockFile(path)
    assert lock.holder() is None
    assert lock.acquire() is None and json.loads(path.read_text(encoding="utf-8"))["pid"] == os.getpid()
    lock.release()


def test_a_pid_now_used_by_another_process_is_not_the_holder(tmp_path):
    """Windows hands out pids again soon: a lock of a pid that now runs something that
    started later was left by a crash."""
    path = tmp_path / "a.lock"
    _write_lock(path, pid=os.getppid(), started=1_000_000.0)
    assert LockFile(path).holder() is None


def test_a_lock_of_another_computer_counts_as_held_and_says_who(tmp_path):
    path = tmp_path / "a.lock"
    _write_lock(path, host="财务科-PC02", pid=4312, started=None)
    holder = LockFile(path).acquire()
    assert holder is not None
    assert "张三" in holder.describe() and "财务科-PC02" in holder.describe()


def test_a_lock_this_process_left_but_no_longer_holds_is_stale(tmp_path):
    path = tmp_path / "a.lock"
    _write_lock(path)
    assert LockFile(path).holder() is None


def test_a_damaged_lock_is_someone_s_for_a_moment_then_stale(tmp_path):
    path = tmp_path / "a.lock"
    path.write_bytes(b'{"user": "\xe5')  # being written, or cut by a crash
    assert LockFile(path).holder() is not None
    old = time.time() - 60
    os.utime(path, (old, old))
    assert LockFile(path).holder() is None


def test_no_lock_where_none_can_be_written_and_nothing_refused(tmp_path):
    lock = LockFile(tmp_path / "no-such-folder" / "a.lock")
    assert lock.acquire() is None and not lock.held
    lock.release()


@pytest.mark.parametrize("since", ["2024-05-03T09:12:00", "2024-05-03T09:12:00+08:00", "昨天", None, 12])
def test_any_time_in_a_lock_is_read_or_left_out(since):
    holder = Holder.from_json({"user": "李四", "host": "PC", "pid": 7, "since": since})
    assert ("2024年5月3日" in holder.describe()) == (isinstance(since, str) and since.startswith("2024"))
