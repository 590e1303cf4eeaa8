"""Reading the register: its rows, the filters and sorts of the table, counts and the period
report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from qmsdesk.core import history
from qmsdesk.core.actions.checks import FIELD_NAMES, ActionFields
from qmsdesk.core.actions.vocab import ENTITY, DueState, due_state, parse_whys
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource, ActionStatus
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean, fold


@dataclass(frozen=True)
class ActionRow:
    """One line of the register, as the table, the Excel sheet and the PDF show it."""

    id: int
    reference: str
    title: str
    kind: ActionKind
    source_kind: ActionSource
    source_ref: str
    source_id: int | None
    process: str
    problem: str
    correction: str
    correction_on: dt.date | None
    whys: tuple[str, ...]
    root_cause: str
    corrective_action: str
    owner_id: int | None
    owner_name: str
    raised_on: dt.date
    due_date: dt.date | None
    completed_on: dt.date | None
    verify_due: dt.date | None
    verified_on: dt.date | None
    verified_by_id: int | None
    verified_by_name: str
    effective: bool | None
    verification_note: str
    status: ActionStatus
    closed_on: dt.date | None
    note: str
    no_correction_reason: str = ""
    extent: str = ""
    risks_updated: bool | None = None
    qms_change: bool | None = None

    def fields(self) -> ActionFields:
        return ActionFields(**{n: getattr(self, n) for n in FIELD_NAMES})

    def due_state(self, on: dt.date | None = None) -> DueState | None:
        return due_state(self.status, self.due_date, self.verify_due, on or today())

    def next_date(self) -> dt.date | None:
        """The date the action is waiting for: its due date, or the effectiveness check's."""
        if self.status == ActionStatus.AWAITING_VERIFICATION:
            return self.verify_due
        if self.status == ActionStatus.CLOSED:
            return None
        return self.due_date


_Ts = TypeVarTuple("_Ts")
_Owner = aliased(Person)
_Verifier = aliased(Person)
_ROW_COLUMNS = (
    Action.id,
    Action.reference,
    Action.title,
    Action.kind,
    Action.source_kind,
    Action.source_ref,
    Action.source_id,
    Action.process,
    Action.problem,
    Action.correction,
    Action.correction_on,
    Action.whys,
    Action.root_cause,
    Action.corrective_action,
    Action.owner_id,
    func.coalesce(_Owner.name, ""),
    Action.raised_on,
    Action.due_date,
    Action.completed_on,
    Action.verify_due,
    Action.verified_on,
    Action.verified_by_id,
    func.coalesce(_Verifier.name, ""),
    Action.effective,
    Action.verification_note,
    Action.status,
    Action.closed_on,
    Action.note,
    Action.no_correction_reason,
    Action.extent,
    Action.risks_updated,
    Action.qms_change,
)


def _rows_stmt() -> Select[*tuple[Any, ...]]:
    return (
        select(*_ROW_COLUMNS)
        .outerjoin(_Owner, _Owner.id == Action.owner_id)
        .outerjoin(_Verifier, _Verifier.id == Action.verified_by_id)
    )


def _row(values: Sequence[Any]) -> ActionRow:
    v = list(values)
    v[11] = parse_whys(v[11])
    return ActionRow(*v)


@dataclass(frozen=True)
class ActionQuery:
    """What the register shows. Empty means everything."""

    text: str = ""
    statuses: frozenset[ActionStatus] = frozenset()
    kinds: frozenset[ActionKind] = frozenset()
    sources: frozenset[ActionSource] = frozenset()
    owner_id: int | None = None
    overdue_only: bool = False
    open_only: bool = False


SORT_KEYS = {
    "reference": Action.reference,
    "title": func.lower(Action.title),
    "kind": Action.kind,
    "source_kind": Action.source_kind,
    "source_ref": Action.source_ref,
    "process": func.lower(Action.process),
    "owner_name": func.lower(_Owner.name),
    "raised_on": Action.raised_on,
    "due_date": Action.due_date,
    "verify_due": Action.verify_due,
    "status": Action.status,
    "closed_on": Action.closed_on,
}


def _overdue_clause(on: dt.date) -> ColumnElement[bool]:
    waiting = Action.status == ActionStatus.AWAITING_VERIFICATION
    working = Action.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    return (working & (Action.due_date < on)) | (waiting & (Action.verify_due < on))


def _filtered(stmt: Select[*_Ts], query: ActionQuery, on: dt.date) -> Select[*_Ts]:
    for word in fold(query.text).split():
        pattern = f"%{word}%"
        stmt = stmt.where(
            func.lower(Action.reference).like(pattern)
            | func.lower(Action.title).like(pattern)
            | func.lower(Action.source_ref).like(pattern)
            | func.lower(Action.problem).like(pattern)
            | func.lower(func.coalesce(_Owner.name, "")).like(pattern)
        )
    if query.statuses:
        stmt = stmt.where(Action.status.in_([s.value for s in query.statuses]))
    if query.kinds:
        stmt = stmt.where(Action.kind.in_([k.value for k in query.kinds]))
    if query.sources:
        stmt = stmt.where(Action.source_kind.in_([s.value for s in query.sources]))
    if query.owner_id is not None:
        stmt = stmt.where(Action.owner_id == query.owner_id)
    if query.open_only:
        stmt = stmt.where(Action.status != ActionStatus.CLOSED)
    if query.overdue_only:
        stmt = stmt.where(_overdue_clause(on))
    return stmt


