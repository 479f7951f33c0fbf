"""The corpus of forms laid out after other templates (see ../shared/LAYOUTS.md), with invented
figures, and what importing each must give: the report, the import notes and the findings.

Regenerate the files under tests/data/layouts/ with `python -m tests.layout_corpus`; the
expectations here are written by hand, from the forms, never from what the importer returns.

A table is written as rows of cells: `<` continues the cell on its left (a cell spanning
columns), `^` the cell above (a cell merged down), as Word and Excel merge them.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH

from selfeval_gui.domain.model import Budget, BudgetRow, Duty, Indicator, KeyTask, Overview, Report
from selfeval_gui.exporters.excel import first_sheet

D = Decimal
CORPUS = Path(__file__).parent / "data" / "layouts"

Grid = list[list[str]]


@dataclass(frozen=True)
class Note:
    """An import note expected: where it points (table, row, column) and words it must say."""

    table: str | None
    row: int | None
    column: str | None
    says: str


@dataclass
class Form:
    name: str
    #: What the form is, after which template.
    about: str
    #: The document: paragraphs (str) and tables (Grid), in order.
    body: list[str | Grid]
    #: The workbook, when the layout allows one: sheet name → paragraphs and tables, in order.
    sheets: dict[str, list[str | Grid]] | None = None
    report: Report | None = None
    notes: dict[str, list[Note]] = field(default_factory=dict)
    #: (code, table, row, column) of each finding validation gives on the imported report.
    findings: list[tuple[str, str, int | None, str | None]] = field(default_factory=list)
    #: Words of the message a refused file is refused with.
    refused: str = ""

    @property
    def formats(self) -> list[str]:
        return ["docx", "xlsx"] if self.sheets is not None else ["docx"]

    def path(self, suffix: str) -> Path:
        return CORPUS / f"{self.name}.{suffix}"


# ---------------------------------------------------------------- writing the files


def _regions(grid: Grid) -> list[tuple[int, int, int, int, str]]:
    """(first row, first column, last row, last column, text) of each cell as merged."""
    regions = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == "<":
                right += 1
            bottom = r
            while bottom + 1 < len(grid) and grid[bottom + 1][c] == "^":
                bottom += 1
            regions.append((r, c, bottom, right, text))
    return regions


def _stable(data: bytes) -> bytes:
    """The package with a fixed date on every part, so that regenerating the corpus changes
    no file whose content is the same."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-03-01T00:00:00Z", part)
            stamped = zipfile.ZipInfo(info.filename, date_time=_DATE.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, part)
    return buffer.getvalue()


_DATE = datetime.datetime(2024, 3, 1)


def write_docx(form: Form) -> bytes:
    document = docx.Document()
    for item in form.body:
        if isinstance(item, str):
            paragraph = document.add_paragraph(item)
            if item.endswith(("表", "年度）")):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        table = document.add_table(rows=len(item), cols=max(len(r) for r in item))
        table.style = "Table Grid"
        for top, left, bottom, right, text in _regions(item):
            cell = table.cell(top, left)
            if (bottom, right) != (top, left):
                cell = cell.merge(table.cell(bottom, right))
            cell.text = text
    properties = document.core_properties
    properties.author, properties.created, properties.modified = "填报人", _DATE, _DATE
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable(buffer.getvalue())


_NUMBER_RE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _sheet_value(text: str) -> tuple[object, str | None]:
    """A cell as a clerk types it into Excel: figures as numbers (`99.00%` as 0.99 shown as a
    percentage), everything else as text."""
    if text.endswith("%") and _NUMBER_RE.fullmatch(text[:-1]):
        return float(D(text[:-1]) / 100), "0.00%"
    if _NUMBER_RE.fullmatch(text):
        value = D(text.replace(",", ""))
        shown = "#,##0.00" if "," in text else None
        return (int(value) if value == value.to_integral_value() and "." not in text else float(value)), shown
    return text, None


def write_xlsx(form: Form) -> bytes:
    assert form.sheets is not None
    workbook = openpyxl.Workbook()
    workbook.remove(first_sheet(workbook))
    for title, items in form.sheets.items():
        sheet = workbook.create_sheet(title)
        row = 1
        for item in items:
            if isinstance(item, str):
                sheet.cell(row, 1, item)
                row += 1
                continue
            for top, left, bottom, right, text in _regions(item):
                value, shown = _sheet_value(text)
                cell = sheet.cell(row + top, left + 1, value if text else None)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # `=100%` typed as text, not a formula
                if shown:
                    cell.number_format = shown
                if (bottom, right) != (top, left):
                    sheet.merge_cells(start_row=row + top, start_column=left + 1,
                                      end_row=row + bottom, end_column=right + 1)
            row += len(item)
    workbook.properties.created = workbook.properties.modified = _DATE
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable(buffer.getvalue())


def expected_json(form: Form) -> dict[str, object]:
    return {
        "about": form.about,
        "formats": form.formats,
        "refused": form.refused,
        "report": form.report.model_dump(mode="json") if form.report is not None else None,
        "notes": {kind: [vars(n) for n in notes] for kind, notes in form.notes.items()},
        "findings": [list(f) for f in form.findings],
    }


