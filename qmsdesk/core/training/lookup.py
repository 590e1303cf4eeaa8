"""Search everywhere: the people and the training items (see :mod:`qmsdesk.core.finder`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qmsdesk.core.db.models_training import Person, TrainingItem
from qmsdesk.core.finder import Hit, matching


def find(session: Session, text: str, limit: int) -> list[Hit]:
    people = matching(
        session,
        text,
        limit,
        register="training",
        kind="person",
        reference=Person.employee_no,
        title=Person.name,
    )
    items = matching(
        session,
        text,
        limit,
        register="training",
        kind="item",
        reference=TrainingItem.code,
        title=TrainingItem.title,
    )
    return people + items
