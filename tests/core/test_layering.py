"""The core never imports Qt: every core module imports in a process where PySide6 cannot load."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import qmsdesk.core

SCRIPT = """
import importlib, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("the core must not import PySide6")
        return None

sys.meta_path.insert(0, NoQt())
for name in sys.argv[1:]:
    importlib.import_module(name)
print("imported", len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    names = ["qmsdesk", "qmsdesk.paths", "qmsdesk.cli"]
    for info in pkgutil.walk_packages(qmsdesk.core.__path__, "qmsdesk.core."):
        if ".migrations" not in info.name:
            names.append(info.name)
    return names


def test_core_modules_are_found() -> None:
    names = core_modules()
    assert "qmsdesk.core.documents" in names
    assert "qmsdesk.core.db.models" in names


def test_core_imports_without_pyside6() -> None:
    names = core_modules()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *names], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"imported {len(names)}" in result.stdout


def test_the_guard_itself_catches_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, "PySide6.QtCore"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "must not import PySide6" in result.stderr
