"""Writing the feedback register: feedback and satisfaction results created, edited and deleted,
a corrective action raised for a complaint; every change recorded in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.dates import today
from qmsdesk.core.db.models import Setting
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource
from qmsdesk.core.db.models_feedback import Feedback, FeedbackKind, SatisfactionResult
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.feedback.reading import (
    get_row,
    id_for_reference,
    scale,
    survey_id_for_reference,
)
from qmsdesk.core.feedback.rules import FeedbackFields, SurveyFields, check_feedback, check_survey
from qmsdesk.core.feedback.vocab import (
    ENTITY,
    FIELD_LABELS,
    KIND_LABELS,
    PREFIXES,
    RESPONSE_DAYS,
    SCALE_KEY,
    SEVERITY_LABELS,
    SURVEY_ENTITY,
    SURVEY_LABELS,
)
from qmsdesk.core.recordkit import (
    next_reference,
    person_name,
    person_problems,
    raise_problems,
    shown,
    write_fields,
)
from qmsdesk.core.service import delete_with_history, ensure_unique, load

LABELS = {**FIELD_LABELS, "action_id": FIELD_LABELS["action_ref"]}


def _show(session: Session, name: str, value: object) -> str:
    if name == "owner_id":
        return person_name(session, value)  # type: ignore[arg-type]
    if name == "action_id":
        action = session.get(Action, value) if value is not None else None
        return action.reference if action else shown(value)
    if name == "kind":
        return shown(value, KIND_LABELS)
    if name == "severity":
        return shown(value, SEVERITY_LABELS)
    return shown(value)


def _link_problems(session: Session, f: FeedbackFields) -> list[FieldProblem]:
    problems = person_problems(session, f, ("owner_id",))
    if f.action_id is not None:
        action = session.get(Action, f.action_id)
        if action is None:
            problems.append(FieldProblem("action_id", "this action is not in the register."))
        elif action.source_kind != ActionSource.CUSTOMER_COMPLAINT:
            problems.append(
                FieldProblem(
                    "action_id",
                    f"{action.reference} does not come from a customer complaint; link the "
                    "action raised for this one.",
                )
            )
    return problems


def _completed(f: FeedbackFields, on: dt.date) -> FeedbackFields:
    received = f.received_on or on
    respond_by = f.respond_by
    if respond_by is None and f.kind != FeedbackKind.COMPLIMENT:
        respond_by = received + dt.timedelta(days=RESPONSE_DAYS[f.severity])
    return replace(f, received_on=received, respond_by=respond_by)


def create_feedback(
    session: Session, f: FeedbackFields, user: str, on: dt.date | None = None
) -> int:
    """Add a complaint, compliment or return; returns its id. A complaint or a return with no
    'respond by' date gets one from its severity."""
    on = on or today()
    f = _completed(f, on)
    raise_problems([*check_feedback(f, on), *_link_problems(session, f)], LABELS)
    assert f.received_on is not None
    reference = f.reference or next_reference(
        session, Feedback.reference, PREFIXES[f.kind], f.received_on.year
    )
    ensure_unique(
        id_for_reference(session, reference),
        None,
        f"Reference: another feedback record already has the reference '{reference}'.",
    )
    record = Feedback()
    write_fields(session, record, replace(f, reference=reference), LABELS, _show)
    session.add(record)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=reference,
        action="create",
        changes=[
            history.Change("Kind", "", KIND_LABELS[f.kind]),
            history.Change("Customer", "", f.customer),
        ],
    )
    return record.id


def update_feedback(
    session: Session, feedback_id: int, f: FeedbackFields, user: str, on: dt.date | None = None
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    on = on or today()
    record = load(session, Feedback, feedback_id, "Feedback record")
    f = replace(
        f,
        reference=f.reference or record.reference,
        received_on=f.received_on or record.received_on,
    )
    raise_problems([*check_feedback(f, on), *_link_problems(session, f)], LABELS)
    if f.reference.casefold() != record.reference.casefold():
        ensure_unique(
            id_for_reference(session, f.reference),
            record.id,
            f"Reference: another feedback record already has the reference '{f.reference}'.",
        )
    changes = write_fields(session, record, f, LABELS, _show)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=record.id,
            ref=record.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def save_many(
    session: Session,
    added: Sequence[FeedbackFields],
    changed: Sequence[tuple[int, FeedbackFields]],
    user: str,
) -> None:
    """An import's rows, in the caller's one transaction."""
    for f in added:
        create_feedback(session, f, user)
    for feedback_id, f in changed:
        update_feedback(session, feedback_id, f, user)


def raise_action(
    session: Session,
    feedback_id: int,
    user: str,
    owner_id: int | None = None,
    on: dt.date | None = None,
) -> int:
    """Open a corrective action for a complaint or a return (source: customer complaint) and
    link it; returns the action's id."""
    row = get_row(session, feedback_id)
    if row.kind == FeedbackKind.COMPLIMENT:
        raise ValidationError(f"{row.reference} is a compliment: there is nothing to correct.")
    if row.action_id is not None:
        raise ValidationError(f"{row.reference} is linked to {row.action_ref} already.")
    action_id = actions.create_action(
        session,
        actions.ActionFields(
            title=f"{KIND_LABELS[row.kind]} from {row.customer}: {row.product}".strip(": ")[:150],
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.CUSTOMER_COMPLAINT,
            source_ref=row.reference,
            source_id=row.id,
            problem=row.description,
            owner_id=owner_id or row.owner_id,
        ),
        user,
        on,
    )
    update_feedback(session, feedback_id, replace(row.fields(), action_id=action_id), user, on)
    return action_id


