"""Writing the objectives: create, edit and delete objectives, their plan steps (each optionally
carried out as an action of the actions register) and their measurements; each change in the
history of the objective."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_actions import Action, ActionSource
from qmsdesk.core.db.models_objectives import Measurement, Objective, ObjectiveStep
from qmsdesk.core.db.models_planning import Process
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.objectives.periods import period_label, period_start
from qmsdesk.core.objectives.reading import id_for_code
from qmsdesk.core.objectives.rules import (
    OBJECTIVE_FIELDS,
    STEP_FIELDS,
    MeasurementFields,
    ObjectiveFields,
    StepFields,
    check_measurement,
    check_objective,
    check_step,
    raise_measurement_problems,
    raise_objective_problems,
    raise_step_problems,
)
from qmsdesk.core.objectives.vocab import (
    DIRECTION_LABELS,
    ENTITY,
    FREQUENCY_LABELS,
    OBJECTIVE_LABELS,
    STEP_LABELS,
    number_text,
)
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold


def _link_problems(session: Session, f: ObjectiveFields) -> list[FieldProblem]:
    problems = []
    if f.process_id is not None and session.get(Process, f.process_id) is None:
        problems.append(FieldProblem("process_id", "this process is not in the company file."))
    if f.owner_id is not None and session.get(Person, f.owner_id) is None:
        problems.append(FieldProblem("owner_id", "this person is not in the register of people."))
    return problems


def _text(session: Session, name: str, value: object) -> str:
    if value is None:
        return ""
    if name in ("owner_id", "who_id"):
        person = session.get(Person, value)
        return person.name if person else str(value)
    if name == "process_id":
        process = session.get(Process, value)
        return process.code if process else str(value)
    if name == "action_id":
        action = session.get(Action, value)
        return action.reference if action else str(value)
    if name == "direction":
        return DIRECTION_LABELS[value]  # type: ignore[index]
    if name == "frequency":
        return FREQUENCY_LABELS[value]  # type: ignore[index]
    if isinstance(value, float):
        return number_text(value)
    return history.as_text(value)


def _record(
    session: Session, objective: Objective, user: str, action: str, changes: list[history.Change]
) -> None:
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=objective.id,
        ref=objective.code,
        action=action,
        changes=changes,
    )


def create_objective(
    session: Session, f: ObjectiveFields, user: str, on: dt.date | None = None
) -> int:
    on = on or today()
    f = replace(
        f,
        code=clean(f.code),
        measured_from=period_start(f.measured_from or on, f.frequency),
    )
    raise_objective_problems([*check_objective(f), *_link_problems(session, f)])
    ensure_unique(
        id_for_code(session, f.code),
        None,
        f"Code: another objective already has the code '{f.code}'.",
    )
    objective = Objective(**{n: getattr(f, n) for n in OBJECTIVE_FIELDS})
    session.add(objective)
    session.flush()
    _record(session, objective, user, "create", [history.Change("Objective", "", f.title)])
    return objective.id


def update_objective(
    session: Session, objective_id: int, f: ObjectiveFields, user: str
) -> list[str]:
    objective = load(session, Objective, objective_id, "Objective")
    f = replace(
        f,
        code=clean(f.code) or objective.code,
        measured_from=period_start(f.measured_from or objective.measured_from, f.frequency),
    )
    raise_objective_problems([*check_objective(f), *_link_problems(session, f)])
    if fold(f.code) != fold(objective.code):
        ensure_unique(
            id_for_code(session, f.code),
            objective.id,
            f"Code: another objective already has the code '{f.code}'.",
        )
    if f.frequency != objective.frequency:
        misplaced = [
            p
            for p in session.scalars(
                select(Measurement.period).where(Measurement.objective_id == objective.id)
            )
            if period_start(p, f.frequency) != p
        ]
        if misplaced:
            raise ValidationError(
                "Measured: measurements are recorded for periods that are not "
                f"{FREQUENCY_LABELS[f.frequency].lower()} periods "
                f"({period_label(misplaced[0], objective.frequency)}); the frequency stays."
            )
    changes = []
    for name in OBJECTIVE_FIELDS:
        new, old = getattr(f, name), getattr(objective, name)
        if old != new:
            changes.append(
                history.Change(
                    OBJECTIVE_LABELS[name], _text(session, name, old), _text(session, name, new)
                )
            )
            setattr(objective, name, new)
    if changes:
        session.flush()
        _record(session, objective, user, "edit", changes)
    return [c.field for c in changes]


def delete_objective(session: Session, objective_id: int, user: str) -> None:
    """Delete an objective entered by mistake: only while nothing was measured for it."""
    objective = load(session, Objective, objective_id, "Objective")
    measured = session.scalar(select(func.count()).where(Measurement.objective_id == objective_id))
    if measured:
        raise ValidationError(
            f"{objective.code} has {measured} measurement(s), so it stays in the register."
        )
    delete_with_history(
        session,
        objective,
        user=user,
        entity=ENTITY,
        entity_id=objective.id,
        ref=objective.code,
        changes=[history.Change("Objective", objective.title, "")],
    )


# --- plan steps --------------------------------------------------------------------------------


def _step_problems(session: Session, f: StepFields, on: dt.date) -> list[FieldProblem]:
    problems = check_step(f, on)
    if f.who_id is not None and session.get(Person, f.who_id) is None:
        problems.append(FieldProblem("who_id", "this person is not in the register of people."))
    if f.action_id is not None and session.get(Action, f.action_id) is None:
        problems.append(FieldProblem("action_id", "this action is not in the actions register."))
    return problems


def save_step(
    session: Session,
    objective_id: int,
    f: StepFields,
    user: str,
    *,
    step_id: int | None = None,
    position: int | None = None,
    on: dt.date | None = None,
) -> int:
    """Add a step to the plan (at the end, or at `position`) or change step `step_id`."""
    objective = load(session, Objective, objective_id, "Objective")
    f = replace(f, what=clean(f.what), resources=clean(f.resources), evaluation=clean(f.evaluation))
    raise_step_problems(_step_problems(session, f, on or today()))
    if step_id is None:
        if position is None:
            last = session.scalar(
                select(func.max(ObjectiveStep.position)).where(
                    ObjectiveStep.objective_id == objective_id
                )
            )
            position = (last or 0) + 1
        elif session.scalar(
            select(ObjectiveStep.id).where(
                ObjectiveStep.objective_id == objective_id, ObjectiveStep.position == position
            )
        ):
            raise ValidationError(f"Step: {objective.code} has a step {position} already.")
        step = ObjectiveStep(
            objective_id=objective_id, position=position, **{n: getattr(f, n) for n in STEP_FIELDS}
        )
        session.add(step)
        session.flush()
        _record(session, objective, user, "plan", [history.Change(f"Step {position}", "", f.what)])
        return step.id
    step = load(session, ObjectiveStep, step_id, "Plan step")
    changes = []
    for name in STEP_FIELDS:
        new, old = getattr(f, name), getattr(step, name)
        if old != new:
            changes.append(
                history.Change(
                    f"Step {step.position}: {STEP_LABELS[name]}",
                    _text(session, name, old),
                    _text(session, name, new),
                )
            )
            setattr(step, name, new)
    if changes:
        session.flush()
        _record(session, objective, user, "plan", changes)
    return step.id


def delete_step(session: Session, step_id: int, user: str) -> None:
    step = load(session, ObjectiveStep, step_id, "Plan step")
    objective = load(session, Objective, step.objective_id, "Objective")
    delete_with_history(
        session,
        step,
        user=user,
        entity=ENTITY,
        entity_id=objective.id,
        ref=objective.code,
        changes=[history.Change(f"Step {step.position}", step.what, "")],
        action="plan",
    )


def raise_step_action(session: Session, step_id: int, user: str, on: dt.date | None = None) -> int:
    """Carry a plan step out as an action of the actions register (source kind "objective")."""
    step = load(session, ObjectiveStep, step_id, "Plan step")
    objective = load(session, Objective, step.objective_id, "Objective")
    if step.action_id is not None:
        raise ValidationError(f"Step {step.position} of {objective.code} has its action already.")
    process = session.get(Process, objective.process_id) if objective.process_id else None
    action_id = actions.create_action(
        session,
        actions.ActionFields(
            title=step.what.splitlines()[0][:150],
            kind=actions.ActionKind.IMPROVEMENT,
            source_kind=ActionSource.OBJECTIVE,
            source_ref=f"{objective.code} step {step.position}",
            source_id=objective.id,
            process=process.name if process else "",
            problem=objective.title,
            corrective_action=step.what,
            owner_id=step.who_id if step.who_id is not None else objective.owner_id,
            due_date=step.due if step.due and step.due >= (on or today()) else None,
        ),
        user,
        on,
    )
    save_step(
        session,
        objective.id,
        replace(_step_fields(step), action_id=action_id),
        user,
        step_id=step.id,
        on=on,
    )
    return action_id


def _step_fields(step: ObjectiveStep) -> StepFields:
    return StepFields(**{n: getattr(step, n) for n in STEP_FIELDS})


# --- measurements ------------------------------------------------------------------------------


def record_measurement(
    session: Session,
    objective_id: int,
    f: MeasurementFields,
    user: str,
    on: dt.date | None = None,
    *,
    replace_existing: bool = False,
) -> int:
    """Record the value of a period; a second value for the same period is refused (unless
    `replace_existing`: then it changes the stored one)."""
    on = on or today()
    objective = load(session, Objective, objective_id, "Objective")
    f = replace(
        f, comment=clean(f.comment), entered_by=clean(f.entered_by), entered_on=f.entered_on or on
    )
    raise_measurement_problems(check_measurement(f, objective.frequency, on))
    label = period_label(f.period, objective.frequency)
    stored = session.scalar(
        select(Measurement).where(
            Measurement.objective_id == objective_id, Measurement.period == f.period
        )
    )
    if stored is not None and not replace_existing:
        raise ValidationError(
            f"Period: {objective.code} has a value for {label} already "
            f"({number_text(stored.value)}); change that one instead."
        )
    if stored is None:
        stored = Measurement(
            objective_id=objective_id,
            period=f.period,
            value=f.value,
            comment=f.comment,
            entered_by=f.entered_by,
            entered_on=f.entered_on,
        )
        session.add(stored)
        session.flush()
        _record(
            session,
            objective,
            user,
            "measure",
            [history.Change(f"Value {label}", "", number_text(f.value))],
        )
        return stored.id
    old = number_text(stored.value)
    stored.value, stored.comment = f.value, f.comment
    stored.entered_by, stored.entered_on = f.entered_by, f.entered_on
    session.flush()
    if old != number_text(f.value):
        _record(
            session,
            objective,
            user,
            "measure",
            [history.Change(f"Value {label}", old, number_text(f.value))],
        )
    return stored.id


def delete_measurement(session: Session, measurement_id: int, user: str) -> None:
    stored = load(session, Measurement, measurement_id, "Measurement")
    objective = load(session, Objective, stored.objective_id, "Objective")
    delete_with_history(
        session,
        stored,
        user=user,
        entity=ENTITY,
        entity_id=objective.id,
        ref=objective.code,
        changes=[
            history.Change(
                f"Value {period_label(stored.period, objective.frequency)}",
                number_text(stored.value),
                "",
            )
        ],
        action="measure",
    )


def save_measurements_many(
    session: Session,
    rows: Sequence[tuple[int, MeasurementFields]],
    user: str,
) -> None:
    """The measurements of an import (checked by the importer): each (objective id, fields)
    adds the period's value or changes the stored one; one history entry per objective."""
    objectives = {
        o.id: o
        for o in session.scalars(
            select(Objective).where(Objective.id.in_({oid for oid, _f in rows}))
        )
    }
    stored = {
        (m.objective_id, m.period): m
        for m in session.scalars(
            select(Measurement).where(Measurement.objective_id.in_(list(objectives)))
        )
    }
    changes: dict[int, list[history.Change]] = {}
    for oid, f in rows:
        objective = objectives[oid]
        label = f"Value {period_label(f.period, objective.frequency)}"
        found = stored.get((oid, f.period))
        if found is None:
            found = Measurement(
                objective_id=oid,
                period=f.period,
                value=f.value,
                comment=f.comment,
                entered_by=f.entered_by,
                entered_on=f.entered_on,
            )
            session.add(found)
            stored[(oid, f.period)] = found
            changes.setdefault(oid, []).append(history.Change(label, "", number_text(f.value)))
            continue
        if found.value != f.value:
            changes.setdefault(oid, []).append(
                history.Change(label, number_text(found.value), number_text(f.value))
            )
        found.value, found.comment = f.value, f.comment
        found.entered_by, found.entered_on = f.entered_by, f.entered_on
    session.flush()
    for oid, listed in changes.items():
        _record(session, objectives[oid], user, "measure", listed)
