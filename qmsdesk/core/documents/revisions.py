"""A document's revisions: recorded in bulk by an import, added one by one, approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qmsdesk.core import attachments, company, history
from qmsdesk.core.dates import today, utcnow
from qmsdesk.core.db.fast import converted_once, insert_rows, stored_datetime
from qmsdesk.core.db.models import DocStatus, Document, Revision, RevisionStatus
from qmsdesk.core.documents.control import PLACEHOLDER_SUMMARIES, approver_problem
from qmsdesk.core.documents.reading import ENTITY
from qmsdesk.core.documents.rules import MAX_LENGTHS
from qmsdesk.core.documents.writing import _apply, _load, row_fields
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.service import load
from qmsdesk.core.text import clean, fold

# Defined in the light vocab module (the first screen needs them without SQLAlchemy), and found
# here as they always were.


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
    _replace_placeholders(session, items)
    insert_rows(session, Revision.__table__, _RECORDED_COLUMNS, rows)  # type: ignore[arg-type]
    in_force = {doc_id: r for doc_id, _code, r in items if r.status == RevisionStatus.EFFECTIVE}
    if in_force:
        # The master list shows the approval of the revision in force.
        session.execute(
            update(Document),
            [
                {"id": doc_id, "approved_by": r.approved_by, "approved_on": r.approved_on}
                for doc_id, r in in_force.items()
            ],
        )
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


def _replace_placeholders(
    session: Session, items: Sequence[tuple[int, str, RecordedRevision]]
) -> None:
    """A document imported as approved (or in review) gets its revision in force (or its draft)
    on record from the document's row; when an import records that revision itself (on the
    Revisions sheet), the recorded one replaces the placeholder."""
    incoming: dict[int, list[RecordedRevision]] = {}
    for doc_id, _code, r in items:
        incoming.setdefault(doc_id, []).append(r)
    ids = list(incoming)
    for start in range(0, len(ids), 500):
        stmt = select(Revision).where(
            Revision.document_id.in_(ids[start : start + 500]),
            Revision.summary.in_(PLACEHOLDER_SUMMARIES),
        )
        for old in session.scalars(stmt):
            for new in incoming[old.document_id]:
                if new.status == old.status or fold(new.label) == fold(old.label):
                    doc = old.document
                    if new.status == old.status and fold(doc.revision) == fold(old.label):
                        doc.revision = new.label
                    session.delete(old)
                    break
    session.flush()


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
    rev = load(session, Revision, revision_id, "Revision", note="")
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
    wrong = approver_problem(approver, rev.author, company.allows_self_approval(session))
    if wrong:
        problems.append(wrong)
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
    doc.approved_by, doc.approved_on = rev.approved_by, approved_on
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
