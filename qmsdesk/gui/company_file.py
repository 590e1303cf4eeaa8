"""The open company file's life cycle, for the main window: open (for changes, read-only, or
taken over from a computer that left it open), new, lock, close, backups (made on opening, listed,
restored), Save a Copy, and Help > Check Database.

:class:`CompanyFile` holds the open file (``db``), its lock (``lock``, while it is open for
changes) and whether it is read-only; it tells its host (the main window, see :class:`Host`) when
the registers are to show another file (``host.show_file``) and when the title and the actions are
to be brought up to date (``host.file_state_changed``). It owns two widgets the window places: the
read-only banner (:attr:`CompanyFile.banner`) and the progress of the backup made on opening
(:attr:`CompanyFile.backup_progress`). Its dialogs open over ``parent_widget``; its status
messages, file dialogs and jobs go through the window's :class:`~qmsdesk.gui.file_jobs.FileJobs`.

As for the main window, nothing imported at the top of this module may import the database layer
(see qmsdesk.gui.main_window): the core is imported inside the methods.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from qmsdesk import FILE_SUFFIX, paths
from qmsdesk.core.errors import DatabaseError, QmsError
from qmsdesk.gui import workers
from qmsdesk.gui.workers import show_problem

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.core.lock import CompanyLock, LockOwner
    from qmsdesk.gui.file_jobs import FileJobs
    from qmsdesk.gui.settings import Settings

COMPANY_FILTER = f"QMS Desk company files (*{FILE_SUFFIX});;All files (*)"


class Host(Protocol):
    """What the company file asks of the window it is open in."""

    #: Make a backup copy of a file when it is opened (tests turn it off), this long after.
    backup_on_open: bool
    backup_delay_ms: int

    def show_file(self, db: Database | None, *, read_only: bool) -> None:
        """Show `db` in every register (None: the file is about to close)."""

    def file_state_changed(self) -> None:
        """The file, its name or its read-only state changed: update the title and actions."""


def ask_read_only(parent: QWidget | None, message: str) -> bool:
    """The file is open for changes elsewhere: True when the user wants it read-only."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("The file is in use")
    box.setText(message)
    read_only = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    chosen = box.clickedButton() is read_only
    box.deleteLater()
    return chosen


TAKE_OVER = "take over"
READ_ONLY = "read-only"
CANCEL = "cancel"


def ask_take_over(parent: QWidget | None, message: str) -> str:
    """The file was left open on another computer (it may still be open there): TAKE_OVER,
    READ_ONLY or CANCEL. Read-only is the default: it cannot damage anything."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The file may be open on another computer")
    box.setText(message)
    take_over = box.addButton("&Take Over", QMessageBox.ButtonRole.DestructiveRole)
    read_only = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is take_over:
        return TAKE_OVER
    if clicked is read_only:
        return READ_ONLY
    return CANCEL


def _stamp() -> str:
    return dt.date.today().isoformat()


def use_company_dates(db: Database) -> None:
    """Show dates in the open file's format (Edit > Preferences) from now on."""
    from qmsdesk.core import company, dates

    with db.read() as session:
        dates.use_style(company.date_style(session))


def open_database(path: Path, **kwargs: Any) -> Database:
    """:func:`qmsdesk.core.db.open_database`, imported when a file is first opened."""
    from qmsdesk.core.db import open_database as open_core_database

    return open_core_database(path, **kwargs)


