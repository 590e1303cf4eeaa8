"""The change history every register writes to: who changed which field of which record, when."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.fast import insert_many
from qmsdesk.core.db.models import ChangeRecord


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangeRow:
    at: dt.datetime
    user: str
    action: str
    ref: str
    field: str
    old_value: str
    new_value: str


def as_text(value: object) -> str:
    """How a value is written into the history: dates as ISO, enums by value, None as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


GENESIS = "0" * 64


def chain_hash(
    previous: str,
    at: dt.datetime,
    user: str,
    entity: str,
    entity_id: int,
    ref: str,
    action: str,
    field: str,
    old_value: str,
    new_value: str,
) -> str:
    """The hash of one history row, chained to the row before it.

    This formula is part of the file format: files written by every version are checked with it,
    so it must never change.
    """
    parts = [
        previous,
        at.isoformat(timespec="microseconds"),
        user,
        entity,
        str(entity_id),
        ref,
        action,
        field,
        old_value,
        new_value,
    ]
    # Length-prefixed, so that moving text from one field to the next changes the hash.
    payload = "".join(f"{len(p)}:{p};" for p in parts)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    last = session.scalar(select(ChangeRecord.hash).order_by(ChangeRecord.id.desc()).limit(1))
    return last or GENESIS


@dataclass(frozen=True)
class Entry:
    """One action on one record, for :func:`record_many`."""

    entity: str
    entity_id: int
    ref: str
    action: str
    changes: tuple[Change, ...] = ()


def record_many(session: Session, user: str, entries: Iterable[Entry]) -> int:
    """Add the history of many actions in one bulk insert (imports); returns the rows written."""
    at = utcnow()
    previous = _last_hash(session)
    rows = []
    for entry in entries:
        for change in entry.changes or (Change("", "", ""),):
            previous = chain_hash(
                previous, at, user, entry.entity, entry.entity_id, entry.ref, entry.action,
                change.field, change.old, change.new,
            )  # fmt: skip
            rows.append(
                {
                    "at": at, "user": user, "entity": entry.entity, "entity_id": entry.entity_id,
                    "ref": entry.ref, "action": entry.action, "field": change.field,
                    "old_value": change.old, "new_value": change.new, "hash": previous,
                }
            )  # fmt: skip
    insert_many(session, ChangeRecord.__table__, rows)  # type: ignore[arg-type]
    return len(rows)


def record(
    session: Session,
    *,
    user: str,
    entity: str,
    entity_id: int,
    ref: str,
    action: str,
    changes: Iterable[Change] = (),
) -> None:
    """Add history rows for one action; an action without field changes still leaves one row."""
    at = utcnow()
    rows = [
        ChangeRecord(
            at=at,
            user=user,
            entity=entity,
            entity_id=entity_id,
            ref=ref,
            action=action,
            field=c.field,
            old_value=c.old,
            new_value=c.new,
        )
        for c in changes
    ]
    if not rows:
        rows = [
            ChangeRecord(
                at=at,
                user=user,
                entity=entity,
                entity_id=entity_id,
                ref=ref,
                action=action,
                field="",
                old_value="",
                new_value="",
            )
        ]
    previous = _last_hash(session)
    for row in rows:
        row.hash = previous = chain_hash(
            previous,
            row.at,
            row.user,
            row.entity,
            row.entity_id,
            row.ref,
            row.action,
            row.field,
            row.old_value,
            row.new_value,
        )
    session.add_all(rows)
    session.flush()


def for_entity(session: Session, entity: str, entity_id: int) -> list[ChangeRow]:
    """The history of one record, newest first."""
    stmt = (
        select(ChangeRecord)
        .where(ChangeRecord.entity == entity, ChangeRecord.entity_id == entity_id)
        .order_by(ChangeRecord.id.desc())
    )
    return [
        ChangeRow(r.at, r.user, r.action, r.ref, r.field, r.old_value, r.new_value)
        for r in session.scalars(stmt)
    ]


def verify_chain(session: Session) -> list[int]:
    """Ids of history rows whose hash does not follow from the rows before them (empty: intact)."""
    broken = []
    previous = GENESIS
    stmt = select(
        ChangeRecord.id,
        ChangeRecord.at,
        ChangeRecord.user,
        ChangeRecord.entity,
        ChangeRecord.entity_id,
        ChangeRecord.ref,
        ChangeRecord.action,
        ChangeRecord.field,
        ChangeRecord.old_value,
        ChangeRecord.new_value,
        ChangeRecord.hash,
    ).order_by(ChangeRecord.id)
    for row in session.execute(stmt):
        expected = chain_hash(previous, *row[1:10])
        if row.hash != expected:
            broken.append(row.id)
        previous = row.hash
    return broken
