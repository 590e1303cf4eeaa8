"""The actions register (ISO 9001:2015 clause 10.2): one list of corrective and other actions.

Internal audits feed it with their nonconformities; management reviews, customer complaints and
process nonconformities feed it too. Each action says where it comes from (a source kind, a
reference people know it by, and the id of the record in the source's own table).

The life of an action: open -> in progress (someone is working on it) -> awaiting verification (the
action was carried out) -> closed, and closed only after someone checked, on a date, that it worked.
A check that finds it did not work sends it back to in progress. Services take a session and return
plain data; callers own the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from qmsdesk.core import history
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import Action, ActionKind, ActionSource, ActionStatus
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import FieldProblem, NotFoundError, ValidationError
from qmsdesk.core.text import clean, fold

ENTITY = "action"
WHYS_MAX = 7  # the helper asks "why?" five times; a little room for a longer chain

KIND_LABELS: dict[ActionKind, str] = {
    ActionKind.CORRECTIVE: "Corrective action",
    ActionKind.IMPROVEMENT: "Improvement",
    ActionKind.OTHER: "Other action",
}
SOURCE_LABELS: dict[ActionSource, str] = {
    ActionSource.INTERNAL_AUDIT: "Internal audit",
    ActionSource.MANAGEMENT_REVIEW: "Management review",
    ActionSource.CUSTOMER_COMPLAINT: "Customer complaint",
    ActionSource.PROCESS_NC: "Process nonconformity",
    ActionSource.SUPPLIER: "Supplier problem",
    ActionSource.OTHER: "Other",
}
STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.AWAITING_VERIFICATION: "Awaiting verification",
    ActionStatus.CLOSED: "Closed",
}
#: Reference prefixes by kind: CA-2026-001.
PREFIXES: dict[ActionKind, str] = {
    ActionKind.CORRECTIVE: "CA",
    ActionKind.IMPROVEMENT: "IMP",
    ActionKind.OTHER: "ACT",
}
MAX_LENGTHS = {"reference": 40, "title": 150, "source_ref": 80, "process": 80}

FIELD_LABELS = {
    "reference": "Reference",
    "title": "Title",
    "kind": "Kind",
    "source_kind": "Source",
    "source_ref": "Source reference",
    "source_id": "Source record",
    "process": "Process / department",
    "problem": "Problem",
    "correction": "Correction",
    "correction_on": "Correction date",
    "whys": "5 whys",
    "root_cause": "Root cause",
    "corrective_action": "Action to take",
    "owner_id": "Owner",
    "raised_on": "Raised on",
    "due_date": "Due date",
    "completed_on": "Done on",
    "verify_due": "Check effectiveness by",
    "verified_on": "Effectiveness checked on",
    "verified_by_id": "Checked by",
    "effective": "Effective",
    "verification_note": "Verification note",
    "status": "Status",
    "closed_on": "Closed on",
    "note": "Note",
}


class DueState(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


DUE_SOON_DAYS = 14


def _lookup(text: object, labels: Mapping[StrEnum, str], aliases: Mapping[str, StrEnum]):  # type: ignore[no-untyped-def]
    key = " ".join(fold(clean(text)).replace("_", " ").replace("-", " ").split())
    for member, label in labels.items():
        if key in (member.value.replace("_", " "), " ".join(fold(label).split())):
            return member
    return aliases.get(key)


def parse_status(text: object) -> ActionStatus:
    found = _lookup(
        text,
        STATUS_LABELS,
        {
            "new": ActionStatus.OPEN,
            "started": ActionStatus.IN_PROGRESS,
            "ongoing": ActionStatus.IN_PROGRESS,
            "done": ActionStatus.AWAITING_VERIFICATION,
            "implemented": ActionStatus.AWAITING_VERIFICATION,
            "to verify": ActionStatus.AWAITING_VERIFICATION,
            "verified": ActionStatus.CLOSED,
            "complete": ActionStatus.CLOSED,
        },
    )
    if found is None:
        allowed = ", ".join(STATUS_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not an action status. Use one of: {allowed}.")
    return ActionStatus(found)


def parse_kind(text: object) -> ActionKind:
    found = _lookup(
        text,
        KIND_LABELS,
        {"ca": ActionKind.CORRECTIVE, "car": ActionKind.CORRECTIVE, "ofi": ActionKind.IMPROVEMENT},
    )
    if found is None:
        allowed = ", ".join(KIND_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a kind of action. Use one of: {allowed}.")
    return ActionKind(found)


def parse_source(text: object) -> ActionSource:
    found = _lookup(
        text,
        SOURCE_LABELS,
        {
            "audit": ActionSource.INTERNAL_AUDIT,
            "complaint": ActionSource.CUSTOMER_COMPLAINT,
            "review": ActionSource.MANAGEMENT_REVIEW,
            "ncr": ActionSource.PROCESS_NC,
        },
    )
    if found is None:
        allowed = ", ".join(SOURCE_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a source of actions. Use one of: {allowed}.")
    return ActionSource(found)


def whys_text(whys: Sequence[str]) -> str:
    """How the whys are stored (a JSON list: an answer may hold line breaks)."""
    kept = [clean(w) for w in whys]
    while kept and not kept[-1]:
        kept.pop()
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def parse_whys(stored: str) -> tuple[str, ...]:
    if not stored:
        return ()
    try:
        value = json.loads(stored)
    except ValueError:
        return (stored,)
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


@dataclass(frozen=True)
class ActionFields:
    """Everything a user edits about an action, already parsed. People are given by their id."""

    title: str
    kind: ActionKind = ActionKind.CORRECTIVE
    source_kind: ActionSource = ActionSource.OTHER
    source_ref: str = ""
    source_id: int | None = None
    reference: str = ""  # empty: the next free one (CA-2026-007) is given on creation
    process: str = ""
    problem: str = ""
    correction: str = ""
    correction_on: dt.date | None = None
    whys: tuple[str, ...] = ()
    root_cause: str = ""
    corrective_action: str = ""
    owner_id: int | None = None
    raised_on: dt.date | None = None  # empty: today
    due_date: dt.date | None = None
    completed_on: dt.date | None = None
    verify_due: dt.date | None = None
    verified_on: dt.date | None = None
    verified_by_id: int | None = None
    effective: bool | None = None
    verification_note: str = ""
    status: ActionStatus = ActionStatus.OPEN
    note: str = ""


FIELD_NAMES = tuple(f.name for f in fields(ActionFields))


def check_action(f: ActionFields, on: dt.date | None = None) -> list[FieldProblem]:
    """Rules an action's fields obey together; the status asks for what it says has happened."""
    on = on or today()
    problems: list[FieldProblem] = []
    for name, limit in MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    if not f.title:
        problems.append(FieldProblem("title", "A short title is required."))
    if len(f.whys) > WHYS_MAX:
        problems.append(FieldProblem("whys", f"At most {WHYS_MAX} whys are kept."))
    raised = f.raised_on or on
    for name in ("correction_on", "completed_on", "verified_on"):
        day = getattr(f, name)
        if day is not None and day > on:
            problems.append(FieldProblem(name, "cannot be in the future."))
    if f.due_date is not None and f.due_date < raised:
        problems.append(FieldProblem("due_date", "cannot be before the day the action was raised."))
    if f.completed_on is not None and f.completed_on < raised:
        problems.append(
            FieldProblem("completed_on", "cannot be before the day the action was raised.")
        )
    verified = f.verified_on is not None or f.verified_by_id is not None or f.effective is not None
    if verified:
        if f.verified_on is None:
            problems.append(FieldProblem("verified_on", "Say when the effectiveness was checked."))
        if f.verified_by_id is None:
            problems.append(FieldProblem("verified_by_id", "Say who checked the effectiveness."))
        if f.effective is None:
            problems.append(FieldProblem("effective", "Say whether the action was effective."))
        if f.verified_on and f.completed_on and f.verified_on < f.completed_on:
            problems.append(
                FieldProblem("verified_on", "cannot be before the action was carried out.")
            )
    if f.status in (ActionStatus.AWAITING_VERIFICATION, ActionStatus.CLOSED):
        if not f.corrective_action:
            problems.append(
                FieldProblem("corrective_action", "Say what action was taken before it is checked.")
            )
        if f.completed_on is None:
            problems.append(FieldProblem("completed_on", "Say when the action was carried out."))
    if f.status == ActionStatus.CLOSED and (
        f.verified_on is None or f.verified_by_id is None or f.effective is not True
    ):
        problems.append(
            FieldProblem(
                "status",
                "An action is closed only after a check of its effectiveness: record who "
                "checked, when, and that the action worked.",
            )
        )
    if f.kind == ActionKind.CORRECTIVE and f.status != ActionStatus.OPEN:
        if not f.problem:
            problems.append(FieldProblem("problem", "Describe the nonconformity being corrected."))
        if (
            f.status in (ActionStatus.AWAITING_VERIFICATION, ActionStatus.CLOSED)
            and not f.root_cause
        ):
            problems.append(
                FieldProblem(
                    "root_cause", "A corrective action needs its root cause (use the 5 whys)."
                )
            )
    return problems


