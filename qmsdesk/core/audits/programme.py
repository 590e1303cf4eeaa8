"""The programme: the year month by month, the clauses covered in the last 12 months, and the
auditors who would audit their own work (clause 9.2.2 c)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.audits.records import (
    AuditFields,
    AuditQuery,
    AuditRow,
    audit_rows,
)
from qmsdesk.core.audits.vocab import (
    ProgrammeState,
    as_date,
    in_scope,
    split_clauses,
)
from qmsdesk.core.catalogue import clauses
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import DocStatus, Document
from qmsdesk.core.db.models_audits import (
    Audit,
    AuditQuestion,
    AuditStatus,
    Result,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.text import fold


@dataclass(frozen=True)
class MonthView:
    month: int  # 1..12
    audits: tuple[AuditRow, ...]

    def count(self, state: ProgrammeState, on: dt.date | None = None) -> int:
        return sum(1 for a in self.audits if a.state(on) == state)


@dataclass(frozen=True)
class YearView:
    year: int
    months: tuple[MonthView, ...]
    on: dt.date

    def totals(self) -> Counter[ProgrammeState]:
        return Counter(a.state(self.on) for m in self.months for a in m.audits)


def year_view(
    session: Session, year: int, on: dt.date | None = None, rows: Sequence[AuditRow] | None = None
) -> YearView:
    """The year's audits month by month (by planned start), each with its state."""
    on = on or today()
    audits = rows if rows is not None else audit_rows(session, AuditQuery(year=year))
    by_month: dict[int, list[AuditRow]] = defaultdict(list)
    for a in audits:
        if a.planned_start.year == year:
            by_month[a.planned_start.month].append(a)
    return YearView(year, tuple(MonthView(m, tuple(by_month.get(m, ()))) for m in range(1, 13)), on)


class Coverage(StrEnum):
    COVERED = "covered"
    PARTLY = "partly"
    PLANNED = "planned"
    NOT_COVERED = "not_covered"


COVERAGE_LABELS = {
    Coverage.COVERED: "Audited",
    Coverage.PARTLY: "Partly audited",
    Coverage.PLANNED: "Planned",
    Coverage.NOT_COVERED: "Not audited",
}


@dataclass(frozen=True)
class ClauseCoverage:
    clause: str
    title: str
    depth: int
    state: Coverage
    last_audited: dt.date | None
    audits: tuple[str, ...]  # references of the audits that covered it in the window
    planned: tuple[str, ...]  # references of upcoming audits whose scope includes it


def coverage(session: Session, on: dt.date | None = None, months: int = 12) -> list[ClauseCoverage]:
    """Which clauses the programme audited in the last `months` months, and which it did not.

    A clause is audited when a question on it got a result other than 'Not audited' in an audit
    carried out in the window (or, for a reported audit without a checklist, when it was in the
    audit's scope). A clause with sub-clauses is audited when it or all of them were, and partly
    audited when some were (or when only its own heading question was answered). Clauses not
    audited but within the scope of an audit still to come show as planned.
    """

    on = on or today()
    since = add_months(on, -months)
    done_day = func.coalesce(Audit.actual_end, Audit.actual_start)
    stmt = (
        select(AuditQuestion.clause, Audit.reference, func.max(done_day))
        .join(Audit, Audit.id == AuditQuestion.audit_id)
        .where(
            AuditQuestion.result.is_not(None),
            AuditQuestion.result != Result.NOT_AUDITED,
            done_day.between(since, on),
        )
        .group_by(AuditQuestion.clause, Audit.reference)
    )
    hit: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
    for clause, reference, day in raw_rows(session, stmt):
        hit[clause].append((reference, as_date(day)))  # type: ignore[arg-type]
    # Reported audits without a checklist count by their scope.
    no_questions = select(Audit.reference, Audit.clauses, done_day).where(
        Audit.status.in_([AuditStatus.REPORTED, AuditStatus.CLOSED]),
        done_day.between(since, on),
        ~select(AuditQuestion.id).where(AuditQuestion.audit_id == Audit.id).exists(),
    )
    all_clauses = clauses()
    for reference, scope_text, day in raw_rows(session, no_questions):
        scope = split_clauses(scope_text)
        for c in all_clauses:
            if scope and in_scope(c.number, scope):
                hit[c.number].append((reference, as_date(day)))  # type: ignore[arg-type]
    upcoming = raw_rows(
        session,
        select(Audit.reference, Audit.clauses).where(
            Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]),
            Audit.planned_start >= since,  # older ones are late, no longer a plan
        ),
    )
    planned: dict[str, list[str]] = defaultdict(list)
    for reference, scope_text in upcoming:
        scope = split_clauses(scope_text)
        for c in all_clauses:
            if in_scope(c.number, scope):
                planned[c.number].append(reference)
    children: dict[str, list[str]] = defaultdict(list)
    for c in all_clauses:
        if "." in c.number:
            children[c.number.rsplit(".", 1)[0]].append(c.number)
    state: dict[str, Coverage] = {}

    def work_out(number: str) -> Coverage:
        if number in state:
            return state[number]
        kids = [work_out(k) for k in children.get(number, ())]
        # Only what was answered at or below a clause counts: a heading question answered on
        # clause 9 covers 9 itself, not 9.1 to 9.3, so 9 is audited only when they all were.
        if (hit.get(number) and not kids) or (kids and all(k == Coverage.COVERED for k in kids)):
            result = Coverage.COVERED
        elif hit.get(number) or any(k in (Coverage.COVERED, Coverage.PARTLY) for k in kids):
            result = Coverage.PARTLY
        elif planned.get(number):
            result = Coverage.PLANNED
        else:
            result = Coverage.NOT_COVERED
        state[number] = result
        return result

    out = []
    for c in all_clauses:
        found = sorted(hit.get(c.number, ()), key=lambda p: p[1], reverse=True)
        out.append(
            ClauseCoverage(
                c.number,
                c.title,
                c.depth,
                work_out(c.number),
                found[0][1] if found else None,
                tuple(dict.fromkeys(r for r, _ in found)),
                tuple(dict.fromkeys(planned.get(c.number, ()))),
            )
        )
    return out


