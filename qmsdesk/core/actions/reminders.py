"""What of the actions register falls due: actions to complete, and effectiveness to verify."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qmsdesk.core.db.models_actions import Action, ActionStatus
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.due import DueItem


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    horizon = on + dt.timedelta(days=days)
    waiting = Action.status == ActionStatus.AWAITING_VERIFICATION
    open_ = Action.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    rows = session.execute(
        select(
            Action.id,
            Action.reference,
            Action.title,
            Action.status,
            Action.due_date,
            Action.verify_due,
            Person.name,
        )
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(
            or_(
                open_ & (Action.due_date <= horizon),
                waiting & (Action.verify_due <= horizon),
            )
        )
    )
    items = []
    for action_id, ref, title, status, due, verify_due, owner in rows:
        if status == ActionStatus.AWAITING_VERIFICATION:
            what, day = "Effectiveness to verify", verify_due
        else:
            what, day = "Action due", due
        if day is not None:  # the query asked for a date
            items.append(
                DueItem("actions", what, ref, title, day, action_id, owner or "", "action")
            )
    return items
