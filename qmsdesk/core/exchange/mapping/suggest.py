"""Finding a sheet's header row and suggesting which field each of its columns gives: from the
header's words, the register's own headers and aliases (and the profile's), and the cells'
content (dates, codes, people's names)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from qmsdesk.core.exchange.mapping.model import Mapping, value_key
from qmsdesk.core.exchange.mapping.targets import Target
from qmsdesk.core.exchange.workbook.spec import Column, ColumnKind
from qmsdesk.core.text import normalise_header

_LOOK = 20  # the header is within the first 20 rows
_SAMPLE = 200  # rows of content looked at for a suggestion


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def find_header(values: Sequence[Sequence[Any]]) -> int | None:
    """The header row (0-based): the first of the first 20 rows that is as full as the table
    below it and holds text only; the title rows above it (one cell, a company's name, a date
    printed) are skipped. None for an empty sheet."""
    counts = [sum(1 for v in row if not _empty(v)) for row in values[:_LOOK]]
    full = max(counts, default=0)
    if full == 0:
        return None
    wanted = max(2, (full + 1) // 2) if full > 1 else 1
    for index, row in enumerate(values[:_LOOK]):
        if counts[index] >= wanted and all(isinstance(v, str) for v in row if not _empty(v)):
            return index
    return next(i for i, c in enumerate(counts) if c)


def headers_of(values: Sequence[Sequence[Any]], index: int) -> list[str]:
    """The header row's cells as text ("" for an empty one)."""
    return ["" if _empty(v) else str(v).strip() for v in values[index]]


@dataclass(frozen=True)
class Suggestion:
    key: str  # the field
    why: str  # "header", "alias", "words", "content"
    score: float


_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "of", "a", "no", "date", "on", "by", "to", "for", "in"}
_CODE = re.compile(r"^[A-Za-z]{1,5}[-_./ ]?\d[\w\-./]*$")


def _stem(word: str) -> str:
    """'reviewed', 'reviews', 'reviewing' -> 'review' (enough to compare header words)."""
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(normalise_header(text))}


def _names(column: Column, target: Target) -> list[str]:
    return [column.header, *column.aliases, *target.profile.aliases.get(column.key, ())]


def _kind_of(cells: Iterable[object]) -> str:
    """What a column mostly holds: "date", "code", "number", "text" or "" (nothing)."""
    seen = dates = codes = numbers = 0
    for value in cells:
        if _empty(value):
            continue
        seen += 1
        if isinstance(value, dt.date):
            dates += 1
        elif isinstance(value, int | float) and not isinstance(value, bool):
            numbers += 1
        elif isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}", text):
                dates += 1
            elif _CODE.match(text):
                codes += 1
    if not seen:
        return ""
    for kind, count in (("date", dates), ("code", codes), ("number", numbers)):
        if count * 10 >= seen * 8:
            return kind
    return "text"


def suggest(
    target: Target,
    headers: Sequence[str],
    columns: Sequence[Sequence[object]] = (),
    people: Iterable[str] = (),
) -> dict[str, Suggestion]:
    """Header -> the field suggested for it; each field is given to one column at most (the best
    one). `columns` are the cells below each header, `people` the names the company file knows."""
    fields = target.fields()
    exact: dict[str, Column] = {}
    for column in fields:
        for name in _names(column, target):
            exact.setdefault(normalise_header(name), column)
    known_people = {value_key(p) for p in people}
    scored: list[tuple[float, int, str, Suggestion]] = []
    for index, header in enumerate(headers):
        if not header:
            continue
        cells = list(columns[index][:_SAMPLE]) if index < len(columns) else []
        kind = _kind_of(cells)
        found = exact.get(normalise_header(header))
        if found is not None:
            same = normalise_header(header) == normalise_header(found.header)
            why = "header" if same else "alias"
            scored.append((3.0, index, header, Suggestion(found.key, why, 3.0)))
            continue
        words = _words(header) - _STOP or _words(header)
        for column in fields:
            best = 0.0
            for name in _names(column, target):
                theirs = _words(name) - _STOP or _words(name)
                if words and theirs:
                    best = max(best, len(words & theirs) / len(words | theirs))
            if kind == "date" and column.kind == ColumnKind.DATE:
                best += 0.3
            elif kind == "date" and column.kind != ColumnKind.DATE:
                best -= 0.3
            if kind == "code" and column is target.spec.columns[0]:
                best += 0.4
            if known_people and column.key in ("owner", "name", "verified_by", "auditor", "lead"):
                named = sum(1 for v in cells if isinstance(v, str) and value_key(v) in known_people)
                if named and named * 2 >= sum(1 for v in cells if not _empty(v)):
                    best += 0.5
            if best >= 0.5:
                why = "words" if best <= 1.0 and words & _all_words(column, target) else "content"
                scored.append((best, index, header, Suggestion(column.key, why, best)))
    scored.sort(key=lambda s: (-s[0], s[1]))
    out: dict[str, Suggestion] = {}
    taken: set[str] = set()
    for _score, _index, header, suggestion in scored:
        if header in out or suggestion.key in taken:
            continue
        out[header] = suggestion
        taken.add(suggestion.key)
    return out


