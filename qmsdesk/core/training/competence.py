"""Competence checks of clause 7.2: training items that qualify an internal auditor, people who
would train themselves, and the effectiveness checks not yet done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.service import load
from qmsdesk.core.text import clean, fold
from qmsdesk.core.training.records import RecordRow, record_rows
from qmsdesk.core.training.vocab import ITEM_ENTITY

QUALIFIES_AUDITOR_LABEL = "Qualifies as internal auditor"


def set_qualifies_auditor(session: Session, item_id: int, value: bool, user: str) -> bool:
    """Mark (or unmark) a training item as qualifying someone to lead an internal audit;
    returns whether anything changed."""
    item = load(session, TrainingItem, item_id, "Training item", note="")
    if bool(item.qualifies_auditor) == value:
        return False
    old = "Yes" if item.qualifies_auditor else "No"
    item.qualifies_auditor = value
    history.record(
        session,
        user=user,
        entity=ITEM_ENTITY,
        entity_id=item.id,
        ref=item.code,
        action="edit",
        changes=[history.Change(QUALIFIES_AUDITOR_LABEL, old, "Yes" if value else "No")],
    )
    return True


def qualifying_items(session: Session) -> list[int]:
    stmt = select(TrainingItem.id).where(TrainingItem.qualifies_auditor.is_(True))
    return [i for (i,) in raw_rows(session, stmt)]


def self_training_warnings(session: Session, person_ids: Sequence[int], trainer: str) -> list[str]:
    """A warning for each attendee who is also named as the trainer: someone who trains
    themselves shows no competence gained from anyone (record how it was assessed instead)."""
    wanted = " ".join(fold(clean(trainer)).split())
    if not wanted or not person_ids:
        return []
    stmt = select(Person.name).where(Person.id.in_(list(person_ids)))
    return [
        f"{name} is both the trainer and a trainee: record who assessed their competence, or "
        "name another trainer."
        for (name,) in raw_rows(session, stmt)
        if " ".join(fold(name).split()) == wanted
    ]


def pending_effectiveness(
    session: Session, on: dt.date | None = None, *, older_than_days: int = 0
) -> list[RecordRow]:
    """Training records whose effectiveness has not been checked yet (clause 7.2 c), oldest
    first: those trained at least `older_than_days` days before `on`."""
    on = on or today()
    cutoff = on - dt.timedelta(days=older_than_days)
    stmt = select(TrainingRecord.id).where(
        TrainingRecord.effectiveness_date.is_(None), TrainingRecord.trained_on <= cutoff
    )
    ids = [i for (i,) in raw_rows(session, stmt)]
    if not ids:
        return []
    rows = []
    for start in range(0, len(ids), 500):
        rows += record_rows(session, ids=ids[start : start + 500])
    return sorted(rows, key=lambda r: (r.trained_on, fold(r.person_name), r.item_code))
