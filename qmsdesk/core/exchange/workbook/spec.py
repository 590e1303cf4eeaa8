"""What a register says about its sheets: columns, kinds, sheet specs, the read-me, limits."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from qmsdesk.core.text import normalise_header

Progress = Callable[[int, int], None]

#: A sheet larger than this is refused before it is read (rows, then columns).
MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: Modules that give the sheets each register can import (a list ``SHEET_IMPORTERS`` in each).
#: A later register adds its module here.
SHEET_MODULES: tuple[str, ...] = (
    "qmsdesk.core.exchange.documents_xlsx",
    "qmsdesk.core.exchange.training_xlsx",
    "qmsdesk.core.exchange.audits_xlsx",
    "qmsdesk.core.exchange.reviews_xlsx",
    "qmsdesk.core.exchange.actions_xlsx",
    "qmsdesk.core.exchange.context_xlsx",
    "qmsdesk.core.exchange.processes_xlsx",
    "qmsdesk.core.exchange.feedback_xlsx",
    "qmsdesk.core.exchange.changes_xlsx",
    "qmsdesk.core.exchange.design_xlsx",
    "qmsdesk.core.exchange.audits_programme_xlsx",
    "qmsdesk.core.exchange.risks_xlsx",
    "qmsdesk.core.exchange.objectives_xlsx",
)
#: Sheets a workbook of ours holds besides data; they are passed over without a note.
INFO_SHEETS = frozenset(
    {
        "read me",
        "readme",
        "instructions",
        "help",
        "training matrix",
        "matrix",
        "legend",
        "training due",
    }
    | {"review details", "review inputs", "review decisions", "management reviews"}
)

DATE_FORMAT = "yyyy-mm-dd"
_EXCEL_LAST_ROW = 1_048_576
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()  # serials from 1 March 1900 on


class ColumnKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"  # text from a list (a drop-down in Excel)
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: how it is written and how its header is recognised."""

    key: str
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # the drop-down list (CHOICE)
    whole_range: tuple[int, int] | None = None  # whole numbers from..to (NUMBER)
    computed: bool = False  # written for information, never read back
    width: float | None = None  # None: fitted to the header and the data
    help: str = ""  # what to write, for the read-me sheet


@dataclass(frozen=True)
class SheetSpec:
    """A sheet as QMS Desk writes it and recognises it."""

    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    frozen_columns: int = 1  # columns kept in view when scrolling right (the key)

    def matches(self, sheet_name: str) -> bool:
        wanted = {normalise_header(n) for n in (self.name, *self.aliases)}
        return normalise_header(sheet_name) in wanted

    def header_lookup(self) -> dict[str, Column]:
        lookup: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.header, *column.aliases):
                lookup.setdefault(normalise_header(name), column)
        return lookup

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a workbook's worth of objects is built.

    Reading 40,000 rows makes about a million objects (lists, strings, dates), none of them in a
    reference cycle, and every full collection meanwhile walks them all: measured, 0.9 s of a 2.1 s
    import. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class SheetData:
    """A sheet to write: its spec and its rows (one value per column, in the spec's order).

    Values: str, int, float, dt.date, or None for an empty cell. A DATE column also takes an ISO
    date string (as SQLite gives it), which saves converting each one twice.
    """

    spec: SheetSpec
    rows: Sequence[Sequence[object]]


class CustomSheet(Protocol):
    """A sheet that is not a table of columns (the training matrix's coloured grid).

    It sets up its frame on the openpyxl worksheet (header row, widths, panes, and the cell styles
    it needs, whose ids it keeps), then gives its other rows as ``<row>`` XML, written straight
    into the sheet as the tables' rows are. Custom sheets come first in the workbook.
    """

    name: str

    def frame(self, ws: Any) -> None: ...

    def dimension(self) -> str:
        """The sheet's full range, such as A1:KZ2003."""
        ...

    def rows_xml(self, tick: Callable[[int], None]) -> Iterator[str]: ...


@dataclass(frozen=True)
class Readme:
    """The read-me sheet: a title, a few lines, then one table of columns per data sheet."""

    title: str
    lines: Sequence[str] = ()
    sections: Sequence[tuple[str, Sequence[str]]] = ()
    company: str = ""  # printed in the page header of every sheet


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".").lower()
