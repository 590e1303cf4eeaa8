"""The interpreter survives many calls of void Qt methods (see qmsdesk.gui._pyside_fixes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    import qmsdesk.gui  # applies the fixes
    from PySide6.QtCore import QObject

    probe = QObject()
    for _ in range(50_000):
        probe.setObjectName("x")  # returns nothing
    print(sys.getrefcount(None) > 1000)
    """
)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_fifty_thousand_void_calls_do_not_free_none() -> None:
    # In a child process: without the fix the interpreter aborts ("none_dealloc") instead of
    # failing an assertion.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"


FEATURE_SCRIPT = textwrap.dedent(
    """
    import sys
    import qmsdesk.gui  # loads PySide6 and the first screen's modules
    feature = sys.modules["shibokensupport.feature"]
    read = []
    original = feature._mod_uses_pyside
    feature._mod_uses_pyside = lambda module: read.append(module.__name__) or original(module)
    exec("import os, datetime, sqlite3, qmsdesk.core.quickstart, qmsdesk.core.vocab")
    exec("import PySide6.QtCore, qmsdesk.gui._pyside_fixes")
    exec("import colorsys")  # loaded only now (and importing nothing): read as usual
    print(",".join(read), feature.pyside_feature_dict["PySide6.QtCore"])
    print(feature.pyside_feature_dict["os"], feature.pyside_feature_dict["colorsys"])
    """
)


def test_modules_loaded_before_pyside6_are_not_read_again_for_its_features() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FEATURE_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["colorsys", "0", "-1", "-1"]
