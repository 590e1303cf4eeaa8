"""One paged table model for the operations registers: columns from a vocabulary, ids and rows
from the register's core query, and a due word per row (OVERDUE, DUE SOON, EXPIRED) shown in
colour AND in text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtGui import QFont

from qmsdesk.gui import icons
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

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

Q = TypeVar("Q")
R = TypeVar("R")

ALERT_WORDS = frozenset({"OVERDUE", "EXPIRED", "NOT DECIDED"})
SOON_WORDS = frozenset({"DUE SOON", "EXPIRES SOON", "REVIEW DUE"})


@dataclass(frozen=True)
class Column:
    key: str  # a key of the register's SORT_KEYS ("" : not sortable, sorted by the first)
    header: str
    tip: str
    sample: str  # a typical widest value, for the default width


@dataclass(frozen=True)
class View(Generic[R]):
    row: R
    texts: tuple[str, ...]
    word: str  # the row's due word, or ""
    marked: int  # the column that carries the word (-1: none)


@dataclass(frozen=True)
class TableSpec(Generic[Q, R]):
    """What a register tells the model."""

    columns: tuple[Column, ...]
    query_ids: Callable[[Session, Q, str, bool, dt.date], list[int]]
    fetch_rows: Callable[[Session, Sequence[int]], Sequence[R]]
    row_id: Callable[[R], int]
    cells: Callable[[R, dt.date], tuple[tuple[str, ...], str, int]]  # texts, word, marked column


class RegisterTableModel(PagedTableModel[Q, View[R]]):
    def __init__(self, spec: TableSpec[Q, R], query: Q, parent: Any = None) -> None:
        super().__init__(None, query, len(spec.columns), parent)
        self.spec = spec
        self._bold = QFont()
        self._bold.setBold(True)

    def column_header(self, section: int) -> str:
        return self.spec.columns[section].header

    def column_tip(self, section: int) -> str | None:
        return self.spec.columns[section].tip

    def query_ids(self, db: Database) -> list[int]:
        key = self.spec.columns[self._sort_column].key or self.spec.columns[0].key
        with db.read() as session:
            return self.spec.query_ids(session, self._query, key, self._descending, self._today)

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, View[R]]:
        with db.read() as session:
            rows = self.spec.fetch_rows(session, ids)
        out = {}
        for r in rows:
            texts, word, marked = self.spec.cells(r, self._today)
            out[self.spec.row_id(r)] = View(r, texts, word, marked)
        return out

    def record(self, row: int) -> R | None:
        view = self.view(row)
        return None if view is None else view.row

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        view = self.view(index.row())
        column = index.column()
        if view is None or not 0 <= column < len(self.spec.columns):
            return None
        if role in (DISPLAY, ACCESSIBLE):
            return view.texts[column]
        word = view.word
        alert = word in ALERT_WORDS
        soon = word in SOON_WORDS
        if role == DECORATION and column in (0, view.marked) and (alert or soon):
            return icons.overdue_icon() if alert else icons.due_soon_icon()
        if role == BACKGROUND and (alert or soon):
            return icons.OVERDUE_TINT if alert else icons.DUE_SOON_TINT
        if role == FOREGROUND and (alert or soon):
            if column == view.marked:
                return icons.OVERDUE_COLOR if alert else icons.DUE_SOON_COLOR
            return icons.TINT_TEXT
        if role == FONT and column == view.marked and (alert or soon):
            return self._bold
        if role == TOOLTIP:
            return view.texts[column] or None
        return None
