"""The submission block (填报信息): its fields' labels, and the date as documents write it.

The date is written with Arabic numerals, year in full, month and day without a leading zero
(`2024年3月15日`): GB/T 9704-2012 (7.3.5.1) sets the 成文日期 of official documents so since
2012, replacing the Chinese numerals (二〇二四年三月十五日) of its 1999 predecessor; finance
bureaus' forms follow it.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from selfeval_gui.domain.money import halfwidth

if TYPE_CHECKING:  # the labels serve the column headings too, which load no model (`findings`)
    from selfeval_gui.domain.model import Submission

#: Field of `model.Submission` → its label, in the order the block lists them.
SUBMISSION_LABELS: dict[str, str] = {
    "unit": "填报单位（盖章）",
    "head": "单位负责人",
    "finance_head": "财务负责人",
    "preparer": "填报人",
    "phone": "联系电话",
    "date": "填报日期",
}
#: The fields carried to next year's report and remembered per department: all but the date.
STANDING_FIELDS = ("unit", "head", "finance_head", "preparer", "phone")
#: How the editor and the edits address a field: a column of 概况 (`submission.unit`).
COLUMN_PREFIX = "submission."


def column(name: str) -> str:
    return f"{COLUMN_PREFIX}{name}"


def field_of(column_name: str) -> str | None:
    """The submission field a 概况 column stands for, or `None` if it is not one."""
    if column_name.startswith(COLUMN_PREFIX):
        name = column_name[len(COLUMN_PREFIX):]
        return name if name in SUBMISSION_LABELS else None
    return None


def date_text(date: datetime.date) -> str:
    """`2024年3月15日`."""
    return f"{date.year}年{date.month}月{date.day}日"


def time_text(moment: datetime.datetime) -> str:
    """`2024年3月5日 9:07`, in local time: a moment the editor tells the clerk (when a copy
    was saved, since when a report is open elsewhere), dated as the documents date."""
    local = moment.astimezone()
    return f"{date_text(local)} {local.hour}:{local.minute:02d}"


def shown_values(submission: Submission) -> dict[str, str]:
    """Each field as the documents show it, in the block's order (blank where not filled)."""
    return {
        name: (date_text(submission.date) if submission.date else "") if name == "date" else getattr(submission, name)
        for name in SUBMISSION_LABELS
    }


_DATE_RE = re.compile(r"(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")


class DateError(ValueError):
    """Text that is not a date; `str(error)` is the Chinese message for the user."""


def parse_date(text: str) -> datetime.date | None:
    """A date as clerks write it: `2024年3月15日`, `2024-3-15`, `2024.03.15`, `2024/3/15`,
    `20240315`, with full-width digits too; blank is no date. `DateError` otherwise."""
    raw = halfwidth(text).strip()
    if not raw:
        return None
    match = _DATE_RE.fullmatch(raw) or _COMPACT_RE.fullmatch(raw)
    if match is not None:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise DateError(f"“{text.strip()}”不是日期，请写成 2024年3月15日 或 2024-3-15。")