def main() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for form in FORMS:
        form.path("docx").write_bytes(write_docx(form))
        if form.sheets is not None:
            form.path("xlsx").write_bytes(write_xlsx(form))
        text = json.dumps(expected_json(form), ensure_ascii=False, indent=1) + "\n"
        form.path("expected.json").write_text(text, encoding="utf-8")
        print(form.path("docx").name, *(["+ xlsx"] if form.sheets else []))


# ---------------------------------------------------------------- the forms

N = None  # a blank cell in the expected findings' row or column


def _sections_missing(*numerals: str) -> list[Note]:
    return [Note("overview", None, column, f"没有找到第{numeral}部分") for numeral, column in (
        ("二", "goals"), ("三", "profile"), ("四", "performance"), ("五", "problems"), ("六", "application"),
    ) if numeral in numerals]


def _required(table: str, rows: range, column: str) -> list[tuple[str, str, int | None, str | None]]:
    return [("TEXT_REQUIRED", table, row, column) for row in rows]


_OVERVIEW_BLANK = [("TEXT_REQUIRED", "overview", N, c) for c in ("profile", "performance", "problems", "application")]
#: A form with no text part: no city, no section 二 to 六.
_NO_TEXT = [("TEXT_REQUIRED", "overview", N, "city"), ("TEXT_REQUIRED", "overview", N, "goals"), *_OVERVIEW_BLANK]


def _department_form_notes(notes: list[Note]) -> dict[str, list[Note]]:
    """The notes of a department's form (no text part, no table 8) in both formats: its own
    and those of what it lacks."""
    no_tasks = Note("tasks", N, N, "没有找到年度重点任务表")
    return {
        "docx": [*notes, Note("overview", N, "city", "标题中没有城市"),
                 *_sections_missing("二", "三", "四", "五", "六"), no_tasks],
        "xlsx": [*notes, Note("overview", N, N, "没有找到“概况”工作表，城市、第二至六部分留空"), no_tasks],
    }

#: A project's form has no 基本支出: its 年初预算数 and 实际支出数 are to be filled in.
_NO_BASIC = [("TEXT_REQUIRED", "budget", 1, "initial"), ("TEXT_REQUIRED", "budget", 1, "actual")]


def _project_form(project: str, **figures: Decimal) -> Budget:
    """Table 7 of a project's form: its total is 项目支出, and the project its one row."""
    return Budget(projects_total=BudgetRow(name="项目支出", **figures), projects=[BudgetRow(name=project, **figures)])


# -- 1. The national project form (财预〔2020〕10号) printed as ONE table: head, money block,
#       年度总体目标 and indicators, each with its own header row part-way down; 分值 and 得分
#       columns; targets with ≥ or none; an actual without its unit, another a boilerplate.

