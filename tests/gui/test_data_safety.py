"""Data safety in the window (issue 6): one writer at a time and read-only opening, the stale lock,
the backup made on opening (behind the window), File > Backups with a restore, Help > Check
Database, and unexpected errors that are shown, logged and survived."""

from __future__ import annotations

import json
import logging
import os
import platform
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QElapsedTimer, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from qmsdesk.core import backups, company, documents, lock
from qmsdesk.core.backups import BackupPolicy
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.documents import DocType
from qmsdesk.gui import app, workers
from qmsdesk.gui.dialogs.backups import BackupsDialog
from qmsdesk.gui.dialogs.error import ErrorDialog
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

JOB_TIMEOUT_MS = 30_000


def document_count(db_path: Path) -> int:
    with open_database(db_path, read_only=True) as db, db.read() as session:
        return documents.counts(session).total


def new_window(qtbot: Any, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window


def add_a_document(db: Database, code: str = "WI-99-01") -> None:
    with db.write() as session:
        documents.create_document(
            session,
            documents.DocumentFields(
                code=code, title="Added after the backup", doc_type=DocType.WORK_INSTRUCTION
            ),
            "test",
        )


# --- one writer at a time ------------------------------------------------------------------------


def test_a_file_in_use_is_offered_read_only_and_says_so(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    held = lock.acquire(demo_path, "Margaret Hale")
    try:
        offers: list[str] = []
        answers = iter([False, True])  # Cancel first, then Open Read-Only
        monkeypatch.setattr(
            "qmsdesk.gui.company_file.ask_read_only",
            lambda _parent, message: offers.append(message) or next(answers),
        )
        window = new_window(qtbot, settings)
        window.show()

        assert not window.open_file(demo_path)  # cancelled: nothing open
        assert window.db is None and window.windowTitle() == "QMS Desk"
        owner = lock.read_owner(demo_path)
        assert owner is not None
        # Who, where and since when.
        assert f"Margaret Hale on {owner.host}" in offers[0]
        assert owner.since[:10] in offers[0] and "read-only" in offers[0]

        assert window.open_file(demo_path)
        assert window.read_only and window.lock is None
        assert "READ-ONLY" in window.windowTitle()
        banner = window.read_only_banner
        assert banner.isVisible()
        assert "READ-ONLY" in banner.text() and "Margaret Hale" in banner.text()
        assert window.documents_tab.model.rowCount() == 41  # everything can be looked at
        assert not window.import_action.isEnabled()
        for register in window.registers:  # every change is disabled, in every register
            window.tabs.setCurrentWidget(register)
            enabled = [a.text() for a in register.edit_actions() if a.isEnabled()]
            assert enabled == [], (register.tab_title, enabled)
        assert window.export_action.isEnabled() and window.backups_action.isEnabled()
        with pytest.raises(Exception, match="read-only"), window.db.write():  # type: ignore[union-attr]
            pass
        assert lock.read_owner(demo_path) == owner  # the writer's lock is left alone
        window.close()
    finally:
        held.release()


def test_a_stale_lock_is_taken_over_and_told_once(
    qtbot: Any,
    demo_path: Path,
    settings: Settings,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    # A QMS Desk that crashed on this computer left its owner file behind (the OS lock went with
    # the process). One left by another computer is asked about (see the end of this file).
    host = platform.node()
    lock.owner_path(demo_path).write_text(
        json.dumps({"user": "Ann Wood", "host": host, "pid": 1, "since": "2026-03-02T08:15"}),
        encoding="utf-8",
    )
    window = new_window(qtbot, settings)
    assert window.open_file(demo_path)
    assert window.lock is not None and not window.read_only
    assert len(messages.shown) == 1
    kind, title, text = messages.shown[0]
    assert (kind, title) == ("information", "The file was not closed properly")
    assert f"Ann Wood on {host} (since 2026-03-02 08:15)" in text and "taken over safely" in text
    owner = lock.read_owner(demo_path)
    assert owner is not None and owner.pid == os.getpid()  # ours now
    # Reopened after a restore, with the same lock: not told again.
    backup = backups.make_backup(demo_path, "manual")
    with qtbot.waitSignal(window.file_opened, timeout=JOB_TIMEOUT_MS):
        window.restore_backup(backup)
    assert len(messages.shown) == 1
    window.close()
    assert not lock.owner_path(demo_path).exists()  # closed properly this time


# --- backups -------------------------------------------------------------------------------------


def pad(db_path: Path, megabytes: int) -> Path:
    """Grow a company file by about `megabytes` (rows of settings nobody reads)."""
    conn = sqlite3.connect(db_path)
    with conn:
        conn.executemany(
            "INSERT INTO settings (key, data) VALUES (?, zeroblob(1048576))",
            [(f"padding-{n}",) for n in range(megabytes)],
        )
    conn.close()
    return db_path


@pytest.mark.alone  # measures how long the window waits: not beside other tests
def test_the_backup_made_on_opening_runs_behind_the_window(
    qtbot: Any, demo_path: Path, settings: Settings
) -> None:
    """A backup of a 100 MB file (half a second's copying) runs while the event loop keeps
    turning: a timer asked to fire every 10 ms is never held up long (the window repaints and
    answers the keyboard meanwhile)."""
    pad(demo_path, 100)
    window = new_window(qtbot, settings)
    window.backup_delay_ms = 0
    window.show()
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    with qtbot.waitSignal(window.job_finished, timeout=JOB_TIMEOUT_MS):
        assert window.open_file(demo_path)
        qtbot.waitUntil(window.backup_progress.isVisible, timeout=JOB_TIMEOUT_MS)
        clock.start()  # from here on the backup runs
        ticker.start()
        took = QElapsedTimer()
        took.start()
    backup_ms = took.elapsed()
    ticker.stop()
    assert not window.backup_progress.isVisible()
    found = backups.list_backups(demo_path)
    assert [b.reason for b in found] == ["opened"]
    assert found[0].size > 100 << 20
    assert document_count(found[0].path) == 41
    # The event loop turned all along: the longest wait is a small part of the backup's time.
    assert len(gaps) >= 5, (gaps, backup_ms)
    assert max(gaps) < min(250, backup_ms / 2), (gaps, backup_ms)
    assert "Backed up" in window.statusBar().currentMessage()
    window.close()


def test_no_backup_is_made_for_a_file_opened_read_only(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("qmsdesk.gui.company_file.ask_read_only", lambda *_a: True)
    held = lock.acquire(demo_path, "Someone")
    try:
        window = new_window(qtbot, settings)
        window.backup_delay_ms = 0
        assert window.open_file(demo_path) and window.read_only
        qtbot.wait(200)
        assert backups.list_backups(demo_path) == []
        window.close()
    finally:
        held.release()


def test_the_backups_dialog_lists_makes_and_keeps_backups(
    qtbot: Any, main_window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = backups.make_backup(demo_path, "before import")
    saved: list[BackupPolicy] = []
    db = main_window.db
    assert db is not None

    def save(policy: BackupPolicy) -> None:
        saved.append(policy)
        with db.write() as session:
            company.set_backup_policy(session, policy)

    dialog = BackupsDialog(
        main_window, db_path=demo_path, policy=BackupPolicy(10, 30), save_policy=save
    )
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.backupList.topLevelItemCount() == 1
    item = ui.backupList.topLevelItem(0)
    assert item is not None
    assert item.text(1) == "Before an import from Excel"
    assert item.text(2).endswith(("KB", "MB", "KiB", "MiB"))
    assert "1 backup" in ui.countLabel.text()
    assert ui.restoreButton.isEnabled()  # the newest is selected

    ui.backUpButton.click()
    qtbot.waitUntil(lambda: not workers.any_running(), timeout=JOB_TIMEOUT_MS)
    qtbot.waitUntil(lambda: ui.backupList.topLevelItemCount() == 2, timeout=JOB_TIMEOUT_MS)
    assert ui.backupList.topLevelItemCount() == 2
    newest = dialog.selected()
    assert newest is not None and newest.reason == "manual" and newest.path != first
    assert ui.backupList.currentItem().text(1) == "Backed up on request"  # type: ignore[union-attr]
    assert document_count(newest.path) == 41

    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    ui.openFolderButton.click()
    assert [Path(u.toLocalFile()) for u in opened] == [dialog.folder]

    ui.keepLastSpin.setValue(3)
    ui.keepDailySpin.setValue(7)
    assert saved[-1] == BackupPolicy(3, 7)
    assert backups.stored_policy(demo_path) == BackupPolicy(3, 7)  # kept in the company file
    for _ in range(4):
        backups.make_backup(demo_path, "manual")
    assert len(backups.list_backups(demo_path)) == 3  # the day's newest is one of the last 3


def test_read_only_backups_cannot_be_restored_or_reconfigured(qtbot: Any, demo_path: Path) -> None:
    backups.make_backup(demo_path, "manual")
    dialog = BackupsDialog(
        None, db_path=demo_path, policy=BackupPolicy(), read_only=True, save_policy=lambda _p: None
    )
    qtbot.addWidget(dialog)
    assert dialog.ui.backupList.topLevelItemCount() == 1
    assert not dialog.ui.restoreButton.isEnabled()
    assert not dialog.ui.policyGroup.isEnabled()
    assert dialog.ui.backUpButton.isEnabled()


def test_restore_from_file_backups(
    qtbot: Any,
    main_window: MainWindow,
    demo_path: Path,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = backups.make_backup(demo_path, "manual")
    assert main_window.db is not None
    add_a_document(main_window.db)
    main_window.refresh()
    assert main_window.documents_tab.model.rowCount() == 42

    def choose_and_restore(dialog: BackupsDialog) -> int:
        ui = dialog.ui
        assert ui.backupList.topLevelItemCount() == 1
        ui.backupList.setCurrentItem(ui.backupList.topLevelItem(0))
        dialog.restore_selected()  # asks first (messages answers Yes)
        return 1

    monkeypatch.setattr(BackupsDialog, "exec", choose_and_restore)
    monkeypatch.setattr(main_window, "backup_on_open", True)
    main_window.backup_delay_ms = 0
    with qtbot.waitSignal(main_window.file_opened, timeout=JOB_TIMEOUT_MS):
        main_window.backups_action.trigger()
    qtbot.wait(300)  # an "opened" backup would have started by now
    assert sorted(b.reason for b in backups.list_backups(demo_path)) == [
        "before restore",
        "manual",
    ]
    question = [m for m in messages.shown if m[0] == "question"]
    assert len(question) == 1
    assert "is backed up first" in question[0][2] or "backed up first" in question[0][2]

    assert main_window.db is not None and main_window.documents_tab.model.rowCount() == 41
    assert document_count(demo_path) == 41
    safety = [b for b in backups.list_backups(demo_path) if b.reason == "before restore"]
    assert len(safety) == 1 and document_count(safety[0].path) == 42  # the file as it was
    assert str(safety[0].path) in main_window.statusBar().currentMessage()
    assert good.exists()
    with pytest.raises(lock.FileInUseError):  # still ours: nobody could take it meanwhile
        lock.acquire(demo_path)
    add_a_document(main_window.db, "WI-99-02")  # and open for changes
    assert document_count(demo_path) == 42


def test_a_restore_that_is_refused_leaves_the_file_open(
    qtbot: Any, main_window: MainWindow, demo_path: Path, tmp_path: Path, messages: Messages
) -> None:
    junk = tmp_path / "junk.qmsdb"
    junk.write_bytes(b"not a database at all" * 100)
    with qtbot.waitSignal(main_window.file_opened, timeout=JOB_TIMEOUT_MS):
        main_window.restore_backup(junk)
    assert messages.shown and messages.shown[-1][1] == "The backup was not restored"
    assert "not a QMS Desk company file" in messages.shown[-1][2]
    assert main_window.db is not None and main_window.documents_tab.model.rowCount() == 41
    assert document_count(demo_path) == 41


# --- check database ------------------------------------------------------------------------------


def test_check_database_reports_a_sound_file_then_a_tampered_history(
    qtbot: Any, main_window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    with qtbot.waitSignal(main_window.job_finished, timeout=JOB_TIMEOUT_MS):
        main_window.check_action.trigger()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=JOB_TIMEOUT_MS)
    box = shown[0]
    assert box.icon() == QMessageBox.Icon.Information
    assert "is in good order" in box.text()
    assert "No problems found" in box.informativeText()

    conn = sqlite3.connect(demo_path)  # someone edits the history behind QMS Desk's back
    with conn:
        conn.execute("UPDATE change_history SET new_value = 'forged' WHERE id = 3")
    conn.close()
    with qtbot.waitSignal(main_window.job_finished, timeout=JOB_TIMEOUT_MS):
        main_window.check_action.trigger()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=JOB_TIMEOUT_MS)
    box = shown[1]
    assert box.icon() == QMessageBox.Icon.Warning
    assert "found 1 problem" in box.text()
    assert "change history has been altered" in box.detailedText()


# --- unexpected errors ---------------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_shown_logged_and_survived(
    qtbot: Any, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qmsdesk import applog

    hook = app.ExceptionHook(main_window)
    monkeypatch.setattr(sys, "excepthook", hook)
    dialogs_shown: list[ErrorDialog] = []

    def record(dialog: ErrorDialog) -> int:
        dialogs_shown.append(dialog)
        dialog.copy_details()  # the user presses "Copy details"
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", record)
    monkeypatch.setattr(ErrorDialog, "deleteLater", lambda _self: None)

    tab = main_window.documents_tab
    real_reload = tab.reload

    def broken_reload(select_id: int | None = None) -> None:
        raise RuntimeError("the register could not be read (a bug)")

    monkeypatch.setattr(tab, "reload", broken_reload)
    main_window.refresh_action.trigger()  # the slot raises

    assert len(dialogs_shown) == 1
    dialog = dialogs_shown[0]
    assert dialog.windowTitle() == "Something went wrong"
    assert "carry on working" in dialog.ui.messageLabel.text()
    assert str(applog.log_path()) in dialog.ui.messageLabel.text()
    details = dialog.ui.detailsEdit.toPlainText()
    assert "RuntimeError: the register could not be read (a bug)" in details
    assert "broken_reload" in details  # the traceback, to pass on
    assert "RuntimeError" in QGuiApplication.clipboard().text()

    for handler in logging.getLogger("qmsdesk").handlers:
        handler.flush()
    logged = applog.log_path().read_text(encoding="utf-8")
    assert "ERROR qmsdesk.gui: Unexpected error" in logged
    assert "RuntimeError: the register could not be read (a bug)" in logged

    # The window still works: the register reloads, and a change goes through.
    monkeypatch.setattr(tab, "reload", real_reload)
    main_window.refresh_action.trigger()
    assert len(dialogs_shown) == 1
    assert tab.model.rowCount() == 41
    assert main_window.db is not None
    add_a_document(main_window.db)
    main_window.refresh()
    assert tab.model.rowCount() == 42


# --- file names ----------------------------------------------------------------------------------


def test_a_suggested_file_name_is_legal_everywhere(
    main_window: MainWindow, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report named after a reference a user typed ("IA/2026:03") is suggested under a name
    that every system accepts, in the folder used last (not in a made-up subfolder)."""
    from PySide6.QtWidgets import QFileDialog

    starts: list[str] = []

    def answer(_parent: object, _title: str, start: str, _filter: str = "") -> tuple[str, str]:
        starts.append(start)
        return start, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    settings.last_folder = tmp_path
    chosen = main_window.ask_save_path(
        "Print", 'Audit checklist IA/2026:03 "draft".pdf', "PDF (*.pdf)", ".pdf"
    )
    assert chosen == tmp_path / "Audit checklist IA-2026-03 -draft-.pdf"
    assert Path(starts[0]).parent == tmp_path


# --- a file left open on another computer ---------------------------------------------------------


def leave_owner(db_path: Path, host: str = "shop-pc") -> str:
    """The owner file a QMS Desk on `host` left (its lock is gone: crashed there, or held on a
    share that does not honour locks); its text."""
    text = json.dumps(
        {"user": "Ann Wood", "host": host, "pid": 4242, "since": "2026-03-02T08:15:00"}
    )
    lock.owner_path(db_path).write_text(text, encoding="utf-8")
    return text


def no_read_only_question(_parent: object, message: str) -> bool:
    raise AssertionError(f"asked the two-choice question: {message}")


def test_a_file_left_on_another_computer_asks_take_over_read_only_or_cancel(
    qtbot: Any,
    demo_path: Path,
    settings: Settings,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qmsdesk.gui import company_file as module

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    text = leave_owner(demo_path)
    asked: list[str] = []
    answers = iter([module.CANCEL, module.READ_ONLY, module.TAKE_OVER])
    monkeypatch.setattr(
        module, "ask_take_over", lambda _parent, message: asked.append(message) or next(answers)
    )
    monkeypatch.setattr(module, "ask_read_only", no_read_only_question)
    window = new_window(qtbot, settings)

    # Cancel: nothing opened, nothing taken, the owner file as it was.
    assert not window.open_file(demo_path)
    assert window.db is None and window.lock is None
    assert isinstance(window.last_open_error, lock.LeftByAnotherComputerError)
    assert "was last opened for changes by Ann Wood on shop-pc (since 2026-03-02 08:15)" in asked[0]
    assert "take the file over" in asked[0] and "read-only" in asked[0]
    assert lock.owner_path(demo_path).read_text(encoding="utf-8") == text

    # Open Read-Only: open to look at, Ann Wood's owner file left alone, the lock not taken.
    assert window.open_file(demo_path)
    assert window.read_only and window.lock is None
    assert "Ann Wood" in window.read_only_banner.text()
    assert lock.owner_path(demo_path).read_text(encoding="utf-8") == text
    lock.acquire(demo_path, take_over=True).release()  # nobody holds the lock
    leave_owner(demo_path)  # (the release removed the owner file)

    # Take Over: open for changes, ours now; not told again that it was left open.
    assert window.open_file(demo_path)
    assert len(asked) == 3
    assert not window.read_only and window.lock is not None
    assert window.lock.stale_owner is not None and window.lock.stale_owner.host == "shop-pc"
    owner = lock.read_owner(demo_path)
    assert owner is not None and owner.pid == os.getpid()
    window.tabs.setCurrentWidget(window.documents_tab)  # the window lands on Home
    assert window.import_action.isEnabled() and window.documents_tab.new_action.isEnabled()
    assert messages.shown == []
    with pytest.raises(lock.FileInUseError):  # held now
        lock.acquire(demo_path, take_over=True)
    window.close()
    assert not lock.owner_path(demo_path).exists()


def test_a_file_opened_elsewhere_while_asked_is_not_taken_over(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the question and the answer, someone else opened the file for changes: Take Over
    takes nothing; the user is asked again, told who has it now."""
    from qmsdesk.gui import company_file as module

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    leave_owner(demo_path)
    held: list[lock.CompanyLock] = []

    def someone_opens_it_meanwhile(_parent: object, _message: str) -> str:
        held.append(lock.acquire(demo_path, "Margaret Hale", take_over=True))
        return module.TAKE_OVER

    asked_again: list[str] = []
    monkeypatch.setattr(module, "ask_take_over", someone_opens_it_meanwhile)
    monkeypatch.setattr(
        module, "ask_read_only", lambda _parent, message: asked_again.append(message) or False
    )
    window = new_window(qtbot, settings)
    try:
        assert not window.open_file(demo_path)
        assert window.db is None and window.lock is None
        assert len(asked_again) == 1 and "open for changes by Margaret Hale" in asked_again[0]
        owner = lock.read_owner(demo_path)
        assert owner is not None and owner.user == "Margaret Hale"
    finally:
        held[0].release()


def test_a_file_opened_on_another_computer_while_asked_is_asked_about_again(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a share that does not honour locks, the lock stays free however many computers have
    the file open: only the owner file shows that another one opened it meanwhile. Take Over
    answers for the computer named in the question, never for one that came after it."""
    from qmsdesk.gui import company_file as module

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    leave_owner(demo_path)  # Ann Wood on shop-pc
    asked: list[str] = []

    def opened_on_office_pc_meanwhile(_parent: object, message: str) -> str:
        asked.append(message)
        if len(asked) == 1:  # while the question is open, office-pc opens the file
            lock.owner_path(demo_path).write_text(
                json.dumps(
                    {"user": "Margaret Hale", "host": "office-pc", "pid": 7, "since": "2026-03-03"}
                ),
                encoding="utf-8",
            )
            return module.TAKE_OVER
        return module.CANCEL

    monkeypatch.setattr(module, "ask_take_over", opened_on_office_pc_meanwhile)
    monkeypatch.setattr(module, "ask_read_only", no_read_only_question)
    window = new_window(qtbot, settings)
    assert not window.open_file(demo_path)
    assert window.db is None and window.lock is None
    assert len(asked) == 2 and "Margaret Hale on office-pc" in asked[1]
    owner = lock.read_owner(demo_path)
    assert owner is not None and owner.host == "office-pc"  # left as it was


def test_a_file_left_on_another_computer_at_start_up(
    qtbot: Any, demo_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qmsdesk.gui import company_file as module

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    monkeypatch.setattr(module, "ask_read_only", no_read_only_question)
    failures: list[str] = []  # the start-up's own question: open another file, the demo, or quit
    monkeypatch.setattr(
        app, "ask_after_failure", lambda _p, _path, message: failures.append(message) or app.QUIT
    )
    leave_owner(demo_path)
    # No first screen read beforehand: run_gui takes the normal way, open_at_start, which asks.
    assert not new_window(qtbot, settings).show_first_screen(demo_path)

    # Take Over at start-up: the window opens the file for changes.
    monkeypatch.setattr(module, "ask_take_over", lambda *_a: module.TAKE_OVER)
    window = new_window(qtbot, settings)
    assert app.open_at_start(window, demo_path)
    assert window.lock is not None and not window.read_only and failures == []
    window.close()

    # Cancel at start-up: the start-up's own question comes next (here: quit).
    leave_owner(demo_path)
    monkeypatch.setattr(module, "ask_take_over", lambda *_a: module.CANCEL)
    window = new_window(qtbot, settings)
    assert not app.open_at_start(window, demo_path)
    assert window.db is None and len(failures) == 1 and "shop-pc" in failures[0]
    assert lock.read_owner(demo_path) is not None  # left as it was

    # Read-only at start-up.
    monkeypatch.setattr(module, "ask_take_over", lambda *_a: module.READ_ONLY)
    window = new_window(qtbot, settings)
    assert app.open_at_start(window, demo_path)
    assert window.read_only and window.lock is None and len(failures) == 1
    window.close()


def test_the_take_over_question_defaults_to_read_only(qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from qmsdesk.gui import company_file as module

    seen: list[tuple[str, list[str]]] = []

    def answer(action: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        try:
            seen.append((box.windowTitle(), sorted(b.text() for b in box.buttons())))
            if action in ("Return", "Escape"):
                qtbot.keyClick(box, getattr(Qt.Key, f"Key_{action}"))
            else:
                (chosen,) = [b for b in box.buttons() if b.text() == action]
                chosen.click()
        finally:
            box.done(0)  # never left open (a no-op once answered)

    results = []
    for action in ("&Take Over", "Open &Read-Only", "Cancel", "Return", "Escape"):
        QTimer.singleShot(0, lambda action=action: answer(action))
        results.append(module.ask_take_over(None, "demo.qmsdb was last opened ..."))
    assert results == [
        module.TAKE_OVER,
        module.READ_ONLY,
        module.CANCEL,
        module.READ_ONLY,  # Enter: the safe choice
        module.CANCEL,  # Escape
    ]
    assert seen[0] == (
        "The file may be open on another computer",
        sorted(["&Take Over", "Open &Read-Only", "Cancel"]),
    )


def test_a_new_file_is_created_over_an_owner_file_left_under_its_name(
    qtbot: Any, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qmsdesk.gui import company_file as module

    monkeypatch.setattr(MainWindow, "backup_on_open", False)
    monkeypatch.setattr(module, "ask_take_over", no_read_only_question)
    monkeypatch.setattr(module, "ask_read_only", no_read_only_question)
    path = tmp_path / "New company.qmsdb"
    leave_owner(path)  # the file it spoke of was deleted since
    window = new_window(qtbot, settings)
    assert window.open_file(path, create=True)
    assert window.db is not None and not window.read_only and path.exists()
    assert lock.read_owner(path).host != "shop-pc"  # type: ignore[union-attr]
    window.close()
