"""The small kit every register's services share: a record loaded by id with a clear error, a
unique key checked with the register's own words, a record deleted with its history.

Services take a session and leave the transaction to the caller (``with db.write() as s:``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.errors import NotFoundError, ValidationError

T = TypeVar("T")

#: What a missing record's message adds by default: it was there when the user saw it.
MAYBE_DELETED = " (it may have been deleted)"


def missing(what: str, record_id: int, *, note: str = MAYBE_DELETED) -> NotFoundError:
    """The error for a record that is not there, in the words of :func:`load`, for the sites that
    look a record up their own way (a row of a register read with a query, not an ORM object):
    ``raise missing("Action", 12)``."""
    return NotFoundError(f"{what} {record_id} does not exist{note}.")


def load(
    session: Session, model: type[T], record_id: int, what: str, *, note: str = MAYBE_DELETED
) -> T:
    """The record `record_id` of `model`, or :class:`NotFoundError` saying which `what` is gone
    ("Action 12 does not exist (it may have been deleted)."). `note` is what the message adds
    after "does not exist": each register keeps its own words ("" for none)."""
    record = session.get(model, record_id)
    if record is None:
        raise missing(what, record_id, note=note)
    return record


def ensure_unique(found_id: int | None, own_id: int | None, message: str) -> None:
    """Refuse a key that another record has: `found_id` is the record the key names (looked up
    the register's way: codes folded, references trimmed), `own_id` the record being saved
    (None for a new one). `message` says what is wrong in the register's words."""
    if found_id is not None and found_id != own_id:
        raise ValidationError(message)


def delete_with_history(
    session: Session,
    record: object,
    *,
    user: str,
    entity: str,
    entity_id: int,
    ref: str,
    changes: Sequence[history.Change],
    action: str = "delete",
) -> None:
    """Delete `record`, writing first what it was into the change history (one "delete" entry,
    its `changes` from the old value to nothing), so that the history still shows it existed.

    A part of a record (a checklist question, a review's decision) is written into the history of
    the record it belongs to: `entity`/`entity_id`/`ref` name that one, and `action` says what
    changed there ("checklist", "decision") instead of "delete"."""
    history.record(
        session,
        user=user,
        entity=entity,
        entity_id=entity_id,
        ref=ref,
        action=action,
        changes=list(changes),
    )
    session.delete(record)
    session.flush()