def query_ids(
    session: Session,
    query: ActionQuery = ActionQuery(),
    sort: str = "reference",
    descending: bool = False,
    on: dt.date | None = None,
) -> list[int]:
    """Ids of the matching actions in display order (SQLite's lower() folds ASCII only, so the
    search also matches in Python for other letters: see :func:`all_rows`)."""
    order = SORT_KEYS[sort]
    primary = order.desc() if descending else order.asc()
    stmt = (
        select(Action.id)
        .outerjoin(_Owner, _Owner.id == Action.owner_id)
        .order_by(order.is_(None), primary, Action.reference)
    )
    stmt = _filtered(stmt, replace(query, text=""), on or today())
    ids = [r[0] for r in raw_rows(session, stmt)]
    words = fold(query.text).split()
    if not words:
        return ids
    texts = search_texts(session)
    return [i for i in ids if all(w in texts.get(i, "") for w in words)]


def search_texts(session: Session) -> dict[int, str]:
    stmt = select(
        Action.id,
        Action.reference,
        Action.title,
        Action.source_ref,
        Action.problem,
        func.coalesce(_Owner.name, ""),
    ).outerjoin(_Owner, _Owner.id == Action.owner_id)
    return {r[0]: fold(" ".join(r[1:])) for r in raw_rows(session, stmt)}


def fetch_rows(session: Session, ids: Sequence[int]) -> list[ActionRow]:
    """Rows for the given ids, in the order given."""
    found: dict[int, ActionRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for values in session.execute(_rows_stmt().where(Action.id.in_(chunk))):
            row = _row(values)
            found[row.id] = row
    return [found[i] for i in ids if i in found]


def all_rows(
    session: Session, query: ActionQuery = ActionQuery(), on: dt.date | None = None
) -> list[ActionRow]:
    """Every matching action in reference order (exports and reports)."""
    return fetch_rows(session, query_ids(session, query, on=on))


def get_row(session: Session, action_id: int) -> ActionRow:
    rows = fetch_rows(session, [action_id])
    if not rows:
        raise missing("Action", action_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(Action.id).where(Action.reference == clean(reference)))


def for_source(
    session: Session, source_kind: ActionSource, source_ids: Iterable[int]
) -> dict[int, ActionRow]:
    """The action opened for each source record (e.g. each audit finding), by source id."""
    wanted = list(source_ids)
    found: dict[int, ActionRow] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        stmt = (
            _rows_stmt()
            .where(Action.source_kind == source_kind, Action.source_id.in_(chunk))
            .order_by(Action.id)
        )
        for values in session.execute(stmt):
            row = _row(values)
            found.setdefault(row.source_id, row)  # type: ignore[arg-type]
    return found


@dataclass(frozen=True)
class RegisterCounts:
    total: int
    open: int  # not closed
    overdue: int
    awaiting_verification: int


def counts(session: Session, on: dt.date | None = None) -> RegisterCounts:
    on = on or today()
    total, still_open, overdue, waiting = session.execute(
        select(
            func.count(),
            func.count().filter(Action.status != ActionStatus.CLOSED),
            func.count().filter(_overdue_clause(on)),
            func.count().filter(Action.status == ActionStatus.AWAITING_VERIFICATION),
        )
    ).one()
    return RegisterCounts(total, still_open, overdue, waiting)


@dataclass(frozen=True)
class PeriodReport:
    """What the register's report shows: open actions, the overdue ones, and those closed."""

    start: dt.date
    end: dt.date
    open: list[ActionRow]
    overdue: list[ActionRow]
    closed: list[ActionRow]


def period_report(
    session: Session, start: dt.date, end: dt.date, on: dt.date | None = None
) -> PeriodReport:
    """Open actions (today), the overdue ones among them, and those closed from start to end."""
    on = on or today()
    rows = all_rows(session, on=on)
    still_open = [r for r in rows if r.status != ActionStatus.CLOSED]
    overdue = [r for r in still_open if r.due_state(on) == DueState.OVERDUE]
    closed = [
        r
        for r in rows
        if r.status == ActionStatus.CLOSED and r.closed_on and start <= r.closed_on <= end
    ]
    return PeriodReport(start, end, still_open, overdue, closed)


def history_of(session: Session, action_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, action_id)


def people_choices(session: Session, on: dt.date | None = None) -> list[tuple[int, str]]:
    """(id, name) of the people who can own or check an action: those who have not left."""
    on = on or today()
    stmt = (
        select(Person.id, Person.name)
        .where((Person.leaving_date.is_(None)) | (Person.leaving_date > on))
        .order_by(Person.name)
    )
    return sorted(((r[0], r[1]) for r in raw_rows(session, stmt)), key=lambda p: fold(p[1]))
