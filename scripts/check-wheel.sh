#!/usr/bin/env bash
# Builds the wheel, installs it with its dependencies (at the versions in constraints.txt) in a
# new virtual environment, .venv-wheel, and runs the installed app's self-test and command line
# there, outside the checkout: proof that the package carries everything it needs (the sample,
# the icons) and that both programs start.
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
# The command line too, on the sample the wheel carries.
sample=$("$ROOT/.venv-wheel/bin/python" -c 'from selfeval_gui.resources import sample_report_path as p; print(p())')
"$ROOT/.venv-wheel/bin/selfeval" validate "$sample" | grep -q IND_CROSSCHECK ||
  { echo "selfeval validate from the wheel did not report the sample's IND_CROSSCHECK" >&2; exit 1; }
echo "selfeval validate from the wheel: OK"
