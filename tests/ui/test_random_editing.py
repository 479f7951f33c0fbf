"""A clerk's keys in a random order (the same order each run): whatever they do, the findings
are those a full validation gives (and notes on pastes), the report stays valid, and undoing
everything gives back the report as it was opened."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from selfeval_gui.domain.findings import Code, Finding
from selfeval_gui.domain.model import Report
from selfeval_gui.domain.validation import validate
from tests.ui.helpers import commit_text, set_clipboard

K, M = Qt.Key, Qt.KeyboardModifier
KEYS = [
    (K.Key_Return, M.NoModifier), (K.Key_Return, M.ShiftModifier), (K.Key_Return, M.AltModifier),
    (K.Key_Tab, M.NoModifier), (K.Key_Escape, M.NoModifier), (K.Key_F2, M.NoModifier),
    (K.Key_Delete, M.NoModifier), (K.Key_Backspace, M.NoModifier),
    (K.Key_Up, M.NoModifier), (K.Key_Down, M.NoModifier), (K.Key_Right, M.ShiftModifier),
    (K.Key_Down, M.ShiftModifier), (K.Key_Up, M.AltModifier), (K.Key_Down, M.AltModifier),
    (K.Key_Z, M.ControlModifier), (K.Key_Y, M.ControlModifier),
    (K.Key_Equal, M.ControlModifier), (K.Key_Minus, M.ControlModifier),
    (K.Key_D, M.ControlModifier | M.ShiftModifier),
    (K.Key_C, M.ControlModifier), (K.Key_X, M.ControlModifier), (K.Key_V, M.ControlModifier),
    (K.Key_F8, M.NoModifier), (K.Key_F8, M.ShiftModifier),
    (K.Key_Down, M.ControlModifier), (K.Key_Left, M.ControlModifier),
    (K.Key_Right, M.ControlModifier | M.ShiftModifier),
    (K.Key_Home, M.ControlModifier), (K.Key_End, M.ControlModifier), (K.Key_Return, M.ControlModifier),
    (K.Key_G, M.ControlModifier), (K.Key_2, M.ControlModifier),
]
TYPED = ["1", "95%", "a", "12.5", "-5"]
COMPOSED = ["健全", "较好", "１０个", "≥９０％"]
CLIPBOARD = ["1,075.37", "３．３４万元", "≥９０％", "九点一", "", "健全", "=2次", '"一行\n两行"\t乙',
             "甲\t乙\n\t丙\n丁\t戊"]


def rule_findings(window) -> list[Finding]:
    """The document's findings but its notes on pastes, which no validation finds again."""
    return [f for f in window.document.findings if f.code is not Code.PASTE_COMPUTED]


@pytest.mark.parametrize("seed", range(18))
def test_random_keys_keep_the_report_valid_and_undo_restores_it(qtbot, window, seed):
    rnd = random.Random(seed)
    original = window.document.report.model_dump()
    for step in range(300):
        if rnd.random() < 0.1:
            window.tabs.setCurrentIndex(rnd.randrange(1, 4))
        sheet = getattr(window.tabs.currentWidget(), "sheet", None)
        if sheet is None:
            window.tabs.setCurrentIndex(rnd.randrange(1, 4))
            continue
        model = sheet.model()
        target = window.focusWidget() or sheet
        action = rnd.random()
        if action < 0.25 and model.rowCount():
            sheet.setCurrentIndex(model.index(rnd.randrange(model.rowCount()), rnd.randrange(model.columnCount())))
            sheet.setFocus()
        elif action < 0.45:
            qtbot.keyClicks(target, rnd.choice(TYPED))
        elif action < 0.55:
            commit_text(target, rnd.choice(COMPOSED), compose=rnd.random() < 0.5)
        elif action < 0.62:
            set_clipboard(rnd.choice(CLIPBOARD))
        else:
            key, modifiers = rnd.choice(KEYS)
            qtbot.keyClick(target, key, modifiers)
        if step % 50 == 49:
            assert rule_findings(window) == validate(window.document.report)
    Report.model_validate(window.document.report.model_dump())
    assert rule_findings(window) == validate(window.document.report)
    while window.document.undo_stack.canUndo():
        window.undo()
    assert window.document.report.model_dump() == original
