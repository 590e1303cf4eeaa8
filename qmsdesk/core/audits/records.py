"""An audit's fields and the rules they obey together, and reading the programme's audits (with
their people by name and the counts the list shows)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.audits.vocab import (
    ENTITY,
    FIELD_LABELS,
    MAX_LENGTHS,
    NONCONFORMITIES,
    STATUS_LABELS,
    ProgrammeState,
    as_date,
    audit_problem,
    is_late,
    parse_clause_list,
    parse_list,
    parse_status,
    programme_state,
    split_clauses,
    split_lines,
)
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import (
    Audit,
    AuditPerson,
    AuditQuestion,
    AuditStatus,
    Finding,
    FindingClass,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.service import load, missing
from qmsdesk.core.text import clean, fold


@dataclass(frozen=True)
class AuditFields:
    """Everything a user edits about an audit, already parsed. People are given by their id."""

    reference: str
    title: str
    planned_start: dt.date | None
    planned_end: dt.date | None = None
    processes: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    criteria: str = ""
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    lead_auditor_id: int | None = None
    team_ids: tuple[int, ...] = ()
    auditee_ids: tuple[int, ...] = ()
    status: AuditStatus = AuditStatus.PLANNED
    summary: str = ""
    note: str = ""
    independence_reason: str = ""


AUDIT_FIELD_NAMES = tuple(f.name for f in fields(AuditFields))
COLUMN_NAMES = tuple(n for n in AUDIT_FIELD_NAMES if n not in ("team_ids", "auditee_ids"))


def check_audit(f: AuditFields, on: dt.date | None = None) -> list[str]:
    """Rules an audit's fields obey together; the status asks for what it says has happened."""
    on = on or today()
    problems = []
    if not f.reference:
        problems.append(
            audit_problem("reference", "an audit needs a reference (for example IA-2026-03).")
        )
    elif len(f.reference) > MAX_LENGTHS["reference"]:
        problems.append(
            audit_problem(
                "reference", f"at most {MAX_LENGTHS['reference']} characters are allowed."
            )
        )
    if not f.title:
        problems.append(
            audit_problem("title", "say what is audited (for example 'Purchasing and suppliers').")
        )
    elif len(f.title) > MAX_LENGTHS["title"]:
        problems.append(
            audit_problem("title", f"at most {MAX_LENGTHS['title']} characters are allowed.")
        )
    if f.planned_start is None:
        problems.append(audit_problem("planned_start", "say when the audit is planned."))
    elif f.planned_end is not None and f.planned_end < f.planned_start:
        problems.append(audit_problem("planned_end", "cannot be before the planned start."))
    if f.actual_start is not None and f.actual_start > on:
        problems.append(audit_problem("actual_start", "cannot be in the future."))
    if f.actual_end is not None:
        if f.actual_end > on:
            problems.append(audit_problem("actual_end", "cannot be in the future."))
        if f.actual_start is None:
            problems.append(audit_problem("actual_start", "an audit that ended must have started."))
        elif f.actual_end < f.actual_start:
            problems.append(audit_problem("actual_end", "cannot be before the actual start."))
    if f.status != AuditStatus.PLANNED and f.actual_start is None:
        problems.append(
            audit_problem(
                "actual_start",
                f"an audit that is {STATUS_LABELS[f.status].lower()} has started; say when.",
            )
        )
    if f.status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
        if f.actual_end is None:
            problems.append(
                audit_problem("actual_end", "say when the audit ended before it is reported.")
            )
        if f.lead_auditor_id is None:
            problems.append(
                audit_problem("lead_auditor_id", "a reported audit names its lead auditor.")
            )
    auditors = {f.lead_auditor_id, *f.team_ids} - {None}
    both = auditors & set(f.auditee_ids)
    if both:
        problems.append(
            audit_problem("auditee_ids", "an auditor cannot also be an auditee of the same audit.")
        )
    return problems


