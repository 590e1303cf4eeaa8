"""The document register tab: search and filters, the table, and the selected document's details.

Every change goes through the core's services in one write transaction, with the user's name for the
change history; the core's refusals (ValidationError, QmsError) are shown as they are worded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.dates import today
from qmsdesk.core.errors import QmsError

# Only light modules before the window is first shown: the services (qmsdesk.core.documents,
# SQLAlchemy) are imported where they are used, once the database is open.
from qmsdesk.core.vocab import (
    DocStatus,
    DocumentQuery,
    DocumentRow,
    RegisterCounts,
    RevisionRow,
    RevisionStatus,
)
from qmsdesk.gui import document_commands, icons, workers
from qmsdesk.gui.document_details import DocumentDetails, last_change_text
from qmsdesk.gui.document_details import (  # the tests and others import it from here
    suggest_next_label as suggest_next_label,
)
from qmsdesk.gui.document_filters import DocumentFilters
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.key_columns import KeyColumns
from qmsdesk.gui.models.document_table_model import (
    COLUMN_KEYS,
    COLUMNS,
    NEXT_REVIEW_COLUMN,
    DateText,
    DocumentTableModel,
)
from qmsdesk.gui.register_tab import ActionSpec, RegisterTab, TableKeys
from qmsdesk.gui.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.quickstart import FirstScreen


READ_AHEAD_DELAY_MS = 300


_SP = QStyle.StandardPixmap


class DocumentsTab(RegisterTab):
    """The document register (ISO 9001:2015 clause 7.5)."""

    tab_title = "Documents"
    menu_title = "&Document"
    report_key = "documents"
    report_file_name = "Master list of documents"
    export_key = "documents"
    export_file_name = "Document register"
    layout_key = "documents"
    toolbar_title = "Document actions"

    ACTIONS = (
        ActionSpec(
            "new_action", "&New document…", "new_document", "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon), "Add a document to the register",
            button="New",
        ),
        ActionSpec(
            "edit_action", "&Edit document…", "edit_document", "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected document's details", button="Edit",
        ),
        ActionSpec(
            "delete_action", "&Delete document…", "delete_document",
            QKeySequence.StandardKey.Delete, lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete a document that never took effect", button="Delete",
        ),
        ActionSpec(
            "revise_action", "New &revision…", "new_revision", "Ctrl+R",
            lambda: icons.letter_icon("R", "#1565c0"),
            "Start a new draft revision of the selected document", button="New revision",
        ),
        ActionSpec(
            "approve_action", "&Approve revision…", "approve_revision", "Ctrl+Shift+A",
            lambda: icons.standard(_SP.SP_DialogApplyButton),
            "Approve the draft revision: it becomes the revision in force", button="Approve",
        ),
        ActionSpec(
            "reviewed_action", "Mark re&viewed…", "mark_reviewed", "Ctrl+Shift+V",
            lambda: icons.letter_icon("✓", "#2e7d32"),
            "Record that the document was reviewed today and is still fit for use",
            button="Mark reviewed",
        ),
        ActionSpec(
            "obsolete_action", "Make &obsolete…", "make_obsolete", None,
            lambda: icons.standard(_SP.SP_DialogCancelButton),
            "Withdraw the document from use, saying why", button="Make obsolete",
        ),
        ActionSpec(
            "history_action", "&History…", "show_history", "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected document", button="History", writes=False,
        ),
    )  # fmt: skip
    EDIT_ACTIONS = ("new_action", "edit_action", "delete_action")
    MENU_ACTIONS = (
        "revise_action", "approve_action", None, "reviewed_action", "obsolete_action", None,
        "history_action",
    )  # fmt: skip
    TOOLBAR = (
        "new_action", "edit_action", "delete_action", None, "revise_action", "approve_action",
        "reviewed_action", "obsolete_action", None, "history_action",
    )  # fmt: skip

    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    revise_action: QAction
    approve_action: QAction
    reviewed_action: QAction
    obsolete_action: QAction
    history_action: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.counts = RegisterCounts(0, 0, 0)
        #: What the tab shows before the file is open (see show_first_screen).
        self._first_screen: FirstScreen | None = None
        self._selected: DocumentRow | None = None
        self._revisions: list[RevisionRow] = []
        self.model = DocumentTableModel(None, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        self.filters = DocumentFilters()
        layout.addWidget(self.filters)
        # The filter bar's widgets, as the tab's own (for the tab order, and tests).
        self.search = self.filters.search
        self.status_combo = self.filters.status_combo
        self.type_combo = self.filters.type_combo
        self.owner_combo = self.filters.owner_combo
        self.overdue_chip = self.filters.overdue_chip
        self.due_chip = self.filters.due_chip
        self.shown_label = self.filters.shown_label
        self.search.textChanged.connect(self.model.set_search_text)
        self.search.textChanged.connect(lambda _t: self._update_shown())
        self.search.returnPressed.connect(self._search_enter)
        self.filters.changed.connect(self.apply_filters)

        self.make_table(
            self.model,
            object_name="documentTable",
            accessible_name="Document register",
            on_activate=self.edit_document,
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self._default_widths()
        self.sort_by_first_column()
        self._keys = TableKeys(self.edit_document, self._fit_empty_label)
        self.table.installEventFilter(self._keys)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)
        self._empty_label: QLabel | None = None  # see empty_label

        self.details = DocumentDetails()
        self.details.open_attachment.connect(self.open_attachment)
        self.details.show_history.connect(self.show_history)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("documentsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 440])  # room for every column of the revisions table
        self.splitter = splitter
        layout.addWidget(splitter, 1)

        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self._update_shown)
        self.model.layoutChanged.connect(self._scroll_to_current)
        self._pending_id: int | None = None
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(0)
        self._details_timer.timeout.connect(self._show_details)

        self.setTabOrder(self.search, self.status_combo)
        self.setTabOrder(self.status_combo, self.type_combo)
        self.setTabOrder(self.type_combo, self.owner_combo)
        self.setTabOrder(self.owner_combo, self.overdue_chip)
        self.setTabOrder(self.overdue_chip, self.due_chip)
        self.setTabOrder(self.due_chip, self.table)
        self.setTabOrder(self.table, self.details)
        self.update_actions()

    # --- building ------------------------------------------------------------------------------

    def _default_widths(self) -> None:
        """Code, title, status and next review first and in view; the title takes what is left."""
        icon = self.table.iconSize().width() if self.table.iconSize().width() > 0 else 16
        keys = [COLUMN_KEYS.index(k) for k in ("code", "title", "status", "next_review")]
        self.key_columns = KeyColumns(
            self.table,
            keys,
            COLUMN_KEYS.index("title"),
            samples={n: spec.sample for n, spec in enumerate(COLUMNS) if spec.key != "title"},
            extra={NEXT_REVIEW_COLUMN: icon + 6, COLUMN_KEYS.index("code"): icon + 6},
        )

    # --- database ------------------------------------------------------------------------------

    def show_first_screen(self, screen: FirstScreen) -> bool:
        """Before the file is open: show its first screen as the open file will show it (the first
        document selected), with every change disabled. False when the tab cannot (a file is open
        already, or the view is not the screen's)."""
        if self.db is not None or not self.model.show_first_screen(screen):
            return False
        self._first_screen = screen
        self._load_owners(screen.owners)
        self._load_counts(screen.counts)
        if screen.rows:
            self.select_document(screen.rows[0].id)
            self._show_details()  # now: the window is about to be painted for the first time
        else:
            self._current_changed(QModelIndex(), QModelIndex())
        self._update_shown()
        return True

    def database_changed(self) -> None:
        # From the first screen to the file read for the first time: the same rows in the same
        # places, so the selection (the first document, or the one clicked since) stays.
        from_first_screen = self._first_screen is not None and self.model.showing_first_screen
        self._first_screen = None
        db = self.db
        self._selected = None
        self._pending_id = None
        self.model.set_database(db)
        self._load_owners()
        self._load_counts()
        self._read_search_texts_ahead()
        if from_first_screen and db is not None and self.current_id() is not None:
            self._current_changed(QModelIndex(), QModelIndex())
        elif self.model.rowCount():
            self.select_document(self.model.document_id(0))
        else:
            self._current_changed(QModelIndex(), QModelIndex())
        self._update_shown()
        self.update_actions()  # New works as soon as the file is open

    def reload(self, select_id: int | None = None) -> None:
        """Read the register again after a change, keeping (or moving) the selection."""
        wanted = select_id if select_id is not None else self.current_id()
        self._load_owners()
        self._load_counts()
        self._pending_id = wanted
        self.model.refresh()
        self._show_details()
        self._update_shown()
        self._read_search_texts_ahead()

    def _read_search_texts_ahead(self) -> None:
        """Soon, read the search texts on a worker thread, so that the first letter typed is quick.

        Not at once: the thread would slow the window's start (it shares the interpreter)."""
        generation = self.model.generation
        QTimer.singleShot(READ_AHEAD_DELAY_MS, self, lambda: self._start_read_ahead(generation))

    def _start_read_ahead(self, generation: int) -> None:
        db = self.db
        if db is None or self.model.has_search_texts or generation != self.model.generation:
            return

        def read(_progress: object) -> dict[int, str]:
            from qmsdesk.core import documents

            with db.read() as session:
                return documents.search_texts(session)

        def done(texts: dict[int, str]) -> None:
            if shiboken6.isValid(self.model):
                self.model.provide_search_texts(texts, generation)

        # A failure costs nothing: the texts are then read on the first search.
        workers.run_job(
            None, read, label="", show_progress=False, on_done=done, on_error=lambda *_: None
        )

    def _load_owners(self, owners: list[str] | None = None) -> None:
        """The owner filter's list: `owners`, or those of the open file."""
        if owners is None:
            owners = []
            if self.db is not None:
                from qmsdesk.core import documents

                with self.db.read() as session:
                    owners = documents.owners(session)
        if self.filters.set_owners(owners):
            self.apply_filters()

    def _load_counts(self, counts: RegisterCounts | None = None) -> None:
        """The register's counts: `counts`, or those of the open file."""
        if counts is not None:
            self.counts = counts
        elif self.db is None:
            self.counts = RegisterCounts(0, 0, 0)
        else:
            from qmsdesk.core import documents

            with self.db.read() as session:
                self.counts = documents.counts(session)
        self.filters.set_counts(self.counts)
        self.counts_changed.emit()

    def status_text(self) -> str:
        c = self.counts
        noun = "document" if c.total == 1 else "documents"
        return (
            f"{c.total} {noun} · {c.overdue} overdue for review · "
            f"{c.due_soon} more due within 30 days"
        )

    # --- filters -------------------------------------------------------------------------------

    def current_query(self) -> DocumentQuery:
        return self.filters.query()

    def apply_filters(self) -> None:
        self.model.set_filters(self.current_query())
        self._update_shown()

    def clear_filters(self) -> None:
        self.filters.clear()
        self.apply_filters()

    @property
    def empty_label(self) -> QLabel:
        """Said in the empty table, so that an empty list never looks like lost data.

        Made when first needed: the first time Python reaches the table's viewport, PySide looks
        its type up among every widget class, which costs the window's first paint 15-30 ms."""
        if self._empty_label is None:
            viewport = self.table.viewport()
            label = QLabel(viewport)
            label.setObjectName("emptyLabel")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
            label.hide()
            viewport.installEventFilter(self._keys)
            self._empty_label = label
        return self._empty_label

    def _fit_empty_label(self) -> None:
        if self._empty_label is not None:
            self._empty_label.setGeometry(self.table.viewport().rect())

    def _update_empty_text(self, shown: int, total: int) -> None:
        if (self.db is None and not self.model.showing_first_screen) or shown:
            if self._empty_label is not None:
                self._empty_label.hide()
            return
        if total == 0:
            text = (
                "The register is empty.\n\nAdd a document with New (Ctrl+Shift+N), or fill in a "
                "blank template and bring it in with File > Import from Excel."
            )
        else:
            search = self.search.text().strip()
            what = f"“{search}”" if search else "the filters chosen"
            text = (
                f"No document matches {what}.\n\nEdit > Show All (Ctrl+Shift+L) clears the "
                "search and the filters."
            )
        self.empty_label.setText(text)
        self.empty_label.setGeometry(self.table.viewport().rect())
        self.empty_label.show()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_enter(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.current_id() is None:
                self.select_document(self.model.document_id(0))

    def _update_shown(self) -> None:
        shown = self.model.rowCount()
        total = self.counts.total
        self._update_empty_text(shown, total)
        if self.db is None and not self.model.showing_first_screen:
            self.shown_label.setText("")
        elif shown == total:
            self.shown_label.setText(f"{total} shown")
        else:
            self.shown_label.setText(f"{shown} of {total} shown")

    # --- selection -----------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.document_id(index.row())

    def select_document(self, doc_id: int) -> bool:
        row = self.model.row_for_id(doc_id)
        if row is None:
            return False
        column = max(self.table.currentIndex().column(), 0)
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_document(self) -> DocumentRow | None:
        """The current document (its details are read now if they were still to come)."""
        if self._details_timer.isActive():
            self._details_timer.stop()
            self._show_details()
        return self._selected

    def _remember_selection(self) -> None:
        if self._pending_id is None:
            self._pending_id = self.current_id()

    def _restore_selection(self) -> None:
        wanted, self._pending_id = self._pending_id, None
        if wanted is not None and self.select_document(wanted):
            return
        # The selected document is filtered out: the first one shown takes its place.
        if self.model.rowCount():
            self.select_document(self.model.document_id(0))
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _scroll_to_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Read the details once the event loop is free: moving through the list or typing in the
        # search box stays quick, and several changes in a row cost one read.
        self._details_timer.start()

    def _show_details(self) -> None:
        self._details_timer.stop()
        doc_id = self.current_id()
        doc = None
        revisions: list[RevisionRow] = []
        history_count, last = 0, None
        first = self._first_screen
        if first is not None and self.model.showing_first_screen and doc_id is not None:
            # Before the file is open: the first screen has the first document's revisions and
            # history; another document's come once the file is open.
            doc = self.model.document(self.table.currentIndex().row())
            pending = not first.rows or doc_id != first.rows[0].id
            if not pending:
                revisions, history_count = first.revisions, first.history_count
                last = last_change_text(first.last_change)
            self._selected = doc
            self._revisions = revisions
            self.details.show_document(
                doc, revisions, history_count, last, first.on, DateText(), pending=pending
            )
            self.update_actions()
            return
        if doc_id is not None and self.db is not None:
            from qmsdesk.core import documents

            with self.db.read() as session:
                try:
                    doc = documents.get_row(session, doc_id)
                except QmsError:
                    doc = None
                if doc is not None:
                    revisions = documents.revisions_of(session, doc_id)
                    changes = documents.history_of(session, doc_id)
                    history_count = len(changes)
                    if changes:
                        last = last_change_text(changes[0])
        self._selected = doc
        self._revisions = revisions
        self.details.show_document(doc, revisions, history_count, last, today(), DateText())
        self.update_actions()

    @property
    def revisions(self) -> list[RevisionRow]:
        """The selected document's revisions, newest first."""
        return self._revisions

    def as_widget(self) -> QWidget:
        """The tab as a widget (the parent of the document commands' dialogs)."""
        return self

    def draft(self) -> RevisionRow | None:
        """The selected document's draft revision, if it has one."""
        return next((r for r in self._revisions if r.status == RevisionStatus.DRAFT), None)

    def update_actions(self) -> None:
        doc = self.selected_document()
        live = doc is not None and doc.status != DocStatus.OBSOLETE
        self.enable(self.new_action)
        self.enable(self.edit_action, doc is not None)
        self.enable(self.delete_action, doc is not None)
        draft = self.draft()
        if doc is None:
            why = "Select a document first."
        elif not live:
            why = f"{doc.code} is obsolete."
        else:
            why = ""
        self.enable(
            self.revise_action,
            live and draft is None,
            why or f"{doc.code if doc else ''} has a draft revision already: approve it first.",
        )
        self.enable(
            self.approve_action,
            live and draft is not None,
            why or f"{doc.code if doc else ''} has no draft revision to approve: Revise first.",
        )
        self.enable(self.reviewed_action, live)
        self.enable(self.obsolete_action, live)
        self.enable(self.history_action, doc is not None and self.db is not None)

    # --- commands (see qmsdesk.gui.document_commands) ------------------------------------------

    def new_document(self) -> None:
        document_commands.new_document(self)

    def edit_document(self) -> None:
        document_commands.edit_document(self)

    def delete_document(self) -> None:
        document_commands.delete_document(self)

    def new_revision(self) -> None:
        document_commands.new_revision(self)

    def approve_revision(self) -> None:
        document_commands.approve_revision(self)

    def mark_reviewed(self) -> None:
        document_commands.mark_reviewed(self)

    def make_obsolete(self) -> None:
        document_commands.make_obsolete(self)

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        doc = self.selected_document()
        if doc is None:
            return None

        def read(session: Session) -> Sequence[Any]:
            from qmsdesk.core import documents

            return documents.history_of(session, doc.id)

        return doc.code, read

    def open_attachment(self, rev: RevisionRow) -> None:
        document_commands.open_attachment(self, rev)

    # --- layout --------------------------------------------------------------------------------

    def header_restored(self) -> None:
        # The saved sort order is applied by the header; make the model follow it.
        h = self.table.horizontalHeader()
        self.model.sort(h.sortIndicatorSection(), h.sortIndicatorOrder())

    def show_record(self, record_id: int, kind: str = "") -> bool:
        """Select document `record_id` (the filters cleared when they hide it)."""
        if self.select_document(record_id):
            return True
        self.clear_filters()
        return self.select_document(record_id)
