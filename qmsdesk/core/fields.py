"""A register's field vocabulary, declared once.

Each register lists its fields here-shaped (key, label, help, kind, choices); its Excel sheet, its
table model and its PDF columns are built from that one list, so a label or a help text changes
in one place. What is particular to one medium (a column width on paper, a sample for the table's
default width, Excel aliases) stays with that medium, keyed by the field's key.

Only the standard library may be imported here: the first screen reads it before the database
layer is loaded.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field


class FieldKind(enum.StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    CHOICE = "choice"
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"
    YES_NO = "yes_no"
    LIST = "list"  # several values in one cell, comma-separated (clauses, people)


@dataclass(frozen=True)
class Field:
    """One field of a register's records, as a user sees it."""

    key: str
    label: str  # the full label: the Excel header, the dialog's label
    help: str = ""
    kind: FieldKind = FieldKind.TEXT
    choices: tuple[str, ...] = ()  # the labels a CHOICE field takes
    short: str = ""  # a shorter label for narrow places (table headers, PDF columns)
    required: bool = False

    @property
    def short_label(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class Vocabulary:
    """A register's fields in their usual order, looked up by key."""

    name: str
    fields: tuple[Field, ...]
    _by_key: Mapping[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key = {f.key: f for f in self.fields}
        if len(by_key) != len(self.fields):
            raise ValueError(f"{self.name}: a field key is declared twice")
        object.__setattr__(self, "_by_key", by_key)

    def __getitem__(self, key: str) -> Field:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def labels(self) -> dict[str, str]:
        return {f.key: f.label for f in self.fields}

    def pick(self, keys: Iterable[str]) -> tuple[Field, ...]:
        return tuple(self._by_key[k] for k in keys)
