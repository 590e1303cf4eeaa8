"""Writing documents: one from a dialog, many from an import, and what happens to a document in
its life (obsolete, reviewed, deleted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import company, history
from qmsdesk.core.dates import today, utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models import (
    DocStatus,
    Document,
    Revision,
    RevisionStatus,
    disposal_for,
    next_review_for,
    search_text_for,
)
from qmsdesk.core.documents.control import (
    IN_FORCE_SUMMARY,
    IN_REVIEW_SUMMARY,
    PRE_QMS_APPROVER,
    Approval,
    approval_problems,
    approver_problem,
    status_problem,
)
from qmsdesk.core.documents.reading import ENTITY, fetch_rows, id_for_code
from qmsdesk.core.documents.rules import check_fields
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.processes.links import link_id, name_index, process_link
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold, plural

# Defined in the light vocab module (the first screen needs them without SQLAlchemy), and found
# here as they always were.
from qmsdesk.core.vocab import DOCUMENT_FIELDS, FIELD_NAMES, DocumentFields

# --- writing ---------------------------------------------------------------------------------


def _raise_problems(problems: Iterable[FieldProblem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems]
        )


FIELD_LABELS = DOCUMENT_FIELDS.labels()


def _stored(f: DocumentFields, name: str) -> object:
    value = getattr(f, name)
    return ", ".join(value) if name == "clauses" else value


def _ensure_unique_code(session: Session, code: str, doc_id: int | None) -> None:
    ensure_unique(
        id_for_code(session, code), doc_id, f"Code: another document already has the code '{code}'."
    )


def _new_document_problems(
    f: DocumentFields, approval: Approval | None, self_approval: bool
) -> list[str]:
    """What refuses a new document's status: it is effective only with its approval."""
    if f.status != DocStatus.EFFECTIVE:
        return []
    problems = approval_problems(approval, today())
    if approval is not None:
        wrong = approver_problem(approval.approved_by, f.owner, self_approval)
        problems += [wrong] if wrong else []
    return problems


def _first_revision(f: DocumentFields, approval: Approval | None) -> dict[str, object]:
    """The revision in force of a document entered as approved, on record with its approval; or
    (no approval) the draft of a document entered as in review, waiting for its approval."""
    if approval is None:
        return {
            "label": f.revision or FIRST_LABEL,
            "revision_date": today(),
            "summary": IN_REVIEW_SUMMARY,
            "author": f.owner,
            "status": RevisionStatus.DRAFT,
            "approved_by": "",
            "approved_on": None,
            "effective_date": None,
            "attachment_name": "",
            "attachment_path": "",
            "attachment_sha256": "",
        }
    return {
        "label": f.revision or FIRST_LABEL,
        "revision_date": min(approval.approved_on, f.effective_date or approval.approved_on),
        "summary": IN_FORCE_SUMMARY,
        "author": f.owner,
        "status": RevisionStatus.EFFECTIVE,
        "approved_by": clean(approval.approved_by),
        "approved_on": approval.approved_on,
        "effective_date": f.effective_date,
        "attachment_name": "",
        "attachment_path": "",
        "attachment_sha256": "",
    }


FIRST_LABEL = "1"  # the label of a revision in force entered with no label


def create_document(
    session: Session, f: DocumentFields, user: str, approval: Approval | None = None
) -> int:
    """Add a document. One created approved / effective needs `approval` (who approved its
    revision in force, and when): its revision is recorded with it."""
    problems = [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in check_fields(f)]
    problems += _new_document_problems(f, approval, company.allows_self_approval(session))
    if problems:
        raise ValidationError(problems)
    _ensure_unique_code(session, f.code, None)
    doc = Document(**{n: _stored(f, n) for n in FIELD_NAMES})
    doc.process_id = process_link(session, f.process)
    if f.status == DocStatus.EFFECTIVE and approval is not None:
        first = _first_revision(f, approval)
        doc.revision = str(first["label"])
        doc.approved_by, doc.approved_on = clean(approval.approved_by), approval.approved_on
        doc.revisions.append(Revision(**first))
    elif f.status == DocStatus.IN_REVIEW:
        doc.revisions.append(Revision(**_first_revision(f, None)))
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
    return load(session, Document, doc_id, "Document")


