"""What a user edits about an objective, a plan step and a measurement, the rules they obey,
and the status an objective's latest measurement gives it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.db.models_objectives import Direction, Frequency
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.objectives.periods import (
    GRACE_DAYS,
    next_period,
    period_end,
    period_start,
)
from qmsdesk.core.objectives.vocab import (
    MAX_LENGTHS,
    MEASUREMENT_LABELS,
    OBJECTIVE_LABELS,
    STEP_LABELS,
    Status,
)


@dataclass(frozen=True)
class ObjectiveFields:
    """Everything a user edits about an objective, parsed; links given by their ids."""

    code: str
    title: str
    commitment: str = ""
    process_id: int | None = None
    owner_id: int | None = None
    measure: str = ""
    unit: str = ""
    direction: Direction = Direction.HIGHER
    target: float | None = None
    warning: float | None = None
    frequency: Frequency = Frequency.MONTHLY
    measured_from: dt.date | None = None  # empty: the current period
    note: str = ""


OBJECTIVE_FIELDS = tuple(f.name for f in fields(ObjectiveFields))


def check_objective(f: ObjectiveFields) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for name, limit in MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    if not f.code:
        problems.append(FieldProblem("code", "A code is required."))
    if not f.title:
        problems.append(FieldProblem("title", "Say what the objective is."))
    if f.target is not None and not f.measure:
        problems.append(
            FieldProblem(
                "target",
                "A target needs a measure: say what is measured (the measure's name and unit).",
            )
        )
    if f.warning is not None and f.target is None:
        problems.append(FieldProblem("warning", "A warning threshold needs a target."))
    if f.warning is not None and f.target is not None:
        if f.direction == Direction.HIGHER and f.warning > f.target:
            problems.append(
                FieldProblem(
                    "warning",
                    "When higher is better, the warning threshold is at or below the target.",
                )
            )
        if f.direction == Direction.LOWER and f.warning < f.target:
            problems.append(
                FieldProblem(
                    "warning",
                    "When lower is better, the warning threshold is at or above the target.",
                )
            )
    return problems


@dataclass(frozen=True)
class StepFields:
    """One step of an objective's plan (6.2.2)."""

    what: str
    resources: str = ""
    who_id: int | None = None
    due: dt.date | None = None
    evaluation: str = ""
    action_id: int | None = None
    done_on: dt.date | None = None


STEP_FIELDS = tuple(f.name for f in fields(StepFields))


def check_step(f: StepFields, on: dt.date) -> list[FieldProblem]:
    problems = []
    if not f.what.strip():
        problems.append(FieldProblem("what", "Say what will be done."))
    if f.done_on is not None and f.done_on > on:
        problems.append(FieldProblem("done_on", "cannot be in the future."))
    return problems


@dataclass(frozen=True)
class MeasurementFields:
    """A measurement: the period (its first day), the value, and what goes with it."""

    period: dt.date
    value: float
    comment: str = ""
    entered_by: str = ""
    entered_on: dt.date | None = None


MEASUREMENT_FIELDS = tuple(f.name for f in fields(MeasurementFields))


def check_measurement(
    f: MeasurementFields, frequency: Frequency, on: dt.date
) -> list[FieldProblem]:
    problems = []
    if f.period != period_start(f.period, frequency):
        problems.append(FieldProblem("period", "is not the first day of a period."))
    if f.period > on:
        problems.append(
            FieldProblem("period", "has not started yet: a value is measured once it has.")
        )
    if len(f.entered_by) > 120:
        problems.append(FieldProblem("entered_by", "at most 120 characters are allowed."))
    return problems


def raise_problems(problems: Iterable[FieldProblem], labels: Mapping[str, str]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError([f"{labels.get(p.field, p.field)}: {p.message}" for p in problems])


def raise_objective_problems(problems: Iterable[FieldProblem]) -> None:
    raise_problems(problems, OBJECTIVE_LABELS)


def raise_step_problems(problems: Iterable[FieldProblem]) -> None:
    raise_problems(problems, STEP_LABELS)


def raise_measurement_problems(problems: Iterable[FieldProblem]) -> None:
    raise_problems(problems, MEASUREMENT_LABELS)


# --- status -----------------------------------------------------------------------------------


def last_due_period(on: dt.date, frequency: Frequency) -> dt.date:
    """The latest period whose value should be in by `on` (GRACE_DAYS after the period ends)."""
    last_day = on - dt.timedelta(days=GRACE_DAYS + 1)
    start = period_start(last_day, frequency)
    if period_end(start, frequency) != last_day:
        start = period_start(start - dt.timedelta(days=1), frequency)
    return start


def next_due(
    frequency: Frequency, measured_from: dt.date, latest: dt.date | None
) -> tuple[dt.date, dt.date]:
    """(period, day its value is due): the period after the latest measured one."""
    period = (
        next_period(latest, frequency)
        if latest is not None
        else period_start(measured_from, frequency)
    )
    return period, period_end(period, frequency) + dt.timedelta(days=GRACE_DAYS)


def judge(
    direction: Direction, target: float | None, warning: float | None, value: float
) -> Status:
    """On target, at risk or off target: a value against the target and the warning threshold."""
    if target is None:
        return Status.NO_TARGET
    better = value >= target if direction == Direction.HIGHER else value <= target
    if better:
        return Status.ON_TARGET
    if warning is not None:
        near = value >= warning if direction == Direction.HIGHER else value <= warning
        if near:
            return Status.AT_RISK
    return Status.OFF_TARGET


def status_of(
    *,
    direction: Direction,
    target: float | None,
    warning: float | None,
    frequency: Frequency,
    measured_from: dt.date,
    latest_period: dt.date | None,
    latest_value: float | None,
    on: dt.date,
) -> Status:
    """The objective's status on `on`: not measured when due when a period's value is overdue,
    else the latest value judged against the target."""
    due = last_due_period(on, frequency)
    first = period_start(measured_from, frequency)
    if due >= first and (latest_period is None or latest_period < due):
        return Status.NOT_MEASURED
    if latest_value is None:
        return Status.NO_DATA
    return judge(direction, target, warning, latest_value)
