"""A sheet turned into its register's own sheet by a mapping: the columns the mapping names,
in the register's terms, their values translated, the fields left out filled by a default or a
rule. The result is the :class:`~qmsdesk.core.exchange.workbook.read.SheetTable` the register's
importer reads from its own sheet, so every register's rules apply unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qmsdesk.core.dates import add_months, parse_date
from qmsdesk.core.errors import Problem
from qmsdesk.core.exchange.mapping.model import Mapping, value_key
from qmsdesk.core.exchange.mapping.source import RawSheet
from qmsdesk.core.exchange.mapping.suggest import find_header, headers_of
from qmsdesk.core.exchange.mapping.targets import (
    NEXT_REVIEW_KEPT,
    OBSOLETE_BEFORE,
    OBSOLETE_REASON,
    Target,
)
from qmsdesk.core.exchange.workbook.read import MatchedColumn, SheetTable, _table_rows
from qmsdesk.core.exchange.workbook.spec import Column, ColumnKind
from qmsdesk.core.text import normalise_header, plural, shown


@dataclass
class Mapped:
    """A sheet read through a mapping."""

    table: SheetTable | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # title rows above the header, as written
    unmapped: list[str] = field(default_factory=list)  # headers left out


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def check_mapping(
    target: Target, mapping: Mapping, headers: list[str], sheet: str
) -> list[Problem]:
    """What is wrong with the mapping itself for this sheet (by the header row)."""
    problems: list[Problem] = []
    row = mapping.header_row

    def bad(column: str | None, message: str) -> None:
        problems.append(Problem(sheet, row, column, message))

    present = {normalise_header(h): h for h in headers if h}
    fields = {c.key: c for c in target.fields()}
    given: dict[str, str] = {}
    for header, key in mapping.columns.items():
        if not key:
            continue
        if normalise_header(header) not in present:
            named = ", ".join(f"'{h}'" for h in headers if h) or "none"
            bad(
                header,
                f"The mapping names a column '{header}' that this sheet does not have in its "
                f"header row (row {row}; its columns: {named}).",
            )
            continue
        if key not in fields:
            bad(header, f"The {target.word} register has no field '{key}' to map '{header}' to.")
            continue
        if key in given:
            bad(
                header,
                f"Two columns are mapped to the field '{fields[key].header}': '{given[key]}' and "
                f"'{header}'. Map one of them to it and leave the other out.",
            )
            continue
        given[key] = header
        legacy_rule = target.profile.legacy_columns.get(key)
        if legacy_rule and legacy_rule not in mapping.legacy:
            bad(
                header,
                f"'{fields[key].header}' is worked out by QMS Desk; it is read only with the "
                f"legacy rule '{legacy_rule}' on.",
            )
    for key, value in mapping.defaults.items():
        if key not in fields:
            bad(None, f"The {target.word} register has no field '{key}' to give a default.")
            continue
        if fields[key].choices and value_key(value) not in {
            value_key(c) for c in fields[key].choices
        }:
            bad(
                None,
                f"The default '{shown(value)}' is not a {fields[key].header.lower()} QMS Desk "
                "knows "
                f"(one of: {', '.join(fields[key].choices)}).",
            )
    for key, name in mapping.rules.items():
        if key not in fields or name not in {r.name for r in target.profile.rules.get(key, ())}:
            bad(None, f"There is no rule '{name}' for the field '{key}'.")
    for key, table in mapping.values.items():
        column = fields.get(key)
        if column is None:
            bad(None, f"The {target.word} register has no field '{key}' to map values of.")
            continue
        choices = {value_key(c) for c in column.choices}
        for written, value in table.items():
            if choices and value_key(value) not in choices:
                bad(
                    given.get(key),
                    f"'{written}' is mapped to '{shown(value)}', which is not a "
                    f"{column.header.lower()} QMS Desk knows (one of: "
                    f"{', '.join(column.choices)}).",
                )
    known = {r.name for r in target.profile.legacy}
    for name in mapping.legacy:
        if name not in known:
            bad(None, f"There is no legacy rule '{name}' for the {target.word} register.")
    for column in target.spec.columns:
        if (
            column.required
            and column.key not in given
            and column.key not in mapping.defaults
            and column.key not in mapping.rules
        ):
            bad(
                column.header,
                f"The field '{column.header}' is required, but no column is mapped to it and it "
                "has no default: map a column to it, or give one value for all rows"
                + (" or a rule." if target.profile.rules.get(column.key) else "."),
            )
    return problems


def _translations(target: Target, mapping: Mapping, column: Column) -> dict[str, str]:
    table = {value_key(c): c for c in column.choices}
    table.update(target.profile.values.get(column.key, {}))
    table.update(mapping.values.get(column.key, {}))
    return table


def mapped_table(target: Target, raw: RawSheet, mapping: Mapping) -> Mapped:
    """Read `raw` through `mapping` into the register's sheet shape (writes nothing)."""
    sheet = raw.name
    if raw.problems:
        return Mapped(None, list(raw.problems))
    values = raw.values
    index = (
        mapping.header_row - 1
        if mapping.header_row and 0 < mapping.header_row <= len(values)
        else find_header(values)
    )
    if index is None:
        return Mapped(None, [Problem(sheet, None, None, "This sheet is empty.")])
    if mapping.header_row is None:
        mapping.header_row = index + 1
    header_number = index + 1
    headers = headers_of(values, index)
    out = Mapped(None)
    out.skipped = [
        " ".join(str(v).strip() for v in row if not _blank(v))
        for row in values[:index]
        if any(not _blank(v) for v in row)
    ]
    if out.skipped:
        out.notes.append(
            f"Sheet '{sheet}': the header is on row {header_number}; the row(s) above it were "
            f"skipped ({'; '.join(repr(s[:60]) for s in out.skipped[:3])})."
        )
    problems = check_mapping(target, mapping, headers, sheet)
    if problems:
        out.problems = problems
        return out
    position: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h:
            position.setdefault(normalise_header(h), i)
    fields = {c.key: c for c in target.fields()}
    sources: list[tuple[int, Column, str]] = []
    for header, key in mapping.columns.items():
        if key:
            i = position[normalise_header(header)]
            sources.append((i, fields[key], headers[i]))
    sources.sort(key=lambda s: s[0])
    mapped_at = {i for i, _c, _h in sources}
    out.unmapped = [h for i, h in enumerate(headers) if h and i not in mapped_at]
    if out.unmapped:
        out.notes.append(
            f"Sheet '{sheet}': column(s) {', '.join(repr(h) for h in out.unmapped)} not imported "
            "(mapped to no field)."
        )
    readable = [MatchedColumn(c, j, h) for j, (_i, c, h) in enumerate(sources)]
    mapped_keys = {c.key for _i, c, _h in sources}
    extras: list[Column] = []
    for key in [*mapping.defaults, *mapping.rules]:
        if key not in mapped_keys and key not in {c.key for c in extras}:
            extras.append(fields[key])
    legacy = set(mapping.legacy)
    if (
        OBSOLETE_BEFORE in legacy
        and "obsolete_reason" in fields
        and "status" in mapped_keys
        and "obsolete_reason" not in mapped_keys
        and all(c.key != "obsolete_reason" for c in extras)
    ):
        extras.append(fields["obsolete_reason"])
    next_review = NEXT_REVIEW_KEPT in legacy and "next_review" in mapped_keys
    if next_review and "review_months" not in mapped_keys:
        extras.append(fields["review_months"])
    for column in extras:
        how = (
            f"default '{mapping.defaults[column.key]}'"
            if column.key in mapping.defaults
            else f"rule: {target.rule(column.key, mapping.rules[column.key]).label}"
            if column.key in mapping.rules
            else "legacy rule"
        )
        readable.append(MatchedColumn(column, len(readable), f"{column.header} ({how})"))
    source_at = [i for i, _c, _h in sources]
    width = max(source_at, default=-1) + 1
    padding = [""] * len(extras)
    translate: list[tuple[int, dict[str, str], Column, str]] = []
    for j, (_i, column, header) in enumerate(sources):
        if (
            column.kind == ColumnKind.CHOICE
            or column.key in target.profile.values
            or (column.key in mapping.values)
        ):
            translate.append((j, _translations(target, mapping, column), column, header))
    body = values[index + 1 :]
    rows: list[list[Any]] = []
    number = header_number
    for row in body:
        number += 1
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        cells = [row[i] for i in source_at]
        for j, table, column, header in translate:
            cell = cells[j]
            if cell.__class__ is not str or not cell.strip():
                continue
            found = table.get(value_key(cell))
            if found is not None:
                cells[j] = found
            elif column.choices:
                problems.append(
                    Problem(
                        sheet,
                        number,
                        header,
                        f"'{cell.strip()}' is not a {column.header.lower()} QMS Desk knows, and "
                        f"the mapping maps it to none: map it to one of "
                        f"{', '.join(column.choices)}.",
                    )
                )
                cells[j] = ""
        rows.append(cells + padding if padding else cells)
    marks = {
        (r, source_at.index(c - 1) + 1): kind
        for (r, c), kind in raw.marks.items()
        if c - 1 in mapped_at and r > header_number
    }
    table_rows, cell_problems = _table_rows(
        sheet, readable, rows, header_number + 1, marks, raw.odd_text
    )
    problems.extend(cell_problems)
    _fill(target, mapping, table_rows, extras, out.notes, sheet, next_review)
    matched = {m.column.key: m for m in readable if m.column.key != "next_review"}
    out.problems = problems
    out.table = SheetTable(sheet, target.spec, header_number, matched, table_rows, [])
    out.table.hidden = raw.hidden
    return out


