"""The actions register as a Qt table model over SQL: ids from a query, rows read a page at a time.

Filters and the sort run in SQL (:func:`qmsdesk.core.actions.query_ids`); rows are fetched for the
pages the view shows and kept in a small cache (see :mod:`qmsdesk.gui.models.paged`). An overdue
action is marked in three ways, never by colour alone: a tinted row, a red marker beside its
reference and due date, and the word OVERDUE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from qmsdesk.core import actions
from qmsdesk.core.actions import ActionQuery, ActionRow, DueState
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import ActionStatus
from qmsdesk.core.text import plural
from qmsdesk.gui import icons
from qmsdesk.gui.models.document_table_model import DateText
from qmsdesk.gui.models.paged import (
    ACCESSIBLE,
    BACKGROUND,
    DECORATION,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    Index,
    PagedTableModel,
)

OVERDUE_TEXT = "OVERDUE"
DUE_SOON_TEXT = "due soon"
ACTION_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DUE_STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 2


@dataclass(frozen=True)
class Column:
    """A column of the table: a field of the register (its short label heads it) and what is
    particular to the table. The tooltips are the table's own: they say more than the
    vocabulary's help, which the Excel sheet's read-me shows."""

    key: str  # a key of actions.SORT_KEYS
    tip: str
    sample: str  # a typical widest value, for the default width
    field: str = ""  # the ACTION_VOCAB key, when it is not `key`

    @property
    def header(self) -> str:
        return actions.ACTION_VOCAB[self.field or self.key].short_label


COLUMNS: tuple[Column, ...] = (
    Column("reference", "The action's reference", "CA-2026-001"),
    Column("title", "What the action is about", "Gauge out of calibration"),
    Column("source_kind", "Where the action comes from", "Customer complaint"),
    Column("source_ref", "The finding, complaint or report it answers", "IA-2026-02 F4"),
    Column("owner_name", "Who carries the action out", "Anders Ørsted", field="owner_id"),
    Column("raised_on", "When the action was raised", "2026-12-31"),
    Column(
        "due_date",
        "When the action must be done (or, once done, when its effectiveness is checked)",
        "2026-12-31  OVERDUE",
    ),
    Column("status", "Open, in progress, awaiting verification, closed", "Awaiting verification"),
    Column("closed_on", "When the action was closed after a check that it worked", "2026-12-31"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
DUE_COLUMN = COLUMN_KEYS.index("due_date")
REFERENCE_COLUMN = COLUMN_KEYS.index("reference")
_NCOLUMNS = len(COLUMNS)


class _Row:
    __slots__ = ("action", "state", "texts")

    def __init__(self, action: ActionRow, state: DueState | None, texts: tuple[str, ...]) -> None:
        self.action, self.state, self.texts = action, state, texts


class ActionTableModel(PagedTableModel[ActionQuery, _Row]):
    DEFAULT_SORT_COLUMN = REFERENCE_COLUMN
    PAGE_SIZE = 100
    MAX_PAGES = 40

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, ActionQuery(), _NCOLUMNS, parent)
        self._date = DateText()
        self._bold = QFont()
        self._bold.setBold(True)
        if db is not None:
            self.requery()

    # --- the paged model's questions

    def column_header(self, section: int) -> str:
        return COLUMNS[section].header

    def column_tip(self, section: int) -> str | None:
        return COLUMNS[section].tip

    def query_ids(self, db: Database) -> list[int]:
        with db.read() as session:
            return actions.query_ids(
                session,
                self._query,
                sort=COLUMN_KEYS[self._sort_column],
                descending=self._descending,
                on=self._today,
            )

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, _Row]:
        with db.read() as session:
            rows = actions.fetch_rows(session, ids)
        views = {}
        for row in rows:
            state = row.due_state(self._today)
            views[row.id] = _Row(row, state, self._texts_of(row, state))
        return views

    # --- lookups

    def action_id(self, row: int) -> int | None:
        return self.id_at(row)

    def action(self, row: int) -> ActionRow | None:
        view = self.view(row)
        return None if view is None else view.action

    # --- Qt model API

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        column = index.column()
        view = self.view(index.row())
        if view is None or not 0 <= column < _NCOLUMNS:
            return None
        state = view.state
        if role in (DISPLAY, ACCESSIBLE):
            return view.texts[column]
        if role == DECORATION:
            if column in (REFERENCE_COLUMN, DUE_COLUMN):
                if state == DueState.OVERDUE:
                    return icons.overdue_icon()
                if state == DueState.DUE_SOON:
                    return icons.due_soon_icon()
                return icons.blank_icon() if column == REFERENCE_COLUMN else None
            return None
        if role == BACKGROUND:
            if state == DueState.OVERDUE:
                return icons.OVERDUE_TINT
            if state == DueState.DUE_SOON:
                return icons.DUE_SOON_TINT
            return None
        if role == FOREGROUND:
            if view.action.status == ActionStatus.CLOSED:
                return icons.OBSOLETE_TEXT
            if state is None:
                return None
            if column == DUE_COLUMN:
                return icons.OVERDUE_COLOR if state == DueState.OVERDUE else icons.DUE_SOON_COLOR
            return icons.TINT_TEXT
        if role == FONT:
            return self._bold if column == DUE_COLUMN and state is not None else None
        if role == TOOLTIP:
            return self._tooltip(view, column)
        if role == ACTION_ID_ROLE:
            return view.action.id
        if role == DUE_STATE_ROLE:
            return state.value if state is not None else ""
        return None

    # --- helpers

    def _texts_of(self, r: ActionRow, state: DueState | None) -> tuple[str, ...]:
        date = self._date
        due = r.next_date()
        due_text = date(due)
        if r.status == ActionStatus.AWAITING_VERIFICATION and due:
            due_text = f"check by {due_text}"
        if state == DueState.OVERDUE:
            due_text = f"{due_text}  {OVERDUE_TEXT}"
        elif state == DueState.DUE_SOON:
            due_text = f"{due_text}  {DUE_SOON_TEXT}"
        values = {
            "reference": r.reference,
            "title": r.title,
            "source_kind": actions.SOURCE_LABELS[r.source_kind],
            "source_ref": r.source_ref,
            "owner_name": r.owner_name or "(no owner)",
            "raised_on": date(r.raised_on),
            "due_date": due_text,
            "status": actions.STATUS_LABELS[r.status],
            "closed_on": date(r.closed_on),
        }
        return tuple(values[k] for k in COLUMN_KEYS)

    def _tooltip(self, view: _Row, column: int) -> str | None:
        r, state = view.action, view.state
        if COLUMN_KEYS[column] == "due_date" or column == REFERENCE_COLUMN:
            due = r.next_date()
            if due is None:
                return "Closed." if r.status == ActionStatus.CLOSED else "No due date set."
            days = (due - self._today).days
            what = (
                "the check of its effectiveness"
                if r.status == ActionStatus.AWAITING_VERIFICATION
                else "the action"
            )
            if state == DueState.OVERDUE:
                return f"Overdue: {what} was due on {self._date(due)}, {plural(-days, 'day')} ago."
            return f"{what.capitalize()} due on {self._date(due)}."
        return view.texts[column] or None
