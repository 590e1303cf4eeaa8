"""Build the wheel, install it in a throw-away virtual environment outside the source tree, and
run every command against it: a resource missing from the wheel fails here, as it would for a user.

Usage: .venv/bin/python tools/wheel_smoke.py [--keep]
Run by tools/run-tests.sh (so by CI). It builds with `pip wheel` (an isolated build, as pip does
for a user), creates a venv in a temporary folder, installs the wheel and its dependencies there,
checks that the package imported is the installed one with its fonts and icons inside, that
`qmsdesk --version` agrees with the wheel's metadata, then runs tools/smoke.py's every command.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import smoke

ROOT = Path(__file__).resolve().parent.parent


def check_wheel(tmp: Path) -> None:
    start = time.perf_counter()
    dist = tmp / "dist"
    plain = dict(os.environ)
    smoke.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(dist)],
        tmp,
        plain,
    )
    wheel = next(dist.glob("qmsdesk-*.whl"))
    venv = tmp / "venv"
    smoke.run([sys.executable, "-m", "venv", str(venv)], tmp, plain)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    smoke.run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp, plain)
    print(f"installed {wheel.name} in a fresh venv in {time.perf_counter() - start:.0f} s")

    work = tmp / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_CACHE_HOME=str(tmp / "cache"),
    )
    script = "import qmsdesk, qmsdesk.paths as p; print(qmsdesk.__file__); print(p.resources_dir())"
    package, resources = smoke.run([str(python), "-c", script], work, env).split()
    if package.startswith(str(ROOT)) or not resources.startswith(str(venv)):
        raise SystemExit(f"not the installed package: {package}, resources in {resources}")
    for part in ("fonts/DejaVuSans.ttf", "fonts/LICENSE-DejaVu.txt", "icons/qmsdesk-32.png"):
        if not (Path(resources) / part).is_file():
            raise SystemExit(f"the wheel lacks resources/{part}")

    qmsdesk = [str(bindir / "qmsdesk")]
    version = smoke.run([*qmsdesk, "--version"], work, env).strip()
    metadata = smoke.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('qmsdesk'))"],
        work,
        env,
    ).strip()
    if version != f"QMS Desk {metadata}":
        raise SystemExit(f"qmsdesk --version says {version!r}, the wheel's metadata {metadata!r}")
    words = json.loads(smoke.run([str(python), "-c", smoke.words_script()], work, env))
    summary = smoke.every_command(
        qmsdesk, work, env, words, Path(resources) / "icons" / "qmsdesk-64.png"
    )
    print(f"wheel smoke test passed: {version} installed outside the checkout; {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qmsdesk-wheel-"))
    try:
        check_wheel(tmp)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
