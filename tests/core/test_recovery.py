"""Recovery copies: written, found newest first, tied to their file, discarded."""

import os
import time
from pathlib import Path

import pytest

from selfeval_gui.domain.submission import time_text
from selfeval_gui.storage.projectfile import dumps, save_report
from selfeval_gui.storage.recovery import SET_ASIDE_FOLDER, RecoveryStore, key_for


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
    key = key_for(None)
    store.write(key, seed_report, None)
    (tmp_path / f"{key}.jxzp").unlink()
    (tmp_path / "untitled-0123456789ab.json").write_text("not json", encoding="utf-8")
    assert store.copies() == []


def test_keys_of_files_are_stable_and_untitled_keys_unique(tmp_path):
    assert key_for(tmp_path / "x.jxzp") == key_for(tmp_path / "." / "x.jxzp")
    assert key_for(None) != key_for(None)


# ---------------------------------------------------------------- copies judged one by one


def _newer_version_copy(store: RecoveryStore, key: str) -> None:
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / f"{key}.jxzp").write_text(
        '{"format": "selfeval-gui/report", "schema_version": 99, "app_version": "9.0", "report": {}}',
        encoding="utf-8")
    (store.folder / f"{key}.json").write_text('{"original": null, "saved_at": "2030-01-01T00:00:00+08:00"}',
                                             encoding="utf-8")


def test_a_copy_that_cannot_be_loaded_is_set_aside_and_the_others_stay_usable(tmp_path, seed_report):
    store = RecoveryStore(tmp_path / "recovery")
    older = key_for(None)
    seed_report.department = "从未保存过的报告"
    store.write(older, seed_report, None)
    newest = key_for(None)
    _newer_version_copy(store, newest)
    damaged = key_for(tmp_path / "损坏.jxzp")
    store.write(damaged, seed_report, tmp_path / "损坏.jxzp")
    (store.folder / f"{damaged}.jxzp").write_bytes(dumps(seed_report)[:500])  # cut short by a crash

    review = store.review(store.orphans())
    assert [copy.key for copy, _ in review.usable] == [older]
    assert review.usable[0][1].department == "从未保存过的报告"
    assert len(review.set_aside) == 2
    for aside in review.set_aside:
        assert aside.path.parent == store.folder / SET_ASIDE_FOLDER and aside.path.exists()
        assert str(aside.path) in aside.message and "无法恢复" in aside.message
    newer, damaged_aside = sorted(review.set_aside, key=lambda aside: not aside.newer)
    assert "较新版本" in newer.reason and "升级软件后可以用“文件 → 打开”打开它" in newer.message
    assert "以后不再提示" not in newer.message  # nor is it lost for good: it opens once upgraded
    assert f" {newer.copy.saved_at.astimezone():%Y%m%d-%H%M%S} " in newer.path.name  # the time the message says
    saved_at = time_text(damaged_aside.copy.saved_at)
    assert damaged_aside.message.startswith(f"“损坏.jxzp”的自动恢复副本（自动保存于 {saved_at}）无法恢复")
    # A recovery copy has no backup: none is advised, and the copy is named as it is kept.
    assert "备份" not in damaged_aside.message and ".bak" not in damaged_aside.message
    assert f"“{damaged_aside.path.name}”不完整" in damaged_aside.message and damaged not in damaged_aside.message
    # Reported once: the next start finds only the usable one.
    assert [c.key for c in store.orphans()] == [older]
    assert store.review(store.orphans()).set_aside == []


@pytest.mark.parametrize(
    ("description", "original", "noted"),
    [
        ('{"original": 123, "saved_at": "2024-05-03T09:12:00"}', None, "所属文件的记录无效"),
        ('{"original": "D:/报告.jxzp", "saved_at": 5}', "D:/报告.jxzp", "保存时间的记录无效"),
        ('["not", "a", "description"]', None, "说明文件已损坏"),
        ("{broken", None, "说明文件已损坏"),
        (None, None, "缺少说明文件"),
    ],
)
def test_bad_descriptions_cost_only_what_they_said(tmp_path, seed_report, description, original, noted):
    store = RecoveryStore(tmp_path)
    key = key_for(tmp_path / "报告.jxzp")
    store.write(key, seed_report, tmp_path / "报告.jxzp")
    meta = tmp_path / f"{key}.json"
    if description is None:
        meta.unlink()
    else:
        meta.write_text(description, encoding="utf-8")
    [copy] = store.copies()
    assert copy.original == (Path(original) if original else None)
    assert noted in copy.note
    assert copy.load() == seed_report


def test_times_with_and_without_a_time_zone_sort_together(tmp_path, seed_report):
    store = RecoveryStore(tmp_path)
    for key, when in (("untitled-aaaaaaaaaaaa", "2024-05-03T09:12:00"),
                      ("untitled-bbbbbbbbbbbb", "2024-05-03T10:12:00+08:00"),
                      ("untitled-cccccccccccc", "2024-05-04T08:00:00")):
        store.write(key, seed_report, None)
        (tmp_path / f"{key}.json").write_text(f'{{"original": null, "saved_at": "{when}"}}', encoding="utf-8")
    keys = [c.key for c in store.copies()]
    assert keys[0] == "untitled-cccccccccccc" and len(keys) == 3
    assert all(c.saved_at.tzinfo is not None and c.note is None for c in store.copies())


def test_a_copy_whose_window_still_runs_is_no_orphan(tmp_path, seed_report):
    store = RecoveryStore(tmp_path)
    key = key_for(None)
    lock = store.lock(key)
    assert lock.acquire() is None
    store.write(key, seed_report, None)
    assert store.orphans() == [] and [c.key for c in store.orphans(besides="x")] == []
    lock.release()
    assert [c.key for c in store.orphans()] == [key]


def test_a_report_never_saved_is_known_by_its_department(tmp_path, seed_report):
    store = RecoveryStore(tmp_path)
    seed_report.department = "苏州市/红十字会"
    store.write(key_for(None), seed_report, None)
    [copy] = store.copies()
    assert copy.report_name == "“苏州市/红十字会”（尚未保存过的报告）"
    assert copy.stem == "苏州市 红十字会"  # a file name's part: no subfolder
    (tmp_path / f"{copy.key}.jxzp").write_bytes(b'{"format": "selfeval-gui/re')
    [aside] = store.review(store.orphans()).set_aside
    assert aside.path.name.startswith("苏州市 红十字会 ") and aside.message.startswith(copy.report_name)
    seed_report.department = ""
    store.write(key_for(None), seed_report, None)
    [nameless] = store.copies()
    assert nameless.report_name == "一份尚未保存过的报告" and nameless.stem == "未保存的报告"


def test_a_copy_that_cannot_be_moved_aside_is_not_said_to_be(tmp_path, seed_report):
    store = RecoveryStore(tmp_path)
    key = key_for(None)
    _newer_version_copy(store, key)
    (tmp_path / SET_ASIDE_FOLDER).write_text("a file where the folder would go", encoding="utf-8")
    [aside] = store.review(store.orphans()).set_aside
    assert not aside.moved and aside.path == tmp_path / f"{key}.jxzp" and aside.path.exists()
    assert "已移到" not in aside.message and "本次不再提示" in aside.message
    assert store.review(store.orphans()).set_aside == []  # said once while the program runs
