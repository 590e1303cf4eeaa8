"""Reading the document register: the view's ids, filtered and sorted in SQL, the rows, counts
and look-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields, replace

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.service import missing
from qmsdesk.core.text import fold

# Defined in the light vocab module (the first screen needs them without SQLAlchemy), and found
# here as they always were.
from qmsdesk.core.vocab import (
    DUE_SOON_DAYS,
    Candidates,
    DocumentQuery,
    DocumentRow,
    RegisterCounts,
    ReviewState,
    RevisionRow,
)

ENTITY = "document"

#: The view of the whole register: no search text, no filter.
EVERYTHING = DocumentQuery()


# --- reading ---------------------------------------------------------------------------------


_ROW_COLUMNS = [getattr(Document, f.name) for f in fields(DocumentRow)]


_REVISION_COLUMNS = [getattr(Revision, f.name) for f in fields(RevisionRow)]


# Sort keys the register offers; each is a column or an expression SQL can order by.
SORT_KEYS = {
    "code": Document.code,
    "title": func.lower(Document.title),
    "doc_type": Document.doc_type,
    "process": func.lower(Document.process),
    "owner": func.lower(Document.owner),
    "revision": Document.revision,
    "status": Document.status,
    "effective_date": Document.effective_date,
    "review_months": Document.review_months,
    "next_review": Document.next_review,
    "location": Document.location,
    "retention": Document.retention,
    "clauses": Document.clauses,
    "note": Document.note,
}


def _filtered(stmt: Select, query: DocumentQuery, on: dt.date) -> Select:
    text = fold(query.text.strip())
    if text:
        for word in text.split():
            stmt = stmt.where(func.instr(Document.search_text, word) > 0)
    if query.statuses:
        stmt = stmt.where(Document.status.in_([s.value for s in query.statuses]))
    if query.types:
        stmt = stmt.where(Document.doc_type.in_([t.value for t in query.types]))
    if query.owner:
        stmt = stmt.where(Document.owner == query.owner)
    if query.due == ReviewState.OVERDUE:
        stmt = stmt.where(Document.next_review < on)
    elif query.due == ReviewState.DUE_SOON:
        # Not yet overdue (those are under OVERDUE): what the counts call "due soon".
        stmt = stmt.where(
            Document.next_review >= on,
            Document.next_review <= on + dt.timedelta(days=DUE_SOON_DAYS),
        )
    return stmt


def query_ids(
    session: Session,
    query: DocumentQuery = EVERYTHING,
    sort: str = "code",
    descending: bool = False,
    on: dt.date | None = None,
) -> list[int]:
    """Ids of the documents that match, in display order; the GUI fetches rows for them in pages."""
    stmt = _filtered(_ordered(select(Document.id), sort, descending), query, on or today())
    return [row[0] for row in raw_rows(session, stmt)]


def candidates(
    session: Session,
    query: DocumentQuery = EVERYTHING,
    sort: str = "code",
    descending: bool = False,
    on: dt.date | None = None,
    *,
    with_texts: bool = True,
) -> Candidates:
    """The documents matching `query` but its text, sorted, ready to be narrowed by a search."""
    stmt = _filtered(
        _ordered(select(Document.id), sort, descending), replace(query, text=""), on or today()
    )
    ids = [row[0] for row in raw_rows(session, stmt)]
    return Candidates(ids, search_texts(session) if with_texts else None)


def search_texts(session: Session) -> dict[int, str]:
    """Every document's folded search text by id."""
    return dict(raw_rows(session, select(Document.id, Document.search_text)))


def _ordered(stmt: Select, sort: str, descending: bool) -> Select:
    order = SORT_KEYS[sort]
    primary = order.desc() if descending else order.asc()
    if sort in _NEVER_EMPTY:
        return stmt.order_by(primary, Document.id)
    # Empty values sort last whatever the direction, then the code keeps the order stable.
    return stmt.order_by(order.is_(None), primary, Document.code, Document.id)


_NEVER_EMPTY = {"code", "title", "doc_type", "status"}


def fetch_rows(session: Session, ids: Sequence[int]) -> list[DocumentRow]:
    """Rows for the given ids, in the order given (ids not found are skipped)."""
    found: dict[int, DocumentRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for values in session.execute(select(*_ROW_COLUMNS).where(Document.id.in_(chunk))):
            row = DocumentRow(*values)
            found[row.id] = row
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: DocumentQuery = EVERYTHING) -> list[DocumentRow]:
    """Every matching document in code order, read in one query (exports and reports)."""
    stmt = _filtered(select(*_ROW_COLUMNS), query, today()).order_by(Document.code)
    return [DocumentRow(*values) for values in session.execute(stmt)]


def all_revisions(session: Session) -> list[tuple[str, RevisionRow]]:
    """Every revision with its document's code, by code then revision order."""
    stmt = (
        select(Document.code, *_REVISION_COLUMNS)
        .join(Document, Document.id == Revision.document_id)
        .order_by(Document.code, Revision.id)
    )
    return [(values[0], RevisionRow(*values[1:])) for values in session.execute(stmt)]


def get_row(session: Session, doc_id: int) -> DocumentRow:
    rows = fetch_rows(session, [doc_id])
    if not rows:
        raise missing("Document", doc_id)
    return rows[0]


def revisions_of(session: Session, doc_id: int) -> list[RevisionRow]:
    """A document's revisions, newest first."""
    stmt = (
        select(*_REVISION_COLUMNS)
        .where(Revision.document_id == doc_id)
        .order_by(Revision.id.desc())
    )
    return [RevisionRow(*values) for values in session.execute(stmt)]


def id_for_code(session: Session, code: str) -> int | None:
    return session.scalar(select(Document.id).where(Document.code == code.strip()))


def owners(session: Session) -> list[str]:
    stmt = select(Document.owner).where(Document.owner != "").distinct().order_by(Document.owner)
    return list(session.scalars(stmt))


def processes(session: Session) -> list[str]:
    stmt = select(Document.process).where(Document.process != "").distinct()
    return sorted(session.scalars(stmt), key=fold)


def counts(session: Session, on: dt.date | None = None) -> RegisterCounts:
    on = on or today()
    soon = on + dt.timedelta(days=DUE_SOON_DAYS)
    total, overdue, due_soon = session.execute(
        select(
            func.count(),
            func.count().filter(Document.next_review < on),
            func.count().filter(Document.next_review.between(on, soon)),
        )
    ).one()
    return RegisterCounts(total, overdue, due_soon)


def history_of(session: Session, doc_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, doc_id)
