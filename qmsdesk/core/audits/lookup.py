"""Search everywhere: the audits of the programme (see :mod:`qmsdesk.core.finder`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qmsdesk.core.db.models_audits import Audit
from qmsdesk.core.finder import Hit, matching


def find(session: Session, text: str, limit: int) -> list[Hit]:
    return matching(
        session, text, limit, register="audits", reference=Audit.reference, title=Audit.title
    )
