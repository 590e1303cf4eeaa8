"""The table models of the registers: rows known by their record ids, read from SQL in pages.

Two layers, each configured by a register's model rather than written again:

- :class:`IdTableModel`: a flat table whose rows are records known by id (``self._ids``, in the
  order shown). It gives the Qt plumbing every register table shares: row and column counts, flags
  (selectable, never editable), the column headings and their tips (:meth:`column_header` /
  :meth:`column_tip`), row lookups by id (:meth:`row_for_id`, quick however often it is called),
  and a sort that keeps the selection on the same records (:meth:`sort` asks :meth:`reorder`
  for the new order, then moves the persistent indexes by id). A register holding its rows whole
  (the audit programme) uses this layer alone.
- :class:`PagedTableModel`: the ids come from a core query (:meth:`query_ids`, which runs the
  filters and the sort in SQL), the rows are fetched for the pages the view shows, a page of ids
  at a time (:meth:`fetch_views`), and kept in a small LRU cache of pages (``PAGE_SIZE`` rows,
  at most ``MAX_PAGES`` pages). :meth:`set_database`, :meth:`refresh` and a changed sort query
  again; :meth:`set_query` a changed filter. So 50,000 records cost one id query, not 50,000
  row reads. Rows deleted since the ids were read come back as None (the view shows them empty).

A register's model declares its columns and says how a record becomes a row ``V`` (a view: the
record with its texts worked out once), then answers :meth:`data` from :meth:`view`. Roles are
compared as plain ints (``DISPLAY`` ...): data() is called thousands of times a paint.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from qmsdesk.core.dates import today

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

V = TypeVar("V")
Q = TypeVar("Q")

ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FONT = int(Qt.ItemDataRole.FontRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

#: Lookups by id after a reset done by scanning the id list before a dictionary is built: one
#: lookup (keeping the selection) is quicker as a scan than building a dictionary of every row.
_SCANS_BEFORE_INDEX = 3


class IdTableModel(QAbstractTableModel):
    """Rows known by record id, in ``self._ids`` (see the module's docstring)."""

    #: The column a sort falls back to when asked for one out of range.
    DEFAULT_SORT_COLUMN: ClassVar[int] = 0
    #: Number the rows in the vertical header (1, 2, 3...).
    NUMBERED_ROWS: ClassVar[bool] = False
    #: Give the headings' tips (ToolTipRole) from column_tip.
    HEADER_TIPS: ClassVar[bool] = True

    def __init__(self, columns: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._lookups = 0
        self._sort_column = self.DEFAULT_SORT_COLUMN
        self._descending = False

    # --- for the subclass ------------------------------------------------------------------------

    def column_header(self, section: int) -> str:
        """The heading of column `section`."""
        raise NotImplementedError

    def column_tip(self, section: int) -> str | None:
        """The heading's tool tip."""
        return None

    def reorder(self) -> None:
        """Put ``self._ids`` in the order of ``self._sort_column`` / ``self._descending``
        (through :meth:`set_ids`)."""
        raise NotImplementedError

    def set_ids(self, ids: list[int]) -> None:
        """The rows shown, in order (without telling the views: the caller resets or lays out)."""
        self._ids = ids
        self._row_of = None
        self._lookups = 0

    # --- lookups ---------------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_for_id(self, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        if self._row_of is not None:
            return self._row_of.get(record_id)
        self._lookups += 1
        if self._lookups > _SCANS_BEFORE_INDEX:
            self._row_of = {i: k for k, i in enumerate(self._ids)}
            return self._row_of.get(record_id)
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def ids(self) -> list[int]:
        return list(self._ids)

    # --- sorting ---------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column`, the selection and current row staying on their records."""
        if not 0 <= column < self._columns:
            column = self.DEFAULT_SORT_COLUMN
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self.id_at(i.row()), i.column()) for i in old]
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reorder()
        self.changePersistentIndexList(
            old,
            [
                self.index(row, col) if (row := self.row_for_id(i)) is not None else ROOT
                for i, col in old_ids
            ],
        )
        self.layoutChanged.emit()

    # --- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._columns

    def flags(self, index: Index) -> Qt.ItemFlag:
        return FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < self._columns:
                return None
            if role == DISPLAY:
                return self.column_header(section)
            if role == TOOLTIP and self.HEADER_TIPS:
                return self.column_tip(section)
            return None
        if self.NUMBERED_ROWS and role == DISPLAY and 0 <= section < len(self._ids):
            return str(section + 1)
        return None


class PagedTableModel(IdTableModel, Generic[Q, V]):
    """Ids from a core query `Q`, rows `V` fetched in pages (see the module's docstring)."""

    PAGE_SIZE: ClassVar[int] = 100
    MAX_PAGES: ClassVar[int] = 60

    def __init__(self, db: Database | None, query: Q, columns: int, parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._db = db
        self._query = query
        self._pages: OrderedDict[int, list[V | None]] = OrderedDict()
        self._last_page_no = -1
        self._last_page: list[V | None] = []
        self._today = today()

    # --- for the subclass ------------------------------------------------------------------------

    def query_ids(self, db: Database) -> list[int]:
        """The ids the query lets through, in the sort's order (``self._query``,
        ``self._sort_column``, ``self._descending``; "today" is ``self._today``)."""
        raise NotImplementedError

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, V]:
        """The rows of `ids` (one page) as the table shows them; ids gone since are left out."""
        raise NotImplementedError

    def requery(self) -> None:
        """Read the ids again (the subclass may narrow them further, through set_ids)."""
        self._today = today()
        self.set_ids([] if self._db is None else self.query_ids(self._db))

    # --- what is shown ---------------------------------------------------------------------------

    @property
    def db(self) -> Database | None:
        return self._db

    @property
    def query(self) -> Q:
        return self._query

    def set_database(self, db: Database | None) -> None:
        self.beginResetModel()
        self._db = db
        self.requery()
        self.endResetModel()

    def set_query(self, query: Q) -> None:
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self.requery()
        self.endResetModel()

    def refresh(self) -> None:
        """Read everything again (after a change to the database)."""
        self.beginResetModel()
        self.requery()
        self.endResetModel()

    def reorder(self) -> None:
        self.requery()

    def set_ids(self, ids: list[int]) -> None:
        super().set_ids(ids)
        self.clear_pages()

    def clear_pages(self) -> None:
        self._pages.clear()
        self._last_page_no = -1
        self._last_page = []

    # --- rows ------------------------------------------------------------------------------------

    def view(self, row: int) -> V | None:
        """The row as the table shows it (read with its page if it is not in the cache)."""
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, self.PAGE_SIZE)
        if page_no != self._last_page_no:
            page = self._pages.get(page_no)
            if page is None:
                page = self._load_page(page_no)
            else:
                self._pages.move_to_end(page_no)
            self._last_page_no, self._last_page = page_no, page
        return self._last_page[offset]

    def store_page(self, page_no: int, page: list[V | None]) -> None:
        """Keep `page` in the cache (the oldest page goes when it is full)."""
        self._pages[page_no] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)

    def _load_page(self, page_no: int) -> list[V | None]:
        start = page_no * self.PAGE_SIZE
        ids = self._ids[start : start + self.PAGE_SIZE]
        found: dict[int, V] = {}
        if self._db is not None and ids:
            found = self.fetch_views(self._db, ids)
        page = [found.get(record_id) for record_id in ids]
        self.store_page(page_no, page)
        return page