def _fill(
    target: Target,
    mapping: Mapping,
    rows: list[Any],
    extras: list[Column],
    notes: list[str],
    sheet: str,
    next_review: bool,
) -> None:
    """Defaults, rules and legacy rules, on the cells each row leaves empty."""
    fills: list[tuple[str, Callable[[dict[str, object]], object]]] = []
    for key, value in mapping.defaults.items():
        fills.append((key, _constant(value)))
    for key, name in mapping.rules.items():
        fills.append((key, target.rule(key, name).fill))
    obsolete = (
        OBSOLETE_BEFORE in mapping.legacy and any(c.key == "obsolete_reason" for c in extras)
    ) or (OBSOLETE_BEFORE in mapping.legacy and "obsolete_reason" in mapping.columns.values())
    rounded = 0
    for row in rows:
        cells = row.values
        for key, fill in fills:
            value = cells.get(key)
            if value is None or value == "" or (value.__class__ is str and not value.strip()):
                cells[key] = fill(cells)
        # The status is the register's own label by now (the values were translated).
        if obsolete and cells.get("status") == "Obsolete" and _blank(cells.get("obsolete_reason")):
            cells["obsolete_reason"] = OBSOLETE_REASON
        if next_review:
            given = cells.pop("next_review", "")
            if _blank(cells.get("review_months")) and not _blank(given):
                months, exact = _interval(cells, given)
                if months is not None:
                    cells["review_months"] = months
                    rounded += not exact
    if rounded:
        notes.append(
            f"Sheet '{sheet}': {plural(rounded, 'next review date')} "
            f"{'is' if rounded == 1 else 'are'} not a whole number of months "
            "after the effective date or the last review; the interval is the nearest month."
        )


def _constant(value: str) -> Callable[[dict[str, object]], object]:
    return lambda _cells: value


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else parse_date(value)


def _interval(cells: dict[str, object], given: object) -> tuple[int | None, bool]:
    """The review interval in months that gives the next review date written, and whether it
    gives it exactly."""
    try:
        due = given if given.__class__ is dt.date else parse_date(given)
        base = _day(cells.get("last_reviewed")) or _day(cells.get("effective_date"))
    except ValueError:
        return None, True
    if due is None or base is None or due <= base:
        return None, True
    months = (due.year - base.year) * 12 + due.month - base.month
    if add_months(base, months) == due:
        return months, True
    near = min(
        (m for m in (months - 1, months, months + 1) if m > 0),
        key=lambda m: abs((add_months(base, m) - due).days),
    )
    return near, False
