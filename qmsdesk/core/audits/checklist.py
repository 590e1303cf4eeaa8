"""An audit's checklist: questions copied from templates (or added during the audit), their
answers, and the findings the answers make."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.audits.findings import (
    FindingFields,
    action_of,
    create_finding,
    drop_finding,
    update_finding,
)
from qmsdesk.core.audits.records import (
    ensure_open,
    load_audit,
)
from qmsdesk.core.audits.templates import (
    QuestionFields,
    check_question,
    template_name,
    template_questions,
)
from qmsdesk.core.audits.vocab import (
    ENTITY,
    FINDING_OF_RESULT,
    NONCONFORMITIES,
    RESULT_LABELS,
    in_scope,
    parse_clause,
    split_clauses,
)
from qmsdesk.core.dates import today, utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models_audits import (
    AuditQuestion,
    AuditStatus,
    Finding,
    Result,
)
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.text import clean, fold


@dataclass(frozen=True)
class AuditQuestionRow:
    id: int
    position: int
    clause: str
    question: str
    hint: str
    source: str
    result: Result | None
    evidence: str


def questions_of(session: Session, audit_id: int) -> list[AuditQuestionRow]:
    stmt = (
        select(
            AuditQuestion.id,
            AuditQuestion.position,
            AuditQuestion.clause,
            AuditQuestion.question,
            AuditQuestion.hint,
            AuditQuestion.source,
            AuditQuestion.result,
            AuditQuestion.evidence,
        )
        .where(AuditQuestion.audit_id == audit_id)
        .order_by(AuditQuestion.position, AuditQuestion.id)
    )
    return [
        AuditQuestionRow(r[0], r[1], r[2], r[3], r[4], r[5], Result(r[6]) if r[6] else None, r[7])
        for r in raw_rows(session, stmt)
    ]


def build_checklist(
    session: Session,
    audit_id: int,
    template_ids: Sequence[int],
    user: str,
    *,
    by_scope: bool = True,
) -> int:
    """Add the questions of these templates to the audit (in the templates' order), keeping only
    those within the audit's clause scope; a question already there is not added twice. Returns
    the number of questions added."""
    audit = load_audit(session, audit_id)
    ensure_open(audit)
    scope = split_clauses(audit.clauses) if by_scope else ()
    existing = {
        (c, fold(q))
        for c, q in raw_rows(
            session,
            select(AuditQuestion.clause, AuditQuestion.question).where(
                AuditQuestion.audit_id == audit_id
            ),
        )
    }
    position = (
        session.scalar(
            select(func.max(AuditQuestion.position)).where(AuditQuestion.audit_id == audit_id)
        )
        or 0
    )
    rows = []
    for template_id in template_ids:
        source = template_name(session, template_id)
        for q in template_questions(session, template_id):
            if not in_scope(q.clause, scope) or (q.clause, fold(q.question)) in existing:
                continue
            existing.add((q.clause, fold(q.question)))
            position += 1
            rows.append(
                {
                    "audit_id": audit_id,
                    "position": position,
                    "clause": q.clause,
                    "question": q.question,
                    "hint": q.hint,
                    "source": source[:80],
                    "result": None,
                    "evidence": "",
                    "answered_at": None,
                }
            )
    insert_many(session, AuditQuestion.__table__, rows)  # type: ignore[arg-type]
    if rows:
        names = ", ".join(template_name(session, t) for t in template_ids)
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=audit_id,
            ref=audit.reference,
            action="checklist",
            changes=[history.Change("Questions added", "", f"{len(rows)} from {names}")],
        )
    return len(rows)


def add_question(
    session: Session, audit_id: int, q: QuestionFields, user: str, after: int | None = None
) -> int:
    """Add a question of the auditor's own to an audit (at the end, or after question `after`)."""
    audit = load_audit(session, audit_id)
    ensure_open(audit)
    problems = check_question(q)
    if problems:
        raise ValidationError(problems)
    last = (
        session.scalar(
            select(func.max(AuditQuestion.position)).where(AuditQuestion.audit_id == audit_id)
        )
        or 0
    )
    position = last + 1
    if after is not None:
        anchor = session.get(AuditQuestion, after)
        if anchor is not None and anchor.audit_id == audit_id:
            position = anchor.position + 1
            session.execute(
                update(AuditQuestion)
                .where(AuditQuestion.audit_id == audit_id, AuditQuestion.position >= position)
                .values(position=AuditQuestion.position + 1)
            )
    question = AuditQuestion(
        audit_id=audit_id,
        position=position,
        clause=parse_clause(q.clause),
        question=clean(q.question),
        hint=clean(q.hint),
        source="Added during the audit",
        evidence="",
    )
    session.add(question)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit_id,
        ref=audit.reference,
        action="checklist",
        changes=[history.Change("Question added", "", f"{question.clause} {question.question}")],
    )
    return question.id


