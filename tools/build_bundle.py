"""Build the one-folder bundle with PyInstaller, then smoke-test it offscreen.

Usage: .venv/bin/python tools/build_bundle.py [--skip-build]
The bundle lands in build/dist/qmsdesk/. The smoke test writes a demo company with the bundled
program, prints its master list to PDF, and starts the GUI on it offscreen until the register shows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"


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
    size = sum(f.stat().st_size for f in (DIST / "qmsdesk").rglob("*") if f.is_file())
    print(f"built {DIST / 'qmsdesk'} in {time.perf_counter() - start:.0f} s, {size / 1e6:.0f} MB")


def run(args: list[str], env: dict[str, str]) -> str:
    exe = DIST / "qmsdesk" / ("qmsdesk.exe" if os.name == "nt" else "qmsdesk")
    result = subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    if result.returncode != 0:
        raise SystemExit(
            f"smoke test failed: qmsdesk {' '.join(args)} exited {result.returncode}\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def smoke_test() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(tmp / "data"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
        }
        demo = tmp / "demo.qmsdb"
        run(["demo", str(demo)], env)
        run(["report", "documents", "--db", str(demo), "-o", str(tmp / "list.pdf")], env)
        assert (tmp / "list.pdf").stat().st_size > 10_000, "the master list PDF is too small"
        out = run(["--db", str(demo), "--quit-after", "500"], env)
        assert "ready" in out, f"the GUI did not report the register as shown: {out!r}"
    print("smoke test passed: demo written, PDF printed, GUI opened the demo register")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="only run the smoke test")
    args = parser.parse_args()
    if not args.skip_build:
        build()
    smoke_test()


if __name__ == "__main__":
    main()
