"""What of management reviews falls due: the next review once 12 months have passed since the
last one held, a review planned for a day gone by, and minutes held but not approved."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_reviews import Review, ReviewStatus
from qmsdesk.core.due import DueItem

#: Minutes should be approved within this many days of the meeting.
APPROVAL_DAYS = 30


def last_held(session: Session) -> tuple[int, str, dt.date] | None:
    row = session.execute(
        select(Review.id, Review.reference, Review.meeting_date)
        .where(Review.status.in_([ReviewStatus.HELD, ReviewStatus.APPROVED]))
        .order_by(Review.meeting_date.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1], row[2])


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    horizon = on + dt.timedelta(days=days)
    items = []
    planned = list(
        session.execute(
            select(Review.id, Review.reference, Review.title, Review.meeting_date).where(
                Review.status == ReviewStatus.PLANNED, Review.meeting_date <= horizon
            )
        )
    )
    for review_id, ref, title, day in planned:
        items.append(DueItem("reviews", "Management review to hold", ref, title, day, review_id))
    last = last_held(session)
    if not planned:
        if last is None:
            has_any = session.scalar(select(func.count(Review.id)))
            if not has_any:
                items.append(
                    DueItem("reviews", "Management review due", "", "No review held yet", on, 0)
                )
        else:
            review_id, ref, day = last
            due = add_months(day, 12)
            if due <= horizon:
                items.append(
                    DueItem(
                        "reviews",
                        "Management review due (12 months)",
                        ref,
                        f"12 months since {ref} ({day.isoformat()})",
                        due,
                        review_id,
                    )
                )
    unapproved = session.execute(
        select(Review.id, Review.reference, Review.title, Review.meeting_date).where(
            Review.status == ReviewStatus.HELD
        )
    )
    for review_id, ref, title, day in unapproved:
        due = day + dt.timedelta(days=APPROVAL_DAYS)
        if due <= horizon:
            items.append(DueItem("reviews", "Minutes to approve", ref, title, due, review_id))
    return items
