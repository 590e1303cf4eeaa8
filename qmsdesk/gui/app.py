"""Start the GUI: the QApplication, which company file to open, and what to do when it cannot be.

Which file: the one given with --db; else the one used last; else the demo company in the user
data folder, written there the first time so that a newcomer sees a working register at once.
"""

from __future__ import annotations

import logging
import sys
import traceback
from importlib import import_module
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from qmsdesk import APP_ID, APP_NAME, FILE_SUFFIX, ORG_NAME, paths

QUIT = "quit"


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    from qmsdesk import __version__

    app.setApplicationVersion(__version__)
    from qmsdesk.gui import icons

    app.setWindowIcon(icons.app_icon())
    return app


def ensure_demo(path: Path) -> Path:
    """Write the demo company at `path` unless a file is there already."""
    if not path.exists():
        from qmsdesk.core.demo import write_demo

        write_demo(path).close()
    return path


def fresh_demo_path() -> Path:
    """A name for a new demo file beside the default one, which is left alone."""
    default = paths.default_database()
    for number in range(2, 1000):
        candidate = default.with_name(f"{default.stem} {number}{FILE_SUFFIX}")
        if not candidate.exists():
            return candidate
    return default.with_name(f"{default.stem} new{FILE_SUFFIX}")


def start_file(db_path: Path | None, settings: object) -> tuple[Path, str]:
    """The file to open at start-up, and a note for the status bar ("" if none)."""
    if db_path is not None:
        return Path(db_path).expanduser(), ""
    last = getattr(settings, "last_file", None)
    if last is not None:
        if last.exists():
            return last, ""
        note = f"The file used last, {last}, was not found; the demo company is open instead."
        return ensure_demo(paths.default_database()), note
    default = paths.default_database()
    if default.exists():
        return default, ""
    return ensure_demo(default), (
        f"Welcome to QMS Desk. This is a demo company to try things out on; it is kept in "
        f"{default}. Use File > New to start your own company file."
    )


