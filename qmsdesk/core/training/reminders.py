"""What of training falls due: training expired, expiring or to redo after a document revision,
and checks of effectiveness (clause 7.2 c) not done.

One line per person and kind of due (not per training item): a person with six expired items is
one thing for the lead to act on, and the list stays short enough to read with 2,000 people. The
line's date is the earliest; its title names the items.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.due import DueItem
from qmsdesk.core.training.matrix import Matrix, MatrixQuery, compute_matrix
from qmsdesk.core.training.vocab import CellStatus

#: How long after training its effectiveness should be checked.
EFFECTIVENESS_DAYS = 60
#: How many item codes a line names before it says how many more.
CODES_SHOWN = 4

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
    return found


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:CODES_SHOWN])
    return shown + (f" and {len(codes) - CODES_SHOWN} more" if len(codes) > CODES_SHOWN else "")


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    horizon = on + dt.timedelta(days=days)
    matrix = matrix_for(session, on)
    wanted = tuple(int(s) for s in _WHAT)
    items = []
    for row, person in enumerate(matrix.people):
        cells = matrix.status[row]
        if not any(value in cells for value in wanted):
            continue
        found: dict[CellStatus, list[tuple[dt.date, str]]] = defaultdict(list)
        for col, value in enumerate(cells):
            if value not in wanted:
                continue
            item = matrix.items[col]
            status = CellStatus(value)
            if status == CellStatus.RETRAIN:
                day = item.document_effective or on
            else:
                latest = matrix.latest(person.id, item.id)
                day = (
                    add_months(latest.trained_on, item.validity_months)
                    if latest is not None and item.validity_months is not None
                    else on
                )
            if day <= horizon:
                found[status].append((day, item.code))
        for status, due in found.items():
            due.sort()
            items.append(
                DueItem(
                    "training",
                    _WHAT[status],
                    person.employee_no,
                    f"{person.name}: {_codes([code for _, code in due])}",
                    due[0][0],
                    person.id,
                    kind="person",
                )
            )
    items.extend(_effectiveness(session, on, horizon))
    return items


def _effectiveness(session: Session, on: dt.date, horizon: dt.date) -> list[DueItem]:
    since = add_months(on, -12)
    latest = horizon - dt.timedelta(days=EFFECTIVENESS_DAYS)
    unchecked = session.execute(
        select(
            Person.id, Person.employee_no, Person.name, TrainingRecord.trained_on, TrainingItem.code
        )
        .join(Person, Person.id == TrainingRecord.person_id)
        .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        .where(
            TrainingRecord.effectiveness_date.is_(None),
            TrainingRecord.trained_on >= since,
            TrainingRecord.trained_on <= latest,
            Person.leaving_date.is_(None),
            TrainingItem.document_id.is_(None),  # reading a document needs no such check
        )
        .order_by(Person.id, TrainingRecord.trained_on)
    )
    by_person: dict[int, tuple[str, str, dt.date, list[str]]] = {}
    for person_id, number, name, trained_on, code in unchecked:
        if person_id not in by_person:
            by_person[person_id] = (number, name, trained_on, [])
        by_person[person_id][3].append(code)
    return [
        DueItem(
            "training",
            "Effectiveness check not done",
            number,
            f"{name}: {_codes(codes)}",
            first + dt.timedelta(days=EFFECTIVENESS_DAYS),
            person_id,
            kind="person",
        )
        for person_id, (number, name, first, codes) in by_person.items()
    ]
