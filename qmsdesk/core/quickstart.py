"""The first screen of the document register, read with the standard library's sqlite3 alone.

Importing SQLAlchemy and the models costs more than drawing a window, so the app first shows the
register from this snapshot and opens the file properly (lock, migrations, backups: see
:func:`qmsdesk.core.db.open_database`) once the window is on screen. The snapshot is read only
from a file that needs nothing done to it: a QMS Desk file at the current schema revision that no
one else has open for changes. For anything else, :func:`read_first_screen` returns None and the
app takes the normal path, which explains to the user whatever is wrong.

What it returns is what :mod:`qmsdesk.core.documents` returns for the same view (the register's
default view: every document, sorted by one column): tests/core/test_quickstart.py holds the two
to each other. Nothing here may import SQLAlchemy (the same test checks it).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any, NamedTuple

from qmsdesk.core.dates import today
from qmsdesk.core.db.migrate import APPLICATION_ID, SCHEMA_HEAD
from qmsdesk.core.vocab import (
    DUE_SOON_DAYS,
    DocStatus,
    DocType,
    DocumentRow,
    RegisterCounts,
    RevisionRow,
    RevisionStatus,
)

#: Rows read for the first screen: the table model's first page.
FIRST_ROWS = 100
_ENTITY = "document"  # documents.ENTITY, as the change history names documents
_COMPANY_NAME_KEY = "company_name"  # company.NAME_KEY

# The register's sort keys as SQL, as documents.SORT_KEYS orders them (code sorts without regard
# to case: its column is declared COLLATE NOCASE).
_SORT_SQL = {
    "code": "code",
    "title": "lower(title)",
    "doc_type": "doc_type",
    "process": "lower(process)",
    "owner": "lower(owner)",
    "revision": "revision",
    "status": "status",
    "effective_date": "effective_date",
    "review_months": "review_months",
    "next_review": "next_review",
    "location": "location",
    "retention": "retention",
    "clauses": "clauses",
    "note": "note",
    "issuer": "lower(issuer)",
    "edition_checked": "edition_checked",
    "approved_by": "lower(approved_by)",
    "approved_on": "approved_on",
    "disposal_date": "disposal_date",
}
_NEVER_EMPTY = {"code", "title", "doc_type", "status"}

_DATE_FIELDS = {
    "effective_date",
    "last_reviewed",
    "next_review",
    "revision_date",
    "approved_on",
    "edition_checked",
    "disposal_date",
}


def _date(value: str | None) -> dt.date | None:
    # Dates are stored as SQLAlchemy writes them in SQLite: YYYY-MM-DD.
    return None if value is None else dt.date.fromisoformat(value)


def _converters(row_type: type, enums: dict[str, type]) -> list[Any]:
    converters: list[Any] = []
    for f in fields(row_type):
        if f.name in _DATE_FIELDS:
            converters.append(_date)
        elif f.name in enums:
            converters.append(enums[f.name])
        else:
            converters.append(None)
    return converters


_DOCUMENT_COLUMNS = ", ".join(f.name for f in fields(DocumentRow))
_DOCUMENT_CONVERTERS = _converters(DocumentRow, {"doc_type": DocType, "status": DocStatus})
_REVISION_COLUMNS = ", ".join(f.name for f in fields(RevisionRow))
_REVISION_CONVERTERS = _converters(RevisionRow, {"status": RevisionStatus})


def _convert(values: tuple[Any, ...], converters: list[Any]) -> list[Any]:
    return [v if c is None or v is None else c(v) for v, c in zip(values, converters, strict=True)]


# Named tuples, not dataclasses: they take a fifth of the time to define, and this module is
# imported before the window's first paint.
class LastChange(NamedTuple):
    """The newest entry of a document's change history."""

    at: dt.datetime  # naive UTC, as stored
    user: str
    action: str


class FirstScreen(NamedTuple):
    """What the register's tab shows first, read from `path` on `on`."""

    path: Path
    company_name: str
    sort: str
    descending: bool
    on: dt.date
    rows: list[DocumentRow]  # the first FIRST_ROWS documents, in display order
    counts: RegisterCounts
    owners: list[str]  # for the owner filter
    # The first document's revisions (newest first) and change history, for the details pane.
    revisions: list[RevisionRow]
    history_count: int
    last_change: LastChange | None


