"""The headings 一、 to 六、 of a report typed by hand, told apart from body text that starts
with the same numeral (`二、改进措施：…` inside section 五 is body text, not heading 二)."""

from __future__ import annotations

import re

from selfeval_gui.domain.layout import compact
from selfeval_gui.domain.model import Section

_HEADING_RE = re.compile(r"^\s*([一二三四五六])\s*(?:[、.．,，]|\s)\s*(.*)$", re.DOTALL)
#: Words that tell a section's heading from a body paragraph that starts with the same numeral.
_HEADING_WORDS = {
    "一": ("部门名称", "单位名称", "预算部门"),
    "二": ("履职目标", "目标完成"),
    "三": ("概况",),
    "四": ("绩效实现", "实现情况", "支出绩效"),
    "五": ("存在问题", "改进措施", "问题及"),
    "六": ("应用", "公开"),
}
#: A heading's words come early; a paragraph mentioning them further on is body text.
_HEADING_REACH = 30


def section_heading(text: str) -> tuple[Section | None, str] | None:
    """(section, text after the heading) if `text` is the heading of section 一 (section
    `None`: the department's name follows) to 六."""
    match = _HEADING_RE.match(text)
    if match is None:
        return None
    numeral, rest = match.groups()
    words = _HEADING_WORDS[numeral]
    if not any(w in compact(rest[:_HEADING_REACH]) for w in words):
        return None
    section = None if numeral == "一" else next(s for s in Section if s.numeral == numeral)
    colon = re.search("[:：]", rest)
    if colon and any(w in compact(rest[: colon.start()]) for w in words):
        return section, rest[colon.end():].strip()
    if section is not None:
        for variant in (section.heading, section.heading.replace("（", "(").replace("）", ")")):
            if rest.startswith(variant):
                return section, rest[len(variant):].strip()
    # `三、单位概况　本单位为…。`: the heading in other words, its text after a space. What
    # follows the space must be text (a sentence, or longer than a heading), not the rest of
    # a heading typed with a space in it (`六、绩效自评结果应用 公开情况`); the department's
    # name is whatever follows.
    for space in re.finditer(r"\s+", rest):
        tail = rest[space.end():].strip()
        if any(w in compact(rest[: space.start()]) for w in words) and (
            section is None or tail.endswith(("。", "！", "？")) or len(tail) > _HEADING_REACH
        ):
            return section, tail
    return section, ""
