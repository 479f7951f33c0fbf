"""The tables of a file laid out by another template, gathered: what the Word and the Excel
importer share once they have a table as a grid of cells.

Each table is cut into its blocks (see `columns.split_blocks`); the rows of tables 7, 8 and 9
are collected, the 年度总体目标 of the national form becomes section 二, and the head rows
above the first block (项目名称, 主管部门, 实施单位) name the project and the department.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from selfeval_gui.domain.findings import Table
from selfeval_gui.domain.layout import BlockRead, compact, texts
from selfeval_gui.domain.model import DEPARTMENT_HEADING, Section
from selfeval_gui.importers import ImportNote
from selfeval_gui.importers.assemble import Cell
from selfeval_gui.importers.columns import Block, Grid, Source, block_rows, split_blocks

#: Labels of the head rows, by what they name.
_HEAD_LABELS = {
    "项目名称": "project",
    "主管部门": "supervisor",
    "主管部门(单位)": "supervisor",
    "实施单位": "implementer",
    "部门名称": "department",
    "单位名称": "department",
    "预算部门": "department",
    "预算单位": "department",
    "预算部门名称": "department",
    "部门(单位)名称": "department",
    "部门(单位)": "department",
}
_LABEL_END_RE = re.compile(r"[:：]$")


def _label(text: str) -> str | None:
    return _HEAD_LABELS.get(_LABEL_END_RE.sub("", compact(text)))


@dataclass(slots=True)
class Added:
    """What one table held: its blocks with their rows, and its head rows' other texts."""

    blocks: list[tuple[Block, BlockRead]] = field(default_factory=list)
    head_texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Forms:
    """What the tables of one file hold, table after table."""

    notes: list[ImportNote]
    rows: dict[Table, list[list[Cell]]] = field(default_factory=dict)
    #: 项目名称, 主管部门, 实施单位, 部门名称 from the head rows, first found.
    head: dict[str, str] = field(default_factory=dict)
    #: (预期目标, 实际完成情况) of each 年度总体目标 block, with where it was.
    goals: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, grid: Grid, source: Source, *, caption_unit: str | None = None) -> Added | None:
        """Read one table; `None` when it holds no block of the report."""
        found = split_blocks(grid, source, unit=caption_unit)
        if not found.blocks:
            return None
        added = Added()
        for index in found.head:
            added.head_texts += self._head_row(grid[index])
        for block in found.blocks:
            first = len(self.rows.get(block.table, []))
            rows = block_rows(block, grid, source, self.notes, first_row=first)
            added.blocks.append((block, rows))
            if block.table is Table.OVERVIEW:
                place = source.rows([*block.header_rows, *block.data])
                for expected, achieved in rows.rows:
                    self.goals.append(((expected or "").strip(), (achieved or "").strip(), place))
            else:
                self.rows.setdefault(block.table, []).extend(rows.rows)
        return added

    def _head_row(self, row: Sequence[Cell]) -> list[str]:
        """Take the fields a head row names; the texts that are none (a title, `（2023年度）`)."""
        cells = texts(row)
        rest: list[str] = []
        index = 0
        while index < len(cells):
            text = cells[index]
            label, _, value = text.partition("：") if "：" in text else text.partition(":")
            key = _label(label) if value.strip() else _label(text)
            if key is not None and value.strip():
                self.head.setdefault(key, value.strip())
            elif key is not None and index + 1 < len(cells) and _label(cells[index + 1]) is None:
                self.head.setdefault(key, cells[index + 1])
                index += 1
            elif key is None:
                rest.append(text)
            index += 1
        return rest

    @property
    def project(self) -> str:
        return self.head.get("project", "")

    def department(self) -> str:
        """The department the head rows name: its own name, else the 主管部门 (the budget
        department of a project's form), else the 实施单位; a note says which was taken."""
        for key, label in (("department", ""), ("supervisor", "主管部门"), ("implementer", "实施单位")):
            name = self.head.get(key, "")
            if name:
                if label:
                    self.notes.append(ImportNote(
                        f"“{DEPARTMENT_HEADING}”取自表格中的“{label}”：{name}。", Table.OVERVIEW, None, "department"))
                return name
        return ""

    def goals_text(self, sections: dict[Section, list[str]]) -> None:
        """The 年度总体目标's 实际完成情况 as section 二 when the file has none of its own; its
        预期目标, which the indicators' targets restate, is quoted in the note."""
        if not self.goals:
            return
        where = "、".join(dict.fromkeys(place for *_, place in self.goals))
        expected = "；".join(e for e, _, _ in self.goals if e)
        heading = f"第二部分“{Section.GOALS.heading}”"
        if Section.GOALS in sections:
            self.notes.append(ImportNote(
                f"{where}的年度总体目标未导入：报告已有{heading}。", Table.OVERVIEW, None, Section.GOALS.value))
            return
        sections[Section.GOALS] = [a for _, a, _ in self.goals if a]
        said = f"；预期目标（“{expected}”）未导入" if expected else ""
        self.notes.append(ImportNote(
            f"{heading}取自{where}的年度总体目标中的“实际完成情况”{said}，请核对。",
            Table.OVERVIEW, None, Section.GOALS.value))
