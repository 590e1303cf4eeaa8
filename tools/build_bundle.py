"""Build the one-folder bundle with PyInstaller, smoke-test it offscreen, check its size, pack it.

Usage: .venv/bin/python tools/build_bundle.py [--skip-build] [--no-pack]
The bundle lands in build/dist/qmsdesk/. The smoke test (tools/smoke.py) runs every command with
the bundled program: demo, every export and report word (with a logo), import, check, backup and
the window offscreen. The script prints the bundle's size on disk and fails over LIMIT_MB; then it
packs build/dist/qmsdesk-VERSION-linux-ARCH.tar.gz with qmsdesk.desktop and the icon (Linux).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import smoke

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"
BUNDLE = DIST / "qmsdesk"
LIMIT_MB = 120

sys.path.insert(0, str(ROOT))
from qmsdesk import __version__  # noqa: E402


def build() -> None:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "pyinstaller.spec"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
        ],
        check=True,
        cwd=ROOT,
    )
    print(f"built {BUNDLE} in {time.perf_counter() - start:.0f} s")


#: What the bundle keeps of ICU's data (the rest is 30 MB of locales, calendars, time zones,
#: converters and break rules that Qt's widgets never ask ICU for: Qt has its own locale tables,
#: text boundaries and UTF codecs). Kept: the root and English collation with the Unicode
#: collation table (QCollator sorts names in the history as people alphabetise them: "Łukasz"
#: after "L"), the normalisation and IDNA tables, converter aliases, and the index and string
#: pool that every resource bundle reads. Any other locale's collation falls back to the root
#: one, which sorts Latin, Greek and Cyrillic names the usual way.
ICU_KEEP = (
    "res_index.res",
    "pool.res",
    "root.res",
    "en.res",
    "coll/res_index.res",
    "coll/root.res",
    "coll/en.res",
    "coll/ucadata.icu",
    "nfkc.nrm",
    "nfkc_cf.nrm",
    "uts46.nrm",
    "cnvalias.icu",
)


def slim_icu_data() -> None:
    """Rebuild the bundle's libicudata with only :data:`ICU_KEEP`, with ICU's own tools.

    Linux only (Qt on Windows and macOS uses the system's ICU). Needs icupkg and genccode
    (Debian package icu-devtools) and a C compiler; without them the bundle keeps all the data.
    """
    import re
    import shutil

    libs = sorted((BUNDLE / "_internal").rglob("libicudata.so.*"))
    libs = [lib for lib in libs if not lib.is_symlink()]
    tools = [shutil.which(name) for name in ("icupkg", "genccode", "cc")]
    if not libs or not all(tools):
        print("ICU data left whole (needs icupkg and genccode from icu-devtools, and cc)")
        return
    icupkg, genccode, cc = (str(tool) for tool in tools)
    lib = libs[0]
    major = lib.name.rsplit(".", 1)[-1]
    entry = f"icudt{major}"
    symbols = subprocess.run(
        ["readelf", "-s", "--wide", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(rf"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT.*\s{entry}_dat$", symbols, re.M)
    sections = subprocess.run(
        ["readelf", "-S", "--wide", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not found or not rodata:
        print(f"ICU data left whole: {entry}_dat not found in {lib.name}")
        return
    address, size = int(found.group(1), 16), int(found.group(2), 0)
    offset = int(rodata.group(2), 16) + address - int(rodata.group(1), 16)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        data = tmp / f"{entry}l.dat"
        data.write_bytes(lib.read_bytes()[offset : offset + size])
        items = subprocess.run(
            [icupkg, "-l", str(data)], capture_output=True, text=True, check=True
        ).stdout.split()
        drop = tmp / "drop.txt"
        drop.write_text("\n".join(item for item in items if item not in ICU_KEEP) + "\n")
        subprocess.run([icupkg, "-r", str(drop), str(data)], check=True, cwd=tmp)
        subprocess.run(
            [genccode, "-q", "-a", "gcc", "-e", entry, "-d", str(tmp), str(data)], check=True
        )
        built = tmp / lib.name
        subprocess.run(
            [
                cc,
                "-shared",
                "-nostdlib",
                "-o",
                str(built),
                f"-Wl,-soname,{lib.name}",
                str(tmp / f"{entry}l_dat.S"),
            ],
            check=True,
        )
        before = lib.stat().st_size
        shutil.copyfile(built, lib)
    print(
        f"ICU data: {before / 1e6:.1f} MB -> {lib.stat().st_size / 1e6:.1f} MB "
        f"({len(ICU_KEEP)} of {len(items)} items kept)"
    )
    check_collation(lib.parent)


_COLLATION_CHECK = """
from PySide6.QtCore import QCollator, QLocale, Qt
names = ["Zoe", "\u0141ukasz", "lara", "Ada", "\u00c9mile", "Mark"]
for language in (QLocale.Language.English, QLocale.Language.Polish, QLocale.Language.German):
    collator = QCollator(QLocale(language))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    print(" ".join(sorted(names, key=collator.sortKey)))
"""


def check_collation(lib_dir: Path) -> None:
    """Qt, loading the slimmed ICU data, still sorts names as people alphabetise them."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(lib_dir), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", _COLLATION_CHECK],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    want = "Ada \u00c9mile lara \u0141ukasz Mark Zoe"
    if out.stderr.strip() or any(line != want for line in out.stdout.splitlines()):
        raise SystemExit(
            "names no longer sort as they should with the slimmed ICU data:\n"
            f"{out.stdout}{out.stderr}"
        )
    print("collation checked with the slimmed ICU data: English, Polish, German")


