"""A long report for the page tests: 60 projects, 40 tasks whose completions run from a few
lines to more than a page, 120 indicators in categories of one to twelve rows, reasons from a
line to half a page, 职责 from a line to a third of a page. Its texts are cut from the
sample's own, by a seeded generator, so that it is the same report on every machine."""

from __future__ import annotations

import random

from benchmarks.large_report import large_report
from selfeval_gui.domain.model import Duty, Indicator, KeyTask, Report
from selfeval_gui.resources import sample_report_path
from selfeval_gui.storage.projectfile import load_report

#: The seed whose report has rows taller than a page, rows broken to fill a page (one where a
#: cell would have left a lone line), labels kept together and apart, and labels shortened on
#: the pages that continue them.
SEED = 18
TASKS = 40
INDICATORS = 120
PROJECTS = 60
CATEGORIES = ("数量指标", "质量指标", "时效指标", "成本指标", "社会效益", "可持续影响", "服务对象满意度")


def long_report(seed: int = SEED) -> Report:
    pick = random.Random(seed)
    sample = load_report(sample_report_path())
    report = large_report(indicators=0, budget_rows=PROJECTS + 3, duties=0)  # the sample's, 60 projects
    corpus = "".join(task.completion for duty in sample.duties for task in duty.tasks)

    def text(length: int) -> str:
        start = pick.randrange(len(corpus))
        return (corpus * 3)[start:start + length].strip()

    report.duties = []
    tasks = 0
    while tasks < TASKS:
        count = min(pick.choice((1, 1, 2, 2, 3, 4)), TASKS - tasks)
        report.duties.append(Duty(
            text=f"{text(pick.randint(20, 200))}（职责{len(report.duties) + 1}）",
            tasks=[KeyTask(name=text(pick.randint(4, 20)), completion=text(pick.choice((60, 150, 300, 450, 700, 1200))))
                   for _ in range(count)],
        ))
        tasks += count
    seeds = sample.indicators
    groups = ("产出指标", "效益指标", "满意度指标")
    report.indicators = []
    while len(report.indicators) < INDICATORS:
        n = len(report.indicators)
        group, category = groups[min(n // 50, 2)], f"{pick.choice(CATEGORIES)}{n}"
        for _ in range(min(pick.choice((1, 2, 2, 3, 5, 8, 12)), INDICATORS - n)):
            seed_indicator = seeds[len(report.indicators) % len(seeds)]
            reason = text(pick.choice((0, 0, 40, 120, 300, 600))) if pick.random() < 0.5 else ""
            report.indicators.append(Indicator(
                group=group, category=category, name=f"{seed_indicator.name}{len(report.indicators)}",
                target=seed_indicator.target, actual=seed_indicator.actual, source=seed_indicator.source,
                reason=reason,
            ))
    return report
