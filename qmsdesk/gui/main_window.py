"""The main window: one tab per register, the menus, the status bar, and the open company file.

Adding a register is one line in :meth:`MainWindow.__init__` (``self.add_register_later(...)``):
a register tab brings its own Edit actions, its own menu, its export and its report (see
:class:`qmsdesk.gui.register_tab.Register`, and :class:`~qmsdesk.gui.register_tab.RegisterTab`,
the base the tabs share). The window hands each tab its :class:`~qmsdesk.gui.file_jobs.FileJobs`
(file dialogs, worker jobs, status messages); the open company file's life cycle is
:class:`~qmsdesk.gui.company_file.CompanyFile`'s, the current register's export, import and report
:class:`~qmsdesk.gui.register_files.RegisterFiles`'.

Start-up: the window is drawn before the database layer is imported (SQLAlchemy and the models
take longer to import than the window takes to draw). The document register shows the company
file's first screen (:meth:`MainWindow.show_first_screen`); the file is opened once the window is
on screen, and the other registers are built then. So nothing this module imports at its top may
import SQLAlchemy, openpyxl, reportlab or alembic (tests/gui/test_start_up.py checks it): import
the core's services inside the functions that use them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from qmsdesk import APP_NAME
from qmsdesk.core.errors import QmsError
from qmsdesk.gui import icons, window_dialogs, workers
from qmsdesk.gui.company_file import (  # noqa: F401  (names tests and the app use from here)
    CANCEL,
    COMPANY_FILTER,
    READ_ONLY,
    TAKE_OVER,
    CompanyFile,
    ask_read_only,
    ask_take_over,
    open_database,
)
from qmsdesk.gui.documents_tab import DocumentsTab
from qmsdesk.gui.file_jobs import FileJobs, Planner
from qmsdesk.gui.navigation import (
    CHECK,
    HOME,
    IMPROVE,
    OPERATION,
    PLAN,
    SUPPORT,
    RegisterNav,
    fit_small_screens,
)
from qmsdesk.gui.readiness_files import ReadinessFiles
from qmsdesk.gui.register_files import RegisterFiles
from qmsdesk.gui.register_tab import Register, RegisterTab
from qmsdesk.gui.settings import Settings

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.core.quickstart import FirstScreen


def read_first_screen(path: Path, sort: str, descending: bool) -> FirstScreen | None:
    """The register's first screen of the file at `path`, read without the database layer; None
    when the file needs the normal way of opening (see qmsdesk.core.quickstart)."""
    from qmsdesk.core import quickstart

    return quickstart.read_first_screen(path, sort=sort, descending=descending)


class MainWindow(QMainWindow):
    """One company file at a time; its registers as tabs."""

    #: Make a backup copy of a file in its backup folder when it is opened (tests turn it off),
    #: this long after opening, so that the copy does not slow the window's start.
    backup_on_open = True
    backup_delay_ms = 3000
    #: Build the registers still to build when a file is opened. The start-up turns it off and
    #: builds them one at a time afterwards, so that the window answers in between.
    build_on_open = True

    job_finished = Signal()  # a long job (import, export, report, copy) has ended
    file_opened = Signal(object)  # Path

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.registers: list[Register] = []
        #: The file dialogs, jobs and messages the registers use (see qmsdesk.gui.file_jobs).
        self.file_jobs = FileJobs(self, self.settings)
        self.file_jobs.importer = self.import_excel
        self.file_jobs.job_finished.connect(self.job_finished.emit)
        #: The open company file, its lock, opening and closing (see qmsdesk.gui.company_file).
        self.company = CompanyFile(self, self, self.settings, self.file_jobs)
        self.company.opened.connect(self.file_opened.emit)
        #: The current register's export, template, import and report.
        self.register_files = RegisterFiles(self, self, self.file_jobs)
        self._menus: dict[int, QMenu] = {}
        #: Registers still to build ("module:Class" by the placeholder tab standing for each).
        self._later: list[tuple[QWidget, str]] = []
        #: What the window shows before the file is open (see show_first_screen).
        self._first_screen: FirstScreen | None = None
        self.setObjectName("mainWindow")
        self.setWindowIcon(icons.app_icon())
        self.setDocumentMode(True)

        # The registers, listed down the left side under the standard's headings.
        self.tabs = RegisterNav()
        self.tabs.currentChanged.connect(self._tab_changed)
        # Above the tabs, a banner says when the file is open read-only (someone else has it).
        self.read_only_banner = self.company.banner
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        #: File > Export Calendar and Certification Audit Pack, the due count in the status bar.
        self.readiness_files = ReadinessFiles(self)
        self._make_actions()
        self._make_menus()

        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addPermanentWidget(self.counts_label)
        # The backup made when a file is opened runs behind the window: it shows here.
        self.backup_progress = self.company.backup_progress
        self.statusBar().addPermanentWidget(self.backup_progress)

        # The registers, in tab order. A new register is one more line here: its tab title (the
        # class's tab_title) and its class, built once the core is loaded (add_register_later).
        # Home comes first; the document register is built at once (its first screen is shown
        # before the file is opened). Each is listed under a heading of the standard
        # (qmsdesk.gui.navigation.GROUPS).
        self.add_register_later("Home", "qmsdesk.gui.home_tab:HomeTab", HOME)
        self.add_register(DocumentsTab(self.settings, file_jobs=self.file_jobs), group=SUPPORT)
        self.add_register_later("Training", "qmsdesk.gui.training_tab:TrainingTab", SUPPORT)
        self.add_register_later("Audits", "qmsdesk.gui.audits_tab:AuditsTab", CHECK)
        self.add_register_later("Actions", "qmsdesk.gui.actions_tab:ActionsTab", IMPROVE)
        self.add_register_later("Customers", "qmsdesk.gui.customers_tab:CustomersTab", OPERATION)
        self.add_register_later("Changes", "qmsdesk.gui.changes_tab:ChangesTab", OPERATION)
        self.add_register_later("Design", "qmsdesk.gui.design_tab:DesignTab", OPERATION)
        self.add_register_later(
            "Suppliers", "qmsdesk.gui.operations.suppliers_tab:SuppliersTab", OPERATION
        )
        self.add_register_later(
            "Equipment", "qmsdesk.gui.operations.equipment_tab:EquipmentTab", SUPPORT
        )
        self.add_register_later(
            "Nonconforming", "qmsdesk.gui.operations.nonconforming_tab:NonconformingTab", OPERATION
        )
        self.add_register_later("Management reviews", "qmsdesk.gui.reviews_tab:ReviewsTab", CHECK)
        self.add_register_later("Context", "qmsdesk.gui.context_tab:ContextTab", PLAN)
        self.add_register_later("Risks", "qmsdesk.gui.risks_tab:RisksTab", PLAN)
        self.add_register_later("Objectives", "qmsdesk.gui.objectives_tab:ObjectivesTab", PLAN)

        self._update_title()
        self._update_actions()
        self.tabs.setCurrentWidget(self.documents_tab)  # its layout is restored as it shows
        self._restore_layout()
        self.tabs.setCurrentIndex(0)  # the window lands on Home

    # --- registers -----------------------------------------------------------------------------

    def add_register(
        self, register: Register, *, instead_of: QWidget | None = None, group: str = ""
    ) -> None:
        """Add a register's page under the heading `group` (or in place of the placeholder
        `instead_of`, keeping its place)."""
        widget = register  # a register is a QWidget
        assert isinstance(widget, QWidget)
        fit_small_screens(widget)
        if instead_of is None:
            index = self.tabs.addTab(widget, register.tab_title, group)
        else:
            index = self.tabs.indexOf(instead_of)
            self.tabs.replaceTab(index, widget, register.tab_title)
            instead_of.deleteLater()
        self.registers.append(register)
        menu = QMenu(register.menu_title, self)
        for action in register.menu_actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        self._menus[index] = menu
        register.counts_changed.connect(self._update_counts)
        register.changed.connect(self._update_counts)
        self.readiness_files.attach(register)
        self._tab_changed(self.tabs.currentIndex())

    def add_register_later(self, title: str, target: str, group: str = "") -> None:
        """A register built by :meth:`build_registers` (once the core is loaded): its page, titled
        `title` under the heading `group`, stands in for it until then. `target` is
        "module:Class"; the class is built with the window's settings."""
        placeholder = QLabel("Reading the company file…")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tabs.addTab(placeholder, title, group)
        self._later.append((placeholder, target))

    def build_registers(self) -> None:
        """Build the registers added with :meth:`add_register_later`, in their order (this loads
        the core: their modules import it)."""
        while self.build_next_register():
            pass

    def build_next_register(self) -> bool:
        """Build the next register added with :meth:`add_register_later`, on the open file if
        there is one; False when none is left to build."""
        if not self._later:
            return False
        placeholder, target = self._later.pop(0)
        module_name, _, class_name = target.partition(":")
        cls = getattr(import_module(module_name), class_name)
        # A register on the shared base takes the window's file jobs; others only the settings.
        if isinstance(cls, type) and issubclass(cls, RegisterTab):
            tab: RegisterTab = cls(self.settings, file_jobs=self.file_jobs)
            register: Register = tab
        else:
            register = cls(self.settings)
        self.add_register(register, instead_of=placeholder)
        register.restore_layout(self.settings)
        if self.db is not None:
            register.set_database(self.db, read_only=self.read_only)
            self._update_counts()
        return True

    def current_register(self) -> Register | None:
        widget = self.tabs.currentWidget()
        return next((r for r in self.registers if r is widget), None)

    @property
    def documents_tab(self) -> DocumentsTab:
        for register in self.registers:
            if isinstance(register, DocumentsTab):
                return register
        raise LookupError("the window has no document register")

    def _tab_changed(self, index: int) -> None:
        register = self.current_register()
        self.edit_menu.clear()
        if register is not None:
            for action in register.edit_actions():
                self.edit_menu.addAction(action)
            self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.search_everywhere_action)
        self.edit_menu.addAction(self.clear_filters_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        for menu_index, menu in self._menus.items():
            menu.menuAction().setVisible(menu_index == index)
        # Only the current register's actions are live, so that registers may use the same keys
        # (Ctrl+Shift+N adds a document here, a person there) without clashing.
        for other in self.registers:
            actions: list[QAction | None] = [*other.edit_actions(), *other.menu_actions()]
            for item in actions:
                if item is not None:
                    item.setVisible(other is register)
        self._update_counts()
        self._update_actions()

    # --- menus ---------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        *,
        fallback: str = "",
        role: QAction.MenuRole | None = None,
    ) -> QAction:
        """An action of the window; `fallback` is its shortcut where the platform has no
        standard one for `shortcut`; `role` its place in a macOS application menu."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if fallback and action.shortcut().isEmpty():
            action.setShortcut(QKeySequence(fallback))
        if tip:
            action.setStatusTip(tip)
        if role is not None:
            action.setMenuRole(role)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        role = QAction.MenuRole
        company = self.company
        self.new_file_action = self._action(
            "&New company file…", company.new_company_file, keys.New, "Start an empty company file"
        )  # fmt: skip
        self.open_action = self._action(
            "&Open…", company.open_dialog, keys.Open, "Open a company file (.qmsdb)"
        )
        self.save_copy_action = self._action(
            "Save a &Copy As…", company.save_copy, None,
            "Write a copy of the open company file, for example to send it or keep it aside",
        )  # fmt: skip
        self.backups_action = self._action(
            "&Backups…", company.show_backups, None,
            "The copies kept of the company file: restore one, make one now, how many are kept",
        )  # fmt: skip
        self.import_action = self._action(
            "&Import from Excel…", self.import_excel, None,
            "Read a workbook into the register; you see what will change before anything does",
        )  # fmt: skip
        self.import_mapped_action = self._action(
            "Import from a &Spreadsheet…", self.import_spreadsheet, None,
            "Read any sheet (.xlsx, .xlsm, .ods, .csv) into a register, mapping its columns",
        )  # fmt: skip
        self.export_action = self._action(
            "&Export to Excel…", self.export_excel, None, "Write the register to an Excel workbook"
        )
        self.template_action = self._action(
            "Export Blank &Template…", self.export_template, None,
            "Write an empty workbook with the right columns, to fill in and import",
        )  # fmt: skip
        self.report_action = self._action(
            "&Print Report…", self.print_report, keys.Print,
            "Write the current register's report as a PDF and open it",
        )  # fmt: skip
        self.preferences_action = self._action(
            "&Preferences…", self.preferences, keys.Preferences,
            "Your name, and the company name and logo for reports",
            fallback="Ctrl+,", role=role.PreferencesRole,
        )  # fmt: skip
        self.quit_action = self._action(
            "&Quit", self.close, keys.Quit, "Close QMS Desk", fallback="Ctrl+Q", role=role.QuitRole
        )  # fmt: skip
        self.find_action = self._action(
            "&Find…", self._find, keys.Find, "Search the register (code, title, owner, note)"
        )
        self.search_everywhere_action = self._action(
            "Search &Everywhere…", self.search_everywhere, "Ctrl+K",
            "Find a code, a title or a name in every register and go to it",
        )  # fmt: skip
        self.clear_filters_action = self._action(
            "Show &All", self._clear_filters, "Ctrl+Shift+L", "Clear the search and the filters"
        )
        self.refresh_action = self._action(
            "&Refresh", self.refresh, keys.Refresh, "Read the company file again", fallback="F5"
        )
        self.next_register_action = self._action(
            "&Next Register", lambda: self.tabs.step(1), "Ctrl+PgDown",
            "Show the register below this one in the list",
        )  # fmt: skip
        self.previous_register_action = self._action(
            "&Previous Register", lambda: self.tabs.step(-1), "Ctrl+PgUp",
            "Show the register above this one in the list",
        )  # fmt: skip
        self.help_action = self._action(
            "QMS Desk &Help", self.show_help, keys.HelpContents, "How the register works",
            fallback="F1",
        )  # fmt: skip
        self.about_action = self._action("&About QMS Desk", self.show_about, role=role.AboutRole)
        self.check_action = self._action(
            "&Check Database…", company.check_database, None,
            "Check the company file, every attached file and the change history for damage",
        )  # fmt: skip
        # The window's own actions are its attributes (findChildren would have PySide look up the
        # type of every object in the window, which costs the first paint several milliseconds).
        for action in [a for a in vars(self).values() if isinstance(a, QAction)]:
            if not action.shortcut().isEmpty() and action.statusTip():
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.statusTip()} ({shortcut})")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_file_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.save_copy_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_mapped_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.template_action)
        file_menu.addSeparator()
        file_menu.addAction(self.report_action)
        self.readiness_files.add_to(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu
        self.edit_menu = bar.addMenu("&Edit")
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        view_menu.addAction(self.next_register_action)
        view_menu.addAction(self.previous_register_action)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.check_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files
        for number, path in enumerate(files, start=1):
            text = f"&{number} {path.name}" if number < 10 else path.name
            action = menu.addAction(f"{text}  —  {path.parent}")
            action.setStatusTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.company.open_recent(p))
        if not files:
            empty = menu.addAction("No files yet")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear List")
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.settings.clear_recent_files)

    def _update_actions(self) -> None:
        has_db = self.db is not None
        writable = has_db and not self.read_only
        register = self.current_register()
        self.save_copy_action.setEnabled(has_db)
        self.import_action.setEnabled(writable)
        self.import_mapped_action.setEnabled(writable)
        can_export = has_db and register is not None and bool(register.export_key)
        self.export_action.setEnabled(can_export)
        self.template_action.setEnabled(register is not None and bool(register.export_key))
        self.report_action.setEnabled(has_db and register is not None and bool(register.report_key))
        self.refresh_action.setEnabled(has_db)
        self.backups_action.setEnabled(has_db)
        self.check_action.setEnabled(has_db)
        self.readiness_files.update(has_db)
        self.read_only_banner.setVisible(has_db and self.read_only)

    def _update_counts(self) -> None:
        register = self.current_register()
        shown = self.db is not None or self._first_screen is not None
        self.counts_label.setText(register.status_text() if register and shown else "")

    def _update_title(self) -> None:
        if self.db is not None:
            from qmsdesk.core import company

            with self.db.read() as session:
                name = company.get_info(session).name
            path = self.db.path
        elif self._first_screen is not None:
            name, path = self._first_screen.company_name, self._first_screen.path
        else:
            self.setWindowTitle(APP_NAME)
            return
        parts = [name] if name else []
        parts.append(path.name + (" (READ-ONLY)" if self.read_only else ""))
        parts.append(APP_NAME)
        self.setWindowTitle(" — ".join(parts))

    # --- opening files -------------------------------------------------------------------------

    def show_first_screen(self, path: Path) -> bool:
        """Before opening `path`: show the document register's first screen, read without the
        database layer, with the file's name and company in the title; every change stays
        disabled until the file is opened (:meth:`open_file`). False (nothing shown) when the file
        needs the normal way of opening: not at the current version, in use, damaged..."""
        if self.db is not None:
            return False
        tab = self.documents_tab
        screen = read_first_screen(Path(path), tab.model.sort_key, tab.model.descending)
        if screen is None or not tab.show_first_screen(screen):
            return False
        self._first_screen = screen
        self._update_title()
        self._update_counts()
        self._update_actions()
        return True

    def open_file(self, path: Path, *, create: bool = False, quiet: bool = False) -> bool:
        """Open a company file in place of the current one (see CompanyFile.open_file)."""
        return self.company.open_file(path, create=create, quiet=quiet)

    def offer_read_only(self, path: Path, exc: QmsError) -> bool:
        return self.company.offer_read_only(path, exc)

    def restore_backup(self, backup: Path) -> None:
        self.company.restore_backup(backup)

    @property
    def db(self) -> Database | None:
        return self.company.db

    @property
    def lock(self) -> Any:
        return self.company.lock

    @property
    def read_only(self) -> bool:
        return self.company.read_only

    @property
    def last_open_error(self) -> QmsError | None:
        return self.company.last_open_error

    def show_file(self, db: Database | None, *, read_only: bool) -> None:
        """Show `db` in every register (None: the file is about to close); see CompanyFile."""
        if db is not None:
            self._first_screen = None
            if self.build_on_open:
                self.build_registers()
        for register in self.registers:
            if db is None:
                register.set_database(None)
            else:
                register.set_database(db, read_only=read_only)

    def file_state_changed(self) -> None:
        self._update_title()
        self._update_actions()
        self._update_counts()

    def ask_open_path(self, title: str, file_filter: str) -> Path | None:
        return self.file_jobs.ask_open_path(title, file_filter)

    def ask_save_path(
        self, title: str, suggested: str, file_filter: str, suffix: str
    ) -> Path | None:
        return self.file_jobs.ask_save_path(title, suggested, file_filter, suffix)

    # --- the current register's files (see qmsdesk.gui.register_files) ---------------------------

    def export_excel(self) -> None:
        self.register_files.export_excel()

    def export_template(self) -> None:
        self.register_files.export_template()

    def import_excel(self, planner: Planner | None = None) -> None:
        """Preview and import a workbook (see RegisterFiles.import_excel)."""
        self.register_files.import_excel(planner)

    def import_spreadsheet(self) -> None:
        """Map any sheet onto a register and import it (see RegisterFiles.import_spreadsheet)."""
        self.register_files.import_spreadsheet()

    def print_report(self) -> None:
        self.register_files.print_report()

    def reload_registers(self) -> None:
        for register in self.registers:
            register.reload()
        self._update_counts()

    # --- other actions -------------------------------------------------------------------------

    def _find(self) -> None:
        register = self.current_register()
        if register is not None:
            register.focus_search()

    def search_everywhere(self) -> None:
        """Edit > Search Everywhere: find a record in any register and show it."""
        if self.db is None:
            return
        from qmsdesk.gui.search_everywhere import SearchEverywhere

        dialog = SearchEverywhere(self, self.db)
        try:
            if dialog.exec() and dialog.hit is not None:
                self.open_hit(dialog.hit.register, dialog.hit.record_id, dialog.hit.kind)
        finally:
            dialog.deleteLater()

    def open_hit(self, register_word: str, record_id: int, kind: str = "") -> bool:
        """Show the register whose records are `register_word` (the word of
        :mod:`qmsdesk.core.finder` and :mod:`qmsdesk.core.due`) on the record `record_id`; False
        when no register of the window holds such records."""
        self.build_registers()
        for register in self.registers:
            word = getattr(register, "find_register", "") or register.export_key
            if word != register_word:
                continue
            assert isinstance(register, QWidget)
            self.tabs.setCurrentWidget(register)
            show = getattr(register, "show_record", None)
            if callable(show):
                show(record_id, kind)
            else:
                register.clear_filters()
                register.reload(select_id=record_id)
            return True
        return False

    def _clear_filters(self) -> None:
        register = self.current_register()
        if register is not None:
            register.clear_filters()

    def refresh(self) -> None:
        for register in self.registers:
            register.reload()
        self._update_title()
        self._update_counts()

    def preferences(self) -> None:
        if window_dialogs.edit_preferences(self, self.settings, self.db, read_only=self.read_only):
            self.refresh()  # the dates in the company's new format
        else:
            self._update_title()

    def show_help(self) -> None:
        self.help_dialog = window_dialogs.show_help(self)

    def show_about(self) -> None:
        window_dialogs.show_about(self, self.db.path if self.db else None)

    # --- layout and closing --------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.state("window/geometry")
        #: True when nothing was saved and the screen is small: the register needs the room.
        self.start_maximized = False
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None and screen.width() > 0:
                width = min(1600, int(screen.width() * 0.95))
                self.resize(width, min(1000, int(screen.height() * 0.92)))
                self.start_maximized = screen.width() <= 1600
            else:
                self.resize(1400, 880)
        state = self.settings.state("window/state")
        if state is not None:
            self.restoreState(state)
        for register in self.registers:
            register.restore_layout(self.settings)

    def save_layout(self) -> None:
        self.settings.set_state("window/geometry", QByteArray(self.saveGeometry()))
        self.settings.set_state("window/state", QByteArray(self.saveState()))
        for register in self.registers:
            register.save_layout(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if workers.any_running():
            # Only the quiet backup made at opening can run now (other jobs block the window).
            workers.wait_all()
        self.save_layout()
        self.company.close()
        event.accept()
