#!/usr/bin/env bash
# Walks through the installer's and the uninstaller's pages as a user would, under Wine on a
# virtual screen, and saves a picture of each page, to look at:
#   installer/out/screenshots/<n>-<page>.png
# Run after build-windows.sh (it uses that build's installer). Debian 12, as root for the
# apt packages (xdotool, xwd, ImageMagick). A fresh Wine prefix in Chinese (zh_CN), so the pages
# show as on a Chinese Windows.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ROOT=$PWD
WORK=$ROOT/installer/work/screenshots
OUT=$ROOT/installer/out/screenshots
VERSION=$(project_version)
SETUP=$ROOT/installer/out/selfeval-gui-$VERSION-setup-x64.exe
[[ -f $SETUP ]] || { echo "no $SETUP: run installer/build-windows.sh first" >&2; exit 1; }

APT_PACKAGES=(wine wine64 xvfb xauth xdotool x11-apps imagemagick locales)
require_apt_packages "${APT_PACKAGES[@]}"
locale -a | grep -qx 'zh_CN.utf8' || localedef -i zh_CN -f UTF-8 zh_CN.UTF-8

rm -rf "$WORK" "$OUT"
mkdir -p "$WORK/home" "$OUT"
export HOME=$WORK/home WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all LC_ALL=zh_CN.UTF-8
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

start_xvfb 1024x768
cleanup() {
  wineserver -k 2>/dev/null || true
  kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

wineboot --init </dev/null >/dev/null 2>&1
wineserver -w
wine winecfg -v win10 </dev/null >/dev/null 2>&1

shots=0
shoot() {
  sleep 1.5  # let the page finish drawing
  shots=$((shots + 1))
  xwd -root -silent | convert xwd:- -trim +repage "png:$OUT/$shots-$1.png"  # the dialog, without the empty screen
  echo "$OUT/$shots-$1.png"
}
# Wait for a window whose title contains $1, then give it the keyboard.
window() {
  local id=""
  for _ in $(seq 1 60); do
    id=$(xdotool search --name "$1" 2>/dev/null | tail -n 1) && [[ -n $id ]] && break
    sleep 0.5
  done
  [[ -n $id ]] || { echo "no window titled '$1'" >&2; exit 1; }
  xdotool windowactivate --sync "$id" 2>/dev/null || xdotool windowfocus --sync "$id"
}
press() { xdotool key --delay 100 "$@"; }
# Wait for a program started in the background to close.
closed() {
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  echo "$2 did not close" >&2
  exit 1
}

wine "$SETUP" </dev/null >/dev/null 2>&1 &
setup_pid=$!
window "安装"
shoot welcome
press Return
shoot directory
press Return
sleep 5  # installing
shoot finished
press alt+r  # untick "run now": the app is not what is being looked at here
shoot finished-run-unticked
press Return
closed "$setup_pid" "the installer"

uninstaller="C:\\users\\$(id -un)\\AppData\\Local\\Programs\\selfeval-gui\\uninstall.exe"
wine "$uninstaller" </dev/null >/dev/null 2>&1 &
window "卸载"
shoot uninstall-confirm
press Return
shoot uninstall-user-data
press Return
sleep 4
shoot uninstall-finished
press Return
# The uninstaller runs as a copy of itself in %TEMP%: wait for every Windows process.
wineserver -w
echo "pictures in $OUT"
