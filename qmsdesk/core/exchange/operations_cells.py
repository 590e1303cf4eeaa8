"""What the suppliers, equipment and nonconforming workbooks share: a column taken from a field
of a register's vocabulary, values shown in a change, and the changes between two sets of
fields (the import preview)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from qmsdesk.core.exchange.workbook import Column, ColumnKind, FieldChange, TableRow
from qmsdesk.core.fields import Field, FieldKind, Vocabulary

_KINDS = {
    FieldKind.DATE: ColumnKind.DATE,
    FieldKind.NUMBER: ColumnKind.NUMBER,
    FieldKind.INTEGER: ColumnKind.NUMBER,
}
DATE_HELP = "A date: a date cell, or text such as 2026-03-01 or 01/03/2026 (day first)."


def column(
    vocab: Vocabulary,
    key: str,
    width: float | None = None,
    *,
    required: bool = False,
    aliases: tuple[str, ...] = (),
    computed: bool = False,
    help: str = "",
) -> Column:
    """A column that is one field: the field's label heads it, its help explains it."""
    f: Field = vocab[key]
    kind = _KINDS.get(f.kind, ColumnKind.TEXT)
    text = help or f.help
    if f.kind == FieldKind.DATE and not help:
        text = f"{f.help} {DATE_HELP}"
    if f.kind == FieldKind.CHOICE and not help:
        text = f"{f.help} One of: {', '.join(f.choices)}."
    return Column(
        key,
        f.label,
        ColumnKind.CHOICE if f.kind == FieldKind.CHOICE else kind,
        required=required,
        aliases=aliases,
        choices=f.choices,
        computed=computed,
        width=width,
        help=text,
    )


def shown(value: object, labels: Mapping[Any, str] | None = None) -> str:
    if value is None:
        return ""
    if labels is not None and value in labels:
        return labels[value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def changes(
    old: object,
    new: object,
    names: Sequence[str],
    labels: Mapping[str, str],
    show: Callable[[str, object], str] | None = None,
) -> tuple[FieldChange, ...]:
    """The fields that differ between two records of the same fields, as the preview shows them."""
    out = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            text = show or (lambda _n, v: shown(v))
            out.append(FieldChange(labels.get(name, name), text(name, a), text(name, b)))
    return tuple(out)


def present(row: TableRow, keys: Sequence[str]) -> dict[str, object]:
    """The row's cells for the given columns, those the sheet has (whole numbers made ints)."""
    out: dict[str, object] = {}
    for key in keys:
        if key in row.values:
            value = row.values[key]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out[key] = value
    return out


def message(text: str) -> str:
    return f"This value {text}" if text[:1].islower() else text
