"""The benchmarks are scripts nothing else imports: a renamed or moved function would break
them unseen. Importing each one catches that (running them is for people, not CI)."""

import importlib
import pkgutil

import pytest

import benchmarks

NAMES = [m.name for m in pkgutil.iter_modules(benchmarks.__path__)]


#: Modules the benchmarks share, not benchmarks themselves.
HELPERS = {"large_report", "hostile_inputs"}


def test_there_are_benchmarks():
    assert {"bench_validate", "bench_edit", "bench_startup", "bench_export", "bench_check", "bench_cli",
            "bench_hostile"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_benchmark_imports(name):
    module = importlib.import_module(f"benchmarks.{name}")
    assert name in HELPERS or callable(getattr(module, "main", None))