_NATIONAL_ONE: Grid = [
    ["项目名称", "<", "社区应急救护培训", "<", "<", "<", "<", "<", "<", "<"],
    ["主管部门", "<", "苏州市红十字会", "<", "<", "<", "实施单位", "<", "苏州市红十字应急救护培训中心", "<"],
    ["项目资金（万元）", "<", "", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["^", "^", "年度资金总额", "<", "45", "48", "47.52", "10", "99.00%", "9.9"],
    ["^", "^", "其中：本年财政拨款", "<", "45", "45", "44.52", "—", "—", "—"],
    ["^", "^", "上年结转资金", "<", "", "3", "3", "—", "—", "—"],
    ["^", "^", "其他资金", "<", "", "", "", "—", "—", "—"],
    ["年度总体目标", "<", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"],
    ["^", "^", "全年培训初级救护员不少于5000人，普及培训不少于5万人次，参训人员满意度达到90%以上。", "<", "<", "<",
     "全年培训初级救护员5230人，普及培训6.1万人次，参训人员满意度96%。", "<", "<", "<"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施", "<"],
    ["^", "产出指标", "数量指标", "培训初级救护员人数", "≥5000人", "5230人", "10", "10", "", "<"],
    ["^", "^", "^", "普及培训人次", "≥50000人次", "61000", "10", "10", "社区、学校报名踊跃，开班次数多于计划。", "<"],
    ["^", "^", "质量指标", "培训考核合格率", "≥95%", "97.5%", "10", "10", "", "<"],
    ["^", "^", "时效指标", "培训计划按时完成率", "100%", "100%", "10", "10", "", "<"],
    ["^", "^", "成本指标", "人均培训成本", "≤90元", "86.7元", "10", "10", "", "<"],
    ["^", "效益指标", "社会效益指标", "公众自救互救能力提升", "≥90%", "达成预期指标", "20", "18", "", "<"],
    ["^", "满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "96%", "10", "10", "", "<"],
    ["总分", "<", "<", "<", "<", "<", "100", "98", "", "<"],
]
_NATIONAL_ONE_REPORT = Report(
    city="", year=2023, department="苏州市红十字会",
    overview=Overview(goals="全年培训初级救护员5230人，普及培训6.1万人次，参训人员满意度96%。"),
    budget=_project_form("社区应急救护培训", initial=D("45"), adjustment=D("3"), actual=D("47.52")),
    indicators=[
        Indicator(group="产出指标", category="数量指标", name="培训初级救护员人数", target="≥5000人", actual="5230人"),
        Indicator(group="产出指标", category="数量指标", name="普及培训人次", target="≥50000人次", actual="61000",
                  reason="社区、学校报名踊跃，开班次数多于计划。"),
        Indicator(group="产出指标", category="质量指标", name="培训考核合格率", target="≥95%", actual="97.5%"),
        Indicator(group="产出指标", category="时效指标", name="培训计划按时完成率", target="100%", actual="100%"),
        Indicator(group="产出指标", category="成本指标", name="人均培训成本", target="≤90元", actual="86.7元"),
        Indicator(group="效益指标", category="社会效益指标", name="公众自救互救能力提升", target="≥90%",
                  actual="达成预期指标"),
        Indicator(group="满意度指标", category="服务对象满意度指标", name="参训人员满意度", target="≥90%",
                  actual="96%"),
    ],
    comparator_style="symbol",
)
_NATIONAL_BUDGET_NOTES = [
    Note("budget", N, "name", "取自第3列（表头空白）"),
    Note("budget", N, N, "“分值”、“得分” 列是评分"),
    Note("budget", N, N,
         "“其中：本年财政拨款”一行（年初预算数 45、调整预算数 45、实际支出数 44.52）是按资金来源的分项"),
    Note("budget", N, N, "“上年结转资金”一行（调整预算数 3、实际支出数 3）是按资金来源的分项"),
    Note("budget", N, N, "“其他资金”一行（没有金额）是按资金来源的分项"),
    Note("budget", 2, "adjustment", "按原表的调整预算数（全年预算数）48.00 − 年初预算数 45.00 计为 3.00"),
    Note("budget", 2, N,
         "原表是项目“社区应急救护培训”的自评表：其资金总额（年初预算数 45、调整预算数 48、实际支出数 47.52）"),
]
_NATIONAL_INDICATOR_NOTES = [
    Note("indicators", N, N, "“分值”、“得分” 列是评分"),
    Note("indicators", N, "source", "中没有 “完成值来源” 列"),
]
NATIONAL_ONE = Form(
    "national-one-table",
    "国家项目支出绩效自评表（财预〔2020〕10号）排成一个表格：资金、年度总体目标、绩效指标三部分，各有表头；万元。",
    ["项目支出绩效自评表", "（2023年度）", _NATIONAL_ONE],
    sheets={"项目支出绩效自评表": ["项目支出绩效自评表", "（2023年度）", _NATIONAL_ONE]},
    report=_NATIONAL_ONE_REPORT,
    notes={
        "docx": [
            Note("overview", N, "department", "“预算部门名称”取自表格中的“主管部门”：苏州市红十字会"),
            *_NATIONAL_BUDGET_NOTES,
            Note("overview", N, "goals", "取自第1个表格第8–9行的年度总体目标中的“实际完成情况”；预期目标（“全年培训"),
            *_NATIONAL_INDICATOR_NOTES,
            Note("indicators", N, N, "第1个表格第18行（“总分”、“100”、“98”）不是部门整体自评表的内容"),
            Note("overview", N, "city", "城市留空"),
            *_sections_missing("三", "四", "五", "六"),
            Note("tasks", N, N, "没有找到年度重点任务表"),
        ],
        "xlsx": [
            *_NATIONAL_BUDGET_NOTES,
            *_NATIONAL_INDICATOR_NOTES,
            Note("indicators", N, N, "工作表“项目支出绩效自评表”第20行（“总分”、“100”、“98”）不是部门整体自评表的内容"),
            Note("overview", N, "department", "“预算部门名称”取自表格中的“主管部门”：苏州市红十字会"),
            Note("overview", N, N, "没有找到“概况”工作表，城市、第三至六部分留空"),
            Note("overview", N, "goals",
                 "第二部分“年度履职目标完成情况”取自工作表“项目支出绩效自评表”第10–11行的年度总体目标中的“实际完成情况”"),
            Note("tasks", N, N, "没有找到年度重点任务表"),
        ],
    },
    findings=[
        ("TEXT_REQUIRED", "overview", N, "city"), *_OVERVIEW_BLANK, *_required("indicators", range(7), "source"),
        *_NO_BASIC,
        ("IND_FAR_EXCEEDED", "indicators", 1, "actual"),  # 61000 against ≥50000人次, with its reason
        ("IND_TARGET_BARE", "indicators", 3, "target"),  # 100%
        ("IND_UNIT_MISMATCH", "indicators", 5, "actual"),  # 达成预期指标 against ≥90%
    ],
)

# -- 2. The same national form as two tables, amounts in 元 (项目资金（元）).

_NATIONAL_TWO_MONEY: Grid = [
    ["项目名称", "博爱家园建设", "<", "<", "<", "<", "<", "<"],
    ["主管部门", "苏州市红十字会", "<", "<", "实施单位", "苏州市红十字会", "<", "<"],
    ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["^", "年度资金总额", "1,200,000.00", "1,350,000.00", "1,287,654.32", "10", "95.38%", "9.54"],
    ["^", "其中：本年财政拨款", "1,200,000.00", "1,200,000.00", "1,150,000.00", "—", "—", "—"],
    ["^", "上年结转资金", "", "150,000.00", "137,654.32", "—", "—", "—"],
    ["^", "其他资金", "", "", "", "—", "—", "—"],
    ["年度总体目标", "预期目标", "<", "<", "实际完成情况", "<", "<", "<"],
    ["^", "新建博爱家园10个，开展社区人道服务活动不少于40次。", "<", "<",
     "新建博爱家园10个，开展社区人道服务活动36次。", "<", "<", "<"],
]
_NATIONAL_TWO_INDICATORS: Grid = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "新建博爱家园", "≥10个", "10", "20", "20", ""],
    ["^", "质量指标", "博爱家园验收合格率", "100%", "100%", "20", "20", ""],
    ["^", "时效指标", "项目完工及时率", "≥95%", "100%", "10", "10", ""],
    ["效益指标", "社会效益指标", "开展社区人道服务活动", "≥40次", "36次", "20", "16",
     "部分社区活动因场地改造推迟至次年开展。"],
    ["满意度指标", "服务对象满意度指标", "社区居民满意度", "≥90%", "93.5", "20", "20", ""],
    ["总分", "<", "<", "<", "<", "100", "96", ""],
]
_NATIONAL_TWO_BUDGET_NOTES = [
    Note("budget", N, "name", "取自第2列（表头空白）"),
    Note("budget", N, N, "“分值”、“得分” 列是评分"),
    Note("budget", N, "initial", "“年初预算数”、“全年预算数”、“全年执行数” 列金额以“元”为单位，已换算为万元（÷10000"),
    Note("budget", N, N, "“其中：本年财政拨款”一行（年初预算数 120、调整预算数 120、实际支出数 115）"),
    Note("budget", N, N, "“上年结转资金”一行（调整预算数 15、实际支出数 13.765432）"),
    Note("budget", N, N, "“其他资金”一行（没有金额）"),
    Note("budget", 2, "adjustment", "调整预算数（全年预算数）135.00 − 年初预算数 120.00 计为 15.00"),
    Note("budget", 2, N, "原表是项目“博爱家园建设”的自评表"),
]
NATIONAL_TWO = Form(
    "national-two-tables",
    "国家项目支出绩效自评表排成两个表格（资金和年度总体目标、绩效指标），金额以元为单位。",
    ["项目支出绩效自评表", "（2023年度）", _NATIONAL_TWO_MONEY, "", _NATIONAL_TWO_INDICATORS],
    sheets={"资金": ["项目支出绩效自评表", "（2023年度）", _NATIONAL_TWO_MONEY],
            "绩效指标": [_NATIONAL_TWO_INDICATORS]},
    report=Report(
        city="", year=2023, department="苏州市红十字会",
        overview=Overview(goals="新建博爱家园10个，开展社区人道服务活动36次。"),
        budget=_project_form("博爱家园建设", initial=D("120"), adjustment=D("15"), actual=D("128.765432")),
        indicators=[
            Indicator(group="产出指标", category="数量指标", name="新建博爱家园", target="≥10个", actual="10"),
            Indicator(group="产出指标", category="质量指标", name="博爱家园验收合格率", target="100%", actual="100%"),
            Indicator(group="产出指标", category="时效指标", name="项目完工及时率", target="≥95%", actual="100%"),
            Indicator(group="效益指标", category="社会效益指标", name="开展社区人道服务活动", target="≥40次",
                      actual="36次",
                      reason="部分社区活动因场地改造推迟至次年开展。"),
            Indicator(group="满意度指标", category="服务对象满意度指标", name="社区居民满意度", target="≥90%",
                      actual="93.5"),
        ],
        comparator_style="symbol",
    ),
    notes={
        "docx": [
            Note("overview", N, "department", "取自表格中的“主管部门”"),
            *_NATIONAL_TWO_BUDGET_NOTES,
            Note("overview", N, "goals", "取自第1个表格第8–9行的年度总体目标中的“实际完成情况”；预期目标（“新建博爱"),
            Note("indicators", N, N, "第2个表格第1–7行（部门整体自评表）的 “分值”、“得分” 列是评分"),
            Note("indicators", N, N, "第2个表格第7行（“总分”、“100”、“96”）不是部门整体自评表的内容"),
            Note("indicators", N, "source", "中没有 “完成值来源” 列"),
            Note("overview", N, "city", "城市留空"),
            *_sections_missing("三", "四", "五", "六"),
            Note("tasks", N, N, "没有找到年度重点任务表"),
        ],
        "xlsx": [
            *_NATIONAL_TWO_BUDGET_NOTES,
            Note("indicators", N, N, "工作表“绩效指标”第1–7行（部门整体自评表）的 “分值”、“得分” 列是评分"),
            Note("indicators", N, N, "工作表“绩效指标”第7行（“总分”、“100”、“96”）不是部门整体自评表的内容"),
            Note("indicators", N, "source", "中没有 “完成值来源” 列"),
            Note("overview", N, "department", "取自表格中的“主管部门”"),
            Note("overview", N, N, "没有找到“概况”工作表，城市、第三至六部分留空"),
            Note("overview", N, "goals", "取自工作表“资金”第10–11行的年度总体目标中的“实际完成情况”"),
            Note("tasks", N, N, "没有找到年度重点任务表"),
        ],
    },
    findings=[
        ("TEXT_REQUIRED", "overview", N, "city"), *_OVERVIEW_BLANK, *_required("indicators", range(5), "source"),
        *_NO_BASIC,
        ("IND_TARGET_BARE", "indicators", 1, "target"),  # 100%
        ("IND_TARGET_MISSED", "indicators", 3, "actual"),  # 36次 against ≥40次, with its reason
    ],
)

# -- 3. A department-wide form after the Sichuan template: 年初预算 · 调整后预算数 · 预算执行数 ·
#       预算执行率 · 权重 · 得分 · 原因; a 总额 row and funding-source rows; the comparator,
#       the number and the unit of each target in three columns (指标性质, 指标值, 度量单位).

_SICHUAN: Grid = [
    ["部门（单位）名称", "<", "苏州市法律援助中心", "<", "<", "<", "<", "<", "<", "<"],
    ["项目", "<", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因", "<"],
    ["总额", "<", "812.6", "845.3", "830.15", "98.21%", "10", "9.82", "", "<"],
    ["其中：财政资金", "<", "800", "832.7", "818.05", "98.24%", "", "", "", "<"],
    ["单位资金", "<", "12.6", "12.6", "12.1", "96.03%", "", "", "", "<"],
    ["基本支出", "<", "562.6", "580.3", "575.15", "99.11%", "", "", "年中增加人员经费", "<"],
    ["项目支出", "<", "250", "265", "255", "96.23%", "", "", "", "<"],
    ["法律援助案件补贴", "<", "180", "195", "190.4", "97.64%", "", "", "", "<"],
    ["普法宣传经费", "<", "70", "70", "64.6", "92.29%", "", "", "", "<"],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
    ["产出指标", "数量指标", "办理法律援助案件", "≥", "1200", "件", "1265", "10", "10", ""],
    ["^", "^", "开展普法宣传活动", "＝", "24", "次", "24", "10", "10", ""],
    ["^", "质量指标", "案件质量评查合格率", "≥", "95", "%", "98.2", "10", "10", ""],
    ["^", "时效指标", "援助申请审查办结时限", "≤", "7", "个工作日", "5", "10", "10", ""],
    ["^", "成本指标", "单件案件补贴标准", "≤", "3000", "元", "2960", "10", "10", ""],
    ["效益指标", "社会效益指标", "法律援助知晓率", "≥", "80", "%", "76.5", "20", "17",
     "宣传覆盖面不足，下年度将扩大进社区宣传。"],
    ["满意度指标", "服务对象满意度指标", "受援人满意度", "≥", "90", "%", "95.6", "10", "10", ""],
    ["^", "^", "服务制度健全性", "", "健全", "", "健全", "10", "10", ""],
]
_SICHUAN_NOTES = [
    Note("budget", N, N, "“权重”、“得分” 列是评分"),
    Note("budget", N, N, "“原因” 列不属于本表"),
    Note("budget", N, N, "“其中：财政资金”一行（年初预算数 800、调整预算数 832.7、实际支出数 818.05）"),
    Note("budget", N, N, "“单位资金”一行（年初预算数 12.6、调整预算数 12.6、实际支出数 12.1）"),
    Note("budget", 1, "adjustment", "580.30 − 年初预算数 562.60 计为 17.70"),
    Note("budget", 2, "adjustment", "265.00 − 年初预算数 250.00 计为 15.00"),
    Note("budget", 3, "adjustment", "195.00 − 年初预算数 180.00 计为 15.00"),
    Note("indicators", N, N, "“权重”、“得分” 列是评分"),
    Note("indicators", N, "target", "“指标性质”、“指标值”、“度量单位” 列已合为“指标目标值”"),
    Note("indicators", N, "source", "中没有 “完成值来源” 列"),
]
SICHUAN = Form(
    "sichuan-department",
    "部门整体支出绩效自评表（四川样式）：资金来源分项、权重和得分，指标性质、指标值、度量单位分三列；万元。",
    ["部门整体支出绩效自评表", "（2023年度）", "金额单位：万元", _SICHUAN],
    sheets={"部门整体支出绩效自评表": ["部门整体支出绩效自评表", "（2023年度）", "金额单位：万元", _SICHUAN]},
    report=Report(
        city="", year=2023, department="苏州市法律援助中心",
        budget=Budget(
            basic=BudgetRow(name="基本支出", initial=D("562.6"), adjustment=D("17.7"), actual=D("575.15")),
            projects_total=BudgetRow(name="项目支出", initial=D("250"), adjustment=D("15"), actual=D("255")),
            projects=[
                BudgetRow(name="法律援助案件补贴", initial=D("180"), adjustment=D("15"), actual=D("190.4")),
                BudgetRow(name="普法宣传经费", initial=D("70"), actual=D("64.6")),
            ],
        ),
        indicators=[
            Indicator(group="产出指标", category="数量指标", name="办理法律援助案件", target="≥1200件",
                      actual="1265件"),
            Indicator(group="产出指标", category="数量指标", name="开展普法宣传活动", target="=24次", actual="24次"),
            Indicator(group="产出指标", category="质量指标", name="案件质量评查合格率", target="≥95%", actual="98.2%"),
            Indicator(group="产出指标", category="时效指标", name="援助申请审查办结时限", target="≤7个工作日",
                      actual="5个工作日"),
            Indicator(group="产出指标", category="成本指标", name="单件案件补贴标准", target="≤3000元",
                      actual="2960元"),
            Indicator(group="效益指标", category="社会效益指标", name="法律援助知晓率", target="≥80%", actual="76.5%",
                      reason="宣传覆盖面不足，下年度将扩大进社区宣传。"),
            Indicator(group="满意度指标", category="服务对象满意度指标", name="受援人满意度", target="≥90%",
                      actual="95.6%"),
            Indicator(group="满意度指标", category="服务对象满意度指标", name="服务制度健全性", target="健全",
                      actual="健全"),
        ],
        comparator_style="symbol",
    ),
    notes=_department_form_notes(_SICHUAN_NOTES),
    findings=[
        *_NO_TEXT, *_required("indicators", range(8), "source"),
        ("IND_TARGET_MISSED", "indicators", 5, "actual"),  # 76.5% against ≥80%, with its reason
    ],
)

# -- 4. A department-wide form after the Chongqing template: amounts in 元 under a caption
#       `单位：元`, no 追加追减 column (全年（调整）预算数 instead); indicators with the unit in
#       its own column, 指标性质 定量/定性, 年初指标值 and 调整指标值 under one heading (a
#       header of two rows), 得分系数 · 指标权重 · 指标得分 · 是否核心指标.

_CHONGQING_BUDGET: Grid = [
    ["部门名称", "苏州市档案馆", "<", "<", "<", "<", "<"],
    ["项目", "年初预算数", "全年（调整）预算数", "全年执行数", "执行率", "权重", "得分"],
    ["合计", "23,456,780.00", "24,156,780.00", "23,890,120.50", "98.90%", "20", "19.78"],
    ["基本支出", "15,230,000.00", "15,230,000.00", "15,102,345.60", "99.16%", "", ""],
    ["项目支出", "8,226,780.00", "8,926,780.00", "8,787,774.90", "98.44%", "", ""],
    ["档案数字化加工", "5,000,000.00", "5,700,000.00", "5,650,000.00", "99.12%", "", ""],
    ["馆藏档案保护修复", "3,226,780.00", "3,226,780.00", "3,137,774.90", "97.24%", "", ""],
]
_CHONGQING_INDICATORS: Grid = [
    ["指标名称", "计量单位", "指标性质", "指标值", "<", "全年完成值", "得分系数", "指标权重", "指标得分",
     "是否核心指标"],
    ["^", "^", "^", "年初指标值", "调整指标值", "^", "^", "^", "^", "^"],
    ["档案接收进馆数量", "卷", "定量", "20000", "22000", "22000", "1", "15", "15", "是"],
    ["馆藏档案数字化率", "%", "定量", "60", "", "65", "1", "15", "15", "是"],
    ["档案查阅利用人次", "人次", "定量", "≥30000", "≥32000", "31500", "0.9", "15", "13.5", "否"],
    ["档案安全事故发生数", "起", "定量", "0", "0", "0", "1", "15", "15", "是"],
    ["档案安全管理制度", "", "定性", "健全", "健全", "健全", "1", "20", "20", "否"],
    ["社会公众满意度", "%", "定量", "≥90", "≥90", "92.3", "1", "20", "20", "否"],
]
_CHONGQING_NOTES = [
    Note("budget", N, N, "“权重”、“得分” 列是评分"),
    Note("budget", N, "initial",
         "“年初预算数”、“全年（调整）预算数”、“全年执行数” 列金额以“元”为单位，已换算为万元（÷10000"),
    Note("budget", 2, "adjustment", "892.678 − 年初预算数 822.678 计为 70.00"),
    Note("budget", 3, "adjustment", "570.00 − 年初预算数 500.00 计为 70.00"),
    Note("indicators", N, N, "“得分系数”、“指标权重”、“指标得分”、“是否核心指标” 列是评分"),
    Note("indicators", N, N, "“指标性质” 列（定量、定性）本报告不单列"),
    Note("indicators", 0, "target", "取“调整指标值”的“22000”（“年初指标值”为“20000”）"),
    Note("indicators", 2, "target", "取“调整指标值”的“≥32000”（“年初指标值”为“≥30000”）"),
    Note("indicators", N, "target", "“调整指标值”、“计量单位” 列已合为“指标目标值”"),
    Note("indicators", N, "target", "中“调整指标值”空白的行，“指标目标值”取“年初指标值”"),
    Note("indicators", N, "group", "中没有 “目标”、“类别”、“完成值来源”、“原因分析” 列"),
]
CHONGQING = Form(
    "chongqing-department",
    "部门整体支出绩效自评表（重庆样式）：金额以元为单位（表上注明“单位：元”），没有追加追减列；计量单位单列，"
    "年初指标值和调整指标值两行表头，得分系数、权重等评分列。",
    ["2023年度部门整体支出绩效自评表", "单位：元", _CHONGQING_BUDGET, "", _CHONGQING_INDICATORS],
    sheets={"部门预算执行情况": ["2023年度部门整体支出绩效自评表", "单位：元", _CHONGQING_BUDGET],
            "绩效指标": [_CHONGQING_INDICATORS]},
    report=Report(
        city="", year=2023, department="苏州市档案馆",
        budget=Budget(
            basic=BudgetRow(name="基本支出", initial=D("1523"), actual=D("1510.23456")),
            projects_total=BudgetRow(name="项目支出", initial=D("822.678"), adjustment=D("70"), actual=D("878.77749")),
            projects=[
                BudgetRow(name="档案数字化加工", initial=D("500"), adjustment=D("70"), actual=D("565")),
                BudgetRow(name="馆藏档案保护修复", initial=D("322.678"), actual=D("313.77749")),
            ],
        ),
        indicators=[
            Indicator(name="档案接收进馆数量", target="22000卷", actual="22000卷"),
            Indicator(name="馆藏档案数字化率", target="60%", actual="65%"),
            Indicator(name="档案查阅利用人次", target="≥32000人次", actual="31500人次"),
            Indicator(name="档案安全事故发生数", target="0起", actual="0起"),
            Indicator(name="档案安全管理制度", target="健全", actual="健全"),
            Indicator(name="社会公众满意度", target="≥90%", actual="92.3%"),
        ],
        comparator_style="symbol",
    ),
    notes=_department_form_notes(_CHONGQING_NOTES),
    findings=[
        *_NO_TEXT, *_required("indicators", range(6), "category"), *_required("indicators", range(6), "source"),
        # 22000卷, 60%, 0起: no comparator, judged as = (65% against 60% misses, and asks a reason)
        ("IND_TARGET_BARE", "indicators", 0, "target"), ("IND_TARGET_BARE", "indicators", 1, "target"),
        ("IND_TARGET_BARE", "indicators", 3, "target"),
        ("IND_TARGET_MISSED", "indicators", 1, "actual"), ("IND_REASON_MISSING", "indicators", 1, "reason"),
        ("IND_TARGET_MISSED", "indicators", 2, "actual"), ("IND_REASON_MISSING", "indicators", 2, "reason"),
    ],
)

# -- 5. A district's report in this report's structure, typed with other headings: the name
#       column headed 年度预算数（万元）, 全年预算数 for 调整预算数 with 追加追减 left blank, the
#       total row 总计 at the foot, 一级/二级/三级指标, 偏差原因分析及改进措施, a target without
#       comparator and an actual without the target's unit.

_DISTRICT_BUDGET: Grid = [
    ["年度预算数（万元）", "年初预算数", "上年结转及追加追减", "全年预算数", "实际支出数", "执行率（%）"],
    ["基本支出", "612.35", "8.2", "620.55", "615.3", "99.15%"],
    ["项目支出", "154.8", "", "158.45", "156.9", "99.02%"],
    ["机关信息系统运维", "36", "", "36", "35.2", "97.78%"],
    ["城乡社区治理专项", "106.8", "", "109.8", "109.05", "99.32%"],
    ["党建活动经费", "12", "", "12.65", "12.65", "100.00%"],
    ["总计", "767.15", "", "779", "772.2", "99.13%"],
]
_DISTRICT_TASKS: Grid = [
    ["对应部门主要职责", "任务名称", "完成情况"],
    ["指导城乡社区建设，推进基层民主协商", "建设社区议事协商平台", "全年新建社区议事协商平台50个，覆盖全部涉农社区。"],
    ["^", "开展社区工作者培训", "举办社区工作者培训班6期，培训1200人次。"],
    ["负责本部门信息化建设和运行维护", "保障业务信息系统运行", "业务信息系统全年正常运行率99.6%。"],
]
_DISTRICT_INDICATORS: Grid = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成值来源", "偏差情况",
     "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "新建社区议事协商平台", "≥50个", "50", "2023年度部门总结", "0.00%", ""],
    ["^", "^", "社区工作者培训覆盖率", "70%", "70%", "2023年度部门总结", "0.00%", ""],
    ["^", "质量指标", "信息系统正常运行率", "≥99%", "99.6%", "系统运维记录", "0.61%", ""],
    ["效益指标", "社会效益指标", "居民议事参与率", "≥60%", "55%", "问卷调查", "-8.33%",
     "部分老旧小区居民参与渠道少，下年度将增加线上议事渠道。"],
    ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "93%", "问卷调查", "3.33%", ""],
    ["^", "^", "预算执行率", "=100%", "99.13%", "2023年度部门决算", "-0.87%", "部分项目年末有少量结余。"],
]
_DISTRICT_SECTIONS = [
    ("一、预算部门名称：苏州市吴江区民政局", ""),
    ("二、年度履职目标完成情况", "全年围绕基层治理和民生保障，完成年度重点工作任务。"),
    ("三、部门（单位）概况", "本单位为区级一级预算单位，内设科室6个，在编人员28人。"),
    ("四、部门（单位）整体支出绩效实现情况", "预算执行率99.13%，各项目按计划实施。"),
    ("五、部门（单位）整体支出绩效中存在问题及改进措施", "部分项目预算编制不够精细，下年度将细化测算。"),
    ("六、绩效自评结果拟应用和公开情况", "自评结果作为下年度预算安排的参考，并按规定公开。"),
]
_DISTRICT_BUDGET_NOTES = [
    Note("budget", N, "name", "取自第1列（表头为“年度预算数（万元）”）"),
    Note("budget", 2, "adjustment", "158.45 − 年初预算数 154.80 计为 3.65"),
    Note("budget", 4, "adjustment", "109.80 − 年初预算数 106.80 计为 3.00"),
    Note("budget", 5, "adjustment", "12.65 − 年初预算数 12.00 计为 0.65"),
]
DISTRICT = Form(
    "district-report",
    "区级部门整体支出绩效自评报告，结构同本报告，但表头另有写法：名称列表头为“年度预算数（万元）”、全年预算数、"
    "追加追减空白、总计行在表尾、一级/二级/三级指标、偏差原因分析及改进措施，有不带比较符号的目标值。",
    ["苏州市吴江区区级预算部门（单位）整体支出预算绩效自评报告", "（2023年度）",
     *[line for heading, body in _DISTRICT_SECTIONS for line in (heading, body) if line],
     "七、预算信息", _DISTRICT_BUDGET, "八、年度重点任务", _DISTRICT_TASKS, "九、部门整体自评表", _DISTRICT_INDICATORS],
    sheets={
        "概况": [[["项目", "内容"], ["城市", "苏州市吴江区"], ["年度", "2023"], ["一、预算部门名称",
            "苏州市吴江区民政局"],
                  *[[heading, body] for heading, body in _DISTRICT_SECTIONS[1:]]]],
        "预算执行": [_DISTRICT_BUDGET], "重点任务": [_DISTRICT_TASKS], "绩效自评": [_DISTRICT_INDICATORS],
    },
    report=Report(
        city="苏州市吴江区", year=2023, department="苏州市吴江区民政局",
        overview=Overview(**{
            key: body for key, (_, body) in zip(
                ("goals", "profile", "performance", "problems", "application"), _DISTRICT_SECTIONS[1:], strict=True)
        }),
        budget=Budget(
            basic=BudgetRow(name="基本支出", initial=D("612.35"), adjustment=D("8.2"), actual=D("615.3")),
            projects_total=BudgetRow(name="项目支出", initial=D("154.8"), adjustment=D("3.65"), actual=D("156.9")),
            projects=[
                BudgetRow(name="机关信息系统运维", initial=D("36"), actual=D("35.2")),
                BudgetRow(name="城乡社区治理专项", initial=D("106.8"), adjustment=D("3"), actual=D("109.05")),
                BudgetRow(name="党建活动经费", initial=D("12"), adjustment=D("0.65"), actual=D("12.65")),
            ],
        ),
        duties=[
            Duty(text="指导城乡社区建设，推进基层民主协商", tasks=[
                KeyTask(name="建设社区议事协商平台", completion="全年新建社区议事协商平台50个，覆盖全部涉农社区。"),
                KeyTask(name="开展社区工作者培训", completion="举办社区工作者培训班6期，培训1200人次。"),
            ]),
            Duty(text="负责本部门信息化建设和运行维护", tasks=[
                KeyTask(name="保障业务信息系统运行", completion="业务信息系统全年正常运行率99.6%。"),
            ]),
        ],
        indicators=[
            Indicator(group="产出指标", category="数量指标", name="新建社区议事协商平台", target="≥50个", actual="50",
                      source="2023年度部门总结"),
            Indicator(group="产出指标", category="数量指标", name="社区工作者培训覆盖率", target="70%", actual="70%",
                      source="2023年度部门总结"),
            Indicator(group="产出指标", category="质量指标", name="信息系统正常运行率", target="≥99%", actual="99.6%",
                      source="系统运维记录"),
            Indicator(group="效益指标", category="社会效益指标", name="居民议事参与率", target="≥60%", actual="55%",
                      source="问卷调查", reason="部分老旧小区居民参与渠道少，下年度将增加线上议事渠道。"),
            Indicator(group="满意度指标", category="服务对象满意度指标", name="居民满意度", target="≥90%", actual="93%",
                      source="问卷调查"),
            Indicator(group="满意度指标", category="服务对象满意度指标", name="预算执行率", target="=100%",
                      actual="99.13%", source="2023年度部门决算", reason="部分项目年末有少量结余。"),
        ],
        comparator_style="symbol",
    ),
    notes={"docx": _DISTRICT_BUDGET_NOTES, "xlsx": _DISTRICT_BUDGET_NOTES},
    findings=[
        ("IND_TARGET_BARE", "indicators", 1, "target"),
        ("IND_TARGET_MISSED", "indicators", 3, "actual"),
        ("IND_TARGET_MISSED", "indicators", 5, "actual"),
    ],
)

# -- 6. Files that are no report, or hold a part that cannot be read: refused, with why.

SCORING = Form(
    "scoring-sheet",
    "评分表（一级/二级/三级指标、评价标准、得分）：不是自评报告，拒绝导入。",
    [[["一级指标", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
      ["决策", "项目立项", "立项依据充分性", "5", "依据充分得5分", "项目立项是否符合规定", "5"]]],
    sheets={"评分表": [[["一级指标", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
                        ["决策", "项目立项", "立项依据充分性", "5", "依据充分得5分", "项目立项是否符合规定", "5"]]]},
    refused="评分表",
)
UNREADABLE_PART = Form(
    "unreadable-part",
    "一个表格中，预算之后是一部分无法认出各列的评分内容：拒绝导入，并说明是哪个表格的哪一行。",
    ["部门整体支出绩效自评表", [
        ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["基本支出", "100", "100", "98", "98.00%"],
        ["项目支出", "50", "50", "45", "90.00%"],
        ["一级指标", "二级指标", "三级指标", "评价标准", "得分"],
        ["产出", "数量", "完成培训人次", "完成得10分", "10"],
    ]],
    refused="第1个表格第4行像是另一部分的表头",
)

FORMS = [NATIONAL_ONE, NATIONAL_TWO, SICHUAN, CHONGQING, DISTRICT, SCORING, UNREADABLE_PART]


if __name__ == "__main__":
    main()
    sys.exit(0)
