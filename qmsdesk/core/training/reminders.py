"""What of training falls due: training expired, expiring or to redo after a document revision,
and checks of effectiveness (clause 7.2 c) not done."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.due import DueItem
from qmsdesk.core.training.due import due_list
from qmsdesk.core.training.matrix import Matrix, MatrixQuery, compute_matrix
from qmsdesk.core.training.vocab import CellStatus

#: How long after training its effectiveness should be checked.
EFFECTIVENESS_DAYS = 60

_WHAT = {
    CellStatus.EXPIRED: "Training expired",
    CellStatus.EXPIRING: "Training expiring",
    CellStatus.RETRAIN: "Training to redo (new revision)",
}


def matrix_for(session: Session, on: dt.date) -> Matrix:
    """The whole training matrix on `on`, worked out once per session (the home page's due list,
    readiness and the mock audit all read it)."""
    key = ("qmsdesk.training.matrix", on)
    found = session.info.get(key)
    if found is None:
        found = session.info[key] = compute_matrix(session, MatrixQuery(), on=on)
    return found  # type: ignore[no-any-return]


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    horizon = on + dt.timedelta(days=days)
    items = []
    for row in due_list(session, on=on, matrix=matrix_for(session, on)):
        day = row.due or on
        if day <= horizon:
            items.append(
                DueItem(
                    "training",
                    # The item's code in `what` keeps each item's UID apart (one person).
                    f"{_WHAT.get(row.status, 'Training due')}: {row.item_code}",
                    row.employee_no,
                    f"{row.name}: {row.item_title}",
                    day,
                    row.person_id,
                    kind="person",
                )
            )
    since = add_months(on, -12)
    latest = horizon - dt.timedelta(days=EFFECTIVENESS_DAYS)
    unchecked = session.execute(
        select(TrainingRecord.id, TrainingRecord.trained_on, Person.employee_no, Person.name,
               TrainingItem.code, TrainingItem.title)
        .join(Person, Person.id == TrainingRecord.person_id)
        .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        .where(
            TrainingRecord.effectiveness_date.is_(None),
            TrainingRecord.trained_on >= since,
            TrainingRecord.trained_on <= latest,
            Person.leaving_date.is_(None),
            TrainingItem.document_id.is_(None),  # reading a document needs no such check
        )
    )  # fmt: skip
    for record_id, trained_on, number, name, code, title in unchecked:
        items.append(
            DueItem(
                "training",
                f"Effectiveness check not done: {code}",
                number,
                f"{name}: {title} (trained {trained_on.isoformat()})",
                trained_on + dt.timedelta(days=EFFECTIVENESS_DAYS),
                record_id,
                kind="record",
            )
        )
    return items
