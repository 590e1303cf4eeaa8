"""Opening a written report: the window answers at once, with the file's path and its folder."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.settings import Settings
from tests.gui import settings

__all__ = ["settings"]


def _jobs(qtbot: Any, settings: Settings) -> FileJobs:
    owner = QWidget()
    qtbot.addWidget(owner)
    return FileJobs(owner, settings)


def _folder_button(box: QMessageBox) -> Any:
    return next(b for b in box.buttons() if b.text().replace("&", "") == "Open folder")


def test_no_viewer_gives_the_path_and_a_folder_button(
    qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []

    def refuse(url: QUrl) -> bool:
        asked.append(Path(url.toLocalFile()))
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(refuse))
    jobs = _jobs(qtbot, settings)
    report = tmp_path / "reports" / "Master list.pdf"
    jobs.open_result(report, title="Report written", missing=f"The report is in {report}.")
    qtbot.waitUntil(lambda: jobs.result_box is not None and jobs.result_box.isVisible())
    box = jobs.result_box
    assert not box.isModal()
    assert box.windowTitle() == "Report written"
    assert str(report) in box.text()
    _folder_button(box).click()
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert asked == [report, report.parent]


def test_a_viewer_that_hangs_does_not_hold_the_window(
    qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system is asked on a thread: while it has not answered, the box says where the
    file is; when the viewer starts after all, the box goes."""
    release = threading.Event()

    def hang(url: QUrl) -> bool:
        release.wait(10)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(hang))
    jobs = _jobs(qtbot, settings)
    jobs.answer_ms = 50
    report = tmp_path / "Actions.pdf"
    jobs.open_result(report, title="Report written")  # returns while the thread waits
    qtbot.waitUntil(lambda: jobs.result_box is not None and jobs.result_box.isVisible())
    assert not release.is_set()
    assert jobs.result_box.text() == f"Opening {report}…"
    release.set()
    qtbot.waitUntil(lambda: not jobs.result_box.isVisible())


def test_a_started_viewer_needs_no_box(
    qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    jobs = _jobs(qtbot, settings)
    jobs.answer_ms = 200
    jobs.open_result(tmp_path / "a.pdf", title="Report written")
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.wait(400)
    assert jobs.result_box is None
