"""A management review's outputs: decisions (9.3.3) and their actions, and the approval of the
minutes and their revisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_audits import Action, ActionKind, ActionSource, ActionStatus
from qmsdesk.core.db.models_reviews import (
    AttendanceRole,
    Review,
    ReviewDecision,
    ReviewMinutes,
    ReviewPerson,
    ReviewStatus,
)
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.reviews.conclusion import approval_problems
from qmsdesk.core.reviews.drafting import day_text
from qmsdesk.core.reviews.minutes_data import AgendaItem, agenda_item, outputs
from qmsdesk.core.reviews.reading import _actions_of, _editable, _load, minutes
from qmsdesk.core.reviews.vocab import ENTITY, MAX_LENGTHS, MAY_BE_DELETED, STATUS_LABELS
from qmsdesk.core.service import delete_with_history, load
from qmsdesk.core.text import clean

# --- writing: decisions and their actions --------------------------------------------------


def _check_output(item: str) -> AgendaItem:
    try:
        found = agenda_item(item)
    except KeyError:
        found = None
    if found is None or found not in outputs():
        allowed = ", ".join(o.label() for o in outputs())
        raise ValidationError(f"Output: '{item}' is not an output of a review ({allowed}).")
    return found


def _check_decision_text(text: str) -> str:
    text = clean(text)
    if not text:
        raise ValidationError("Decision: say what was decided.")
    return text


def add_decision(session: Session, review_id: int, item: str, text: str, user: str) -> int:
    review = _load(session, review_id)
    _editable(review)
    out = _check_output(item)
    text = _check_decision_text(text)
    number = (
        session.scalar(
            select(func.max(ReviewDecision.number)).where(ReviewDecision.review_id == review_id)
        )
        or 0
    ) + 1
    decision = ReviewDecision(review_id=review_id, item=out.item, number=number, text=text)
    session.add(decision)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="decision",
        changes=[history.Change(f"D{number} ({out.item})", "", text)],
    )
    return decision.id


def _load_decision(session: Session, decision_id: int) -> tuple[ReviewDecision, Review]:
    decision = load(session, ReviewDecision, decision_id, "Decision", note=MAY_BE_DELETED)
    return decision, _load(session, decision.review_id)


def update_decision(session: Session, decision_id: int, item: str, text: str, user: str) -> bool:
    decision, review = _load_decision(session, decision_id)
    _editable(review)
    out = _check_output(item)
    text = _check_decision_text(text)
    changes = []
    if decision.item != out.item:
        changes.append(history.Change(f"D{decision.number} output", decision.item, out.item))
        decision.item = out.item
    if decision.text != text:
        changes.append(history.Change(f"D{decision.number}", decision.text, text))
        decision.text = text
    if changes:
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=review.id,
            ref=review.reference,
            action="decision",
            changes=changes,
        )
        for action in _actions_of(session, [decision.id]):
            action.source_ref = _source_ref(review, decision)
    return bool(changes)


def delete_decision(session: Session, decision_id: int, user: str) -> None:
    decision, review = _load_decision(session, decision_id)
    _editable(review)
    if _actions_of(session, [decision_id]):
        raise ValidationError(
            f"D{decision.number} has actions in the actions register; remove them first."
        )
    delete_with_history(
        session,
        decision,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="decision",
        changes=[history.Change(f"D{decision.number} ({decision.item})", decision.text, "")],
    )


def _source_ref(review: Review, decision: ReviewDecision) -> str:
    return f"{review.reference} D{decision.number}"


#: The kind of action each output raises in the actions register.
_OUTPUT_KINDS = {"9.3.3 a": ActionKind.IMPROVEMENT, "9.3.3 b": ActionKind.OTHER}


@dataclass(frozen=True)
class ReviewActionFields:
    """An action a decision creates: what, who, by when."""

    title: str
    owner_id: int | None
    due_date: dt.date | None
    details: str = ""  # more about what to do, when the title is not enough


def _check_action_fields(f: ReviewActionFields) -> ReviewActionFields:
    f = replace(f, title=" ".join(clean(f.title).split()), details=clean(f.details))
    problems = []
    if not f.title:
        problems.append("Action: say what is to be done.")
    if f.owner_id is None:
        problems.append("Owner: choose who will do it.")
    if f.due_date is None:
        problems.append("Due date: say by when.")
    if problems:
        raise ValidationError(problems)
    return f


def add_action(
    session: Session,
    decision_id: int,
    f: ReviewActionFields,
    user: str,
    on: dt.date | None = None,
) -> int:
    """Create an action for a decision in the actions register; returns the action's id."""
    decision, review = _load_decision(session, decision_id)
    _editable(review)
    f = _check_action_fields(f)
    raised = min(on or today(), max(review.meeting_date, review.period_end))
    return actions.create_action(
        session,
        actions.ActionFields(
            title=f.title,
            kind=_OUTPUT_KINDS.get(decision.item, ActionKind.OTHER),
            source_kind=ActionSource.MANAGEMENT_REVIEW,
            source_ref=_source_ref(review, decision),
            source_id=decision.id,
            problem=f"Decided at the management review {review.reference} "
            f"({day_text(review.meeting_date)}), D{decision.number}: {decision.text}",
            corrective_action=f.details or f.title,
            owner_id=f.owner_id,
            raised_on=raised,
            due_date=f.due_date,
        ),
        user,
        on,
    )


