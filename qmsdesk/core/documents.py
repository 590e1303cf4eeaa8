"""The document register (ISO 9001:2015 clause 7.5): services take a session, return plain data.

Callers own the transaction (``with db.write() as session:``), so that an import of many documents
is
one transaction and a dialog's single change is another. Nothing here opens a dialog or imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import attachments, history
from qmsdesk.core.catalogue import clause_numbers
from qmsdesk.core.dates import parse_date, today, utcnow
from qmsdesk.core.db.fast import (
    converted_once,
    insert_many,
    insert_rows,
    raw_rows,
    stored_datetime,
)
from qmsdesk.core.db.models import (
    DocStatus,
    DocType,
    Document,
    Revision,
    RevisionStatus,
    next_review_for,
    search_text_for,
)
from qmsdesk.core.errors import FieldProblem, NotFoundError, ValidationError
from qmsdesk.core.text import clean, clean_code, finite_number, fold

# Defined in the light vocab module (the first screen needs them without SQLAlchemy), and found
# here as they always were.
from qmsdesk.core.vocab import (
    DUE_SOON_DAYS,
    REVISION_STATUS_LABELS,  # noqa: F401
    STATUS_LABELS,
    TYPE_LABELS,
    Candidates,
    DocumentQuery,
    DocumentRow,
    RegisterCounts,
    ReviewState,
    RevisionRow,
    review_state,  # noqa: F401
)

ENTITY = "document"

# Other words people write for the same thing (matched after folding case and spacing).
_TYPE_ALIASES = {
    "external": DocType.EXTERNAL,
    "wi": DocType.WORK_INSTRUCTION,
    "instruction": DocType.WORK_INSTRUCTION,
    "sop": DocType.PROCEDURE,
}
_STATUS_ALIASES = {
    "approved": DocStatus.EFFECTIVE,
    "effective": DocStatus.EFFECTIVE,
    "current": DocStatus.EFFECTIVE,
    "released": DocStatus.EFFECTIVE,
    "review": DocStatus.IN_REVIEW,
    "withdrawn": DocStatus.OBSOLETE,
}

# The longest texts a field takes; the database columns are sized to match.
MAX_LENGTHS = {
    "code": 40,
    "title": 150,
    "process": 80,
    "owner": 80,
    "revision": 20,
    "location": 500,
    "retention": 80,
}
REVIEW_MONTHS_MAX = 120
#: The view of the whole register: no search text, no filter.
EVERYTHING = DocumentQuery()


def _key(text: str) -> str:
    """A word as the look-ups below match it: folded case, "_" and "/" as spaces, spaces single."""
    return " ".join(fold(text).replace("_", " ").replace("/", " ").split())


def _words(
    enum_labels: Mapping[StrEnum, str], aliases: Mapping[str, StrEnum]
) -> dict[str, StrEnum]:
    """Every word that names a member: its value, its label, and the aliases (which give way)."""
    words = dict(aliases)
    for member, label in reversed(enum_labels.items()):  # the first member named wins
        words[_key(member.value)] = member
        words[_key(label)] = member
    return words


_TYPE_WORDS = _words(TYPE_LABELS, _TYPE_ALIASES)
_STATUS_WORDS = _words(STATUS_LABELS, _STATUS_ALIASES)


def parse_type(text: object) -> DocType:
    member = _TYPE_WORDS.get(_key(clean(text)))
    if member is None:
        allowed = ", ".join(TYPE_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a document type. Use one of: {allowed}.")
    return DocType(member)


def parse_status(text: object) -> DocStatus:
    member = _STATUS_WORDS.get(_key(clean(text)))
    if member is None:
        allowed = ", ".join(STATUS_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a status. Use one of: {allowed}.")
    return DocStatus(member)


def parse_clauses(value: object) -> tuple[str, ...]:
    """'8.4, 7.5.1; 7.5' -> ('7.5', '7.5.1', '8.4'): known clauses only, in the standard's order."""
    known = clause_numbers()
    parts = [p.strip().rstrip(".") for p in str(value or "").replace(";", ",").split(",")]
    wanted = [p for p in parts if p]
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise ValueError(
            f"{', '.join(repr(u) for u in unknown)} "
            f"{'is not a clause' if len(unknown) == 1 else 'are not clauses'} of ISO 9001:2015 "
            "(use numbers from 4 to 10.3, such as 7.5.3)."
        )
    return tuple(sorted(set(wanted), key=known.__getitem__))


