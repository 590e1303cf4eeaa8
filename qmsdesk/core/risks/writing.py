"""Writing the risks register: create, edit and delete risks, raise their actions in the shared
actions register, record the effectiveness reviews of those actions; each change in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_actions import Action, ActionSource
from qmsdesk.core.db.models_planning import ContextIssue, InterestedParty, Process
from qmsdesk.core.db.models_risks import Risk, RiskKind, RiskReview
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.risks.reading import get_row, id_for_reference
from qmsdesk.core.risks.rules import (
    FIELD_NAMES,
    ReviewFields,
    RiskFields,
    check_review,
    check_risk,
    raise_problems,
    raise_review_problems,
)
from qmsdesk.core.risks.scale import RiskScale, get_scale
from qmsdesk.core.risks.vocab import (
    ENTITY,
    FIELD_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    PREFIXES,
    SOURCE_LABELS,
    TREATMENT_LABELS,
)
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold


def next_reference(session: Session, kind: RiskKind, taken: set[str] | None = None) -> str:
    prefix = f"{PREFIXES[kind]}-"
    refs = (
        taken
        if taken is not None
        else set(session.scalars(select(Risk.reference).where(Risk.reference.like(f"{prefix}%"))))
    )
    numbers = [
        int(r[len(prefix) :])
        for r in refs
        if r.upper().startswith(prefix) and r[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def link_problems(session: Session, f: RiskFields) -> list[FieldProblem]:
    """Links to records that are not there (deleted since the dialog or sheet was read)."""
    problems = []
    for name, model, what in (
        ("issue_id", ContextIssue, "context issue"),
        ("party_id", InterestedParty, "interested party"),
        ("process_id", Process, "process"),
        ("owner_id", Person, "person"),
    ):
        value = getattr(f, name)
        if value is not None and session.get(model, value) is None:
            key = "source_ref" if name in ("issue_id", "party_id") else name
            problems.append(FieldProblem(key, f"this {what} is not in the company file."))
    return problems


def _text(session: Session, name: str, value: object) -> str:
    if value is None:
        return ""
    lookups = {
        "owner_id": (Person, "name"),
        "process_id": (Process, "code"),
        "issue_id": (ContextIssue, "reference"),
        "party_id": (InterestedParty, "name"),
    }
    if name in lookups:
        model, attribute = lookups[name]
        record = session.get(model, value)
        return str(getattr(record, attribute)) if record is not None else str(value)
    labels = {"kind": KIND_LABELS, "source_kind": SOURCE_LABELS, "treatment": TREATMENT_LABELS}
    if name in labels:
        return labels[name][value]  # type: ignore[index]
    return history.as_text(value)


_LINK_LABELS = {"issue_id": "Context issue", "party_id": "Interested party"}


def _label(name: str) -> str:
    return _LINK_LABELS.get(name) or FIELD_LABELS[name]


def create_risk(
    session: Session,
    f: RiskFields,
    user: str,
    on: dt.date | None = None,
    scale: RiskScale | None = None,
) -> int:
    """Add a risk or opportunity; returns its id. An empty reference gets the next free one."""
    on = on or today()
    f = replace(f, identified_on=f.identified_on or on, reference=clean(f.reference))
    raise_problems([*check_risk(f, scale or get_scale(session)), *link_problems(session, f)])
    reference = f.reference or next_reference(session, f.kind)
    ensure_unique(
        id_for_reference(session, reference),
        None,
        f"Reference: another risk already has the reference '{reference}'.",
    )
    risk = Risk(**{n: getattr(f, n) for n in FIELD_NAMES if n != "reference"})
    risk.reference = reference
    session.add(risk)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=risk.id,
        ref=reference,
        action="create",
        changes=[
            history.Change("Title", "", f.title),
            history.Change("Rating", "", f"{f.likelihood} x {f.consequence}"),
        ],
    )
    return risk.id


def update_risk(
    session: Session,
    risk_id: int,
    f: RiskFields,
    user: str,
    scale: RiskScale | None = None,
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    risk = load(session, Risk, risk_id, "Risk")
    f = replace(
        f,
        identified_on=f.identified_on or risk.identified_on,
        reference=clean(f.reference) or risk.reference,
    )
    raise_problems([*check_risk(f, scale or get_scale(session)), *link_problems(session, f)])
    if fold(f.reference) != fold(risk.reference):
        ensure_unique(
            id_for_reference(session, f.reference),
            risk.id,
            f"Reference: another risk already has the reference '{f.reference}'.",
        )
    changes = []
    for name in FIELD_NAMES:
        new, old = getattr(f, name), getattr(risk, name)
        if old != new:
            changes.append(
                history.Change(_label(name), _text(session, name, old), _text(session, name, new))
            )
            setattr(risk, name, new)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=risk.id,
            ref=risk.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def delete_risk(session: Session, risk_id: int, user: str) -> None:
    """Delete a risk entered by mistake: only while no action was raised on it."""
    risk = load(session, Risk, risk_id, "Risk")
    raised = session.scalar(
        select(func.count()).where(
            Action.source_kind == ActionSource.RISK, Action.source_id == risk_id
        )
    )
    if raised:
        raise ValidationError(
            f"{risk.reference} has actions raised on it, so it stays in the register (set its "
            "treatment to Accept, or re-rate it, instead)."
        )
    delete_with_history(
        session,
        risk,
        user=user,
        entity=ENTITY,
        entity_id=risk.id,
        ref=risk.reference,
        changes=[history.Change("Title", risk.title, "")],
    )


def raise_action(
    session: Session,
    risk_id: int,
    title: str,
    user: str,
    *,
    owner_id: int | None = None,
    due_date: dt.date | None = None,
    on: dt.date | None = None,
) -> int:
    """Raise an action on a risk in the shared actions register (source kind "risk"): an
    improvement for an opportunity, another action for a risk. Returns the action's id."""
    row = get_row(session, risk_id)
    kind = (
        actions.ActionKind.IMPROVEMENT
        if row.kind == RiskKind.OPPORTUNITY
        else actions.ActionKind.OTHER
    )
    return actions.create_action(
        session,
        actions.ActionFields(
            title=title,
            kind=kind,
            source_kind=ActionSource.RISK,
            source_ref=row.reference,
            source_id=row.id,
            process=row.process_name or row.process_code,
            problem=row.title,
            corrective_action=row.treatment_plan,
            owner_id=owner_id if owner_id is not None else row.owner_id,
            due_date=due_date,
        ),
        user,
        on,
    )