def audit_fields_from_values(values: Mapping[str, object]) -> tuple[AuditFields | None, list[str]]:
    """Parse typed text (a dialog, a sheet) into fields; people must already be ids."""
    parsed: dict[str, object] = {}
    problems: list[str] = []
    for name in AUDIT_FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in ("planned_start", "planned_end", "actual_start", "actual_end"):
                parsed[name] = parse_date(raw)
            elif name == "clauses":
                parsed[name] = parse_clause_list(raw)
            elif name in ("processes", "departments"):
                parsed[name] = parse_list(raw)
            elif name == "status":
                parsed[name] = parse_status(raw) if clean(raw) else AuditStatus.PLANNED
            elif name in ("team_ids", "auditee_ids"):
                parsed[name] = tuple(cast("Iterable[int]", raw))
            elif name == "lead_auditor_id":
                parsed[name] = raw
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(f"{FIELD_LABELS[name]}: {exc}")
    result = AuditFields(**{"reference": "", "title": "", "planned_start": None, **parsed})  # type: ignore[arg-type]
    if problems:
        return None, problems
    problems = check_audit(result)
    return (None if problems else result), problems


@dataclass(frozen=True)
class AuditRow:
    """One audit of the programme, with its people by name and the counts the list shows."""

    id: int
    reference: str
    title: str
    processes: tuple[str, ...]
    departments: tuple[str, ...]
    clauses: tuple[str, ...]
    criteria: str
    planned_start: dt.date
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    lead_auditor_id: int | None
    lead_auditor: str
    team_ids: tuple[int, ...]
    team: tuple[str, ...]
    auditee_ids: tuple[int, ...]
    auditees: tuple[str, ...]
    status: AuditStatus
    summary: str
    note: str
    questions: int = 0
    answered: int = 0
    findings: Mapping[FindingClass, int] = field(default_factory=dict)
    independence_reason: str = ""

    def fields(self) -> AuditFields:
        return AuditFields(
            **{n: getattr(self, n) for n in AUDIT_FIELD_NAMES},
        )

    @property
    def auditors(self) -> tuple[str, ...]:
        return tuple(n for n in (self.lead_auditor, *self.team) if n)

    def is_late(self, on: dt.date | None = None) -> bool:
        return is_late(self.status, self.planned_start, self.planned_end, on or today())

    def state(self, on: dt.date | None = None) -> ProgrammeState:
        return programme_state(self.status, self.planned_start, self.planned_end, on or today())

    def nonconformities(self) -> int:
        return sum(self.findings.get(c, 0) for c in NONCONFORMITIES)


_AUDIT_COLUMNS = (
    Audit.id,
    Audit.reference,
    Audit.title,
    Audit.processes,
    Audit.departments,
    Audit.clauses,
    Audit.criteria,
    Audit.planned_start,
    Audit.planned_end,
    Audit.actual_start,
    Audit.actual_end,
    Audit.lead_auditor_id,
    Audit.status,
    Audit.summary,
    Audit.note,
    Audit.independence_reason,
)


@dataclass(frozen=True)
class AuditQuery:
    """Which audits the programme list shows; empty means all."""

    year: int | None = None
    text: str = ""
    statuses: frozenset[AuditStatus] = frozenset()


