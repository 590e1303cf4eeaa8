"""The document register as a Qt table model over SQL: row ids from a query, rows fetched in pages.

Filters and the sort run in SQL (:func:`qmsdesk.core.documents.candidates`); the search box narrows
that id list in memory (:class:`qmsdesk.core.documents.Candidates`). Rows are read only for the
pages the view shows, a page of ids at a time, and kept in a small LRU cache, so 50,000 documents
cost one id query, not 50,000 row reads.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from qmsdesk.core import documents
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus
from qmsdesk.core.documents import (
    STATUS_LABELS,
    TYPE_LABELS,
    Candidates,
    DocumentQuery,
    DocumentRow,
    ReviewState,
)
from qmsdesk.gui import icons

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # a key of documents.SORT_KEYS and a DocumentRow field
    header: str
    tip: str
    sample: str  # a typical widest value, for the default width


COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", "The document's unique code", "WI-PRD-04"),
    Column("title", "Title", "What the document is called", "Purchasing and supplier eval"),
    Column(
        "doc_type",
        "Type",
        "Policy, manual, procedure, work instruction, form, record…",
        "Work instruction",
    ),
    Column("process", "Process", "The process or department it belongs to", "Production"),
    Column("owner", "Owner", "Who keeps the document up to date", "Margaret Hollis"),
    Column("revision", "Rev", "The revision in force", "Rev"),
    Column(
        "status",
        "Status",
        "Draft, in review, approved / effective or obsolete",
        "Approved / effective",
    ),
    Column("effective_date", "Effective", "When the revision in force took effect", "2026-12-31"),
    Column(
        "review_months", "Review (months)", "How often the document is reviewed, in months", "36"
    ),
    Column("next_review", "Next review", "When the next review is due", "2026-12-31  due soon"),
    Column(
        "location",
        "Location",
        "Where the controlled copy is kept (a file path or web link)",
        "Quality office shelf, binder 2",
    ),
    Column("clauses", "Clauses", "The ISO 9001:2015 clauses the document serves", "7.5, 8.5.1"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
NEXT_REVIEW_COLUMN = COLUMN_KEYS.index("next_review")
CODE_COLUMN = COLUMN_KEYS.index("code")
_DATE_COLUMNS = frozenset(COLUMN_KEYS.index(k) for k in ("effective_date", "next_review"))
_CENTRED_COLUMNS = frozenset(COLUMN_KEYS.index(k) for k in ("revision", "review_months"))

OVERDUE_TEXT = "overdue"
DUE_SOON_TEXT = "due soon"

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REVIEW_STATE_ROLE = Qt.ItemDataRole.UserRole + 2


def date_format() -> str:
    """The locale's short date format with a four-digit year; ISO when there is no locale."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


class DateText:
    """Dates as text in one format, fast for the ISO case (most calls come from painting)."""

    def __init__(self) -> None:
        self.fmt = date_format()
        self._locale = QLocale()
        self._iso = self.fmt == "yyyy-MM-dd"

    def __call__(self, day: dt.date | None) -> str:
        if day is None:
            return ""
        if self._iso:
            return day.isoformat()
        return self._locale.toString(QDate(day.year, day.month, day.day), self.fmt)