def move_question(session: Session, question_id: int, step: int) -> None:
    """Move a question up (step -1) or down (step +1) in its audit's checklist."""
    question = _load_question(session, question_id)
    ensure_open(load_audit(session, question.audit_id))
    ordered = list(
        session.scalars(
            select(AuditQuestion)
            .where(AuditQuestion.audit_id == question.audit_id)
            .order_by(AuditQuestion.position, AuditQuestion.id)
        )
    )
    index = ordered.index(question)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for n, q in enumerate(ordered, 1):
        q.position = n
    session.flush()


def delete_question(session: Session, question_id: int, user: str) -> None:
    question = _load_question(session, question_id)
    audit = load_audit(session, question.audit_id)
    ensure_open(audit)
    if question.result is not None:
        raise ValidationError(
            "This question has a result; set it to 'Not audited' instead of deleting it, so that "
            "the record shows it was left out."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=audit.reference,
        action="checklist",
        changes=[history.Change("Question removed", f"{question.clause} {question.question}", "")],
    )
    session.delete(question)
    session.flush()


def _load_question(session: Session, question_id: int) -> AuditQuestion:
    question = session.get(AuditQuestion, question_id)
    if question is None:
        raise NotFoundError(f"Question {question_id} does not exist in any audit.")
    return question


@dataclass(frozen=True)
class AnswerOutcome:
    """What recording an answer did besides storing it."""

    finding_id: int | None = None  # the finding the answer made or changed
    action_id: int | None = None  # the corrective action it opened
    finding_removed: bool = False


def record_answer(
    session: Session,
    question_id: int,
    result: Result | None,
    evidence: str,
    user: str,
    on: dt.date | None = None,
) -> AnswerOutcome:
    """Store a question's result and evidence notes, and keep its finding in step.

    A nonconformity, opportunity for improvement or observation makes a finding (a nonconformity
    also opens a corrective action); a result that is no longer one removes its finding, unless
    the finding has a corrective action, which keeps it on record (refused with a message).
    The first answer starts a planned audit.
    """
    on = on or today()
    question = _load_question(session, question_id)
    audit = load_audit(session, question.audit_id)
    ensure_open(audit)
    evidence = clean(evidence)
    old_result = Result(question.result) if question.result else None
    old_evidence = question.evidence
    if old_result == result and old_evidence == evidence:
        return AnswerOutcome()
    finding = session.scalar(select(Finding).where(Finding.question_id == question.id))
    wanted = FINDING_OF_RESULT.get(result) if result else None
    outcome = AnswerOutcome()
    if finding is not None and wanted != finding.classification:
        action = action_of(session, finding.id)
        if action is not None and (wanted not in NONCONFORMITIES):
            raise ValidationError(
                f"Finding F{finding.number} of {audit.reference} has corrective action "
                f"{action.reference}, so it stays a nonconformity. Change the action in the "
                "actions register if it was raised by mistake."
            )
    question.result = result
    question.evidence = evidence
    question.answered_at = utcnow() if result else None
    changes = [
        history.Change(
            f"Q{question.position} ({question.clause}) result",
            RESULT_LABELS[old_result] if old_result else "",
            RESULT_LABELS[result] if result else "",
        )
    ]
    if old_evidence != evidence:
        changes.append(history.Change(f"Q{question.position} evidence", old_evidence, evidence))
    if audit.status == AuditStatus.PLANNED and result is not None:
        audit.status = AuditStatus.IN_PROGRESS
        audit.actual_start = audit.actual_start or on
        changes.append(history.Change("Status", "Planned", "In progress"))
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=audit.reference,
        action="answer",
        changes=changes,
    )
    if wanted is None and finding is not None:
        drop_finding(session, audit, finding, user)
        return AnswerOutcome(finding_removed=True)
    if wanted is not None and finding is None:
        finding_id, action_id = create_finding(
            session,
            audit,
            FindingFields(question.clause, "", evidence, wanted),
            user,
            on,
            question_id=question.id,
        )
        return AnswerOutcome(finding_id, action_id)
    if wanted is not None and finding is not None:
        new_evidence = evidence if finding.evidence in ("", old_evidence) else finding.evidence
        fields_ = FindingFields(finding.clause, finding.statement, new_evidence, wanted)
        action_id = update_finding(session, finding.id, fields_, user, on)
        return AnswerOutcome(finding.id, action_id)
    return outcome


def record_answers(
    session: Session,
    items: Sequence[tuple[int, Result | None, str]],
    user: str,
    on: dt.date | None = None,
) -> int:
    """Record many answers (a checklist keyed back from paper); returns how many changed."""
    changed = 0
    for question_id, result, evidence in items:
        question = _load_question(session, question_id)
        if (Result(question.result) if question.result else None) == result and (
            question.evidence == clean(evidence)
        ):
            continue
        record_answer(session, question_id, result, evidence, user, on)
        changed += 1
    return changed


def result_counts(session: Session, audit_id: int) -> dict[Result | None, int]:
    """How many questions have each result (None: not answered yet)."""
    stmt = (
        select(AuditQuestion.result, func.count())
        .where(AuditQuestion.audit_id == audit_id)
        .group_by(AuditQuestion.result)
    )
    return {Result(r) if r else None: n for r, n in raw_rows(session, stmt)}