def size_on_disk(folder: Path) -> int:
    """Bytes of the regular files under `folder`, each counted once (symbolic links, which the
    bundle has for Qt's libraries, are not followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            if not os.path.islink(os.path.join(dirpath, name)):
                total += st.st_size
    return total


def smoke_test() -> None:
    exe = BUNDLE / ("qmsdesk.exe" if os.name == "nt" else "qmsdesk")
    words = _words()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        work = tmp / "work"
        work.mkdir()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(tmp / "data"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
        }
        logo = ROOT / "resources" / "icons" / "qmsdesk-64.png"
        summary = smoke.every_command([str(exe)], work, env, words, logo)
    print(f"bundle smoke test passed: {summary}")


def _words() -> smoke.Words:
    import json

    out = subprocess.run(
        [sys.executable, "-c", smoke.words_script()],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out)


def pack() -> Path:
    arch = platform.machine().lower() or "unknown"
    target = DIST / f"qmsdesk-{__version__}-linux-{arch}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(BUNDLE, arcname="qmsdesk")
        tar.add(ROOT / "packaging" / "linux" / "qmsdesk.desktop", arcname="qmsdesk/qmsdesk.desktop")
        tar.add(ROOT / "resources" / "icons" / "qmsdesk-256.png", arcname="qmsdesk/qmsdesk.png")
    print(f"packed {target.name}: {target.stat().st_size / 1e6:.0f} MB")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="only check the built bundle")
    parser.add_argument("--no-pack", action="store_true", help="do not write the .tar.gz")
    args = parser.parse_args()
    if not args.skip_build:
        build()
        if sys.platform.startswith("linux"):
            slim_icu_data()
    size = size_on_disk(BUNDLE)
    print(f"bundle size on disk: {size / 1e6:.1f} MB (limit {LIMIT_MB} MB)")
    smoke_test()
    if size > LIMIT_MB * 1_000_000:
        raise SystemExit(f"the bundle is {size / 1e6:.1f} MB, over the {LIMIT_MB} MB limit")
    if not args.no_pack and sys.platform.startswith("linux"):
        pack()


if __name__ == "__main__":
    main()
