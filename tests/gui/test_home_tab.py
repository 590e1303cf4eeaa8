"""The home tab: the window lands on it, its lines open their records, the due count shows in
the status bar, the getting-started checklist of an empty file, File > Export Calendar and
Certification Audit Pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from PySide6.QtWidgets import QMessageBox

from qmsdesk.gui.home_tab import HomeTab
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.settings import Settings
from tests.gui import settings

__all__ = ["settings"]  # fixtures


@pytest.fixture
def window(qtbot: Any, settings: Settings, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_file(demo_path)
    yield window
    window.close()


def home_of(window: MainWindow) -> HomeTab:
    home = window.tabs.widget(0)
    assert isinstance(home, HomeTab)
    return home


def test_the_window_lands_on_home_with_the_due_list_and_readiness(window: MainWindow) -> None:
    assert window.tabs.tabText(0) == "Home" and window.tabs.currentIndex() == 0
    home = home_of(window)
    view = home.view
    assert view is not None and view.due
    assert home.due_list.topLevelItemCount() == len(view.due)
    first = home.due_list.topLevelItem(0)
    assert first is not None and first.text(1) == "Overdue"
    from qmsdesk.core.dates import format_day

    assert first.text(0) == format_day(view.due[0].due)  # the company's date format (16.5)
    assert home.due_summary.text().startswith(f"{view.overdue} overdue")
    due_label = window.readiness_files.due_label.text()
    assert due_label == f"{view.overdue} overdue · {len(view.due) - view.overdue} due soon"
    assert f"{view.readiness.percent}%" in home.figure.text()
    assert home.clauses.topLevelItemCount() == len(view.readiness.clauses)
    assert home.start_box.isHidden()  # the demo is past getting started


def test_a_line_opens_its_record_in_its_register(window: MainWindow, qtbot: Any) -> None:
    home = home_of(window)
    assert home.view is not None
    row = next(n for n, i in enumerate(home.view.due) if i.reference == "CA-2026-004")
    line = home.due_list.topLevelItem(row)
    assert line is not None
    home.due_list.itemActivated.emit(line, 0)
    current = window.current_register()
    assert current is not None and current.tab_title == "Actions"
    selected = current.selected_action()  # type: ignore[attr-defined]
    assert selected is not None and selected.reference == "CA-2026-004"
    # Readiness evidence opens too: 7.5's first overdue document.
    window.tabs.setCurrentIndex(0)
    c75 = next(
        home.clauses.topLevelItem(n)
        for n in range(home.clauses.topLevelItemCount())
        if home.clauses.topLevelItem(n).text(0) == "7.5"  # type: ignore[union-attr]
    )
    assert c75 is not None and c75.childCount() >= 1
    evidence = c75.child(0)
    home.clauses.itemActivated.emit(evidence, 0)
    docs = window.documents_tab
    assert window.current_register() is docs
    selected_doc = docs.selected_document()
    assert selected_doc is not None and selected_doc.code == evidence.text(2).split()[0]


def test_an_empty_file_shows_the_getting_started_checklist(
    qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_file(tmp_path / "new.qmsdb", create=True)
    home = home_of(window)
    assert not home.start_box.isHidden()
    labels = [home.start_layout.itemAt(n).widget().text() for n in range(home.start_layout.count())]  # type: ignore[union-attr]
    assert len(labels) == 9 and all(text.startswith("☐") for text in labels)
    assert "Nothing is overdue" not in home.due_summary.text()  # the first review is due
    assert "Missing: no calibration records recorded yet." in " ".join(
        home.clauses.topLevelItem(n).text(2)  # type: ignore[union-attr]
        for n in range(home.clauses.topLevelItemCount())
    )
    window.close()


def test_file_export_calendar_and_audit_pack(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    ics = tmp_path / "due.ics"
    monkeypatch.setattr(window, "ask_save_path", lambda *_a: ics)
    file_texts = [a.text() for a in window.file_menu.actions()]
    assert "Export &Calendar…" in file_texts and "Certification Audit &Pack…" in file_texts
    assert window.readiness_files.export_calendar() == ics
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert any("CA-2026-004" in str(e["SUMMARY"]) for e in events)

    pack, archive = tmp_path / "pack.pdf", tmp_path / "pack.zip"
    archive.write_bytes(b"old")
    answers = iter([pack, archive])
    monkeypatch.setattr(window, "ask_save_path", lambda *_a: next(answers))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(window.file_jobs, "open_result", lambda *_a, **_k: True)
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        window.readiness_files.audit_pack()
    assert pack.stat().st_size > 10_000
    import zipfile

    with zipfile.ZipFile(archive) as z:  # the file dialog asked; the old ZIP was replaced
        assert "MANIFEST.txt" in z.namelist()
