"""Checks an installation of selfeval-gui from inside Windows, as the installer left it.

build-windows.sh runs this with the build's Windows Python under Wine, in a prefix that
stands for a clerk's PC. Standard library only (plus pefile, which the build Python has for
PyInstaller). Every problem is printed; the exit status is 1 if there was any.

    verify_install.py snapshot FILE                 record the user's files and registry
    verify_install.py installed --version V --bundle DIR [--file-version V] [--max-mib N]
    verify_install.py userdata create|present|absent
    verify_install.py removed --snapshot FILE --userdata kept|removed
    verify_install.py not-installed                 nothing of the program is there
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import struct
import sys
import winreg
from collections.abc import Iterator
from pathlib import Path

APP_ID = "selfeval-gui"
APP_NAME = "部门整体支出绩效自评"
PUBLISHER = "selfeval-gui"
GUI_EXE = "selfeval-gui.exe"
CLI_EXE = "selfeval.exe"
FILE_EXT = ".jxzp"
PROG_ID = "selfeval-gui.jxzp"
UNINST_KEY = rf"Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}"
#: The app's own data (selfeval_gui/ui/settings.py, app.py): organisation "selfeval",
#: application "selfeval-gui"; settings in an INI file, recovery copies in the AppData folder.
USERDATA_ORG, USERDATA_APP = "selfeval", "selfeval-gui"
USERDATA_KEY = rf"Software\{USERDATA_ORG}"
#: PE subsystems: the editor opens no console window, the command line is a console program.
WINDOWED, CONSOLE = 2, 3
SUBSYSTEMS = {WINDOWED: "windowed", CONSOLE: "console"}
#: Keys the installer writes, each removed by the uninstaller.
CLASS_KEYS = (
    rf"Software\Classes\{FILE_EXT}",
    rf"Software\Classes\{PROG_ID}",
    rf"Software\Classes\Applications\{GUI_EXE}",
)
#: What Windows (Wine) itself changes while programs run, not the installer: console and
#: Explorer settings; and the uninstaller's copy of itself waits in %TEMP% for a reboot, as
#: NSIS uninstallers do.
VOLATILE_KEYS = ("Console", r"Software\Wine", r"Software\Microsoft\Windows\CurrentVersion\Explorer")
#: Every Windows user has it (their file types); a fresh Wine prefix creates it on first use.
STANDARD_KEYS = {r"Software\Classes"}

problems: list[str] = []


def problem(text: str) -> None:
    problems.append(text)
    print(f"  PROBLEM: {text}")


def expect(condition: object, text: str) -> None:
    if not condition:
        problem(text)


def env_path(name: str) -> Path:
    return Path(os.environ[name])


def install_dir() -> Path:
    return env_path("LOCALAPPDATA") / "Programs" / APP_ID


def desktop_dir() -> Path:
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER,
                        r"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders") as key:
        value, _ = winreg.QueryValueEx(key, "Desktop")
    return Path(os.path.expandvars(value))


def shortcuts() -> dict[str, Path]:
    start_menu = env_path("APPDATA") / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    return {"Start menu": start_menu / f"{APP_NAME}.lnk", "desktop": desktop_dir() / f"{APP_NAME}.lnk"}


def userdata_dirs() -> list[Path]:
    return [env_path("APPDATA") / USERDATA_ORG, env_path("LOCALAPPDATA") / USERDATA_ORG]


# --- registry -----------------------------------------------------------------------------

def read_values(path: str) -> dict[str, object] | None:
    try:
        key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, path)
    except FileNotFoundError:
        return None
    with key:
        values = {}
        for i in range(winreg.QueryInfoKey(key)[1]):
            name, data, _ = winreg.EnumValue(key, i)
            values[name] = data
        return values


def key_exists(path: str) -> bool:
    return read_values(path) is not None


def walk_registry(path: str = "") -> Iterator[str]:
    """Every key and value name under HKCU\\path, as `key` and `key :: value` lines."""
    try:
        key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, path)
    except OSError:
        return
    with key:
        subkeys, values, _ = winreg.QueryInfoKey(key)
        yield path
        for i in range(values):
            yield f"{path} :: {winreg.EnumValue(key, i)[0]}"
        names = [winreg.EnumKey(key, i) for i in range(subkeys)]
    for name in names:
        yield from walk_registry(f"{path}\\{name}" if path else name)


# --- shortcuts ----------------------------------------------------------------------------

def read_shortcut(path: Path) -> dict[str, str]:
    """The parts of a .lnk file (MS-SHLLINK) that say what it starts."""
    data = path.read_bytes()
    header_size, = struct.unpack_from("<I", data, 0)
    if header_size != 0x4C:
        raise ValueError(f"{path} is not a shell link")
    flags, = struct.unpack_from("<I", data, 0x14)
    unicode = bool(flags & 0x80)
    offset = header_size
    if flags & 0x01:  # HasLinkTargetIDList
        offset += 2 + struct.unpack_from("<H", data, offset)[0]
    link = {}
    if flags & 0x02:  # HasLinkInfo
        info = data[offset:]
        size, header, info_flags, _, base_at, _, suffix_at = struct.unpack_from("<7I", info, 0)
        if info_flags & 0x01:  # VolumeIDAndLocalBasePath
            if header >= 0x24:
                base_at_w, suffix_at_w = struct.unpack_from("<2I", info, 28)
                link["target"] = _utf16z(info, base_at_w) + _utf16z(info, suffix_at_w)
            else:
                link["target"] = _ansiz(info, base_at) + _ansiz(info, suffix_at)
        offset += size
    for bit, name in ((0x04, "name"), (0x08, "relative_path"), (0x10, "working_dir"),
                      (0x20, "arguments"), (0x40, "icon")):
        if flags & bit:
            count, = struct.unpack_from("<H", data, offset)
            offset += 2
            width = 2 if unicode else 1
            raw = data[offset:offset + count * width]
            # Wine counts a terminating NUL that the format does not have.
            link[name] = (raw.decode("utf-16-le") if unicode else raw.decode("mbcs")).rstrip("\0")
            offset += count * width
    return link


def _utf16z(data: bytes, at: int) -> str:
    end = at
    while data[end:end + 2] != b"\0\0":
        end += 2
    return data[at:end].decode("utf-16-le")


def _ansiz(data: bytes, at: int) -> str:
    return data[at:data.index(b"\0", at)].decode("mbcs")


# --- files ------------------------------------------------------------------------------

def files_under(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)).lower(): p for p in root.rglob("*") if p.is_file()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def program_facts(path: Path) -> tuple[str | None, int, bool]:
    """A Windows program's file version, subsystem (2 windowed, 3 console) and whether it has
    an icon."""
    import pefile

    pe = pefile.PE(str(path), fast_load=True)
    pe.parse_data_directories([pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
    version = None
    for info in getattr(pe, "FileInfo", [[]])[0]:
        for table in getattr(info, "StringTable", []):
            version = version or table.entries.get(b"FileVersion", b"").decode() or None
    resources = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
    has_icon = resources is not None and any(
        entry.id == pefile.RESOURCE_TYPE["RT_GROUP_ICON"] for entry in resources.entries
    )
    return version, pe.OPTIONAL_HEADER.Subsystem, has_icon


# --- commands ---------------------------------------------------------------------------

def cmd_installed(args: argparse.Namespace) -> None:
    home = install_dir()
    print(f"installed program in {home}")
    expect(home.is_dir(), f"{home} does not exist")
    if not home.is_dir():
        return

    installed, shipped = files_under(home), files_under(Path(args.bundle))
    expect("uninstall.exe" in installed, "uninstall.exe is missing")
    missing = sorted(set(shipped) - set(installed))
    extra = sorted(set(installed) - set(shipped) - {"uninstall.exe"})
    expect(not missing, f"{len(missing)} files of the bundle were not installed: {missing[:5]}")
    # Left over from an older version, or anything else the bundle does not have.
    expect(not extra, f"{len(extra)} files are there that the bundle does not have: {extra[:5]}")
    changed = [name for name in sorted(set(shipped) & set(installed))
               if digest(shipped[name]) != digest(installed[name])]
    expect(not changed, f"installed files differ from the bundle: {changed[:5]}")

    size = sum(p.stat().st_size for p in installed.values())
    print(f"  {len(installed)} files, {size:,} bytes ({size / 2**20:.1f} MiB)")
    expect(size <= args.max_mib * 2**20, f"installed size {size / 2**20:.1f} MiB is over the {args.max_mib} MiB limit")

    for exe, subsystem in ((GUI_EXE, WINDOWED), (CLI_EXE, CONSOLE)):
        version, kind, has_icon = program_facts(home / exe)
        wanted_version = args.file_version or args.version
        expect(version == wanted_version, f"{exe} has file version {version}, expected {wanted_version}")
        expect(kind == subsystem, f"{exe} is a {SUBSYSTEMS.get(kind, kind)} program, expected {SUBSYSTEMS[subsystem]}")
        expect(has_icon, f"{exe} has no icon")
        print(f"  {exe}: {SUBSYSTEMS.get(kind, kind)}, file version {version}, icon {'yes' if has_icon else 'no'}")

    gui = str(home / GUI_EXE)
    for where, lnk in shortcuts().items():
        if not lnk.is_file():
            problem(f"the {where} shortcut {lnk} is missing")
            continue
        link = read_shortcut(lnk)
        print(f"  {where} shortcut: {lnk.name} -> {link.get('target')}")
        expect(link.get("target", "").lower() == gui.lower(), f"the {where} shortcut starts {link.get('target')}")
        expect(link.get("working_dir", "").lower() == str(home).lower(),
               f"the {where} shortcut works in {link.get('working_dir')}")
        expect(link.get("icon", "").lower() == gui.lower(), f"the {where} shortcut has icon {link.get('icon')}")
        expect(link.get("name") == APP_NAME, f"the {where} shortcut is described as {link.get('name')!r}")

    entry = read_values(UNINST_KEY) or {}
    expect(entry, f"no Apps & Features entry HKCU\\{UNINST_KEY}")
    wanted = {
        "DisplayName": APP_NAME,
        "DisplayVersion": args.version,
        "Publisher": PUBLISHER,
        "DisplayIcon": f"{gui},0",
        "InstallLocation": str(home),
        "UninstallString": f'"{home}\\uninstall.exe"',
        "QuietUninstallString": f'"{home}\\uninstall.exe" /S',
        "NoModify": 1,
        "NoRepair": 1,
    }
    for name, value in wanted.items():
        expect(entry.get(name) == value, f"uninstall entry {name} is {entry.get(name)!r}, expected {value!r}")
    estimated = entry.get("EstimatedSize")
    expect(isinstance(estimated, int) and abs(estimated - size / 1024) < 0.02 * size / 1024,
           f"uninstall entry EstimatedSize {estimated} KB, the files make {size // 1024} KB")
    expect(str(entry.get("InstallDate", "")).isdigit() and len(str(entry.get("InstallDate"))) == 8,
           f"uninstall entry InstallDate {entry.get('InstallDate')!r} is not YYYYMMDD")
    if entry:
        print(f"  Apps & Features: {entry.get('DisplayName')} {entry.get('DisplayVersion')}, "
              f"{entry.get('EstimatedSize')} KB, {entry.get('QuietUninstallString')}")

    ext = read_values(rf"Software\Classes\{FILE_EXT}") or {}
    expect(ext.get("") == PROG_ID, f"{FILE_EXT} is associated with {ext.get('')!r}, expected {PROG_ID}")
    expect(PROG_ID in (read_values(rf"Software\Classes\{FILE_EXT}\OpenWithProgids") or {}),
           f"{PROG_ID} is not among the programs that open {FILE_EXT}")
    command = (read_values(rf"Software\Classes\{PROG_ID}\shell\open\command") or {}).get("")
    expect(command == f'"{gui}" "%1"', f"{PROG_ID} opens files with {command!r}")
    icon = (read_values(rf"Software\Classes\{PROG_ID}\DefaultIcon") or {}).get("")
    expect(icon == f"{gui},0", f"{PROG_ID} has icon {icon!r}")
    expect(FILE_EXT in (read_values(rf"Software\Classes\Applications\{GUI_EXE}\SupportedTypes") or {}),
           f"{GUI_EXE} does not list {FILE_EXT} among its supported types")
    print(f"  {FILE_EXT} -> {PROG_ID} -> {command}")


def userdata_files() -> list[Path]:
    roaming = env_path("APPDATA") / USERDATA_ORG
    return [roaming / f"{USERDATA_APP}.ini", roaming / USERDATA_APP / "recovery" / "报告.jxzp"]


def cmd_userdata(args: argparse.Namespace) -> None:
    if args.action == "create":
        # What the app leaves once used: its settings file and a recovery copy.
        for path in userdata_files():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("user data", encoding="utf-8")
        print("created the app's settings and a recovery copy")
        return
    if args.action == "present":
        missing = [str(path) for path in userdata_files() if not path.is_file()]
        expect(not missing, f"the user's settings or recovery copies were removed: {missing}")
        print("the user's settings and recovery copies are there")
    else:
        expect(not key_exists(USERDATA_KEY), f"HKCU\\{USERDATA_KEY} is still there")
        for folder in userdata_dirs():
            expect(not folder.exists(), f"{folder} is still there")
        print("the user's settings and recovery copies are gone")


def snapshot() -> dict[str, list[str]]:
    home = env_path("USERPROFILE")
    temp = env_path("TEMP")
    files = sorted(str(p.relative_to(home)) for p in home.rglob("*") if not p.is_relative_to(temp))
    keys = sorted(k for k in walk_registry() if not k.startswith(VOLATILE_KEYS) and k not in STANDARD_KEYS)
    return {"files": files, "registry": keys}


def cmd_snapshot(args: argparse.Namespace) -> None:
    state = snapshot()
    Path(args.file).write_text(json.dumps(state, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"recorded {len(state['files'])} files and folders, {len(state['registry'])} registry entries")


def cmd_not_installed(_: argparse.Namespace) -> None:
    expect(not install_dir().exists(), f"{install_dir()} exists")
    for where, lnk in shortcuts().items():
        expect(not lnk.exists(), f"the {where} shortcut {lnk} exists")
    for path in (UNINST_KEY, *CLASS_KEYS):
        expect(not key_exists(path), f"HKCU\\{path} exists")
    print("nothing of the program is installed")


def cmd_removed(args: argparse.Namespace) -> None:
    cmd_not_installed(args)
    before = json.loads(Path(args.snapshot).read_text(encoding="utf-8"))
    after = snapshot()
    ours = (USERDATA_KEY, *(str(d.relative_to(env_path("USERPROFILE"))) for d in userdata_dirs()))
    for kind in ("files", "registry"):
        left = sorted(set(after[kind]) - set(before[kind]))
        if args.userdata == "kept":
            left = [entry for entry in left if not entry.startswith(ours)]
        expect(not left, f"left behind ({kind}): {left[:8]}")
    print(f"nothing left behind since the snapshot (user data {args.userdata})")


def main(argv: list[str] | None = None) -> int:
    sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    parser = argparse.ArgumentParser(prog="verify_install.py")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("snapshot")
    p.add_argument("file")
    p.set_defaults(run=cmd_snapshot)
    p = commands.add_parser("installed")
    p.add_argument("--version", required=True)
    p.add_argument("--bundle", required=True)
    p.add_argument("--file-version", help="of the programs, when not --version (the upgrade test's older copy)")
    p.add_argument("--max-mib", type=float, default=75)
    p.set_defaults(run=cmd_installed)
    p = commands.add_parser("userdata")
    p.add_argument("action", choices=["create", "present", "absent"])
    p.set_defaults(run=cmd_userdata)
    p = commands.add_parser("removed")
    p.add_argument("--snapshot", required=True)
    p.add_argument("--userdata", choices=["kept", "removed"], required=True)
    p.set_defaults(run=cmd_removed)
    p = commands.add_parser("not-installed")
    p.set_defaults(run=cmd_not_installed)
    args = parser.parse_args(argv)
    args.run(args)
    if problems:
        print(f"verify_install.py {args.command}: {len(problems)} problems")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