def delete_feedback(session: Session, feedback_id: int, user: str) -> None:
    """Delete a record entered by mistake: only while it has no response and no action."""
    record = load(session, Feedback, feedback_id, "Feedback record")
    if record.response or record.action_id is not None:
        raise ValidationError(
            f"{record.reference} has a response or an action recorded, so it stays in the register."
        )
    delete_with_history(
        session,
        record,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=record.reference,
        changes=[history.Change("Customer", record.customer, "")],
    )


# --- satisfaction results -----------------------------------------------------------------------


def set_scale(session: Session, low: int, high: int, user: str) -> None:
    """Set the company's satisfaction scale; refused when a stored result falls outside it."""
    if not low < high:
        raise ValidationError("Scale: the lowest score must be below the highest.")
    outside = session.scalar(
        select(SatisfactionResult.reference).where(
            (SatisfactionResult.score < low) | (SatisfactionResult.score > high)
        )
    )
    if outside:
        raise ValidationError(f"Scale: the result {outside} has a score outside {low} to {high}.")
    old = "{}-{}".format(*scale(session))
    session.merge(Setting(key=SCALE_KEY, value=f"{low}-{high}"))
    history.record(
        session,
        user=user,
        entity=SURVEY_ENTITY,
        entity_id=0,
        ref="scale",
        action="edit",
        changes=[history.Change("Scale", old, f"{low}-{high}")],
    )


def _survey_show(session: Session, name: str, value: object) -> str:
    return shown(value)


def create_survey(session: Session, f: SurveyFields, user: str, on: dt.date | None = None) -> int:
    """Add a satisfaction result on the company's scale; returns its id."""
    low, high = scale(session)
    raise_problems(check_survey(f, (low, high), on), SURVEY_LABELS)
    reference = f.reference or next_reference(
        session, SatisfactionResult.reference, "CS", f.period_end.year
    )
    ensure_unique(
        survey_id_for_reference(session, reference),
        None,
        f"Reference: another satisfaction result already has the reference '{reference}'.",
    )
    record = SatisfactionResult(scale_min=low, scale_max=high)
    write_fields(session, record, replace(f, reference=reference), SURVEY_LABELS, _survey_show)
    session.add(record)
    session.flush()
    history.record(
        session,
        user=user,
        entity=SURVEY_ENTITY,
        entity_id=record.id,
        ref=reference,
        action="create",
        changes=[history.Change("Score", "", f"{f.score:g} of {high}")],
    )
    return record.id


def update_survey(
    session: Session, survey_id: int, f: SurveyFields, user: str, on: dt.date | None = None
) -> list[str]:
    record = load(session, SatisfactionResult, survey_id, "Satisfaction result")
    f = replace(f, reference=f.reference or record.reference)
    raise_problems(check_survey(f, (record.scale_min, record.scale_max), on), SURVEY_LABELS)
    if f.reference.casefold() != record.reference.casefold():
        ensure_unique(
            survey_id_for_reference(session, f.reference),
            record.id,
            f"Reference: another satisfaction result already has the reference '{f.reference}'.",
        )
    changes = write_fields(session, record, f, SURVEY_LABELS, _survey_show)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=SURVEY_ENTITY,
            entity_id=record.id,
            ref=record.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def save_surveys(
    session: Session,
    added: Sequence[SurveyFields],
    changed: Sequence[tuple[int, SurveyFields]],
    user: str,
) -> None:
    for f in added:
        create_survey(session, f, user)
    for survey_id, f in changed:
        update_survey(session, survey_id, f, user)


def delete_survey(session: Session, survey_id: int, user: str) -> None:
    record = load(session, SatisfactionResult, survey_id, "Satisfaction result")
    delete_with_history(
        session,
        record,
        user=user,
        entity=SURVEY_ENTITY,
        entity_id=record.id,
        ref=record.reference,
        changes=[history.Change("Score", f"{record.score:g}", "")],
    )
