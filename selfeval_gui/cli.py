"""`selfeval`: the report core from the command line.

    selfeval import SOURCE -o OUT.jxzp       a report (.txt, .docx, our .xlsx) into a project
    selfeval validate FILE.jxzp [--json]     the findings (exit 0 when the file was read)
    selfeval show FILE.jxzp [--json]         the report with every computed figure
    selfeval next-year FILE -o OUT.jxzp      next year's report from this year's (a project
                                             file, or a Word, Excel or text report)
    selfeval fix FILE.jxzp -o OUT [--code CODE ...]
                                             what the program can put right by itself
    selfeval export FILE.jxzp [--docx OUT.docx] [--xlsx OUT.xlsx] [--pdf OUT.pdf]
                                             the official Word document, the workbook and/or
                                             the PDF (the only command that loads Qt)
    selfeval check PATH... [--summary OUT.xlsx]
                                             many project files (folders searched), one line
                                             each and one summary workbook

Exit status: 0 done; 1 `validate --strict` found errors (`check --strict`: errors or unreadable
files or folders); 2 a file could not be read or written, or an output exists (`--force`
replaces it) (the reason on stderr, in Chinese); 130 stopped by Ctrl+C.

Everything printed is shown with its control characters as escapes (`\u001b`): the reports
come from other people, and their text must not drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from selfeval_gui import __version__, without_pydantic_plugins
from selfeval_gui.domain.findings import (
    DEFAULT_FAR_EXCEEDED_THRESHOLD,
    FIXABLE,
    Code,
    Finding,
    Severity,
    finding_line,
    location_label,
)
from selfeval_gui.domain.money import amount_text, format_percent

# The rest is imported by the commands that need it, when they run (after `script` has set up
# the process): `validate` loads no fixes, importers or exporters, and python-docx and openpyxl
# load only to write or read such a file.
if TYPE_CHECKING:
    from selfeval_gui.domain.compute import PreviousFigures
    from selfeval_gui.domain.model import Indicator, Report
    from selfeval_gui.exporters import ExportResult
    from selfeval_gui.exporters.batch import CheckedReport

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
#: As shells report a program stopped by Ctrl+C.
EXIT_INTERRUPTED = 130


#: What each subcommand runs: its arguments and where to write, to its exit status.
Command = Callable[[argparse.Namespace, TextIO], int]


class CommandError(Exception):
    """A command that cannot be carried out; the message goes to stderr, exit status 2."""


def _threshold(text: str) -> Decimal:
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"“{text}”应为不小于 0 的百分数")
    return value


def _rule_options(parser: argparse.ArgumentParser, *, strict: str) -> None:
    """--threshold and --strict, as every command that validates takes them."""
    parser.add_argument(
        "--threshold", type=_threshold, default=DEFAULT_FAR_EXCEEDED_THRESHOLD,
        help=f"“大幅超出目标”的阈值（百分比，默认 {DEFAULT_FAR_EXCEEDED_THRESHOLD}）",
    )
    parser.add_argument("--strict", action="store_true", help=strict)


def _force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它（默认不覆盖）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfeval",
        description="部门整体支出预算绩效自评报告：导入、校验、查看、导出。",
    )
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = commands.add_parser("import", help="把自评报告（文本、Word 或本软件导出的 Excel）导入为项目文件（.jxzp）")
    p.add_argument("source", type=Path, help="要导入的文件（.txt、.docx、.xlsx）")
    p.add_argument("-o", "--output", type=Path, required=True, help="输出的项目文件（.jxzp）")
    _force_option(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出导入说明")
    p.set_defaults(run=_cmd_import)

    p = commands.add_parser("validate", help="校验项目文件，列出全部问题")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    _rule_options(p, strict="有“错误”级问题时以状态 1 退出")
    p.set_defaults(run=_cmd_validate)

    p = commands.add_parser("show", help="显示报告及全部计算结果")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=_cmd_show)

    p = commands.add_parser("next-year", help="由本年度报告生成下一年度的报告")
    p.add_argument("file", type=Path, help="本年度的报告：项目文件（.jxzp），或要导入的 Word、Excel、文本报告")
    p.add_argument("-o", "--output", type=Path, required=True, help="下一年度的项目文件（.jxzp）")
    _force_option(p)
    p.set_defaults(run=_cmd_next_year)

    p = commands.add_parser(
        "fix", help="自动更正软件能算出正确值的问题（预算执行率、项目支出合计、来源年份、重复文字、空行）"
    )
    p.add_argument("file", type=Path, help="项目文件（.jxzp）")
    p.add_argument("-o", "--output", type=Path, required=True, help="更正后的项目文件（.jxzp）")
    _force_option(p)
    p.add_argument("--code", action="append", choices=sorted(FIXABLE), metavar="CODE",
                   help="只更正这一类问题（可重复）：" + "、".join(sorted(FIXABLE)))
    p.set_defaults(run=_cmd_fix)

    p = commands.add_parser("export", help="导出为公文格式的 Word 文档、PDF 和/或带公式的 Excel 工作簿")
    p.add_argument("file", type=Path, help="项目文件（.jxzp）")
    p.add_argument("--docx", type=Path, metavar="OUT.docx", help="导出的 Word 文档")
    p.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="导出的 Excel 工作簿")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="导出的 PDF（与 Word 文档版式相同）")
    p.add_argument("--no-reference", dest="reference", action="store_false",
                   help="由上年报告生成的报告：Excel 工作簿中不附“上年对照”工作表")
    p.set_defaults(run=_cmd_export)

    p = commands.add_parser("check", help="批量校验多个项目文件（可指定文件夹），并写出一份汇总表")
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="项目文件或文件夹（含子文件夹）")
    p.add_argument("--summary", type=Path, metavar="OUT.xlsx", help="汇总表（Excel）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出每份报告的结果")
    _rule_options(p, strict="有“错误”级问题或无法读取的文件时以状态 1 退出")
    p.set_defaults(run=_cmd_check)
    return parser


#: The arguments that name a file to write, with what is done to it; every other path is read.
_WRITTEN = {"output": "保存", "docx": "导出", "xlsx": "导出", "pdf": "导出", "summary": "写入"}


def _check_paths(args: argparse.Namespace) -> None:
    """Refuse, before anything is done, a path given to any command that the system cannot
    even look at (a name too long, a folder without permission), saying why in Chinese:
    asking whether it exists would otherwise raise. A path that does not exist (yet) is the
    command's to judge."""
    for name, value in vars(args).items():
        for path in value if isinstance(value, list) else [value]:
            if not isinstance(path, Path):
                continue
            try:
                path.stat()
            except (FileNotFoundError, NotADirectoryError):
                pass
            except OSError as exc:
                from selfeval_gui.storage.atomic import explain_os_error

                raise CommandError(explain_os_error(exc, path, _WRITTEN.get(name, "读取"))) from None


