"""Long jobs (import, export, reports, copies) on a worker thread, with a progress dialog.

The window keeps painting while a job runs; the progress dialog is window-modal, so nobody edits
the register while an import is written. A job gets a `progress(done, total)` callable, the same
kind the core functions take. Its result (or its exception) comes back on the GUI thread.

A job must not share a database session with the GUI thread: it opens its own (``db.read()`` and
``db.write()`` create one per call).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]

# The dialog appears only for jobs that take longer than this, so quick ones do not flash.
SHOW_AFTER_MS = 400

_RUNNING: set[Job] = set()


class _ProgressDialog(QProgressDialog):
    """A progress dialog the user cannot close: a job in the core cannot be stopped halfway."""

    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class _Thread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object, str)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except Exception as exc:
            self.failed.emit(exc, traceback.format_exc())
        else:
            self.succeeded.emit(result)


class Job(QObject):
    """One job on its own thread; `finished` comes on the GUI thread after the callbacks ran."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        work: Work,
        *,
        label: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception, str], None] | None = None,
        show_progress: bool = True,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        # No Qt parent: a job must outlive a window closed while it runs (its thread would be
        # destroyed with it); _RUNNING keeps it until its result is delivered.
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress  # for a quiet job's own progress display
        self.result: Any = None
        self.error: Exception | None = None
        self.dialog: QProgressDialog | None = None
        if show_progress:
            dialog = _ProgressDialog(label, "", 0, 0, parent)
            dialog.setCancelButton(None)
            dialog.setWindowTitle("Please wait")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(SHOW_AFTER_MS)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumWidth(360)
            self.dialog = dialog
        self._thread = _Thread(work)
        # Slots of this object (which lives on the GUI thread) are called through the event loop.
        self._thread.progressed.connect(self._progress)
        self._thread.succeeded.connect(self._succeeded)
        self._thread.failed.connect(self._failed)
        self._thread.finished.connect(self._thread_finished)
        self._outcome: tuple[bool, Any, str] | None = None

    def start(self) -> Job:
        _RUNNING.add(self)
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self in _RUNNING

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)
        dialog = self.dialog
        if dialog is not None and total > 0:
            if dialog.maximum() != total:
                dialog.setRange(0, total)
            dialog.setValue(min(done, total))

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._outcome = (True, result, "")

    @Slot(object, str)
    def _failed(self, exc: Exception, details: str) -> None:
        self._outcome = (False, exc, details)

    @Slot()
    def _thread_finished(self) -> None:
        self._thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        # Callbacks run after the thread has ended and the dialog is gone, so they may start the
        # next job or open a dialog of their own.
        QTimer.singleShot(0, self._deliver)

    def _deliver(self) -> None:
        ok, value, details = self._outcome or (False, RuntimeError("the job ended early"), "")
        try:
            if ok:
                self.result = value
                if self._on_done is not None:
                    self._on_done(value)
            else:
                self.error = value
                if self._on_error is not None:
                    self._on_error(value, details)
                else:
                    raise value
        finally:
            _RUNNING.discard(self)
            self.finished.emit()
            self.deleteLater()


def run_job(
    parent: QWidget | None,
    work: Work,
    *,
    label: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception, str], None] | None = None,
    show_progress: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> Job:
    """Start `work(progress)` on a worker thread behind a progress dialog saying `label`
    (without one when not `show_progress`: for quiet background work, which may show its
    progress itself through `on_progress(done, total)`, called on the GUI thread)."""
    return Job(
        parent,
        work,
        label=label,
        on_done=on_done,
        on_error=on_error,
        show_progress=show_progress,
        on_progress=on_progress,
    ).start()


def any_running() -> bool:
    return bool(_RUNNING)


def wait_all(timeout_ms: int = 60_000) -> None:
    """Wait for the threads of running jobs (when the app quits)."""
    for job in list(_RUNNING):
        job._thread.wait(timeout_ms)


def problem_text(exc: BaseException) -> str:
    """A core error's message for the user; a list of problems one per line."""
    from qmsdesk.core.errors import ValidationError

    if isinstance(exc, ValidationError) and len(exc.problems) > 1:
        return "Please correct these:\n" + "\n".join(f"• {p}" for p in exc.problems)
    return str(exc)


def show_problem(parent: QWidget | None, title: str, exc: BaseException, details: str = "") -> None:
    """Tell the user why something was not done.

    A QmsError is the user's to fix and its message says how: a plain warning. Anything else is
    unexpected: the error dialog, with the technical details to pass on.
    """
    from PySide6.QtWidgets import QMessageBox  # here: the window's first paint needs none

    from qmsdesk.core.errors import QmsError

    if isinstance(exc, QmsError):
        QMessageBox.warning(parent, title, problem_text(exc))
        return
    from qmsdesk.gui.dialogs import show_error

    details = details or "".join(traceback.format_exception(exc))
    logging.getLogger("qmsdesk.gui").error("%s (unexpected error in a job)\n%s", title, details)
    show_error(
        parent,
        title,
        f"Something unexpected went wrong, so this was not finished: {exc}\n\n"
        "If it happens again, copy the details and pass them on to whoever looks after QMS Desk.",
        details,
    )
