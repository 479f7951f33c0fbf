"""The text layout of a published report (as `suzhou-redcross-2023.txt`).

    苏州市市级预算部门（单位）整体支出预算绩效自评报告
    （2023年度）
    一、预算部门名称：…
    二、年度履职目标完成情况：
    …text…
    …三 to 六 likewise…
     7、 预算信息
    <rows: one cell per line starting with a tab, rows separated by blank lines>
    8、 年度重点任务
    9、 部门整体自评表

A cell's text may run over several lines (lines without a leading tab continue it). Rows are
separated by blank lines, but extraction sometimes splits a row or drops a trailing blank
cell, so blocks are joined or padded to the table's width, and a note says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from selfeval_gui.domain.findings import COLUMNS, HEADINGS, Table
from selfeval_gui.domain.layout import has_text
from selfeval_gui.domain.model import Section
from selfeval_gui.importers import ImportFailed, ImportNote, ImportResult, beyond_limit, read_source
from selfeval_gui.importers.assemble import assemble, parse_title, parse_year, sections_text
from selfeval_gui.importers.headings import section_heading

_TABLE_RE = re.compile(r"^\s*(7|8|9|七|八|九)\s*[、.．]\s*(预算信息|年度重点任务|部门整体自评表)\s*$")
_TABLES = {"预算信息": Table.BUDGET, "年度重点任务": Table.TASKS, "部门整体自评表": Table.INDICATORS}
_WIDTHS = {Table.BUDGET: 6, Table.TASKS: 3, Table.INDICATORS: 8}
_HEADER_WORDS = {Table.BUDGET: "年初预算数", Table.TASKS: "任务名称", Table.INDICATORS: "指标名称"}
# Limits (see `importers`); the published sample has 22 KB in 594 lines.
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_LINES = 50_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, name: str) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with its BOM (Notepad's "Unicode") or,
    as Chinese Windows writes it, GB18030."""
    encodings = ("utf-16",) if data.startswith(_UTF16_BOMS) else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"无法读取“{name}”：文件不是 UTF-8、UTF-16 或 GBK 编码的文本。")


def import_text_file(path: Path) -> ImportResult:
    return import_text(decode(read_source(path, MAX_TEXT_BYTES), path.name), path.name)


def import_text(text: str, name: str = "文本") -> ImportResult:
    if len(text) > MAX_TEXT_BYTES:  # characters, where text comes not from a file
        raise beyond_limit(name, f"文本有 {len(text):,} 个字符", f"{MAX_TEXT_BYTES:,} 个字符")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\n") >= MAX_LINES:
        raise beyond_limit(name, f"文本有 {text.count(chr(10)) + 1:,} 行", f"{MAX_LINES:,} 行")
    lines = text.replace("\ufeff", "").split("\n")
    notes: list[ImportNote] = []
    city, year, department = "", None, ""
    sections: dict[Section, list[str]] = {}
    tables: dict[Table, list[str]] = {}
    current: list[str] | None = None
    seen_department = False
    for line in lines:
        table_match = _TABLE_RE.match(line)
        if table_match:
            current = tables.setdefault(_TABLES[table_match.group(2)], [])
            continue
        # A line such as `二、改进措施` in section 五 is body text: a heading names its section,
        # and each section has one.
        heading = section_heading(line) if not tables and not line.startswith("\t") else None
        if heading is not None:
            section, rest = heading
            if section is None and not seen_department:
                department, seen_department, current = rest, True, None
                continue
            if section is not None and section not in sections:
                current = sections.setdefault(section, [])
                if rest:
                    current.append(rest)
                continue
        if current is None and not sections and not tables:
            city = city or (parse_title(line) or "")
            year = parse_year(line) if year is None else year
            continue
        if current is not None:
            current.append(line)
    if not sections and not tables:
        raise ImportFailed(
            f"“{name}”中找不到自评报告的结构（“一、预算部门名称”等标题和预算信息等表格），无法导入。"
        )
    texts = sections_text(sections, notes)
    rows = {table: table_rows(tables.get(table, []), table, notes) for table in _TABLES.values()}
    report = assemble(
        city=city,
        year=year,
        department=department,
        sections=texts,
        rows=rows,
        notes=notes,
    )
    return ImportResult(report, notes)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Cells grouped by blank-line-separated blocks."""
    blocks: list[list[str]] = []
    block: list[str] | None = None
    for line in lines:
        if not line.strip() and not line.startswith("\t"):
            block = None
            continue
        if block is None:
            block = []
            blocks.append(block)
        if line.startswith("\t") or not block:
            block.append(line[1:] if line.startswith("\t") else line)
        else:
            block[-1] = f"{block[-1]}\n{line}" if block[-1].strip() else line
    return blocks


def table_rows(lines: list[str], table: Table, notes: list[ImportNote]) -> list[list[str]]:
    """The data rows of a table (its header row dropped), each padded to the table's width."""
    width = _WIDTHS[table]
    rows: list[list[str]] = []
    pending: list[str] = []
    for block in _blocks(lines):
        if pending and len(pending) + len(block) > width:
            rows.append(_padded(pending, width, table, len(rows), notes))
            pending = []
        pending.extend(block)
        while len(pending) >= width:
            if has_text(pending[:width]):  # a row of blank cells is none
                rows.append(pending[:width])
            pending = pending[width:]
    if pending:
        rows.append(_padded(pending, width, table, len(rows), notes))
    if not rows:
        if lines:
            notes.append(ImportNote(f"{table.table_name}没有可读的行。", table))
        else:
            notes.append(ImportNote(f"没有找到{table.table_name}。", table))
        return []
    header, *data = rows
    if not any(_HEADER_WORDS[table] in cell for cell in header):
        notes.append(ImportNote(f"{table.table_name}的第一行不像表头，已按表头跳过，请核对。", table))
    return [[cell.strip() for cell in row] for row in data]


def _padded(cells: list[str], width: int, table: Table, index: int, notes: list[ImportNote]) -> list[str]:
    missing = width - len(cells)
    if index > 0:
        keys = COLUMNS[table][len(cells):width]
        named = "、".join(f"“{HEADINGS[table][k]}”" for k in keys)
        notes.append(
            ImportNote(
                f"{table.table_name}第{index}行只有 {len(cells)} 个单元格，缺少的 {named} 按空白处理。",
                table, index - 1, keys[0],
            )
        )
    return cells + [""] * missing