# --- objectivity -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectivityWarning:
    auditor: str
    message: str


def objectivity_warnings(
    session: Session,
    f: AuditFields,
    *,
    people: Mapping[int, tuple[str, str]] | None = None,
    documents: Sequence[tuple[str, str, str, str]] | None = None,
) -> list[ObjectivityWarning]:
    """Auditors who would audit their own work (clause 9.2.2 c): an auditor who owns a document
    of the audited processes or clauses, or who works in an audited department.

    `people` (id -> (name, department)) and `documents` ((code, owner, process, clauses)) may be
    given when many audits are checked at once.
    """
    if people is None:
        people = {
            r[0]: (r[1], r[2])
            for r in raw_rows(session, select(Person.id, Person.name, Person.department))
        }
    if documents is None:
        documents = _documents_for_objectivity(session)
    scope_clauses = tuple(f.clauses)
    areas = {fold(p) for p in (*f.processes, *f.departments)}
    departments = {fold(d) for d in f.departments}
    warnings = []
    auditor_ids = [i for i in (f.lead_auditor_id, *f.team_ids) if i is not None]
    for person_id in dict.fromkeys(auditor_ids):
        name, department = people.get(person_id, ("", ""))
        if not name:
            continue
        if department and fold(department) in departments:
            warnings.append(
                ObjectivityWarning(
                    name,
                    f"{name} works in {department}, a department this audit covers: they "
                    "would audit their own work.",
                )
            )
        by_clause, by_process = [], []
        for code, owner, process, doc_clauses in documents:
            if fold(owner) != fold(name):
                continue
            # Documents on the audited clauses are named first: they are the closest to home.
            if scope_clauses and any(
                in_scope(c, scope_clauses) for c in split_clauses(doc_clauses)
            ):
                by_clause.append(code)
            elif process and fold(process) in areas:
                by_process.append(code)
        owned = sorted(by_clause) + sorted(by_process)
        if owned:
            listed = ", ".join(owned[:4]) + (
                f" and {len(owned) - 4} more" if len(owned) > 4 else ""
            )
            warnings.append(
                ObjectivityWarning(
                    name,
                    f"{name} owns {listed}, within this audit's scope: they would audit their "
                    "own work.",
                )
            )
    return warnings


def _documents_for_objectivity(session: Session) -> list[tuple[str, str, str, str]]:
    stmt = select(Document.code, Document.owner, Document.process, Document.clauses).where(
        Document.status != DocStatus.OBSOLETE, Document.owner != ""
    )
    return [
        (code, owner, process, scope) for code, owner, process, scope in raw_rows(session, stmt)
    ]


def programme_warnings(
    session: Session, rows: Sequence[AuditRow]
) -> dict[int, list[ObjectivityWarning]]:
    """Objectivity warnings for many audits at once (the programme list), by audit id."""
    people = {
        r[0]: (r[1], r[2])
        for r in raw_rows(session, select(Person.id, Person.name, Person.department))
    }
    documents = _documents_for_objectivity(session)
    found = {}
    for row in rows:
        warnings = objectivity_warnings(session, row.fields(), people=people, documents=documents)
        if warnings:
            found[row.id] = warnings
    return found


def people_choices(session: Session, on: dt.date | None = None) -> list[tuple[int, str, str]]:
    """(id, name, department) of the people who have not left, by name."""
    on = on or today()
    stmt = select(Person.id, Person.name, Person.department).where(
        (Person.leaving_date.is_(None)) | (Person.leaving_date > on)
    )
    return sorted(((r[0], r[1], r[2]) for r in raw_rows(session, stmt)), key=lambda p: fold(p[1]))