def ask_after_failure(parent: QWidget | None, path: Path, message: str) -> str:
    """The start-up file could not be opened: open another one, the demo, or quit.

    Returns "open", "demo" or "quit".
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"Cannot open {path.name}")
    box.setText(message)
    box.setInformativeText("The file was not changed. What would you like to do?")
    other = box.addButton("Open &Another File…", QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton("Open the &Demo Company", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.exec()
    clicked = box.clickedButton()
    if clicked is other:
        return "open"
    if clicked is demo:
        return "demo"
    return QUIT


def open_at_start(window: object, path: Path) -> bool:
    """Open `path` in the window; when it fails, let the user choose until something opens."""
    from qmsdesk.core.errors import QmsError
    from qmsdesk.core.lock import FileInUseError
    from qmsdesk.gui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    tried_demo = False
    while True:
        if window.open_file(path, quiet=True):
            return True
        error = window.last_open_error
        if isinstance(error, FileInUseError):
            # Read-only, or (left open on another computer) taken over.
            if window.offer_read_only(path, error):
                return True
            error = window.last_open_error
        message = str(error) if isinstance(error, QmsError) else f"{path} could not be opened."
        choice = ask_after_failure(window, path, message)
        if choice == QUIT:
            return False
        if choice == "open":
            chosen = window.ask_open_path("Open a company file", _company_filter())
            if chosen is not None:
                path = chosen
            continue
        default = paths.default_database()
        if path != default and not tried_demo:
            path = ensure_demo(default)
        else:
            # The default demo file is the one that failed: leave it be and write a new one.
            path = ensure_demo(fresh_demo_path())
        tried_demo = True


def _company_filter() -> str:
    from qmsdesk.gui.main_window import COMPANY_FILTER

    return COMPANY_FILTER


class ExceptionHook:
    """Show an unexpected error in a dialog with the traceback to copy, and write it to the log
    file in the user data folder (set up here); the window stays usable."""

    def __init__(self, parent: QWidget | None) -> None:
        from qmsdesk import applog

        self.parent = parent
        self._showing = False
        self.log_path = applog.configure()

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(details)
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        logging.getLogger("qmsdesk.gui").error("Unexpected error\n%s", details)
        if self._showing:  # an error while an error is shown: the log has it
            return
        self._showing = True
        try:
            from qmsdesk.gui.dialogs import show_error

            show_error(
                self.parent,
                "Something went wrong",
                "QMS Desk ran into a problem it did not expect, so what you were doing was not "
                "finished. Everything saved before is safe, and you can carry on working.\n\n"
                "If it happens again, copy the details and pass them on to whoever looks after "
                f"QMS Desk. They are also written to {self.log_path}.",
                details,
            )
        except Exception:  # the error dialog itself failed: the log has the details
            sys.stderr.write(traceback.format_exc())
        finally:
            self._showing = False


class StartUp(QObject):
    """The start after the window is shown: once it has been painted, load the database layer,
    open the file and build the other registers, each in a turn of the event loop of its own (when
    the window shows its first screen, read without the database layer); say "ready" and close
    after `quit_after_ms` when asked to (smoke tests and benchmarks).

    "ready" is said at the first turn of the event loop after the window was shown with the
    register filled (from the file opened, or from its first screen), the moment the benchmark's
    bare PySide6 window says it too. The window closes only once the file is open and every
    register built as well.
    """

    #: Go on this long after showing the window even if no paint came (a window shown minimised
    #: is not painted).
    AT_THE_LATEST_MS = 1000

    def __init__(
        self,
        window: Any,
        path: Path | None,
        quit_after_ms: int | None,
        on_failure: Any,
        before_opening: Any = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path = path  # None: open already
        self.quit_after_ms = quit_after_ms
        self.on_failure = on_failure  # called when the file cannot be opened and the user quits
        self.before_opening = before_opening  # called once painted, before the core loads
        self.painted = False
        self.turned = False  # the event loop has run (the bare window's "ready")
        self.said_ready = False
        self.built = path is None  # every register built (done by the file's opening if no path)
        # The window itself, not the table's viewport: reaching that from Python costs time.
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self._turned)
        QTimer.singleShot(self.AT_THE_LATEST_MS, self, self._painted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen, at the next turn of the event loop.
            QTimer.singleShot(0, self, self._painted)
        return False

    def _painted(self) -> None:
        if self.painted:
            return
        self.painted = True
        self.window.removeEventFilter(self)
        if self.path is not None:
            # Then in steps, each in a turn of its own, so that the window answers between them
            # (it can be scrolled, say): the database layer, the file, each other register.
            QTimer.singleShot(0, self, self._load_core)

    def _load_core(self) -> None:
        if not self.window.isVisible():  # closed meanwhile
            return
        if self.before_opening is not None:
            self.before_opening()
        import_module("qmsdesk.core.db.engine")
        import_module("qmsdesk.core.documents")
        QTimer.singleShot(0, self, self._open)

    def _turned(self) -> None:
        self.turned = True
        self._say_ready()

    def _open(self) -> None:
        path, self.path = self.path, None
        if path is None or not self.window.isVisible():
            return
        if self.window.db is None:  # else a file was opened meanwhile (File > Open): keep it
            self.window.build_on_open = False
            try:
                opened = open_at_start(self.window, path)
            finally:
                self.window.build_on_open = True
            if not opened:
                self.on_failure()
                return
        QTimer.singleShot(0, self, self._build_next)

    def _build_next(self) -> None:
        if self.window.isVisible() and self.window.build_next_register():
            QTimer.singleShot(0, self, self._build_next)
            return
        self.built = True
        self._quit_later()

    def _say_ready(self) -> None:
        if self.said_ready or not self.turned or self.quit_after_ms is None:
            return
        self.said_ready = True
        print("ready", flush=True)
        self._quit_later()

    def _quit_later(self) -> None:
        done = self.path is None and self.built
        if self.said_ready and done and self.quit_after_ms is not None:
            QTimer.singleShot(self.quit_after_ms, self.window.close)


def run_gui(db_path: Path | None, quit_after_ms: int | None = None) -> int:
    """Start the app on `db_path` (or the file used last, or the demo company) and run it.

    When the file is plainly fine to open, the window shows the register's first screen read
    without the database layer, and the file is opened once the window is on screen (see
    :class:`StartUp`); otherwise the file is opened first, as any file is.
    """
    app = make_application()
    from qmsdesk.gui.main_window import MainWindow
    from qmsdesk.gui.settings import Settings

    settings = Settings()
    window = MainWindow(settings)

    def catch_errors() -> None:
        if not isinstance(sys.excepthook, ExceptionHook):
            sys.excepthook = ExceptionHook(window)

    path, note = start_file(db_path, settings)
    quick = window.show_first_screen(path)
    if not quick:
        catch_errors()
        if not open_at_start(window, path):
            window.close()
            return 1
    if window.start_maximized:
        window.showMaximized()
    else:
        window.show()
    if note:
        window.statusBar().showMessage(note, 30_000)

    failed: list[bool] = []

    def give_up() -> None:
        # The file could not be opened and the user chose to quit.
        failed.append(True)
        window.close()
        app.quit()

    # With the first screen, the error dialog is set up once the window is painted, before the
    # file is opened: setting it up (its log file) would hold the first paint up.
    StartUp(window, path if quick else None, quit_after_ms, give_up, catch_errors)
    result = app.exec()
    return 1 if failed else result