def audit_rows(
    session: Session,
    query: AuditQuery = AuditQuery(),
    ids: Sequence[int] | None = None,
    *,
    with_counts: bool = True,
) -> list[AuditRow]:
    """Audits by planned start then reference, read in a few queries whatever their number."""
    stmt = select(*_AUDIT_COLUMNS)
    if query.year is not None:
        first, last = dt.date(query.year, 1, 1), dt.date(query.year, 12, 31)
        stmt = stmt.where(Audit.planned_start.between(first, last))
    if query.statuses:
        stmt = stmt.where(Audit.status.in_([s.value for s in query.statuses]))
    if ids is not None:
        stmt = stmt.where(Audit.id.in_(list(ids)))
    stmt = stmt.order_by(Audit.planned_start, Audit.reference)
    raw = raw_rows(session, stmt)
    if not raw:
        return []
    names = dict(raw_rows(session, select(Person.id, Person.name)))
    wanted = {r[0] for r in raw}
    members: dict[tuple[int, str], list[int]] = defaultdict(list)
    people_stmt = select(AuditPerson.audit_id, AuditPerson.role, AuditPerson.person_id)
    if ids is not None or query.year is not None:
        people_stmt = people_stmt.where(AuditPerson.audit_id.in_(wanted))
    for audit_id, role, person_id in raw_rows(session, people_stmt):
        members[(audit_id, role)].append(person_id)
    question_counts: dict[int, tuple[int, int]] = {}
    finding_counts: dict[int, dict[FindingClass, int]] = defaultdict(dict)
    if with_counts:
        scope = None if ids is None and query.year is None else wanted
        question_counts = _question_counts(session, scope)
        stmt_f = select(Finding.audit_id, Finding.classification, func.count()).group_by(
            Finding.audit_id, Finding.classification
        )
        if scope is not None:
            stmt_f = stmt_f.where(Finding.audit_id.in_(scope))
        for audit_id, cls, count in raw_rows(session, stmt_f):
            finding_counts[audit_id][FindingClass(cls)] = count
    rows = []
    words = fold(query.text).split()
    for r in raw:
        audit_id = r[0]
        team_ids = tuple(sorted(members.get((audit_id, "team"), ()), key=lambda i: fold(names[i])))
        auditee_ids = tuple(
            sorted(members.get((audit_id, "auditee"), ()), key=lambda i: fold(names[i]))
        )
        lead = r[11]
        row = AuditRow(
            id=audit_id,
            reference=r[1],
            title=r[2],
            processes=split_lines(r[3]),
            departments=split_lines(r[4]),
            clauses=split_clauses(r[5]),
            criteria=r[6],
            planned_start=as_date(r[7]),  # type: ignore[arg-type]
            planned_end=as_date(r[8]),
            actual_start=as_date(r[9]),
            actual_end=as_date(r[10]),
            lead_auditor_id=lead,
            lead_auditor=names.get(lead, "") if lead else "",
            team_ids=team_ids,
            team=tuple(names[i] for i in team_ids),
            auditee_ids=auditee_ids,
            auditees=tuple(names[i] for i in auditee_ids),
            status=AuditStatus(r[12]),
            summary=r[13],
            note=r[14],
            questions=question_counts.get(audit_id, (0, 0))[0],
            answered=question_counts.get(audit_id, (0, 0))[1],
            findings=dict(finding_counts.get(audit_id, {})),
            independence_reason=r[15],
        )
        if words:
            text = fold(
                " ".join(
                    (row.reference, row.title, row.lead_auditor, *row.team, *row.auditees,
                     *row.processes, *row.departments)
                )
            )  # fmt: skip
            if not all(w in text for w in words):
                continue
        rows.append(row)
    return rows


def _question_counts(session: Session, audit_ids: set[int] | None) -> dict[int, tuple[int, int]]:
    stmt = select(AuditQuestion.audit_id, func.count(), func.count(AuditQuestion.result)).group_by(
        AuditQuestion.audit_id
    )
    if audit_ids is not None:
        stmt = stmt.where(AuditQuestion.audit_id.in_(audit_ids))
    return {a: (n, answered) for a, n, answered in raw_rows(session, stmt)}


def get_audit(session: Session, audit_id: int) -> AuditRow:
    rows = audit_rows(session, ids=[audit_id])
    if not rows:
        raise missing("Audit", audit_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(Audit.id).where(Audit.reference == clean(reference)))


def audit_for_reference(session: Session, reference: str) -> AuditRow:
    """The audit with this reference; a clear message when there is none."""
    audit_id = id_for_reference(session, reference)
    if audit_id is None:
        known = list(
            session.scalars(select(Audit.reference).order_by(Audit.planned_start.desc()).limit(5))
        )
        hint = f" Recent audits: {', '.join(known)}." if known else " There are no audits yet."
        raise NotFoundError(f"There is no audit with the reference '{clean(reference)}'.{hint}")
    return get_audit(session, audit_id)


def years(session: Session) -> list[int]:
    """The years the programme has audits in, newest first (this year always)."""
    found = {
        int(str(d)[:4])
        for (d,) in raw_rows(session, select(Audit.planned_start).distinct())
        if d is not None
    }
    found.add(today().year)
    return sorted(found, reverse=True)


def next_reference(session: Session, year: int) -> str:
    prefix = f"IA-{year}-"
    taken = session.scalars(select(Audit.reference).where(Audit.reference.like(f"{prefix}%")))
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def load_audit(session: Session, audit_id: int) -> Audit:
    return load(session, Audit, audit_id, "Audit")


def ensure_open(audit: Audit) -> None:
    if audit.status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
        raise ValidationError(
            f"{audit.reference} is {STATUS_LABELS[audit.status].lower()}; its checklist can no "
            "longer change. Set it back to In progress first if something must be corrected."
        )


def history_of(session: Session, audit_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, audit_id)
