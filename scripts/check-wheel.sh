#!/usr/bin/env bash
# Builds the wheel, installs it with its dependencies (at the versions in constraints.txt) in a
# new virtual environment, .venv-wheel, and runs the installed app's self-test there, outside
# the checkout: proof that the package carries everything it needs (the sample, the icons).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m pip wheel -q --disable-pip-version-check --no-deps -w "$work" .
wheel=$(echo "$work"/selfeval_gui-*.whl)

rm -rf .venv-wheel
.venv/bin/python -m venv .venv-wheel
.venv-wheel/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt "$wheel"
# From a folder of its own, so that nothing of the checkout can be imported instead.
cd "$work"
QT_QPA_PLATFORM=offscreen "$ROOT/.venv-wheel/bin/selfeval-gui" --selftest
