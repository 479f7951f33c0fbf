"""How the Word and Excel files this application writes mark themselves.

The exporters write these marks and the importers look for them: a file that carries them is
read exactly as written (a blank cell is a blank, not a merged cell left empty by hand), and
the comparator style travels with it. Files typed by hand carry none of them.
"""

from __future__ import annotations

from typing import cast, get_args

from selfeval_gui.domain.model import ComparatorStyle

#: Custom document properties (docProps/custom.xml in both formats).
PROPERTY_GENERATOR = "selfeval.generator"
PROPERTY_LAYOUT = "selfeval.layout"
PROPERTY_COMPARATOR_STYLE = "selfeval.comparator_style"

GENERATOR = "selfeval_gui"
#: Bumped when the exported structure changes in a way the importer has to know about (2:
#: a table row broken across pages is written as one row per page, marked).
LAYOUT_VERSION = "2"
#: The layouts this version reads exactly: each is the one before with something added.
READABLE_LAYOUTS = ("1", LAYOUT_VERSION)

# Paragraph styles of the exported Word document (style ids; the names shown in Word are Chinese).
STYLE_TITLE = "ReportTitle"
STYLE_YEAR = "ReportYear"
STYLE_HEADING = "SectionHeading"
STYLE_TABLE_TITLE = "TableTitle"
STYLE_BODY = "Normal"
STYLE_TABLE_TEXT = "TableText"
STYLE_TABLE_HEADING = "TableHeading"
STYLE_PAGE_NUMBER = "PageNumber"
STYLE_SUBHEADING_CHAR = "SubHeadingChar"
#: A merged 职责/目标/类别 label set again at the top of a page that continues it: the
#: importer reads the cell as covered by the label above, not as a new one.
STYLE_TABLE_LABEL_REPEATED = "TableLabelRepeated"
#: A row broken across pages is written as one row per page. The first paragraph of each of
#: its cells on a later page is marked: the cell's text goes on from the cell above, within
#: its last paragraph (runs on) or as a paragraph of its own (goes on).
STYLE_TABLE_TEXT_RUNS_ON = "TableTextRunsOn"
STYLE_TABLE_TEXT_GOES_ON = "TableTextGoesOn"
#: The names Word shows for these marks. A program that renames styles when it saves the file
#: (LibreOffice calls them Style1, Style2…) keeps their names: the importer knows them by either.
TABLE_MARK_NAMES = {
    STYLE_TABLE_LABEL_REPEATED: "表格文字（续页标签）",
    STYLE_TABLE_TEXT_RUNS_ON: "表格文字（续上页）",
    STYLE_TABLE_TEXT_GOES_ON: "表格文字（续上页另起一段）",
}
#: The submission block (填报信息) closing the document.
STYLE_SUBMISSION = "Submission"

# Sheets of the exported workbook, in order.
SHEET_OVERVIEW = "概况"
SHEET_BUDGET = "预算信息"
SHEET_TASKS = "年度重点任务"
SHEET_INDICATORS = "部门整体自评表"
#: After the report's sheets, for a report made from last year's: this year beside last year.
SHEET_REFERENCE = "上年对照"


def is_own_layout(properties: dict[str, str]) -> bool:
    """Whether custom properties say the file is our export in the layout this version reads."""
    return (
        properties.get(PROPERTY_GENERATOR, "").split(" ")[0] == GENERATOR
        and properties.get(PROPERTY_LAYOUT) in READABLE_LAYOUTS
    )


def stated_comparator_style(properties: dict[str, str]) -> ComparatorStyle | None:
    """The comparator style our export recorded, or `None` if it recorded none we know."""
    style = properties.get(PROPERTY_COMPARATOR_STYLE)
    return cast(ComparatorStyle, style) if style in get_args(ComparatorStyle) else None