def update_document(
    session: Session, doc_id: int, f: DocumentFields, user: str, action: str = "edit"
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed (empty: nothing to do)."""
    _raise_problems(check_fields(f))
    doc = _load(session, doc_id)
    _ensure_unique_code(session, f.code, doc_id)
    if f.status != doc.status and action != "obsolete":
        wrong = status_problem(f.code, f.status, {r.status for r in doc.revisions})
        if wrong:
            raise ValidationError(wrong)
    changes = _apply(doc, f)
    process_id = process_link(session, f.process)
    if doc.process_id != process_id:
        doc.process_id = process_id
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


def _bulk_values(f: DocumentFields, processes: dict[str, int]) -> dict[str, object]:
    values = dict(vars(f))  # the fields as stored; only the clauses need joining
    values["process_id"] = link_id(processes, f.process)
    values["clauses"] = ", ".join(f.clauses)
    values["search_text"] = search_text_for(f.code, f.title, f.owner, f.note)
    values["next_review"] = next_review_date(f)
    values["disposal_date"] = disposal_for(f.doc_type, f.effective_date, f.retention)
    return values


def create_many(
    session: Session,
    items: Sequence[DocumentFields],
    user: str,
    action: str = "import",
    approvals: Sequence[Approval | None] | None = None,
) -> list[int]:
    """Create many documents in one bulk insert (an import): same rules and history as
    :func:`create_document`, about fifty times faster on thousands of rows.

    A document that is approved / effective gets its revision in force on record, approved as
    `approvals` says (None: by "approved before QMS Desk" on its effective date)."""
    problems = [
        f"{f.code}: {FIELD_LABELS.get(p.field, p.field)}: {p.message}"
        for f in items
        for p in check_fields(f)
    ]
    given = list(approvals) if approvals is not None else [None] * len(items)
    wanted_approvals = [
        (a or Approval(PRE_QMS_APPROVER, f.effective_date or today()))
        if f.status == DocStatus.EFFECTIVE
        else None
        for f, a in zip(items, given, strict=True)
    ]
    self_approval = company.allows_self_approval(session)
    problems += [
        f"{f.code}: {p}"
        for f, a in zip(items, wanted_approvals, strict=True)
        for p in _new_document_problems(f, a, self_approval)
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
    processes = name_index(session)
    rows = [
        {
            "id": doc_id,
            **_bulk_values(f, processes),
            "approved_by": "",
            "approved_on": None,
            "created_at": now,
            "updated_at": now,
        }
        for doc_id, f in zip(ids, items, strict=True)
    ]
    first_revisions = []
    for row, f, a in zip(rows, items, wanted_approvals, strict=True):
        if a is not None:
            first = _first_revision(f, a)
            row.update(revision=first["label"], approved_by=first["approved_by"])
            row["approved_on"] = a.approved_on
            first_revisions.append({**first, "document_id": row["id"], "created_at": now})
        elif f.status == DocStatus.IN_REVIEW:
            first = _first_revision(f, None)
            first_revisions.append({**first, "document_id": row["id"], "created_at": now})
    insert_many(session, Document.__table__, rows)  # type: ignore[arg-type]
    if first_revisions:
        insert_many(session, Revision.__table__, first_revisions)  # type: ignore[arg-type]
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
        problems.append(
            f"{plural(len(missing), 'document')} {'was' if len(missing) == 1 else 'were'} deleted "
            "meanwhile."
        )
    moved = [i for i, f in items if i in current and current[i].status != f.status]
    if moved:
        held: dict[int, set[RevisionStatus]] = {i: set() for i in moved}
        for start in range(0, len(moved), 500):
            stmt = select(Revision.document_id, Revision.status).where(
                Revision.document_id.in_(moved[start : start + 500])
            )
            for doc_id, status in session.execute(stmt):
                held[doc_id].add(status)
        problems += [
            p
            for i, f in items
            if i in held
            for p in [status_problem(f.code, f.status, held[i])]
            if p
        ]
    if problems:
        raise ValidationError(problems)
    now = utcnow()
    processes = name_index(session)
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
            updates.append({"id": doc_id, **_bulk_values(f, processes), "updated_at": now})
            entries.append(history.Entry(ENTITY, doc_id, f.code, action, changes))
    if updates:
        session.execute(update(Document), updates)
        history.record_many(session, user, entries)
    return len(updates)


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
    # Its revisions (drafts only, see above) go with it; the history keeps the document's title.
    session.execute(delete(Revision).where(Revision.document_id == doc_id))
    delete_with_history(
        session,
        doc,
        user=user,
        entity=ENTITY,
        entity_id=doc.id,
        ref=doc.code,
        changes=[history.Change("Title", doc.title, "")],
    )


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
    doc.approved_by, doc.approved_on = "", None  # no revision in force any more


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


def next_review_date(f: DocumentFields) -> dt.date | None:
    """The next review date the fields give (the same rule the database keeps)."""
    return next_review_for(f.status, f.effective_date, f.last_reviewed, f.review_months)
