#!/usr/bin/env bash
# Prepares this checkout on Debian 12: the system libraries Qt and the tests need (installed
# when run as root, otherwise listed), then the virtual environment .venv with every Python
# package at the version pinned in constraints.txt. Safe to run again; does only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

APT_PACKAGES=(
  # Qt (PySide6) on a fresh Debian, offscreen and under X11/Xvfb
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 xvfb xauth
  # Chinese glyphs; Times New Roman's metrics (Liberation Serif), so that Latin text and
  # digits take the room they take on Windows
  fonts-noto-cjk fonts-liberation2
  # rendering exported Word/Excel files in the tests
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
  # Python
  python3 python3-venv
)

require_apt_packages "${APT_PACKAGES[@]}"

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat constraints.txt pyproject.toml | sha256sum | cut -c1-16)
if [[ ! -e $stamp ]]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
