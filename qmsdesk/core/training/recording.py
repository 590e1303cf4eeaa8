"""Recording training: one session for many attendees, an import, corrections, deletion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import attachments, history
from qmsdesk.core.dates import format_day, utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.service import load, missing
from qmsdesk.core.training.records import (
    RECORD_FIELDS,
    RecordFields,
    RevisionLookup,
    check_record,
    get_record,
    person_problems,
    record_ref,
    record_rows,
    stored_path,
)
from qmsdesk.core.training.vocab import RECORD_ENTITY, RECORD_LABELS


def record_training(
    session: Session,
    person_ids: Sequence[int],
    item_id: int,
    f: RecordFields,
    user: str,
    *,
    evidence: Path | None = None,
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> list[int]:
    """Record one training session for every attendee; returns the new record ids.

    The evidence file (an attendance sheet, a certificate) is stored once and shared by the
    attendees' records. A linked document's revision defaults to the one in force that day.
    """
    item = load(session, TrainingItem, item_id, "Training item", note="")
    if not person_ids:
        raise ValidationError("Choose at least one person who attended.")
    if len(set(person_ids)) != len(person_ids):
        raise ValidationError("The same person is listed twice among the attendees.")
    problems = [
        f"{RECORD_LABELS.get(p.field, p.field)}: {p.message}"
        for p in check_record(f, item.max_level, on, item.delivery)
    ]
    if item.archived:
        problems.append(f"{item.code} is archived; bring it back before recording training in it.")
    problems += person_problems(session, person_ids, f.trained_on)
    if problems:
        raise ValidationError(problems)
    if evidence is not None:
        if attachments_dir is None:
            raise ValueError("attachments_dir is needed to attach a file")
        stored = attachments.store(evidence, attachments_dir)
        f = replace(f, attachment_name=stored.name, attachment_sha256=stored.sha256)
        path = stored.relpath
    else:
        path = stored_path(f.attachment_name, f.attachment_sha256)
    if item.document_id is not None and not f.document_revision:
        f = replace(
            f,
            document_revision=RevisionLookup(session, [item.document_id]).on(
                item.document_id, f.trained_on
            ),
        )
    return _insert_records(
        session, [(pid, item_id, f, path) for pid in person_ids], user, action="record"
    )


def _insert_records(
    session: Session,
    items: Sequence[tuple[int, int, RecordFields, str]],
    user: str,
    action: str,
) -> list[int]:
    if not items:
        return []
    now = utcnow()
    first = (session.scalar(select(func.max(TrainingRecord.id))) or 0) + 1
    ids = list(range(first, first + len(items)))
    rows = []
    for rid, (pid, iid, f, path) in zip(ids, items, strict=True):
        row = {n: getattr(f, n) for n in RECORD_FIELDS}
        row.update(id=rid, person_id=pid, item_id=iid, attachment_path=path, created_at=now)
        rows.append(row)
    insert_many(session, TrainingRecord.__table__, rows)  # type: ignore[arg-type]
    numbers = dict(
        raw_rows(
            session,
            select(Person.id, Person.employee_no).where(
                Person.id.in_(sorted({p for p, *_ in items}))
            ),
        )
    )
    codes = dict(
        raw_rows(
            session,
            select(TrainingItem.id, TrainingItem.code).where(
                TrainingItem.id.in_(sorted({i for _, i, *_ in items}))
            ),
        )
    )
    history.record_many(
        session,
        user,
        (
            history.Entry(
                RECORD_ENTITY,
                rid,
                record_ref(numbers[pid], codes[iid], f.trained_on),
                action,
                (
                    history.Change(
                        "Trained", "", f"{codes[iid]} level {f.level} on {f.trained_on}"
                    ),
                    *(
                        [
                            history.Change(
                                "Evidence",
                                "",
                                f"{f.attachment_name} (SHA-256 {f.attachment_sha256})",
                            )
                        ]
                        if f.attachment_sha256
                        else []
                    ),
                ),
            )
            for rid, (pid, iid, f, _path) in zip(ids, items, strict=True)
        ),
    )
    return ids


def insert_records(
    session: Session,
    items: Sequence[tuple[int, int, RecordFields]],
    user: str,
    action: str = "import",
    on: dt.date | None = None,
) -> list[int]:
    """Record many trainings at once (an import): (person id, item id, fields) each."""
    max_levels = dict(raw_rows(session, select(TrainingItem.id, TrainingItem.max_level)))
    deliveries = _deliveries(session)
    problems = []
    for _pid, iid, f in items:
        if iid not in max_levels:
            problems.append(f"Training item {iid} does not exist.")
            continue
        problems += [
            f"{RECORD_LABELS.get(p.field, p.field)}: {p.message}"
            for p in check_record(f, max_levels[iid], on, deliveries[iid])
        ]
    left = {
        pid: (name, dt.date.fromisoformat(day))
        for pid, name, day in raw_rows(
            session,
            select(Person.id, Person.name, Person.leaving_date).where(
                Person.leaving_date.is_not(None)
            ),
        )
    }
    problems += [
        f"{left[pid][0]} left on {format_day(left[pid][1])}, before the training of "
        f"{format_day(f.trained_on)}."
        for pid, _iid, f in items
        if pid in left and f.trained_on > left[pid][1]
    ]
    if problems:
        raise ValidationError(problems)
    linked = dict(
        raw_rows(
            session,
            select(TrainingItem.id, TrainingItem.document_id).where(
                TrainingItem.document_id.is_not(None)
            ),
        )
    )
    lookup = RevisionLookup(session, linked.values())
    prepared = []
    for pid, iid, f in items:
        if iid in linked and not f.document_revision:
            f = replace(f, document_revision=lookup.on(linked[iid], f.trained_on))
        prepared.append((pid, iid, f, stored_path(f.attachment_name, f.attachment_sha256)))
    return _insert_records(session, prepared, user, action)


def _record_changes(old: RecordFields, new: RecordFields) -> list[history.Change]:
    return [
        history.Change(
            RECORD_LABELS[n], history.as_text(getattr(old, n)), history.as_text(getattr(new, n))
        )
        for n in RECORD_FIELDS
        if getattr(old, n) != getattr(new, n)
    ]


def update_record(
    session: Session,
    record_id: int,
    f: RecordFields,
    user: str,
    *,
    evidence: Path | None = None,
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> list[str]:
    """Correct a record or add its effectiveness check; returns the labels of changed fields."""
    return update_records_many(
        session,
        [(record_id, f)],
        user,
        action="edit",
        evidence=evidence,
        attachments_dir=attachments_dir,
        on=on,
    )


def update_records_many(
    session: Session,
    items: Sequence[tuple[int, RecordFields]],
    user: str,
    action: str = "import",
    *,
    evidence: Path | None = None,
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> list[str]:
    """Apply edited fields to many records; returns the labels of the fields that changed."""
    current = {r.id: r for r in record_rows(session, ids=[i for i, _ in items])}
    absent = [i for i, _ in items if i not in current]
    if absent:
        raise missing("Training record", absent[0], note="")
    max_levels = dict(raw_rows(session, select(TrainingItem.id, TrainingItem.max_level)))
    deliveries = _deliveries(session)
    stored = None
    if evidence is not None:
        if attachments_dir is None:
            raise ValueError("attachments_dir is needed to attach a file")
        stored = attachments.store(evidence, attachments_dir)
        items = [
            (i, replace(f, attachment_name=stored.name, attachment_sha256=stored.sha256))
            for i, f in items
        ]
    problems = [
        f"{RECORD_LABELS.get(p.field, p.field)}: {p.message}"
        for rid, f in items
        for p in check_record(
            f, max_levels[current[rid].item_id], on, deliveries[current[rid].item_id]
        )
    ]
    if problems:
        raise ValidationError(problems)
    rows, entries, labels = [], [], []
    for rid, f in items:
        row = current[rid]
        changes = _record_changes(row.fields(), f)
        if not changes:
            continue
        values = {n: getattr(f, n) for n in RECORD_FIELDS}
        values["attachment_path"] = (
            stored.relpath if stored else stored_path(f.attachment_name, f.attachment_sha256)
        )
        rows.append({"id": rid, **values})
        entries.append(
            history.Entry(
                RECORD_ENTITY,
                rid,
                record_ref(row.employee_no, row.item_code, f.trained_on),
                action,
                tuple(changes),
            )
        )
        labels += [c.field for c in changes if c.field not in labels]
    if rows:
        session.execute(update(TrainingRecord), rows)
        history.record_many(session, user, entries)
    return labels


def delete_record(session: Session, record_id: int, user: str) -> None:
    """Delete a record entered by mistake (the change history keeps what it said)."""
    row = get_record(session, record_id)
    history.record(
        session,
        user=user,
        entity=RECORD_ENTITY,
        entity_id=record_id,
        ref=record_ref(row.employee_no, row.item_code, row.trained_on),
        action="delete",
        changes=[
            history.Change("Trained", f"{row.item_code} level {row.level} on {row.trained_on}", "")
        ],
    )
    session.execute(delete(TrainingRecord).where(TrainingRecord.id == record_id))


def record_history(session: Session, record_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, RECORD_ENTITY, record_id)


def _deliveries(session: Session) -> dict[int, str]:
    """Each item's delivery (the level a record may show depends on it)."""
    return dict(raw_rows(session, select(TrainingItem.id, TrainingItem.delivery)))
