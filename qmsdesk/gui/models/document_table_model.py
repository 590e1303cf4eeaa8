"""The document register as a Qt table model over SQL: row ids from a query, rows fetched in pages.

Filters and the sort run in SQL (:func:`qmsdesk.core.documents.candidates`); the search box narrows
that id list in memory (:class:`qmsdesk.core.documents.Candidates`). Rows are read only for the
pages the view shows, a page of ids at a time, and kept in a small LRU cache, so 50,000 documents
cost one id query, not 50,000 row reads.

At start-up the model can show the register's first screen before the database layer is loaded
(:meth:`DocumentTableModel.show_first_screen`, from :mod:`qmsdesk.core.quickstart`): it then has
as many rows as the register, the first screen's filled in and the others empty, and becomes the
live model without a reset when the database comes (:meth:`DocumentTableModel.set_database`).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, replace
from itertools import compress, repeat
from operator import contains
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from qmsdesk.core.dates import format_day, today
from qmsdesk.core.text import fold

# Only light modules before the window is first shown: the services (qmsdesk.core.documents,
# SQLAlchemy) are imported once the database is opened.
from qmsdesk.core.vocab import (
    DOCUMENT_FIELDS,
    STATUS_LABELS,
    TYPE_LABELS,
    Candidates,
    DocStatus,
    DocumentQuery,
    DocumentRow,
    ReviewState,
    review_state,
)
from qmsdesk.gui import icons
from qmsdesk.gui.models.paged import (
    ACCESSIBLE,
    ALIGNMENT,
    BACKGROUND,
    DECORATION,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    Index,
    PagedTableModel,
)

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.core.quickstart import FirstScreen


@dataclass(frozen=True)
class Column:
    """A column of the table: a document field (its short label heads it, its help is the
    header's tooltip) and what is particular to the table."""

    key: str  # a key of documents.SORT_KEYS, a DocumentRow field and a DOCUMENT_FIELDS key
    sample: str  # a typical widest value, for the default width

    @property
    def header(self) -> str:
        return DOCUMENT_FIELDS[self.key].short_label

    @property
    def tip(self) -> str:
        return DOCUMENT_FIELDS[self.key].help


COLUMNS: tuple[Column, ...] = (
    Column("code", "WI-PRD-04"),
    Column("title", "Purchasing and supplier eval"),
    Column("doc_type", "External document"),
    Column("process", "Production"),
    Column("owner", "Margaret Hollis"),
    Column("revision", "Rev"),
    Column("status", "Approved / effective"),
    Column("effective_date", "2026-12-31"),
    Column("review_months", "36"),
    Column("next_review", "2026-12-31  due soon"),
    Column("location", "Quality office shelf, binder 2"),
    Column("clauses", "7.5, 8.5.1"),
    Column("approved_by", "approved before QMS Desk"),
    Column("approved_on", "2026-12-31"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
NEXT_REVIEW_COLUMN = COLUMN_KEYS.index("next_review")
CODE_COLUMN = COLUMN_KEYS.index("code")
_DATE_COLUMNS = frozenset(COLUMN_KEYS.index(k) for k in ("effective_date", "next_review"))
_CENTRED_COLUMNS = frozenset(COLUMN_KEYS.index(k) for k in ("revision", "review_months"))

OVERDUE_TEXT = "overdue"
DUE_SOON_TEXT = "due soon"

DOCUMENT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
REVIEW_STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_NCOLUMNS = len(COLUMNS)
_MATCH_CACHE = 32


class DateText:
    """Dates as text in the company's format (qmsdesk.core.dates.format_day)."""

    def __call__(self, day: dt.date | None) -> str:
        return format_day(day)


class _Row:
    """One document as the table shows it, worked out once when its page is read."""

    __slots__ = ("doc", "obsolete", "state", "texts")

    def __init__(self, doc: DocumentRow, state: ReviewState | None, texts: tuple[str, ...]) -> None:
        self.doc = doc
        self.state = state
        self.obsolete = doc.status == DocStatus.OBSOLETE
        self.texts = texts


class DocumentTableModel(PagedTableModel[DocumentQuery, _Row]):
    """The documents matching a query and a search text, in the order SQL sorts them."""

    PAGE_SIZE = 100
    MAX_PAGES = 60
    NUMBERED_ROWS = True

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, DocumentQuery(), _NCOLUMNS, parent)
        self._text = ""
        self._candidates = Candidates([])
        self._texts: dict[int, str] | None = None
        self._candidate_texts: list[str] | None = None  # aligned with the candidates' ids
        self._generation = 0
        # Search results by folded text, for the current candidates: typing on narrows the last
        # result instead of scanning every document, and deleting finds earlier results here.
        self._matches: OrderedDict[str, tuple[list[int], list[str]]] = OrderedDict()
        self._date = DateText()
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)
        #: The first screen shown before the database is open (None once the model is live, or
        #: as soon as the view changes: then it shows nothing until the database comes).
        self._first: FirstScreen | None = None
        if db is not None:
            self.requery()

    # --- what is shown -------------------------------------------------------------------------

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

    @property
    def generation(self) -> int:
        """Counts the times the data was read anew (search texts read earlier are stale after)."""
        return self._generation

    @property
    def has_search_texts(self) -> bool:
        return self._texts is not None

    def provide_search_texts(self, texts: dict[int, str], generation: int) -> bool:
        """Search texts read ahead (on another thread) for the data of `generation`; False when
        they came too late (the data was read again since)."""
        if generation != self._generation or self._texts is not None:
            return False
        self._texts = texts
        self._candidate_texts = None
        self._all_candidate_texts()  # now, while nobody waits, rather than on the first letter
        return True

    @property
    def showing_first_screen(self) -> bool:
        """True while the rows shown are the quick start's, before the database is open."""
        return self._first is not None

    def show_first_screen(self, screen: FirstScreen) -> bool:
        """Show the register's first screen before the database is open: as many rows as the
        register has, those of the first screen filled in. False (nothing shown) when the model
        has a database already, or a view other than the screen's (a filter, a search, a sort)."""
        column = COLUMN_KEYS.index(screen.sort) if screen.sort in COLUMN_KEYS else -1
        if (
            self._db is not None
            or self._text
            or self._query != DocumentQuery()
            or (column, screen.descending) != (self._sort_column, self._descending)
        ):
            return False
        self.beginResetModel()
        self._today = screen.on
        self._date = DateText()
        first = [row.id for row in screen.rows]
        # Rows not read yet stand for themselves with ids no document has (ids are positive).
        self.set_ids(first + list(range(-1, -(screen.counts.total - len(first)) - 1, -1)))
        self._candidates = Candidates(list(self._ids))
        self._candidate_texts = None
        self._matches.clear()
        views = [self._row_view(row) for row in screen.rows]
        for page_no in range(0, len(views), self.PAGE_SIZE):
            page: list[_Row | None] = list(views[page_no : page_no + self.PAGE_SIZE])
            page += [None] * (self.PAGE_SIZE - len(page))
            self.store_page(page_no // self.PAGE_SIZE, page)
        self._first = screen
        self.endResetModel()
        return True

    def set_database(self, db: Database | None) -> None:
        first, self._first = self._first, None
        if first is not None and db is not None and self._go_live(db, first):
            return
        self.beginResetModel()
        self._db = db
        self._texts = None
        self._generation += 1
        self.requery()
        self.endResetModel()

    def set_filters(self, query: DocumentQuery) -> None:
        """Filters by status, type, owner and review date (its text is ignored: see below)."""
        self.set_query(replace(query, text=""))

    def set_search_text(self, text: str) -> None:
        """Narrow the rows to those whose code, title, owner or note holds every word of `text`."""
        if text == self._text:
            return
        self.beginResetModel()
        self._text = text
        self._narrow()
        self.endResetModel()

    def _go_live(self, db: Database, first: FirstScreen) -> bool:
        """From the first screen to the database, without a reset when the register reads the
        same (the selection, the scroll position and the current row stay as they are)."""
        self._db = db
        self._texts = None
        self._generation += 1
        shown = self._ids
        self.requery()
        ids = self._ids
        seen = [row.id for row in first.rows]
        if len(ids) != len(shown) or ids[: len(seen)] != seen:
            # Changed since the first screen was read: read afresh, as for another file.
            self._ids = shown
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()
            return True
        if ids:
            # The same rows in the same places; their texts are read again (the first screen's
            # too: one page) and the rows not read before are filled in where they are seen.
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, _NCOLUMNS - 1))
        return True

    def refresh(self) -> None:
        """Read everything again (after a change to the database)."""
        self.beginResetModel()
        self._texts = None
        self._generation += 1
        self.requery()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < _NCOLUMNS:
            column = 0
        descending = order == Qt.SortOrder.DescendingOrder
        unchanged = (column, descending) == (self._sort_column, self._descending)
        if unchanged and (self._db is not None or self._first is not None):
            return
        if self._first is not None:
            # The first screen has no rows in another order: none are shown until the file opens.
            self.beginResetModel()
            self._sort_column = column
            self._descending = descending
            self.requery()
            self.endResetModel()
            return
        super().sort(column, order)

    # --- lookups -------------------------------------------------------------------------------

    def document_id(self, row: int) -> int:
        return self._ids[row]

    def document(self, row: int) -> DocumentRow | None:
        """The row's document (from the page cache, or read from the database with its page)."""
        view = self.view(row)
        return None if view is None else view.doc

    # --- Qt model API --------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        column = index.column()
        if not 0 <= column < _NCOLUMNS:
            return None
        view = self.view(index.row())
        if view is None:  # no such row, or deleted since the ids were read
            return None
        if role == DISPLAY:
            return view.texts[column]
        state = view.state
        if role == DECORATION:
            # The marker shows in the Next review cell and, so that it is seen without scrolling,
            # beside the code (a blank icon on other rows keeps the codes aligned).
            if column in (CODE_COLUMN, NEXT_REVIEW_COLUMN):
                if state == ReviewState.OVERDUE:
                    return icons.overdue_icon()
                if state == ReviewState.DUE_SOON:
                    return icons.due_soon_icon()
                return icons.blank_icon() if column == CODE_COLUMN else None
            return None
        if role == BACKGROUND:
            if state == ReviewState.OVERDUE:
                return icons.OVERDUE_TINT
            if state == ReviewState.DUE_SOON:
                return icons.DUE_SOON_TINT
            return None
        if role == FOREGROUND:
            if view.obsolete:
                return icons.OBSOLETE_TEXT
            if state is None:
                return None
            if column == NEXT_REVIEW_COLUMN:
                return icons.OVERDUE_COLOR if state == ReviewState.OVERDUE else icons.DUE_SOON_COLOR
            return icons.TINT_TEXT
        if role == FONT:
            if view.obsolete:
                return self._italic
            if column == NEXT_REVIEW_COLUMN and state is not None:
                return self._bold
            return None
        if role == ALIGNMENT:
            return _CENTRED if column in _CENTRED_COLUMNS else _LEFT
        if role == TOOLTIP:
            return self._tooltip(view, column)
        if role == ACCESSIBLE:
            return view.texts[column]
        if role == DOCUMENT_ID_ROLE:
            return view.doc.id
        if role == REVIEW_STATE_ROLE:
            return state.value if state is not None else ""
        return None

    # --- helpers -------------------------------------------------------------------------------

    def _row_view(self, doc: DocumentRow) -> _Row:
        obsolete = doc.status == DocStatus.OBSOLETE
        state = None if obsolete else review_state(doc.next_review, self._today)
        return _Row(doc, state, self._texts_of(doc, state))

    def _texts_of(self, doc: DocumentRow, state: ReviewState | None) -> tuple[str, ...]:
        date = self._date
        next_review = date(doc.next_review)
        if state == ReviewState.OVERDUE:
            next_review = f"{next_review}  {OVERDUE_TEXT}"
        elif state == ReviewState.DUE_SOON:
            next_review = f"{next_review}  {DUE_SOON_TEXT}"
        values = {
            "code": doc.code,
            "title": doc.title,
            "doc_type": TYPE_LABELS.get(doc.doc_type, str(doc.doc_type)),
            "process": doc.process,
            "owner": doc.owner,
            "revision": doc.revision,
            "status": STATUS_LABELS.get(doc.status, str(doc.status)),
            "effective_date": date(doc.effective_date),
            "review_months": "" if doc.review_months is None else str(doc.review_months),
            "next_review": next_review,
            "location": doc.location.replace("\n", " "),
            "clauses": doc.clauses,
            "approved_by": doc.approved_by,
            "approved_on": date(doc.approved_on),
        }
        return tuple(values[key] for key in COLUMN_KEYS)

    def _tooltip(self, view: _Row, column: int) -> str | None:
        doc, state = view.doc, view.state
        key = COLUMN_KEYS[column]
        if key == "next_review":
            if doc.next_review is None:
                if view.obsolete:
                    return "Obsolete: no review is due."
                return "No review interval is set, so no review is scheduled."
            days = (doc.next_review - self._today).days
            when = self._date(doc.next_review)
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
        if key == "status" and view.obsolete and doc.obsolete_reason:
            return f"Obsolete: {doc.obsolete_reason}"
        if key in ("code", "title"):
            text = f"{doc.code}: {doc.title}" + (f"\n\n{doc.note}" if doc.note else "")
            if state is not None:
                text += "\n\n" + (self._tooltip(view, NEXT_REVIEW_COLUMN) or "")
            return text
        if key in ("location", "clauses", "process", "owner"):
            text = getattr(doc, key)
            return text or None
        return None

    def column_header(self, section: int) -> str:
        return COLUMNS[section].header

    def column_tip(self, section: int) -> str | None:
        return COLUMNS[section].tip

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, _Row]:
        from qmsdesk.core import documents

        with db.read() as session:
            return {r.id: self._row_view(r) for r in documents.fetch_rows(session, ids)}

    def requery(self) -> None:
        """The candidates of the filters and the sort (in SQL), narrowed by the search text."""
        self._today = today()
        self._date = DateText()
        if self._db is None:
            self._candidates = Candidates([])
        else:
            from qmsdesk.core import documents

            with self._db.read() as session:
                self._candidates = documents.candidates(
                    session,
                    self._query,
                    sort=self.sort_key,
                    descending=self._descending,
                    on=self._today,
                    with_texts=False,
                )
        self._candidate_texts = None
        self._matches.clear()
        if self._texts is not None:
            self._all_candidate_texts()
        self._narrow()

    def _narrow(self) -> None:
        # A changed view (filter, search, sort) leaves the first screen: nothing is shown until the
        # database is open.
        self._first = None
        self.set_ids(self._matching(self._text))

    def _matching(self, text: str) -> list[int]:
        """The candidates holding every word of `text`, by the rule of documents.Candidates (each
        folded word is in the document's folded search text), found faster while one types:

        - a longer text matches fewer documents, all among those a text it starts with matched,
          so typing on searches the last result, not the whole register;
        - deleting letters finds the earlier results in a small cache;
        - a word is looked for in C (map, compress), not a Python loop.
        """
        key = " ".join(fold(text).split())
        if not key:
            return list(self._candidates.ids)
        found = self._matches.get(key)
        if found is not None:
            self._matches.move_to_end(key)
            return found[0]
        base = max((k for k in self._matches if key.startswith(k)), key=len, default=None)
        if base is not None:
            ids, texts = self._matches[base]
        else:
            ids, texts = self._candidates.ids, self._all_candidate_texts()
        for word in sorted(set(key.split()), key=len, reverse=True):
            mask = list(map(contains, texts, repeat(word)))
            ids = list(compress(ids, mask))
            texts = list(compress(texts, mask))
        self._matches[key] = (ids, texts)
        while len(self._matches) > _MATCH_CACHE:
            self._matches.popitem(last=False)
        return ids

    def _all_candidate_texts(self) -> list[str]:
        if self._candidate_texts is None:
            if self._texts is None:
                if self._db is None:
                    self._texts = {}
                else:
                    from qmsdesk.core import documents

                    with self._db.read() as session:
                        self._texts = documents.search_texts(session)
            texts = self._texts
            self._candidate_texts = [texts.get(i, "") for i in self._candidates.ids]
        return self._candidate_texts
