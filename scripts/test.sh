#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every check: lint, the layer contracts, types, the core tests in a
# virtual environment without PySide6 (proof that the core needs no Qt), all tests, then the
# built wheel's self-test in a virtual environment of its own (check-wheel.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

echo "== lint (ruff) and layer contracts (import-linter)"
.venv/bin/ruff check .
.venv/bin/lint-imports

echo "== types (mypy: the application strict, the editor against PySide6's own stubs)"
.venv/bin/mypy

echo "== core tests without PySide6"
if [[ ! -x .venv-core/bin/python ]]; then
  .venv/bin/python -m venv .venv-core
fi
.venv-core/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt \
  pydantic python-docx openpyxl pytest hypothesis
if .venv-core/bin/python -c "import PySide6" 2>/dev/null; then
  echo "PySide6 must not be installed in .venv-core" >&2
  exit 1
fi
PYTHONPATH=$PWD .venv-core/bin/python -m pytest -q -p no:cacheprovider tests/core

echo "== all tests"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q "$@"

echo "== the wheel, installed in a new virtual environment, passes its self-test"
./scripts/check-wheel.sh
