"""An unexpected error is logged and explained, never shown as a traceback."""

import sys

from selfeval_gui.ui.errors import MAX_LOG_CHARS, install_excepthook


def test_an_escaped_error_is_logged_and_the_clerk_is_told(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    told: list[str] = []
    log = tmp_path / "logs" / "error.log"
    install_excepthook(log, told.append)
    try:
        raise ValueError("坏的输入")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "ValueError: 坏的输入" in log.read_text(encoding="utf-8")
    assert len(told) == 1 and "保存" in told[0] and str(log) in told[0]


def test_the_log_keeps_only_the_newest_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log = tmp_path / "error.log"
    log.write_text("旧" * MAX_LOG_CHARS, encoding="utf-8")
    install_excepthook(log, lambda text: None)
    try:
        raise RuntimeError("最新的错误")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = log.read_text(encoding="utf-8")
    assert len(text) <= MAX_LOG_CHARS and text.rstrip().endswith("RuntimeError: 最新的错误")
