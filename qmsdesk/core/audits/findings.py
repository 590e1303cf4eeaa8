"""An audit's findings: nonconformities, opportunities for improvement and observations; each
nonconformity opens its corrective action in the actions register."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.audits.records import (
    ensure_open,
    load_audit,
)
from qmsdesk.core.audits.vocab import (
    DUE_DAYS,
    FINDING_ENTITY,
    FINDING_FIELD_LABELS,
    FINDING_LABELS,
    NONCONFORMITIES,
    finding_problem,
    parse_clause,
    split_lines,
)
from qmsdesk.core.catalogue import clause_title
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource, ActionStatus
from qmsdesk.core.db.models_audits import (
    Audit,
    AuditQuestion,
    Finding,
    FindingClass,
)
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.text import clean


@dataclass(frozen=True)
class FindingFields:
    clause: str
    statement: str
    evidence: str
    classification: FindingClass


@dataclass(frozen=True)
class FindingRow:
    id: int
    audit_id: int
    audit_reference: str
    number: int
    clause: str
    statement: str
    evidence: str
    classification: FindingClass
    question_id: int | None
    question: str
    action_id: int | None
    action_ref: str
    action_status: ActionStatus | None

    @property
    def reference(self) -> str:
        return finding_ref(self.audit_reference, self.number)

    def fields(self) -> FindingFields:
        return FindingFields(self.clause, self.statement, self.evidence, self.classification)


def finding_ref(audit_reference: str, number: int) -> str:
    return f"{audit_reference} F{number}"


def findings_of(
    session: Session, audit_id: int | None = None, *, audit_ids: Iterable[int] | None = None
) -> list[FindingRow]:
    """Findings of one audit (or of several, or all), by audit then number, with their action."""
    stmt = (
        select(
            Finding.id,
            Finding.audit_id,
            Audit.reference,
            Finding.number,
            Finding.clause,
            Finding.statement,
            Finding.evidence,
            Finding.classification,
            Finding.question_id,
            func.coalesce(AuditQuestion.question, ""),
            Action.id,
            func.coalesce(Action.reference, ""),
            Action.status,
        )
        .join(Audit, Audit.id == Finding.audit_id)
        .outerjoin(AuditQuestion, AuditQuestion.id == Finding.question_id)
        .outerjoin(
            Action,
            (Action.source_kind == ActionSource.INTERNAL_AUDIT) & (Action.source_id == Finding.id),
        )
        .order_by(Audit.planned_start, Audit.reference, Finding.number, Action.id)
    )
    if audit_id is not None:
        stmt = stmt.where(Finding.audit_id == audit_id)
    if audit_ids is not None:
        stmt = stmt.where(Finding.audit_id.in_(list(audit_ids)))
    rows: dict[int, FindingRow] = {}
    for r in raw_rows(session, stmt):
        if r[0] in rows:
            continue  # a second action for the same finding: the first one is shown
        rows[r[0]] = FindingRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            FindingClass(r[7]),
            r[8],
            r[9],
            r[10],
            r[11],
            ActionStatus(r[12]) if r[12] else None,
        )
    return list(rows.values())


def get_finding(session: Session, finding_id: int) -> FindingRow:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"Finding {finding_id} does not exist.")
    for row in findings_of(session, finding.audit_id):
        if row.id == finding_id:
            return row
    raise NotFoundError(f"Finding {finding_id} does not exist.")  # pragma: no cover


def action_of(session: Session, finding_id: int) -> Action | None:
    return session.scalar(
        select(Action)
        .where(Action.source_kind == ActionSource.INTERNAL_AUDIT, Action.source_id == finding_id)
        .order_by(Action.id)
        .limit(1)
    )


def check_finding(f: FindingFields) -> list[str]:
    problems = []
    try:
        parse_clause(f.clause)
    except ValueError as exc:
        problems.append(finding_problem("clause", str(exc)))
    return problems


def add_finding(
    session: Session, audit_id: int, f: FindingFields, user: str, on: dt.date | None = None
) -> tuple[int, int | None]:
    """A finding not tied to a checklist question; returns (finding id, corrective action id)."""
    audit = load_audit(session, audit_id)
    ensure_open(audit)
    problems = check_finding(f)
    if not clean(f.statement):
        problems.append(finding_problem("statement", "say what was found."))
    if problems:
        raise ValidationError(problems)
    return create_finding(session, audit, f, user, on or today())


def create_finding(
    session: Session,
    audit: Audit,
    f: FindingFields,
    user: str,
    on: dt.date,
    question_id: int | None = None,
) -> tuple[int, int | None]:
    number = (
        session.scalar(select(func.max(Finding.number)).where(Finding.audit_id == audit.id)) or 0
    ) + 1
    finding = Finding(
        audit_id=audit.id,
        question_id=question_id,
        number=number,
        clause=parse_clause(f.clause),
        statement=clean(f.statement),
        evidence=clean(f.evidence),
        classification=f.classification,
    )
    session.add(finding)
    session.flush()
    ref = finding_ref(audit.reference, number)
    history.record(
        session,
        user=user,
        entity=FINDING_ENTITY,
        entity_id=finding.id,
        ref=ref,
        action="create",
        changes=[
            history.Change(
                FINDING_FIELD_LABELS["classification"], "", FINDING_LABELS[f.classification]
            )
        ],
    )
    action_id = None
    if f.classification in NONCONFORMITIES:
        action_id = _open_action(session, audit, finding, user, on)
    return finding.id, action_id


def _action_title(audit: Audit, finding: Finding) -> str:
    title = f"{finding_ref(audit.reference, finding.number)}: {finding.clause} "
    with contextlib.suppress(KeyError):  # clauses are checked before; never fail a title
        title += clause_title(finding.clause)
    return title[:150]


def _open_action(session: Session, audit: Audit, finding: Finding, user: str, on: dt.date) -> int:
    processes = split_lines(audit.processes) or split_lines(audit.departments)
    days = DUE_DAYS[FindingClass(finding.classification)]
    return actions.create_action(
        session,
        actions.ActionFields(
            title=_action_title(audit, finding),
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.INTERNAL_AUDIT,
            source_ref=finding_ref(audit.reference, finding.number),
            source_id=finding.id,
            process=(processes[0] if processes else "")[:80],
            problem=finding.statement or finding.evidence,
            raised_on=on,
            due_date=on + dt.timedelta(days=days),
        ),
        user,
        on,
    )


def update_finding(
    session: Session, finding_id: int, f: FindingFields, user: str, on: dt.date | None = None
) -> int | None:
    """Change a finding; a finding that becomes a nonconformity opens its corrective action.
    Returns the id of its corrective action, if it has one."""
    on = on or today()
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"Finding {finding_id} does not exist.")
    audit = load_audit(session, finding.audit_id)
    problems = check_finding(f)
    action = action_of(session, finding.id)
    if action is not None and f.classification not in NONCONFORMITIES:
        problems.append(
            finding_problem(
                "classification",
                f"this finding has corrective action {action.reference}, so it stays "
                "a nonconformity.",
            )
        )
    if problems:
        raise ValidationError(problems)
    changes = []
    new_values = {
        "clause": parse_clause(f.clause),
        "statement": clean(f.statement),
        "evidence": clean(f.evidence),
        "classification": f.classification,
    }
    labels = FINDING_FIELD_LABELS
    old_problem_source = finding.statement or finding.evidence
    for name, value in new_values.items():
        old = getattr(finding, name)
        if old != value:
            if name == "classification":
                changes.append(
                    history.Change(
                        labels[name],
                        FINDING_LABELS[FindingClass(old)],
                        FINDING_LABELS[f.classification],
                    )
                )
            else:
                changes.append(history.Change(labels[name], str(old), str(value)))
            setattr(finding, name, value)
    if not changes:
        return action.id if action else None
    session.flush()
    history.record(
        session,
        user=user,
        entity=FINDING_ENTITY,
        entity_id=finding.id,
        ref=finding_ref(audit.reference, finding.number),
        action="edit",
        changes=changes,
    )
    if action is None and f.classification in NONCONFORMITIES:
        return _open_action(session, audit, finding, user, on)
    if action is not None and action.problem in ("", old_problem_source):
        # The action's problem still reads as the finding did: keep it in step.
        action.problem = finding.statement or finding.evidence
        action.title = _action_title(audit, finding)
    return action.id if action else None


def drop_finding(session: Session, audit: Audit, finding: Finding, user: str) -> None:
    history.record(
        session,
        user=user,
        entity=FINDING_ENTITY,
        entity_id=finding.id,
        ref=finding_ref(audit.reference, finding.number),
        action="delete",
        changes=[
            history.Change(
                FINDING_FIELD_LABELS["classification"],
                FINDING_LABELS[FindingClass(finding.classification)],
                "",
            )
        ],
    )
    session.delete(finding)
    session.flush()


def delete_finding(session: Session, finding_id: int, user: str) -> None:
    """Delete a finding added by hand; one from a question goes when its result changes."""
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"Finding {finding_id} does not exist.")
    audit = load_audit(session, finding.audit_id)
    ensure_open(audit)
    action = action_of(session, finding_id)
    if action is not None:
        raise ValidationError(
            f"Finding F{finding.number} has corrective action {action.reference}, so it stays on "
            "record."
        )
    if finding.question_id is not None:
        raise ValidationError(
            f"Finding F{finding.number} comes from question's result; change the result instead."
        )
    drop_finding(session, audit, finding, user)