def _review_action(session: Session, action_id: int) -> tuple[Action, ReviewDecision, Review]:
    action = session.get(Action, action_id)
    if action is None or action.source_kind != ActionSource.MANAGEMENT_REVIEW:
        raise NotFoundError(f"Action {action_id} is not an action of a management review.")
    decision, review = _load_decision(session, action.source_id or 0)
    return action, decision, review


def update_action(
    session: Session,
    action_id: int,
    f: ReviewActionFields,
    user: str,
    on: dt.date | None = None,
) -> list[str]:
    """Change what a review action is, who owns it and when it is due (while the review's
    minutes are not approved; afterwards the actions register is where it is followed up)."""
    _action, _decision, review = _review_action(session, action_id)
    _editable(review)
    f = _check_action_fields(f)
    row = actions.get_row(session, action_id)
    details = f.details or f.title
    return actions.update_action(
        session,
        action_id,
        replace(
            row.fields(),
            title=f.title,
            owner_id=f.owner_id,
            due_date=f.due_date,
            corrective_action=details,
        ),
        user,
        on,
    )


def remove_action(session: Session, action_id: int, user: str) -> None:
    """Take an action off a decision (and out of the actions register) before approval."""
    action, _decision, review = _review_action(session, action_id)
    _editable(review)
    if action.status == ActionStatus.OPEN and not action.correction:
        # What to do was filled in from the decision, not by anyone working on it.
        action.corrective_action = ""
    actions.delete_action(session, action_id, user)


# --- approval and revisions of the minutes --------------------------------------------------


def approve(
    session: Session,
    review_id: int,
    approved_by: str,
    approved_on: dt.date,
    user: str,
) -> None:
    """Approve the minutes: the review becomes read-only and a copy of the minutes as approved is
    kept for good."""
    review = _load(session, review_id)
    _editable(review)
    approved_by = " ".join(clean(approved_by).split())
    problems = []
    if review.status == ReviewStatus.PLANNED:
        problems.append(
            f"{review.reference} is still planned: mark it as held before approving its minutes."
        )
    if not approved_by:
        problems.append("Approved by: say who approved the minutes.")
    elif len(approved_by) > MAX_LENGTHS["approved_by"]:
        problems.append(
            f"Approved by: at most {MAX_LENGTHS['approved_by']} characters are allowed."
        )
    if approved_on > today():
        problems.append("Approval date: cannot be in the future.")
    if approved_on < review.meeting_date:
        problems.append(
            f"Approval date: cannot be before the meeting ({day_text(review.meeting_date)})."
        )
    if not session.scalar(
        select(func.count()).where(
            ReviewPerson.review_id == review_id, ReviewPerson.role == AttendanceRole.ATTENDED
        )
    ):
        problems.append("Attendance: record who attended before approving the minutes.")
    problems += approval_problems(session, review)
    if problems:
        raise ValidationError(problems)
    review.status = ReviewStatus.APPROVED
    review.approved_by = approved_by
    review.approved_on = approved_on
    session.flush()
    content = minutes(session, review_id)
    text = content.to_json()
    session.add(
        ReviewMinutes(
            review_id=review_id,
            revision=review.minutes_revision,
            approved_by=approved_by,
            approved_on=approved_on,
            reason=review.revision_reason,
            content=text,
            sha256=content.sha256(),
        )
    )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="approve",
        changes=[
            history.Change("Status", STATUS_LABELS[ReviewStatus.HELD], "Minutes approved"),
            history.Change("Approved by", "", approved_by),
            history.Change("Minutes revision", "", str(review.minutes_revision)),
        ],
    )
    session.flush()


def new_revision(session: Session, review_id: int, reason: str, user: str) -> int:
    """Open approved minutes for a change as their next revision; the approved one is kept as it
    was. Returns the new revision number."""
    review = _load(session, review_id)
    reason = clean(reason)
    if review.status != ReviewStatus.APPROVED:
        raise ValidationError(
            f"{review.reference}'s minutes are not approved; they can be changed as they are."
        )
    if not reason:
        raise ValidationError("Reason: say why the approved minutes need a new revision.")
    old = review.minutes_revision
    review.minutes_revision = old + 1
    review.status = ReviewStatus.HELD
    review.approved_by = ""
    review.approved_on = None
    review.revision_reason = reason
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="revise",
        changes=[
            history.Change("Minutes revision", str(old), str(old + 1)),
            history.Change("Reason", "", reason),
        ],
    )
    return old + 1