class CompanyFile(QObject):
    """The company file open in a window (one at a time), and the File menu's work on it."""

    opened = Signal(object)  # Path: a file was opened

    def __init__(
        self, host: Host, parent_widget: QWidget, settings: Settings, file_jobs: FileJobs
    ) -> None:
        super().__init__(parent_widget)
        self.host = host
        self.parent_widget = parent_widget
        self.settings = settings
        self.file_jobs = file_jobs
        self.db: Database | None = None
        self.lock: CompanyLock | None = None  # while the file is open for changes
        self.read_only = False
        #: Why the last open_file (or take_over, open_read_only) failed, or None.
        self.last_open_error: QmsError | None = None
        self._stale_told: Any = None  # the lock whose stale owner the user was told about
        # Above the tabs, a banner says when the file is open read-only (someone else has it).
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "#readOnlyBanner { background: #fff4ce; color: #3d2e00; padding: 6px 10px;"
            " border-bottom: 1px solid #d9c27a; }"
        )
        self.banner.hide()
        # The backup made when a file is opened runs behind the window: it shows here.
        self.backup_progress = QProgressBar()
        self.backup_progress.setObjectName("backupProgress")
        self.backup_progress.setMaximumWidth(180)
        self.backup_progress.setFormat("Backing up… %p%")
        self.backup_progress.setToolTip("A backup copy of the file is being made; keep working.")
        self.backup_progress.hide()

    def open_file(self, path: Path, *, create: bool = False, quiet: bool = False) -> bool:
        """Open a company file in place of the current one. On failure the current one stays open
        and, unless `quiet`, the user is told why; the failure is in `self.last_open_error`."""
        from PySide6.QtWidgets import QMessageBox

        self.last_open_error = None
        try:
            db, held = self._open(Path(path), create=create)
        except QmsError as exc:
            from qmsdesk.core.lock import FileInUseError

            if isinstance(exc, FileInUseError) and not quiet:
                return self.offer_read_only(Path(path), exc)
            self.last_open_error = exc
            if not quiet:
                QMessageBox.warning(self.parent_widget, f"Cannot open {Path(path).name}", str(exc))
            return False
        self._set_database(db, held, read_only=False)
        return True

    def offer_read_only(self, path: Path, exc: QmsError) -> bool:
        """The file is in use (`exc`, a FileInUseError): ask whether to open it read-only, and
        do; a file left open on another computer may be taken over instead. False when nothing
        was opened (the reason in `self.last_open_error`)."""
        from qmsdesk.core.lock import LeftByAnotherComputerError

        if isinstance(exc, LeftByAnotherComputerError):
            choice = ask_take_over(self.parent_widget, str(exc))
            if choice == TAKE_OVER:
                return self.take_over(path, exc.owner)
            chosen = choice == READ_ONLY
        else:
            chosen = ask_read_only(self.parent_widget, str(exc))
        if not chosen:
            self.last_open_error = exc
            return False
        return self.open_read_only(path)

    def take_over(self, path: Path, owner: LockOwner | None = None) -> bool:
        """Open for changes a file left open on another computer, which the user has said QMS
        Desk is no longer running on; given the `owner` the user was asked about, only if it is
        still the one that left the file (else the user is asked again)."""
        from PySide6.QtWidgets import QMessageBox

        from qmsdesk.core.lock import FileInUseError

        try:
            db, held = self._open(
                Path(path), create=False, take_over=True if owner is None else owner
            )
        except FileInUseError as exc:  # opened for changes elsewhere meanwhile: ask again
            return self.offer_read_only(Path(path), exc)
        except QmsError as exc:
            self.last_open_error = exc
            QMessageBox.warning(self.parent_widget, f"Cannot open {Path(path).name}", str(exc))
            return False
        self._stale_told = held  # the user chose to take it over: no need to say it was left
        self._set_database(db, held, read_only=False)
        return True

    def open_read_only(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        try:
            db = open_database(path, read_only=True)
        except QmsError as exc:
            self.last_open_error = exc
            QMessageBox.warning(self.parent_widget, f"Cannot open {path.name}", str(exc))
            return False
        self._set_database(db, None, read_only=True)
        return True

    def _open(
        self, path: Path, *, create: bool, take_over: bool | LockOwner = False
    ) -> tuple[Database, Any]:
        from qmsdesk.core import lock
        from qmsdesk.core.db import migrate
        from qmsdesk.core.errors import DatabaseNotFoundError

        path = path.expanduser().resolve()
        if path.exists():
            # Refuse anything that is not a company file before touching its folder.
            migrate.inspect_file(path)
        elif not create:
            raise DatabaseNotFoundError(f"There is no company file at {path}.")
        elif not take_over:
            # A new file: an owner file left under its name speaks of a file that is gone, so
            # it is taken over without a question and without a word.
            take_over = True
        if self.db is not None and self.db.path.resolve() == path and not self.read_only:
            raise DatabaseError(f"{path.name} is already open.")
        held = lock.acquire(path, self.settings.user_name, take_over=take_over)
        if not path.exists():
            self._stale_told = held
        try:
            db = open_database(path, create=create)
        except BaseException:
            held.release()
            raise
        return db, held

    def _set_database(
        self, db: Database, held: Any, *, read_only: bool, backup: bool = True
    ) -> None:
        self.close()
        self.db = db
        self.lock = held
        self.read_only = read_only
        use_company_dates(db)
        self.host.show_file(db, read_only=read_only)
        self.settings.add_recent_file(db.path)
        self.settings.last_folder = db.path.parent
        self.host.file_state_changed()
        self._tell_open_report(db, held)
        if backup and self.host.backup_on_open and not read_only and not db.report.created:
            QTimer.singleShot(
                self.host.backup_delay_ms, self, lambda: self._backup_in_background(db)
            )
        self.opened.emit(db.path)

    def _tell_open_report(self, db: Database, held: Any) -> None:
        from PySide6.QtWidgets import QMessageBox

        report = db.report
        notes: list[str] = []
        if report.backup is not None:
            notes.append(
                f"{db.path.name} was upgraded for this version of QMS Desk; the file as it was "
                f"is kept in {report.backup}."
            )
        if self.read_only:
            notes.append(f"{db.path.name} is open read-only: you can look, search and print.")
            self._say_who_has_it(db)
        notes.extend(report.notes)
        if notes:
            self.file_jobs.show_message("  ".join(notes), 0 if report.backup else 15_000)
        stale = getattr(held, "stale_owner", None)
        if stale is not None and held is not self._stale_told:
            self._stale_told = held  # told once, not again when the file is reopened (restore)
            QMessageBox.information(
                self.parent_widget,
                "The file was not closed properly",
                f"{db.path.name} was not closed properly the last time it was open (by "
                f"{stale.describe()}): QMS Desk or the computer stopped without closing it.\n\n"
                "It has been taken over safely: everything saved before then is in the file, and "
                "a change that was being saved at that moment was either saved whole or not at "
                "all. Help > Check Database checks the file if you want to be sure.",
            )

    def _say_who_has_it(self, db: Database) -> None:
        from qmsdesk.core import lock

        owner = lock.read_owner(db.path)
        who = owner.describe() if owner is not None else "someone else"
        self.banner.setText(
            f"<b>READ-ONLY</b> — {escape(db.path.name)} is open for changes by {escape(who)}. "
            "You can look, search, export and print here; nothing can be changed. To make "
            "changes, close the file there, then open it again here."
        )

    def _backup_in_background(self, db: Database) -> None:
        if db is not self.db:  # another file was opened meanwhile
            return
        from qmsdesk.core import backups

        path = db.path
        self.backup_progress.setRange(0, 0)  # busy until the copy says how far it has got
        self.backup_progress.show()

        def progress(done: int, total: int) -> None:
            if total > 0:
                self.backup_progress.setRange(0, total)
                self.backup_progress.setValue(min(done, total))

        def done(target: Path) -> None:
            self.file_jobs.show_message(f"Backed up {path.name} to {target.name}.", 5_000)

        def failed(exc: Exception, _details: str) -> None:
            self.file_jobs.show_message(f"Could not make the backup copy: {exc}", 15_000)

        job = workers.run_job(
            self.parent_widget,
            lambda report: backups.make_backup(path, "opened", report),
            label="",
            show_progress=False,
            on_done=done,
            on_error=failed,
            on_progress=progress,
        )
        job.finished.connect(self.backup_progress.hide)
        job.finished.connect(self.file_jobs.job_finished.emit)

    def close(self) -> None:
        if self.db is None:
            return
        self.host.show_file(None, read_only=False)
        self.db.close()
        self.db = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.read_only = False

    def open_dialog(self) -> None:
        path = self.file_jobs.ask_open_path("Open a company file", COMPANY_FILTER)
        if path is not None:
            self.open_file(path)

    def open_recent(self, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not path.exists():
            QMessageBox.warning(
                self.parent_widget,
                "File not found",
                f"{path} is not there any more (moved, renamed or deleted). It was taken off the "
                "list of recent files.",
            )
            self.settings.remove_recent_file(path)
            return
        self.open_file(path)

    def new_company_file(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        path = self.file_jobs.ask_save_path(
            "New company file", f"New company{FILE_SUFFIX}", COMPANY_FILTER, FILE_SUFFIX
        )
        if path is None:
            return
        if path.exists():
            QMessageBox.warning(
                self.parent_widget,
                "The file exists",
                f"{path.name} already exists in {path.parent}. Choose another name, or use "
                "File > Open to work on it.",
            )
            return
        if not self.open_file(path, create=True):
            return
        name, ok = QInputDialog.getText(
            self.parent_widget,
            "Company name",
            "The company's name, printed at the top of reports\n(you can change it later in "
            "Edit > Preferences):",
        )
        if ok and name.strip() and self.db is not None:
            from qmsdesk.core import company

            try:
                with self.db.write() as session:
                    company.set_name(session, name)
            except QmsError as exc:
                show_problem(self.parent_widget, "Cannot set the company name", exc)
            self.host.file_state_changed()

    # --- long jobs -----------------------------------------------------------------------------

    def save_copy(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        db = self.db
        if db is None:
            return
        suggested = f"{db.path.stem} copy {_stamp()}{FILE_SUFFIX}"
        target = self.file_jobs.ask_save_path(
            "Save a copy as", suggested, COMPANY_FILTER, FILE_SUFFIX
        )
        if target is None:
            return
        if target.resolve() == db.path.resolve():
            QMessageBox.warning(
                self.parent_widget,
                "Save a copy",
                "That is the open file itself; choose another name.",
            )
            return

        def done(_result: object) -> None:
            message = f"Saved a copy to {target}."
            folder = db.attachments_dir
            if folder.is_dir() and any(folder.iterdir()):
                message += (
                    f" Attached files are not in it: they stay in {folder}; copy that folder "
                    f"beside the copy as {paths.attachments_dir(target)} to take them along."
                )
            self.file_jobs.show_message(message, 30_000)

        self.file_jobs.run(
            f"Saving a copy to {target.name}…",
            lambda progress: db.copy_to(target, progress),
            done,
            "The copy was not saved",
        )

    def show_backups(self) -> None:
        """File > Backups: list the backups, make one, restore one, set how many are kept."""
        db = self.db
        if db is None:
            return
        from qmsdesk.core import company
        from qmsdesk.gui.dialogs.backups import BackupsDialog

        with db.read() as session:
            policy = company.backup_policy(session)

        def save_policy(chosen: Any) -> None:
            if self.db is db:
                with db.write() as session:
                    company.set_backup_policy(session, chosen)

        dialog = BackupsDialog(
            self.parent_widget,
            db_path=db.path,
            policy=policy,
            read_only=self.read_only,
            save_policy=save_policy,
        )
        chosen: list[Path] = []
        dialog.restore_requested.connect(chosen.append)
        dialog.exec()
        dialog.deleteLater()
        if chosen:
            self.restore_backup(chosen[0])

    def restore_backup(self, backup: Path) -> None:
        """Put `backup` in place of the open file (backed up first): the file is closed, its lock
        kept so that nobody else opens it meanwhile, restored on a worker thread, and opened
        again with the same lock."""
        db, held = self.db, self.lock
        if db is None or self.read_only or held is None:
            return
        from qmsdesk.core.restore import restore

        workers.wait_all()  # the backup made at opening reads the file: let it finish first
        path = db.path
        self.host.show_file(None, read_only=False)
        db.close()
        self.db = None

        def reopen() -> bool:
            try:
                reopened = open_database(path)
            except QmsError as exc:
                self.lock = None
                held.release()
                self.host.file_state_changed()
                show_problem(self.parent_widget, f"Cannot open {path.name}", exc)
                return False
            # What it holds now is the backup just restored, or (the restore failed) what it held
            # before, which its backups already have: no "opened" backup to repeat either.
            self._set_database(reopened, held, read_only=False, backup=False)
            return True

        def done(safety: Path) -> None:
            if reopen():
                self.file_jobs.show_message(
                    f"Restored the backup {backup.name}. The file as it was before is kept in "
                    f"{safety}.",
                    60_000,
                )

        def failed(exc: Exception, details: str) -> None:
            reopen()
            show_problem(self.parent_widget, "The backup was not restored", exc, details)

        job = workers.run_job(
            self.parent_widget,
            lambda progress: restore(backup, path, progress),
            label=f"Restoring {backup.name}…",
            on_done=done,
            on_error=failed,
        )
        job.finished.connect(self.file_jobs.job_finished.emit)

    def check_database(self) -> None:
        """Help > Check Database: the file's structure, its attachments and its history."""
        db = self.db
        if db is None:
            return
        from qmsdesk.core.check import check_database

        def done(report: Any) -> None:
            if db is not self.db:
                return
            self.show_check_report(db.path, report)

        self.file_jobs.run(
            f"Checking {db.path.name}…",
            lambda progress: check_database(db, progress),
            done,
            "The check could not be finished",
        )

    def show_check_report(self, path: Path, report: Any) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.parent_widget)
        box.setWindowTitle("Check database")
        lines = report.lines()
        if report.ok:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(f"{path.name} is in good order.")
            box.setInformativeText("\n".join(lines))
        else:
            count = len(report.problems)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(
                f"The check found {count} problem{'s' if count != 1 else ''} in {path.name}."
            )
            box.setInformativeText(
                "\n".join(lines[:12] + (["  …"] if len(lines) > 12 else []))
                + "\n\nFile > Backups can restore a copy made before the damage. Show Details "
                "lists every problem, to copy and pass on."
            )
            box.setDetailedText("\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        self.check_report = box  # for tests
        box.exec()
        box.deleteLater()
