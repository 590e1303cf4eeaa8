"""Search everywhere: the documents this register holds (see :mod:`qmsdesk.core.finder`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qmsdesk.core.db.models import Document
from qmsdesk.core.finder import Hit, matching


def find(session: Session, text: str, limit: int) -> list[Hit]:
    return matching(
        session, text, limit, register="documents", reference=Document.code, title=Document.title
    )
