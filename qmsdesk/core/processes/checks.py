"""What a user edits about a process (:class:`ProcessFields`, :class:`FlowFields`) and the rules
those fields obey."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.db.models_planning import FlowDirection, ProcessKind
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.processes.vocab import (
    FIELD_LABELS,
    FLOW_LABELS,
    FLOW_MAX,
    MAX_LENGTHS,
    parse_direction,
    parse_kind,
)
from qmsdesk.core.text import clean, clean_code


@dataclass(frozen=True)
class FlowFields:
    """An input or an output; `other` names the other end: a process (code or name) or someone
    outside the company."""

    direction: FlowDirection
    what: str
    other: str = ""


@dataclass(frozen=True)
class ProcessFields:
    """Everything a user edits about a process, already parsed (the owner by their id)."""

    code: str
    name: str
    kind: ProcessKind = ProcessKind.CORE
    owner_id: int | None = None
    purpose: str = ""
    resources: str = ""
    responsibilities: str = ""
    note: str = ""
    position: int = 0  # the order in its band of the map


FIELD_NAMES = tuple(f.name for f in fields(ProcessFields))


def check_process(f: ProcessFields) -> list[FieldProblem]:
    problems = []
    for name, limit in MAX_LENGTHS.items():
        value = getattr(f, name)
        if len(value) > limit:
            problems.append(
                FieldProblem(name, f"is {len(value)} characters long; at most {limit} are allowed.")
            )
    if not f.code:
        problems.append(FieldProblem("code", "A short code is required (such as SALES)."))
    if not f.name:
        problems.append(FieldProblem("name", "Name the process."))
    return problems


def check_flow(f: FlowFields) -> list[FieldProblem]:
    problems = []
    if not f.what:
        problems.append(FieldProblem("what", "Say what the input or output is."))
    for name, limit in FLOW_MAX.items():
        if len(getattr(f, name)) > limit:
            problems.append(FieldProblem(name, f"at most {limit} characters are allowed."))
    return problems


def raise_problems(problems: Iterable[FieldProblem], prefix: str = "") -> None:
    problems = list(problems)
    if problems:
        labels = {**FIELD_LABELS, **{k: v for k, v in FLOW_LABELS.items() if k != "process"}}
        raise ValidationError(
            [f"{prefix}{labels.get(p.field, p.field)}: {p.message}" for p in problems]
        )


def fields_from_values(
    values: Mapping[str, object],
) -> tuple[ProcessFields | None, list[FieldProblem]]:
    """Typed text parsed into a process's fields (the owner already an id), every problem listed."""
    parsed: dict[str, object] = {}
    problems: list[FieldProblem] = []
    for name in FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name == "kind":
                if clean(raw):
                    parsed[name] = parse_kind(raw)
            elif name == "owner_id":
                parsed[name] = None if raw is None or raw == "" else int(raw)  # type: ignore[call-overload]
            elif name == "position":
                parsed[name] = _position(raw)
            elif name == "code":
                parsed[name] = clean_code(raw)
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    result = ProcessFields(**{"code": "", "name": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_process(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems


def _position(raw: object) -> int:
    if raw is None or clean(raw) == "":
        return 0
    try:
        number = float(str(raw).strip())
    except ValueError:
        raise ValueError(f"'{clean(raw)}': write a whole number (1 comes first).") from None
    if number != int(number) or not 0 <= number <= 999:
        raise ValueError(f"'{clean(raw)}': write a whole number from 0 to 999.")
    return int(number)


def flow_from_values(values: Mapping[str, object]) -> tuple[FlowFields | None, list[FieldProblem]]:
    try:
        direction = parse_direction(values.get("direction"))
    except ValueError as exc:
        return None, [FieldProblem("direction", str(exc))]
    f = FlowFields(direction, clean(values.get("what")), clean(values.get("other")))
    problems = check_flow(f)
    return (None if problems else f), problems
