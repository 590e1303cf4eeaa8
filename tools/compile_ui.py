"""Compile the Qt Designer forms in ui/ into qmsdesk/gui/forms/ui_<name>.py.

Usage:
    python tools/compile_ui.py            regenerate every form that changed
    python tools/compile_ui.py --check    exit 1 if any compiled form is missing, stale or orphaned

The compiled modules are committed (so that running the app needs no build step) and carry a header
that says they are generated; tests/gui/test_forms_current.py runs the check so that a form and its
module cannot drift apart.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "qmsdesk" / "gui" / "forms"

HEADER = (
    "# Generated from ui/{ui_name} by tools/compile_ui.py (pyside6-uic). Do not edit:\n"
    "# change the form in Qt Designer, then run `python tools/compile_ui.py`.\n"
)


def find_uic() -> list[str]:
    """The command that runs Qt's uic generating Python: the uic shipped inside the PySide6
    package (quickest), else the pyside6-uic wrapper beside this Python or on the PATH."""
    exe = ".exe" if os.name == "nt" else ""
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        package = Path(spec.origin).resolve().parent
        for candidate in (package / f"uic{exe}", package / "Qt" / "libexec" / f"uic{exe}"):
            if candidate.is_file():
                return [str(candidate), "-g", "python"]
    beside = Path(sys.executable).parent / f"pyside6-uic{exe}"
    if beside.is_file():
        return [str(beside)]
    on_path = shutil.which("pyside6-uic")
    if on_path:
        return [on_path]
    raise SystemExit("pyside6-uic not found: install PySide6-Essentials in this environment.")


def module_name(ui_path: Path) -> str:
    return f"ui_{ui_path.stem}.py"


def compile_form(ui_path: Path, uic: Sequence[str] | None = None) -> str:
    """The Python source uic generates for one form, with our header instead of uic's banner.

    uic's banner names its own version; dropping it keeps the output identical across PySide6
    patch releases that generate the same code.
    """
    command = [*(uic or find_uic()), str(ui_path)]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise SystemExit(f"uic failed on {ui_path.name}: {message}")
    lines = result.stdout.decode("utf-8").replace("\r\n", "\n").splitlines(keepends=True)
    # Skip the coding line and the banner (a block of '#' lines) up to the first import.
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start].startswith("#")):
        start += 1
    return HEADER.format(ui_name=ui_path.name) + "\n" + "".join(lines[start:])


def _compiled(ui_dir: Path, uic: Sequence[str] | None) -> dict[Path, str]:
    """Every form of ui_dir compiled (in parallel: each uic run is a process of its own)."""
    uic = uic or find_uic()
    sources = sorted(ui_dir.glob("*.ui"))
    with ThreadPoolExecutor(max_workers=min(8, len(sources) or 1)) as pool:
        outputs = pool.map(lambda path: compile_form(path, uic), sources)
        return dict(zip(sources, outputs, strict=True))


def stale_forms(ui_dir: Path, forms_dir: Path, uic: Sequence[str] | None = None) -> list[str]:
    """Messages for every compiled form that does not match its .ui file (empty: all current)."""
    problems = []
    compiled = _compiled(ui_dir, uic)
    for ui_path, source in compiled.items():
        target = forms_dir / module_name(ui_path)
        if not target.is_file():
            problems.append(f"{target.name} is missing (compile {ui_path.name})")
        elif target.read_text(encoding="utf-8") != source:
            problems.append(f"{target.name} is out of date with {ui_path.name}")
    expected = {module_name(p) for p in compiled}
    for orphan in sorted(forms_dir.glob("ui_*.py")):
        if orphan.name not in expected:
            problems.append(f"{orphan.name} has no form in {ui_dir.name}/ (delete it)")
    return problems


def compile_all(ui_dir: Path, forms_dir: Path, uic: Sequence[str] | None = None) -> list[Path]:
    """Write every compiled form that changed; returns the files written."""
    forms_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ui_path, source in _compiled(ui_dir, uic).items():
        target = forms_dir / module_name(ui_path)
        if not target.is_file() or target.read_text(encoding="utf-8") != source:
            target.write_text(source, encoding="utf-8", newline="\n")
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a compiled form is stale"
    )
    parser.add_argument("--ui-dir", type=Path, default=UI_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--forms-dir", type=Path, default=FORMS_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_forms(args.ui_dir, args.forms_dir)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Run `python tools/compile_ui.py` and commit the result.", file=sys.stderr)
            return 1
        print(f"All {len(list(args.ui_dir.glob('*.ui')))} forms are current.")
        return 0
    for path in compile_all(args.ui_dir, args.forms_dir):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
