"""The compiled forms in qmsdesk/gui/forms match the Designer files in ui/ (Picard's check)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compile_ui() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compile_ui", ROOT / "tools" / "compile_ui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_form_is_compiled_and_current(compile_ui: ModuleType) -> None:
    forms = sorted(p.stem for p in (ROOT / "ui").glob("*.ui"))
    assert "document_dialog" in forms and len(forms) >= 7
    assert compile_ui.stale_forms(ROOT / "ui", ROOT / "qmsdesk" / "gui" / "forms") == [], (
        "Run `python tools/compile_ui.py` and commit the result."
    )


def test_compiled_forms_say_they_are_generated() -> None:
    for module in (ROOT / "qmsdesk" / "gui" / "forms").glob("ui_*.py"):
        first = module.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# Generated from ui/{module.stem[3:]}.ui"), module.name
        assert "tools/compile_ui.py" in module.read_text(encoding="utf-8").splitlines()[1]


def test_check_finds_drift(compile_ui: ModuleType, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ui_dir, forms_dir = tmp_path / "ui", tmp_path / "forms"
    shutil.copytree(ROOT / "ui", ui_dir)
    shutil.copytree(ROOT / "qmsdesk" / "gui" / "forms", forms_dir)
    args = ["--check", "--ui-dir", str(ui_dir), "--forms-dir", str(forms_dir)]
    assert compile_ui.main(args) == 0

    form = ui_dir / "obsolete_dialog.ui"
    form.write_text(form.read_text(encoding="utf-8").replace("&amp;Reason:", "&amp;Why:"), "utf-8")
    (forms_dir / "ui_error_dialog.py").unlink()
    (forms_dir / "ui_forgotten_dialog.py").write_text("", encoding="utf-8")
    assert compile_ui.main(args) == 1
    err = capsys.readouterr().err
    assert "ui_obsolete_dialog.py is out of date with obsolete_dialog.ui" in err
    assert "ui_error_dialog.py is missing" in err
    assert "ui_forgotten_dialog.py has no form" in err

    # Compiling brings the changed form up to date (the orphan is only reported, never deleted).
    assert compile_ui.main(["--ui-dir", str(ui_dir), "--forms-dir", str(forms_dir)]) == 0
    (forms_dir / "ui_forgotten_dialog.py").unlink()
    assert compile_ui.main(args) == 0
    assert "&Why:" in (forms_dir / "ui_obsolete_dialog.py").read_text(encoding="utf-8")
