"""Planning, editing and deleting audits, each change recorded in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.audits.findings import (
    findings_of,
)
from qmsdesk.core.audits.independence import independence_problems
from qmsdesk.core.audits.records import (
    AUDIT_FIELD_NAMES,
    COLUMN_NAMES,
    AuditFields,
    check_audit,
    get_audit,
    id_for_reference,
    load_audit,
)
from qmsdesk.core.audits.vocab import (
    ENTITY,
    FIELD_LABELS,
    NONCONFORMITIES,
    STATUS_LABELS,
    audit_problem,
    list_text,
)
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models_actions import ActionStatus
from qmsdesk.core.db.models_audits import (
    Audit,
    AuditPerson,
    AuditQuestion,
    AuditRole,
    AuditStatus,
    Finding,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.processes.links import set_audit_processes
from qmsdesk.core.service import delete_with_history, ensure_unique
from qmsdesk.core.text import clean, plural


def _person_problems(session: Session, f: AuditFields) -> list[str]:
    wanted = {f.lead_auditor_id, *f.team_ids, *f.auditee_ids} - {None}
    if not wanted:
        return []
    found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
    missing = wanted - found
    return (
        [f"{len(missing)} of the people named are not in the register of people."]
        if missing
        else []
    )


def _clean_fields(f: AuditFields) -> AuditFields:
    lead = f.lead_auditor_id
    team = tuple(dict.fromkeys(i for i in f.team_ids if i != lead))
    return replace(
        f,
        reference=clean(f.reference),
        title=" ".join(clean(f.title).split()),
        criteria=clean(f.criteria),
        summary=clean(f.summary),
        note=clean(f.note),
        independence_reason=clean(f.independence_reason),
        team_ids=team,
        auditee_ids=tuple(dict.fromkeys(f.auditee_ids)),
    )


def _stored(f: AuditFields, name: str) -> object:
    value = getattr(f, name)
    if name in ("processes", "departments"):
        return "\n".join(value)
    if name == "clauses":
        return ", ".join(value)
    return value


def _ensure_unique_reference(session: Session, reference: str, audit_id: int | None) -> None:
    ensure_unique(
        id_for_reference(session, reference),
        audit_id,
        audit_problem("reference", f"another audit already has the reference '{reference}'."),
    )


def _set_people(session: Session, audit_id: int, f: AuditFields) -> None:
    session.execute(delete(AuditPerson).where(AuditPerson.audit_id == audit_id))
    rows = [
        {"audit_id": audit_id, "person_id": p, "role": AuditRole.TEAM.value} for p in f.team_ids
    ] + [
        {"audit_id": audit_id, "person_id": p, "role": AuditRole.AUDITEE.value}
        for p in f.auditee_ids
    ]
    insert_many(session, AuditPerson.__table__, rows)  # type: ignore[arg-type]


def create_audit(session: Session, f: AuditFields, user: str, on: dt.date | None = None) -> int:
    f = _clean_fields(f)
    problems = check_audit(f, on) + _person_problems(session, f)
    problems += independence_problems(session, f)
    if f.status == AuditStatus.CLOSED:
        problems.append(
            audit_problem(
                "status", "a new audit cannot be closed; it has no findings to close yet."
            )
        )
    if problems:
        raise ValidationError(problems)
    _ensure_unique_reference(session, f.reference, None)
    audit = Audit(**{n: _stored(f, n) for n in COLUMN_NAMES})
    session.add(audit)
    session.flush()
    _set_people(session, audit.id, f)
    set_audit_processes(session, audit.id, f.processes)
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=f.reference,
        action="create",
        changes=[
            history.Change(FIELD_LABELS["title"], "", f.title),
            history.Change(FIELD_LABELS["planned_start"], "", history.as_text(f.planned_start)),
        ],
    )
    return audit.id


def _people_text(names: Mapping[int, str], ids: Iterable[int | None]) -> str:
    return ", ".join(names.get(i, str(i)) for i in ids if i is not None)


def update_audit(
    session: Session, audit_id: int, f: AuditFields, user: str, on: dt.date | None = None
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    f = _clean_fields(f)
    old = get_audit(session, audit_id)
    problems = check_audit(f, on) + _person_problems(session, f)
    problems += independence_problems(session, f)
    if f.status == AuditStatus.REPORTED or f.status == AuditStatus.CLOSED:
        problems += _report_problems(session, audit_id)
    if f.status == AuditStatus.CLOSED and old.status != AuditStatus.CLOSED:
        problems += _close_problems(session, audit_id)
    if problems:
        raise ValidationError(problems)
    _ensure_unique_reference(session, f.reference, audit_id)
    audit = load_audit(session, audit_id)
    names = dict(raw_rows(session, select(Person.id, Person.name)))
    changes = []
    before = old.fields()
    for name in AUDIT_FIELD_NAMES:
        a, b = getattr(before, name), getattr(f, name)
        if a == b:
            continue
        if name in ("team_ids", "auditee_ids"):
            if set(a) == set(b):
                continue
            changes.append(
                history.Change(FIELD_LABELS[name], _people_text(names, a), _people_text(names, b))
            )
            continue
        if name == "lead_auditor_id":
            text_a, text_b = _people_text(names, [a]), _people_text(names, [b])
        elif name in ("processes", "departments", "clauses"):
            text_a, text_b = list_text(a), list_text(b)
        elif name == "status":
            text_a, text_b = STATUS_LABELS[a], STATUS_LABELS[b]
        else:
            text_a, text_b = history.as_text(a), history.as_text(b)
        changes.append(history.Change(FIELD_LABELS[name], text_a, text_b))
        if name in COLUMN_NAMES:
            setattr(audit, name, _stored(f, name))
    if set(before.team_ids) != set(f.team_ids) or set(before.auditee_ids) != set(f.auditee_ids):
        _set_people(session, audit_id, f)
    if tuple(before.processes) != tuple(f.processes):
        set_audit_processes(session, audit_id, f.processes)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=audit_id,
            ref=f.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def _report_problems(session: Session, audit_id: int) -> list[str]:
    """A report needs every question answered and every finding stated."""
    problems = []
    unanswered = session.scalar(
        select(func.count()).where(
            AuditQuestion.audit_id == audit_id, AuditQuestion.result.is_(None)
        )
    )
    if unanswered:
        problems.append(
            audit_problem(
                "status",
                f"{plural(unanswered, 'question')} {'has' if unanswered == 1 else 'have'} no "
                "result yet. Give each one a result "
                "('Not audited' for those left out) before the audit is reported.",
            )
        )
    unstated = session.scalars(
        select(Finding.number).where(Finding.audit_id == audit_id, Finding.statement == "")
    ).all()
    if unstated:
        listed = ", ".join(f"F{n}" for n in sorted(unstated))
        problems.append(
            audit_problem("status", f"write the statement of finding(s) {listed} before reporting.")
        )
    return problems


def _close_problems(session: Session, audit_id: int) -> list[str]:
    """An audit is closed when each of its nonconformities has a closed corrective action."""
    rows = findings_of(session, audit_id)
    still_open = [
        f"F{f.number} ({f.action_ref or 'no action'})"
        for f in rows
        if f.classification in NONCONFORMITIES and f.action_status != ActionStatus.CLOSED
    ]
    if still_open:
        return [
            audit_problem(
                "status",
                "the audit can be closed once the corrective action of each nonconformity "
                f"is closed; still open: {', '.join(still_open)}.",
            )
        ]
    return []


def delete_audit(session: Session, audit_id: int, user: str) -> None:
    """Delete an audit planned by mistake: refused once anything was answered or found."""
    audit = load_audit(session, audit_id)
    answered = session.scalar(
        select(func.count()).where(
            AuditQuestion.audit_id == audit_id, AuditQuestion.result.is_not(None)
        )
    )
    found = session.scalar(select(func.count()).where(Finding.audit_id == audit_id))
    if answered or found or audit.status != AuditStatus.PLANNED:
        raise ValidationError(
            f"{audit.reference} has been carried out (answers or findings are recorded), so it "
            "stays on record."
        )
    delete_with_history(
        session,
        audit,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=audit.reference,
        changes=[history.Change(FIELD_LABELS["title"], audit.title, "")],
    )
