"""Reading the measuring equipment register: rows, filters and sorts, a gauge's calibrations,
the calibration schedule and the status labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.choices import LIKE_ESCAPE, contains
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_equipment import (
    AsFound,
    AsLeft,
    CalibratedBy,
    Calibration,
    Equipment,
    EquipmentAction,
    EquipmentStatus,
)
from qmsdesk.core.db.models_nonconforming import NonconformingOutput
from qmsdesk.core.equipment.checks import EQUIPMENT_FIELDS, CalibrationFields, EquipmentFields
from qmsdesk.core.equipment.vocab import DUE_SOON_DAYS, ENTITY, SCHEDULED
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean_code

E = Equipment


@dataclass(frozen=True)
class EquipmentRow:
    id: int
    code: str
    description: str
    kind: str
    location: str
    owner: str
    range_text: str
    accuracy: str
    interval_months: int
    status: EquipmentStatus
    received_on: dt.date | None
    next_due: dt.date | None
    last_calibrated: dt.date | None
    note: str
    reviews_open: int = 0  # out-of-tolerance calibrations waiting for their impact review
    last_by: str = ""  # who did the latest calibration (for the label)

    def fields(self) -> EquipmentFields:
        return EquipmentFields(**{n: getattr(self, n) for n in EQUIPMENT_FIELDS})

    def due_word(self, on: dt.date) -> str:
        """OVERDUE, DUE SOON or nothing, for equipment calibrated on schedule."""
        if self.status not in SCHEDULED or self.next_due is None:
            return ""
        if self.next_due < on:
            return "OVERDUE"
        if self.next_due <= on + dt.timedelta(days=DUE_SOON_DAYS):
            return "DUE SOON"
        return ""


_COLUMNS = (
    E.id,
    E.code,
    E.description,
    E.kind,
    E.location,
    E.owner,
    E.range_text,
    E.accuracy,
    E.interval_months,
    E.status,
    E.received_on,
    E.next_due,
    E.last_calibrated,
    E.note,
)


@dataclass(frozen=True)
class EquipmentQuery:
    text: str = ""
    statuses: frozenset[EquipmentStatus] = frozenset()
    overdue_only: bool = False
    due_within: int | None = None  # days: overdue or due within them
    review_only: bool = False  # an impact review is waiting


SORT_KEYS: dict[str, Any] = {
    "code": E.code,
    "description": func.lower(E.description),
    "kind": func.lower(E.kind),
    "location": func.lower(E.location),
    "owner": func.lower(E.owner),
    "interval_months": E.interval_months,
    "status": E.status,
    "received_on": E.received_on,
    "last_calibrated": E.last_calibrated,
    "next_due": E.next_due,
}


def overdue_clause(on: dt.date) -> ColumnElement[bool]:
    return (E.next_due < on) & E.status.in_([s.value for s in SCHEDULED])


def _review_waiting() -> ColumnElement[bool]:
    return (Calibration.as_found == AsFound.OUT_OF_TOLERANCE) & (
        (Calibration.impact_review == "") | (Calibration.impact_decision == "")
    )


def _filtered(stmt: Select[Any], query: EquipmentQuery, on: dt.date) -> Select[Any]:
    for word in query.text.split():
        pattern = contains(word)
        stmt = stmt.where(
            E.code.ilike(pattern, escape=LIKE_ESCAPE)
            | E.description.ilike(pattern, escape=LIKE_ESCAPE)
            | E.kind.ilike(pattern, escape=LIKE_ESCAPE)
            | E.location.ilike(pattern, escape=LIKE_ESCAPE)
            | E.owner.ilike(pattern, escape=LIKE_ESCAPE)
        )
    if query.statuses:
        stmt = stmt.where(E.status.in_([s.value for s in query.statuses]))
    if query.overdue_only:
        stmt = stmt.where(overdue_clause(on))
    if query.due_within is not None:
        stmt = stmt.where(
            E.next_due <= on + dt.timedelta(days=query.due_within),
            E.status.in_([s.value for s in SCHEDULED]),
        )
    if query.review_only:
        stmt = stmt.where(E.id.in_(select(Calibration.equipment_id).where(_review_waiting())))
    return stmt


def query_ids(
    session: Session,
    query: EquipmentQuery = EquipmentQuery(),
    sort: str = "code",
    descending: bool = False,
    on: dt.date | None = None,
) -> list[int]:
    order = SORT_KEYS[sort]
    primary = order.desc() if descending else order.asc()
    orders = (primary,) if sort == "code" else (order.is_(None), primary, E.code)
    stmt = select(E.id).order_by(*orders)
    stmt = _filtered(stmt, query, on or today())
    return [r[0] for r in raw_rows(session, stmt)]


def fetch_rows(session: Session, ids: Sequence[int]) -> list[EquipmentRow]:
    found: dict[int, EquipmentRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        waiting = dict(
            session.execute(
                select(Calibration.equipment_id, func.count())
                .where(Calibration.equipment_id.in_(chunk), _review_waiting())
                .group_by(Calibration.equipment_id)
            ).all()
        )
        latest = (
            select(Calibration.equipment_id, func.max(Calibration.id).label("last"))
            .where(Calibration.equipment_id.in_(chunk))
            .group_by(Calibration.equipment_id)
            .subquery()
        )
        by = dict(
            session.execute(
                select(Calibration.equipment_id, Calibration.performed_by).join(
                    latest, latest.c.last == Calibration.id
                )
            ).all()
        )
        for values in session.execute(select(*_COLUMNS).where(E.id.in_(chunk))):
            eid = values[0]
            args: list[Any] = [*values, waiting.get(eid, 0), by.get(eid, "")]
            found[eid] = EquipmentRow(*args)
    return [found[i] for i in ids if i in found]


def all_rows(
    session: Session, query: EquipmentQuery = EquipmentQuery(), on: dt.date | None = None
) -> list[EquipmentRow]:
    return fetch_rows(session, query_ids(session, query, on=on))


def get_row(session: Session, equipment_id: int) -> EquipmentRow:
    rows = fetch_rows(session, [equipment_id])
    if not rows:
        raise missing("Equipment", equipment_id)
    return rows[0]


def id_for_code(session: Session, code: str) -> int | None:
    return session.scalar(select(E.id).where(E.code == clean_code(code)))


def codes(session: Session) -> dict[str, tuple[int, dt.date | None]]:
    """Every piece of equipment's (id, received on) by its code folded (importers)."""
    return {
        c.casefold(): (i, None if r is None else dt.date.fromisoformat(r))
        for i, c, r in raw_rows(session, select(E.id, E.code, E.received_on))
    }


