"""A document's fields as a user writes them: the words for types and statuses, the parsers of
typed text and spreadsheet cells, and the rules the fields obey together.

The same rules serve the dialogs, the Excel import and the demo; :mod:`qmsdesk.core.documents`
finds every name here. No database here: a document's fields are plain data
(:class:`qmsdesk.core.vocab.DocumentFields`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from qmsdesk.core.catalogue import clause_numbers
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.text import clean, clean_code, finite_number, fold, shown
from qmsdesk.core.vocab import (
    FIELD_NAMES,
    STATUS_LABELS,
    TYPE_LABELS,
    DocStatus,
    DocType,
    DocumentFields,
)

# Other words people write for the same thing (matched after folding case and spacing).
_TYPE_ALIASES = {
    "external": DocType.EXTERNAL,
    "wi": DocType.WORK_INSTRUCTION,
    "instruction": DocType.WORK_INSTRUCTION,
    "sop": DocType.PROCEDURE,
}
_STATUS_ALIASES = {
    "approved": DocStatus.EFFECTIVE,
    "effective": DocStatus.EFFECTIVE,
    "current": DocStatus.EFFECTIVE,
    "released": DocStatus.EFFECTIVE,
    "review": DocStatus.IN_REVIEW,
    "withdrawn": DocStatus.OBSOLETE,
}

# The longest texts a field takes; the database columns are sized to match.
MAX_LENGTHS = {
    "code": 40,
    "title": 150,
    "process": 80,
    "owner": 80,
    "revision": 20,
    "location": 500,
    "retention": 80,
    "issuer": 150,
}
REVIEW_MONTHS_MAX = 120


_E = TypeVar("_E", bound=StrEnum)


def _key(text: str) -> str:
    """A word as the look-ups below match it: folded case, "_" and "/" as spaces, spaces single."""
    return " ".join(fold(text).replace("_", " ").replace("/", " ").split())


def _words(enum_labels: dict[_E, str], aliases: Mapping[str, _E]) -> dict[str, _E]:
    """Every word that names a member: its value, its label, and the aliases (which give way)."""
    words = dict(aliases)
    for member, label in reversed(enum_labels.items()):  # the first member named wins
        words[_key(member.value)] = member
        words[_key(label)] = member
    return words


_TYPE_WORDS = _words(TYPE_LABELS, _TYPE_ALIASES)
_STATUS_WORDS = _words(STATUS_LABELS, _STATUS_ALIASES)


def parse_type(text: object) -> DocType:
    member = _TYPE_WORDS.get(_key(clean(text)))
    if member is None:
        allowed = ", ".join(TYPE_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a document type. Use one of: {allowed}.")
    return DocType(member)


def parse_status(text: object) -> DocStatus:
    member = _STATUS_WORDS.get(_key(clean(text)))
    if member is None:
        allowed = ", ".join(STATUS_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a status. Use one of: {allowed}.")
    return DocStatus(member)


def parse_clauses(value: object) -> tuple[str, ...]:
    """'8.4, 7.5.1; 7.5' -> ('7.5', '7.5.1', '8.4'): known clauses only, in the standard's order."""
    known = clause_numbers()
    parts = [p.strip().rstrip(".") for p in str(value or "").replace(";", ",").split(",")]
    wanted = [p for p in parts if p]
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise ValueError(
            f"{', '.join(repr(u) for u in unknown)} "
            f"{'is not a clause' if len(unknown) == 1 else 'are not clauses'} of ISO 9001:2015 "
            "(use numbers from 4 to 10.3, such as 7.5.3)."
        )
    return tuple(sorted(set(wanted), key=known.__getitem__))


def parse_months(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = finite_number(value)
    except ValueError:
        raise ValueError(f"'{shown(value)}' is not a number of months.") from None
    if number != int(number) or not 0 <= number <= REVIEW_MONTHS_MAX:
        raise ValueError(
            f"The review interval must be a whole number of months from 0 to {REVIEW_MONTHS_MAX}; "
            f"'{shown(value)}' is not."
        )
    return int(number) or None


_PARSERS = {
    "code": clean_code,
    "doc_type": parse_type,
    "status": parse_status,
    "effective_date": parse_date,
    "last_reviewed": parse_date,
    "edition_checked": parse_date,
    "review_months": parse_months,
    "clauses": parse_clauses,
}


def fields_from_values(
    values: Mapping[str, object],
) -> tuple[DocumentFields | None, list[FieldProblem]]:
    """Parse raw values (typed text or spreadsheet cells) into fields, collecting every problem.

    Keys are DocumentFields names; missing keys take their defaults. The result is also checked with
    :func:`check_fields`, so a caller gets every problem of a row in one go.
    """
    problems: list[FieldProblem] = []
    parsed: dict[str, object] = {}
    for name in FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        parser = _PARSERS.get(name)
        try:
            if parser is not None:
                if name in ("doc_type", "status") and not clean(raw):
                    if name == "doc_type":
                        raise ValueError("A document type is required.")
                    continue  # status defaults to draft
                parsed[name] = parser(raw)
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    if problems or "doc_type" not in parsed:
        if "doc_type" not in parsed and not any(p.field == "doc_type" for p in problems):
            problems.append(FieldProblem("doc_type", "A document type is required."))
        problems.extend(
            p for p in _check_texts(parsed) if p.field not in {q.field for q in problems}
        )
        return None, problems
    result = DocumentFields(**{"code": "", "title": "", **parsed})  # type: ignore[arg-type]
    return result, check_fields(result)


def _check_texts(values: Mapping[str, object]) -> list[FieldProblem]:
    problems = []
    for name, limit in MAX_LENGTHS.items():
        text = values.get(name)
        if isinstance(text, str) and len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    if not values.get("code"):
        problems.append(FieldProblem("code", "A document code is required (for example QP-07-01)."))
    if not values.get("title"):
        problems.append(FieldProblem("title", "A title is required."))
    return problems


def check_fields(f: DocumentFields) -> list[FieldProblem]:
    """Rules a document's fields must satisfy together."""
    problems = _check_texts({n: getattr(f, n) for n in FIELD_NAMES})
    if f.status == DocStatus.EFFECTIVE and f.effective_date is None:
        problems.append(
            FieldProblem(
                "effective_date", "An approved/effective document needs an effective date."
            )
        )
    if f.edition_checked is not None and f.edition_checked > today():
        problems.append(FieldProblem("edition_checked", "cannot be in the future."))
    if f.status == DocStatus.OBSOLETE and not f.obsolete_reason:
        problems.append(FieldProblem("obsolete_reason", "Say why the document is obsolete."))
    if f.review_months and f.effective_date is None and f.last_reviewed is None:
        problems.append(
            FieldProblem(
                "effective_date",
                "A review interval needs an effective date (or a last review date) to count from.",
            )
        )
    return problems
