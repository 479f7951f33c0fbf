"""The yearly round as a clerk does it, keyboard only, with the keystrokes counted.

    DISPLAY=:90 .venv/bin/python scripts/next_year_round.py LAST_YEAR.docx [--shots DIR] [--scale 1.5]

Starts the editor, makes the 2024 report from last year's Word report (文件 → 由上年报告新建),
then fills in the year from the clerk's material (the 2024 budget figures, indicator values and
texts below, pasted as a clerk pastes them from the finance system's sheet and the drafts in
Word) and lets the program do what it knows: one-key fixes (Ctrl+. and 更正全部同类问题) and
find and replace. It stops when the findings list holds no error and no warning (a missed
target whose reason is written stays as information), and prints the keystrokes (a chord such
as Ctrl+V counts as one) and the pastes. Run it under a real X server (Xvfb) at
1366×768; `--shots` keeps a screenshot of each step to look at.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- the clerk's material for 2024

SECTION_GOALS = (
    "2024年，苏州市红十字会围绕市委市政府中心工作，做强应急救护、人道救助和“三献”工作。\n"
    "（一）救援救护守护公共安全。全年培训初级救护员5600人，开展应急救援演练2次，普及培训18.2万人次。\n"
    "（二）人道服务增进民生福祉。新建博爱家园10个，评选优秀博爱家园8个，发放救助款物3650万元。\n"
    "（三）人道筹资汇聚爱心善意。开展线上宣传活动2次，“99公益日”筹资110万元。"
)
SECTION_PERFORMANCE = (
    "（一）预算项目全面实施绩效目标管理，申报时填报绩效目标并按季度监控。\n"
    "（二）配合财政开展项目再评价，评价结果用于下年度预算编制。"
)
SECTION_PROBLEMS = (
    "存在的问题：部分项目绩效指标偏重产出，效益指标不够细化。\n"
    "改进措施：按项目特点细化效益和满意度指标，加强年中监控和结果应用。"
)
APPLICATION_ADDITION = "2024年度自评结果已在门户网站公开。"
#: 年初预算数, 追加追减数, (调整预算数, computed in the finance sheet), 实际支出数 of each project.
PROJECTS = [
    ("9.50", "", "9.50", "9.50"), ("9.20", "", "9.20", "9.20"), ("25.00", "", "25.00", "25.00"),
    ("3.00", "", "3.00", "3.00"), ("4.50", "", "4.50", "4.50"), ("28.00", "", "28.00", "27.10"),
    ("40.00", "", "40.00", "40.00"), ("45.00", "3.34", "48.34", "48.34"), ("2.10", "", "2.10", "2.10"),
    ("5.00", "", "5.00", "4.20"), ("4.80", "", "4.80", "4.80"), ("16.20", "", "16.20", "16.20"),
    ("95.00", "", "95.00", "95.00"), ("3.00", "", "3.00", "3.00"),
]
BASIC = ("812.4", "45.6", "842.15")
#: 指标完成值 in table order, as in the clerk's working sheet (预算执行率 typed 100% by habit,
#: 预算调整率 still last year's).
ACTUALS = (
    ["健全", "健全", "合理", "明确", "规范", "科学", "公开", "100%", "合规", "完善", "合规", "健全", "健全", "规范",
     "100%", "健全", "规范", "有效", "健全", "100%", "100%", "有效", "100%", "98.50%", "100%", "100%", "100%",
     "1.85%", "8.61%", "-4.20%", "1.50%", "104.20%", "较好", "较好", "持续健康发展", "96%", "92%", "1个", "1个",
     "8个", "2次", "1次", "10个", "5600人", "2次"]
)
REASONS = {
    "预算执行率": "年末部分采购合同尚未结算，资金已落实，将于次年初支付。",
    "结转结余率": "办公设备购置节约资金形成结余，已按规定收回。",
    "预算调整率": "年中追加公益性应急救护培训经费。",
    "预算偏差率": "年中追加预算导致执行数与年初预算存在偏差。",
}
COMPLETIONS = [
    "新增造血干细胞采样入库2610人，实现捐献23例，开展志愿者回访3.2万人。",
    "开展无偿献血专项宣传活动8次，普及宣传人数3.2万人。",
    "全年培训救护员5600人，普及培训18.2万人次。",
    "新建博爱家园10个，评选优秀博爱家园8个，开展人道服务项目60个。",
    "开展常态化训练8次、综合演练2次，参与安全保障服务15场。",
    "组织世界红十字日主题宣传活动，媒体报道400余次，公众号粉丝11万人。",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("last_year", type=Path, help="last year's Word report (.docx)")
    parser.add_argument("--shots", type=Path, help="a folder for a screenshot of each step")
    parser.add_argument("--scale", default="1", help="display scaling (QT_SCALE_FACTOR), e.g. 1.5")
    parser.add_argument("--size", default="1366x768", help="window size in device-independent pixels")
    args = parser.parse_args()
    os.environ["QT_SCALE_FACTOR"] = args.scale
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from selfeval_gui.app import create_application
    from selfeval_gui.domain.findings import Severity, Table, location_label
    from selfeval_gui.storage.recovery import RecoveryStore
    from selfeval_gui.ui.dialogs import NonInteractiveDialogs
    from selfeval_gui.ui.main_window import MainWindow
    from selfeval_gui.ui.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="selfeval-round-"))

    class FileDialogs(NonInteractiveDialogs):
        """The two file dialogs of the round; what the clerk presses in them is counted as
        two keystrokes each (the file chosen with an arrow key, then Enter)."""

        def open_path(self, parent: QWidget, title: str, folder_: str, filters: str) -> Path | None:
            count.dialog()
            return Path(args.last_year)

        def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
            count.dialog()
            return folder / Path(suggested).name

    class Count:
        def __init__(self) -> None:
            self.keys = 0
            self.pastes = 0
            self.steps: list[str] = []

        def dialog(self) -> None:
            self.keys += 2

        def step(self, what: str) -> None:
            self.steps.append(what)
            findings = window.document.findings
            print(f"{what:<38} {self.keys:4d} keys {self.pastes:3d} pastes   findings left: {len(findings)}")
            if os.environ.get("ROUND_DEBUG"):
                for f in findings:
                    print("   ", f.code, location_label(f), f.message[:40])
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
                QTest.qWait(200)
                window.grab().save(str(args.shots / f"{len(self.steps):02d}.png"))

    count = Count()
    app = create_application([])
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, FileDialogs(), RecoveryStore(folder / "recovery"))
    window.files.open_sample()
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QTest.qWait(300)
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier

    def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            target = QApplication.activePopupWidget() or QApplication.focusWidget() or window
            QTest.keyClick(target, key, modifiers)
            count.keys += 1
            QTest.qWait(30)

    def type_text(text: str) -> None:
        assert text.isascii(), text  # Chinese comes by paste in this round
        for ch in text:
            target = QApplication.focusWidget() or window
            QTest.keyClicks(target, ch)
            count.keys += 1
        QTest.qWait(30)

    def paste(text: str) -> None:
        QApplication.clipboard().setText(text)
        press(Qt.Key.Key_V, ctrl)
        count.pastes += 1

    def paste_column(tab: Qt.Key, column: int, values: list[str], what: str) -> None:
        """On tab Ctrl+`tab`, from the top of the table's `column`-th column, `values` down."""
        press(tab, ctrl)
        press(Qt.Key.Key_Home, ctrl)
        press(Qt.Key.Key_Right, times=column)
        paste("\n".join(values))
        count.step(what)

    def fix_all_of_kind(what: str) -> None:
        """编辑 → 更正全部同类问题 (Alt+E, K) for the finding at the current cell."""
        press(Qt.Key.Key_E, alt)
        press(Qt.Key.Key_K)
        count.step(what)

    # 文件 → 由上年报告新建 (Alt+F, L), last year's Word report.
    press(Qt.Key.Key_F, alt)
    press(Qt.Key.Key_L)
    report = window.document.report
    assert report.year == 2024, report.year
    count.step("由上年报告新建（Word）")

    # 概况: sections 二, 四, 五 from the drafts; 三 and 六 checked and brought up to date.
    press(Qt.Key.Key_1, ctrl)
    for section, text in ((0, SECTION_GOALS), (2, SECTION_PERFORMANCE), (3, SECTION_PROBLEMS)):
        press(Qt.Key.Key_S, alt)  # 报告正文(&S): the list of sections
        press(Qt.Key.Key_Home)
        press(Qt.Key.Key_Down, times=section)
        press(Qt.Key.Key_Tab)
        paste(text)
    count.step("概况：二、四、五 粘贴")
    press(Qt.Key.Key_H, ctrl)  # 三 says 2023年底: replace the year in this tab
    type_text("2023")
    press(Qt.Key.Key_Tab)
    type_text("2024")
    press(Qt.Key.Key_A, alt)
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_S, alt)
    press(Qt.Key.Key_End)  # 六: a sentence more this year
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_End, ctrl)
    paste(APPLICATION_ADDITION)
    count.step("概况：三 替换年份，六 补一句")

    # 预算信息: 基本支出 typed, the projects pasted from the finance sheet; 项目支出 left to the program.
    press(Qt.Key.Key_2, ctrl)
    press(Qt.Key.Key_Home, ctrl)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Right)
    initial, adjustment, actual = BASIC
    type_text(initial)
    press(Qt.Key.Key_Tab)
    type_text(adjustment)
    press(Qt.Key.Key_Tab, times=2)
    type_text(actual)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Left, times=3)
    paste("\n".join("\t".join(row) for row in PROJECTS))
    count.step("预算信息：基本支出输入，项目粘贴")
    press(Qt.Key.Key_Up)  # 项目支出: the sums of the projects, all three columns at once
    fix_all_of_kind("预算信息：项目支出 更正全部同类（合计）")

    # 年度重点任务: this year's 完成情况, one column pasted; last year's duty cells pasted twice over
    # (the published report's mistake, carried with the structure) put right in one go.
    paste_column(Qt.Key.Key_3, 2, COMPLETIONS, "年度重点任务：完成情况粘贴")
    press(Qt.Key.Key_F8)  # the first finding: a duty with a passage twice
    fix_all_of_kind("年度重点任务：重复文字 更正全部同类")

    # 部门整体自评表: the values pasted; 预算执行率 and 预算调整率 from the budget table; reasons.
    paste_column(Qt.Key.Key_4, 4, ACTUALS, "自评表：完成值粘贴")
    press(Qt.Key.Key_F8)
    fix_all_of_kind("自评表：预算执行率、预算调整率 一键更正")
    missing = [f.row or 0 for f in window.document.findings if f.code == "IND_REASON_MISSING"]
    sheet = window.pages[Table.INDICATORS].sheet
    names = [i.name for i in window.document.report.indicators[missing[0] : missing[-1] + 1]]
    while sheet.table_model().ref(sheet.currentIndex()) != (Table.INDICATORS, missing[0], "reason"):
        press(Qt.Key.Key_F8)  # on to the first 原因分析 the findings ask for
    paste("\n".join(REASONS.get(name, "") for name in names))
    count.step("自评表：原因分析粘贴")

    findings = window.document.findings
    for finding in findings:
        print(f"  [{finding.severity.label}] {location_label(finding)}：{finding.message}")
    # A missed target whose reason is written stays in the list as information, by design.
    left = [f for f in findings if f.severity is not Severity.INFO]
    press(Qt.Key.Key_S, ctrl)
    saved = window.document.path
    count.step("保存")
    print(f"\n{count.keys} keystrokes and {count.pastes} pastes; errors and warnings left: {len(left)}, "
          f"information: {len(findings) - len(left)}; saved to {saved}")
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()
    return 0 if not left else 1


if __name__ == "__main__":
    sys.exit(main())
