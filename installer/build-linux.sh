#!/usr/bin/env bash
# Builds the Linux one-folder bundle of selfeval-gui from the same spec as the Windows build
# (installer/selfeval.spec) and proves it with its --selftest (offscreen) and its command line:
#   installer/out/selfeval-gui-<version>-linux-x86_64.tar.gz   (the folder selfeval-gui/)
# Debian 12, as root for the apt packages. It bundles the libraries of the machine it is built
# on, so it runs on Linux systems with glibc 2.36 or later.

set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ROOT=$PWD
WORK=$ROOT/installer/work/linux
OUT=$ROOT/installer/out

# PyInstaller needs binutils (objdump) and ldd; the offscreen selftest needs Qt's system
# libraries and a Chinese font.
APT_PACKAGES=(python3-venv binutils libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
              fonts-noto-cjk)

started=$(date +%s)
step() { echo "== [$(($(date +%s) - started))s] $*"; }
fail() { echo "build-linux: FAILED: $*" >&2; exit 1; }

SELFTEST_ARGS=(--selftest)
SELFTEST_OK="selftest OK"

step "system packages"
require_apt_packages "${APT_PACKAGES[@]}" || fail "system packages missing"

VERSION=$(project_version)

step "build environment: the app's dependencies (constraints.txt) and the hash-pinned PyInstaller"
mkdir -p "$WORK" "$OUT"
stamp=$(cat installer/requirements-build.txt constraints.txt pyproject.toml | sha256sum | cut -c1-16)
if [[ ! -e $WORK/venv/.stamp-$stamp ]]; then
  rm -rf "$WORK/venv"
  python3 -m venv "$WORK/venv"
  PIP=("$WORK/venv/bin/python" -m pip -q --disable-pip-version-check)
  "${PIP[@]}" install --require-hashes --no-deps -r installer/requirements-build.txt
  APP_DEPS=$(python3 -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
  # shellcheck disable=SC2086  # the dependency list is word-split on purpose
  "${PIP[@]}" install -c constraints.txt $APP_DEPS
  touch "$WORK/venv/.stamp-$stamp"
fi

step "PyInstaller (installer/selfeval.spec)"
rm -rf "$WORK/dist" "$WORK/build"
HOME=$WORK PYINSTALLER_CONFIG_DIR=$WORK/pyinstaller-cache "$WORK/venv/bin/pyinstaller" --noconfirm --clean \
  --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" installer/selfeval.spec
BUNDLE=$WORK/dist/selfeval-gui

step "the frozen app"
output=$(QT_QPA_PLATFORM=offscreen "$BUNDLE/selfeval-gui" "${SELFTEST_ARGS[@]}" 2>&1) ||
  { echo "$output"; fail "selfeval-gui ${SELFTEST_ARGS[*]} exited non-zero"; }
echo "$output"
[[ $(tail -n 1 <<<"$output") == "$SELFTEST_OK" ]] || fail "the selftest did not end with '$SELFTEST_OK'"
[[ $("$BUNDLE/selfeval" --version) == "selfeval $VERSION" ]] || fail "selfeval --version"
output=$("$BUNDLE/selfeval" validate "$BUNDLE/_internal/selfeval_gui/resources/samples/suzhou-redcross-2023.jxzp") ||
  fail "selfeval validate exited non-zero"
grep -q IND_CROSSCHECK <<<"$output" || fail "selfeval validate did not report the sample's IND_CROSSCHECK"
echo "selfeval validate: $(head -n 1 <<<"$output")"

step "archive"
ARCHIVE=$OUT/selfeval-gui-$VERSION-linux-x86_64.tar.gz
tar -C "$WORK/dist" -czf "$ARCHIVE" selfeval-gui
bundle_bytes=$(du -sb "$BUNDLE" | cut -f1)
echo "bundle: $(find "$BUNDLE" -type f | wc -l) files, $bundle_bytes bytes" \
     "($(python3 -c "print(f'{$bundle_bytes / 2**20:.1f}')") MiB)"
echo "archive: $ARCHIVE, $(stat -c %s "$ARCHIVE") bytes ($(python3 -c "print(f'{$(stat -c %s "$ARCHIVE") / 2**20:.1f}')") MiB)"
step "done"