def _load(path: Path) -> Report:
    from selfeval_gui.storage.projectfile import ProjectFileError, load_report

    try:
        return load_report(path)
    except ProjectFileError as exc:
        raise CommandError(str(exc)) from None


def _save(report: Report, path: Path) -> None:
    from selfeval_gui.storage.projectfile import ProjectFileError, save_report

    try:
        save_report(report, path)
    except ProjectFileError as exc:
        raise CommandError(str(exc)) from None


def _check_output(output: Path, source: Path, force: bool) -> None:
    """Refuse an output that is not a project file, or is the file being read: `import
    报告.docx -o 报告.docx` would have replaced the Word document with the project's JSON;
    and one that exists, unless `force`."""
    from selfeval_gui.storage.projectfile import SUFFIX

    if output.suffix.lower() != SUFFIX:
        raise CommandError(f"输出文件“{output.name}”应以 {SUFFIX} 结尾（本软件的项目文件）。")
    with contextlib.suppress(OSError):
        if output.samefile(source):
            raise CommandError(f"输出文件“{output.name}”就是要读取的文件，请另选一个文件名。")
    if output.exists() and not force:
        raise CommandError(f"输出文件“{output}”已存在，没有覆盖。要覆盖它，请加上 --force。")


def _print_json(data: Any, out: TextIO) -> None:
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    out.write(json.dumps(data, ensure_ascii=encoding != "utf8", indent=2) + "\n")


