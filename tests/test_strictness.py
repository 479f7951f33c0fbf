"""The rules every test runs under (tests/conftest.py and pyproject.toml), proved on tests
made to break them."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")


def test_a_qt_warning_fails_any_test_and_the_offscreen_platforms_limits_do_not(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile("""
        from PySide6.QtCore import qWarning

        def test_warns(qapp):
            qWarning("QWidget::setLayout: something odd")

        def test_offscreen_limits(qapp):
            qWarning("This plugin does not support propagateSizeHints()")
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    # The warning fails test_warns at its teardown (pytest counts its call as passed).
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*Qt warnings:*", "*QWidget::setLayout: something odd*", "ERROR *::test_warns*"])


def test_a_python_warning_fails_the_test(pytester):
    pytester.makepyprojecttoml((CONFTEST.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    test = pytester.makepyfile("""
        import warnings

        def test_deprecated():
            warnings.warn("going away", DeprecationWarning, stacklevel=1)
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", test)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*DeprecationWarning: going away*"])
