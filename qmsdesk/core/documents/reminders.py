"""What of the document register falls due: reviews, and draft revisions waiting for approval."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.db.fast import converted_once, raw_rows
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.due import DueItem
from qmsdesk.core.vocab import DocStatus, RevisionStatus

#: A draft revision should be approved (or dropped) within this many days of its date.
APPROVAL_DAYS = 14


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    horizon = on + dt.timedelta(days=days)
    # The fast path: a large register has thousands of reviews due, read straight from the
    # driver (dates as stored text, converted once each).
    as_day = converted_once(_day)
    reviews = raw_rows(
        session,
        select(
            Document.id, Document.code, Document.title, Document.owner, Document.next_review
        ).where(Document.status != DocStatus.OBSOLETE, Document.next_review <= horizon),
    )
    items = [
        DueItem("documents", "Review due", code, title, as_day(due), doc_id, owner, "document")
        for doc_id, code, title, owner, due in reviews
    ]
    drafts = session.execute(
        select(
            Document.id,
            Document.code,
            Document.title,
            Document.owner,
            Revision.label,
            Revision.revision_date,
        )
        .join(Revision, Revision.document_id == Document.id)
        .where(Revision.status == RevisionStatus.DRAFT, Document.status != DocStatus.OBSOLETE)
    )
    for doc_id, code, title, owner, label, day in drafts:
        due = day + dt.timedelta(days=APPROVAL_DAYS)
        if due <= horizon:
            what = f"Draft revision {label} waiting for approval"
            items.append(DueItem("documents", what, code, title, due, doc_id, owner, "document"))
    return items
