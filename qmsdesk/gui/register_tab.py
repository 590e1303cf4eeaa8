"""The shape every register tab shares: its actions, toolbar, table, writes, history and layout.

A register tab (documents, actions, ...) subclasses :class:`RegisterTab` and declares, as class
attributes, what the main window asks of it (see :class:`Register`)::

    class ActionsTab(RegisterTab):
        tab_title = "Actions"                 # the tab's title
        menu_title = "Action re&gister"       # its own menu in the menu bar
        report_key = "actions"                # File > Print Report (a key of registry.REPORTS)
        report_file_name = "Actions register"
        export_key = "actions"                # File > Export (a key of registry.EXPORTS)
        export_file_name = "Actions register"
        layout_key = "actions"                # settings keys "actions/header", "actions/splitter"
        toolbar_title = "Action tools"

        ACTIONS = (
            ActionSpec("new_action", "&New action…", "new_action_", "Ctrl+Shift+N",
                       lambda: icons.standard(SP.SP_FileIcon), "Add an action", button="New"),
            ...
            ActionSpec("history_action", "&History…", "show_history", "Ctrl+H", ...,
                       writes=False),
        )
        EDIT_ACTIONS = ("new_action", "edit_action", "delete_action")   # the Edit menu
        MENU_ACTIONS = ("verify_action", None, "history_action")       # its menu; None: a line
        TOOLBAR = ("new_action", "edit_action", None, "history_action") # None: a separator

What the base gives, from those declarations:

- **Actions** (:meth:`RegisterTab.build_actions`, called by ``__init__``): one QAction per
  :class:`ActionSpec`, stored as the tab's attribute ``spec.name``, its slot the tab's method
  named ``spec.slot``, with its shortcut, icon, status tip, and a tool tip saying the shortcut.
  :meth:`edit_actions` / :meth:`menu_actions` return the declared lists.
- **Toolbar** (:meth:`make_toolbar`): the ``TOOLBAR`` actions with their short ``button`` texts.
- **Table** (:meth:`make_table`): a QTableView on the tab's model set up as every register's
  is: whole rows selected one at a time, no editing in place, fixed row height, movable columns,
  sorting by the first column, double click running the edit action.
- **Writes** (:meth:`write`, :meth:`after_write`): ``ok, result = self.write(title, work)`` runs
  ``work(session)`` in one write transaction of the open file and shows the core's refusal
  (a QmsError) under `title`; ``self.after_write(select_id)`` then reads the register again
  (:meth:`reload`, selecting `select_id`) and emits `changed` (the window updates its counts).
- **History** (:meth:`show_history`): the change history of the selected record in the history
  dialog; the subclass says which record by :meth:`history_subject`.
- **Layout** (:meth:`save_layout` / :meth:`restore_layout`): the table's header and the splitter
  (``self.splitter``, if the tab has one) under ``layout_key``; :meth:`header_restored` follows a
  restored header (to sort the model as the header says).
- **Read-only** (:meth:`set_database`, :meth:`enable`): ``self.db`` and ``self.read_only`` are set
  by :meth:`set_database`, which then calls :meth:`database_changed` (the subclass reads its
  data there). ``self.enable(action, condition)`` enables an action when `condition` holds and,
  for a writing action (``ActionSpec.writes``, the default), only while the file is open for
  changes: the subclass's :meth:`update_actions` is a list of such calls.
- **Files** (``self.file_jobs``): a :class:`qmsdesk.gui.file_jobs.FileJobs` for save/open paths,
  worker jobs, status messages and errors; handed in by the window, else made on the tab.

The subclass keeps what is its own: its filters, its details pane, its dialogs, and the
Register methods the base cannot know (:meth:`reload`, :meth:`status_text`,
:meth:`focus_search`, :meth:`clear_filters`, and :meth:`report_params` when its report is about
one record).

:class:`Register` is what the main window needs of a tab (a RegisterTab is one; a tab not on the
base yet may be one by having the same attributes and methods). :class:`TableKeys` is an event
filter a tab may put on its table: Enter edits the current record.

Building a tab::

    tab = ActionsTab(settings, file_jobs=window.file_jobs)   # file_jobs: optional (see above)
    tab.set_database(db, read_only=False)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QToolBar,
    QWidget,
)

from qmsdesk.core.errors import QmsError
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QDialog

    from qmsdesk.core.db import Database

T = TypeVar("T")

#: A shortcut as QAction takes it: a key sequence, a standard key, or its text ("Ctrl+H").
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    """One action of a register, declared on its class (see the module's docstring)."""

    name: str  # the tab's attribute holding the QAction ("new_action")
    text: str  # the menu text ("&New action…")
    slot: str  # the name of the tab's method it runs ("new_action_")
    shortcut: Shortcut = None
    icon: Callable[[], QIcon] | None = None  # made when the tab is (icons need the application)
    tip: str = ""  # the status tip; the tool tip adds the shortcut
    button: str = ""  # the toolbar button's short text ("" keeps the menu text)
    writes: bool = True  # changes the file: disabled while it is open read-only (see enable())


def accepted(dialog: QDialog) -> bool:
    """Run a dialog; True when the user confirmed it. The dialog is deleted later either way."""
    from PySide6.QtWidgets import QDialog

    result = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return result


class TableKeys(QObject):
    """An event filter for a register's table: Enter runs `on_enter` (edit the current record:
    the view has no such binding of its own); a resize runs `on_resize` (an empty-table message
    follows the size of the table)."""

    def __init__(self, on_enter: Callable[[], None], on_resize: Callable[[], None]) -> None:
        super().__init__()
        self._on_enter = on_enter
        self._on_resize = on_resize

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._on_resize()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        # Imported here: the key event's type costs the first paint some time to set up.
        from PySide6.QtGui import QKeyEvent

        if (
            isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        ):
            self._on_enter()
            return True
        return False


class Register(Protocol):
    """What a register tab gives the main window."""

    @property
    def tab_title(self) -> str: ...
    @property
    def menu_title(self) -> str: ...
    @property
    def report_key(self) -> str | None: ...
    @property
    def report_file_name(self) -> str: ...
    @property
    def export_key(self) -> str | None: ...
    @property
    def export_file_name(self) -> str: ...
    @property
    def changed(self) -> Any: ...  # Signal(): the database was written to
    @property
    def counts_changed(self) -> Any: ...  # Signal(): the status bar text changed

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None: ...
    def reload(self, select_id: int | None = None) -> None: ...
    def edit_actions(self) -> list[QAction]: ...
    def menu_actions(self) -> list[QAction | None]: ...
    def focus_search(self) -> None: ...
    def clear_filters(self) -> None: ...
    def status_text(self) -> str: ...
    def save_layout(self, settings: Settings) -> None: ...
    def restore_layout(self, settings: Settings) -> None: ...


class RegisterTab(QWidget):
    """The base of a register tab (see the module's docstring for what a subclass declares)."""

    tab_title: ClassVar[str] = ""
    menu_title: ClassVar[str] = ""
    report_key: ClassVar[str | None] = None
    export_key: ClassVar[str | None] = None
    #: The word its records go by in search everywhere and the due list (qmsdesk.core.finder,
    #: qmsdesk.core.due); empty: the export key.
    find_register: ClassVar[str] = ""
    export_file_name: ClassVar[str] = ""
    #: The settings' prefix of the tab's saved layout ("documents": "documents/header", ...).
    layout_key: ClassVar[str] = ""
    toolbar_title: ClassVar[str] = ""

    @property
    def report_file_name(self) -> str:
        """The report's suggested file name: a class attribute when fixed, a property when it
        names the selected record (an audit's checklist, a review's minutes)."""
        return ""

    ACTIONS: ClassVar[tuple[ActionSpec, ...]] = ()
    EDIT_ACTIONS: ClassVar[tuple[str, ...]] = ()
    MENU_ACTIONS: ClassVar[tuple[str | None, ...]] = ()
    TOOLBAR: ClassVar[tuple[str | None, ...]] = ()

    #: The register's table, made by make_table (which the subclass calls in its __init__), and
    #: the splitter beside it, if any (the subclass sets it): their layout is kept.
    table: QTableView
    splitter: QSplitter | None = None

    changed = Signal()  # the database was written to
    counts_changed = Signal()  # the status bar text changed

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.file_jobs = file_jobs or FileJobs(self, self.settings)
        self.db: Database | None = None
        self.read_only = False
        self._actions: dict[str, QAction] = {}
        self._writing: set[int] = set()  # id() of the writing actions
        self.build_actions()

    # --- actions ---------------------------------------------------------------------------------

    def build_actions(self) -> None:
        """Make the declared ACTIONS, each stored as the tab's attribute of its name."""
        for spec in self.ACTIONS:
            action = QAction(spec.text, self)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.icon is not None:
                action.setIcon(spec.icon())
            if spec.tip:
                action.setStatusTip(spec.tip)
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{spec.tip} ({keys})" if keys else spec.tip)
            slot: Callable[[], object] = getattr(self, spec.slot)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            setattr(self, spec.name, action)
            self._actions[spec.name] = action
            if spec.writes:
                self._writing.add(id(action))

    def action(self, name: str) -> QAction:
        """The declared action `name`."""
        return self._actions[name]

    def edit_actions(self) -> list[QAction]:
        """For the Edit menu."""
        return [self._actions[name] for name in self.EDIT_ACTIONS]

    def menu_actions(self) -> list[QAction | None]:
        """For this register's own menu (None: a separator)."""
        return [None if name is None else self._actions[name] for name in self.MENU_ACTIONS]

    def make_toolbar(self) -> QToolBar:
        """The TOOLBAR actions (None: a separator), with their short button texts."""
        bar = QToolBar(self.toolbar_title)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize() * 0.75)
        buttons = {spec.name: spec.button for spec in self.ACTIONS}
        for name in self.TOOLBAR:
            if name is None:
                bar.addSeparator()
                continue
            action = self._actions[name]
            if buttons[name]:
                # Short texts on the buttons; the menus keep the full ones.
                action.setIconText(buttons[name])
            bar.addAction(action)
        return bar

    @property
    def writable(self) -> bool:
        """A file is open, for changes."""
        return self.db is not None and not self.read_only

    def enable(self, action: QAction, condition: bool = True) -> None:
        """Enable `action` when `condition` holds; a writing action only while writable."""
        writes = id(action) in self._writing
        action.setEnabled(condition and (self.writable or not writes))

    def update_actions(self) -> None:
        """Enable the actions for the file and the selection (the subclass's; see enable())."""

    # --- the table -------------------------------------------------------------------------------

    def make_table(
        self,
        model: QAbstractItemModel,
        *,
        object_name: str,
        accessible_name: str,
        on_activate: Callable[[], object] | None = None,
    ) -> QTableView:
        """The register's table on `model`, set up as every register's is; a double click runs
        `on_activate` (the edit action). Kept as ``self.table``."""
        table = QTableView()
        table.setObjectName(object_name)
        table.setModel(model)
        table.setAccessibleName(accessible_name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        vertical = table.verticalHeader()
        vertical.setVisible(False)
        # Every row the same height, computed once: no row is measured, however many there are.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if on_activate is not None:
            table.doubleClicked.connect(lambda _index: on_activate())
        self.table = table
        return table

    def sort_by_first_column(self) -> None:
        """Sort the table by its first column, ascending (once its column widths are set)."""
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    # --- the database ----------------------------------------------------------------------------

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None:
        """Show `db` (None: no file), read-only when `read_only`."""
        self.db = db
        self.read_only = read_only
        self.database_changed()

    def database_changed(self) -> None:
        """Read the new file's data (the subclass's; `self.db` and `self.read_only` are set)."""
        self.update_actions()

    def reload(self, select_id: int | None = None) -> None:
        """Read the register again after a change, selecting `select_id` (else keeping the
        selection). The subclass's."""

    def status_text(self) -> str:
        """The register's counts for the window's status bar (the subclass's)."""
        return ""

    def report_params(self) -> dict[str, str] | None:
        """What File > Print Report passes to the report (a register whose report is about one
        record names it: {"review": "MR-2026-01"}); None: no report now (the user was told)."""
        return {}

    def focus_search(self) -> None:
        """Edit > Find: put the cursor in the search box (the subclass's)."""

    def clear_filters(self) -> None:
        """Edit > Show All: clear the search and the filters (the subclass's)."""

    # --- changes ---------------------------------------------------------------------------------

    @property
    def user(self) -> str:
        """Who makes the changes, for the change history."""
        return self.settings.user_name

    def write(self, title: str, work: Callable[[Session], T]) -> tuple[bool, T | None]:
        """Run `work` in one write transaction; show the core's refusal (titled `title`) if there
        is one. (True, its result) when it was written."""
        if self.db is None:
            return False, None
        try:
            with self.db.write() as session:
                result = work(session)
        except QmsError as exc:
            self.file_jobs.report_error(title, exc)
            return False, None
        return True, result

    def after_write(self, select_id: int | None = None) -> None:
        """After a write: read the register again (selecting `select_id`), say it changed."""
        self.reload(select_id)
        self.changed.emit()

    # --- history ---------------------------------------------------------------------------------

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        """The selected record's history: (its name, ``read(session)`` giving its changes);
        None when there is nothing to show (the subclass's)."""
        return None

    def show_history(self) -> None:
        """Every change recorded for the selected record, in the history dialog."""
        subject = self.history_subject()
        if subject is None or self.db is None:
            return
        from qmsdesk.gui import dialogs

        name, read = subject
        with self.db.read() as session:
            rows = list(read(session))
        dialog = dialogs.HistoryDialog(self, title=name, rows=rows)
        dialog.exec()
        dialog.deleteLater()

    # --- layout ----------------------------------------------------------------------------------

    def save_layout(self, settings: Settings) -> None:
        """Keep the table's columns and the splitter's sizes in `settings`."""
        settings.set_state(f"{self.layout_key}/header", self.table.horizontalHeader().saveState())
        if self.splitter is not None:
            settings.set_state(f"{self.layout_key}/splitter", self.splitter.saveState())

    def restore_layout(self, settings: Settings) -> None:
        """Put back the columns and splitter sizes kept by :meth:`save_layout`."""
        header = settings.state(f"{self.layout_key}/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            self.header_restored()
        splitter = settings.state(f"{self.layout_key}/splitter")
        if splitter is not None and self.splitter is not None:
            self.splitter.restoreState(splitter)

    def header_restored(self) -> None:
        """After the header's saved state is back (the subclass may sort its model by it)."""
