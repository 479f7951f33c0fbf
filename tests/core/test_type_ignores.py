"""Every comment that silences mypy on a line names the error it silences and says why, so that
none outlives its reason unnoticed (mypy, strict, reports those no longer needed)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_IGNORE = "# type" + ": ignore"  # spelt apart, or this file would be one of them
#: The comment, its error codes in brackets, then two spaces, `#` and the reason.
_SAID = re.compile(re.escape(_IGNORE) + r"\[[a-z-]+(?:, *[a-z-]+)*\]  # \S")


def test_every_type_ignore_names_its_error_and_says_why():
    ignores = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("selfeval_gui", "tests", "benchmarks", "scripts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#\s*type\s*:\s*ignore", line) and not _SAID.search(line)
    ]
    assert ignores == []