def _all_words(column: Column, target: Target) -> set[str]:
    found: set[str] = set()
    for name in _names(column, target):
        found |= _words(name)
    return found


def suggested_mapping(
    target: Target,
    sheet: str,
    values: Sequence[Sequence[Any]],
    people: Iterable[str] = (),
    header_row: int | None = None,
) -> Mapping:
    """A first mapping for a sheet: the header found (or the `header_row` given, as Excel
    numbers it), each column's suggestion, the profile's values, the rules for required fields
    left out, and the legacy rules on."""
    index = header_row - 1 if header_row else find_header(values) or 0
    headers = headers_of(values, index) if values else []
    body = values[index + 1 : index + 1 + _SAMPLE]
    columns = [[row[i] if i < len(row) else "" for row in body] for i in range(len(headers))]
    found = suggest(target, headers, columns, people)
    mapping = Mapping(
        register=target.word,
        sheet=sheet,
        headers=tuple(headers),
        columns={h: s.key for h, s in found.items()},
        header_row=index + 1,
        legacy=tuple(rule.name for rule in target.profile.legacy),
    )
    mapped = set(mapping.columns.values())
    for key, written in _written_values(mapping, values).items():
        known = target.profile.values.get(key, {})
        found_values = {value_key(w): known[value_key(w)] for w in written if value_key(w) in known}
        if found_values:
            mapping.values[key] = found_values
    for column in target.spec.columns:
        rules = target.profile.rules.get(column.key, ())
        if column.key not in mapped and rules:
            mapping.rules[column.key] = rules[0].name
    return mapping


def _written_values(mapping: Mapping, values: Sequence[Sequence[Any]]) -> dict[str, set[str]]:
    """Field -> the texts written in its column."""
    index = (mapping.header_row or 1) - 1
    headers = headers_of(values, index) if values else []
    out: dict[str, set[str]] = {}
    for position, header in enumerate(headers):
        key = mapping.columns.get(header)
        if key:
            out[key] = {
                row[position].strip()
                for row in values[index + 1 :]
                if position < len(row) and isinstance(row[position], str) and row[position].strip()
            }
    return out


def unknown_values(
    target: Target, mapping: Mapping, values: Sequence[Sequence[Any]]
) -> dict[str, list[str]]:
    """Field -> the values written in its column that the register does not know and the
    mapping does not map yet (for the wizard to ask about), each once, in sheet order."""
    index = (mapping.header_row or 1) - 1
    headers = headers_of(values, index) if values else []
    out: dict[str, list[str]] = {}
    for position, header in enumerate(headers):
        key = mapping.columns.get(header)
        if not key:
            continue
        column = target.spec.column(key)
        choices = {value_key(c) for c in column.choices}
        if not choices:
            continue
        seen: dict[str, str] = {}
        for row in values[index + 1 :]:
            cell = row[position] if position < len(row) else ""
            if not isinstance(cell, str) or not cell.strip():
                continue
            folded = value_key(cell)
            if folded in choices or folded in seen or mapping.value_for(key, cell) is not None:
                continue
            seen[folded] = cell.strip()
        if seen:
            out[key] = list(seen.values())
    return out
