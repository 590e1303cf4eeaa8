"""The actions register tab (ISO 9001:2015 clause 10.2): every corrective and other action, from
audits, management reviews, complaints and process nonconformities.

Overdue actions stand out by a tinted row, a red marker and the word OVERDUE. An action is closed
only through Verify effectiveness, which records who checked, when, and whether it worked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStyle,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import actions
from qmsdesk.core.actions import ActionFields, ActionQuery, ActionRow, DueState, RegisterCounts
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_audits import ActionKind, ActionSource, ActionStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.key_columns import KeyColumns
from qmsdesk.gui.models.action_table_model import (
    COLUMN_KEYS,
    COLUMNS,
    DUE_COLUMN,
    REFERENCE_COLUMN,
    ActionTableModel,
)
from qmsdesk.gui.models.document_table_model import DateText
from qmsdesk.gui.register_tab import ActionSpec, RegisterTab, accepted
from qmsdesk.gui.settings import Settings

STATUS_ALL = "all"
STATUS_OPEN = "open_only"
SEARCH_DELAY_MS = 150


def action_html(r: ActionRow, on: dt.date) -> str:
    """The whole record of an action, for the details pane."""
    date = DateText()
    state = r.due_state(on)
    status = actions.STATUS_LABELS[r.status]
    marker = ""
    if state == DueState.OVERDUE:
        marker = ' <span style="color:#c62828; font-weight:bold">⚠ OVERDUE</span>'
    elif state == DueState.DUE_SOON:
        marker = ' <span style="color:#b26a00; font-weight:bold">due soon</span>'
    due = r.next_date()
    due_line = ""
    if due is not None:
        what = "Check effectiveness by" if r.status == ActionStatus.AWAITING_VERIFICATION else "Due"
        due_line = f"<br><b>{what}:</b> {date(due)}{marker}"

    def section(title: str, text: str) -> str:
        if not text:
            return ""
        body = escape(text).replace("\n", "<br>")
        return f"<h4 style='margin-bottom:2px'>{title}</h4><p style='margin-top:0'>{body}</p>"

    whys = ""
    if r.whys:
        items = "".join(f"<li>{escape(w)}</li>" for w in r.whys)
        whys = f"<h4 style='margin-bottom:2px'>5 whys</h4><ol style='margin-top:0'>{items}</ol>"
    if r.verified_on is not None:
        verdict = "effective" if r.effective else "not effective"
        verification = (
            f"Checked on {date(r.verified_on)} by {r.verified_by_name}: {verdict}. "
            f"{r.verification_note}"
        )
    else:
        verification = "Not verified yet."
    source = actions.SOURCE_LABELS[r.source_kind] + (f": {r.source_ref}" if r.source_ref else "")
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.reference)}</h3>"
        f"<p style='margin-top:0'><b>{escape(r.title)}</b><br>"
        f"{escape(actions.KIND_LABELS[r.kind])} · {escape(source)}<br>"
        f"<b>Status:</b> {status}{due_line}<br>"
        f"<b>Owner:</b> {escape(r.owner_name or '(no owner yet)')}<br>"
        f"<b>Raised:</b> {date(r.raised_on)}"
        + (f"<br><b>Process:</b> {escape(r.process)}" if r.process else "")
        + "</p>"
        + section("Problem", r.problem)
        + section(
            "Correction",
            r.correction + (f" (on {date(r.correction_on)})" if r.correction_on else ""),
        )
        + whys
        + section("Root cause", r.root_cause)
        + section(
            "Action",
            r.corrective_action
            + (f" (carried out {date(r.completed_on)})" if r.completed_on else ""),
        )
        + section("Verification of effectiveness", verification)
        + section("Note", r.note)
    )


_SP = QStyle.StandardPixmap


class ActionsTab(RegisterTab):
    """The shared actions register."""

    tab_title = "Actions"
    menu_title = "Action re&gister"
    report_key = "actions"
    report_file_name = "Actions register"
    export_key = "actions"
    export_file_name = "Actions register"
    layout_key = "actions"
    toolbar_title = "Action tools"

    ACTIONS = (
        ActionSpec(
            "new_action", "&New action…", "new_action_", "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon), "Add an action to the register",
            button="New",
        ),
        ActionSpec(
            "edit_action", "&Edit action…", "edit_action_", "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected action: owner, dates, the 5 whys, what was done",
            button="Edit",
        ),
        ActionSpec(
            "delete_action", "&Delete action…", "delete_action_",
            QKeySequence.StandardKey.Delete, lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete an action raised by mistake (only while nothing is recorded on it)",
            button="Delete",
        ),
        ActionSpec(
            "verify_action", "&Verify effectiveness…", "verify", "Ctrl+Shift+V",
            lambda: icons.letter_icon("✓", "#2e7d32"),
            "Record the check that the action worked: an effective action is closed",
            button="Verify effectiveness",
        ),
        ActionSpec(
            "history_action", "&History…", "show_history", "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected action", button="History", writes=False,
        ),
    )  # fmt: skip
    EDIT_ACTIONS = ("new_action", "edit_action", "delete_action")
    MENU_ACTIONS = ("verify_action", None, "history_action")
    TOOLBAR = (
        "new_action", "edit_action", "delete_action", None, "verify_action", None,
        "history_action",
    )  # fmt: skip

    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    verify_action: QAction
    history_action: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.counts = RegisterCounts(0, 0, 0, 0)
        self.model = ActionTableModel(None, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        layout.addLayout(self._make_filters())

        self.make_table(
            self.model,
            object_name="actionTable",
            accessible_name="Actions register",
            on_activate=self.edit_action_,
        )
        # Reference, title, status and due first and in view; the title takes what is left.
        marked = {REFERENCE_COLUMN: 22, DUE_COLUMN: 22}  # room for the overdue marker
        self.key_columns = KeyColumns(
            self.table,
            [COLUMN_KEYS.index(k) for k in ("reference", "title", "status", "due_date")],
            COLUMN_KEYS.index("title"),
            samples={n: c.sample for n, c in enumerate(COLUMNS) if c.key != "title"},
            extra=marked,
        )
        self.sort_by_first_column()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.details = QTextBrowser()
        # Break lines at spaces only: never inside a reference or a word ('programmin g').
        self.details.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.details.setObjectName("actionDetails")
        self.details.setAccessibleName("Action details")
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("actionsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 360])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._row: ActionRow | None = None
        self.update_actions()

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName("actionSearch")
        self.search.setPlaceholderText("Search reference, title, source, problem, owner")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search actions")
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        label = QLabel("Search:")
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 3)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status filter")
        self.status_combo.addItem("Not closed", STATUS_OPEN)
        self.status_combo.addItem("All statuses", STATUS_ALL)
        for status, text in actions.STATUS_LABELS.items():
            self.status_combo.addItem(text, status.value)
        self.source_combo = QComboBox()
        self.source_combo.setAccessibleName("Source filter")
        self.source_combo.addItem("All sources", "")
        for source, text in actions.SOURCE_LABELS.items():
            self.source_combo.addItem(text, source.value)
        for text, combo in (("Status:", self.status_combo), ("Source:", self.source_combo)):
            lab = QLabel(text)
            lab.setBuddy(combo)
            row.addSpacing(4)
            row.addWidget(lab)
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue_chip = QToolButton()
        self.overdue_chip.setObjectName("overdueChip")
        self.overdue_chip.setCheckable(True)
        self.overdue_chip.setIcon(icons.overdue_icon())
        self.overdue_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.overdue_chip.setToolTip(
            "Only the actions past their due date (or past the date their effectiveness was due "
            "to be checked)"
        )
        self.overdue_chip.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 8px; }"
            "QToolButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); border-color: palette(highlight); }"
        )
        self.overdue_chip.toggled.connect(lambda _on: self.apply_filters())
        row.addSpacing(8)
        row.addWidget(self.overdue_chip)
        row.addStretch(1)
        self.shown_label = QLabel()
        row.addWidget(self.shown_label)
        self._set_chip_text()
        return row

    # --- database

    def database_changed(self) -> None:
        db = self.db
        self.model.set_query(self.current_query())
        self.model.set_database(db)
        self._load_counts()
        self._select_first()
        self._update_shown()

    def reload(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else self.current_id()
        self._load_counts()
        self.model.refresh()
        if wanted is None or not self.select_action(wanted):
            self._select_first()
        self._update_shown()

    def _select_first(self) -> None:
        if self.model.rowCount():
            first = self.model.action_id(0)
            assert first is not None
            self.select_action(first)
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _load_counts(self) -> None:
        if self.db is None:
            self.counts = RegisterCounts(0, 0, 0, 0)
        else:
            with self.db.read() as session:
                self.counts = actions.counts(session)
        self._set_chip_text()
        self.counts_changed.emit()

    def _set_chip_text(self) -> None:
        self.overdue_chip.setText(f"Overdue ({self.counts.overdue})")

    def status_text(self) -> str:
        c = self.counts
        return (
            f"{c.total} actions · {c.open} not closed · {c.overdue} overdue · "
            f"{c.awaiting_verification} awaiting verification"
        )

    # --- filters

    def current_query(self) -> ActionQuery:
        status = self.status_combo.currentData()
        source = self.source_combo.currentData()
        return ActionQuery(
            text=self.search.text(),
            statuses=frozenset({ActionStatus(status)})
            if status not in (STATUS_ALL, STATUS_OPEN)
            else frozenset(),
            open_only=status == STATUS_OPEN,
            sources=frozenset({ActionSource(source)}) if source else frozenset(),
            overdue_only=self.overdue_chip.isChecked(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        wanted = self.current_id()
        self.model.set_query(self.current_query())
        if wanted is None or not self.select_action(wanted):
            self._select_first()
        self._update_shown()

    def clear_filters(self) -> None:
        for widget in (self.status_combo, self.source_combo):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.overdue_chip.blockSignals(True)
        self.overdue_chip.setChecked(False)
        self.overdue_chip.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_shown(self) -> None:
        shown = self.model.rowCount()
        self.shown_label.setText("" if self.db is None else f"{shown} of {self.counts.total} shown")

    # --- selection

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.action_id(index.row())

    def select_action(self, action_id: int) -> bool:
        row = self.model.row_for_id(action_id)
        if row is None:
            return False
        index = self.model.index(row, max(self.table.currentIndex().column(), 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_action(self) -> ActionRow | None:
        action_id = self.current_id()
        if action_id is None or self.db is None:
            return None
        with self.db.read() as session:
            try:
                return actions.get_row(session, action_id)
            except QmsError:
                return None

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.selected_action()
        if row is None:
            self.details.setHtml(
                "<p style='color:gray'>No action selected.</p>" if self.db is not None else ""
            )
        else:
            self.details.setHtml(action_html(row, today()))
        self._row = row
        self.update_actions()

    def update_actions(self) -> None:
        row = self._row
        self.enable(self.new_action)
        self.enable(self.edit_action, row is not None)
        self.enable(self.delete_action, row is not None and row.status == ActionStatus.OPEN)
        self.enable(
            self.verify_action,
            row is not None and row.status == ActionStatus.AWAITING_VERIFICATION,
        )
        self.enable(self.history_action, row is not None)

    # --- changes

    def _people(self) -> list[tuple[int, str]]:
        assert self.db is not None
        with self.db.read() as session:
            return actions.people_choices(session)

    def new_action_(self) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.actions import ActionDialog

        defaults = ActionFields(
            title="",
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.PROCESS_NC,
            raised_on=today(),
            due_date=today() + dt.timedelta(days=30),
        )
        dialog = ActionDialog(self, initial=None, people=self._people(), defaults=defaults)
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, new_id = self.write(
            "Cannot add the action", lambda s: actions.create_action(s, fields, self.user)
        )
        if ok:
            self.after_write(new_id)
            if new_id is not None and self.model.row_for_id(new_id) is None:
                self.clear_filters()
                self.select_action(new_id)

    def edit_action_(self) -> None:
        row = self.selected_action()
        if row is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.actions import ActionDialog

        dialog = ActionDialog(self, initial=row, people=self._people())
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self.write(
            "Cannot change the action",
            lambda s: actions.update_action(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write(row.id)

    def delete_action_(self) -> None:
        row = self.selected_action()
        if row is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete action",
            f"Delete {row.reference} ({row.title})? This is for an action raised by mistake; "
            "the change history keeps a note of it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            "Cannot delete the action", lambda s: actions.delete_action(s, row.id, self.user)
        )
        if ok:
            self.after_write()

    def verify(self) -> None:
        row = self.selected_action()
        if row is None or self.read_only:
            return
        if row.status != ActionStatus.AWAITING_VERIFICATION:
            QMessageBox.information(
                self,
                "Verify effectiveness",
                f"{row.reference} is {actions.STATUS_LABELS[row.status].lower()}. Its "
                "effectiveness is checked once the action was carried out: record what was "
                "done and when (Edit action), setting it to Awaiting verification.",
            )
            return
        from qmsdesk.gui.dialogs.actions import VerifyDialog

        dialog = VerifyDialog(self, action=row, people=self._people())
        if not accepted(dialog):
            return
        day, by, effective, note = dialog.values()
        ok, status = self.write(
            "Cannot record the check",
            lambda s: actions.verify(
                s,
                row.id,
                verified_on=day,
                verified_by_id=by,
                effective=effective,
                note=note,
                user=self.user,
            ),
        )
        if ok:
            self.after_write(row.id)
            if status == ActionStatus.CLOSED:
                self.file_jobs.show_message(
                    f"{row.reference} is closed: its effectiveness was verified.", 30_000
                )
            if status == ActionStatus.IN_PROGRESS:
                QMessageBox.information(
                    self,
                    "Not effective",
                    f"{row.reference} is back in progress: find out why it did not work, change "
                    "the action, and check again once it is carried out.",
                )

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        row = self.selected_action()
        if row is None:
            return None
        return row.reference, lambda session: actions.history_of(session, row.id)

    def show_record(self, record_id: int, kind: str = "") -> bool:
        """Select action `record_id` (the filters cleared when they hide it)."""
        if self.select_action(record_id):
            return True
        self.clear_filters()
        return self.select_action(record_id)