class _Visible:
    """A text stream that shows control characters as escapes (see `exporters.text.visible`)."""

    def __init__(self, stream: TextIO, visible: Callable[[str], str]) -> None:
        self._stream = stream
        self._visible = visible

    def write(self, text: str) -> int:
        return self._stream.write(self._visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.importers import ImportFailed, import_report

    _check_output(args.output, args.source, args.force)
    try:
        result = import_report(args.source)
    except ImportFailed as exc:
        raise CommandError(str(exc)) from None
    _save(result.report, args.output)
    if args.json:
        _print_json([note.to_json() for note in result.notes], out)
        return EXIT_OK
    out.write(f"已导入“{args.source.name}”→“{args.output}”。\n")
    if result.notes:
        out.write(f"导入说明（{len(result.notes)} 条）：\n")
        for note in result.notes:
            out.write(f"  - {note.message}\n")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.domain.validation import ValidationOptions, validate

    report = _load(args.file)
    findings = validate(report, ValidationOptions(far_exceeded_threshold=args.threshold))
    if args.json:
        _print_json([f.to_json() for f in findings], out)
    else:
        _print_findings(findings, out)
    if args.strict and any(f.severity is Severity.ERROR for f in findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _print_findings(findings: Sequence[Finding], out: TextIO) -> None:
    if not findings:
        out.write("未发现问题。\n")
        return
    counts = "，".join(
        f"{s.label} {sum(1 for f in findings if f.severity is s)}" for s in Severity
    )
    out.write(f"共 {len(findings)} 条：{counts}。\n")
    for f in findings:
        out.write(f"{finding_line(f)}（{f.code.value}）\n")


def _previous_budget(figures: PreviousFigures | None) -> dict[str, str] | None:
    from selfeval_gui.domain.compute import rate_text

    if figures is None:
        return None
    return {
        "adjusted": amount_text(figures.adjusted),
        "actual": amount_text(figures.actual),
        "rate": rate_text(figures.actual, figures.adjusted),
    }


def _previous_indicator(indicator: Indicator) -> dict[str, str] | None:
    from selfeval_gui.domain.compute import previous_evaluation

    evaluation = previous_evaluation(indicator)
    if indicator.previous is None or evaluation is None:
        return None
    return {**indicator.previous.model_dump(), "deviation": evaluation.deviation}


def report_figures(report: Report) -> dict[str, Any]:
    """The report with every computed figure, and last year's reference where the report was
    made from last year's (`previous`, `null` on rows added this year), as plain JSON-ready
    data."""
    from selfeval_gui.domain.common_indicators import COMMON_INDICATORS
    from selfeval_gui.domain.compute import budget_table, evaluate, previous_figures, rate_text
    from selfeval_gui.domain.model import Section

    return {
        "title": report.title,
        "city": report.city,
        "year": report.year,
        "department": report.department,
        "overview": {s.value: report.overview.text(s) for s in Section},
        "budget": [
            {
                "kind": row.kind.value,
                "name": row.name,
                "initial": amount_text(row.initial),
                "adjustment": amount_text(row.adjustment),
                "adjusted": amount_text(row.adjusted),
                "actual": amount_text(row.actual),
                "rate": rate_text(row.actual, row.adjusted),
                "previous": _previous_budget(previous_figures(report.budget, index)),
            }
            for index, row in enumerate(budget_table(report.budget))
        ],
        "tasks": [
            {"duty": duty.text, "name": task.name, "completion": task.completion,
             "previous_completion": task.previous_completion}
            for duty in report.duties
            for task in duty.tasks
        ],
        "indicators": [
            {
                **indicator.model_dump(exclude={"previous"}),
                "deviation": (evaluation := evaluate(indicator.target, indicator.actual)).deviation,
                "outcome": evaluation.outcome.value,
                "previous": _previous_indicator(indicator),
            }
            for indicator in report.indicators
        ],
        "previous": None if report.previous is None else {
            "year": report.previous.year,
            "overview": {s.value: report.previous.overview.text(s) for s in Section},
        },
        "common_indicators": {
            common.name: format_percent(common.compute(report.budget)) for common in COMMON_INDICATORS
        },
    }


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.domain.model import Section
    from selfeval_gui.domain.reference import has_reference

    report = _load(args.file)
    data = report_figures(report)
    if args.json:
        _print_json(data, out)
        return EXIT_OK
    w = out.write
    w(f"{report.title}\n{report.year_line}\n\n")
    w(f"一、预算部门名称：{data['department']}\n")
    for section in Section:
        w(f"{section.numeral}、{section.heading}\n{data['overview'][section.value]}\n")
    # Last year's reference, where there is one, in columns after this year's.
    last_year = has_reference(report)
    w("\n7、预算信息（万元）\n")
    w(_columns(
        ["项目", "年初预算数", "追加追减数", "调整预算数", "实际支出数", "执行率"]
        + (["上年实际支出数", "上年执行率"] if last_year else []),
        [[r["name"], r["initial"], r["adjustment"], r["adjusted"], r["actual"], r["rate"]]
         + ([(r["previous"] or {}).get("actual", ""), (r["previous"] or {}).get("rate", "")] if last_year else [])
         for r in data["budget"]],
    ))
    w("\n8、年度重点任务\n")
    for t in data["tasks"]:
        w(f"- {t['name']}：{t['completion']}\n  （职责：{t['duty']}）\n")
        if t["previous_completion"]:
            w(f"  （上年完成情况：{t['previous_completion']}）\n")
    w("\n9、部门整体自评表\n")
    w(_columns(
        ["类别", "指标名称", "目标值", "完成值", "偏差情况", "原因分析"]
        + (["上年完成值", "上年偏差情况"] if last_year else []),
        [[i["category"], i["name"], i["target"], i["actual"], i["deviation"], i["reason"]]
         + ([(i["previous"] or {}).get("actual", ""), (i["previous"] or {}).get("deviation", "")] if last_year else [])
         for i in data["indicators"]],
    ))
    w("\n由预算信息表计算：" + "；".join(f"{k} {v}" for k, v in data["common_indicators"].items()) + "\n")
    return EXIT_OK


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _columns(headings: list[str], rows: list[list[str]]) -> str:
    table = [headings, *rows]
    widths = [max(_width(r[i]) for r in table) for i in range(len(headings))]
    lines = []
    for r in table:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(r)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _cmd_next_year(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.domain.nextyear import NEXT_YEAR_SUMMARY, next_year_report
    from selfeval_gui.importers import ImportFailed, read_last_year
    from selfeval_gui.storage.projectfile import ProjectFileError

    _check_output(args.output, args.file, args.force)
    try:
        last_year = read_last_year(args.file)
    except (ProjectFileError, ImportFailed) as exc:
        raise CommandError(str(exc)) from None
    report = next_year_report(last_year)
    _save(report, args.output)
    out.write(f"已生成{report.year}年度报告“{args.output}”：{NEXT_YEAR_SUMMARY}\n")
    return EXIT_OK


def _cmd_fix(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.domain.fixes import apply_fixes
    from selfeval_gui.domain.validation import validate

    _check_output(args.output, args.file, args.force)
    report = _load(args.file)
    codes = [Code(code) for code in args.code] if args.code else None
    fixes = apply_fixes(report, codes)
    _save(report, args.output)
    if not fixes:
        out.write(f"没有可以自动更正的问题，报告原样保存到“{args.output}”。\n")
        return EXIT_OK
    out.write(f"已更正 {len(fixes)} 处：\n")
    cautions: set[str] = set()
    for fix in fixes:
        out.write(f"  - {location_label(fix.finding)}：{fix.label}（{fix.finding.code.value}）\n")
        if fix.caution and fix.caution not in cautions:
            cautions.add(fix.caution)
            out.write(f"    注意：{fix.caution}\n")
    remaining = validate(report)
    if remaining:
        out.write(f"还有 {len(remaining)} 个问题需要人工处理（selfeval validate 可列出）。\n")
    out.write(f"已保存到“{args.output}”。\n")
    return EXIT_OK


def _pdf_exporter() -> Callable[[Report, Path], ExportResult]:
    """The PDF exporter, which needs Qt: loaded for `--pdf` alone, so that every other
    command runs without it."""
    try:
        from selfeval_gui.render.pdf import export_pdf
    except ImportError as exc:
        raise CommandError(
            f"无法导出 PDF：需要 Qt 图形库（PySide6），但在此环境中无法加载（{exc}）。"
            "请使用安装程序安装的完整版本，或安装 PySide6-Essentials；导出 Word 和 Excel 不需要它。"
        ) from None
    return export_pdf


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.domain.validation import validate
    from selfeval_gui.exporters import DOCUMENT_FORMATS, ExportError, export_report, export_summary

    targets = [
        (path, suffix) for path, suffix in ((args.docx, ".docx"), (args.xlsx, ".xlsx"), (args.pdf, ".pdf")) if path
    ]
    if not targets:
        raise CommandError("请用 --docx、--xlsx 或 --pdf 指定至少一个导出文件。")
    for path, suffix in targets:
        if path.suffix.lower() != suffix:
            raise CommandError(f"“{path.name}”应以 {suffix} 结尾。")
    export_pdf = _pdf_exporter() if args.pdf else None
    report = _load(args.file)
    out.write(export_summary(validate(report)) + "\n")
    failures = []
    for path, suffix in targets:
        try:
            if suffix == ".pdf" and export_pdf:
                result = export_pdf(report, path)
            else:
                result = export_report(report, path, reference=args.reference)
        except ExportError as exc:
            failures.append(str(exc))
            continue
        out.write(f"已导出 {DOCUMENT_FORMATS[suffix]}“{path}”。\n")
        for note in result.notes:
            out.write(f"  - {note.message}\n")
    if failures:
        raise CommandError("\n".join(failures))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval_gui.domain.validation import ValidationOptions
    from selfeval_gui.exporters import ExportError
    from selfeval_gui.exporters.batch import check_paths

    if args.summary and args.summary.suffix.lower() != ".xlsx":
        raise CommandError(f"汇总表“{args.summary.name}”应以 .xlsx 结尾。")
    options = ValidationOptions(far_exceeded_threshold=args.threshold)
    base = args.paths[0] if len(args.paths) == 1 and args.paths[0].is_dir() else None
    results = []
    for result in check_paths(args.paths, options):
        results.append(result)
        if not args.json:
            out.write(_check_line(result, base) + "\n")
    if not results:
        raise CommandError("没有找到项目文件（.jxzp）。")
    if args.json:
        _print_json([_check_json(r) for r in results], out)
    else:
        unreadable = sum(r.report is None for r in results)
        errors = sum(r.count(Severity.ERROR) for r in results)
        warnings = sum(r.count(Severity.WARNING) for r in results)
        out.write(
            f"共 {len(results)} 个文件：{len(results) - unreadable} 份报告已校验，{unreadable} 个无法读取；"
            f"错误 {errors} 条，警告 {warnings} 条。\n"
        )
    if args.summary:
        from selfeval_gui.exporters.summary import write_summary  # openpyxl, only when a summary is asked for

        try:
            write_summary(results, args.summary, base)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        if not args.json:
            out.write(f"汇总表已写入“{args.summary}”。\n")
    failed = any(r.report is None or r.count(Severity.ERROR) for r in results)
    return EXIT_FINDINGS if args.strict and failed else EXIT_OK


def _check_line(result: CheckedReport, base: Path | None) -> str:
    name = str(result.path.relative_to(base)) if base and result.path.is_relative_to(base) else str(result.path)
    if result.report is None:
        return f"{name}：无法读取。{result.problem}"
    report = result.report
    counts = "，".join(f"{s.label} {result.count(s)}" for s in Severity)
    return (
        f"{name}：{report.department or '（未填部门）'} {report.year or '（未填年度）'}年度，{counts}，"
        f"预算执行率 {format_percent(result.execution_rate)}"
    )


def _check_json(result: CheckedReport) -> dict[str, Any]:
    report = result.report
    return {
        "file": str(result.path),
        "department": report.department if report else None,
        "year": report.year if report else None,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
        "execution_rate": format_percent(result.execution_rate, undefined="") or None,
        "problem": result.problem,
    }


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    if out is None:
        out = sys.stdout
        # Output redirected on Chinese Windows is in GBK, which lacks emoji and rarer CJK
        # characters a report may hold: they print as "?" instead of stopping the command.
        if isinstance(out, io.TextIOWrapper):
            out.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    from selfeval_gui.exporters.text import visible  # with the report model: once the arguments are read

    run: Command = args.run
    try:
        _check_paths(args)
        return run(args, cast(TextIO, _Visible(out, visible)))  # a stream in all that the commands use
    except CommandError as exc:
        print(f"selfeval: {visible(str(exc))}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        # Ctrl+C during a long `check`: what was written is whole (saves are atomic).
        print("selfeval: 已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (`| head`) stopped early: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def script() -> int:
    """The `selfeval` program: `main`, then out without the interpreter's last garbage
    collections over the report model, which cost a command about a fifth of its processor
    time (everything is written and closed by then)."""
    without_pydantic_plugins()
    status = main()
    gc.freeze()
    return status


if __name__ == "__main__":
    sys.exit(script())