class DocumentTableModel(QAbstractTableModel):
    """The documents matching a query and a search text, in the order SQL sorts them."""

    PAGE_SIZE = 200
    MAX_PAGES = 40

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = DocumentQuery()
        self._text = ""
        self._sort_column = 0
        self._descending = False
        self._candidates = Candidates([])
        self._texts: dict[int, str] | None = None
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, list[DocumentRow | None]] = OrderedDict()
        self._last_page_no = -1
        self._last_page: list[DocumentRow | None] = []
        self._today = today()
        self._date = DateText()
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)
        if db is not None:
            self._requery()

    # --- what is shown -------------------------------------------------------------------------

    @property
    def db(self) -> Database | None:
        return self._db

    @property
    def query(self) -> DocumentQuery:
        return self._query

    @property
    def search_text(self) -> str:
        return self._text

    @property
    def sort_key(self) -> str:
        return COLUMN_KEYS[self._sort_column]

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def candidate_count(self) -> int:
        """How many documents the filters let through, before the search text narrows them."""
        return len(self._candidates)

    def set_database(self, db: Database | None) -> None:
        self.beginResetModel()
        self._db = db
        self._texts = None
        self._requery()
        self.endResetModel()

    def set_filters(self, query: DocumentQuery) -> None:
        """Filters by status, type, owner and review date (its text is ignored: see below)."""
        query = replace(query, text="")
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self._requery()
        self.endResetModel()

    def set_search_text(self, text: str) -> None:
        """Narrow the rows to those whose code, title, owner or note holds every word of `text`."""
        if text == self._text:
            return
        self.beginResetModel()
        self._text = text
        self._narrow()
        self.endResetModel()

    def refresh(self) -> None:
        """Read everything again (after a change to the database)."""
        self.beginResetModel()
        self._texts = None
        self._requery()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            column = 0
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending) and self._db is not None:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self.document_id(i.row()), i.column()) for i in old]
        self._sort_column = column
        self._descending = descending
        self._requery()
        self.changePersistentIndexList(
            old,
            [
                self.index(row, col) if (row := self.row_for_id(doc_id)) is not None else _ROOT
                for doc_id, col in old_ids
            ],
        )
        self.layoutChanged.emit()

    # --- lookups -------------------------------------------------------------------------------

    def document_id(self, row: int) -> int:
        return self._ids[row]

    def row_for_id(self, doc_id: int | None) -> int | None:
        if doc_id is None:
            return None
        if self._row_of is None:
            self._row_of = {i: k for k, i in enumerate(self._ids)}
        return self._row_of.get(doc_id)

    def document(self, row: int) -> DocumentRow | None:
        """The row's document (read from the page cache, or from the database with its page)."""
        page_no, offset = divmod(row, self.PAGE_SIZE)
        if page_no != self._last_page_no:
            page = self._pages.get(page_no)
            if page is None:
                page = self._load_page(page_no)
            else:
                self._pages.move_to_end(page_no)
            self._last_page_no, self._last_page = page_no, page
        return self._last_page[offset]

    def ids(self) -> list[int]:
        return list(self._ids)

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(COLUMNS):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return COLUMNS[section].tip
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= column < len(COLUMNS)):
            return None
        doc = self.document(row)
        if doc is None:  # deleted since the ids were read
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(doc, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(doc, column)
        obsolete = doc.status == DocStatus.OBSOLETE
        if role == Qt.ItemDataRole.BackgroundRole:
            state = self._state(doc)
            if state == ReviewState.OVERDUE:
                return icons.OVERDUE_TINT
            if state == ReviewState.DUE_SOON:
                return icons.DUE_SOON_TINT
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if obsolete:
                return icons.OBSOLETE_TEXT
            if column == NEXT_REVIEW_COLUMN:
                state = self._state(doc)
                if state == ReviewState.OVERDUE:
                    return icons.OVERDUE_COLOR
                if state == ReviewState.DUE_SOON:
                    return icons.DUE_SOON_COLOR
            return icons.TINT_TEXT if self._state(doc) is not None else None
        if role == Qt.ItemDataRole.FontRole:
            if obsolete:
                return self._italic
            if column == NEXT_REVIEW_COLUMN and self._state(doc) is not None:
                return self._bold
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            # The marker shows in the Next review cell and, so that it is seen without scrolling,
            # beside the code (a blank icon on other rows keeps the codes aligned).
            if column in (CODE_COLUMN, NEXT_REVIEW_COLUMN):
                state = self._state(doc)
                if state == ReviewState.OVERDUE:
                    return icons.overdue_icon()
                if state == ReviewState.DUE_SOON:
                    return icons.due_soon_icon()
                return icons.blank_icon() if column == CODE_COLUMN else None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _CENTRED_COLUMNS:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(doc, column)
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role == REVIEW_STATE_ROLE:
            state = self._state(doc)
            return state.value if state is not None else ""
        return None

    # --- helpers -------------------------------------------------------------------------------

    def _state(self, doc: DocumentRow) -> ReviewState | None:
        if doc.status == DocStatus.OBSOLETE:
            return None
        return documents.review_state(doc.next_review, self._today)

    def _display(self, doc: DocumentRow, column: int) -> str:
        key = COLUMN_KEYS[column]
        if key == "doc_type":
            return TYPE_LABELS.get(doc.doc_type, str(doc.doc_type))
        if key == "status":
            return STATUS_LABELS.get(doc.status, str(doc.status))
        if key == "next_review":
            text = self._date(doc.next_review)
            state = self._state(doc)
            if state == ReviewState.OVERDUE:
                return f"{text}  {OVERDUE_TEXT}"
            if state == ReviewState.DUE_SOON:
                return f"{text}  {DUE_SOON_TEXT}"
            return text
        if column in _DATE_COLUMNS:
            return self._date(getattr(doc, key))
        if key == "review_months":
            return "" if doc.review_months is None else str(doc.review_months)
        value = getattr(doc, key)
        return "" if value is None else str(value).replace("\n", " ")

    def _tooltip(self, doc: DocumentRow, column: int) -> str | None:
        key = COLUMN_KEYS[column]
        if key == "next_review":
            if doc.next_review is None:
                if doc.status == DocStatus.OBSOLETE:
                    return "Obsolete: no review is due."
                return "No review interval is set, so no review is scheduled."
            days = (doc.next_review - self._today).days
            when = self._date(doc.next_review)
            state = self._state(doc)
            if state == ReviewState.OVERDUE:
                return (
                    f"Review overdue: it was due on {when}, {-days} day{'s' if days != -1 else ''} "
                    "ago."
                )
            if state == ReviewState.DUE_SOON:
                if days == 0:
                    return f"Review due soon: it is due today ({when})."
                return f"Review due soon: due on {when}, in {days} day{'s' if days != 1 else ''}."
            return f"Next review due on {when}."
        if key == "status" and doc.status == DocStatus.OBSOLETE and doc.obsolete_reason:
            return f"Obsolete: {doc.obsolete_reason}"
        if key in ("code", "title"):
            text = f"{doc.code}: {doc.title}" + (f"\n\n{doc.note}" if doc.note else "")
            state = self._state(doc)
            if state is not None:
                text += "\n\n" + (self._tooltip(doc, NEXT_REVIEW_COLUMN) or "")
            return text
        if key in ("location", "clauses", "process", "owner"):
            text = getattr(doc, key)
            return text or None
        return None

    def _requery(self) -> None:
        self._today = today()
        self._date = DateText()
        if self._db is None:
            self._candidates = Candidates([])
        else:
            with self._db.read() as session:
                self._candidates = documents.candidates(
                    session,
                    self._query,
                    sort=self.sort_key,
                    descending=self._descending,
                    on=self._today,
                    with_texts=False,
                )
                if self._texts is None and self._text.strip():
                    self._texts = documents.search_texts(session)
            if self._texts is not None:
                self._candidates.set_texts(self._texts)
        self._narrow()

    def _narrow(self) -> None:
        if self._text.strip() and self._candidates.needs_texts:
            if self._texts is None and self._db is not None:
                with self._db.read() as session:
                    self._texts = documents.search_texts(session)
            self._candidates.set_texts(self._texts or {})
        self._ids = self._candidates.matching(self._text)
        self._row_of = None
        self._pages.clear()
        self._last_page_no = -1
        self._last_page = []

    def _load_page(self, page_no: int) -> list[DocumentRow | None]:
        start = page_no * self.PAGE_SIZE
        ids = self._ids[start : start + self.PAGE_SIZE]
        found: dict[int, DocumentRow] = {}
        if self._db is not None and ids:
            with self._db.read() as session:
                found = {r.id: r for r in documents.fetch_rows(session, ids)}
        page = [found.get(i) for i in ids]
        self._pages[page_no] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page
