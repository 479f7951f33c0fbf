"""Recovery copies: written, found newest first, tied to their file, discarded."""

import os
import time

from selfeval_gui.storage.projectfile import save_report
from selfeval_gui.storage.recovery import RecoveryStore, key_for


def test_a_copy_is_written_found_and_discarded(tmp_path, seed_report):
    store = RecoveryStore(tmp_path / "recovery")
    assert store.copies() == []
    key = key_for(None)
    seed_report.department = "未保存的修改"
    store.write(key, seed_report, None)
    [copy] = store.copies()
    assert copy.key == key and copy.original is None and copy.newer_than_original
    assert copy.load().department == "未保存的修改"
    store.discard(key)
    assert store.copies() == []


def test_a_copy_belongs_to_its_file_and_knows_whether_it_is_newer(tmp_path, seed_report):
    store = RecoveryStore(tmp_path / "recovery")
    project = tmp_path / "报告.jxzp"
    save_report(seed_report, project)
    past = time.time() - 3600
    os.utime(project, (past, past))
    store.write(key_for(project), seed_report, project)
    copy = store.copy_for(project)
    assert copy is not None and copy.original == project and copy.newer_than_original
    save_report(seed_report, project)  # saved after the copy was written
    future = time.time() + 3600
    os.utime(project, (future, future))
    assert not store.copy_for(project).newer_than_original
    assert store.copy_for(tmp_path / "其他.jxzp") is None


def test_a_description_without_its_copy_is_ignored(tmp_path, seed_report):
    store = RecoveryStore(tmp_path)
    store.write("a", seed_report, None)
    (tmp_path / "a.jxzp").unlink()
    (tmp_path / "b.json").write_text("not json", encoding="utf-8")
    assert store.copies() == []


def test_keys_of_files_are_stable_and_untitled_keys_unique(tmp_path):
    assert key_for(tmp_path / "x.jxzp") == key_for(tmp_path / "." / "x.jxzp")
    assert key_for(None) != key_for(None)
