"""What falls due (expired, expiring soon, retrain after a revision) and a person's transcript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qmsdesk.core import people
from qmsdesk.core.dates import format_day, today
from qmsdesk.core.text import fold
from qmsdesk.core.training.matrix import CellInfo, Matrix, MatrixItem, MatrixQuery, compute_matrix
from qmsdesk.core.training.records import RecordRow, record_rows
from qmsdesk.core.training.vocab import COMPLIANT, DUE_STATUSES, CellStatus

_EVERYTHING = MatrixQuery()  # the default query: everything


@dataclass(frozen=True)
class DueRow:
    person_id: int
    employee_no: str
    name: str
    department: str
    item_id: int
    item_code: str
    item_title: str
    status: CellStatus
    last_trained: dt.date | None
    level: int | None
    required_level: int
    expires: dt.date | None
    due: dt.date | None  # when it fell or falls due (None: never done, no date)
    reason: str


def due_list(
    session: Session,
    *,
    on: dt.date | None = None,
    statuses: Iterable[CellStatus] = DUE_STATUSES,
    query: MatrixQuery = _EVERYTHING,
    matrix: Matrix | None = None,
) -> list[DueRow]:
    """Training that has expired, expires soon or must be redone after a document revision.

    Sorted by the date it falls due (undated last), then name and item code.
    """
    matrix = matrix or compute_matrix(session, query, on=on)
    wanted = {int(s) for s in statuses}
    rows = []
    for r, person in enumerate(matrix.people):
        cells = matrix.status[r]
        for c, value in enumerate(cells):
            if value not in wanted:
                continue
            item = matrix.items[c]
            info = matrix.cell(r, c)
            latest = info.latest
            status = CellStatus(value)
            due = info.expires
            if status == CellStatus.RETRAIN:
                due = item.document_effective
                reason = (
                    f"{item.document_code} is now at revision {item.document_revision}; "
                    f"trained on {latest.document_revision or 'an earlier revision'}"
                    if latest
                    else ""
                )
            elif status == CellStatus.EXPIRED:
                reason = f"Expired: valid until {format_day(info.expires)}" if info.expires else ""
            elif status == CellStatus.EXPIRING:
                reason = f"Valid until {format_day(info.expires)}" if info.expires else ""
            elif status == CellStatus.LEVEL_LOW:
                due = None
                reason = (
                    f"Level {latest.level if latest else '-'} of {info.required_level} required"
                )
            else:
                due = None
                reason = "Never trained"
            rows.append(
                DueRow(
                    person.id,
                    person.employee_no,
                    person.name,
                    person.department,
                    item.id,
                    item.code,
                    item.title,
                    status,
                    latest.trained_on if latest else None,
                    latest.level if latest else None,
                    info.required_level or 0,
                    info.expires,
                    due,
                    reason,
                )
            )
    rows.sort(key=lambda d: (d.due is None, d.due or on or today(), fold(d.name), d.item_code))
    return rows


# --- the transcript --------------------------------------------------------------------------


@dataclass(frozen=True)
class Transcript:
    """A person's training record for an auditor: who they are, what they need, what they did."""

    person: people.PersonRow
    needs: list[tuple[MatrixItem, CellInfo]]
    records: list[RecordRow]
    on: dt.date

    def compliance(self) -> tuple[int, int]:
        required = [c for _, c in self.needs if c.required_level]
        return sum(1 for c in required if c.status in COMPLIANT), len(required)


def transcript(session: Session, person_id: int, on: dt.date | None = None) -> Transcript:
    person = people.get_person(session, person_id)
    matrix = compute_matrix(
        session,
        MatrixQuery(person_ids=frozenset({person_id}), include_left=True, include_archived=True),
        on=on,
    )
    needs = []
    if matrix.people:
        for col, item in enumerate(matrix.items):
            info = matrix.cell(0, col)
            if info.required_level is not None:
                needs.append((item, info))
    return Transcript(person, needs, record_rows(session, person_id=person_id), matrix.on)
