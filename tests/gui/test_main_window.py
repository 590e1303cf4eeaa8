"""The main window and start-up: which file opens, bad files, layout memory, long jobs, menus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QTextBrowser

from qmsdesk import paths
from qmsdesk.core import backups, company, dates, documents, lock
from qmsdesk.core.db import Database, open_database
from qmsdesk.gui import app, dialogs
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, fake_dialog, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

JOB_TIMEOUT_MS = 20_000


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the next save dialogs with `path`; returns the names they suggested."""
    suggested: list[str] = []

    def answer(_parent: object, _title: str, start: str, _filter: str = "") -> tuple[str, str]:
        suggested.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def open_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def document_count(db_path: Path) -> int:
    with open_database(db_path, read_only=True) as db, db.read() as session:
        return documents.counts(session).total


# --- start-up ------------------------------------------------------------------------------------


def test_first_start_writes_the_demo_in_the_user_data_folder(
    qtbot: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = paths.default_database()
    assert not default.exists()
    assert default.is_relative_to(Path(os.environ["XDG_DATA_HOME"]))  # the test's own folder
    path, note = app.start_file(None, settings)
    assert path == default and default.exists()
    assert "demo company" in note
    assert document_count(default) == 41

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert app.open_at_start(window, path)
    assert window.windowTitle().startswith("Kestrel Precision Components Ltd — ")
    assert window.documents_tab.model.rowCount() == 41
    assert settings.last_file == default.resolve()
    window.close()

    # The next start opens the file used last, and does not write the demo again.
    other = default.with_name("elsewhere.qmsdb")
    open_database(other, create=True).close()
    settings.add_recent_file(other)
    assert app.start_file(None, settings) == (other.resolve(), "")
    assert app.start_file(Path("given.qmsdb"), settings) == (Path("given.qmsdb"), "")


@pytest.fixture
def quick_demo(monkeypatch: pytest.MonkeyPatch, _demo_master: Path) -> None:
    """Writing the demo takes seconds; tests other than the first start copy the one written for
    the session instead."""
    import shutil

    from qmsdesk.core import demo

    def copy(path: Path, *, overwrite: bool = False) -> Database:
        shutil.copyfile(_demo_master, path)
        return open_database(path)

    monkeypatch.setattr(demo, "write_demo", copy)


@pytest.mark.usefixtures("quick_demo")
def test_missing_last_file_falls_back_to_the_demo(settings: Settings, tmp_path: Path) -> None:
    gone = tmp_path / "gone.qmsdb"
    settings.add_recent_file(gone)
    path, note = app.start_file(None, settings)
    assert path == paths.default_database()
    assert str(gone) in note


def test_opening_a_file_that_is_not_a_database_leaves_it_untouched(
    main_window: MainWindow, tmp_path: Path, messages: Messages
) -> None:
    junk = tmp_path / "notes.qmsdb"
    content = b"These are my meeting notes, not a database.\n" * 20
    junk.write_bytes(content)
    before = main_window.db
    assert not main_window.open_file(junk)
    assert junk.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == [
        "notes.qmsdb"
    ]
    assert len(messages.shown) == 1
    kind, title, text = messages.shown[0]
    assert kind == "warning" and title == "Cannot open notes.qmsdb"
    assert "not a QMS Desk company file" in text
    assert main_window.db is before  # the open file stays open
    assert main_window.documents_tab.model.rowCount() == 41


@pytest.mark.usefixtures("quick_demo")
def test_start_up_failure_offers_the_demo(
    qtbot: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "broken.qmsdb"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a damaged database
    asked: list[str] = []

    def choose(_parent: object, path: Path, message: str) -> str:
        asked.append(message)
        return "demo"

    monkeypatch.setattr(app, "ask_after_failure", choose)
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert app.open_at_start(window, junk)
    assert len(asked) == 1 and "broken.qmsdb" in asked[0]
    assert window.db is not None and window.db.path == paths.default_database().resolve()
    assert junk.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 200
    window.close()

    monkeypatch.setattr(app, "ask_after_failure", lambda *_a: app.QUIT)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not app.open_at_start(window, junk)


def test_file_in_use_can_be_opened_read_only(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = lock.acquire(demo_path, "Someone Else")
    try:
        offers: list[str] = []
        monkeypatch.setattr(
            "qmsdesk.gui.company_file.ask_read_only",
            lambda _parent, message: offers.append(message) or True,
        )
        monkeypatch.setattr(MainWindow, "backup_on_open", False)
        window = MainWindow(settings)
        qtbot.addWidget(window)
        assert window.open_file(demo_path)
        assert "Someone Else" in offers[0]
        assert window.read_only and window.lock is None
        assert "(READ-ONLY)" in window.windowTitle()
        window.tabs.setCurrentWidget(window.documents_tab)
        assert not window.import_action.isEnabled()
        assert not window.documents_tab.new_action.isEnabled()
        assert window.export_action.isEnabled() and window.report_action.isEnabled()
        window.close()
    finally:
        held.release()


def test_an_upgraded_file_says_where_the_old_one_is_kept(
    qtbot: Any,
    demo_path: Path,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qmsdesk.gui import company_file as module

    kept = tmp_path / "demo_files" / "backups" / "demo before upgrade.qmsdb"
    real = module.open_database

    def upgraded(path: Path, **kwargs: Any) -> Database:
        db = real(path, **kwargs)  # the open itself is the core's (tested there)
        db.report.upgraded_from = "0001_documents"
        db.report.backup = kept
        return db

    monkeypatch.setattr(module, "open_database", upgraded)
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_file(demo_path)
    message = window.statusBar().currentMessage()
    assert "was upgraded" in message and str(kept) in message


def test_the_open_file_is_locked_until_closed(
    qtbot: Any, main_window: MainWindow, demo_path: Path
) -> None:
    with pytest.raises(lock.FileInUseError):
        lock.acquire(demo_path)
    main_window.close()
    lock.acquire(demo_path).release()


def test_unexpected_errors_are_shown_with_their_traceback(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, t, m, d="": shown.append((t, m, d)))
    hook = app.ExceptionHook(None)
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    title, message, details = shown[0]
    assert title == "Something went wrong"
    assert "carry on working" in message
    assert "ZeroDivisionError: a bug" in details and "Traceback" in details


def test_app_starts_shows_the_register_and_quits(tmp_path: Path, demo_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "qmsdesk", "--db", str(demo_path), "--quit-after", "50"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines() == ["ready"]
    ini = tmp_path / "config" / "QMS Desk" / "qmsdesk.ini"
    assert ini.is_file()  # the window's layout was saved on the way out
    assert str(demo_path.resolve()) in ini.read_text(encoding="utf-8")


# --- the window ----------------------------------------------------------------------------------


def test_title_status_and_menus(main_window: MainWindow, demo_db_counts: Any) -> None:
    assert main_window.windowTitle() == "Kestrel Precision Components Ltd — demo.qmsdb — QMS Desk"
    c = demo_db_counts
    assert main_window.counts_label.text() == (
        f"41 documents · {c.overdue} overdue for review · {c.due_soon} more due within 30 days"
    )
    titles = [a.text() for a in main_window.menuBar().actions() if a.isVisible()]
    assert titles == ["&File", "&Edit", "&View", "&Document", "&Help"]
    edit = [a.text() for a in main_window.edit_menu.actions() if not a.isSeparator()]
    assert edit[:3] == ["&New document…", "&Edit document…", "&Delete document…"]
    shortcuts = {
        a.text(): a.shortcut().toString()
        for a in main_window.findChildren(type(main_window.open_action))
    }
    assert shortcuts["&New company file…"] == "Ctrl+N"
    assert shortcuts["&Open…"] == "Ctrl+O"
    assert shortcuts["&Print Report…"] == "Ctrl+P"
    assert shortcuts["&Find…"] == "Ctrl+F"
    assert shortcuts["&Quit"] == "Ctrl+Q"
    assert shortcuts["&Edit document…"] == "F2"
    assert shortcuts["&Delete document…"] == "Del"
    assert shortcuts["QMS Desk &Help"] == "F1"


def test_mnemonics_are_unique_and_labels_have_buddies(main_window: MainWindow) -> None:
    """Alt+letter reaches one thing only: the menus and every labelled control of the window."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys: dict[str, str] = {}

    def note(text: str) -> None:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            key = match.group(1).lower()
            assert key not in keys, f"Alt+{key} is both {keys[key]!r} and {text!r}"
            keys[key] = text

    for action in main_window.menuBar().actions():
        note(action.text())
    for label in main_window.findChildren(QLabel):
        if "&" in label.text() and label.textFormat() != Qt.TextFormat.RichText:
            assert label.buddy() is not None, label.text()
            note(label.text())
    for button in main_window.findChildren(QAbstractButton):
        note(button.text())
    assert {"f", "e", "d", "h", "s", "t", "o"} <= set(keys)


def test_only_the_current_registers_keys_are_live(qtbot: Any, main_window: MainWindow) -> None:
    from qmsdesk.gui.documents_tab import DocumentsTab

    first = main_window.documents_tab
    second = DocumentsTab(main_window.settings)  # same keys, as a later register might have
    second.tab_title = "Second"
    main_window.add_register(second)
    assert main_window.tabs.indexOf(second) == main_window.tabs.count() - 1
    assert first.new_action.isVisible() and not second.new_action.isVisible()
    main_window.tabs.setCurrentWidget(second)
    assert second.new_action.isVisible() and not first.new_action.isVisible()
    assert main_window.edit_menu.actions()[0] is second.new_action
    visible_menus = [a.text() for a in main_window.menuBar().actions() if a.isVisible()]
    assert visible_menus.count("&Document") == 1
    main_window.tabs.setCurrentWidget(first)
    assert first.new_action.isVisible() and not second.new_action.isVisible()


@pytest.fixture
def demo_db_counts(demo_path: Path) -> Any:
    with open_database(demo_path, read_only=True) as db, db.read() as session:
        return documents.counts(session)


def test_find_focuses_the_search_box(qtbot: Any, main_window: MainWindow) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    main_window.documents_tab.table.setFocus()
    main_window.find_action.trigger()
    qtbot.waitUntil(lambda: main_window.documents_tab.search.hasFocus())


def test_window_layout_persists_across_windows(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.tabs.setCurrentWidget(first.documents_tab)
    first.open_file(demo_path)
    first.resize(711, 577)
    tab = first.documents_tab
    tab.table.horizontalHeader().resizeSection(1, 333)
    tab.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)  # next review, latest first
    tab.splitter.setSizes([400, 300])
    sizes = tab.splitter.sizes()
    first.close()

    again = Settings(QSettings(settings.q.fileName(), QSettings.Format.IniFormat))
    second = MainWindow(again)
    qtbot.addWidget(second)
    second.tabs.setCurrentWidget(second.documents_tab)
    second.open_file(demo_path)
    assert (second.width(), second.height()) == (711, 577)
    header = second.documents_tab.table.horizontalHeader()
    assert header.sectionSize(1) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        9,
        Qt.SortOrder.DescendingOrder,
    )
    assert second.documents_tab.model.sort_key == "next_review"
    assert second.documents_tab.model.descending
    assert second.documents_tab.splitter.sizes() == sizes


def test_recent_files_menu(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.qmsdb"
    open_database(other, create=True).close()
    assert main_window.open_file(other)
    main_window._fill_recent_menu()
    entries = [a for a in main_window.recent_menu.actions() if a.data()]
    assert [Path(a.data()).name for a in entries] == ["other.qmsdb", "demo.qmsdb"]
    entries[1].trigger()
    assert main_window.db is not None and main_window.db.path.name == "demo.qmsdb"
    clear = next(a for a in main_window.recent_menu.actions() if a.text() == "&Clear List")
    clear.trigger()
    assert main_window.settings.recent_files == []


def test_new_company_file(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Acme"  # the suffix is added
    save_as(monkeypatch, target)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("Acme Widgets Ltd", True))
    )
    main_window.new_file_action.trigger()
    created = tmp_path / "Acme.qmsdb"
    assert created.is_file()
    assert main_window.db is not None and main_window.db.path == created.resolve()
    assert main_window.documents_tab.model.rowCount() == 0
    assert main_window.windowTitle() == "Acme Widgets Ltd — Acme.qmsdb — QMS Desk"
    with main_window.db.read() as session:
        assert company.get_info(session).name == "Acme Widgets Ltd"


def test_preferences_save_the_user_and_the_company(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    logo = (paths.resource("icons", "qmsdesk-32.png")).read_bytes()
    fake = fake_dialog(
        values=("Jane Doe", "Kestrel Precision Ltd", logo), self_approval=True, date_style="iso"
    )
    monkeypatch.setattr(dialogs, "PreferencesDialog", fake)
    main_window.preferences_action.trigger()
    assert fake.made[0].kwargs["company"].name == "Kestrel Precision Components Ltd"
    assert fake.made[0].kwargs["self_approval"] is False
    assert fake.made[0].kwargs["date_style"] == dates.DEFAULT_STYLE
    assert main_window.settings.user_name == "Jane Doe"
    assert main_window.db is not None
    with main_window.db.read() as session:
        info = company.get_info(session)
        assert company.allows_self_approval(session)  # "one-person company" turned on
        assert company.date_style(session) == "iso"
    assert (info.name, info.logo) == ("Kestrel Precision Ltd", logo)
    assert dates.current_style() == "iso"  # the window shows dates the new way at once
    dates.use_style(dates.DEFAULT_STYLE)
    assert main_window.windowTitle().startswith("Kestrel Precision Ltd — ")


def test_help_and_about(main_window: MainWindow, messages: Messages) -> None:
    main_window.help_action.trigger()
    assert main_window.help_dialog.isVisible()
    browser = main_window.help_dialog.findChild(QTextBrowser)
    assert browser is not None
    text = browser.toPlainText()
    for topic in ("Statuses", "Review dates", "overdue", "Import from Excel", "not at all"):
        assert topic in text, topic
    main_window.help_dialog.close()
    main_window.about_action.trigger()
    assert messages.shown[0][0] == "about" and "QMS Desk" in messages.shown[0][2]


# --- long jobs -----------------------------------------------------------------------------------


def run_and_wait(qtbot: Any, window: MainWindow, action: Any) -> None:
    with qtbot.waitSignal(window.job_finished, timeout=JOB_TIMEOUT_MS):
        action.trigger()


def test_save_a_copy(
    qtbot: Any, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copies" / "kestrel copy.qmsdb"
    suggested = save_as(monkeypatch, target)
    run_and_wait(qtbot, main_window, main_window.save_copy_action)
    assert Path(suggested[0]).name.startswith("demo copy ")
    assert document_count(target) == 41
    assert "Saved a copy" in main_window.statusBar().currentMessage()


@pytest.mark.skipif(
    not _has_module("qmsdesk.core.exchange.documents_xlsx"), reason="Excel export not built yet"
)
def test_export_template_and_import_round_trip(
    qtbot: Any, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    book = tmp_path / "register.xlsx"
    suggested = save_as(monkeypatch, book)
    run_and_wait(qtbot, main_window, main_window.export_action)
    assert Path(suggested[0]).name.startswith("Document register ")
    workbook = openpyxl.load_workbook(book)
    sheet = workbook.worksheets[0] if "Documents" not in workbook else workbook["Documents"]
    header = [c.value for c in sheet[1]]
    title_column = header.index("Title") + 1
    code_column = header.index("Code") + 1
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, code_column).value == "QM-01"
    )
    sheet.cell(row, title_column).value = "Quality manual (imported)"
    workbook.save(book)

    template = tmp_path / "template.xlsx"
    save_as(monkeypatch, template)
    run_and_wait(qtbot, main_window, main_window.template_action)
    assert template.is_file() and template.stat().st_size > 0

    open_as(monkeypatch, book)
    previews = fake_dialog()
    monkeypatch.setattr(dialogs, "ImportPreviewDialog", previews)
    ended: list[bool] = []
    main_window.job_finished.connect(lambda: ended.append(True))
    main_window.import_action.trigger()
    # Two jobs: reading the workbook into a plan, then (after the preview) writing it.
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=JOB_TIMEOUT_MS)
    plan = previews.made[0].kwargs["plan"]
    assert plan.problems == []
    db = main_window.db
    assert isinstance(db, Database)
    with db.read() as session:
        qm = documents.get_row(session, documents.id_for_code(session, "QM-01"))  # type: ignore[arg-type]
        assert qm.title == "Quality manual (imported)"
        assert documents.counts(session).total == 41
    assert any("before import" in b.reason for b in backups.list_backups(db.path))
    shown = main_window.documents_tab.model
    titles = [shown.document(r).title for r in range(shown.rowCount())]  # type: ignore[union-attr]
    assert "Quality manual (imported)" in titles


@pytest.mark.skipif(
    not _has_module("qmsdesk.core.exchange.documents_pdf"), reason="PDF reports not built yet"
)
def test_print_report_writes_and_opens_the_pdf(
    qtbot: Any, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "master list.pdf"
    suggested = save_as(monkeypatch, target)
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    run_and_wait(qtbot, main_window, main_window.report_action)
    assert Path(suggested[0]).name.startswith("Master list of documents ")
    assert target.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: len(opened) == 1)  # asked on a thread: the window does not wait
    assert [Path(u.toLocalFile()) for u in opened] == [target]


def test_a_failed_job_is_reported(
    qtbot: Any,
    main_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
) -> None:
    source = tmp_path / "not a workbook.xlsx"
    source.write_text("plain text", encoding="utf-8")
    open_as(monkeypatch, source)
    run_and_wait(qtbot, main_window, main_window.import_action)
    assert messages.shown and messages.shown[0][0] == "warning"
    assert messages.shown[0][1] == "Cannot import not a workbook.xlsx"


def test_backup_is_made_when_a_file_is_opened(
    qtbot: Any, demo_path: Path, settings: Settings
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.backup_on_open
    window.backup_delay_ms = 10
    with qtbot.waitSignal(window.job_finished, timeout=JOB_TIMEOUT_MS):
        window.open_file(demo_path)
    found = backups.list_backups(demo_path)
    assert [b.reason for b in found] == ["opened"]
    assert document_count(found[0].path) == 41
    QApplication.processEvents()