def order_by(sort: str, descending: bool) -> str:
    """The ORDER BY clause of documents.candidates() for a sort key."""
    order = _SORT_SQL[sort]
    primary = f"{order} {'DESC' if descending else 'ASC'}"
    if sort in _NEVER_EMPTY:
        return f"{primary}, id"
    # Empty values sort last whatever the direction, then the code keeps the order stable.
    return f"{order} IS NULL, {primary}, code, id"


def read_first_screen(
    path: Path,
    *,
    sort: str = "code",
    descending: bool = False,
    rows: int = FIRST_ROWS,
    on: dt.date | None = None,
) -> FirstScreen | None:
    """The register's first screen in its default view (no filter, sorted by `sort`), or None
    when the file is anything but a QMS Desk file at the current revision that is free to open.

    Read-only: nothing is written, not even SQLite's journal.
    """
    if sort not in _SORT_SQL:
        return None
    try:
        path = Path(path).expanduser().resolve()
        if not path.is_file():
            return None
        # Open for changes in another QMS Desk (or left by one that crashed): the normal path says
        # so and offers what to do. (core/lock.py writes this file while it holds the lock.)
        if path.with_name(path.name + ".owner").exists():
            return None
        # SQLite checks the header itself: a file that is not a database fails the first query.
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        return _read(conn, path, sort, descending, rows, on or today())
    except (sqlite3.Error, ValueError, TypeError, LookupError):
        # Damaged, changed underneath, or holding values this version cannot read.
        return None
    finally:
        conn.close()


def _read(
    conn: sqlite3.Connection, path: Path, sort: str, descending: bool, rows: int, on: dt.date
) -> FirstScreen | None:
    conn.execute("PRAGMA busy_timeout=2000")
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    if app_id != APPLICATION_ID:
        return None
    # One snapshot for everything below, as a read transaction of the app sees it.
    conn.execute("BEGIN")
    versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if versions != [(SCHEMA_HEAD,)]:
        return None
    first = [
        i
        for (i,) in conn.execute(
            f"SELECT id FROM documents ORDER BY {order_by(sort, descending)} LIMIT ?", (rows,)
        )
    ]
    found: dict[int, DocumentRow] = {}
    if first:
        marks = ",".join("?" * len(first))
        for values in conn.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", first
        ):
            row = DocumentRow(*_convert(values, _DOCUMENT_CONVERTERS))
            found[row.id] = row
    # Three look-ups in the index (one scan of it counting all three costs ten times more).
    (total,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    day, soon = on.isoformat(), (on + dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
    (overdue,) = conn.execute(
        "SELECT count(*) FROM documents WHERE next_review < ?", (day,)
    ).fetchone()
    (due_soon,) = conn.execute(
        "SELECT count(*) FROM documents WHERE next_review BETWEEN ? AND ?", (day, soon)
    ).fetchone()
    # The distinct owners, one step along the owner index each (not a scan of every document).
    owners = [
        o
        for (o,) in conn.execute(
            "WITH RECURSIVE o(owner) AS ("
            " SELECT min(owner) FROM documents WHERE owner > ''"
            " UNION ALL"
            " SELECT (SELECT min(owner) FROM documents WHERE owner > o.owner) FROM o"
            " WHERE o.owner IS NOT NULL)"
            " SELECT owner FROM o WHERE owner IS NOT NULL"
        )
    ]
    name_row = conn.execute(
        "SELECT value FROM settings WHERE key = ?", (_COMPANY_NAME_KEY,)
    ).fetchone()
    revisions: list[RevisionRow] = []
    history_count, last_change = 0, None
    if first:
        revisions = [
            RevisionRow(*_convert(values, _REVISION_CONVERTERS))
            for values in conn.execute(
                f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE document_id = ? ORDER BY id DESC",
                (first[0],),
            )
        ]
        where = "FROM change_history WHERE entity = ? AND entity_id = ?"
        (history_count,) = conn.execute(f"SELECT count(*) {where}", (_ENTITY, first[0])).fetchone()
        newest = conn.execute(
            f"SELECT at, user, action {where} ORDER BY id DESC LIMIT 1", (_ENTITY, first[0])
        ).fetchone()
        if newest is not None:
            last_change = LastChange(dt.datetime.fromisoformat(newest[0]), newest[1], newest[2])
    conn.execute("COMMIT")
    return FirstScreen(
        path=path,
        company_name=(name_row[0] or "") if name_row else "",
        sort=sort,
        descending=descending,
        on=on,
        rows=[found[i] for i in first if i in found],
        counts=RegisterCounts(total, overdue, due_soon),
        owners=owners,
        revisions=revisions,
        history_count=history_count,
        last_change=last_change,
    )
