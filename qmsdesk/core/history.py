"""The change history every register writes to: who changed which field of which record, when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import utcnow
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
                at=at, user=user, entity=entity, entity_id=entity_id, ref=ref, action=action
            )
        ]
    session.add_all(rows)


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
