"""The settings registry: typed values, defaults, damaged values, and typing sessions."""

from decimal import Decimal

from PySide6.QtCore import QSettings

from selfeval_gui.ui.overview import TYPING_PAUSE, TypingSessions
from selfeval_gui.ui.settings import MAX_RECENT_FILES, Settings


def test_defaults_and_round_trips(settings, tmp_path):
    assert settings.far_exceeded_threshold == Decimal(20)
    assert settings.recent_files == [] and settings.window_geometry == b""
    settings.far_exceeded_threshold = Decimal("12.5")
    settings.window_geometry = b"\x01\x02"
    settings.sync()
    again = Settings(QSettings(settings.store.fileName(), QSettings.Format.IniFormat))
    assert again.far_exceeded_threshold == Decimal("12.5") and again.window_geometry == b"\x01\x02"


def test_a_damaged_value_falls_back_to_the_default(settings):
    settings.store.setValue("validation/far_exceeded_threshold", "二十")
    assert settings.far_exceeded_threshold == Decimal(20)
    settings.store.setValue("validation/far_exceeded_threshold", "-5")
    assert settings.far_exceeded_threshold == Decimal(20)
    settings.store.setValue("view/show_reference", "也许")
    assert settings.show_reference is True


def test_a_switch_survives_the_ini_file(settings):
    assert settings.show_reference is True
    settings.show_reference = False
    settings.sync()
    again = Settings(QSettings(settings.store.fileName(), QSettings.Format.IniFormat))
    assert again.show_reference is False


def test_recent_files_newest_first_without_duplicates(settings, tmp_path):
    for n in range(MAX_RECENT_FILES + 2):
        settings.add_recent_file(tmp_path / f"{n}.jxzp")
    settings.add_recent_file(tmp_path / "3.jxzp")
    recent = settings.recent_files
    assert len(recent) == MAX_RECENT_FILES and recent[0].endswith("3.jxzp")
    assert len(set(recent)) == len(recent)
    assert settings.last_folder == str(tmp_path.resolve())


def test_one_recent_file_survives_the_ini_format(settings, tmp_path):
    settings.add_recent_file(tmp_path / "only.jxzp")
    settings.sync()
    again = Settings(QSettings(settings.store.fileName(), QSettings.Format.IniFormat))
    assert again.recent_files == [str((tmp_path / "only.jxzp").resolve())]


def test_a_pause_or_another_field_starts_a_new_undo_step():
    now = [100.0]
    sessions = TypingSessions(clock=lambda: now[0])
    first = sessions.session("goals")
    now[0] += 0.5
    assert sessions.session("goals") == first
    now[0] += TYPING_PAUSE + 0.1
    second = sessions.session("goals")
    assert second != first
    assert sessions.session("profile") != second
    sessions.break_()
    assert sessions.session("profile") != second