@dataclass(frozen=True)
class CalibrationRow:
    id: int
    equipment_id: int
    equipment_code: str
    calibrated_on: dt.date
    by: CalibratedBy
    performed_by: str
    certificate_no: str
    as_found: AsFound
    as_left: AsLeft
    next_due: dt.date | None
    impact_review: str
    impact_decision: str
    nc_id: int | None
    nc_ref: str
    action_id: int | None
    action_ref: str
    attachment_name: str
    attachment_path: str
    note: str

    def fields(self) -> CalibrationFields:
        return CalibrationFields(
            self.calibrated_on,
            self.by,
            self.performed_by,
            self.certificate_no,
            self.as_found,
            self.as_left,
            self.next_due,
            self.impact_review,
            self.impact_decision,
            self.note,
        )

    @property
    def needs_impact_review(self) -> bool:
        return self.fields().needs_impact_review


C = Calibration


def calibrations(
    session: Session,
    equipment_id: int | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    out_of_tolerance: bool = False,
) -> list[CalibrationRow]:
    stmt = (
        select(
            C.id,
            C.equipment_id,
            E.code,
            C.calibrated_on,
            C.by,
            C.performed_by,
            C.certificate_no,
            C.as_found,
            C.as_left,
            C.next_due,
            C.impact_review,
            C.impact_decision,
            C.nc_id,
            func.coalesce(NonconformingOutput.reference, ""),
            C.action_id,
            func.coalesce(Action.reference, ""),
            C.attachment_name,
            C.attachment_path,
            C.note,
        )
        .join(E, E.id == C.equipment_id)
        .outerjoin(NonconformingOutput, NonconformingOutput.id == C.nc_id)
        .outerjoin(Action, Action.id == C.action_id)
        .order_by(E.code, C.calibrated_on, C.id)
    )
    if equipment_id is not None:
        stmt = stmt.where(C.equipment_id == equipment_id)
    if start is not None:
        stmt = stmt.where(C.calibrated_on >= start)
    if end is not None:
        stmt = stmt.where(C.calibrated_on <= end)
    if out_of_tolerance:
        stmt = stmt.where(C.as_found == AsFound.OUT_OF_TOLERANCE)
    return [CalibrationRow(*tuple[Any, ...](r)) for r in session.execute(stmt)]


def get_calibration(session: Session, calibration_id: int) -> CalibrationRow:
    cal = session.get(Calibration, calibration_id)
    if cal is None:
        raise missing("Calibration", calibration_id)
    for row in calibrations(session, cal.equipment_id):
        if row.id == calibration_id:
            return row
    raise missing("Calibration", calibration_id)


def schedule(session: Session, on: dt.date | None = None) -> list[EquipmentRow]:
    """Equipment calibrated on schedule, the soonest due first (the calibration schedule), read
    in three statements whatever its size."""
    scheduled = [s.value for s in SCHEDULED]
    waiting = dict(
        session.execute(
            select(Calibration.equipment_id, func.count())
            .where(_review_waiting())
            .group_by(Calibration.equipment_id)
        ).all()
    )
    latest = (
        select(Calibration.equipment_id, func.max(Calibration.id).label("last"))
        .group_by(Calibration.equipment_id)
        .subquery()
    )
    by = dict(
        session.execute(
            select(Calibration.equipment_id, Calibration.performed_by).join(
                latest, latest.c.last == Calibration.id
            )
        ).all()
    )
    stmt = (
        select(*_COLUMNS)
        .where(E.status.in_(scheduled))
        .order_by(E.next_due.is_(None), E.next_due, E.code)
    )
    out = []
    for values in session.execute(stmt):
        args: list[Any] = [*values, waiting.get(values[0], 0), by.get(values[0], "")]
        out.append(EquipmentRow(*args))
    return out


def actions_of(session: Session, equipment_id: int) -> list[tuple[str, str, str]]:
    return [
        (ref, title, str(status.value))
        for ref, title, status in session.execute(
            select(Action.reference, Action.title, Action.status)
            .join(EquipmentAction, EquipmentAction.action_id == Action.id)
            .where(EquipmentAction.equipment_id == equipment_id)
            .order_by(Action.reference)
        )
    ]


@dataclass(frozen=True)
class Counts:
    total: int
    scheduled: int
    overdue: int


def counts(session: Session, on: dt.date | None = None) -> Counts:
    on = on or today()
    total, scheduled, overdue = session.execute(
        select(
            func.count(),
            func.count().filter(E.status.in_([s.value for s in SCHEDULED])),
            func.count().filter(overdue_clause(on)),
        ).select_from(E)
    ).one()
    return Counts(total, scheduled, overdue)


def history_of(session: Session, equipment_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, equipment_id)
