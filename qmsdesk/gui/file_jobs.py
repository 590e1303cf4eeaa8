"""File work for the register tabs: ask for a path, run a job on a worker thread, show the result.

A :class:`FileJobs` is handed to each register tab (``RegisterTab(settings, file_jobs=...)``) by
the main window, which makes one for the whole window. A tab uses it instead of reaching for the
window it happens to sit in (no ``hasattr(window, "ask_save_path")``):

- :meth:`FileJobs.ask_save_path` / :meth:`FileJobs.ask_open_path`: the file dialogs, starting in
  the folder last used (``settings.last_folder``), which they update;
- :meth:`FileJobs.run`: a job on a worker thread behind a progress dialog; its result goes to
  `on_done` on the GUI thread, its failure is shown to the user titled `error_title`;
- :meth:`FileJobs.write_file`: one export or report of :mod:`qmsdesk.core.exchange.registry`
  written to a path the user chooses, said in the status bar, a PDF opened (:meth:`open_result`);
- :meth:`FileJobs.show_message`: a note in the window's status bar (nothing without one);
- :meth:`FileJobs.report_error`: a refusal or failure, shown as :func:`workers.show_problem` does;
- :meth:`FileJobs.import_excel`: preview and import a workbook, done by whoever imports (the main
  window sets :attr:`FileJobs.importer`); False when nothing imports.

A tab built on its own (in a test, say) makes its own FileJobs on itself: the same dialogs and jobs,
status messages going to the window the tab is in if it is a QMainWindow.

`job_finished` is emitted after every job started through :meth:`run` has delivered its result.

Nothing here may import the core's database layer at import time (the window's start-up needs this
module before SQLAlchemy is loaded): imports of it are inside the methods.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from qmsdesk.gui import workers
from qmsdesk.gui.workers import show_problem

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.gui.settings import Settings

EXCEL_FILTER = "Excel workbooks (*.xlsx);;All files (*)"
PDF_FILTER = "PDF documents (*.pdf);;All files (*)"

#: ``planner(db, path, progress)``: plans a workbook's import into one record (an audit's
#: checklist); see :meth:`FileJobs.import_excel`.
Planner = Callable[["Database", Path, Any], Any]


class FileJobs(QObject):
    """The file dialogs, worker jobs, status messages and error reports of one window."""

    job_finished = Signal()  # a job started by run() has ended (its callbacks ran)

    def __init__(self, owner: QWidget, settings: Settings) -> None:
        super().__init__(owner)
        #: The parent of the dialogs (the main window, or a tab on its own).
        self.owner = owner
        self.settings = settings
        #: Previews and imports a workbook (set by the main window); see import_excel.
        self.importer: Callable[[Planner | None], None] | None = None

    # --- paths -----------------------------------------------------------------------------------

    def ask_open_path(self, title: str, file_filter: str) -> Path | None:
        """The file the user picks to read, or None; its folder is remembered."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self.owner, title, str(self.settings.last_folder), file_filter
        )
        if not name:
            return None
        path = Path(name)
        self.settings.last_folder = path.parent
        return path

    def ask_save_path(
        self, title: str, suggested: str, file_filter: str, suffix: str
    ) -> Path | None:
        """Where to write a file, `suggested` by name (made legal), ending in `suffix`; None when
        the user cancels. Its folder is remembered."""
        from PySide6.QtWidgets import QFileDialog

        from qmsdesk.core.text import legal_file_name

        # A suggested name may carry a reference typed by a user ("IA/2026:03"): make it legal.
        start = self.settings.last_folder / legal_file_name(suggested)
        name, _ = QFileDialog.getSaveFileName(self.owner, title, str(start), file_filter)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.settings.last_folder = path.parent
        return path

    # --- messages --------------------------------------------------------------------------------

    def show_message(self, text: str, timeout_ms: int = 30_000) -> None:
        """A note in the status bar of the owner's main window (none: nothing is shown)."""
        window = self.owner.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, timeout_ms)

    def report_error(self, title: str, exc: BaseException, details: str = "") -> None:
        """Tell the user why something was not done (see :func:`workers.show_problem`)."""
        show_problem(self.owner, title, exc, details)

    # --- jobs ------------------------------------------------------------------------------------

    def run(
        self,
        label: str,
        work: workers.Work,
        on_done: Callable[[Any], None],
        error_title: str,
        *,
        parent: QWidget | None = None,
    ) -> workers.Job:
        """Run `work(progress)` on a worker thread behind a progress dialog saying `label` (over
        `parent`, else the owner); `on_done(result)` on the GUI thread; a failure is reported
        under `error_title`. `job_finished` follows either."""
        where = parent or self.owner

        def failed(exc: Exception, details: str) -> None:
            show_problem(where, error_title, exc, details)

        job = workers.run_job(where, work, label=label, on_done=on_done, on_error=failed)
        job.finished.connect(self.job_finished.emit)
        return job

    def open_result(self, path: Path, *, title: str, missing: str = "") -> None:
        """Show a written file in the program the system opens it with, without making the
        window wait: the system is asked on a thread of its own (with no PDF viewer it can take
        seconds to say no). When it says no, or has not answered within :attr:`answer_ms`, a box
        titled `title` (not modal) gives the file's path, `missing` and an "Open folder" button;
        it closes itself if the viewer starts after all. The box is :attr:`result_box`."""
        from PySide6.QtCore import QTimer

        self.show_message(f"Wrote {path}.")
        text = missing or f"The file is in {path}. No program could be started to show it."
        answer: dict[str, bool | None] = {"opened": None}

        def shown(opened: bool) -> None:
            answer["opened"] = opened
            box = self.result_box
            if opened:
                if box is not None and box.property("path") == str(path):
                    box.close()
                return
            self._show_result_box(path, title, text)

        def late() -> None:
            if answer["opened"] is None:
                self._show_result_box(path, title, f"Opening {path}…")

        open_url(path, shown)
        QTimer.singleShot(self.answer_ms, self, late)

    #: How long the window waits for the system to open a written file before it says where the
    #: file is (milliseconds).
    answer_ms = 1500
    #: The box of the last :meth:`open_result` that needed one (None before).
    result_box: Any = None

    def _show_result_box(self, path: Path, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = self.result_box
        if box is None or box.property("path") != str(path):
            if box is not None:
                box.deleteLater()
            box = QMessageBox(self.owner)
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(title)
            box.setModal(False)
            box.setProperty("path", str(path))
            folder = box.addButton("Open &folder", QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Close)
            folder.clicked.connect(lambda: open_url(path.parent, lambda _ok: None))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.result_box = box
        box.setText(text)
        box.show()

    def write_file(
        self,
        db: Database,
        key: str,
        *,
        pdf: bool,
        title: str,
        suggested: str,
        params: Mapping[str, str] | None = None,
        on_written: Callable[[Path], None] | None = None,
        open_pdf: bool = True,
        parent: QWidget | None = None,
    ) -> workers.Job | None:
        """Write the report (`pdf`) or export `key` of the registry to a path the user picks
        (`suggested` by name, its suffix added), with `params`; then say so in the status bar,
        open a PDF (when `open_pdf`) and call `on_written(path)`. None when the user cancels."""
        from qmsdesk.core.exchange import registry

        suffix = ".pdf" if pdf else ".xlsx"
        target = self.ask_save_path(
            title, f"{suggested}{suffix}", PDF_FILTER if pdf else EXCEL_FILTER, suffix
        )
        if target is None:
            return None
        entry = (registry.REPORTS if pdf else registry.EXPORTS)[key]
        values = dict(params or {})

        def done(_result: object) -> None:
            self.show_message(f"Wrote {target}.")
            if pdf and open_pdf:
                self.open_result(
                    target,
                    title=title,
                    missing=f"The report is in {target}. No PDF viewer could be started to "
                    "show it.",
                )
            if on_written is not None:
                on_written(target)

        return self.run(
            f"Writing {target.name}…",
            lambda progress: entry.write(db, target, progress=progress, **values),
            done,
            f"{target.name} was not written",
            parent=parent,
        )

    def import_excel(self, planner: Planner | None = None) -> bool:
        """Preview and import a workbook through :attr:`importer` (the main window's File >
        Import), planned by `planner(db, path, progress)` when given; False when nothing
        imports here (a tab on its own)."""
        if self.importer is None:
            return False
        self.importer(planner)
        return True


class _Opened(QObject):
    """Carries the answer of a thread that asked the system to open a file to the GUI thread."""

    answered = Signal(bool)


_pending: set[_Opened] = set()  # kept alive until they have answered


def open_url(path: Path, on_answer: Callable[[bool], None]) -> None:
    """Ask the system to open `path` (a file in its program, a folder in the file manager) on a
    thread of its own; `on_answer(opened)` follows on the GUI thread."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    carrier = _Opened()
    _pending.add(carrier)

    def answered(opened: bool) -> None:
        _pending.discard(carrier)
        carrier.deleteLater()
        on_answer(opened)

    carrier.answered.connect(answered, Qt.ConnectionType.QueuedConnection)
    url = QUrl.fromLocalFile(str(path))

    def ask() -> None:
        try:
            opened = bool(QDesktopServices.openUrl(url))
        except Exception:  # a failure to open is a "no", never a crash
            opened = False
        carrier.answered.emit(opened)

    threading.Thread(target=ask, name="open-url", daemon=True).start()