def _raise(problems: Iterable[FieldProblem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems]
        )


def fields_from_values(
    values: Mapping[str, object],
) -> tuple[ActionFields | None, list[FieldProblem]]:
    """Parse typed text into fields (dialogs and importers), collecting every problem."""
    parsed: dict[str, object] = {}
    problems: list[FieldProblem] = []
    parsers = {
        "kind": parse_kind,
        "source_kind": parse_source,
        "status": parse_status,
    }
    for name in FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in parsers:
                if clean(raw):
                    parsed[name] = parsers[name](raw)
            elif name in ("correction_on", "raised_on", "due_date", "completed_on", "verify_due",
                          "verified_on"):  # fmt: skip
                parsed[name] = parse_date(raw)
            elif name == "whys":
                raw_list = raw if isinstance(raw, list | tuple) else str(raw or "").splitlines()
                parsed[name] = tuple(clean(w) for w in raw_list)
            elif name == "effective":
                parsed[name] = _parse_yes_no(raw)
            elif name in ("owner_id", "verified_by_id", "source_id"):
                parsed[name] = None if raw is None or raw == "" else int(raw)  # type: ignore[call-overload]
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    result = ActionFields(**{"title": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_action(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems


def _parse_yes_no(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = fold(clean(value))
    if not text:
        return None
    if text in ("yes", "y", "effective", "true", "1"):
        return True
    if text in ("no", "n", "not effective", "false", "0"):
        return False
    raise ValueError(f"'{clean(value)}': write Yes or No.")


# --- reading ---------------------------------------------------------------------------------


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


def due_state(
    status: ActionStatus, due_date: dt.date | None, verify_due: dt.date | None, on: dt.date
) -> DueState | None:
    """Overdue: not done by its due date, or carried out but not checked by its check date."""
    if status == ActionStatus.CLOSED:
        return None
    day = verify_due if status == ActionStatus.AWAITING_VERIFICATION else due_date
    if day is None:
        return None
    if day < on:
        return DueState.OVERDUE
    if day <= on + dt.timedelta(days=DUE_SOON_DAYS):
        return DueState.DUE_SOON
    return None


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
)


def _rows_stmt():  # type: ignore[no-untyped-def]
    return (
        select(*_ROW_COLUMNS)
        .outerjoin(_Owner, _Owner.id == Action.owner_id)
        .outerjoin(_Verifier, _Verifier.id == Action.verified_by_id)
    )


def _row(values: Sequence[object]) -> ActionRow:
    v = list(values)
    v[11] = parse_whys(v[11])  # type: ignore[arg-type]
    return ActionRow(*v)  # type: ignore[arg-type]


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


def _overdue_clause(on: dt.date):  # type: ignore[no-untyped-def]
    waiting = Action.status == ActionStatus.AWAITING_VERIFICATION
    working = Action.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    return (working & (Action.due_date < on)) | (waiting & (Action.verify_due < on))


def _filtered(stmt, query: ActionQuery, on: dt.date):  # type: ignore[no-untyped-def]
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
        raise NotFoundError(f"Action {action_id} does not exist (it may have been deleted).")
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


# --- writing ---------------------------------------------------------------------------------


def next_reference(session: Session, kind: ActionKind, year: int) -> str:
    prefix = f"{PREFIXES[kind]}-{year}-"
    taken = session.scalars(select(Action.reference).where(Action.reference.like(f"{prefix}%")))
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _person_problems(session: Session, f: ActionFields) -> list[FieldProblem]:
    problems = []
    for name in ("owner_id", "verified_by_id"):
        person_id = getattr(f, name)
        if person_id is not None and session.get(Person, person_id) is None:
            problems.append(FieldProblem(name, "this person is not in the register of people."))
    return problems


def _stored(f: ActionFields, name: str) -> object:
    value = getattr(f, name)
    return whys_text(value) if name == "whys" else value


def _value_text(session: Session, name: str, value: object) -> str:
    if name in ("owner_id", "verified_by_id"):
        if value is None:
            return ""
        person = session.get(Person, value)
        return person.name if person else str(value)
    if name == "effective":
        return "" if value is None else ("Yes" if value else "No")
    if name == "whys":
        return " / ".join(parse_whys(str(value or "")))
    if name == "status":
        return STATUS_LABELS[ActionStatus(value)] if value else ""  # type: ignore[arg-type]
    return history.as_text(value)


def create_action(session: Session, f: ActionFields, user: str, on: dt.date | None = None) -> int:
    """Add an action to the register; returns its id. An empty reference gets the next free one."""
    on = on or today()
    f = replace(f, raised_on=f.raised_on or on)
    _raise([*check_action(f, on), *_person_problems(session, f)])
    reference = f.reference or next_reference(session, f.kind, f.raised_on.year)  # type: ignore[union-attr]
    if id_for_reference(session, reference) is not None:
        raise ValidationError(f"Reference: another action already has the reference '{reference}'.")
    action = Action(**{n: _stored(f, n) for n in FIELD_NAMES if n != "reference"})
    action.reference = reference
    action.closed_on = f.verified_on if f.status == ActionStatus.CLOSED else None
    session.add(action)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=action.id,
        ref=reference,
        action="create",
        changes=[
            history.Change("Title", "", f.title),
            history.Change("Source", "", f"{SOURCE_LABELS[f.source_kind]} {f.source_ref}".strip()),
        ],
    )
    return action.id


def _load(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError(f"Action {action_id} does not exist (it may have been deleted).")
    return action


def update_action(
    session: Session,
    action_id: int,
    f: ActionFields,
    user: str,
    on: dt.date | None = None,
    verb: str = "edit",
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    on = on or today()
    action = _load(session, action_id)
    f = replace(
        f, raised_on=f.raised_on or action.raised_on, reference=f.reference or action.reference
    )
    _raise([*check_action(f, on), *_person_problems(session, f)])
    if (
        fold(f.reference) != fold(action.reference)
        and id_for_reference(session, f.reference) is not None
    ):
        raise ValidationError(
            f"Reference: another action already has the reference '{f.reference}'."
        )
    changes = []
    for name in FIELD_NAMES:
        new = _stored(f, name)
        old = getattr(action, name)
        if old != new:
            changes.append(
                history.Change(
                    FIELD_LABELS[name],
                    _value_text(session, name, old),
                    _value_text(session, name, new),
                )
            )
            setattr(action, name, new)
    closed_on = f.verified_on if f.status == ActionStatus.CLOSED else None
    if action.closed_on != closed_on:
        changes.append(
            history.Change(
                FIELD_LABELS["closed_on"],
                history.as_text(action.closed_on),
                history.as_text(closed_on),
            )
        )
        action.closed_on = closed_on
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=action.id,
            ref=action.reference,
            action=verb,
            changes=changes,
        )
    return [c.field for c in changes]


def verify(
    session: Session,
    action_id: int,
    *,
    verified_on: dt.date,
    verified_by_id: int,
    effective: bool,
    note: str,
    user: str,
    on: dt.date | None = None,
) -> ActionStatus:
    """Record the check of effectiveness: an effective action is closed; one that did not work goes
    back to in progress (the failed check stays in the history and in the note)."""
    row = get_row(session, action_id)
    if row.status == ActionStatus.CLOSED:
        raise ValidationError(f"{row.reference} is closed already.")
    if row.status != ActionStatus.AWAITING_VERIFICATION:
        raise ValidationError(
            f"{row.reference} has not been carried out yet: record what was done and when, then "
            "check its effectiveness."
        )
    if not clean(note):
        raise ValidationError(
            "Verification note: say what was looked at to judge the effectiveness (for example "
            "'no repeat in 3 months of inspection records')."
        )
    status = ActionStatus.CLOSED if effective else ActionStatus.IN_PROGRESS
    f = replace(
        row.fields(),
        verified_on=verified_on,
        verified_by_id=verified_by_id,
        effective=effective,
        verification_note=clean(note),
        status=status,
    )
    if not effective:
        # Keep the failed check on record in the note; the fields are free for the next check.
        who = session.get(Person, verified_by_id)
        line = (
            f"{verified_on.isoformat()}: checked by {who.name if who else verified_by_id}, "
            f"not effective: {clean(note)}"
        )
        f = replace(
            f,
            note="\n".join(p for p in (row.note, line) if p),
            verified_on=None,
            verified_by_id=None,
            effective=None,
            verification_note="",
            completed_on=None,
        )
        # Check the person anyway, so that a wrong id is refused in both cases.
        _raise(_person_problems(session, replace(f, verified_by_id=verified_by_id)))
    update_action(session, action_id, f, user, on, verb="verify")
    return status


def close_action(session: Session, action_id: int, user: str, on: dt.date | None = None) -> None:
    """Close an action whose effectiveness was checked and found effective; refused otherwise."""
    row = get_row(session, action_id)
    if row.status == ActionStatus.CLOSED:
        raise ValidationError(f"{row.reference} is closed already.")
    if row.verified_on is None or row.verified_by_id is None or row.effective is not True:
        raise ValidationError(
            f"{row.reference} cannot be closed: its effectiveness has not been verified. Record "
            "who checked it, when, and that it worked (Verify...), then close it."
        )
    update_action(session, action_id, replace(row.fields(), status=ActionStatus.CLOSED), user, on)


def delete_action(session: Session, action_id: int, user: str) -> None:
    """Delete an action raised by mistake: only while nothing was recorded on it."""
    action = _load(session, action_id)
    if action.status != ActionStatus.OPEN or action.correction or action.corrective_action:
        raise ValidationError(
            f"{action.reference} has work recorded on it, so it stays in the register."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=action.id,
        ref=action.reference,
        action="delete",
        changes=[history.Change("Title", action.title, "")],
    )
    session.delete(action)
    session.flush()
