"""What a user edits about an action (:class:`ActionFields`) and the rules those fields obey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.actions.vocab import (
    FIELD_LABELS,
    MAX_LENGTHS,
    WHYS_MAX,
    parse_kind,
    parse_source,
    parse_status,
    parse_yes_no,
)
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.db.models_actions import ActionKind, ActionSource, ActionStatus
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.text import clean


@dataclass(frozen=True)
class ActionFields:
    """Everything a user edits about an action, already parsed. People are given by their id."""

    title: str
    kind: ActionKind = ActionKind.CORRECTIVE
    source_kind: ActionSource = ActionSource.OTHER
    source_ref: str = ""
    source_id: int | None = None
    reference: str = ""  # empty: the next free one (CA-2026-007) is given on creation
    process: str = ""
    problem: str = ""
    correction: str = ""
    correction_on: dt.date | None = None
    whys: tuple[str, ...] = ()
    root_cause: str = ""
    corrective_action: str = ""
    owner_id: int | None = None
    raised_on: dt.date | None = None  # empty: today
    due_date: dt.date | None = None
    completed_on: dt.date | None = None
    verify_due: dt.date | None = None
    verified_on: dt.date | None = None
    verified_by_id: int | None = None
    effective: bool | None = None
    verification_note: str = ""
    status: ActionStatus = ActionStatus.OPEN
    note: str = ""
    no_correction_reason: str = ""  # 10.2.1 a: why no correction was needed
    extent: str = ""  # 10.2.1 b 3: where else this could happen, and what was found
    risks_updated: bool | None = None  # 10.2.1 e: were the risks and opportunities updated?
    qms_change: bool | None = None  # 10.2.1 f: does the quality system need to change?


FIELD_NAMES = tuple(f.name for f in fields(ActionFields))


def check_action(
    f: ActionFields, on: dt.date | None = None, self_approval: bool = False
) -> list[FieldProblem]:
    """Rules an action's fields obey together; the status asks for what it says has happened.

    The effectiveness is checked by someone other than the owner, unless `self_approval` (the
    company setting "one-person company: allow approving your own work") is on."""
    on = on or today()
    problems: list[FieldProblem] = []
    for name, limit in MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    if not f.title:
        problems.append(FieldProblem("title", "A short title is required."))
    if len(f.whys) > WHYS_MAX:
        problems.append(FieldProblem("whys", f"At most {WHYS_MAX} whys are kept."))
    raised = f.raised_on or on
    for name in ("correction_on", "completed_on", "verified_on"):
        day = getattr(f, name)
        if day is not None and day > on:
            problems.append(FieldProblem(name, "cannot be in the future."))
    if f.due_date is not None and f.due_date < raised:
        problems.append(FieldProblem("due_date", "cannot be before the day the action was raised."))
    if f.completed_on is not None and f.completed_on < raised:
        problems.append(
            FieldProblem("completed_on", "cannot be before the day the action was raised.")
        )
    verified = f.verified_on is not None or f.verified_by_id is not None or f.effective is not None
    if verified:
        if f.verified_on is None:
            problems.append(FieldProblem("verified_on", "Say when the effectiveness was checked."))
        if f.verified_by_id is None:
            problems.append(FieldProblem("verified_by_id", "Say who checked the effectiveness."))
        if f.effective is None:
            problems.append(FieldProblem("effective", "Say whether the action was effective."))
        if f.verified_on and f.completed_on and f.verified_on <= f.completed_on:
            problems.append(
                FieldProblem(
                    "verified_on",
                    "comes after the action was carried out: effectiveness shows over time, "
                    "not on the day of the change.",
                )
            )
        if not self_approval and f.verified_by_id is not None and f.verified_by_id == f.owner_id:
            problems.append(
                FieldProblem(
                    "verified_by_id",
                    "someone other than the action's owner checks its effectiveness (or turn "
                    "on 'One-person company: allow approving your own work' in Preferences).",
                )
            )
    if f.status in (ActionStatus.AWAITING_VERIFICATION, ActionStatus.CLOSED):
        if not f.corrective_action:
            problems.append(
                FieldProblem("corrective_action", "Say what action was taken before it is checked.")
            )
        if f.completed_on is None:
            problems.append(FieldProblem("completed_on", "Say when the action was carried out."))
    if f.status == ActionStatus.CLOSED and (
        f.verified_on is None or f.verified_by_id is None or f.effective is not True
    ):
        problems.append(
            FieldProblem(
                "status",
                "An action is closed only after a check of its effectiveness: record who "
                "checked, when, and that the action worked.",
            )
        )
    if f.status == ActionStatus.CLOSED and f.owner_id is None:
        problems.append(FieldProblem("owner_id", "An action is closed only with its owner named."))
    if (
        f.kind == ActionKind.CORRECTIVE
        and f.status == ActionStatus.CLOSED
        and not f.correction
        and not f.no_correction_reason
    ):
        problems.append(
            FieldProblem(
                "correction",
                "Say what was done at once to contain the nonconformity, or why nothing was "
                "needed (No correction needed because).",
            )
        )
    for name in ("extent", "no_correction_reason"):
        if len(getattr(f, name)) > 5000:
            problems.append(FieldProblem(name, "at most 5000 characters are allowed."))
    if f.kind == ActionKind.CORRECTIVE and f.status != ActionStatus.OPEN:
        if not f.problem:
            problems.append(FieldProblem("problem", "Describe the nonconformity being corrected."))
        if (
            f.status in (ActionStatus.AWAITING_VERIFICATION, ActionStatus.CLOSED)
            and not f.root_cause
        ):
            problems.append(
                FieldProblem(
                    "root_cause", "A corrective action needs its root cause (use the 5 whys)."
                )
            )
    return problems


def raise_problems(problems: Iterable[FieldProblem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems]
        )


def fields_from_values(
    values: Mapping[str, object],
) -> tuple[ActionFields | None, list[FieldProblem]]:
    """Parse typed text into fields (dialogs and importers), collecting every problem."""
    parsed: dict[str, object] = {}
    problems: list[FieldProblem] = []
    parsers = {
        "kind": parse_kind,
        "source_kind": parse_source,
        "status": parse_status,
    }
    for name in FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in parsers:
                if clean(raw):
                    parsed[name] = parsers[name](raw)
            elif name in ("correction_on", "raised_on", "due_date", "completed_on", "verify_due",
                          "verified_on"):  # fmt: skip
                parsed[name] = parse_date(raw)
            elif name == "whys":
                raw_list = raw if isinstance(raw, list | tuple) else str(raw or "").splitlines()
                parsed[name] = tuple(clean(w) for w in raw_list)
            elif name in ("effective", "risks_updated", "qms_change"):
                parsed[name] = parse_yes_no(raw)
            elif name in ("owner_id", "verified_by_id", "source_id"):
                parsed[name] = None if raw is None or raw == "" else int(raw)  # type: ignore[call-overload]
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    result = ActionFields(**{"title": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_action(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems
