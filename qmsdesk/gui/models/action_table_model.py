"""The actions register as a Qt table model over SQL: ids from a query, rows read a page at a time.

Filters and the sort run in SQL (:func:`qmsdesk.core.actions.query_ids`); rows are fetched for the
pages the view shows and kept in a small cache. An overdue action is marked in three ways, never by
colour alone: a tinted row, a red marker beside its reference and due date, and the word OVERDUE.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from qmsdesk.core import actions
from qmsdesk.core.actions import ActionQuery, ActionRow, DueState
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import ActionStatus
from qmsdesk.gui import icons
from qmsdesk.gui.models.document_table_model import DateText

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex

OVERDUE_TEXT = "OVERDUE"
DUE_SOON_TEXT = "due soon"
ACTION_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DUE_STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 2


@dataclass(frozen=True)
class Column:
    key: str  # a key of actions.SORT_KEYS
    header: str
    tip: str
    sample: str


COLUMNS: tuple[Column, ...] = (
    Column("reference", "Reference", "The action's reference", "CA-2026-001"),
    Column("title", "Title", "What the action is about", "Gauge out of calibration"),
    Column("source_kind", "Source", "Where the action comes from", "Customer complaint"),
    Column(
        "source_ref", "Source ref.", "The finding, complaint or report it answers", "IA-2026-02 F4"
    ),
    Column("owner_name", "Owner", "Who carries the action out", "Anders Ørsted"),
    Column("raised_on", "Raised", "When the action was raised", "2026-12-31"),
    Column(
        "due_date",
        "Due",
        "When the action must be done (or, once done, when its effectiveness is checked)",
        "2026-12-31  OVERDUE",
    ),
    Column(
        "status",
        "Status",
        "Open, in progress, awaiting verification, closed",
        "Awaiting verification",
    ),
    Column(
        "closed_on",
        "Closed",
        "When the action was closed after a check that it worked",
        "2026-12-31",
    ),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
DUE_COLUMN = COLUMN_KEYS.index("due_date")
REFERENCE_COLUMN = COLUMN_KEYS.index("reference")
_NCOLUMNS = len(COLUMNS)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


class _Row:
    __slots__ = ("action", "state", "texts")

    def __init__(self, action: ActionRow, state: DueState | None, texts: tuple[str, ...]) -> None:
        self.action, self.state, self.texts = action, state, texts


class ActionTableModel(QAbstractTableModel):
    PAGE_SIZE = 100
    MAX_PAGES = 40

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = ActionQuery()
        self._sort_column = REFERENCE_COLUMN
        self._descending = False
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[_Row | None]] = OrderedDict()
        self._today = today()
        self._date = DateText()
        self._bold = QFont()
        self._bold.setBold(True)
        if db is not None:
            self._requery()

    # --- what is shown

    @property
    def query(self) -> ActionQuery:
        return self._query

    def set_database(self, db: Database | None) -> None:
        self.beginResetModel()
        self._db = db
        self._requery()
        self.endResetModel()

    def set_query(self, query: ActionQuery) -> None:
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self._requery()
        self.endResetModel()

    def refresh(self) -> None:
        self.beginResetModel()
        self._requery()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < _NCOLUMNS:
            column = REFERENCE_COLUMN
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self.action_id(i.row()), i.column()) for i in old]
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._requery()
        self.changePersistentIndexList(
            old,
            [
                self.index(row, col) if (row := self.row_for_id(i)) is not None else _ROOT
                for i, col in old_ids
            ],
        )
        self.layoutChanged.emit()

    def _requery(self) -> None:
        self._pages.clear()
        self._today = today()
        if self._db is None:
            self._ids = []
            return
        with self._db.read() as session:
            self._ids = actions.query_ids(
                session,
                self._query,
                sort=COLUMN_KEYS[self._sort_column],
                descending=self._descending,
                on=self._today,
            )

    # --- lookups

    def action_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_for_id(self, action_id: int | None) -> int | None:
        if action_id is None:
            return None
        try:
            return self._ids.index(action_id)
        except ValueError:
            return None

    def action(self, row: int) -> ActionRow | None:
        view = self._view(row)
        return None if view is None else view.action

    # --- Qt model API

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else _NCOLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _NCOLUMNS:
            return None
        if role == _DISPLAY:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        column = index.column()
        view = self._view(index.row())
        if view is None or not 0 <= column < _NCOLUMNS:
            return None
        state = view.state
        if role == _DISPLAY or role == Qt.ItemDataRole.AccessibleTextRole:
            return view.texts[column]
        if role == Qt.ItemDataRole.DecorationRole:
            if column in (REFERENCE_COLUMN, DUE_COLUMN):
                if state == DueState.OVERDUE:
                    return icons.overdue_icon()
                if state == DueState.DUE_SOON:
                    return icons.due_soon_icon()
                return icons.blank_icon() if column == REFERENCE_COLUMN else None
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if state == DueState.OVERDUE:
                return icons.OVERDUE_TINT
            if state == DueState.DUE_SOON:
                return icons.DUE_SOON_TINT
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if view.action.status == ActionStatus.CLOSED:
                return icons.OBSOLETE_TEXT
            if state is None:
                return None
            if column == DUE_COLUMN:
                return icons.OVERDUE_COLOR if state == DueState.OVERDUE else icons.DUE_SOON_COLOR
            return icons.TINT_TEXT
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == DUE_COLUMN and state is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(view, column)
        if role == ACTION_ID_ROLE:
            return view.action.id
        if role == DUE_STATE_ROLE:
            return state.value if state is not None else ""
        return None

    # --- helpers

    def _view(self, row: int) -> _Row | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset]

    def _load_page(self, page_no: int) -> list[_Row | None]:
        ids = self._ids[page_no * self.PAGE_SIZE : (page_no + 1) * self.PAGE_SIZE]
        found: dict[int, ActionRow] = {}
        if self._db is not None and ids:
            with self._db.read() as session:
                found = {r.id: r for r in actions.fetch_rows(session, ids)}
        page: list[_Row | None] = []
        for action_id in ids:
            row = found.get(action_id)
            if row is None:
                page.append(None)
                continue
            state = row.due_state(self._today)
            page.append(_Row(row, state, self._texts_of(row, state)))
        self._pages[page_no] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

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
                return f"Overdue: {what} was due on {self._date(due)}, {-days} day(s) ago."
            return f"{what.capitalize()} due on {self._date(due)}."
        return view.texts[column] or None