def parse_months(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = finite_number(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a number of months.") from None
    if number != int(number) or not 0 <= number <= REVIEW_MONTHS_MAX:
        raise ValueError(
            f"The review interval must be a whole number of months from 0 to {REVIEW_MONTHS_MAX}; "
            f"'{value}' is not."
        )
    return int(number) or None


@dataclass(frozen=True)
class DocumentFields:
    """Everything a user edits about a document, already parsed."""

    code: str
    title: str
    doc_type: DocType
    status: DocStatus = DocStatus.DRAFT
    process: str = ""
    owner: str = ""
    revision: str = ""
    effective_date: dt.date | None = None
    review_months: int | None = None
    last_reviewed: dt.date | None = None
    location: str = ""
    retention: str = ""
    clauses: tuple[str, ...] = ()
    note: str = ""
    obsolete_reason: str = ""


FIELD_NAMES = tuple(f.name for f in fields(DocumentFields))


_PARSERS = {
    "code": clean_code,
    "doc_type": parse_type,
    "status": parse_status,
    "effective_date": parse_date,
    "last_reviewed": parse_date,
    "review_months": parse_months,
    "clauses": parse_clauses,
}


def fields_from_values(
    values: Mapping[str, object],
) -> tuple[DocumentFields | None, list[FieldProblem]]:
    """Parse raw values (typed text or spreadsheet cells) into fields, collecting every problem.

    Keys are DocumentFields names; missing keys take their defaults. The result is also checked with
    :func:`check_fields`, so a caller gets every problem of a row in one go.
    """
    problems: list[FieldProblem] = []
    parsed: dict[str, object] = {}
    for name in FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        parser = _PARSERS.get(name)
        try:
            if parser is not None:
                if name in ("doc_type", "status") and not clean(raw):
                    if name == "doc_type":
                        raise ValueError("A document type is required.")
                    continue  # status defaults to draft
                parsed[name] = parser(raw)
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    if problems or "doc_type" not in parsed:
        if "doc_type" not in parsed and not any(p.field == "doc_type" for p in problems):
            problems.append(FieldProblem("doc_type", "A document type is required."))
        problems.extend(
            p for p in _check_texts(parsed) if p.field not in {q.field for q in problems}
        )
        return None, problems
    result = DocumentFields(**{"code": "", "title": "", **parsed})  # type: ignore[arg-type]
    return result, check_fields(result)


def _check_texts(values: Mapping[str, object]) -> list[FieldProblem]:
    problems = []
    for name, limit in MAX_LENGTHS.items():
        text = values.get(name)
        if isinstance(text, str) and len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    if not values.get("code"):
        problems.append(FieldProblem("code", "A document code is required (for example QP-07-01)."))
    if not values.get("title"):
        problems.append(FieldProblem("title", "A title is required."))
    return problems


def check_fields(f: DocumentFields) -> list[FieldProblem]:
    """Rules a document's fields must satisfy together."""
    problems = _check_texts({n: getattr(f, n) for n in FIELD_NAMES})
    if f.status == DocStatus.EFFECTIVE and f.effective_date is None:
        problems.append(
            FieldProblem(
                "effective_date", "An approved/effective document needs an effective date."
            )
        )
    if f.status == DocStatus.OBSOLETE and not f.obsolete_reason:
        problems.append(FieldProblem("obsolete_reason", "Say why the document is obsolete."))
    if f.review_months and f.effective_date is None and f.last_reviewed is None:
        problems.append(
            FieldProblem(
                "effective_date",
                "A review interval needs an effective date (or a last review date) to count from.",
            )
        )
    return problems


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


def _filtered(stmt: Select, query: DocumentQuery, on: dt.date) -> Select:  # type: ignore[type-arg]
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
        stmt = stmt.where(Document.next_review <= on + dt.timedelta(days=DUE_SOON_DAYS))
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
    return dict(raw_rows(session, select(Document.id, Document.search_text)))  # type: ignore[arg-type]


def _ordered(stmt: Select, sort: str, descending: bool) -> Select:  # type: ignore[type-arg]
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
        raise NotFoundError(f"Document {doc_id} does not exist (it may have been deleted).")
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


# --- writing ---------------------------------------------------------------------------------


def _raise_problems(problems: Iterable[FieldProblem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems]
        )


FIELD_LABELS = {
    "code": "Code",
    "title": "Title",
    "doc_type": "Type",
    "status": "Status",
    "process": "Process / department",
    "owner": "Owner",
    "revision": "Revision",
    "effective_date": "Effective date",
    "review_months": "Review interval (months)",
    "last_reviewed": "Last reviewed",
    "next_review": "Next review",
    "location": "Location of controlled copy",
    "retention": "Retention",
    "clauses": "Clauses",
    "note": "Note",
    "obsolete_reason": "Obsolete reason",
}


def _stored(f: DocumentFields, name: str) -> object:
    value = getattr(f, name)
    return ", ".join(value) if name == "clauses" else value


def _ensure_unique_code(session: Session, code: str, doc_id: int | None) -> None:
    existing = id_for_code(session, code)
    if existing is not None and existing != doc_id:
        raise ValidationError(f"Code: another document already has the code '{code}'.")


def create_document(session: Session, f: DocumentFields, user: str) -> int:
    _raise_problems(check_fields(f))
    _ensure_unique_code(session, f.code, None)
    doc = Document(**{n: _stored(f, n) for n in FIELD_NAMES})
    session.add(doc)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=doc.id,
        ref=doc.code,
        action="create",
        changes=_creation(f),
    )
    return doc.id


def _creation(f: DocumentFields) -> list[history.Change]:
    """What the history says of a new document. Its first values need no listing: the record holds
    today's values and every later change is in the history with its old value."""
    return [history.Change("Title", "", f.title)]


def _load(session: Session, doc_id: int) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFoundError(f"Document {doc_id} does not exist (it may have been deleted).")
    return doc


def update_document(
    session: Session, doc_id: int, f: DocumentFields, user: str, action: str = "edit"
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed (empty: nothing to do)."""
    _raise_problems(check_fields(f))
    doc = _load(session, doc_id)
    _ensure_unique_code(session, f.code, doc_id)
    changes = _apply(doc, f)
    if changes:
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=doc.id,
            ref=doc.code,
            action=action,
            changes=changes,
        )
    return [c.field for c in changes]


def _apply(doc: Document, f: DocumentFields) -> list[history.Change]:
    changes = []
    for name in FIELD_NAMES:
        new = _stored(f, name)
        old = getattr(doc, name)
        if old != new:
            changes.append(
                history.Change(FIELD_LABELS[name], history.as_text(old), history.as_text(new))
            )
            setattr(doc, name, new)
    return changes


def _bulk_values(f: DocumentFields) -> dict[str, object]:
    values = dict(vars(f))  # the fields as stored; only the clauses need joining
    values["clauses"] = ", ".join(f.clauses)
    values["search_text"] = search_text_for(f.code, f.title, f.owner, f.note)
    values["next_review"] = next_review_date(f)
    return values


def create_many(
    session: Session, items: Sequence[DocumentFields], user: str, action: str = "import"
) -> list[int]:
    """Create many documents in one bulk insert (an import): same rules and history as
    :func:`create_document`, about fifty times faster on thousands of rows."""
    problems = [
        f"{f.code}: {FIELD_LABELS.get(p.field, p.field)}: {p.message}"
        for f in items
        for p in check_fields(f)
    ]
    wanted = [f.code for f in items]
    folded = [fold(c) for c in wanted]
    if len(set(folded)) != len(folded):
        problems.append("Code: the same code appears twice among the new documents.")
    taken = {fold(c) for (c,) in raw_rows(session, select(Document.code))}
    problems += [
        f"Code: another document already has the code '{c}'." for c in wanted if fold(c) in taken
    ]
    if problems:
        raise ValidationError(problems)
    if not items:
        return []
    now = utcnow()
    # Ids given here, not by SQLite, so that one executemany does it. The write transaction holds
    # the file's write lock from its first statement, so nobody else takes them meanwhile.
    first = (session.scalar(select(func.max(Document.id))) or 0) + 1
    ids = list(range(first, first + len(items)))
    rows = [
        {"id": doc_id, **_bulk_values(f), "created_at": now, "updated_at": now}
        for doc_id, f in zip(ids, items, strict=True)
    ]
    insert_many(session, Document.__table__, rows)  # type: ignore[arg-type]
    history.record_many(
        session,
        user,
        (
            history.Entry(ENTITY, doc_id, f.code, action, tuple(_creation(f)))
            for doc_id, f in zip(ids, items, strict=True)
        ),
    )
    return ids


def update_many(
    session: Session,
    items: Sequence[tuple[int, DocumentFields]],
    user: str,
    action: str = "import",
) -> int:
    """Apply edited fields to many documents in one bulk update (an import); returns how many
    documents changed. Same rules and history as :func:`update_document`."""
    problems = [
        f"{f.code}: {FIELD_LABELS.get(p.field, p.field)}: {p.message}"
        for _, f in items
        for p in check_fields(f)
    ]
    by_code = {fold(c): i for i, c in raw_rows(session, select(Document.id, Document.code))}
    for doc_id, f in items:
        owner = by_code.get(fold(f.code))
        if owner is not None and owner != doc_id:
            problems.append(f"Code: another document already has the code '{f.code}'.")
    current = {r.id: r for r in fetch_rows(session, [i for i, _ in items])}
    missing = [i for i, _ in items if i not in current]
    if missing:
        problems.append(f"{len(missing)} document(s) were deleted meanwhile.")
    if problems:
        raise ValidationError(problems)
    now = utcnow()
    updates, entries = [], []
    for doc_id, f in items:
        old = current[doc_id].fields()
        changes = tuple(
            history.Change(
                FIELD_LABELS[n], history.as_text(_stored(old, n)), history.as_text(_stored(f, n))
            )
            for n in FIELD_NAMES
            if _stored(old, n) != _stored(f, n)
        )
        if changes:
            updates.append({"id": doc_id, **_bulk_values(f), "updated_at": now})
            entries.append(history.Entry(ENTITY, doc_id, f.code, action, changes))
    if updates:
        session.execute(update(Document), updates)
        history.record_many(session, user, entries)
    return len(updates)


@dataclass(frozen=True)
class RecordedRevision:
    """A revision as a register records it (an import of past revisions, not the draft workflow)."""

    label: str
    revision_date: dt.date
    status: RevisionStatus
    summary: str = ""
    author: str = ""
    approved_by: str = ""
    approved_on: dt.date | None = None
    effective_date: dt.date | None = None
    attachment_name: str = ""
    attachment_path: str = ""
    attachment_sha256: str = ""


_RECORDED_COLUMNS = (
    "document_id", "label", "revision_date", "status", "summary", "author", "approved_by",
    "approved_on", "effective_date", "attachment_name", "attachment_path", "attachment_sha256",
    "created_at",
)  # fmt: skip


def insert_revisions(
    session: Session,
    items: Sequence[tuple[int, str, RecordedRevision]],
    user: str,
    action: str = "import",
) -> int:
    """Record many past revisions at once: (document id, document code, revision) each."""
    if not items:
        return 0
    now = stored_datetime(utcnow())
    day = converted_once(dt.date.isoformat)
    rows = [
        (
            doc_id, r.label, day(r.revision_date), r.status.value, r.summary, r.author,
            r.approved_by, day(r.approved_on), day(r.effective_date), r.attachment_name,
            r.attachment_path, r.attachment_sha256, now,
        )
        for doc_id, _code, r in items
    ]  # fmt: skip
    insert_rows(session, Revision.__table__, _RECORDED_COLUMNS, rows)  # type: ignore[arg-type]
    history.record_many(
        session,
        user,
        (
            history.Entry(
                ENTITY,
                doc_id,
                code,
                action,
                (history.Change("Revision recorded", "", f"{r.label} ({r.status.value})"),),
            )
            for doc_id, code, r in items
        ),
    )
    return len(rows)


def delete_document(session: Session, doc_id: int, user: str) -> None:
    """Delete a document that never took effect; anything that did must be made obsolete instead."""
    doc = _load(session, doc_id)
    took_effect = session.scalar(
        select(func.count())
        .select_from(Revision)
        .where(Revision.document_id == doc_id, Revision.status != RevisionStatus.DRAFT)
    )
    if doc.status in (DocStatus.EFFECTIVE, DocStatus.OBSOLETE) or took_effect:
        raise ValidationError(
            f"{doc.code} has been in effect, so it cannot be deleted: make it obsolete instead, "
            "so that its history stays on record."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=doc.id,
        ref=doc.code,
        action="delete",
        changes=[history.Change("Title", doc.title, "")],
    )
    session.execute(delete(Revision).where(Revision.document_id == doc_id))
    session.delete(doc)


def make_obsolete(
    session: Session, doc_id: int, reason: str, user: str, on: dt.date | None = None
) -> None:
    doc = _load(session, doc_id)
    reason = clean(reason)
    if not reason:
        raise ValidationError("Say why the document is made obsolete.")
    if doc.status == DocStatus.OBSOLETE:
        raise ValidationError(f"{doc.code} is already obsolete.")
    when = on or today()
    note = f"{reason} (made obsolete on {when.isoformat()})"
    f = replace(row_fields(doc), status=DocStatus.OBSOLETE, obsolete_reason=note)
    update_document(session, doc_id, f, user, action="obsolete")
    for rev in doc.revisions:
        if rev.status == RevisionStatus.EFFECTIVE:
            rev.status = RevisionStatus.SUPERSEDED


def mark_reviewed(session: Session, doc_id: int, on: dt.date, user: str) -> None:
    """Record a periodic review that confirmed the document without changing it."""
    doc = _load(session, doc_id)
    if doc.status == DocStatus.OBSOLETE:
        raise ValidationError(f"{doc.code} is obsolete; there is nothing to review.")
    if on > today():
        raise ValidationError("The review date cannot be in the future.")
    update_document(session, doc_id, replace(row_fields(doc), last_reviewed=on), user, "review")


def row_fields(doc: Document) -> DocumentFields:
    values = {n: getattr(doc, n) for n in FIELD_NAMES}
    values["clauses"] = tuple(c for c in doc.clauses.split(", ") if c)
    return DocumentFields(**values)


@dataclass(frozen=True)
class RevisionFields:
    label: str
    revision_date: dt.date
    summary: str
    author: str
    attachment: Path | None = None


def add_revision(
    session: Session,
    doc_id: int,
    r: RevisionFields,
    user: str,
    attachments_dir: Path | None = None,
) -> int:
    """Start a new draft revision; the current effective one stays in force until it is approved."""
    doc = _load(session, doc_id)
    label = clean(r.label)
    problems = []
    if not label:
        problems.append("Revision: a label is required (for example B or 03).")
    elif len(label) > MAX_LENGTHS["revision"]:
        problems.append(f"Revision: at most {MAX_LENGTHS['revision']} characters are allowed.")
    if not clean(r.summary):
        problems.append("Change summary: say what changed in this revision.")
    if doc.status == DocStatus.OBSOLETE:
        problems.append(f"{doc.code} is obsolete; it cannot be revised.")
    if any(rev.status == RevisionStatus.DRAFT for rev in doc.revisions):
        problems.append(
            f"{doc.code} already has a draft revision; approve or change that one first."
        )
    if any(fold(rev.label) == fold(label) for rev in doc.revisions) or (
        label and fold(doc.revision) == fold(label)
    ):
        problems.append(f"Revision: {doc.code} already has a revision '{label}'.")
    if problems:
        raise ValidationError(problems)
    stored = None
    if r.attachment is not None:
        if attachments_dir is None:
            raise ValueError("attachments_dir is needed to attach a file")
        stored = attachments.store(r.attachment, attachments_dir)
    rev = Revision(
        document_id=doc.id,
        label=label,
        revision_date=r.revision_date,
        summary=clean(r.summary),
        author=clean(r.author),
        status=RevisionStatus.DRAFT,
        attachment_name=stored.name if stored else "",
        attachment_path=stored.relpath if stored else "",
        attachment_sha256=stored.sha256 if stored else "",
    )
    session.add(rev)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=doc.id,
        ref=doc.code,
        action="revise",
        changes=[
            history.Change("Draft revision", "", label),
            history.Change("Change summary", "", rev.summary),
            *(
                [history.Change("Attachment", "", f"{stored.name} (SHA-256 {stored.sha256})")]
                if stored
                else []
            ),
        ],
    )
    return rev.id


def approve_revision(
    session: Session,
    revision_id: int,
    approver: str,
    approved_on: dt.date,
    user: str,
    effective_date: dt.date | None = None,
) -> None:
    """Approve a draft revision: it becomes effective and the one before it is superseded."""
    rev = session.get(Revision, revision_id)
    if rev is None:
        raise NotFoundError(f"Revision {revision_id} does not exist.")
    doc = rev.document
    problems = []
    if rev.status != RevisionStatus.DRAFT:
        problems.append(
            f"Revision {rev.label} of {doc.code} is not a draft; it was approved before."
        )
    if not clean(approver):
        problems.append("Approved by: say who approved the revision.")
    if approved_on > today():
        problems.append("Approval date: cannot be in the future.")
    if approved_on < rev.revision_date:
        problems.append("Approval date: cannot be before the revision's date.")
    effective = effective_date or approved_on
    if effective < approved_on:
        problems.append("Effective date: cannot be before the approval date.")
    if problems:
        raise ValidationError(problems)
    for other in doc.revisions:
        if other.status == RevisionStatus.EFFECTIVE:
            other.status = RevisionStatus.SUPERSEDED
    if doc.revision and all(fold(r.label) != fold(doc.revision) for r in doc.revisions):
        # The revision in force was entered in the register without a revision record (e.g. when
        # the register was first filled in): keep it on record as superseded.
        doc.revisions.append(
            Revision(
                label=doc.revision,
                revision_date=doc.effective_date or rev.revision_date,
                summary="In force when the register was set up (no earlier record)",
                author=doc.owner,
                status=RevisionStatus.SUPERSEDED,
                effective_date=doc.effective_date,
            )
        )
    rev.status = RevisionStatus.EFFECTIVE
    rev.approved_by = clean(approver)
    rev.approved_on = approved_on
    rev.effective_date = effective
    f = replace(
        row_fields(doc),
        revision=rev.label,
        status=DocStatus.EFFECTIVE,
        effective_date=effective,
        last_reviewed=None,
    )
    changes = _apply(doc, f)
    changes.append(history.Change("Approved by", "", rev.approved_by))
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=doc.id,
        ref=doc.code,
        action="approve",
        changes=changes,
    )


def next_review_date(f: DocumentFields) -> dt.date | None:
    """The next review date the fields give (the same rule the database keeps)."""
    return next_review_for(f.status, f.effective_date, f.last_reviewed, f.review_months)
