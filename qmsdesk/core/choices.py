"""Reading the words people type for a register's choices (a status, a kind), shared by the
suppliers, equipment and nonconforming registers: the stored value, the label, or an alias."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TypeVar

from qmsdesk.core.dates import parse_date
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.text import clean, finite_number, fold

E = TypeVar("E", bound=StrEnum)


def _key(text: object) -> str:
    return " ".join(fold(clean(text)).replace("_", " ").replace("-", " ").split())


def parse_choice(
    text: object, labels: Mapping[E, str], what: str, aliases: Mapping[str, E] | None = None
) -> E:
    """The member whose value, label or alias `text` is; ValueError naming the allowed labels."""
    key = _key(text)
    for member, label in labels.items():
        if key in (member.value.replace("_", " "), _key(label)):
            return member
    found = (aliases or {}).get(key)
    if found is None:
        allowed = ", ".join(labels.values())
        raise ValueError(f"'{clean(text)}' is not {what}. Use one of: {allowed}.")
    return found


def optional_choice(
    text: object, labels: Mapping[E, str], what: str, aliases: Mapping[str, E] | None = None
) -> E | None:
    return parse_choice(text, labels, what, aliases) if clean(text) else None


def optional_number(value: object) -> float | None:
    if value is None or clean(value) == "":
        return None
    try:
        return finite_number(value)
    except ValueError:
        raise ValueError(f"'{clean(value)}' is not a number.") from None


def collect(
    values: Mapping[str, object],
    parsers: Mapping[str, Callable[[object], object]],
) -> tuple[dict[str, object], list[FieldProblem]]:
    """Each value given parsed by its field's parser (clean text when none), problems collected."""
    parsed: dict[str, object] = {}
    problems: list[FieldProblem] = []
    for name, raw in values.items():
        parser = parsers.get(name, clean)
        try:
            parsed[name] = parser(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    return parsed, problems


def date_value(value: object) -> object:
    return parse_date(value)


def raise_problems(problems: list[FieldProblem], labels: Mapping[str, str]) -> None:
    """A ValidationError listing every problem by the field's label, if there is any."""
    if problems:
        raise ValidationError([f"{labels.get(p.field, p.field)}: {p.message}" for p in problems])


def too_long(values: Mapping[str, str], limits: Mapping[str, int]) -> list[FieldProblem]:
    return [
        FieldProblem(name, f"is {len(values[name])} characters long; at most {limit} are allowed.")
        for name, limit in limits.items()
        if len(values[name]) > limit
    ]


LIKE_ESCAPE = "\\"


def contains(word: str) -> str:
    """A LIKE pattern for text holding `word`, its % and _ taken literally (use with
    ``escape=LIKE_ESCAPE``)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
