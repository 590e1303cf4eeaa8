"""Writing the register: create, edit, verify, close and delete actions, each change recorded in
the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.actions.checks import FIELD_NAMES, ActionFields, check_action, raise_problems
from qmsdesk.core.actions.rows import get_row, id_for_reference
from qmsdesk.core.actions.vocab import (
    ENTITY,
    FIELD_LABELS,
    PREFIXES,
    SOURCE_LABELS,
    STATUS_LABELS,
    action_problem,
    parse_whys,
    whys_text,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionStatus
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.processes.links import process_link
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold


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
        return STATUS_LABELS[ActionStatus(str(value))] if value else ""
    return history.as_text(value)


def create_action(session: Session, f: ActionFields, user: str, on: dt.date | None = None) -> int:
    """Add an action to the register; returns its id. An empty reference gets the next free one."""
    on = on or today()
    raised = f.raised_on or on
    f = replace(f, raised_on=raised)
    raise_problems([*check_action(f, on), *_person_problems(session, f)])
    reference = f.reference or next_reference(session, f.kind, raised.year)
    ensure_unique(
        id_for_reference(session, reference),
        None,
        action_problem("reference", f"another action already has the reference '{reference}'."),
    )
    action = Action(**{n: _stored(f, n) for n in FIELD_NAMES if n != "reference"})
    action.reference = reference
    action.process_id = process_link(session, f.process)
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
    return load(session, Action, action_id, "Action")


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
    raise_problems([*check_action(f, on), *_person_problems(session, f)])
    if fold(f.reference) != fold(action.reference):
        ensure_unique(
            id_for_reference(session, f.reference),
            action.id,
            action_problem(
                "reference", f"another action already has the reference '{f.reference}'."
            ),
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
    process_id = process_link(session, f.process)
    if action.process_id != process_id:
        action.process_id = process_id
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
            action_problem(
                "verification_note",
                "say what was looked at to judge the effectiveness (for example "
                "'no repeat in 3 months of inspection records').",
            )
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
        raise_problems(_person_problems(session, replace(f, verified_by_id=verified_by_id)))
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
    delete_with_history(
        session,
        action,
        user=user,
        entity=ENTITY,
        entity_id=action.id,
        ref=action.reference,
        changes=[history.Change("Title", action.title, "")],
    )
