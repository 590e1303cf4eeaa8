"""Helpers for the GUI tests: isolated settings, stand-ins for dialogs, and a main window fixture.

Test modules import the fixtures they use from here (pytest finds fixtures in a module's namespace).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from qmsdesk.gui.settings import Settings

# The offscreen platform cannot pass a shown window's size limits on, and says so; nothing else
# may be logged.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


class FakeDialog:
    """Stands in for one of qmsdesk.gui.dialogs: records how it was made, answers as told."""

    accept: ClassVar[bool] = True
    answers: ClassVar[dict[str, Any]] = {}
    made: ClassVar[list[FakeDialog]]

    def __init__(self, parent: object, **kwargs: Any) -> None:
        self.parent = parent
        self.kwargs = kwargs
        type(self).made.append(self)

    def exec(self) -> int:
        return int(QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected)

    def deleteLater(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        answers = type(self).answers
        if name in answers:
            return lambda: answers[name]
        raise AttributeError(name)


def fake_dialog(accept: bool = True, **answers: Any) -> type[FakeDialog]:
    """A FakeDialog class whose methods named in `answers` return the given values."""
    return type(
        "Fake",
        (FakeDialog,),
        {"accept": accept, "answers": dict(answers), "made": []},
    )


class Messages:
    """Collects the message boxes a test caused (QMessageBox's static functions replaced)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        for kind in ("warning", "information", "critical", "question", "about"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))

    def _recorder(self, kind: str) -> Any:
        def record(_parent: object, title: str, text: str, *_args: object) -> Any:
            self.shown.append((kind, title, text))
            return self.answer

        return staticmethod(record)

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a file of the test's own, not the user's."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    return Messages(monkeypatch)


@pytest.fixture
def main_window(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """A main window on a private copy of the demo company (no backup copy made at opening)."""
    from qmsdesk.gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_file(demo_path)
    # The window lands on the home tab (tests/gui/test_home_tab.py); the tests that use this
    # window are about the registers, the document register first.
    window.tabs.setCurrentWidget(window.documents_tab)
    yield window
    window.close()