def add_review(
    session: Session, risk_id: int, f: ReviewFields, user: str, on: dt.date | None = None
) -> int:
    """Record an effectiveness review of the actions taken on a risk; returns its id."""
    risk = load(session, Risk, risk_id, "Risk")
    problems = check_review(f, on or today())
    if f.reviewed_by_id is not None and session.get(Person, f.reviewed_by_id) is None:
        problems.append(FieldProblem("reviewed_by_id", "this person is not in the register."))
    raise_review_problems(problems)
    review = RiskReview(
        risk_id=risk_id,
        reviewed_on=f.reviewed_on,
        reviewed_by_id=f.reviewed_by_id,
        outcome=f.outcome,
        note=clean(f.note),
    )
    session.add(review)
    session.flush()
    who = session.get(Person, f.reviewed_by_id) if f.reviewed_by_id else None
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=risk.id,
        ref=risk.reference,
        action="effectiveness review",
        changes=[
            history.Change(
                "Effectiveness review",
                "",
                f"{f.reviewed_on.isoformat()} {who.name if who else ''}: "
                f"{OUTCOME_LABELS[f.outcome]}",
            )
        ],
    )
    return review.id


def save_many(
    session: Session,
    added: Sequence[RiskFields],
    changed: Sequence[tuple[int, RiskFields]],
    user: str,
    on: dt.date | None = None,
) -> None:
    """The rows of an import, in the caller's one transaction (fields checked by the importer)."""
    scale = get_scale(session)
    for risk_id, f in changed:
        update_risk(session, risk_id, f, user, scale)
    for f in added:
        create_risk(session, f, user, on, scale)
