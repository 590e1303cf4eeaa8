"""Reading the objectives: their rows with the latest measurement and status, plan steps,
measurement series for the trend charts, the measurements of a period, what falls due, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from qmsdesk.core import history
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action, ActionStatus
from qmsdesk.core.db.models_objectives import (
    Direction,
    Frequency,
    Measurement,
    Objective,
    ObjectiveStep,
)
from qmsdesk.core.db.models_planning import Process
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.due import DueItem
from qmsdesk.core.finder import Hit
from qmsdesk.core.finder import matching as matching_hits
from qmsdesk.core.objectives.periods import period_label
from qmsdesk.core.objectives.rules import (
    OBJECTIVE_FIELDS,
    MeasurementFields,
    ObjectiveFields,
    StepFields,
    next_due,
    status_of,
)
from qmsdesk.core.objectives.vocab import ENTITY, REGISTER, Status
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean, fold


def _any(row: Any) -> list[Any]:
    return list(row)


@dataclass(frozen=True)
class ObjectiveRow:
    """One objective with its latest measurement, as the table, the sheet and the PDF show it."""

    id: int
    code: str
    title: str
    commitment: str
    process_id: int | None
    owner_id: int | None
    measure: str
    unit: str
    direction: Direction
    target: float | None
    warning: float | None
    frequency: Frequency
    measured_from: dt.date
    note: str
    process_code: str
    process_name: str
    owner_name: str
    latest_period: dt.date | None
    latest_value: float | None
    measurements: int

    def fields(self) -> ObjectiveFields:
        return ObjectiveFields(**{n: getattr(self, n) for n in OBJECTIVE_FIELDS})

    def status(self, on: dt.date) -> Status:
        return status_of(
            direction=self.direction,
            target=self.target,
            warning=self.warning,
            frequency=self.frequency,
            measured_from=self.measured_from,
            latest_period=self.latest_period,
            latest_value=self.latest_value,
            on=on,
        )

    def next_due(self) -> tuple[dt.date, dt.date]:
        """(next period to measure, the day its value is due)."""
        return next_due(self.frequency, self.measured_from, self.latest_period)

    @property
    def latest_label(self) -> str:
        return (
            "" if self.latest_period is None else period_label(self.latest_period, self.frequency)
        )


def _latest(upto: dt.date | None) -> Any:
    stmt = select(
        Measurement.objective_id.label("oid"),
        func.max(Measurement.period).label("period"),
        func.count().label("n"),
    ).group_by(Measurement.objective_id)
    if upto is not None:
        stmt = stmt.where(Measurement.period <= upto)
    return stmt.subquery()


def _rows_stmt(upto: dt.date | None = None) -> Any:
    latest = _latest(upto)
    last = aliased(Measurement)
    return (
        select(
            Objective.id,
            Objective.code,
            Objective.title,
            Objective.commitment,
            Objective.process_id,
            Objective.owner_id,
            Objective.measure,
            Objective.unit,
            Objective.direction,
            Objective.target,
            Objective.warning,
            Objective.frequency,
            Objective.measured_from,
            Objective.note,
            func.coalesce(Process.code, ""),
            func.coalesce(Process.name, ""),
            func.coalesce(Person.name, ""),
            latest.c.period,
            last.value,
            func.coalesce(latest.c.n, 0),
        )
        .outerjoin(Process, Process.id == Objective.process_id)
        .outerjoin(Person, Person.id == Objective.owner_id)
        .outerjoin(latest, latest.c.oid == Objective.id)
        .outerjoin(last, and_(last.objective_id == Objective.id, last.period == latest.c.period))
    )


@dataclass(frozen=True)
class ObjectiveQuery:
    text: str = ""
    statuses: frozenset[Status] = frozenset()
    owner_id: int | None = None
    process_id: int | None = None


def all_rows(
    session: Session,
    query: ObjectiveQuery = ObjectiveQuery(),
    on: dt.date | None = None,
    *,
    upto: dt.date | None = None,
) -> list[ObjectiveRow]:
    """Every matching objective in code order (a company has tens, not thousands: the filter
    by status, which is worked out, runs here). `upto`: the latest measurement of a period that
    started by then (the objectives as they stood on a day: a review's period end)."""
    on = on or today()
    stmt = _rows_stmt(upto).order_by(Objective.code)
    if query.owner_id is not None:
        stmt = stmt.where(Objective.owner_id == query.owner_id)
    if query.process_id is not None:
        stmt = stmt.where(Objective.process_id == query.process_id)
    rows = [ObjectiveRow(*_any(r)) for r in session.execute(stmt)]
    return matching(rows, query, on)


def matching(
    rows: Sequence[ObjectiveRow], query: ObjectiveQuery, on: dt.date
) -> list[ObjectiveRow]:
    """The rows the query's text and statuses let through (worked out, so not in SQL)."""
    rows = list(rows)
    words = fold(query.text).split()
    if words:
        rows = [
            r
            for r in rows
            if all(
                w in fold(f"{r.code} {r.title} {r.measure} {r.owner_name} {r.process_code}")
                for w in words
            )
        ]
    if query.statuses:
        rows = [r for r in rows if r.status(on) in query.statuses]
    return rows


def fetch_rows(session: Session, ids: Sequence[int]) -> list[ObjectiveRow]:
    found: dict[int, ObjectiveRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for values in session.execute(_rows_stmt().where(Objective.id.in_(chunk))):
            found[values[0]] = ObjectiveRow(*_any(values))
    return [found[i] for i in ids if i in found]


def get_row(session: Session, objective_id: int) -> ObjectiveRow:
    rows = fetch_rows(session, [objective_id])
    if not rows:
        raise missing("Objective", objective_id)
    return rows[0]


def id_for_code(session: Session, code: str) -> int | None:
    return session.scalar(select(Objective.id).where(Objective.code == clean(code)))


def history_of(session: Session, objective_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, objective_id)


@dataclass(frozen=True)
class StepRow:
    id: int
    objective_id: int
    position: int
    what: str
    resources: str
    who_id: int | None
    due: dt.date | None
    evaluation: str
    action_id: int | None
    done_on: dt.date | None
    who_name: str
    action_ref: str
    action_status: ActionStatus | None

    def fields(self) -> StepFields:
        return StepFields(
            self.what,
            self.resources,
            self.who_id,
            self.due,
            self.evaluation,
            self.action_id,
            self.done_on,
        )


def steps_of(session: Session, objective_ids: Iterable[int] | None = None) -> list[StepRow]:
    """Plan steps (of the given objectives, or all), by objective and position."""
    stmt = (
        select(
            ObjectiveStep.id,
            ObjectiveStep.objective_id,
            ObjectiveStep.position,
            ObjectiveStep.what,
            ObjectiveStep.resources,
            ObjectiveStep.who_id,
            ObjectiveStep.due,
            ObjectiveStep.evaluation,
            ObjectiveStep.action_id,
            ObjectiveStep.done_on,
            func.coalesce(Person.name, ""),
            func.coalesce(Action.reference, ""),
            Action.status,
        )
        .outerjoin(Person, Person.id == ObjectiveStep.who_id)
        .outerjoin(Action, Action.id == ObjectiveStep.action_id)
        .order_by(ObjectiveStep.objective_id, ObjectiveStep.position)
    )
    if objective_ids is not None:
        stmt = stmt.where(ObjectiveStep.objective_id.in_(list(objective_ids)))
    return [StepRow(*_any(r)) for r in session.execute(stmt)]


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    objective_id: int
    code: str  # the objective's
    period: dt.date
    value: float
    comment: str
    entered_by: str
    entered_on: dt.date | None
    frequency: Frequency

    @property
    def label(self) -> str:
        return period_label(self.period, self.frequency)

    def fields(self) -> MeasurementFields:
        return MeasurementFields(
            self.period, self.value, self.comment, self.entered_by, self.entered_on
        )


def measurements(
    session: Session,
    objective_ids: Iterable[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[MeasurementRow]:
    """Measurements (of the given objectives, or all; of periods starting from `start` to `end`),
    by objective code and period."""
    stmt = (
        select(
            Measurement.id,
            Measurement.objective_id,
            Objective.code,
            Measurement.period,
            Measurement.value,
            Measurement.comment,
            Measurement.entered_by,
            Measurement.entered_on,
            Objective.frequency,
        )
        .join(Objective, Objective.id == Measurement.objective_id)
        .order_by(Objective.code, Measurement.period)
    )
    if objective_ids is not None:
        stmt = stmt.where(Measurement.objective_id.in_(list(objective_ids)))
    if start is not None:
        stmt = stmt.where(Measurement.period >= start)
    if end is not None:
        stmt = stmt.where(Measurement.period <= end)
    return [MeasurementRow(*_any(r)) for r in session.execute(stmt)]


def series(
    session: Session, objective_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[dt.date, float]]]:
    """(period, value) of every measurement, by objective: what the trend charts draw."""
    # In the table's order (read straight through), then sorted by period here: an ORDER BY walks
    # the (objective, period) index and fetches each value from its row, three times slower.
    stmt = select(Measurement.objective_id, Measurement.period, Measurement.value)
    if objective_ids is not None:
        stmt = stmt.where(Measurement.objective_id.in_(list(objective_ids)))
    out: dict[int, list[tuple[dt.date, float]]] = {}
    days: dict[object, dt.date] = {}  # the same months for every objective: each parsed once
    # Raw rows: 24,000 values read through the ORM's type conversion cost most of a second.
    for oid, period, value in raw_rows(session, stmt):
        day = days.get(period)
        if day is None:
            day = days[period] = (
                period if isinstance(period, dt.date) else dt.date.fromisoformat(period)
            )
        out.setdefault(oid, []).append((day, value))
    for values in out.values():
        values.sort()
    return out


def people_by_name(session: Session) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for pid, name in session.execute(select(Person.id, Person.name)):
        out.setdefault(fold(clean(name)), []).append(pid)
    return out


def processes_by_key(session: Session) -> dict[str, int]:
    rows = list(session.execute(select(Process.id, Process.code, Process.name)))
    out = {fold(c): i for i, c, _n in rows}
    for i, _c, n in rows:
        out.setdefault(fold(n), i)
    return out


def process_choices(session: Session) -> list[tuple[int, str]]:
    stmt = select(Process.id, Process.code, Process.name).order_by(Process.code)
    return [(i, f"{c} {n}") for i, c, n in session.execute(stmt)]


# --- the shared views ---------------------------------------------------------------------------


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Objectives whose next measurement is overdue on `on` or due within `days`."""
    horizon = on + dt.timedelta(days=days)
    found = []
    for r in all_rows(session, on=on):
        period, due = r.next_due()
        if due <= horizon:
            found.append(
                DueItem(
                    REGISTER,
                    "Measurement due",
                    r.code,
                    f"{r.title} ({period_label(period, r.frequency)})",
                    due,
                    r.id,
                    r.owner_name,
                    "objective",
                )
            )
    return found


def find(session: Session, text: str, limit: int) -> list[Hit]:
    """Search everywhere: objectives by code, title or measure."""
    return matching_hits(
        session,
        text,
        limit,
        register=REGISTER,
        reference=Objective.code,
        title=Objective.title,
        kind="objective",
        also=(Objective.measure,),
    )


def for_process(session: Session, process_id: int) -> list[tuple[str, str, Status]]:
    """(code, objective, status today) of the objectives that measure a process: what the
    process register's turtle lists (clause 4.4)."""
    on = today()
    rows = [r for r in all_rows(session, on=on) if r.process_id == process_id]
    return [(r.code, r.title, r.status(on)) for r in rows]
