"""Search everywhere: the actions this register holds (see :mod:`qmsdesk.core.finder`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.finder import Hit, matching


def find(session: Session, text: str, limit: int) -> list[Hit]:
    return matching(
        session, text, limit, register="actions", reference=Action.reference, title=Action.title
    )
