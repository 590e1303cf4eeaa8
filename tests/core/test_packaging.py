"""What the wheel carries: every package of qmsdesk/, the fonts with their licence, the icons,
catalogue files and migrations (tools/wheel_smoke.py then installs the wheel and runs it)."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import qmsdesk
from qmsdesk import paths

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _packages_on_disk() -> set[str]:
    found = set()
    for init in (ROOT / "qmsdesk").rglob("__init__.py"):
        found.add(".".join(init.parent.relative_to(ROOT).parts))
    for folder in (ROOT / "qmsdesk" / "core" / "db" / "migrations").rglob("*"):
        if folder.is_dir() and any(folder.glob("*.py")) and "__pycache__" not in folder.parts:
            found.add(".".join(folder.relative_to(ROOT).parts))
    found.add("qmsdesk.core.db.migrations")
    return found


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    missing = _packages_on_disk() - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"
    assert "qmsdesk.resources" in listed
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["qmsdesk.resources"] == "resources"


def test_resources_are_declared_as_package_data() -> None:
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["qmsdesk.resources"]
    source = ROOT / "resources"
    files = [p for p in source.rglob("*") if p.is_file() and p.suffix != ".py"]
    files = [p for p in files if "__pycache__" not in p.parts]
    assert files
    for file in files:
        relative = file.relative_to(source)
        assert any(relative.match(pattern) for pattern in patterns), f"not in the wheel: {file}"


def test_resources_are_found_in_a_checkout() -> None:
    assert paths.resource("fonts", "DejaVuSans.ttf").is_file()
    assert paths.resource("fonts", "LICENSE-DejaVu.txt").is_file()
    assert paths.resource("icons", "qmsdesk-32.png").is_file()


def test_version_agrees_everywhere() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "qmsdesk", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == f"QMS Desk {qmsdesk.__version__}"
    assert importlib.metadata.version("qmsdesk") == qmsdesk.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {qmsdesk.__version__}" in changelog
