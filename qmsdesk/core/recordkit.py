"""What the operations registers (customer feedback, changes, design) share: typed text parsed
into a register's fields by field, the fields written onto a record with one history entry per
field changed, the next free reference, people checked and named.

Each register declares its fields once (a frozen dataclass and a :class:`~qmsdesk.core.fields.
Vocabulary`) and the parsers of the fields that are not plain text; this module does the loop.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qmsdesk.core import history
from qmsdesk.core.dates import parse_date
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.text import clean, finite_number, fold

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
Parser = Callable[[object], Any]


def choice_parser(
    labels: Mapping[E, str], what: str, aliases: Mapping[str, E] | None = None
) -> Callable[[object], E | None]:
    """A parser of one of `labels` (by its label or its stored word, any case); empty is None."""
    table: dict[str, E] = {}
    for member, label in labels.items():
        table[fold(member.value.replace("_", " "))] = member
        table[fold(label)] = member
    for word, member in (aliases or {}).items():
        table[fold(word)] = member

    def parse(value: object) -> E | None:
        text = " ".join(fold(clean(value)).replace("_", " ").split())
        if not text:
            return None
        found = table.get(text)
        if found is None:
            allowed = ", ".join(labels.values())
            raise ValueError(f"'{clean(value)}' is not {what}. Use one of: {allowed}.")
        return found

    return parse


def parse_int(value: object) -> int | None:
    if value is None or clean(value) == "":
        return None
    number = finite_number(value)
    if number != int(number):
        raise ValueError(f"'{clean(value)}': write a whole number.")
    return int(number)


def parse_number(value: object) -> float | None:
    if value is None or clean(value) == "":
        return None
    try:
        return finite_number(value)
    except ValueError:
        raise ValueError(f"'{clean(value)}' is not a number.") from None


def parse_id(value: object) -> int | None:
    """A record's id as a dialog gives it (an int, or None)."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return parse_int(value)


def parse_fields(
    cls: type[T],
    values: Mapping[str, object],
    parsers: Mapping[str, Parser],
    check: Callable[[T], list[FieldProblem]],
    defaults: Mapping[str, object] | None = None,
) -> tuple[T | None, list[FieldProblem]]:
    """`values` (typed text by field name) parsed into `cls`, then checked by `check`; every
    problem collected. Fields not in `values` keep `defaults` or the dataclass's own default."""
    parsed: dict[str, object] = dict(defaults or {})
    problems: list[FieldProblem] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in values:
            continue
        raw = values[f.name]
        try:
            parser = parsers.get(f.name)
            if parser is not None:
                parsed[f.name] = parser(raw)
            elif str(f.type).startswith("dt.date"):
                parsed[f.name] = parse_date(raw)
            else:
                parsed[f.name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(f.name, str(exc)))
    if problems:
        return None, problems
    try:
        result = cls(**parsed)
    except TypeError as exc:  # a required field missing: the register's check names it
        raise ValueError(str(exc)) from exc
    problems = check(result)
    return (None if problems else result), problems


def raise_problems(problems: Iterable[FieldProblem], labels: Mapping[str, str]) -> None:
    found = list(problems)
    if found:
        raise ValidationError([f"{labels.get(p.field, p.field)}: {p.message}" for p in found])


def too_long(f: object, limits: Mapping[str, int]) -> list[FieldProblem]:
    out = []
    for name, limit in limits.items():
        text = getattr(f, name)
        if len(text) > limit:
            out.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    return out


def person_problems(session: Session, f: object, names: Iterable[str]) -> list[FieldProblem]:
    out = []
    for name in names:
        person_id = getattr(f, name)
        if person_id is not None and session.get(Person, person_id) is None:
            out.append(FieldProblem(name, "this person is not in the register of people."))
    return out


def person_name(session: Session, person_id: int | None) -> str:
    if person_id is None:
        return ""
    person = session.get(Person, person_id)
    return person.name if person else str(person_id)


def person_ids_by_name(session: Session) -> dict[str, int]:
    """Folded name -> id of every person (importers name people by their name)."""
    return {fold(n): i for i, n in session.execute(select(Person.id, Person.name))}


def shown(value: object, labels: Mapping[Any, str] | None = None) -> str:
    """A stored value as the history and the import preview show it."""
    if labels is not None and value is not None and value in labels:
        return labels[value]
    if isinstance(value, float):
        return f"{value:g}"
    return history.as_text(value)


def write_fields(
    session: Session,
    record: object,
    f: object,
    labels: Mapping[str, str],
    show: Callable[[Session, str, object], str],
) -> list[history.Change]:
    """Set every field of `f` on `record`; the changes (label, old, new) for the history."""
    changes = []
    for field in dataclasses.fields(f):  # type: ignore[arg-type]
        name = field.name
        new, old = getattr(f, name), getattr(record, name, None)
        if old != new:
            changes.append(
                history.Change(labels[name], show(session, name, old), show(session, name, new))
            )
            setattr(record, name, new)
    return changes


def next_reference(
    session: Session, column: InstrumentedAttribute[str], prefix: str, year: int
) -> str:
    """The next free reference 'PREFIX-YEAR-NNN'."""
    start = f"{prefix}-{year}-"
    taken = session.scalars(select(column).where(column.like(f"{start}%")))
    numbers = [int(r[len(start) :]) for r in taken if r[len(start) :].isdigit()]
    return f"{start}{max(numbers, default=0) + 1:03d}"


def text_match(words: Iterable[str], columns: Iterable[Any]) -> ColumnElement[bool] | None:
    """Every word found in one of `columns` (case-insensitive, by SQL)."""
    cols = list(columns)
    clause: ColumnElement[bool] | None = None
    for word in words:
        pattern = f"%{word}%"
        one: ColumnElement[bool] | None = None
        for c in cols:
            part = func.lower(func.coalesce(c, "")).like(pattern)
            one = part if one is None else one | part
        if one is not None:
            clause = one if clause is None else clause & one
    return clause


def not_future(f: object, names: Iterable[str], on: dt.date) -> list[FieldProblem]:
    out = []
    for name in names:
        day = getattr(f, name)
        if day is not None and day > on:
            out.append(FieldProblem(name, "cannot be in the future."))
    return out
